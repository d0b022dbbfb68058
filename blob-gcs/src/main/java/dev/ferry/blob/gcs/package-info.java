/**
 * The {@code gs} blob store: Google Cloud Storage through google-cloud-storage (JSON API over
 * HTTP), with resumable streaming writes and ranged read-ahead. See {@link
 * dev.ferry.blob.gcs.GcsBlobStore}.
 */
@NullMarked
package dev.ferry.blob.gcs;

import org.jspecify.annotations.NullMarked;
