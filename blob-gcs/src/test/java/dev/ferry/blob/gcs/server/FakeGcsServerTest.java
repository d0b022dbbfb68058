package dev.ferry.blob.gcs.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake server as GCS documents its JSON API, request by request, for what the client tests do
 * not reach: gzip bodies, partial chunks, hash checks, delimiters, ranges, preconditions.
 */
class FakeGcsServerTest {
  private static final String JSON = "application/json; charset=UTF-8";

  @TempDir Path dir;
  private FakeGcsServer server;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws IOException {
    server = FakeGcsServer.start(dir);
    server.createBucket("b");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  public void resumable_gzippedStart_partialChunks_queryAndFinal() throws Exception {
    byte[] data = random(600 * 1024, 1);
    HttpResponse<String> start =
        send(
            post("/upload/storage/v1/b/b/o?uploadType=resumable")
                .header("Content-Type", JSON)
                .header("Content-Encoding", "gzip")
                .POST(
                    BodyPublishers.ofByteArray(
                        gzip("{\"name\":\"dir/a b\",\"contentType\":\"text/x\"}"))));
    assertThat(start.statusCode()).isEqualTo(200);
    String session = start.headers().firstValue("Location").orElseThrow();
    assertThat(session)
        .startsWith(server.endpoint() + "/upload/storage/v1/b/b/o?")
        .contains("upload_id=");

    // 300 KiB sent, but GCS persists whole multiples of 256 KiB only
    HttpResponse<String> first =
        put(session, "bytes 0-307199/*", Arrays.copyOfRange(data, 0, 300 * 1024));
    assertThat(first.statusCode()).isEqualTo(308);
    assertThat(first.headers().firstValue("Range")).hasValue("bytes=0-262143");
    HttpResponse<String> query = put(session, "bytes */*", new byte[0]);
    assertThat(query.statusCode()).isEqualTo(308);
    assertThat(query.headers().firstValue("Range")).hasValue("bytes=0-262143");
    assertThat(server.openUploadSessions()).containsExactly("b/dir/a b");

    HttpResponse<String> last =
        send(
            HttpRequest.newBuilder(URI.create(session))
                .header("Content-Range", "bytes 262144-614399/614400")
                .header("X-Goog-Hash", "crc32c=" + crc(data))
                .PUT(BodyPublishers.ofByteArray(Arrays.copyOfRange(data, 262144, data.length))));
    assertThat(last.statusCode()).isEqualTo(200);
    Map<String, Object> object = Json.parseObject(last.body());
    assertThat(object)
        .containsEntry("name", "dir/a b")
        .containsEntry("size", "614400")
        .containsEntry("crc32c", crc(data))
        .containsEntry("contentType", "text/x");
    assertThat(object.get("generation")).isInstanceOf(String.class);
    assertThat(put(session, "bytes */*", new byte[0]).statusCode()).isEqualTo(200); // finished
    assertThat(getBytes("/download/storage/v1/b/b/o/dir%2Fa%20b?alt=media", "bytes=0-").body())
        .isEqualTo(data);
  }

  @Test
  public void resumable_wrongHash_refusedAndNothingMade() throws Exception {
    String session = startSession("x", "");
    HttpResponse<String> last =
        send(
            HttpRequest.newBuilder(URI.create(session))
                .header("Content-Range", "bytes 0-2/3")
                .header("X-Goog-Hash", "crc32c=AAAAAA==")
                .PUT(BodyPublishers.ofByteArray("abc".getBytes(UTF_8))));

    assertThat(last.statusCode()).isEqualTo(400);
    assertThat(last.body()).contains("doesn't match calculated CRC32C");
    assertThat(get("/storage/v1/b/b/o/x").statusCode()).isEqualTo(404);
  }

  @Test
  public void resumable_cancel_isAnswered499() throws Exception {
    String session = startSession("gone", "");

    HttpResponse<String> cancel = send(HttpRequest.newBuilder(URI.create(session)).DELETE());

    assertThat(cancel.statusCode()).isEqualTo(499);
    assertThat(server.cancelledUploadSessions()).containsExactly("b/gone");
    assertThat(put(session, "bytes */*", new byte[0]).statusCode()).isEqualTo(410);
  }

  @Test
  public void preconditions_onUploadsReadsAndDeletes() throws Exception {
    HttpResponse<String> created = multipart("p", "one".getBytes(UTF_8), "ifGenerationMatch=0");
    assertThat(created.statusCode()).isEqualTo(200);
    String generation = (String) Json.parseObject(created.body()).get("generation");

    assertThat(multipart("p", "two".getBytes(UTF_8), "ifGenerationMatch=0").statusCode())
        .isEqualTo(412);
    assertThat(startSessionStatus("p", "ifGenerationMatch=0")).isEqualTo(412);
    assertThat(get("/storage/v1/b/b/o/p?ifGenerationNotMatch=" + generation).statusCode())
        .isEqualTo(304);
    assertThat(get("/storage/v1/b/b/o/p?ifGenerationMatch=1").statusCode()).isEqualTo(412);
    assertThat(send(delete("/storage/v1/b/b/o/p?ifGenerationMatch=1")).statusCode()).isEqualTo(412);
    assertThat(
            multipart("p", "two".getBytes(UTF_8), "ifGenerationMatch=" + generation).statusCode())
        .isEqualTo(200);
    assertThat(get("/storage/v1/b/b/o/p?generation=" + generation).statusCode()).isEqualTo(404);
  }

  @Test
  public void multipart_wrongCrc32c_refused() throws Exception {
    HttpResponse<String> r =
        multipartWithMetadata("{\"name\":\"m\",\"crc32c\":\"AAAAAA==\"}", "abc".getBytes(UTF_8));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(get("/storage/v1/b/b/o/m").statusCode()).isEqualTo(404);
  }

  @Test
  public void download_ranges() throws Exception {
    byte[] data = random(1000, 2);
    assertThat(
            send(post("/upload/storage/v1/b/b/o?uploadType=media&name=r")
                    .POST(BodyPublishers.ofByteArray(data)))
                .statusCode())
        .isEqualTo(200);

    HttpResponse<byte[]> middle = getBytes("/storage/v1/b/b/o/r?alt=media", "bytes=10-19");
    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(data, 10, 20));
    assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 10-19/1000");
    assertThat(middle.headers().allValues("X-Goog-Hash")).contains("crc32c=" + crc(data));
    assertThat(getBytes("/download/storage/v1/b/b/o/r?alt=media", "bytes=-5").body())
        .isEqualTo(Arrays.copyOfRange(data, 995, 1000));
    assertThat(getBytes("/download/storage/v1/b/b/o/r?alt=media", "bytes=990-").body()).hasSize(10);
    assertThat(getBytes("/download/storage/v1/b/b/o/r?alt=media", "bytes=1000-").statusCode())
        .isEqualTo(416);
  }

  @Test
  public void list_prefixDelimiterAndPages() throws Exception {
    for (String name : List.of("a/1", "a/2", "a/sub/3", "a/sub/4", "a/zz/5", "b/6")) {
      multipart(name, name.getBytes(UTF_8), "");
    }

    Map<String, Object> folded =
        Json.parseObject(get("/storage/v1/b/b/o?prefix=a/&delimiter=/").body());
    assertThat(names(folded)).containsExactly("a/1", "a/2");
    assertThat(folded.get("prefixes")).isEqualTo(List.of("a/sub/", "a/zz/"));

    Map<String, Object> page1 =
        Json.parseObject(get("/storage/v1/b/b/o?prefix=a/&delimiter=/&maxResults=3").body());
    assertThat(names(page1)).containsExactly("a/1", "a/2");
    assertThat(page1.get("prefixes")).isEqualTo(List.of("a/sub/"));
    Map<String, Object> page2 =
        Json.parseObject(
            get("/storage/v1/b/b/o?prefix=a/&delimiter=/&maxResults=3&pageToken="
                    + page1.get("nextPageToken"))
                .body());
    assertThat(page2.get("prefixes")).isEqualTo(List.of("a/zz/"));
    assertThat(page2).doesNotContainKey("nextPageToken");
  }

  @Test
  public void unknownRequests_answered501AndRemembered() throws Exception {
    HttpResponse<String> r =
        send(post("/storage/v1/b/b/o/x/compose").POST(BodyPublishers.ofString("{}")));

    assertThat(r.statusCode()).isEqualTo(501);
    assertThat(server.unimplemented()).containsExactly("POST /storage/v1/b/b/o/x/compose");
  }

  @Test
  public void failNext_answersThenRecovers() throws Exception {
    server.failNext(2, 503);

    assertThat(get("/storage/v1/b/b").statusCode()).isEqualTo(503);
    assertThat(get("/storage/v1/b/b").statusCode()).isEqualTo(503);
    assertThat(get("/storage/v1/b/b").statusCode()).isEqualTo(200);
    assertThat(server.requests())
        .extracting(FakeGcsServer.RecordedRequest::status)
        .containsExactly(503, 503, 200);
  }

  // ---- helpers ----

  private String startSession(String name, String query) throws Exception {
    HttpResponse<String> r = send(sessionStart(name, query));
    assertThat(r.statusCode()).isEqualTo(200);
    return r.headers().firstValue("Location").orElseThrow();
  }

  private int startSessionStatus(String name, String query) throws Exception {
    return send(sessionStart(name, query)).statusCode();
  }

  private HttpRequest.Builder sessionStart(String name, String query) {
    return post("/upload/storage/v1/b/b/o?uploadType=resumable&name="
            + name
            + (query.isEmpty() ? "" : "&" + query))
        .POST(BodyPublishers.noBody());
  }

  private HttpResponse<String> multipart(String name, byte[] content, String query)
      throws Exception {
    return multipartWithMetadata("{\"name\":\"" + name + "\"}", content, query);
  }

  private HttpResponse<String> multipartWithMetadata(String metadata, byte[] content)
      throws Exception {
    return multipartWithMetadata(metadata, content, "");
  }

  private HttpResponse<String> multipartWithMetadata(String metadata, byte[] content, String query)
      throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--xyz\r\nContent-Type: "
                + JSON
                + "\r\n\r\n"
                + metadata
                + "\r\n--xyz\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(UTF_8));
    body.write(content);
    body.write("\r\n--xyz--\r\n".getBytes(UTF_8));
    return send(
        post("/upload/storage/v1/b/b/o?uploadType=multipart" + (query.isEmpty() ? "" : "&" + query))
            .header("Content-Type", "multipart/related; boundary=\"xyz\"")
            .POST(BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private HttpResponse<String> put(String session, String range, byte[] body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(session))
            .header("Content-Range", range)
            .PUT(BodyPublishers.ofByteArray(body)));
  }

  private HttpRequest.Builder post(String path) {
    return HttpRequest.newBuilder(URI.create(server.endpoint() + path));
  }

  private HttpRequest.Builder delete(String path) {
    return HttpRequest.newBuilder(URI.create(server.endpoint() + path)).DELETE();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(server.endpoint() + path)).GET());
  }

  private HttpResponse<byte[]> getBytes(String path, String range) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.endpoint() + path))
            .header("Range", range)
            .GET()
            .build(),
        BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked")
  private static List<String> names(Map<String, Object> page) {
    List<Object> items = (List<Object>) page.getOrDefault("items", List.of());
    return items.stream().map(i -> (String) ((Map<String, Object>) i).get("name")).toList();
  }

  private static String crc(byte[] data) {
    CRC32C c = new CRC32C();
    c.update(data);
    return Backend.crc32cBase64((int) c.getValue());
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
