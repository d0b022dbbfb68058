package com.acme.money;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.testing.TransformerContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin example: a Money transformer found through META-INF/services, built on the published
 * artifacts only, passing the published contract at top level and inside records.
 */
class MoneyPluginTest {
  record Invoice(String id, Money total, Optional<Money> tip, List<Money> lines) {}

  @Test
  void discoveredThroughServiceLoader() {
    assertThat(TypeEngine.createDefault().transformer(Money.class))
        .isInstanceOf(MoneyTransformer.class);
  }

  @Test
  void passesTheContract() {
    // snippet:begin contract-check
    TypeEngine engine = TypeEngine.createDefault();
    TransformerContract.check(engine, Money.class, Money.parse("12.50 EUR"), Money.parse("-1 USD"));
    // snippet:end contract-check
  }

  @Test
  void insideARecord_passesTheContractAndCarriesTheStringAndTag() {
    TypeEngine engine = TypeEngine.createDefault();
    Invoice invoice =
        new Invoice(
            "inv-1",
            Money.parse("100.00 EUR"),
            Optional.of(Money.parse("5 EUR")),
            List.of(Money.parse("60.00 EUR"), Money.parse("40.00 EUR")));
    TransformerContract.check(
        engine,
        Invoice.class,
        invoice,
        new Invoice("inv-2", Money.parse("0 USD"), Optional.empty(), List.of()));

    Literal literal =
        engine.toLiteral(invoice, TypeRef.of(Invoice.class), TransformContext.at("outputs.o0"));
    String msgpack = literal.getScalar().getBinary().getValue().toString(StandardCharsets.UTF_8);
    assertThat(msgpack).contains("100.00 EUR").contains("60.00 EUR");
    LiteralType type = engine.literalType(Invoice.class);
    assertThat(
            type.getStructure()
                .getDataclassTypeOrThrow("tip")
                .getUnionType()
                .getVariants(0)
                .getStructure()
                .getTag())
        .isEqualTo("Money");
    assertThat(
            type.getMetadata()
                .getFieldsOrThrow("properties")
                .getStructValue()
                .getFieldsOrThrow("total")
                .getStructValue()
                .getFieldsOrThrow("pattern")
                .getStringValue())
        .isEqualTo("^-?[0-9]+([.][0-9]+)? [A-Z]{3}$");
  }

  @Test
  void usesOnlyPublishedPackages() throws IOException {
    Pattern imports = Pattern.compile("^import (?:static )?(dev\\.ferry\\.[\\w.]+)\\.\\w+;$");
    Path sources = Path.of("src/test/java/com/acme/money");
    List<String> published =
        List.of(
            "dev.ferry.engine",
            "dev.ferry.idl.core",
            "dev.ferry.transformers.msgpack",
            "dev.ferry.testing");
    int checked = 0;
    try (Stream<Path> files = Files.list(sources)) {
      for (Path f : files.toList()) {
        for (String line : Files.readAllLines(f)) {
          Matcher m = imports.matcher(line);
          if (m.matches()) {
            assertThat(published).as("%s: %s", f.getFileName(), line).contains(m.group(1));
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(10);
  }
}
