package dev.ferry.dataframe;

import dev.ferry.blob.BlobStoreException;
import dev.ferry.engine.FerryException;
import dev.ferry.engine.LiteralConversionException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the bytes of a dataset file cannot be decoded: a corrupt or truncated Parquet file or
 * Arrow IPC stream, or one whose lengths and offsets point outside the file. A data error (the
 * executor reports it as the user's): it names the file and where in it decoding failed ({@code
 * "footer"}, {@code "row group 2"}, {@code "batch 5"}), and carries the decoder's exception as its
 * cause.
 *
 * <pre>
 * expected a readable parquet file but was 'memory://bucket/ds/00000' whose row group 0 cannot be
 * decoded (dictionary index 9 of a dictionary of 2 values) at inputs.df
 * </pre>
 */
public class CorruptDatasetException extends LiteralConversionException {
  private static final long serialVersionUID = 1L;

  private final URI file;
  private final String where;

  /**
   * Creates the exception.
   *
   * @param format the file's format, such as {@code "parquet"}
   * @param file the file that cannot be decoded
   * @param where where in the file: {@code "footer"}, {@code "row group 2"}, {@code "batch 5"}
   * @param detail what is wrong, as the decoder said it
   * @param cause the decoder's exception
   */
  public CorruptDatasetException(
      String format, URI file, String where, String detail, @Nullable Throwable cause) {
    super(
        "a readable " + format + " file",
        "'" + file + "' whose " + where + " cannot be decoded (" + detail + ")",
        null,
        null,
        cause);
    this.file = file;
    this.where = where;
  }

  /** Returns the file that cannot be decoded. */
  public URI file() {
    return file;
  }

  /** Returns where in the file decoding failed: {@code "footer"}, {@code "row group 2"}, ... */
  public String where() {
    return where;
  }

  /**
   * Returns what to throw for {@code t}, thrown while {@code where} of {@code file} was decoded:
   * Ferry's own exceptions as they are; a failure of the store (a {@link BlobStoreException} or
   * {@link FileNotFoundException} anywhere in the causes) is thrown as that {@link IOException};
   * errors other than linkage errors are thrown as they are; anything else means the bytes do not
   * decode and becomes a {@code CorruptDatasetException}.
   */
  public static RuntimeException of(String format, URI file, String where, Throwable t)
      throws IOException {
    if (t instanceof FerryException f) {
      return f;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BlobStoreException || c instanceof FileNotFoundException) {
        throw (IOException) c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    if (t instanceof Error e && !(e instanceof LinkageError)) {
      throw e;
    }
    String detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (detail.length() > 500) {
      detail = detail.substring(0, 500) + "...";
    }
    return new CorruptDatasetException(format, file, where, detail, t);
  }
}
