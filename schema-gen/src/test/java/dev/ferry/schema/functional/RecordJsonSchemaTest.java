package dev.ferry.schema.functional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.schema.JsonLiterals;
import dev.ferry.schema.functional.JsonRoundTripTest.Order;
import dev.ferry.transformers.blob.FlyteDirectory;
import dev.ferry.transformers.blob.FlyteFile;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schemas Ferry writes in a record type's {@code metadata} are valid draft 2020-12 schemas
 * (checked by a third-party validator) that accept the JSON form of the values they describe,
 * datasets ({@code {"uri", "file_format"}}) and files ({@code {"path"}}) included, and reject wrong
 * values.
 */
class RecordJsonSchemaTest {
  sealed interface Shape permits Circle, Square {}

  record Circle(double radius) implements Shape {}

  record Square(double side, Optional<String> label) implements Shape {}

  record Drawing(
      String name,
      List<Shape> shapes,
      Map<String, List<Long>> layers,
      Optional<Order> order,
      FlyteFile source) {}

  record Report(
      String name, StructuredDataset frame, FlyteDirectory out, Optional<FlyteFile> raw) {}

  private static final String REPORT_JSON =
      "{\"name\":\"q3\","
          + "\"frame\":{\"uri\":\"s3://bucket/raw/5f2c\",\"file_format\":\"parquet\"},"
          + "\"out\":{\"path\":\"s3://bucket/out/\"},"
          + "\"raw\":{\"path\":\"s3://bucket/in.csv\"}}";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private final TypeEngine engine = TypeEngine.createDefault();

  private static JsonNode schemaOf(LiteralType type) throws Exception {
    return MAPPER.readTree(JsonFormat.printer().print(type.getMetadata()));
  }

  private static Set<ValidationMessage> metaValidate(JsonNode schema) {
    JsonSchema meta =
        FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    return meta.validate(schema);
  }

  private static Set<ValidationMessage> validate(JsonNode schema, JsonNode value) {
    return FACTORY.getSchema(schema).validate(value);
  }

  @Test
  void orderSchema_isValid_andAcceptsTheJsonOfAnOrder() throws Exception {
    LiteralType type = engine.literalType(Order.class);
    JsonNode schema = schemaOf(type);
    Literal literal =
        engine.toLiteral(
            JsonRoundTripTest.order(), TypeRef.of(Order.class), TransformContext.defaults());
    JsonNode json = JsonLiterals.toJson(literal, type);

    assertThat(metaValidate(schema)).isEmpty();
    assertThat(validate(schema, json)).isEmpty();
  }

  @Test
  void orderSchema_rejectsAWrongValue() throws Exception {
    JsonNode schema = schemaOf(engine.literalType(Order.class));
    JsonNode wrong =
        MAPPER.readTree(JsonRoundTripTest.ORDER_JSON.replace("\"qty\":300", "\"qty\":\"abc\""));
    JsonNode extra =
        MAPPER.readTree(
            JsonRoundTripTest.ORDER_JSON.replace("\"ttl\":90.5", "\"ttl\":90.5,\"x\":1"));
    JsonNode badEnum = MAPPER.readTree(JsonRoundTripTest.ORDER_JSON.replace("\"red\"", "\"blue\""));

    assertThat(validate(schema, wrong))
        .extracting(ValidationMessage::getInstanceLocation)
        .map(Object::toString)
        .contains("$.items[1].qty");
    assertThat(validate(schema, extra)).isNotEmpty();
    assertThat(validate(schema, badEnum)).isNotEmpty();
  }

  @Test
  void drawingSchema_withUnionsMapsOptionalsAndFiles() throws Exception {
    LiteralType type = engine.literalType(Drawing.class);
    JsonNode schema = schemaOf(type);
    String json =
        "{\"name\":\"d\",\"shapes\":[{\"radius\":1.0},{\"side\":2,\"label\":null}],"
            + "\"layers\":{\"bg\":[1,2]},\"order\":"
            + JsonRoundTripTest.ORDER_JSON
            + ",\"source\":\"s3://bucket/in.csv\"}";
    JsonNode value = JsonLiterals.toJson(JsonLiterals.toLiteral(json, type), type);

    assertThat(metaValidate(schema)).isEmpty();
    assertThat(value.get("source").toString()).isEqualTo("{\"path\":\"s3://bucket/in.csv\"}");
    assertThat(validate(schema, value)).isEmpty();
    assertThat(validate(schema, MAPPER.readTree(json.replace("{\"radius\":1.0}", "{\"r\":1}"))))
        .isNotEmpty();
  }

  @Test
  void reportSchema_withADatasetAndFiles_isValid_andAcceptsTheirJson() throws Exception {
    LiteralType type = engine.literalType(Report.class);
    JsonNode schema = schemaOf(type);
    Report report =
        new Report(
            "q3",
            StructuredDataset.of(URI.create("s3://bucket/raw/5f2c"), "parquet"),
            FlyteDirectory.of(URI.create("s3://bucket/out/")),
            Optional.of(FlyteFile.of(URI.create("s3://bucket/in.csv"))));
    Literal literal =
        engine.toLiteral(report, TypeRef.of(Report.class), TransformContext.defaults());
    JsonNode json = JsonLiterals.toJson(literal, type);

    assertThat(metaValidate(schema)).isEmpty();
    assertThat(json).isEqualTo(MAPPER.readTree(REPORT_JSON));
    assertThat(validate(schema, json)).isEmpty();
    assertThat(validate(schema, MAPPER.readTree(REPORT_JSON.replaceFirst(",\"raw\":.*}}", "}"))))
        .isNotEmpty();
    assertThat(
            validate(
                schema,
                MAPPER.readTree(REPORT_JSON.replace("{\"path\":\"s3://bucket/in.csv\"}", "null"))))
        .isEmpty();
  }

  private Set<String> rejected(String json) throws Exception {
    JsonNode schema = schemaOf(engine.literalType(Report.class));
    Set<String> locations = new java.util.TreeSet<>();
    validate(schema, MAPPER.readTree(json))
        .forEach(m -> locations.add(m.getInstanceLocation().toString()));
    return locations;
  }

  @Test
  void reportSchema_rejectsWrongDatasetsAndFiles() throws Exception {
    String frame = "{\"uri\":\"s3://bucket/raw/5f2c\",\"file_format\":\"parquet\"}";

    assertThat(rejected(REPORT_JSON.replace(frame, "{\"file_format\":\"parquet\"}")))
        .containsExactly("$.frame");
    assertThat(rejected(REPORT_JSON.replace(frame, "{\"uri\":5}"))).containsExactly("$.frame.uri");
    assertThat(rejected(REPORT_JSON.replace(frame, "\"s3://bucket/raw/5f2c\"")))
        .containsExactly("$.frame");
    assertThat(rejected(REPORT_JSON.replace("{\"path\":\"s3://bucket/out/\"}", "{\"path\":1}")))
        .containsExactly("$.out.path");
    // the Python SDK's schema gives path a default (null), so {} passes it; reading rejects it
    assertThat(rejected(REPORT_JSON.replace("{\"path\":\"s3://bucket/out/\"}", "{}"))).isEmpty();
    assertThat(rejected(REPORT_JSON.replace("{\"path\":\"s3://bucket/out/\"}", "[]")))
        .containsExactly("$.out");
    assertThat(
            rejected(
                REPORT_JSON.replace(
                    "{\"path\":\"s3://bucket/in.csv\"}",
                    "{\"path\":\"s3://bucket/in.csv\",\"size\":3}")))
        .contains("$.raw");
  }
}
