package dev.ferry.transformers.blob;

import dev.ferry.blob.BlobStore;
import dev.ferry.blob.ProgressListener;
import dev.ferry.blob.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Streams local files into a blob store, hashing as the bytes pass when asked to. */
final class Uploads {
  private Uploads() {}

  /**
   * Uploads {@code file} to {@code uri} through a streaming write; returns the base64 SHA-256 of
   * the content if {@code hash}, else null. A failure aborts the write, so nothing partial is left
   * under {@code uri}.
   */
  static @Nullable String upload(Path file, BlobStore store, URI uri, boolean hash, DataPlane plane)
      throws IOException {
    MessageDigest digest = hash ? sha256() : null;
    WriteOptions options = plane.writeOptions();
    if (options.progress() != ProgressListener.NONE) {
      // a streaming write learns its size only at the end: tell the listener now what comes
      options.progress().onProgress(uri, 0, Files.size(file));
    }
    try (InputStream in = Files.newInputStream(file)) {
      store.write(
          uri,
          options,
          out -> {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
              if (digest != null) {
                digest.update(buffer, 0, n);
              }
              out.write(buffer, 0, n);
            }
          });
    }
    return digest == null ? null : Base64.getEncoder().encodeToString(digest.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
