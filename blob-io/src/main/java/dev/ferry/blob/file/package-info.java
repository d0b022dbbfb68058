/** The local file system as a blob store: {@code file:///abs/path}, the embedded default. */
@NullMarked
package dev.ferry.blob.file;

import org.jspecify.annotations.NullMarked;
