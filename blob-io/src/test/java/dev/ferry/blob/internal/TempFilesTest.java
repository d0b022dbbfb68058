package dev.ferry.blob.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {
  @TempDir Path dir;

  @Test
  void tempName_hiddenAndRecognised() {
    String name = TempFiles.tempName("data.bin");

    assertThat(name).matches("\\.data\\.bin\\.ferry-[0-9a-f]{16}\\.tmp");
    assertThat(TempFiles.isTempName(name)).isTrue();
    assertThat(TempFiles.tempName("data.bin")).isNotEqualTo(name);
  }

  @Test
  void tempName_longName_truncated() {
    String name = TempFiles.tempName("x".repeat(300));

    assertThat(name).hasSize(1 + TempFiles.MAX_NAME_CHARS + ".ferry-".length() + 16 + 4);
    assertThat(TempFiles.isTempName(name)).isTrue();
  }

  @Test
  void tempName_surrogatePairAtTheCut_notSplit() {
    String name = "x".repeat(TempFiles.MAX_NAME_CHARS - 1) + "\uD83D\uDE00" + "tail";

    String temp = TempFiles.tempName(name);

    assertThat(temp).startsWith("." + "x".repeat(TempFiles.MAX_NAME_CHARS - 1) + ".ferry-");
  }

  @Test
  void isTempName_otherNames_false() {
    assertThat(TempFiles.isTempName("data.bin")).isFalse();
    assertThat(TempFiles.isTempName(".hidden")).isFalse();
    assertThat(TempFiles.isTempName(".data.ferry-0123456789ABCDEF.tmp")).isFalse();
    assertThat(TempFiles.isTempName("data.ferry-0123456789abcdef.tmp")).isFalse();
    assertThat(TempFiles.isTempName(".data.ferry-0123456789abcdef.tmp")).isTrue();
    assertThat(TempFiles.isTempName(".a\nb.ferry-0123456789abcdef.tmp")).isTrue();
  }

  @Test
  void create_thenCommit_replacesTheTarget() throws IOException {
    Path target = Files.writeString(dir.resolve("t"), "old");

    TempFiles.Temp temp = TempFiles.create(target);
    try (var channel = temp.channel()) {
      channel.write(ByteBuffer.wrap("new".getBytes()));
    }
    assertThat(temp.path().getParent()).isEqualTo(dir);
    assertThat(target).hasContent("old");
    TempFiles.commit(temp.path(), target);

    assertThat(target).hasContent("new");
    assertThat(temp.path()).doesNotExist();
  }

  @Test
  void deleteQuietly_missingFile_noFailure() {
    IOException failure = new IOException("primary");

    TempFiles.deleteQuietly(dir.resolve("missing"), failure);

    assertThat(failure.getSuppressed()).isEmpty();
  }

  @Test
  void deleteQuietly_cannotDelete_addsSuppressed() throws IOException {
    Path full = Files.createDirectories(dir.resolve("full/inside"));
    IOException failure = new IOException("primary");

    TempFiles.deleteQuietly(java.util.Objects.requireNonNull(full.getParent()), failure);

    assertThat(failure.getSuppressed()).hasSize(1);
  }
}
