package dev.ferry.schema;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The keys of a generated record that is a union variant: all of them, and those of components that
 * are not {@code Optional}. Inside a record the msgpack payload of a union carries no tag, so the
 * engine picks the one variant whose keys admit the keys present; this class checks, as the engine
 * does when it looks the union up, that no two variants can both admit one payload.
 */
record VariantKeys(String record, Set<String> all, Set<String> required) {
  /** Returns whether a payload with exactly the keys {@code present} fits this variant. */
  boolean admits(Set<String> present) {
    return all.containsAll(present) && present.containsAll(required);
  }

  /** Returns why two of {@code variants} cannot be told apart by their keys, or null. */
  static @Nullable String overlap(List<VariantKeys> variants) {
    for (int i = 0; i < variants.size(); i++) {
      for (int j = i + 1; j < variants.size(); j++) {
        VariantKeys a = variants.get(i);
        VariantKeys b = variants.get(j);
        if (a.admits(b.required) || b.admits(a.required)) {
          return "inside a record Ferry tells variants apart by their keys, and the keys of "
              + a.record
              + " "
              + new TreeSet<>(a.all)
              + " and of "
              + b.record
              + " "
              + new TreeSet<>(b.all)
              + " overlap";
        }
      }
    }
    return null;
  }
}
