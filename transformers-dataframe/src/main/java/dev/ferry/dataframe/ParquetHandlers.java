package dev.ferry.dataframe;

import dev.ferry.dataframe.parquet.ArrowParquetWriter;
import dev.ferry.dataframe.parquet.ParquetOptions;
import dev.ferry.dataframe.parquet.RowSchema;
import dev.ferry.dataframe.parquet.RowWriter;
import dev.ferry.engine.TypeDefinitionException;
import dev.ferry.engine.TypeRef;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The built-in dataset handlers: a {@code List} of records to one Parquet file and back (the record
 * type is the list's type argument), and an Arrow batch to one Parquet file. Files are written as
 * {@code {directory}/00000} with {@link ParquetOptions#defaults()}.
 */
final class ParquetHandlers {
  private ParquetHandlers() {}

  @SuppressWarnings("rawtypes")
  static final DatasetEncoder<List> ROWS_ENCODER =
      BuiltInHandlers.encoder(
          List.class,
          "List<record>",
          StructuredDataset.PARQUET,
          (value, target) -> write(value, rowSchema(target.type()), target));

  @SuppressWarnings("rawtypes")
  static final DatasetDecoder<List> ROWS_DECODER =
      BuiltInHandlers.decoder(
          List.class,
          "List<record>",
          StructuredDataset.PARQUET,
          source ->
              DatasetReader.of(
                      source.store(),
                      source.directory(),
                      rowSchema(source.type()),
                      StructuredDataset.PARQUET,
                      source.settings())
                  .all());

  static final DatasetEncoder<VectorSchemaRoot> ARROW_ENCODER =
      BuiltInHandlers.encoder(
          VectorSchemaRoot.class,
          "VectorSchemaRoot",
          StructuredDataset.PARQUET,
          (value, target) -> {
            try (ArrowParquetWriter w =
                ArrowParquetWriter.open(
                    value.getSchema(), target.store(), target.file(0), ParquetOptions.defaults())) {
              w.write(value);
              w.commit();
            }
          });

  @SuppressWarnings("unchecked")
  private static <R extends Record> void write(
      List<?> rows, RowSchema<R> schema, DatasetLocation target) throws IOException {
    try (RowWriter<R> w =
        RowWriter.open(schema, target.store(), target.file(0), ParquetOptions.defaults())) {
      for (Object row : rows) {
        w.write((R) row);
      }
      w.commit(); // a row source that throws never reaches it: close() then discards the file
    }
  }

  @SuppressWarnings("unchecked")
  static RowSchema<? extends Record> rowSchema(TypeRef<?> type) {
    if (type.isParameterized()) {
      Class<?> c = type.typeArgument(0).rawType();
      if (c.isRecord()) {
        return RowSchema.of((Class<? extends Record>) c);
      }
    }
    throw new TypeDefinitionException(
        type, "a dataset of rows is a List of a record type, such as List<Trade>, not " + type);
  }
}
