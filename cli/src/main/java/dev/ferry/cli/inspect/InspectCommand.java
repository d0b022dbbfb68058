package dev.ferry.cli.inspect;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.inspect.DocumentDetector.Detected;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry inspect}: prints any Flyte document as JSON. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints any Flyte document (values, errors, types, tasks, workflows, launch plans,"
          + " archives) as JSON.",
      "",
      "Reads inputs.pb and outputs.pb (a LiteralMap), error.pb"
          + " (an ErrorDocument), an offloaded literal (*_offloaded_metadata.pb) or any Literal, a"
          + " LiteralType, a TaskTemplate, an admin TaskSpec, WorkflowSpec or LaunchPlan"
          + " (registration files), or a registration archive (.tgz/.tar of numbered .pb files:"
          + " every member).",
      "",
      "Values are shown as values: msgpack records decoded, datetimes and durations ISO-8601,"
          + " none as null, files, directories and dataframes as their URIs; types as summaries"
          + " like List[Record{a: int}].",
      "",
      "The kind is detected from the file name and the bytes: a file is taken as a kind only when"
          + " it parses as that message with no unknown field and meaningful content, and when"
          + " several kinds fit the file is refused; --as then names the kind.",
    })
public final class InspectCommand implements Callable<Integer> {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PATH|URI",
      description =
          "A local file, or a URI: file://, s3:// (FLYTE_AWS_ENDPOINT, FLYTE_AWS_ACCESS_KEY_ID,"
              + " FLYTE_AWS_SECRET_ACCESS_KEY or the standard AWS chain), gs://.")
  String source;

  @Option(
      names = "--as",
      paramLabel = "KIND",
      converter = KindConverter.class,
      completionCandidates = KindNames.class,
      description = "Read the document as KIND instead of detecting it: ${COMPLETION-CANDIDATES}.")
  @Nullable DocumentKind as;

  @Option(
      names = "--raw",
      description = "Print protobuf's own JSON form of the message instead of the readable one.")
  boolean raw;

  @Option(
      names = "--type",
      paramLabel = "CLASS",
      description =
          "Decode the literal into this Java class with Ferry's type engine (records, enums, ...)"
              + " and print its toString(). For a literal map: the entry named by --var, or its"
              + " only entry.")
  @Nullable String type;

  @Option(
      names = "--var",
      paramLabel = "NAME",
      description = "With --type on a literal map: the entry to decode.")
  @Nullable String var;

  @Option(
      names = {"-cp", "--classpath"},
      paramLabel = "PATH",
      description =
          "Where --type finds CLASS (and any transformer registrars): jars and class directories"
              + " separated by '${sys:path.separator}'.")
  @Nullable String classpath;

  @Override
  public Integer call() {
    if (raw && type != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--raw and --type cannot be used together");
    }
    if ((var != null || classpath != null) && type == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--var and --classpath go with --type");
    }
    byte[] bytes = Sources.read(source);
    Detected doc = read(source, bytes, as);
    PrintWriter out = spec.commandLine().getOut();
    if (type != null) {
      out.println(TypedValue.decode(source, doc, type, classpath, var));
    } else if (doc.kind() == DocumentKind.ARCHIVE) {
      out.println(json(archive(source, bytes)));
    } else {
      out.println(json(render(doc.message())));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static Detected read(String source, byte[] bytes, @Nullable DocumentKind as) {
    if (as == null) {
      return DocumentDetector.detect(source, bytes);
    }
    if (as == DocumentKind.ARCHIVE) {
      return new Detected(as, dev.ferry.idl.core.LiteralMap.getDefaultInstance());
    }
    return new Detected(as, DocumentDetector.parse(as, bytes, source));
  }

  private JsonNode render(Message message) {
    return raw ? ReadableJson.protobufJson(message) : ReadableJson.of(message);
  }

  private JsonNode archive(String source, byte[] bytes) {
    ObjectNode root = NODES.objectNode();
    root.put("archive", source);
    ArrayNode members = root.putArray("members");
    List<ArchiveMembers.Member> files = ArchiveMembers.read(source, bytes);
    for (ArchiveMembers.Member m : files) {
      ObjectNode member = members.addObject();
      member.put("file", m.name());
      if (!m.name().endsWith(".pb")) {
        member.put("kind", "other");
        member.put("size_bytes", m.bytes().length);
        continue;
      }
      Detected d = DocumentDetector.detect(source + "!/" + m.name(), m.bytes());
      member.put("kind", d.kind().cliName());
      member.set("document", render(d.message()));
    }
    return root;
  }

  /** Returns the JSON text of a tree: two-space indentation, one value a line. */
  static String json(JsonNode node) {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentArraysWith(indenter);
    printer.indentObjectsWith(indenter);
    ObjectWriter writer = new ObjectMapper().writer(printer);
    try {
      return writer.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Converts {@code --as} names. */
  static final class KindConverter implements ITypeConverter<DocumentKind> {
    @Override
    public DocumentKind convert(String value) {
      try {
        return DocumentKind.fromCliName(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** The {@code --as} names, for help and completion. */
  static final class KindNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return java.util.Arrays.stream(DocumentKind.values()).map(DocumentKind::cliName).iterator();
    }
  }
}
