package dev.ferry.blob.gcs.server;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The generation preconditions of a request: {@code ifGenerationMatch} ({@code 0}: the object must
 * not exist), {@code ifGenerationNotMatch}, {@code ifMetagenerationMatch}, {@code
 * ifMetagenerationNotMatch}.
 */
record Preconditions(
    @Nullable Long ifGenerationMatch,
    @Nullable Long ifGenerationNotMatch,
    @Nullable Long ifMetagenerationMatch,
    @Nullable Long ifMetagenerationNotMatch) {

  static final Preconditions NONE = new Preconditions(null, null, null, null);

  /** Returns the preconditions of a query. */
  static Preconditions of(Map<String, String> query) {
    return new Preconditions(
        number(query, "ifGenerationMatch"),
        number(query, "ifGenerationNotMatch"),
        number(query, "ifMetagenerationMatch"),
        number(query, "ifMetagenerationNotMatch"));
  }

  /** Returns GCS's message if {@code current} (null: no live object) fails a precondition. */
  @Nullable String violatedBy(Backend.@Nullable StoredObject current) {
    long generation = current == null ? 0 : current.generation();
    if (ifGenerationMatch != null && ifGenerationMatch != generation) {
      return "At least one of the pre-conditions you specified did not hold.";
    }
    if (ifGenerationNotMatch != null && ifGenerationNotMatch == generation) {
      return "At least one of the pre-conditions you specified did not hold.";
    }
    if (ifMetagenerationMatch != null
        && (current == null || ifMetagenerationMatch != current.metageneration())) {
      return "At least one of the pre-conditions you specified did not hold.";
    }
    if (ifMetagenerationNotMatch != null
        && current != null
        && ifMetagenerationNotMatch == current.metageneration()) {
      return "At least one of the pre-conditions you specified did not hold.";
    }
    return null;
  }

  /** Returns true if a read should answer 304 Not Modified: a "not match" that matched. */
  boolean notModified(Backend.StoredObject current) {
    return (ifGenerationNotMatch != null && ifGenerationNotMatch == current.generation())
        || (ifMetagenerationNotMatch != null
            && ifMetagenerationNotMatch == current.metageneration());
  }

  /** Returns true if a read fails with 412: a "match" that did not. */
  boolean failsRead(Backend.StoredObject current) {
    return (ifGenerationMatch != null && ifGenerationMatch != current.generation())
        || (ifMetagenerationMatch != null && ifMetagenerationMatch != current.metageneration());
  }

  private static @Nullable Long number(Map<String, String> query, String name) {
    String v = query.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid value for " + name + ": " + v);
    }
  }
}
