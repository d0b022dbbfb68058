package dev.ferry.examples.snippets;

import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import org.jspecify.annotations.Nullable;

// The TypeEngine javadoc's delegation example: a factory decorating the built-in String one.
// snippet:begin javadoc-next-transformer
final class TrimmingStrings implements TypeTransformer.Factory {
  public @Nullable TypeTransformer<?> create(TypeRef<?> type, TypeEngine engine) {
    if (type.rawType() != String.class) {
      return null;
    }
    TypeTransformer<String> next = engine.nextTransformer(this, TypeRef.of(String.class));
    return new Trimming(next);
  }
}

// snippet:end javadoc-next-transformer

/** Trims strings on the way out, then lets the next transformer convert them. */
final class Trimming implements TypeTransformer<String> {
  private final TypeTransformer<String> next;

  Trimming(TypeTransformer<String> next) {
    this.next = next;
  }

  @Override
  public LiteralType literalType() {
    return next.literalType();
  }

  @Override
  public String unionTag() {
    return next.unionTag();
  }

  @Override
  public Literal toLiteral(@Nullable String value, TransformContext ctx) {
    return value == null ? next.toLiteral(null, ctx) : Literals.ofString(value.strip());
  }

  @Override
  public String toJava(Literal literal, TransformContext ctx) {
    return next.toJava(literal, ctx);
  }
}
