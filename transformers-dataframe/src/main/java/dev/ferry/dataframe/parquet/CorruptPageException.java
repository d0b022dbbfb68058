package dev.ferry.dataframe.parquet;

/**
 * Thrown inside the vectorized decoders when page bytes contradict the format; {@link
 * ColumnDecoder} turns it into an {@link java.io.IOException} naming the file and the column.
 */
final class CorruptPageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CorruptPageException(String message) {
    super(message, null, false, false);
  }
}
