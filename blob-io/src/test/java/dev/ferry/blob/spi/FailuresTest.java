package dev.ferry.blob.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobStoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  private static final URI URI_ = URI.create("memory://b/k");

  @Test
  void reason_fileSystemFailures_short() {
    assertThat(Failures.reason(new NoSuchFileException("/x"))).isEqualTo("no such file: /x");
    assertThat(Failures.reason(new FileAlreadyExistsException("/x")))
        .isEqualTo("already exists: /x");
    assertThat(Failures.reason(new AccessDeniedException("/x"))).isEqualTo("access denied: /x");
    assertThat(Failures.reason(new NotDirectoryException("/x"))).isEqualTo("not a directory: /x");
    assertThat(Failures.reason(new DirectoryNotEmptyException("/x")))
        .isEqualTo("directory not empty: /x");
    assertThat(Failures.reason(new FileSystemException("/x", null, "Is a directory")))
        .isEqualTo("FileSystemException: /x: Is a directory");
  }

  @Test
  void reason_others_classAndMessage() {
    assertThat(Failures.reason(new IOException("disk full"))).isEqualTo("IOException: disk full");
    assertThat(Failures.reason(new IOException())).isEqualTo("IOException");
    assertThat(Failures.reason(new BlobStoreException("open", URI_, "gone", null)))
        .isEqualTo("gone");
  }

  @Test
  void wrap_keepsBlobStoreExceptions() {
    BlobStoreException e = new BlobStoreException("open", URI_, "gone", null);

    assertThat(Failures.wrap("download", URI_, e)).isSameAs(e);
    assertThat(Failures.wrap("download", URI_, new IOException("x")))
        .hasMessage("download memory://b/k failed: IOException: x");
  }

  @Test
  void as_restatesOtherOperations() {
    BlobStoreException read = new BlobStoreException("read", URI_, "checksum mismatch", null);
    BlobStoreException same = new BlobStoreException("download", URI_, "x", null);
    BlobStoreException notFound = BlobStoreException.notFound("open", URI_);
    TransferCancelledException cancelled = new TransferCancelledException(URI_);

    assertThat(Failures.as("download", URI_, read))
        .hasMessage("download memory://b/k failed: checksum mismatch")
        .hasCause(read);
    assertThat(Failures.as("download", URI_, same)).isSameAs(same);
    BlobStoreException restated = Failures.as("download", URI_, notFound);
    assertThat(restated)
        .hasMessage("download memory://b/k failed: no such object")
        .hasCause(notFound);
    assertThat(restated.isNotFound()).isTrue();
    assertThat(Failures.as("download", URI_, cancelled)).isSameAs(cancelled);
  }
}
