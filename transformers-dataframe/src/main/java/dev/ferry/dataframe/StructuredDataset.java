package dev.ferry.dataframe;

import dev.ferry.dataframe.parquet.ParquetOptions;
import dev.ferry.dataframe.parquet.RowSchema;
import dev.ferry.engine.TypeRef;
import dev.ferry.transformers.blob.DataPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.jspecify.annotations.Nullable;

/**
 * A dataframe as Flyte passes it between tasks: a directory of data files ({@code {uri}/00000},
 * {@code 00001}, ...) in a format ({@code "parquet"} by default), with the columns the producer
 * declared.
 *
 * <p>A dataset is either rows still to write ({@link #of(List, Class)}: written as Parquet under
 * the raw-output prefix when it becomes a literal), or a reference to data that exists ({@link
 * #of(URI)}, or a dataset read from a literal): a reference passes from one task to the next as its
 * URI, never re-encoded. Read one with {@link #open(Class)}: the record type says which columns to
 * read, and only those are fetched and decoded.
 *
 * <pre>{@code
 * record Trade(String symbol, long quantity, double price, Instant at) {}
 * record Price(String symbol, double price) {}
 *
 * StructuredDataset out = StructuredDataset.of(trades, Trade.class);      // a task's output
 * List<Price> prices = in.open(Price.class).all();                        // two columns read
 * }</pre>
 */
public final class StructuredDataset {
  /** The default format. */
  public static final String PARQUET = "parquet";

  /**
   * Arrow IPC, in the stream format (see {@link #withFormat}). Flyte's IDL and flytekit name no
   * Arrow file format (flytekit has {@code "parquet"} and {@code "csv"}); {@code "arrow"} is the
   * name Ferry gives it, as it names {@code external_schema_type}.
   */
  public static final String ARROW = "arrow";

  private final @Nullable URI uri;
  private final String format;
  private final List<DatasetColumn> columns;
  private final @Nullable Rows<?> rows;
  private final @Nullable VectorSchemaRoot arrow;
  private final @Nullable Value<?> value;
  private final @Nullable DataPlane plane;
  private final DataframeSettings settings;

  /** A dataframe value still to write through a {@link DatasetEncoder}. */
  record Value<T>(T value, TypeRef<T> type, DatasetHandlers handlers) {}

  /** Rows still to be written. */
  record Rows<R extends Record>(
      List<R> rows, RowSchema<R> schema, ParquetOptions options, long maxFileBytes) {}

  private StructuredDataset(
      @Nullable URI uri,
      String format,
      List<DatasetColumn> columns,
      @Nullable Rows<?> rows,
      @Nullable DataPlane plane) {
    this(uri, format, columns, rows, null, plane);
  }

  private StructuredDataset(
      @Nullable URI uri,
      String format,
      List<DatasetColumn> columns,
      @Nullable Rows<?> rows,
      @Nullable VectorSchemaRoot arrow,
      @Nullable DataPlane plane) {
    this(uri, format, columns, rows, arrow, null, plane);
  }

  private StructuredDataset(
      @Nullable URI uri,
      String format,
      List<DatasetColumn> columns,
      @Nullable Rows<?> rows,
      @Nullable VectorSchemaRoot arrow,
      @Nullable Value<?> value,
      @Nullable DataPlane plane) {
    this(uri, format, columns, rows, arrow, value, plane, DataframeSettings.defaults());
  }

  private StructuredDataset(
      @Nullable URI uri,
      String format,
      List<DatasetColumn> columns,
      @Nullable Rows<?> rows,
      @Nullable VectorSchemaRoot arrow,
      @Nullable Value<?> value,
      @Nullable DataPlane plane,
      DataframeSettings settings) {
    this.settings = settings;
    this.value = value;
    this.uri = uri;
    this.format = format;
    this.columns = List.copyOf(columns);
    this.rows = rows;
    this.arrow = arrow;
    this.plane = plane;
  }

  /**
   * Returns a dataset of {@code rows}, written as one Parquet file ({@code {uri}/00000}, SNAPPY)
   * when it is converted to a literal. The list is not copied: do not change it before then.
   */
  public static <R extends Record> StructuredDataset of(List<R> rows, Class<R> rowType) {
    Objects.requireNonNull(rows, "rows");
    return new StructuredDataset(
        null,
        PARQUET,
        List.of(),
        new Rows<>(rows, RowSchema.of(rowType), ParquetOptions.defaults(), Long.MAX_VALUE),
        null);
  }

  /**
   * Returns a dataset of one Arrow record batch, written as one Parquet file ({@code {uri}/00000},
   * SNAPPY) when it is converted to a literal. The root stays the caller's: keep it open and
   * unchanged until then.
   */
  public static StructuredDataset of(VectorSchemaRoot batch) {
    Objects.requireNonNull(batch, "batch");
    return new StructuredDataset(null, PARQUET, List.of(), null, batch, null);
  }

  /**
   * Returns a dataset of any dataframe value, written when it becomes a literal by the encoder
   * {@link DatasetHandlers#defaults()} chooses for its type, the store's protocol and {@code
   * format} ("" for the type's default): {@code StructuredDataset.of(trades, new
   * TypeRef<List<Trade>>() {}, "")}.
   */
  public static <T> StructuredDataset of(T value, TypeRef<T> type, String format) {
    return of(value, type, format, DatasetHandlers.defaults());
  }

  /** Returns a dataset of any dataframe value, encoded through {@code handlers}. */
  public static <T> StructuredDataset of(
      T value, TypeRef<T> type, String format, DatasetHandlers handlers) {
    Objects.requireNonNull(value, "value");
    String f = format.isEmpty() ? handlers.defaultFormat(type.rawType()) : format;
    return new StructuredDataset(
        null, f, List.of(), null, null, new Value<>(value, type, handlers), null);
  }

  /** Returns a reference to the Parquet dataset in the directory {@code uri}. */
  public static StructuredDataset of(URI uri) {
    return of(uri, PARQUET);
  }

  /** Returns a reference to the dataset of {@code format} in the directory {@code uri}. */
  public static StructuredDataset of(URI uri, String format) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(format, "format");
    return new StructuredDataset(uri, format.isEmpty() ? PARQUET : format, List.of(), null, null);
  }

  static StructuredDataset remote(
      URI uri,
      String format,
      List<DatasetColumn> columns,
      @Nullable DataPlane plane,
      DataframeSettings settings) {
    return new StructuredDataset(
        uri, format.isEmpty() ? PARQUET : format, columns, null, null, null, plane, settings);
  }

  /** Returns this dataset with the Parquet options its rows are written with. */
  public StructuredDataset withParquetOptions(ParquetOptions options) {
    Objects.requireNonNull(options, "options");
    if (rows == null) {
      throw new IllegalStateException(
          "dataset "
              + uri
              + " is already written or an Arrow batch: Parquet options apply to rows still to"
              + " write");
    }
    return new StructuredDataset(
        uri, format, columns, withOptions(rows, options), arrow, value, plane);
  }

  private static <R extends Record> Rows<R> withOptions(Rows<R> rows, ParquetOptions options) {
    return new Rows<>(rows.rows(), rows.schema(), options, rows.maxFileBytes());
  }

  /**
   * Returns this dataset of rows written as several files ({@code 00000}, {@code 00001}, ...) of
   * about {@code maxFileBytes} each, instead of one.
   */
  public StructuredDataset withMaxFileBytes(long maxFileBytes) {
    if (rows == null) {
      throw new IllegalStateException("the file size applies to rows still to write");
    }
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("max file size must be positive");
    }
    return new StructuredDataset(
        uri, format, columns, split(rows, maxFileBytes), arrow, value, plane);
  }

  private static <R extends Record> Rows<R> split(Rows<R> rows, long maxFileBytes) {
    return new Rows<>(rows.rows(), rows.schema(), rows.options(), maxFileBytes);
  }

  /**
   * Returns this dataset of rows written in {@code format}: {@link #PARQUET} (the default) or
   * {@link #ARROW}, Arrow IPC streams of 16,384-row record batches, uncompressed (the stream
   * format, not the file format: a stream has no footer pointing back, so it is uploaded as it is
   * written, with no local copy). The Parquet options do not apply to Arrow; the file size does.
   */
  public StructuredDataset withFormat(String format) {
    if (rows == null) {
      throw new IllegalStateException("the format of a dataset is set on rows still to write");
    }
    if (!format.equals(PARQUET) && !format.equals(ARROW)) {
      throw new IllegalArgumentException(
          "rows are written as 'parquet' or 'arrow', not '"
              + format
              + "': for other formats, register a DatasetEncoder and use of(value, type, format)");
    }
    return new StructuredDataset(uri, format, columns, rows, arrow, value, plane, settings);
  }

  /** Returns this dataset with declared columns (carried in the literal's metadata). */
  public StructuredDataset withColumns(List<DatasetColumn> columns) {
    return new StructuredDataset(uri, format, columns, rows, arrow, value, plane, settings);
  }

  /** Returns the directory holding the data files, or empty for rows not yet written. */
  public Optional<URI> uri() {
    return Optional.ofNullable(uri);
  }

  /** Returns the file format: {@code "parquet"} unless another was given. */
  public String format() {
    return format;
  }

  /** Returns the declared columns: those of the literal's metadata, or given; often none. */
  public List<DatasetColumn> columns() {
    return columns;
  }

  @Nullable Rows<?> rows() {
    return rows;
  }

  @Nullable VectorSchemaRoot arrow() {
    return arrow;
  }

  @Nullable Value<?> value() {
    return value;
  }

  /**
   * Returns the dataset as {@code type}, decoded by the decoder {@link DatasetHandlers#defaults()}
   * chooses for the type, the store's protocol and this dataset's format: {@code read(new
   * TypeRef<List<Price>>() {})}.
   *
   * @throws dev.ferry.engine.DataTransferException if the store fails while the dataset is read
   */
  public <T> T read(TypeRef<T> type) throws IOException {
    return read(type, DatasetHandlers.defaults());
  }

  /** Returns the dataset as {@code type}, decoded through {@code handlers}. */
  @SuppressWarnings("unchecked")
  public <T> T read(TypeRef<T> type, DatasetHandlers handlers) throws IOException {
    if (rows != null || arrow != null || value != null) {
      throw new IllegalStateException(
          "this dataset is not written yet: read it after converting it to a literal");
    }
    URI dir = Objects.requireNonNull(uri);
    DatasetDecoder<?> decoder =
        handlers.decoder(type.rawType(), dir.getScheme() == null ? "" : dir.getScheme(), format);
    try {
      return (T)
          decoder.decode(new DatasetLocation(requirePlane().store(dir), dir, type, settings));
    } catch (IOException | UncheckedIOException e) {
      StoreFailures.rethrowTransfer("read", e);
      throw e;
    }
  }

  private DataPlane requirePlane() {
    if (plane == null) {
      throw new IllegalStateException(
          "dataset "
              + uri
              + " has no DataPlane to reach its store: read it through a TransformContext with"
              + " DataPlane.attach(ctx)");
    }
    return plane;
  }

  /**
   * Returns the dataset's rows as Arrow record batches of up to {@code batchSize} rows (for Arrow
   * IPC: the batches as written), with only {@code columns} read (all when empty), vectors
   * allocated from {@code allocator}, for the formats {@code "parquet"} and {@code "arrow"}.
   */
  public ArrowBatches openArrow(BufferAllocator allocator, List<String> columns, int batchSize)
      throws IOException {
    if (rows != null || arrow != null || value != null) {
      throw new IllegalStateException(
          "this dataset is not written yet: read it after converting it to a literal");
    }
    DatasetReader<?> files = open(NoColumns.class);
    return new ArrowBatches(
        requirePlane().store(Objects.requireNonNull(uri)),
        files.files(),
        format,
        allocator,
        columns,
        batchSize,
        settings.columns());
  }

  /** The row type of no columns, used to reach the files of a written dataset. */
  private record NoColumns() {}

  /**
   * Returns a reader of this dataset's rows as {@code rowType}, for the formats {@code "parquet"}
   * and {@code "arrow"}: only the columns the record declares are read, matched by name (for
   * Parquet a projection pushed into the reader; an Arrow IPC stream is decoded whole and the
   * columns picked from each batch).
   */
  public <R extends Record> DatasetReader<R> open(Class<R> rowType) {
    RowSchema<R> schema = RowSchema.of(rowType);
    if (rows != null) {
      return DatasetReader.inMemory(rows, schema);
    }
    if (arrow != null || value != null) {
      throw new UnsupportedOperationException(
          "a dataframe not yet written cannot be read as rows: convert it to a literal first");
    }
    if (plane == null) {
      throw new IllegalStateException(
          "dataset "
              + uri
              + " has no DataPlane to reach its store: read it through a TransformContext with"
              + " DataPlane.attach(ctx)");
    }
    return DatasetReader.of(
        plane.store(Objects.requireNonNull(uri)), uri, schema, format, settings);
  }

  /** Returns this dataset able to reach its store through {@code plane}. */
  public StructuredDataset withDataPlane(DataPlane plane) {
    return new StructuredDataset(
        uri, format, columns, rows, arrow, value, Objects.requireNonNull(plane), settings);
  }

  /**
   * Returns this dataset read with {@code settings} (its allocator and column executor); a dataset
   * read from a literal takes the settings of the context, or the defaults.
   */
  public StructuredDataset withSettings(DataframeSettings settings) {
    return new StructuredDataset(
        uri, format, columns, rows, arrow, value, plane, Objects.requireNonNull(settings));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructuredDataset d
        && Objects.equals(d.uri, uri)
        && d.format.equals(format)
        && d.columns.equals(columns)
        && Objects.equals(d.rows, rows)
        && d.arrow == arrow
        && Objects.equals(d.value, value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uri, format, columns, rows);
  }

  @Override
  public String toString() {
    return "StructuredDataset{"
        + (uri != null
            ? uri
            : rows != null
                ? rows.rows().size() + " rows to write"
                : arrow != null
                    ? arrow.getRowCount() + " arrow rows to write"
                    : value != null ? "a " + value.type() + " to write" : "?")
        + ", format="
        + format
        + (columns.isEmpty()
            ? ""
            : ", columns=" + columns.stream().map(DatasetColumn::name).toList())
        + "}";
  }
}
