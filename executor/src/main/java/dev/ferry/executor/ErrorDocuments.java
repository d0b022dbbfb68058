package dev.ferry.executor;

import com.google.protobuf.Timestamp;
import dev.ferry.engine.DataTransferException;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.idl.core.ContainerError;
import dev.ferry.idl.core.ErrorDocument;
import dev.ferry.idl.core.ExecutionError;
import dev.ferry.sdk.ErrorCode;
import dev.ferry.sdk.RecoverableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failure into the {@code ContainerError} of an {@code error.pb}, as the Python SDK 1.16
 * fills it (CONTAINER.md, section 3):
 *
 * <table>
 *   <caption>codes, kinds and origins</caption>
 *   <tr><th>failure</th><th>code</th><th>kind</th><th>origin</th></tr>
 *   <tr><td>exception from user code</td><td>its {@link ErrorCode}, else {@code USER:RuntimeError}
 *       ({@code USER:Recoverable} for {@link RecoverableException})</td><td>NON_RECOVERABLE
 *       (RECOVERABLE for {@link RecoverableException})</td><td>USER</td></tr>
 *   <tr><td>data that does not fit its type ({@link LiteralConversionException}), a type the
 *       engine cannot handle ({@link TypeDefinitionException}), a missing secret</td>
 *       <td>{@code USER:RuntimeError}</td><td>NON_RECOVERABLE</td><td>USER</td></tr>
 *   <tr><td>an attempt over its max runtime</td><td>{@code USER:Timeout}</td><td>RECOVERABLE</td>
 *       <td>USER</td></tr>
 *   <tr><td>a store failure ({@link DataTransferException}, I/O)</td><td>{@code SYSTEM}</td>
 *       <td>RECOVERABLE unless the transfer says it is not retryable</td><td>SYSTEM</td></tr>
 * </table>
 *
 * <p>The message has the Python layout, {@code "Trace:\n\n<stack>\nMessage:\n\n<Type: text>"}, with
 * every secret value the task resolved replaced by {@code [secret]}.
 */
public final class ErrorDocuments {
  /** The code of an attempt over its max runtime. */
  public static final String TIMEOUT = "USER:Timeout";

  private ErrorDocuments() {}

  /** Returns the error of a failure raised while running user code (or converting its data). */
  public static ContainerError fromUser(Throwable t, Collection<String> secrets) {
    Throwable root = unwrapSystem(t);
    if (root != null) {
      return fromSystem(root, secrets);
    }
    boolean recoverable = t instanceof RecoverableException;
    String code =
        t instanceof ErrorCode ec
            ? ec.errorCode()
            : recoverable ? "USER:Recoverable" : "USER:RuntimeError";
    return build(
        code,
        recoverable ? ContainerError.Kind.RECOVERABLE : ContainerError.Kind.NON_RECOVERABLE,
        ExecutionError.ErrorKind.USER,
        message(t, secrets));
  }

  /** Returns the error of a failure of the executor or the store. */
  public static ContainerError fromSystem(Throwable t, Collection<String> secrets) {
    boolean retryable = !(t instanceof DataTransferException d) || d.retryable();
    return build(
        "SYSTEM",
        retryable ? ContainerError.Kind.RECOVERABLE : ContainerError.Kind.NON_RECOVERABLE,
        ExecutionError.ErrorKind.SYSTEM,
        message(t, secrets));
  }

  /** Returns a user error with {@code text} and no trace (a missing secret, a bad definition). */
  public static ContainerError userError(String code, boolean recoverable, String text) {
    return build(
        code,
        recoverable ? ContainerError.Kind.RECOVERABLE : ContainerError.Kind.NON_RECOVERABLE,
        ExecutionError.ErrorKind.USER,
        "Message:\n\n    " + text);
  }

  /** Returns the error document holding {@code error}. */
  public static ErrorDocument document(ContainerError error) {
    return ErrorDocument.newBuilder().setError(error).build();
  }

  /** Returns the transfer failure behind {@code t}, if the failure was the store's. */
  private static @Nullable Throwable unwrapSystem(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DataTransferException) {
        return c;
      }
      if (c instanceof LiteralConversionException || c instanceof TypeDefinitionException) {
        return null;
      }
      if (c instanceof IOException || c instanceof UncheckedIOException) {
        return c == t ? c : null;
      }
    }
    return null;
  }

  private static ContainerError build(
      String code, ContainerError.Kind kind, ExecutionError.ErrorKind origin, String message) {
    Instant now = Instant.now();
    return ContainerError.newBuilder()
        .setCode(code)
        .setMessage(message)
        .setKind(kind)
        .setOrigin(origin)
        .setTimestamp(
            Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .build();
  }

  static String message(Throwable t, Collection<String> secrets) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    String text = t.getClass().getSimpleName() + ": " + t.getMessage();
    String m = "Trace:\n\n" + indent(trace.toString()) + "\nMessage:\n\n" + indent(text);
    return mask(m, secrets);
  }

  /** Returns {@code text} with every secret value replaced by {@code [secret]}. */
  public static String mask(String text, Collection<String> secrets) {
    String out = text;
    for (String s : secrets) {
      if (!s.isEmpty()) {
        out = out.replace(s, "[secret]");
      }
    }
    return out;
  }

  private static String indent(String s) {
    StringBuilder sb = new StringBuilder();
    for (String line : s.split("\n", -1)) {
      if (!line.isEmpty()) {
        sb.append("    ").append(line);
      }
      sb.append('\n');
    }
    return sb.toString().stripTrailing() + "\n";
  }
}
