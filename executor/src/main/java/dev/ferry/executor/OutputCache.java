package dev.ferry.executor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Cached outputs ({@code outputs.pb} bytes) by cache key, kept as one file per key under a
 * directory ({@code <dir>/<key[0:2]>/<key>.pb}, written to a temp file and moved into place, so a
 * second executor, or a second JVM, sees whole entries or none), with a Caffeine cache in front.
 * Entries refer to raw data of the run that produced them by URI. Serialized tasks claim their key
 * with a file lock beside the entry ({@code <key>.lock}), so identical calls in several JVMs
 * sharing the directory run once.
 */
public final class OutputCache {
  private final Path dir;
  private final Cache<String, byte[]> memory;
  private final ConcurrentMap<String, Claim> inFlight = new ConcurrentHashMap<>();

  /** Returns a cache under {@code dir} holding up to {@code memoryBytes} of entries in memory. */
  public OutputCache(Path dir, long memoryBytes) {
    this.dir = dir;
    this.memory =
        Caffeine.newBuilder()
            .maximumWeight(memoryBytes)
            .weigher((String k, byte[] v) -> v.length + 64)
            .build();
  }

  /** Returns the directory. */
  public Path directory() {
    return dir;
  }

  /** Returns the outputs cached under {@code key}. */
  public Optional<byte[]> get(String key) throws IOException {
    byte[] hit = memory.getIfPresent(key);
    if (hit != null) {
      return Optional.of(hit);
    }
    try {
      byte[] bytes = Files.readAllBytes(file(key));
      memory.put(key, bytes);
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Stores {@code outputs} under {@code key}, replacing an entry. */
  public void put(String key, byte[] outputs) throws IOException {
    Path target = file(key);
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".ferry-", ".tmp");
    try {
      Files.write(tmp, outputs);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    memory.put(key, outputs);
  }

  /** Removes every entry. */
  public void clear() throws IOException {
    memory.invalidateAll();
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * Claims {@code key} for computing it: returns null if this caller computes it (and must call
   * {@link #release}), else the future of the caller in this JVM that does. A claim holds an
   * exclusive file lock on {@code <dir>/<key[0:2]>/<key>.lock} as well, so a caller in another JVM
   * sharing the directory waits here until this one releases; it should then look again ({@link
   * #get} reads the file the other JVM wrote).
   *
   * @throws IOException if the lock file cannot be locked
   * @throws InterruptedException if interrupted while waiting for another JVM's claim
   */
  @Nullable CompletableFuture<Void> claim(String key) throws IOException, InterruptedException {
    Claim mine = new Claim();
    Claim theirs = inFlight.putIfAbsent(key, mine);
    if (theirs != null) {
      return theirs.done;
    }
    try {
      Path lock = dir.resolve(key.substring(0, 2)).resolve(key + ".lock");
      Files.createDirectories(lock.getParent());
      FileChannel channel =
          FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        while (true) {
          try {
            mine.lock = channel.lock();
            break;
          } catch (OverlappingFileLockException e) {
            Thread.sleep(20); // another executor of this JVM, with a cache of its own, holds it
          }
        }
      } catch (ClosedByInterruptException e) {
        Thread.interrupted();
        throw new InterruptedException("interrupted waiting for the cache lock " + lock);
      } catch (IOException | InterruptedException | RuntimeException e) {
        channel.close();
        throw e;
      }
      memory.invalidate(key); // another JVM may have written the entry meanwhile
      return null;
    } catch (IOException | InterruptedException | RuntimeException e) {
      inFlight.remove(key, mine);
      mine.done.complete(null);
      throw e;
    }
  }

  /** Releases a claim made by {@link #claim}. */
  void release(String key) throws IOException {
    Claim c = inFlight.remove(key);
    if (c == null) {
      return;
    }
    try {
      FileLock lock = c.lock;
      if (lock != null) {
        lock.channel().close(); // releases the lock
      }
    } finally {
      c.done.complete(null);
    }
  }

  /** A key being computed in this JVM: the file lock held and who waits for it. */
  private static final class Claim {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    volatile @Nullable FileLock lock;
  }

  private Path file(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key + ".pb");
  }

  @Override
  public String toString() {
    return "OutputCache{" + dir + "}";
  }
}
