package dev.ferry.itspark;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.jspecify.annotations.Nullable;

/**
 * Values as plain Java data, so a Ferry row record and the row Spark read compare with {@code
 * equals}: a record or a Spark {@link Row} becomes the list of its fields, a Scala sequence a Java
 * list, an {@code Optional} its value or null, {@code byte[]} its hex digits.
 */
final class Plain {
  private Plain() {}

  static @Nullable Object of(@Nullable Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Optional<?> o) {
      return of(o.orElse(null));
    }
    if (v instanceof byte[] b) {
      return HexFormat.of().formatHex(b);
    }
    if (v instanceof Record r) {
      List<Object> out = new ArrayList<>();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          out.add(of(c.getAccessor().invoke(r)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Row row) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        out.add(of(row.get(i)));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      return of(scala.jdk.javaapi.CollectionConverters.asJava(seq));
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object e : list) {
        out.add(of(e));
      }
      return Collections.unmodifiableList(out);
    }
    return v;
  }
}
