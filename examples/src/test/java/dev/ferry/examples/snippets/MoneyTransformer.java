package dev.ferry.examples.snippets;

import com.acme.money.Money;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.SimpleType;
import org.jspecify.annotations.Nullable;

// The TypeTransformer javadoc's example: the smallest transformer (no msgpack form).
// snippet:begin javadoc-type-transformer
final class MoneyTransformer implements TypeTransformer<Money> {
  static final TypeTransformer.Factory FACTORY =
      (type, engine) -> type.rawType() == Money.class ? new MoneyTransformer() : null;

  public LiteralType literalType() {
    return Literals.simple(SimpleType.STRING);
  }

  public String unionTag() {
    return "Money";
  }

  public Literal toLiteral(@Nullable Money value, TransformContext ctx) {
    if (value == null) {
      throw new LiteralConversionException("a Money", "null", Money.class, literalType());
    }
    return Literals.ofString(value.toString());
  }

  public Money toJava(Literal literal, TransformContext ctx) {
    return Money.parse(Literals.stringValue(literal, Money.class, literalType()));
  }
}
// snippet:end javadoc-type-transformer
