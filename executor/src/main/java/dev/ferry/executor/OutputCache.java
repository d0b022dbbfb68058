package dev.ferry.executor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Entries refer to raw data of the run that produced them by URI.
 */
public final class OutputCache {
  private final Path dir;
  private final Cache<String, byte[]> memory;
  private final ConcurrentMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

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
   * {@link #release}), else the future of the caller that does.
   */
  @Nullable CompletableFuture<Void> claim(String key) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> theirs = inFlight.putIfAbsent(key, mine);
    return theirs;
  }

  /** Releases a claim made by {@link #claim}. */
  void release(String key) {
    CompletableFuture<Void> f = inFlight.remove(key);
    if (f != null) {
      f.complete(null);
    }
  }

  private Path file(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key + ".pb");
  }

  @Override
  public String toString() {
    return "OutputCache{" + dir + "}";
  }
}
