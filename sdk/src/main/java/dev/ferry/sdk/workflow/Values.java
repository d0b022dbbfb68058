package dev.ferry.sdk.workflow;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads and builds record values by reflection, for evaluating promises locally. */
final class Values {
  private Values() {}

  static @Nullable Object component(Object record, RecordComponent rc) {
    try {
      Method accessor = rc.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(
          "cannot read component '" + rc.getName() + "' of " + record.getClass().getName(), e);
    }
  }

  static @Nullable Object component(Object record, String name) {
    for (RecordComponent rc : record.getClass().getRecordComponents()) {
      if (rc.getName().equals(name)) {
        return component(record, rc);
      }
    }
    throw new IllegalStateException(
        "record " + record.getClass().getName() + " has no component '" + name + "'");
  }

  /** Follows an attribute path: strings name record components or map keys, ints list indexes. */
  static @Nullable Object follow(@Nullable Object value, List<Object> path) {
    Object v = value;
    for (Object step : path) {
      if (v == null) {
        throw new IllegalStateException(
            "attribute path " + path + " reaches null at '" + step + "'");
      }
      if (step instanceof Integer i && v instanceof List<?> l) {
        v = l.get(i);
      } else if (v instanceof Map<?, ?> m) {
        v = m.get(step);
      } else {
        v = component(v, (String) step);
      }
    }
    return v;
  }

  static Object construct(Class<?> record, @Nullable Object[] args) {
    RecordComponent[] rcs = record.getRecordComponents();
    Class<?>[] types = new Class<?>[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      types[i] = rcs[i].getType();
    }
    try {
      Constructor<?> c = record.getDeclaredConstructor(types);
      c.setAccessible(true);
      return c.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build record " + record.getName(), e);
    }
  }
}
