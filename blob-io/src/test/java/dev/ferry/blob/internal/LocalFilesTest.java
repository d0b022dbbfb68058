package dev.ferry.blob.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFilesTest {
  private static final URI PREFIX = URI.create("memory://b/p");

  @TempDir Path dir;

  @Test
  void regularFiles_sortedByKey_withSizes() throws IOException {
    Files.createDirectories(dir.resolve("b/c"));
    Files.writeString(dir.resolve("b/c/d"), "four");
    Files.writeString(dir.resolve("a"), "1");
    Files.writeString(dir.resolve("b/.a.ferry-0123456789abcdef.tmp"), "half");
    Files.createDirectories(dir.resolve("empty"));

    assertThat(LocalFiles.regularFiles(dir, "op", PREFIX))
        .extracting(LocalFiles.LocalFile::key, LocalFiles.LocalFile::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 1L),
            org.assertj.core.groups.Tuple.tuple("b/c/d", 4L));
  }

  @Test
  void regularFiles_directoryThroughALink_walked() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real"));
    Files.writeString(real.resolve("x"), "x");
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);

    assertThat(LocalFiles.regularFiles(link, "op", PREFIX))
        .extracting(LocalFiles.LocalFile::key)
        .containsExactly("x");
  }

  @Test
  void regularFiles_notADirectory_fails() {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> LocalFiles.regularFiles(missing, "op", PREFIX))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage("op memory://b/p failed: not a directory: " + missing);
  }
}
