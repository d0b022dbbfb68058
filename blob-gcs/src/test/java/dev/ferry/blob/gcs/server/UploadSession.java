package dev.ferry.blob.gcs.server;

import org.jspecify.annotations.Nullable;

/**
 * A resumable upload: the bytes persisted so far (in the staged file) and, once finalized, the
 * object made. Guarded by its own monitor.
 */
final class UploadSession {
  enum State {
    OPEN,
    COMMITTED,
    CANCELLED,
    FAILED
  }

  final String id;
  final Backend.Bucket bucket;
  final String name;
  final Backend.Staged staged;
  final @Nullable String crc32c;
  final @Nullable String md5;
  long persisted;
  State state = State.OPEN;
  Backend.@Nullable StoredObject result;
  int chunks;

  UploadSession(
      String id,
      Backend.Bucket bucket,
      String name,
      Backend.Staged staged,
      @Nullable String crc32c,
      @Nullable String md5) {
    this.id = id;
    this.bucket = bucket;
    this.name = name;
    this.staged = staged;
    this.crc32c = crc32c;
    this.md5 = md5;
  }

  /** Returns the object: {@code bucket/name}. */
  String object() {
    return bucket.name + "/" + name;
  }

  /** Returns the bytes persisted so far. */
  public synchronized long persisted() {
    return persisted;
  }
}
