/** Blob stores in memory, for tests: {@code memory://bucket/key}. */
@NullMarked
package dev.ferry.blob.memory;

import org.jspecify.annotations.NullMarked;
