package dev.ferry.blob.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreContract;
import dev.ferry.blob.ProgressRecorder;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.blob.testing.S3StoreExtension;
import dev.ferry.testdata.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;

/**
 * The blob store contract on S3Mock with whole-file transfers run by the SDK's transfer manager
 * ({@code s3.file-transfers=transfer-manager}), and multipart files through it.
 */
@IntegrationTest
class S3MockTransferManagerTest extends BlobStoreContract {
  @RegisterExtension
  static final S3StoreExtension s3 =
      S3StoreExtension.on(S3MockServer::shared).withSettings(s -> s.withTransferManager(true));

  private static final int PART = 5 * 1024 * 1024;

  @Override
  protected BlobStore store() {
    return s3.store();
  }

  @Override
  protected URI uri(String key) {
    return s3.uri(key);
  }

  @Test
  void upload_largerThanAPart_goesInPartsAndDownloadsWhole() throws IOException {
    byte[] data = random(3 * PART + 123, 31);
    Path source = Files.write(local.resolve("big.bin"), data);
    URI uri = uri("big.bin");
    ProgressRecorder up = new ProgressRecorder();
    ProgressRecorder down = new ProgressRecorder();
    long before = s3.store().transferManagerTransfers();

    store().upload(source, uri, WriteOptions.defaults().withPartSize(PART).withProgress(up));
    Path target = local.resolve("back/big.bin");
    store().download(uri, target, ReadOptions.defaults().withChunkSize(PART).withProgress(down));

    assertThat(Files.readAllBytes(target)).isEqualTo(data);
    assertThat(s3.store().transferManagerTransfers()).isEqualTo(before + 2);
    up.assertComplete(uri, data.length);
    down.assertComplete(uri, data.length);
    BlobInfo info = store().stat(uri).orElseThrow();
    assertThat(info.size()).isEqualTo(data.length);
    assertThat(info.etag()).endsWith("-4"); // four parts: the transfer manager split the file
    // the SDK's multipart client gives the object a composite CRC32C, not a whole-object one
    assertThat(info.crc32c()).isNull();
    assertThat(tempFiles(java.util.Objects.requireNonNull(target.getParent()))).isEmpty();
    ListMultipartUploadsResponse open =
        s3.store().client().listMultipartUploads(b -> b.bucket(s3.bucket())).join();
    assertThat(open.uploads()).noneMatch(u -> u.key().equals(s3.key("big.bin")));
  }

  @Test
  void settings_nameTheEngine() {
    assertThat(s3.store().settings().transferManager()).isTrue();
    assertThat(s3.store().settings().toString()).contains("fileTransfers=transfer-manager");
  }
}
