package dev.ferry.blob.s3;

import static dev.ferry.blob.s3.S3StreamingTests.MIB;
import static dev.ferry.blob.s3.S3StreamingTests.assertBytes;
import static dev.ferry.blob.s3.S3StreamingTests.hexCrc;
import static dev.ferry.blob.s3.S3StreamingTests.options;
import static dev.ferry.blob.s3.S3StreamingTests.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.blob.testing.S3StoreExtension;
import dev.ferry.testdata.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** The SDK clients the settings build: credentials, the CRT option and its absence. */
@IntegrationTest
class S3ClientsTest {
  @RegisterExtension
  static final S3StoreExtension crt =
      S3StoreExtension.on(S3MockServer::shared)
          .withSettings(s -> s.withClient(S3Settings.Client.CRT));

  @Test
  void credentials_staticWhenGiven_elseTheDefaultChain() {
    AwsCredentials given =
        S3Clients.credentials(S3Settings.defaults().withCredentials("id", "secret"))
            .resolveCredentials();

    assertThat(given.accessKeyId()).isEqualTo("id");
    assertThat(given.secretAccessKey()).isEqualTo("secret");
    assertThat(S3Clients.credentials(S3Settings.defaults()))
        .isInstanceOf(DefaultCredentialsProvider.class);
  }

  @Test
  void crt_missing_clearError() {
    ClassLoader withoutCrt =
        new ClassLoader(S3ClientsTest.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("software.amazon.awssdk.crt.")) {
              throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
          }
        };

    assertThatThrownBy(() -> S3Clients.crt(S3Settings.defaults(), withoutCrt))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "s3.client is 'crt' but the AWS CRT is not on the class path:"
                + " add software.amazon.awssdk.crt:aws-crt, or use s3.client=netty");
  }

  @Test
  void crt_roundTripsSingleAndMultipartObjects() throws IOException {
    assertThat(crt.store().settings().client()).isEqualTo(S3Settings.Client.CRT);
    for (int size : new int[] {1000, 12 * MIB + 3}) {
      byte[] data = random(size, size);
      URI uri = crt.uri("crt-" + size + ".bin");
      BlobOutputStream out = crt.store().create(uri, options(2));
      out.write(data);
      out.commit();

      assertThat(out.info().crc32c()).isEqualTo(hexCrc(data));
      assertThat(crt.store().stat(uri).orElseThrow().crc32c()).isEqualTo(hexCrc(data));
      try (InputStream in = crt.store().open(uri, ReadOptions.defaults().withChunkSize(4 * MIB))) {
        assertBytes(in.readAllBytes(), data);
      }
    }
  }
}
