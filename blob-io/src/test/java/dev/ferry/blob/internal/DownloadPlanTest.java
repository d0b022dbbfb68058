package dev.ferry.blob.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadPlanTest {
  private static final URI PREFIX = URI.create("memory://b/p");
  private static final BiFunction<URI, URI, String> AFTER_PREFIX =
      (prefix, object) -> object.getPath().substring("/p/".length());

  @TempDir Path root;

  private static List<BlobInfo> objects(String... keys) {
    return Arrays.stream(keys)
        .map(k -> new BlobInfo(URI.create("memory://b/p/" + k), 1, null, null))
        .toList();
  }

  @Test
  void targets_safeKeys_inOrder() throws IOException {
    List<Path> targets =
        DownloadPlan.targets("op", PREFIX, root, objects("b", "a/c", "a/d/e"), AFTER_PREFIX);

    assertThat(targets)
        .containsExactly(root.resolve("b"), root.resolve("a/c"), root.resolve("a/d/e"));
  }

  @Test
  void targets_objectAlsoADirectoryAtAnyDepth_rejectedWithEveryClash() {
    assertThatThrownBy(
            () ->
                DownloadPlan.targets(
                    "op", PREFIX, root, objects("a", "a/b/c", "x/y", "x/y/z"), AFTER_PREFIX))
        .isInstanceOfSatisfying(
            BlobStoreException.class,
            e -> {
              assertThat(e)
                  .hasMessage(
                      "op memory://b/p/a failed: key 'a' is an object and also the directory of"
                          + " 'a/b/c'");
              assertThat(e.getSuppressed())
                  .extracting(Throwable::getMessage)
                  .containsExactly(
                      "op memory://b/p/x/y failed: key 'x/y' is an object and also the directory"
                          + " of 'x/y/z'");
            });
  }

  @Test
  void targets_linkInsideTheRoot_allowed() throws IOException {
    Path real = Files.createDirectories(root.resolve("real"));
    Files.createSymbolicLink(root.resolve("link"), real);

    assertThat(DownloadPlan.targets("op", PREFIX, root, objects("link/x"), AFTER_PREFIX))
        .containsExactly(root.resolve("link/x"));
  }

  @Test
  void targets_linkOutOfTheRootDeepDown_rejected(@TempDir Path outside) throws IOException {
    Files.createDirectories(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("a/b/out"), outside);

    assertThatThrownBy(
            () ->
                DownloadPlan.targets(
                    "op", PREFIX, root, objects("a/fine", "a/b/out/new/x"), AFTER_PREFIX))
        .isInstanceOf(BlobStoreException.class)
        .hasMessage(
            "op memory://b/p/a/b/out/new/x failed: unsafe key 'a/b/out/new/x': it would land"
                + " outside "
                + root
                + " through the symbolic link "
                + root.resolve("a/b/out"));
  }

  @Test
  void targets_rootNotThereYet_fine() throws IOException {
    Path fresh = root.resolve("not/yet");

    assertThat(DownloadPlan.targets("op", PREFIX, fresh, objects("a"), AFTER_PREFIX))
        .containsExactly(fresh.resolve("a"));
  }
}
