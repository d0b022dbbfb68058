package dev.ferry.transformers.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;

/** Finds {@code @Nullable} on record components, whichever library the annotation comes from. */
public final class Nullability {
  private Nullability() {}

  /**
   * Returns true if the component is annotated {@code @Nullable} (JSpecify, JSR-305, Checker
   * Framework, JetBrains or any annotation of that simple name), on its type or its declaration.
   */
  public static boolean isNullable(RecordComponent component) {
    for (Annotation a : component.getAnnotatedType().getAnnotations()) {
      if (a.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    for (Annotation a : component.getAnnotations()) {
      if (a.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    return false;
  }
}
