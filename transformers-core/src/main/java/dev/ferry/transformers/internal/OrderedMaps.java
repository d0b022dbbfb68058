package dev.ferry.transformers.internal;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * The order in which a map's entries go into msgpack: a map whose iteration order is defined
 * ({@link LinkedHashMap}, {@link SortedMap}, {@code SequencedMap} on Java 21+, and the maps Ferry
 * reads from msgpack) is written in that order, as the Python SDK writes a dict in insertion order;
 * any other map ({@code HashMap}, {@code Map.of}, an unmodifiable view) is written sorted by key,
 * so its bytes do not depend on hashing.
 */
public final class OrderedMaps {
  private static final @Nullable Class<?> SEQUENCED_MAP = sequencedMap();

  private OrderedMaps() {}

  private static @Nullable Class<?> sequencedMap() {
    try {
      return Class.forName("java.util.SequencedMap", false, Map.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null; // Java 17: LinkedHashMap and SortedMap cover the JDK's ordered maps
    }
  }

  /** Returns whether {@code map} has a defined iteration order that msgpack keeps. */
  public static boolean hasDefinedOrder(Map<?, ?> map) {
    return map instanceof LinkedHashMap
        || map instanceof SortedMap
        || map instanceof ReadOnly
        || (SEQUENCED_MAP != null && SEQUENCED_MAP.isInstance(map));
  }

  /**
   * Returns the entries of {@code map} in the order they are written: its own order if it has a
   * defined one, else sorted by key when the keys are mutually comparable (all of one class), else
   * its iteration order.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <K, V> List<Map.Entry<K, V>> entries(Map<K, V> map) {
    List<Map.Entry<K, V>> out = new ArrayList<>(map.entrySet());
    if (hasDefinedOrder(map) || out.size() < 2) {
      return out;
    }
    Object first = out.get(0).getKey();
    if (!(first instanceof Comparable)) {
      return out;
    }
    for (Map.Entry<K, V> e : out) {
      if (e.getKey() == null || e.getKey().getClass() != first.getClass()) {
        return out;
      }
    }
    out.sort((a, b) -> ((Comparable) a.getKey()).compareTo(b.getKey()));
    return out;
  }

  /**
   * Returns an unmodifiable view of {@code map} that keeps its insertion order and is known to have
   * it: written back to msgpack, its entries keep their order.
   */
  public static <K, V> Map<K, V> readOnly(LinkedHashMap<K, V> map) {
    return new ReadOnly<>(map);
  }

  /** An unmodifiable, insertion-ordered map. */
  private static final class ReadOnly<K, V> extends AbstractMap<K, V> {
    private final Map<K, V> map;

    ReadOnly(LinkedHashMap<K, V> map) {
      this.map = Collections.unmodifiableMap(map);
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
      return map.entrySet();
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return map.containsKey(key);
    }

    @Override
    public @Nullable V get(@Nullable Object key) {
      return map.get(key);
    }
  }
}
