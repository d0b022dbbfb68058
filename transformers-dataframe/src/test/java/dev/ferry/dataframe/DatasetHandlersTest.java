package dev.ferry.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.transformers.blob.DataPlane;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetHandlersTest {
  /** A dataframe type of the tests. */
  static final class Frame {}

  record Enc(String protocol, String format) implements DatasetEncoder<Frame> {
    @Override
    public Class<Frame> type() {
      return Frame.class;
    }

    @Override
    public void encode(Frame value, DatasetLocation target) {}
  }

  record Dec(String protocol, String format) implements DatasetDecoder<Frame> {
    @Override
    public Class<Frame> type() {
      return Frame.class;
    }

    @Override
    public Frame decode(DatasetLocation source) {
      return new Frame();
    }
  }

  /** Listed in the test resources' META-INF/services. */
  public static final class Discovered implements DatasetEncoder<Frame> {
    @Override
    public Class<Frame> type() {
      return Frame.class;
    }

    @Override
    public String protocol() {
      return "x";
    }

    @Override
    public String format() {
      return "discovered";
    }

    @Override
    public void encode(Frame value, DatasetLocation target) {}
  }

  record Trade(String symbol, long quantity, double price) {}

  record Price(String symbol, double price) {}

  private static DatasetHandlers of(DatasetEncoder<?>... encoders) {
    DatasetHandlers.Builder b = DatasetHandlers.builder().discover(false);
    for (DatasetEncoder<?> e : encoders) {
      b.add(e);
    }
    return b.build();
  }

  @Test
  void encoder_protocolAndFormat_beatsGeneric() {
    DatasetHandlers h = of(new Enc("", "parquet"), new Enc("s3", "parquet"));
    assertThat(h.encoder(Frame.class, "s3", "parquet")).isEqualTo(new Enc("s3", "parquet"));
    assertThat(h.encoder(Frame.class, "gs", "parquet")).isEqualTo(new Enc("", "parquet"));
  }

  @Test
  void encoder_specificFormatMissing_usesGenericFormatHandler() {
    DatasetHandlers h = of(new Enc("", "parquet"), new Enc("s3", ""));
    assertThat(h.encoder(Frame.class, "s3", "avro")).isEqualTo(new Enc("s3", ""));
  }

  @Test
  void encoder_noFormat_usesDefaultFormatThenSoleHandler() {
    DatasetHandlers h = of(new Enc("", "csv"), new Enc("", "parquet"));
    assertThat(h.encoder(Frame.class, "file", "")).isEqualTo(new Enc("", "parquet"));
    DatasetHandlers custom =
        DatasetHandlers.builder()
            .discover(false)
            .add(new Enc("", "csv"))
            .add(new Enc("", "parquet"))
            .defaultFormat(Frame.class, "csv")
            .build();
    assertThat(custom.encoder(Frame.class, "file", "")).isEqualTo(new Enc("", "csv"));
    assertThat(of(new Enc("file", "avro")).encoder(Frame.class, "file", ""))
        .isEqualTo(new Enc("file", "avro"));
  }

  @Test
  void encoder_none_namesWhatIsRegistered() {
    DatasetHandlers h = of(new Enc("s3", "csv"));
    assertThatThrownBy(() -> h.encoder(Frame.class, "gs", "csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no dataset encoder for dev.ferry.dataframe.DatasetHandlersTest$Frame, protocol 'gs',"
                + " format 'csv'; registered for the type: [('s3', 'csv')]: add one with"
                + " DatasetHandlers.builder().add(...)");
  }

  @Test
  void decoder_addedFirst_beatsBuiltIn() {
    DatasetHandlers h =
        DatasetHandlers.builder().discover(false).add(new Dec("", "parquet")).build();
    assertThat(h.decoder(Frame.class, "memory", "parquet")).isEqualTo(new Dec("", "parquet"));
  }

  @Test
  void discovered_throughServiceLoader() {
    assertThat(DatasetHandlers.defaults().encoder(Frame.class, "x", "discovered"))
        .isInstanceOf(Discovered.class);
    assertThatThrownBy(
            () ->
                DatasetHandlers.builder()
                    .discover(false)
                    .build()
                    .encoder(Frame.class, "x", "discovered"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builtIns_listAndArrowToParquet() {
    DatasetHandlers h = DatasetHandlers.defaults();
    assertThat(h.encoder(java.util.ArrayList.class, "s3", "").toString())
        .isEqualTo("List<record> -> parquet");
    assertThat(h.encoder(VectorSchemaRoot.class, "file", "parquet").toString())
        .isEqualTo("VectorSchemaRoot -> parquet");
    assertThat(h.decoder(List.class, "gs", "parquet").toString())
        .isEqualTo("parquet -> List<record>");
  }

  @Test
  void builtIns_arrowIpcAndArrowDecoders() {
    DatasetHandlers h = DatasetHandlers.defaults();
    assertThat(h.encoder(java.util.ArrayList.class, "s3", "arrow").toString())
        .isEqualTo("List<record> -> arrow");
    assertThat(h.encoder(VectorSchemaRoot.class, "file", "arrow").toString())
        .isEqualTo("VectorSchemaRoot -> arrow");
    assertThat(h.decoder(List.class, "memory", "arrow").toString())
        .isEqualTo("arrow -> List<record>");
    for (String format : List.of("parquet", "arrow")) {
      assertThat(h.decoder(VectorSchemaRoot.class, "s3", format).toString())
          .isEqualTo(format + " -> VectorSchemaRoot");
      assertThat(h.decoder(org.apache.arrow.vector.ipc.ArrowReader.class, "s3", format).toString())
          .isEqualTo(format + " -> ArrowReader");
    }
    assertThat(h.defaultFormat(VectorSchemaRoot.class)).isEqualTo("parquet");
  }

  @Test
  void endToEnd_anyValueThroughTheRegistry(@TempDir Path tmp) throws Exception {
    TransformContext ctx =
        DataPlane.of(
                BlobStores.create(BlobStoreConfig.of(Map.of(), Map.of())),
                URI.create("memory://raw/h"),
                tmp)
            .attach(TransformContext.at("outputs.o0"));
    TypeEngine engine = TypeEngine.createDefault();
    TypeRef<StructuredDataset> sd = TypeRef.of(StructuredDataset.class);
    List<Trade> trades = List.of(new Trade("A", 1, 2.5), new Trade("B", 2, 3.5));
    Literal literal =
        engine.toLiteral(StructuredDataset.of(trades, new TypeRef<List<Trade>>() {}, ""), sd, ctx);
    assertThat(
            literal
                .getScalar()
                .getStructuredDataset()
                .getMetadata()
                .getStructuredDatasetType()
                .getFormat())
        .isEqualTo("parquet");
    StructuredDataset back = engine.toJava(literal, sd, ctx);
    assertThat(back.read(new TypeRef<List<Price>>() {}))
        .containsExactly(new Price("A", 2.5), new Price("B", 3.5));
    assertThat(back.read(new TypeRef<List<Trade>>() {})).isEqualTo(trades);
  }
}
