package dev.ferry.dataframe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The dataset encoders and decoders, keyed by (Java type, protocol, format), chosen as the Python
 * SDK chooses its handlers. For a type, a protocol (the URI scheme of the dataset) and a format:
 *
 * <ol>
 *   <li>a handler of that protocol and format;
 *   <li>a handler of every protocol ({@code ""}) and that format;
 *   <li>a handler of that protocol, then of every protocol, for any format ({@code ""});
 *   <li>when no format is asked ({@code ""}): a handler of the type's default format ({@link
 *       #defaultFormat}, {@code "parquet"} unless set), of that protocol, then of every protocol;
 *   <li>the sole handler of the type for that protocol or every protocol, if there is exactly one.
 * </ol>
 *
 * Handlers added to the builder come first, then those discovered with {@link ServiceLoader}
 * (sorted by class name), then the built-ins: {@code List} of records and {@link VectorSchemaRoot}
 * to Parquet ({@code "parquet"}, the default format) and to Arrow IPC streams ({@code "arrow"}),
 * and either format to a {@code List} of records, a {@link VectorSchemaRoot} (the whole table) or
 * an {@link org.apache.arrow.vector.ipc.ArrowReader} (batches streamed across the files). Among
 * handlers with the same key the first wins. Immutable and thread-safe.
 */
public final class DatasetHandlers {
  private static final class Defaults {
    static final DatasetHandlers INSTANCE = builder().build();
  }

  private final List<DatasetEncoder<?>> encoders;
  private final List<DatasetDecoder<?>> decoders;
  private final Map<Class<?>, String> defaultFormats;

  private DatasetHandlers(
      List<DatasetEncoder<?>> encoders,
      List<DatasetDecoder<?>> decoders,
      Map<Class<?>, String> defaultFormats) {
    this.encoders = List.copyOf(encoders);
    this.decoders = List.copyOf(decoders);
    this.defaultFormats = Map.copyOf(defaultFormats);
  }

  /** Returns the discovered and built-in handlers. */
  public static DatasetHandlers defaults() {
    return Defaults.INSTANCE;
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the default format of {@code type}: {@code "parquet"} unless set. */
  public String defaultFormat(Class<?> type) {
    return defaultFormats.getOrDefault(type, StructuredDataset.PARQUET);
  }

  /**
   * Returns the encoder of {@code type} for {@code protocol} and {@code format} ("" for any).
   *
   * @throws IllegalArgumentException if there is none, naming those registered for the type
   */
  @SuppressWarnings("unchecked")
  public <T> DatasetEncoder<? super T> encoder(Class<T> type, String protocol, String format) {
    return (DatasetEncoder<? super T>)
        find(
            "encoder",
            encoders,
            type,
            protocol,
            format,
            e -> e.type().isAssignableFrom(type),
            DatasetEncoder::protocol,
            DatasetEncoder::format);
  }

  /**
   * Returns the decoder to {@code type} for {@code protocol} and {@code format} ("" for any).
   *
   * @throws IllegalArgumentException if there is none, naming those registered for the type
   */
  @SuppressWarnings("unchecked")
  public <T> DatasetDecoder<? extends T> decoder(Class<T> type, String protocol, String format) {
    return (DatasetDecoder<? extends T>)
        find(
            "decoder",
            decoders,
            type,
            protocol,
            format,
            d -> type.isAssignableFrom(d.type()),
            DatasetDecoder::protocol,
            DatasetDecoder::format);
  }

  private <H> H find(
      String kind,
      List<H> all,
      Class<?> type,
      String protocol,
      String format,
      java.util.function.Predicate<H> forType,
      Function<H, String> protocolOf,
      Function<H, String> formatOf) {
    List<H> candidates = all.stream().filter(forType).toList();
    List<String[]> keys = new ArrayList<>();
    keys.add(new String[] {protocol, format});
    keys.add(new String[] {"", format});
    keys.add(new String[] {protocol, ""});
    keys.add(new String[] {"", ""});
    if (format.isEmpty()) {
      String def = defaultFormat(type);
      keys.add(new String[] {protocol, def});
      keys.add(new String[] {"", def});
    }
    for (String[] key : keys) {
      for (H h : candidates) {
        if (protocolOf.apply(h).equals(key[0]) && formatOf.apply(h).equals(key[1])) {
          return h;
        }
      }
    }
    List<H> usable =
        candidates.stream()
            .filter(h -> protocolOf.apply(h).isEmpty() || protocolOf.apply(h).equals(protocol))
            .toList();
    if (format.isEmpty() && usable.size() == 1) {
      return usable.get(0);
    }
    throw new IllegalArgumentException(
        "no dataset "
            + kind
            + " for "
            + type.getName()
            + ", protocol '"
            + protocol
            + "', format '"
            + format
            + "'; registered for the type: "
            + candidates.stream()
                .map(h -> "('" + protocolOf.apply(h) + "', '" + formatOf.apply(h) + "')")
                .toList()
            + ": add one with DatasetHandlers.builder().add(...)");
  }

  /** Builds {@link DatasetHandlers}. */
  public static final class Builder {
    private final List<DatasetEncoder<?>> encoders = new ArrayList<>();
    private final List<DatasetDecoder<?>> decoders = new ArrayList<>();
    private final Map<Class<?>, String> defaultFormats = new java.util.HashMap<>();
    private boolean discover = true;

    private Builder() {}

    /** Adds an encoder in front of the discovered and built-in ones. */
    public Builder add(DatasetEncoder<?> encoder) {
      encoders.add(Objects.requireNonNull(encoder, "encoder"));
      return this;
    }

    /** Adds a decoder in front of the discovered and built-in ones. */
    public Builder add(DatasetDecoder<?> decoder) {
      decoders.add(Objects.requireNonNull(decoder, "decoder"));
      return this;
    }

    /** Sets the format used for {@code type} when none is asked. */
    public Builder defaultFormat(Class<?> type, String format) {
      defaultFormats.put(Objects.requireNonNull(type), Objects.requireNonNull(format));
      return this;
    }

    /** Sets whether handlers are discovered with {@link ServiceLoader} (default true). */
    public Builder discover(boolean discover) {
      this.discover = discover;
      return this;
    }

    /** Returns the registry. */
    public DatasetHandlers build() {
      List<DatasetEncoder<?>> e = new ArrayList<>(encoders);
      List<DatasetDecoder<?>> d = new ArrayList<>(decoders);
      if (discover) {
        e.addAll(discovered(DatasetEncoder.class));
        d.addAll(discovered(DatasetDecoder.class));
      }
      e.add(ParquetHandlers.ROWS_ENCODER);
      e.add(ParquetHandlers.ARROW_ENCODER);
      e.add(IpcHandlers.ROWS_ENCODER);
      e.add(IpcHandlers.ARROW_ENCODER);
      d.add(ParquetHandlers.ROWS_DECODER);
      d.add(ArrowDecoders.table(StructuredDataset.PARQUET));
      d.add(ArrowDecoders.reader(StructuredDataset.PARQUET));
      d.add(IpcHandlers.ROWS_DECODER);
      d.add(ArrowDecoders.table(StructuredDataset.ARROW));
      d.add(ArrowDecoders.reader(StructuredDataset.ARROW));
      return new DatasetHandlers(e, d, defaultFormats);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <H> List<H> discovered(Class<?> service) {
      List<H> found = new ArrayList<>();
      ServiceLoader.load((Class) service, DatasetHandlers.class.getClassLoader()).stream()
          .sorted(Comparator.comparing(p -> ((ServiceLoader.Provider<?>) p).type().getName()))
          .forEach(p -> found.add((H) ((ServiceLoader.Provider<?>) p).get()));
      return found;
    }
  }

  @Override
  public String toString() {
    return "DatasetHandlers{" + encoders.size() + " encoders, " + decoders.size() + " decoders}";
  }
}
