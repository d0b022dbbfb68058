package dev.ferry.dataframe;

import dev.ferry.dataframe.parquet.ArrowSchemas;
import dev.ferry.dataframe.parquet.RowSchema;
import dev.ferry.engine.TypeEngine;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.StructuredDatasetType;
import dev.ferry.transformers.FieldName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A declared column of a structured dataset: its name and Flyte type, as {@code
 * StructuredDatasetType.columns} carries it.
 *
 * @param name the column name
 * @param type the column's Flyte type
 */
public record DatasetColumn(String name, LiteralType type) {
  /** Checks the arguments. */
  public DatasetColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /**
   * Returns the columns of a row record as flytekit declares a dataset's columns: one per
   * component, in declaration order, named as the component (or its {@link FieldName}); a record
   * component (a struct) is flattened into a column per field named {@code component.field}; a
   * {@code List} is a {@code collection_type}; a {@code BigDecimal} is FLOAT (flytekit has no
   * decimal type) with its precision and scale in the type's metadata; nullability is not part of a
   * column's type. See {@link ArrowSchemas#columns}.
   */
  public static List<DatasetColumn> of(Class<? extends Record> rowType) {
    Schema arrow = ArrowSchemas.toArrow(RowSchema.of(rowType).messageType());
    List<DatasetColumn> columns = new ArrayList<>();
    ArrowSchemas.columns(arrow).forEach((name, type) -> columns.add(new DatasetColumn(name, type)));
    return List.copyOf(columns);
  }

  /** Returns {@link #of(Class)}; the engine is not needed. */
  public static List<DatasetColumn> of(Class<? extends Record> rowType, TypeEngine engine) {
    return of(rowType);
  }

  static List<DatasetColumn> fromProto(List<StructuredDatasetType.DatasetColumn> columns) {
    return columns.stream().map(c -> new DatasetColumn(c.getName(), c.getLiteralType())).toList();
  }

  StructuredDatasetType.DatasetColumn toProto() {
    return StructuredDatasetType.DatasetColumn.newBuilder()
        .setName(name)
        .setLiteralType(type)
        .build();
  }
}
