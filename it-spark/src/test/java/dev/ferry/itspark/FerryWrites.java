package dev.ferry.itspark;

import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.transformers.blob.DataPlane;
import java.net.URI;
import java.util.List;

/** Writes rows as a Parquet StructuredDataset through the type engine, as a task's output. */
final class FerryWrites {
  private static final TypeEngine ENGINE = TypeEngine.createDefault();
  private static final TypeRef<StructuredDataset> TYPE = TypeRef.of(StructuredDataset.class);

  private FerryWrites() {}

  /** Returns the literal of {@code rows} written under the plane's raw prefix. */
  static <R extends Record> Literal literal(
      DataPlane plane, List<R> rows, Class<R> type, long maxFileBytes) {
    StructuredDataset ds = StructuredDataset.of(rows, type);
    if (maxFileBytes > 0) {
      ds = ds.withMaxFileBytes(maxFileBytes);
    }
    return ENGINE.toLiteral(ds, TYPE, plane.attach(TransformContext.at("outputs.o0")));
  }

  /** Returns the dataset's directory URI, as the literal holds it. */
  static <R extends Record> URI write(
      DataPlane plane, List<R> rows, Class<R> type, long maxFileBytes) {
    return URI.create(
        literal(plane, rows, type, maxFileBytes).getScalar().getStructuredDataset().getUri());
  }

  /** Returns the dataset read back from its literal through {@code plane}. */
  static StructuredDataset read(DataPlane plane, Literal literal) {
    return ENGINE.toJava(literal, TYPE, plane.attach(TransformContext.at("inputs.i0")));
  }
}
