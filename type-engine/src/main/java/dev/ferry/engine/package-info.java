/**
 * Ferry's type engine: {@link dev.ferry.engine.TypeRef}, {@link dev.ferry.engine.TypeTransformer}
 * and {@link dev.ferry.engine.TypeEngine}, which turn Java types into Flyte literal types and Java
 * values into Flyte literals and back.
 */
@NullMarked
package dev.ferry.engine;

import org.jspecify.annotations.NullMarked;
