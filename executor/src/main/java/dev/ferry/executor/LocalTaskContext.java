package dev.ferry.executor;

import dev.ferry.blob.BlobStores;
import dev.ferry.executor.internal.Blobs;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskContext;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The {@link TaskContext} of one attempt. */
final class LocalTaskContext implements TaskContext {
  static final String CHECKPOINT_FILE = "checkpoint";

  private final Task<?, ?> task;
  private final ActionExecution.Attempt attempt;
  private final ActionPaths paths;
  private final BlobStores stores;
  private final Mode mode;
  private final Map<String, String> secrets;
  private final StringBuilder report = new StringBuilder();

  LocalTaskContext(
      Task<?, ?> task,
      ActionExecution.Attempt attempt,
      ActionPaths paths,
      BlobStores stores,
      Mode mode,
      Map<String, String> secrets) {
    this.task = task;
    this.attempt = attempt;
    this.paths = paths;
    this.stores = stores;
    this.mode = mode;
    this.secrets = secrets;
  }

  @Override
  public String runName() {
    return attempt.runName();
  }

  @Override
  public String actionName() {
    return attempt.actionName();
  }

  @Override
  public String taskName() {
    return task.name();
  }

  @Override
  public int attempt() {
    return attempt.number();
  }

  @Override
  public URI rawDataPrefix() {
    return paths.rawOutputPrefix();
  }

  @Override
  public Mode mode() {
    return mode;
  }

  @Override
  public URI checkpointPrefix() {
    return paths.checkpointPrefix();
  }

  @Override
  public Optional<URI> previousCheckpointPrefix() {
    return paths.previousCheckpoint();
  }

  @Override
  public Optional<byte[]> previousCheckpoint() throws IOException {
    Optional<URI> prev = paths.previousCheckpoint();
    if (prev.isEmpty()) {
      return Optional.empty();
    }
    return Blobs.readIfExists(stores, URI.create(prev.get() + "/" + CHECKPOINT_FILE));
  }

  @Override
  public void writeCheckpoint(byte[] bytes) throws IOException {
    Blobs.write(stores, URI.create(paths.checkpointPrefix() + "/" + CHECKPOINT_FILE), bytes);
  }

  @Override
  public synchronized void appendReport(String html) {
    report.append(html).append('\n');
  }

  synchronized String report() {
    return report.toString();
  }

  @Override
  public String secret(String name) {
    String v = secrets.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "task "
              + task.name()
              + " declared no secret '"
              + name
              + "': it declared "
              + new java.util.TreeSet<>(secrets.keySet()));
    }
    return v;
  }

  @Override
  public String toString() {
    return "TaskContext{"
        + attempt.runName()
        + "/"
        + attempt.actionName()
        + "#"
        + attempt.number()
        + "}";
  }
}
