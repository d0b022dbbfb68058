/** Implementation details of the type engine; not API. */
@NullMarked
package dev.ferry.engine.internal;

import org.jspecify.annotations.NullMarked;
