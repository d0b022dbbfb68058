package dev.ferry.engine;

import dev.ferry.idl.core.LiteralType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at conversion when a value does not fit its type, or a literal does not fit the Java type
 * it is read as: {@code expected one of [RED, GREEN] but was 'BLUE' at inputs.order.color}.
 *
 * <p>Transformers throw it with what they expected and what they found; containers add the
 * element's place ({@link #atIndex}, {@link #atField}, {@link #atKey}) as it propagates, and the
 * engine adds the root path of the {@link TransformContext}. Nothing is built on the success path.
 */
public class LiteralConversionException extends FerryException {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String expected;
  private final String actual;
  private final @Nullable Type javaType;
  private final @Nullable LiteralType literalType;
  private final Deque<String> segments = new ArrayDeque<>();
  private String root = "";

  /**
   * Creates the exception.
   *
   * @param expected what was expected, for example {@code one of [RED, GREEN]}
   * @param actual what was found, values in quotes: {@code 'BLUE'}
   * @param javaType the Java type being converted, if known
   * @param literalType the literal type being converted, if known
   */
  public LiteralConversionException(
      String expected,
      String actual,
      @Nullable Type javaType,
      @Nullable LiteralType literalType,
      @Nullable Throwable cause) {
    super(cause);
    this.expected = expected;
    this.actual = actual;
    this.javaType = javaType;
    this.literalType = literalType;
  }

  /** Creates the exception without a cause. */
  public LiteralConversionException(
      String expected, String actual, @Nullable Type javaType, @Nullable LiteralType literalType) {
    this(expected, actual, javaType, literalType, null);
  }

  /** Returns what was expected. */
  public String expected() {
    return expected;
  }

  /** Returns what was found. */
  public String actual() {
    return actual;
  }

  /** Returns the Java type being converted where the error happened, if known. */
  public @Nullable Type javaType() {
    return javaType;
  }

  /** Returns the literal type being converted where the error happened, if known. */
  public @Nullable LiteralType literalType() {
    return literalType;
  }

  /** Returns the path of the value: {@code inputs.order.items[3].color}. */
  public String path() {
    StringBuilder sb = new StringBuilder(root);
    for (String s : segments) {
      if (sb.length() == 0 && s.startsWith(".")) {
        sb.append(s, 1, s.length());
      } else {
        sb.append(s);
      }
    }
    return sb.length() == 0 ? "<root>" : sb.toString();
  }

  /** Marks the error as inside element {@code index} of a collection; returns this. */
  public LiteralConversionException atIndex(int index) {
    segments.addFirst("[" + index + "]");
    return this;
  }

  /** Marks the error as inside field {@code name} of a record; returns this. */
  public LiteralConversionException atField(String name) {
    segments.addFirst("." + name);
    return this;
  }

  /** Marks the error as inside entry {@code key} of a map; returns this. */
  public LiteralConversionException atKey(String key) {
    segments.addFirst(
        IDENTIFIER.matcher(key).matches() ? "." + key : "[\"" + key.replace("\"", "\\\"") + "\"]");
    return this;
  }

  /** Sets the root path (the context's path) in front of the segments; returns this. */
  public LiteralConversionException withRoot(String rootPath) {
    if (root.isEmpty()) {
      root = rootPath;
    }
    return this;
  }

  @Override
  public String getMessage() {
    return "expected " + expected + " but was " + actual + " at " + path();
  }
}
