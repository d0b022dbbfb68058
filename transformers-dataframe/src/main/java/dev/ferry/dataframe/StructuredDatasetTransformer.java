package dev.ferry.dataframe;

import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.ferry.blob.BlobStore;
import dev.ferry.dataframe.parquet.ArrowParquetWriter;
import dev.ferry.dataframe.parquet.ArrowSchemas;
import dev.ferry.dataframe.parquet.ParquetOptions;
import dev.ferry.dataframe.parquet.RowSchema;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.StructuredDatasetMetadata;
import dev.ferry.idl.core.StructuredDatasetType;
import dev.ferry.transformers.blob.DataPlane;
import dev.ferry.transformers.msgpack.MsgpackCodec;
import dev.ferry.transformers.msgpack.MsgpackReader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePacker;

/**
 * {@link StructuredDataset} as Flyte {@code structured_dataset_type{columns, format}} and {@code
 * Scalar.structured_dataset{uri, metadata}}, as the Python SDK writes a dataframe.
 *
 * <p>The type of an undeclared dataset is {@code structured_dataset_type {}} (what the Python SDK
 * gives a pandas frame); {@link #declaring} declares the columns of a row record. A dataset of rows
 * is written to a new directory under the raw-output prefix ({@code {prefix}/{32 hex}/00000}, one
 * SNAPPY Parquet file) and the literal holds the directory; a dataset that references existing data
 * passes through with its URI. The literal's metadata is this type with the data's format ({@code
 * "parquet"}). Inside records: {@code {"uri": ..., "file_format": ...}}.
 */
public final class StructuredDatasetTransformer
    implements TypeTransformer<StructuredDataset>, MsgpackCodec<StructuredDataset> {
  /** The factory of undeclared datasets. */
  public static final Factory FACTORY =
      (type, engine) ->
          type.rawType() == StructuredDataset.class
              ? new StructuredDatasetTransformer(StructuredDatasetType.getDefaultInstance())
              : null;

  /** The name of the first (and, as written by Ferry, only) data file of a dataset. */
  public static final String FIRST_FILE = "00000";

  private final StructuredDatasetType datasetType;
  private final LiteralType literalType;

  private StructuredDatasetTransformer(StructuredDatasetType datasetType) {
    this.datasetType = datasetType;
    this.literalType = LiteralType.newBuilder().setStructuredDatasetType(datasetType).build();
  }

  /** Returns a transformer whose type declares {@code columns} and {@code format} ("" for any). */
  public static StructuredDatasetTransformer of(List<DatasetColumn> columns, String format) {
    StructuredDatasetType.Builder b = StructuredDatasetType.newBuilder().setFormat(format);
    columns.forEach(c -> b.addColumns(c.toProto()));
    return new StructuredDatasetTransformer(b.build());
  }

  /**
   * Returns a factory for {@link StructuredDataset} whose type declares the columns of {@code
   * rowType}, typed by the engine, to add in front of the built-in one. The type holds the columns
   * only, as the Python SDK writes {@code Annotated[pd.DataFrame, kwtypes(...)]}; {@link
   * #declaring(Class, boolean)} adds the Arrow schema.
   *
   * <pre>{@code
   * TypeEngine engine = TypeEngine.builder()
   *     .add(StructuredDatasetTransformer.declaring(Trade.class)).build();
   * }</pre>
   */
  public static Factory declaring(Class<? extends Record> rowType) {
    return declaring(rowType, false);
  }

  /**
   * Returns a factory for {@link StructuredDataset} whose type declares the columns of {@code
   * rowType} and, if {@code withArrowSchema}, also {@code external_schema_type "arrow"} and {@code
   * external_schema_bytes} (the rows' Arrow schema as an IPC schema message, as {@link
   * #declaring(Schema)}).
   */
  public static Factory declaring(Class<? extends Record> rowType, boolean withArrowSchema) {
    Objects.requireNonNull(rowType, "rowType");
    return (type, engine) -> {
      if (type.rawType() != StructuredDataset.class) {
        return null;
      }
      List<DatasetColumn> columns = columns(rowType, engine);
      return withArrowSchema
          ? of(columns, "", ArrowSchemas.toArrow(RowSchema.of(rowType).messageType()))
          : of(columns, "");
    };
  }

  /**
   * Returns a factory for {@link StructuredDataset} whose type declares an Arrow schema: its
   * columns (as {@link ArrowSchemas#columns}), {@code external_schema_type "arrow"} and {@code
   * external_schema_bytes} = the schema as an Arrow IPC schema message ({@link
   * ArrowSchemas#toIpcMessage}).
   */
  public static Factory declaring(Schema arrowSchema) {
    Objects.requireNonNull(arrowSchema, "arrowSchema");
    List<DatasetColumn> columns = new ArrayList<>();
    ArrowSchemas.columns(arrowSchema).forEach((n, t) -> columns.add(new DatasetColumn(n, t)));
    StructuredDatasetTransformer t = of(columns, "", arrowSchema);
    return (type, engine) -> type.rawType() == StructuredDataset.class ? t : null;
  }

  private static StructuredDatasetTransformer of(
      List<DatasetColumn> columns, String format, Schema arrowSchema) {
    StructuredDatasetType.Builder b =
        of(columns, format).datasetType.toBuilder()
            .setExternalSchemaType("arrow")
            .setExternalSchemaBytes(ByteString.copyFrom(ArrowSchemas.toIpcMessage(arrowSchema)));
    return new StructuredDatasetTransformer(b.build());
  }

  /**
   * Returns the Arrow schema a dataset type declares in {@code external_schema_bytes}, or empty if
   * it declares none or one Ferry cannot parse (flytekit writes the schema's text form).
   */
  public static Optional<Schema> arrowSchema(StructuredDatasetType type) {
    if (!type.getExternalSchemaType().equals("arrow")) {
      return Optional.empty();
    }
    return ArrowSchemas.fromIpcMessage(type.getExternalSchemaBytes().toByteArray());
  }

  private static List<DatasetColumn> columns(Class<? extends Record> rowType, TypeEngine engine) {
    return DatasetColumn.of(rowType, engine);
  }

  @Override
  public LiteralType literalType() {
    return literalType;
  }

  @Override
  public String unionTag() {
    return "StructuredDataset Transformer";
  }

  @Override
  public Literal toLiteral(@Nullable StructuredDataset value, TransformContext ctx) {
    StructuredDataset dataset = present(value);
    URI uri = written(dataset, ctx);
    StructuredDatasetType.Builder metadata = datasetType.toBuilder().setFormat(dataset.format());
    if (metadata.getColumnsCount() == 0) {
      dataset.columns().forEach(c -> metadata.addColumns(c.toProto()));
    }
    return Literal.newBuilder()
        .setScalar(
            Scalar.newBuilder()
                .setStructuredDataset(
                    dev.ferry.idl.core.StructuredDataset.newBuilder()
                        .setUri(uri.toString())
                        .setMetadata(
                            StructuredDatasetMetadata.newBuilder()
                                .setStructuredDatasetType(metadata))))
        .build();
  }

  /** Returns {@code value}, or throws the conversion error of a null dataset. */
  private StructuredDataset present(@Nullable StructuredDataset value) {
    if (value == null) {
      throw new LiteralConversionException(
          "a StructuredDataset", "null", StructuredDataset.class, literalType);
    }
    return value;
  }

  /** Returns the directory of the dataset's data: written first if it is rows. */
  private URI written(StructuredDataset value, TransformContext ctx) {
    StructuredDataset.Rows<?> rows = value.rows();
    VectorSchemaRoot arrow = value.arrow();
    StructuredDataset.Value<?> other = value.value();
    if (rows == null && arrow == null && other == null) {
      return value.uri().orElseThrow();
    }
    DataPlane plane = DataPlane.from(ctx);
    URI dir = plane.newLocation();
    URI file = URI.create(dir + "/" + FIRST_FILE);
    try {
      if (other != null) {
        encode(other, value.format(), plane.store(dir), dir, DataframeSettings.of(ctx));
      } else if (rows != null && value.format().equals(StructuredDataset.ARROW)) {
        IpcHandlers.writeRows(
            rows.rows(),
            rows.schema(),
            plane.store(dir),
            dir,
            rows.maxFileBytes(),
            DataframeSettings.of(ctx));
      } else if (rows != null) {
        write(rows, plane.store(dir), dir);
      } else if (arrow != null) { // the one left: all three null returned above
        try (ArrowParquetWriter w =
            ArrowParquetWriter.open(
                arrow.getSchema(), plane.store(dir), file, ParquetOptions.defaults())) {
          w.write(arrow);
          w.commit();
        }
      }
    } catch (IOException e) {
      PartialDataset.deleteAfter(plane, dir, e);
      StoreFailures.rethrowTransfer("write", e);
      throw new LiteralConversionException(
          "a dataset that writes",
          "'" + dir + "' (" + e.getMessage() + ")",
          StructuredDataset.class,
          literalType,
          e);
    } catch (LiteralConversionException e) {
      PartialDataset.deleteAfter(plane, dir, e);
      throw e.atField("rows");
    } catch (RuntimeException | Error e) {
      PartialDataset.deleteAfter(plane, dir, e);
      throw e;
    }
    return dir;
  }

  private static <R extends Record> void write(
      StructuredDataset.Rows<R> rows, BlobStore store, URI dir) throws IOException {
    try (DatasetWriter<R> writer =
        DatasetWriter.open(rows.schema(), store, dir, rows.options(), rows.maxFileBytes())) {
      for (R row : rows.rows()) {
        writer.write(row);
      }
      writer.commit(); // a row source that throws never reaches it: close() deletes every file
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void encode(
      StructuredDataset.Value<T> v,
      String format,
      BlobStore store,
      URI dir,
      DataframeSettings settings)
      throws IOException {
    Class<T> raw = (Class<T>) v.value().getClass();
    DatasetEncoder<? super T> encoder =
        v.handlers().encoder(raw, dir.getScheme() == null ? "" : dir.getScheme(), format);
    encoder.encode(v.value(), new DatasetLocation(store, dir, v.type(), settings));
  }

  @Override
  public StructuredDataset toJava(Literal literal, TransformContext ctx) {
    if (!literal.hasScalar() || !literal.getScalar().hasStructuredDataset()) {
      throw new LiteralConversionException(
          "a structured_dataset literal",
          Literals.describe(literal),
          StructuredDataset.class,
          literalType);
    }
    dev.ferry.idl.core.StructuredDataset sd = literal.getScalar().getStructuredDataset();
    StructuredDatasetType t = sd.getMetadata().getStructuredDatasetType();
    return StructuredDataset.remote(
        uri(sd.getUri()),
        t.getFormat(),
        DatasetColumn.fromProto(t.getColumnsList()),
        ctx.get(DataPlane.class),
        DataframeSettings.of(ctx));
  }

  private URI uri(String s) {
    if (s.isEmpty()) {
      throw new LiteralConversionException(
          "a dataset uri", "''", StructuredDataset.class, literalType);
    }
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      throw new LiteralConversionException(
          "a dataset uri", "'" + s + "'", StructuredDataset.class, literalType, e);
    }
  }

  @Override
  public void pack(@Nullable StructuredDataset value, MessagePacker packer, TransformContext ctx)
      throws IOException {
    StructuredDataset dataset = present(value);
    URI uri = written(dataset, ctx);
    packer.packMapHeader(2);
    packer.packString("uri");
    packer.packString(uri.toString());
    packer.packString("file_format");
    packer.packString(dataset.format());
  }

  @Override
  public StructuredDataset unpack(MsgpackReader reader) throws IOException {
    int n = reader.readMapHeader(StructuredDataset.class);
    String uri = null;
    String format = StructuredDataset.PARQUET;
    for (int i = 0; i < n; i++) {
      String key = reader.readString(String.class);
      switch (key) {
        case "uri" -> uri = reader.readString(StructuredDataset.class);
        case "file_format" -> format = reader.readString(StructuredDataset.class);
        default -> reader.skip(); // metadata and other SDKs' extras
      }
    }
    reader.exit();
    if (uri == null) {
      throw reader.error("key 'uri'", "missing", StructuredDataset.class);
    }
    return StructuredDataset.remote(
        uri(uri),
        format,
        List.of(),
        reader.context().get(DataPlane.class),
        DataframeSettings.of(reader.context()));
  }

  @Override
  public Value jsonSchema() {
    Value string =
        Value.newBuilder()
            .setStructValue(Struct.newBuilder().putFields("type", str("string")))
            .build();
    return Value.newBuilder()
        .setStructValue(
            Struct.newBuilder()
                .putFields("title", str("StructuredDataset"))
                .putFields("type", str("object"))
                .putFields(
                    "properties",
                    Value.newBuilder()
                        .setStructValue(
                            Struct.newBuilder()
                                .putFields("uri", string)
                                .putFields("file_format", string))
                        .build())
                .putFields(
                    "required",
                    Value.newBuilder()
                        .setListValue(ListValue.newBuilder().addValues(str("uri")))
                        .build()))
        .build();
  }

  private static Value str(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }
}
