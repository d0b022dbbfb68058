package dev.ferry.dataframe;

import java.io.IOException;

/**
 * Makes the built-in encoders and decoders from a function, so each built-in handler is its type,
 * format and body (see {@link ParquetHandlers}, {@link IpcHandlers}, {@link ArrowDecoders}); their
 * {@code toString} is {@code "<type> -> <format>"} or {@code "<format> -> <type>"}.
 */
final class BuiltInHandlers {
  private BuiltInHandlers() {}

  /** What an encoder does. */
  @FunctionalInterface
  interface Encode<T> {
    void encode(T value, DatasetLocation target) throws IOException;
  }

  /** What a decoder does. */
  @FunctionalInterface
  interface Decode<T> {
    T decode(DatasetLocation source) throws IOException;
  }

  /** Returns an encoder of {@code type} to {@code format}; {@code name} names the type. */
  static <T> DatasetEncoder<T> encoder(
      Class<T> type, String name, String format, Encode<? super T> body) {
    return new DatasetEncoder<>() {
      @Override
      public Class<T> type() {
        return type;
      }

      @Override
      public String format() {
        return format;
      }

      @Override
      public void encode(T value, DatasetLocation target) throws IOException {
        body.encode(value, target);
      }

      @Override
      public String toString() {
        return name + " -> " + format;
      }
    };
  }

  /** Returns a decoder of {@code format} to {@code type}; {@code name} names the type. */
  static <T> DatasetDecoder<T> decoder(
      Class<T> type, String name, String format, Decode<? extends T> body) {
    return new DatasetDecoder<>() {
      @Override
      public Class<T> type() {
        return type;
      }

      @Override
      public String format() {
        return format;
      }

      @Override
      public T decode(DatasetLocation source) throws IOException {
        return body.decode(source);
      }

      @Override
      public String toString() {
        return format + " -> " + name;
      }
    };
  }
}
