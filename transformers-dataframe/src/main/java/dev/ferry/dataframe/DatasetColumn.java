package dev.ferry.dataframe;

import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.StructuredDatasetType;
import dev.ferry.transformers.FieldName;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
   * Returns the columns of a row record: one per component, in declaration order, named as the
   * component (or its {@link FieldName}) and typed as {@code engine} types the component.
   */
  public static List<DatasetColumn> of(Class<? extends Record> rowType, TypeEngine engine) {
    List<DatasetColumn> columns = new ArrayList<>();
    for (RecordComponent rc : rowType.getRecordComponents()) {
      FieldName rename = rc.getAnnotation(FieldName.class);
      String name = rename != null ? rename.value() : rc.getName();
      columns.add(
          new DatasetColumn(
              name,
              engine
                  .transformer(
                      TypeRef.of(rc.getGenericType()),
                      "column '" + name + "' of dataset rows " + rowType.getName())
                  .literalType()));
    }
    return List.copyOf(columns);
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
