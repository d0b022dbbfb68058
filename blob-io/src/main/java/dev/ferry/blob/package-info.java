/**
 * Ferry's data plane: {@link dev.ferry.blob.BlobStore}s chosen by URI scheme ({@code file}, {@code
 * memory}, {@code s3}, {@code gs}), with streaming multipart writes, ranged read-ahead, integrity
 * checks and retries.
 */
@NullMarked
package dev.ferry.blob;

import org.jspecify.annotations.NullMarked;
