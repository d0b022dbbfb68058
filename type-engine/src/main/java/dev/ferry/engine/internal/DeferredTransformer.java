package dev.ferry.engine.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeRef;
import dev.ferry.engine.TypeTransformer;
import dev.ferry.engine.WireSizes;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for a transformer whose lookup is still in progress, so that a recursive type (a record
 * holding a list of itself) can be built: the inner reference gets this stub, which delegates once
 * the outer lookup completes. Factories must not call the stub while they are creating.
 */
public final class DeferredTransformer<T> implements TypeTransformer<T> {
  private final TypeRef<T> type;
  private volatile @Nullable TypeTransformer<T> delegate;

  public DeferredTransformer(TypeRef<T> type) {
    this.type = type;
  }

  public void resolve(TypeTransformer<T> resolved) {
    this.delegate = resolved;
  }

  private TypeTransformer<T> delegate() {
    TypeTransformer<T> d = delegate;
    if (d == null) {
      throw new Unresolved(
          "transformer for "
              + type
              + " used while its lookup was in progress (a factory must not"
              + " call component transformers inside create())");
    }
    return d;
  }

  @Override
  public LiteralType literalType() {
    return delegate().literalType();
  }

  @Override
  public Literal toLiteral(@Nullable T value, TransformContext ctx) {
    return delegate().toLiteral(value, ctx);
  }

  @Override
  public T toJava(Literal literal, TransformContext ctx) {
    return delegate().toJava(literal, ctx);
  }

  @Override
  public String unionTag() {
    return delegate().unionTag();
  }

  @Override
  public <C> @Nullable C as(Class<C> capability) {
    return delegate().as(capability);
  }

  @Override
  public int serializedSize(@Nullable T value, WireSizes sizes, TransformContext ctx) {
    return delegate().serializedSize(value, sizes, ctx);
  }

  @Override
  public void writeTo(
      @Nullable T value, CodedOutputStream out, WireSizes sizes, TransformContext ctx)
      throws IOException {
    delegate().writeTo(value, out, sizes, ctx);
  }

  @Override
  public T readFrom(CodedInputStream in, TransformContext ctx) throws IOException {
    return delegate().readFrom(in, ctx);
  }

  /** Thrown when a stand-in is used before the lookup it stands for completed. */
  public static final class Unresolved extends IllegalStateException {
    Unresolved(String message) {
      super(message);
    }
  }

  @Override
  public String toString() {
    return "Deferred[" + type + "]";
  }
}
