/**
 * Implementation details of Ferry's own blob stores (blob-io, blob-s3, blob-gcs); not API and may
 * change in any version. Stores outside Ferry use {@code dev.ferry.blob.spi}.
 */
@NullMarked
package dev.ferry.blob.internal;

import org.jspecify.annotations.NullMarked;
