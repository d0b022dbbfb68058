package dev.ferry.schema.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.engine.Literals;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.StructuredDatasetMetadata;
import dev.ferry.idl.core.StructuredDatasetType;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.idl.core.Union;
import dev.ferry.idl.core.Variable;
import dev.ferry.idl.core.VariableMap;
import dev.ferry.schema.JavaSourceGenerator;
import dev.ferry.schema.testing.InMemoryCompiler;
import dev.ferry.schema.testing.PythonTypes;
import dev.ferry.testdata.TestData;
import dev.ferry.transformers.blob.FlyteFile;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java generated from types the Python SDK wrote (unions of dataclasses, optional unions,
 * structured datasets) compiles, and the real engine reads the Python literals into the generated
 * types and writes them back byte for byte.
 */
class GeneratedTypesRoundTripTest {
  @TempDir Path tmp;

  private final TypeEngine engine = TypeEngine.createDefault();
  private final TransformContext ctx = TransformContext.at("inputs");

  private void roundTrip(Literal literal, Type javaType) {
    roundTrip(literal, TypeRef.of(javaType));
  }

  private <T> void roundTrip(Literal literal, TypeRef<T> ref) {
    T value = engine.toJava(literal, ref, ctx);
    Literal back = engine.toLiteral(value, ref, ctx);
    assertThat(Literals.toBytes(back)).isEqualTo(Literals.toBytes(literal));
  }

  @Test
  void unionOfDataclasses_readsAndWritesThePythonLiterals() throws Exception {
    LiteralType python = PythonTypes.type("shipment");
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.ship");
    gen.addRecord("Shipment", python);
    Literal courier =
        PythonTypes.msgpack(
            p ->
                p.packMapHeader(2)
                    .packString("shipment_id")
                    .packLong(7)
                    .packString("delivery")
                    .packMapHeader(2)
                    .packString("address")
                    .packString("1 Main St")
                    .packString("days")
                    .packLong(2));
    Literal pickup =
        PythonTypes.msgpack(
            p ->
                p.packMapHeader(2)
                    .packString("shipment_id")
                    .packLong(300)
                    .packString("delivery")
                    .packMapHeader(1)
                    .packString("store")
                    .packString("north"));

    try (URLClassLoader loader = InMemoryCompiler.compile(gen.files(), tmp)) {
      Class<?> shipment = loader.loadClass("com.example.ship.Shipment");
      Class<?> delivery = loader.loadClass("com.example.ship.Delivery");
      roundTrip(courier, shipment);
      roundTrip(pickup, shipment);
      LiteralType javaType = engine.literalType(TypeRef.of(shipment));
      assertThat(javaType.getStructure()).isEqualTo(python.getStructure());
      assertThat(javaType.getMetadata()).isEqualTo(python.getMetadata());
      assertThat(javaType.getAnnotation()).isEqualTo(python.getAnnotation());

      Object value = engine.toJava(courier, TypeRef.of(shipment), ctx);
      Object chosen = shipment.getRecordComponents()[1].getAccessor().invoke(value);
      assertThat(chosen.getClass().getSimpleName()).isEqualTo("Courier");
      assertThat(delivery.isInstance(chosen)).isTrue();

      // the union on its own, as a task input: Scalar.union tagged and titled Courier
      Literal union = Literal.parseFrom(TestData.bytes("golden/sealed-union.pb"));
      LiteralType unionType = LiteralType.parseFrom(TestData.bytes("golden/sealed-union.type.pb"));
      roundTrip(union, delivery);
      assertThat(engine.literalType(TypeRef.of(delivery))).isEqualTo(unionType);
      assertThat(unionType).isEqualTo(python.getStructure().getDataclassTypeOrThrow("delivery"));
    }
  }

  @Test
  void optionalUnionOfDataclasses_readsAndWritesThePythonLiterals() throws Exception {
    LiteralType python = PythonTypes.type("parcel");
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.ship");
    gen.addRecord("Parcel", python);
    Literal empty =
        PythonTypes.msgpack(
            p ->
                p.packMapHeader(2)
                    .packString("weight")
                    .packDouble(1.5)
                    .packString("fallback")
                    .packNil());
    Literal pickup =
        PythonTypes.msgpack(
            p ->
                p.packMapHeader(2)
                    .packString("weight")
                    .packDouble(2.0)
                    .packString("fallback")
                    .packMapHeader(1)
                    .packString("store")
                    .packString("south"));
    LiteralType fallbackType = python.getStructure().getDataclassTypeOrThrow("fallback");
    Literal none =
        Literal.newBuilder()
            .setScalar(
                Scalar.newBuilder()
                    .setUnion(
                        Union.newBuilder()
                            .setValue(Literals.none())
                            .setType(fallbackType.getUnionType().getVariants(2))))
            .build();
    Literal courier =
        Literal.newBuilder()
            .setScalar(
                Scalar.newBuilder()
                    .setUnion(
                        Union.newBuilder()
                            .setValue(
                                PythonTypes.msgpack(
                                    p ->
                                        p.packMapHeader(2)
                                            .packString("address")
                                            .packString("2 Side St")
                                            .packString("days")
                                            .packLong(1)))
                            .setType(fallbackType.getUnionType().getVariants(1))))
            .build();

    try (URLClassLoader loader = InMemoryCompiler.compile(gen.files(), tmp)) {
      Class<?> parcel = loader.loadClass("com.example.ship.Parcel");
      roundTrip(empty, parcel);
      roundTrip(pickup, parcel);
      // the JSON Schema of an optional union differs (see JavaSourceGenerator): types only
      assertThat(engine.literalType(TypeRef.of(parcel)).getStructure())
          .isEqualTo(python.getStructure());

      Type optional = parcel.getRecordComponents()[1].getGenericType();
      assertThat(optional.getTypeName()).isEqualTo("java.util.Optional<com.example.ship.Fallback>");
      roundTrip(none, optional);
      roundTrip(courier, optional);
      assertThat(engine.literalType(TypeRef.of(optional))).isEqualTo(fallbackType);
      assertThat(engine.toJava(none, TypeRef.of(optional), ctx)).isEqualTo(Optional.empty());
    }
  }

  @Test
  void datasetAndFileFields_readAndWriteThePythonLiterals() throws Exception {
    LiteralType python = PythonTypes.type("report");
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.reports");
    gen.addRecord("Report", python);
    Literal report =
        PythonTypes.msgpack(
            p ->
                p.packMapHeader(3)
                    .packString("name")
                    .packString("q3")
                    .packString("frame")
                    .packMapHeader(2)
                    .packString("uri")
                    .packString("s3://bucket/raw/5f2c")
                    .packString("file_format")
                    .packString("parquet")
                    .packString("raw")
                    .packMapHeader(1)
                    .packString("path")
                    .packString("s3://bucket/raw/in.csv"));

    try (URLClassLoader loader = InMemoryCompiler.compile(gen.files(), tmp)) {
      Class<?> cls = loader.loadClass("com.example.reports.Report");
      assertThat(cls.getRecordComponents())
          .extracting(c -> (Object) c.getType())
          .containsExactly(String.class, StructuredDataset.class, FlyteFile.class);
      roundTrip(report, cls);
      assertThat(engine.literalType(TypeRef.of(cls)).getStructure())
          .isEqualTo(python.getStructure());
      Object value = engine.toJava(report, TypeRef.of(cls), ctx);
      StructuredDataset frame =
          (StructuredDataset) cls.getRecordComponents()[1].getAccessor().invoke(value);
      assertThat(frame.uri()).contains(URI.create("s3://bucket/raw/5f2c"));
      assertThat(frame.format()).isEqualTo("parquet");
    }
  }

  @Test
  void datasetInput_ofATaskInterface_readsAndWritesThePythonLiteral() throws Exception {
    LiteralType datasetType =
        LiteralType.newBuilder()
            .setStructuredDatasetType(StructuredDatasetType.getDefaultInstance())
            .build();
    TypedInterface ti =
        TypedInterface.newBuilder()
            .setInputs(
                VariableMap.newBuilder()
                    .putVariables(
                        "frame",
                        Variable.newBuilder().setType(datasetType).setDescription("frame").build()))
            .build();
    // a pandas dataframe as the Python SDK writes it (WIRE.md)
    Literal frame =
        Literal.newBuilder()
            .setScalar(
                Scalar.newBuilder()
                    .setStructuredDataset(
                        dev.ferry.idl.core.StructuredDataset.newBuilder()
                            .setUri("s3://bucket/raw/0a1b2c3d4e5f60718293a4b5c6d7e8f9")
                            .setMetadata(
                                StructuredDatasetMetadata.newBuilder()
                                    .setStructuredDatasetType(
                                        StructuredDatasetType.newBuilder().setFormat("parquet")))))
            .build();
    JavaSourceGenerator gen = new JavaSourceGenerator("com.example.tasks");
    gen.addInterface("summarize", ti);

    try (URLClassLoader loader = InMemoryCompiler.compile(gen.files(), tmp)) {
      Class<?> inputs = loader.loadClass("com.example.tasks.SummarizeInputs");
      Type component = inputs.getRecordComponents()[0].getGenericType();
      assertThat(component).isEqualTo(StructuredDataset.class);
      roundTrip(frame, component);
      assertThat(engine.literalType(TypeRef.of(component))).isEqualTo(datasetType);
    }
  }
}
