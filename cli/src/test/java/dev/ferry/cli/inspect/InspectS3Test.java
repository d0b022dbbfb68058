package dev.ferry.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.blob.BlobStores;
import dev.ferry.blob.testing.S3MockServer;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.Ferry;
import dev.ferry.testdata.IntegrationTest;
import dev.ferry.testdata.TestData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry inspect s3://...}: a subprocess whose store is S3Mock, reached through the {@code
 * FLYTE_AWS_*} variables as in a pod.
 */
@IntegrationTest
class InspectS3Test {
  private static final String BUCKET = "inspect-docs";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static S3MockServer server;
  static BlobStores stores;

  @BeforeAll
  static void start() throws Exception {
    server = S3MockServer.startDedicated();
    server.createBucket(BUCKET);
    stores = server.stores();
    put("metadata/exec1/n0/inputs.pb", TestData.bytes("interop/python-flytekit-inputs.pb"));
    put("types/order.type", TestData.bytes("golden/order-record.type.pb"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (stores != null) {
      stores.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static void put(String key, byte[] bytes) throws Exception {
    URI uri = URI.create("s3://" + BUCKET + "/" + key);
    stores.forUri(uri).write(uri, out -> out.write(bytes));
  }

  record Result(int exitCode, String out, String err) {}

  private static Result inspect(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Ferry.class.getName());
    command.add("inspect");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("FLYTE_") || k.startsWith("AWS_"));
    env.put("FLYTE_AWS_ENDPOINT", server.endpoint().toString());
    env.put("FLYTE_AWS_ACCESS_KEY_ID", server.accessKeyId());
    env.put("FLYTE_AWS_SECRET_ACCESS_KEY", server.secretAccessKey());
    env.put("AWS_REGION", "us-east-1");
    Process p = pb.redirectError(ProcessBuilder.Redirect.PIPE).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void inspect_inputsOnS3_printsThePythonValues() throws Exception {
    Result r = inspect("s3://" + BUCKET + "/metadata/exec1/n0/inputs.pb");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(MAPPER.readTree(r.out())).isEqualTo(MAPPER.readTree("{\"a\": 30, \"b\": 0}"));
  }

  @Test
  void inspect_typeOnS3_withoutAHintingName_isSummarised() throws Exception {
    Result r = inspect("s3://" + BUCKET + "/types/order.type");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("Record{counts: Dict[str, int], items: List[Record{");
  }

  @Test
  void inspect_missingObject_isOneLineNamingTheUri() throws Exception {
    String uri = "s3://" + BUCKET + "/metadata/none/outputs.pb";
    Result r = inspect(uri);

    assertThat(r.exitCode()).isNotEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).contains("cannot read " + uri + ": no such object");
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
  }
}
