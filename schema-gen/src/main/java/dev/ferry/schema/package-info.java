/**
 * Flyte {@code TypedInterface}s of Java tasks, JSON to and from literals of a given {@code
 * LiteralType}, and Java sources generated from types written by other SDKs.
 */
@NullMarked
package dev.ferry.schema;

import org.jspecify.annotations.NullMarked;
