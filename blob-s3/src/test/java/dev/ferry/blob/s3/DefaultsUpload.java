package dev.ferry.blob.s3;

import dev.ferry.blob.BlobOutputStream;
import java.net.URI;
import java.util.Random;

/**
 * Streams {@code size} random bytes to an object with the store's and the write's defaults, in a
 * JVM of its own ({@link S3MemoryTest} starts it with a small heap and G1). Arguments: endpoint,
 * access key id, secret, s3 URI, size.
 */
public final class DefaultsUpload {
  private DefaultsUpload() {}

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    URI uri = URI.create(args[3]);
    long size = Long.parseLong(args[4]);
    byte[] chunk = new byte[64 * 1024];
    new Random(7).nextBytes(chunk);
    S3Settings settings =
        S3Settings.defaults().withEndpoint(endpoint).withCredentials(args[1], args[2]);
    try (S3BlobStore store = new S3BlobStore(settings)) {
      BlobOutputStream out = store.create(uri);
      for (long done = 0; done < size; ) {
        int n = (int) Math.min(chunk.length, size - done);
        out.write(chunk, 0, n);
        done += n;
      }
      out.commit();
      out.close();
      System.out.println(
          "uploaded "
              + out.info().size()
              + " bytes, part memory "
              + (store.partMemory().budget() >> 20)
              + " MiB, peak "
              + (store.partMemory().peakReserved() >> 20)
              + " MiB");
    }
  }
}
