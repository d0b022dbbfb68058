package dev.ferry.blob.gcs.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The state of the fake server: buckets, objects (one live generation each, bytes on disk) and
 * resumable upload sessions. Object names are ordered by code point, which is the order of their
 * UTF-8 bytes, as GCS lists them. Commits are serialized; reads go to the file of a generation,
 * which is deleted only when a later generation replaces it.
 */
final class Backend {
  /** Orders names as GCS does: by UTF-8 bytes, that is by code point. */
  static final Comparator<String> CODE_POINT_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  /** One generation of an object. */
  record StoredObject(
      String bucket,
      String name,
      long generation,
      long metageneration,
      long size,
      int crc32c,
      String md5,
      String contentType,
      Map<String, String> metadata,
      Instant created,
      Path file) {}

  /** A bucket and its live objects. */
  static final class Bucket {
    final String name;
    final Instant created = Instant.now();
    final NavigableMap<String, StoredObject> objects =
        new ConcurrentSkipListMap<>(CODE_POINT_ORDER);

    Bucket(String name) {
      this.name = name;
    }
  }

  /** The bytes and metadata of a write, ready to be committed. */
  record Staged(
      Path file, String contentType, Map<String, String> metadata, Preconditions preconditions) {}

  /** Why a commit was refused: an HTTP status and GCS's reason and message. */
  static final class Refused extends Exception {
    final int status;
    final String reason;

    Refused(int status, String reason, String message) {
      super(message, null, false, false);
      this.status = status;
      this.reason = reason;
    }
  }

  /** How many of the next uploads to corrupt (see {@link FakeGcsServer#corruptNextUploads}). */
  final AtomicInteger corruptUploads = new AtomicInteger();

  private final Path root;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, UploadSession> sessions = new ConcurrentHashMap<>();
  private long lastGeneration;

  Backend(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  // ---- buckets ----

  /** Returns the new bucket, or null if it exists. */
  @Nullable Bucket createBucket(String name) throws IOException {
    Bucket bucket = new Bucket(name);
    if (buckets.putIfAbsent(name, bucket) != null) {
      return null;
    }
    Files.createDirectories(root.resolve(dirName(name)).resolve("o"));
    Files.createDirectories(root.resolve(dirName(name)).resolve("u"));
    return bucket;
  }

  @Nullable Bucket bucket(String name) {
    return buckets.get(name);
  }

  List<Bucket> buckets() {
    List<Bucket> all = new ArrayList<>(buckets.values());
    all.sort(Comparator.comparing(b -> b.name));
    return all;
  }

  boolean deleteBucket(String name) {
    Bucket bucket = buckets.get(name);
    if (bucket == null || !bucket.objects.isEmpty()) {
      return false;
    }
    return buckets.remove(name, bucket);
  }

  // ---- objects ----

  /** Returns a fresh file to stage the bytes of an upload in. */
  Path stagingFile(String bucket) throws IOException {
    return Files.createTempFile(root.resolve(dirName(bucket)).resolve("u"), "staged-", ".bin");
  }

  /**
   * Commits {@code staged} as the new live generation of {@code name}, after checking the
   * preconditions and the hashes the client gave (base64, or null).
   */
  synchronized StoredObject commit(
      Bucket bucket,
      String name,
      Staged staged,
      @Nullable String expectedCrc32c,
      @Nullable String expectedMd5)
      throws IOException, Refused {
    if (corruptUploads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      flipFirstByte(staged.file());
      expectedCrc32c = null;
      expectedMd5 = null;
    }
    int crc;
    String md5;
    long size;
    try (InputStream in = Files.newInputStream(staged.file())) {
      CRC32C c = new CRC32C();
      MessageDigest digest = md5Digest();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        c.update(buffer, 0, n);
        digest.update(buffer, 0, n);
        total += n;
      }
      crc = (int) c.getValue();
      md5 = Base64.getEncoder().encodeToString(digest.digest());
      size = total;
    }
    String actualCrc = crc32cBase64(crc);
    if (expectedCrc32c != null && !expectedCrc32c.equals(actualCrc)) {
      throw new Refused(
          400,
          "invalid",
          "Provided CRC32C \""
              + expectedCrc32c
              + "\" doesn't match calculated CRC32C \""
              + actualCrc
              + "\".");
    }
    if (expectedMd5 != null && !expectedMd5.equals(md5)) {
      throw new Refused(
          400,
          "invalid",
          "Provided MD5 hash \""
              + expectedMd5
              + "\" doesn't match calculated MD5 hash \""
              + md5
              + "\".");
    }
    StoredObject current = bucket.objects.get(name);
    String violated = staged.preconditions().violatedBy(current);
    if (violated != null) {
      throw new Refused(412, "conditionNotMet", violated);
    }
    long generation = Math.max(lastGeneration + 1, System.currentTimeMillis() * 1000);
    lastGeneration = generation;
    Path file = objectDir(bucket.name).resolve(hash(name) + "." + generation);
    Files.move(staged.file(), file, StandardCopyOption.ATOMIC_MOVE);
    StoredObject stored =
        new StoredObject(
            bucket.name,
            name,
            generation,
            1,
            size,
            crc,
            md5,
            staged.contentType(),
            Map.copyOf(staged.metadata()),
            Instant.now(),
            file);
    bucket.objects.put(name, stored);
    if (current != null) {
      Files.deleteIfExists(current.file());
    }
    return stored;
  }

  /** Deletes the live generation of {@code name} if it is {@code current}. */
  synchronized boolean delete(Bucket bucket, StoredObject current) throws IOException {
    if (!bucket.objects.remove(current.name(), current)) {
      return false;
    }
    Files.deleteIfExists(current.file());
    return true;
  }

  // ---- resumable upload sessions ----

  UploadSession newSession(
      Bucket bucket, String name, Staged staged, @Nullable String crc32c, @Nullable String md5) {
    String id = UUID.randomUUID().toString().replace("-", "");
    UploadSession session = new UploadSession(id, bucket, name, staged, crc32c, md5);
    sessions.put(id, session);
    return session;
  }

  @Nullable UploadSession session(String id) {
    return sessions.get(id);
  }

  /** Returns the sessions neither committed nor cancelled nor failed. */
  List<UploadSession> openSessions() {
    List<UploadSession> open = new ArrayList<>();
    for (UploadSession s : sessions.values()) {
      synchronized (s) {
        if (s.state == UploadSession.State.OPEN) {
          open.add(s);
        }
      }
    }
    return open;
  }

  /** Returns the sessions cancelled by a DELETE. */
  List<UploadSession> cancelledSessions() {
    List<UploadSession> cancelled = new ArrayList<>();
    for (UploadSession s : sessions.values()) {
      synchronized (s) {
        if (s.state == UploadSession.State.CANCELLED) {
          cancelled.add(s);
        }
      }
    }
    return cancelled;
  }

  private static void flipFirstByte(Path file) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      if (channel.read(one, 0) == 1) {
        one.put(0, (byte) (one.get(0) ^ 0xff)).rewind();
        channel.write(one, 0);
      }
    }
  }

  // ---- names ----

  Path objectDir(String bucket) {
    return root.resolve(dirName(bucket)).resolve("o");
  }

  static String crc32cBase64(int crc) {
    byte[] b = {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc};
    return Base64.getEncoder().encodeToString(b);
  }

  static MessageDigest md5Digest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String dirName(String bucket) {
    return "b-" + hash(bucket).substring(0, 16);
  }

  private static String hash(String name) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
