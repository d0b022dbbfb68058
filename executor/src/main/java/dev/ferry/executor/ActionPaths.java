package dev.ferry.executor;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Where one attempt of an action reads and writes, as the Flyte backend hands them to a pod: the
 * inputs document, the output prefix ({@code outputs.pb} or {@code error.pb} go there), the raw
 * output prefix, this attempt's checkpoint prefix and the previous attempt's.
 *
 * @param inputs the URI of {@code inputs.pb}
 * @param outputPrefix the directory of {@code outputs.pb} / {@code error.pb}
 * @param rawOutputPrefix where files, directories, datasets and offloaded literals go
 * @param checkpointPrefix where this attempt writes its checkpoint
 * @param previousCheckpointPrefix the previous attempt's checkpoint prefix, or null
 * @param inputIndex -1 when {@code inputs} holds this action's own inputs; else {@code inputs} is a
 *     map's document (each variable a collection, as the backend hands an {@code ArrayNode}'s
 *     subtasks their node's {@code inputs.pb}) and this action's inputs are element {@code
 *     inputIndex} of every collection
 */
public record ActionPaths(
    URI inputs,
    URI outputPrefix,
    URI rawOutputPrefix,
    URI checkpointPrefix,
    @Nullable URI previousCheckpointPrefix,
    int inputIndex) {
  public ActionPaths {
    Objects.requireNonNull(inputs, "inputs");
    if (inputIndex < -1) {
      throw new IllegalArgumentException(
          "input index must be -1 (none) or at least 0 but was '" + inputIndex + "'");
    }
    outputPrefix = trim(outputPrefix);
    rawOutputPrefix = trim(rawOutputPrefix);
    checkpointPrefix = trim(checkpointPrefix);
    previousCheckpointPrefix =
        previousCheckpointPrefix == null ? null : trim(previousCheckpointPrefix);
  }

  /** Paths whose {@code inputs} document holds this action's own inputs. */
  public ActionPaths(
      URI inputs,
      URI outputPrefix,
      URI rawOutputPrefix,
      URI checkpointPrefix,
      @Nullable URI previousCheckpointPrefix) {
    this(inputs, outputPrefix, rawOutputPrefix, checkpointPrefix, previousCheckpointPrefix, -1);
  }

  /**
   * Returns these paths reading their inputs as element {@code index} of the map document {@code
   * document} instead of an {@code inputs.pb} of their own.
   */
  public ActionPaths withInputElement(URI document, int index) {
    if (index < 0) {
      throw new IllegalArgumentException(
          "element index must be at least 0 but was '" + index + "'");
    }
    return new ActionPaths(
        document, outputPrefix, rawOutputPrefix, checkpointPrefix, previousCheckpointPrefix, index);
  }

  /** Returns the element of a map document the inputs are, if they are one. */
  public OptionalInt inputElement() {
    return inputIndex < 0 ? OptionalInt.empty() : OptionalInt.of(inputIndex);
  }

  /**
   * Returns where the inputs are, for messages: the document, with {@code [index]} for an element.
   */
  public String inputsWhere() {
    return inputIndex < 0 ? inputs.toString() : inputs + "[" + inputIndex + "]";
  }

  /**
   * Returns the layout of an attempt under {@code attemptDir}: {@code inputs.pb}, {@code
   * outputs.pb}/{@code error.pb} there, raw data under {@code raw}, checkpoints under {@code
   * raw/_flytecheckpoints}.
   */
  public static ActionPaths under(URI attemptDir, @Nullable URI previousCheckpointPrefix) {
    String dir = trim(attemptDir).toString();
    return new ActionPaths(
        URI.create(dir + "/inputs.pb"),
        URI.create(dir),
        URI.create(dir + "/raw"),
        URI.create(dir + "/raw/_flytecheckpoints"),
        previousCheckpointPrefix);
  }

  /** Returns the URI of {@code outputs.pb}. */
  public URI outputs() {
    return URI.create(outputPrefix + "/outputs.pb");
  }

  /** Returns the URI of {@code error.pb}. */
  public URI error() {
    return URI.create(outputPrefix + "/error.pb");
  }

  /** Returns the URI of the report this attempt's task appended to. */
  public URI report() {
    return URI.create(outputPrefix + "/report.html");
  }

  /**
   * Returns where output {@code name} goes when it is offloaded into the output prefix: {@code
   * <output prefix>/<name>_offloaded_metadata.pb} (CONTAINER.md section 3).
   */
  public URI offloaded(String name) {
    return URI.create(outputPrefix + "/" + name + "_offloaded_metadata.pb");
  }

  /** Returns the previous attempt's checkpoint prefix. */
  public Optional<URI> previousCheckpoint() {
    return Optional.ofNullable(previousCheckpointPrefix);
  }

  private static URI trim(URI uri) {
    String s = Objects.requireNonNull(uri, "uri").toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
  }
}
