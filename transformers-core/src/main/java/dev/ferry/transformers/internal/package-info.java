/** Implementation details of the built-in transformers; not API. */
@NullMarked
package dev.ferry.transformers.internal;

import org.jspecify.annotations.NullMarked;
