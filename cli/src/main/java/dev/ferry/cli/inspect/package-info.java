/**
 * {@code ferry inspect}: reading a Flyte document from a path or URI, telling which message it
 * holds ({@link dev.ferry.cli.inspect.DocumentDetector}) and printing it as readable JSON ({@link
 * dev.ferry.cli.inspect.ReadableJson}).
 */
@NullMarked
package dev.ferry.cli.inspect;

import org.jspecify.annotations.NullMarked;
