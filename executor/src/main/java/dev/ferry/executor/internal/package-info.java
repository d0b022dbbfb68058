/** Executor internals: document codecs, blob helpers, permits. Not API. */
@NullMarked
package dev.ferry.executor.internal;

import org.jspecify.annotations.NullMarked;
