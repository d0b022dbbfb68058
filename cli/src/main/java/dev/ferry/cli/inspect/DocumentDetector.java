package dev.ferry.cli.inspect;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.ferry.cli.CliException;
import dev.ferry.idl.admin.LaunchPlan;
import dev.ferry.idl.admin.TaskSpec;
import dev.ferry.idl.admin.WorkflowSpec;
import dev.ferry.idl.core.ErrorDocument;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.ResourceType;
import dev.ferry.idl.core.Scalar;
import dev.ferry.idl.core.TaskTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells which Flyte document a file holds. Protobuf bytes do not name their message, and the same
 * bytes often parse as several messages, so detection is a rule:
 *
 * <ol>
 *   <li>Bytes that start with the gzip magic or carry a tar header are a registration {@link
 *       DocumentKind#ARCHIVE}.
 *   <li>A file name that names a document ({@code inputs.pb}, {@code outputs.pb} → literal map;
 *       {@code error.pb}, {@code error-*.pb} → error; {@code *_offloaded_metadata.pb} → literal;
 *       {@code task.pb} → task template; {@code N_name_1.pb}, {@code _2.pb}, {@code _3.pb} → task
 *       spec, workflow spec, launch plan) decides when the bytes are that document under the test
 *       of the next step (an empty file then is the empty message: a task without outputs writes an
 *       empty {@code outputs.pb}).
 *   <li>Otherwise the bytes are parsed as each message kind. A kind is a candidate when the parse
 *       succeeds with <em>no</em> unknown field and no unknown enum number anywhere in the tree,
 *       and the content is meaningful for that kind: a literal map has at least one entry, every
 *       key printable and every value a set literal; a literal or type has its value set
 *       (recursively); an error document has a code or a message, both text without control
 *       characters; a task template has an id of resource type TASK and a type that is a word; a
 *       task spec a template like that; a workflow spec a template of resource type WORKFLOW; a
 *       launch plan an id of resource type LAUNCH_PLAN and a spec.
 *   <li>One candidate: that kind. Several: those whose re-serialization gives back the same bytes;
 *       if still several, or none, the file is refused with one line naming what was tried, and
 *       {@code --as} settles it.
 * </ol>
 */
public final class DocumentDetector {
  private static final Pattern SPEC_FILE = Pattern.compile("\\d+_.+_([123])\\.pb");
  private static final Pattern ERROR_FILE = Pattern.compile("error(-[0-9a-fA-F]+)?\\.pb");
  private static final Pattern TASK_TYPE = Pattern.compile("[A-Za-z0-9_.:-]+");

  private DocumentDetector() {}

  /** A detected document: its kind and message (null for an archive). */
  public record Detected(DocumentKind kind, Message message) {}

  /** Returns the kind a file name names, if it names one. */
  public static Optional<DocumentKind> kindOfName(String fileName) {
    String name = fileName.substring(fileName.lastIndexOf('/') + 1);
    if (name.equals("inputs.pb") || name.equals("outputs.pb")) {
      return Optional.of(DocumentKind.LITERAL_MAP);
    }
    if (ERROR_FILE.matcher(name).matches()) {
      return Optional.of(DocumentKind.ERROR);
    }
    if (name.endsWith("_offloaded_metadata.pb")) {
      return Optional.of(DocumentKind.LITERAL);
    }
    if (name.equals("task.pb")) {
      return Optional.of(DocumentKind.TASK_TEMPLATE);
    }
    var m = SPEC_FILE.matcher(name);
    if (m.matches()) {
      return Optional.of(
          switch (m.group(1)) {
            case "1" -> DocumentKind.TASK_SPEC;
            case "2" -> DocumentKind.WORKFLOW_SPEC;
            default -> DocumentKind.LAUNCH_PLAN;
          });
    }
    if (name.endsWith(".tgz") || name.endsWith(".tar.gz") || name.endsWith(".tar")) {
      return Optional.of(DocumentKind.ARCHIVE);
    }
    return Optional.empty();
  }

  /** Returns true when the bytes start like a gzip stream or a tar archive. */
  public static boolean looksLikeArchive(byte[] bytes) {
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      return true;
    }
    return bytes.length >= 262
        && bytes[257] == 'u'
        && bytes[258] == 's'
        && bytes[259] == 't'
        && bytes[260] == 'a'
        && bytes[261] == 'r';
  }

  /**
   * Returns the document in {@code bytes}, read from {@code source} (its file name is a hint).
   *
   * @throws CliException if the bytes are no document or could be several
   */
  public static Detected detect(String source, byte[] bytes) {
    if (looksLikeArchive(bytes)) {
      return new Detected(DocumentKind.ARCHIVE, LiteralMap.getDefaultInstance());
    }
    Optional<DocumentKind> hinted = kindOfName(source).filter(k -> k != DocumentKind.ARCHIVE);
    if (hinted.isPresent()) {
      DocumentKind kind = hinted.get();
      if (bytes.length == 0) {
        return new Detected(kind, parse(kind, bytes, source));
      }
      Optional<Message> m = strictParse(kind, bytes);
      if (m.isPresent() && meaningful(kind, m.get())) {
        return new Detected(kind, m.get());
      }
    }
    if (bytes.length == 0) {
      throw new CliException(
          source
              + " is empty: an empty file is the empty message of every kind; pass --as KIND ("
              + DocumentKind.cliNames()
              + ")");
    }
    List<Detected> candidates = new ArrayList<>();
    for (DocumentKind kind : DocumentKind.values()) {
      if (kind == DocumentKind.ARCHIVE) {
        continue;
      }
      strictParse(kind, bytes)
          .filter(m -> meaningful(kind, m))
          .ifPresent(m -> candidates.add(new Detected(kind, m)));
    }
    if (candidates.size() > 1) {
      ByteString input = ByteString.copyFrom(bytes);
      List<Detected> exact =
          candidates.stream().filter(d -> d.message().toByteString().equals(input)).toList();
      if (exact.size() == 1) {
        return exact.get(0);
      }
      throw new CliException(
          source
              + " could be any of "
              + candidates.stream()
                  .map(d -> d.kind().cliName())
                  .collect(Collectors.joining(", ", "[", "]"))
              + ": pass --as KIND to choose");
    }
    if (candidates.isEmpty()) {
      throw new CliException(
          source
              + " is not a Flyte document: its "
              + bytes.length
              + " bytes are none of "
              + DocumentKind.cliNames()
              + " (pass --as KIND to read it as one anyway)");
    }
    return candidates.get(0);
  }

  /**
   * Returns {@code bytes} parsed as {@code kind}, unknown fields allowed ({@code --as}).
   *
   * @throws CliException if they do not parse
   */
  public static Message parse(DocumentKind kind, byte[] bytes, String source) {
    Parser<? extends Message> parser = parserOf(kind);
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new CliException(
          source + " is not a " + kind.cliName() + ": " + firstLine(String.valueOf(e.getMessage())),
          e);
    }
  }

  private static Parser<? extends Message> parserOf(DocumentKind kind) {
    Parser<? extends Message> parser = kind.parser();
    if (parser == null) {
      throw new IllegalArgumentException(kind + " has no message parser");
    }
    return parser;
  }

  private static Optional<Message> strictParse(DocumentKind kind, byte[] bytes) {
    try {
      Message m = parserOf(kind).parseFrom(bytes);
      return allKnown(m) ? Optional.of(m) : Optional.empty();
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  /** Returns true when no message of the tree has unknown fields or unknown enum numbers. */
  static boolean allKnown(Message message) {
    if (!message.getUnknownFields().asMap().isEmpty()) {
      return false;
    }
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      List<?> values = f.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
      for (Object v : values) {
        if (v instanceof Message m && !allKnown(m)) {
          return false;
        }
        if (v instanceof EnumValueDescriptor ev
            && ev.getType().findValueByNumber(ev.getNumber()) == null) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean meaningful(DocumentKind kind, Message m) {
    return switch (kind) {
      case LITERAL_MAP -> meaningfulMap((LiteralMap) m);
      case ERROR -> {
        ErrorDocument d = (ErrorDocument) m;
        yield d.hasError()
            && (!d.getError().getCode().isEmpty() || !d.getError().getMessage().isEmpty())
            && text(d.getError().getCode())
            && text(d.getError().getMessage())
            && text(d.getError().getWorker());
      }
      case LITERAL -> meaningfulLiteral((Literal) m);
      case TYPE -> meaningfulType((LiteralType) m);
      case TASK_TEMPLATE -> meaningfulTemplate((TaskTemplate) m);
      case TASK_SPEC ->
          ((TaskSpec) m).hasTemplate() && meaningfulTemplate(((TaskSpec) m).getTemplate());
      case WORKFLOW_SPEC -> {
        WorkflowSpec w = (WorkflowSpec) m;
        yield w.hasTemplate() && w.getTemplate().getId().getResourceType() == ResourceType.WORKFLOW;
      }
      case LAUNCH_PLAN -> {
        LaunchPlan lp = (LaunchPlan) m;
        yield lp.hasSpec() && lp.getId().getResourceType() == ResourceType.LAUNCH_PLAN;
      }
      case ARCHIVE -> false;
    };
  }

  private static boolean meaningfulMap(LiteralMap map) {
    if (map.getLiteralsCount() == 0) {
      return false;
    }
    for (Map.Entry<String, Literal> e : map.getLiteralsMap().entrySet()) {
      if (!printable(e.getKey()) || !meaningfulLiteral(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean meaningfulTemplate(TaskTemplate t) {
    return t.getId().getResourceType() == ResourceType.TASK
        && TASK_TYPE.matcher(t.getType()).matches();
  }

  static boolean meaningfulLiteral(Literal l) {
    return switch (l.getValueCase()) {
      case SCALAR -> meaningfulScalar(l.getScalar());
      case COLLECTION ->
          l.getCollection().getLiteralsList().stream().allMatch(x -> meaningfulLiteral(x));
      case MAP ->
          l.getMap().getLiteralsMap().entrySet().stream()
              .allMatch(e -> printable(e.getKey()) && meaningfulLiteral(e.getValue()));
      case OFFLOADED_METADATA -> !l.getOffloadedMetadata().getUri().isEmpty();
      case VALUE_NOT_SET -> false;
    };
  }

  private static boolean meaningfulScalar(Scalar s) {
    return switch (s.getValueCase()) {
      case PRIMITIVE ->
          s.getPrimitive().getValueCase() != dev.ferry.idl.core.Primitive.ValueCase.VALUE_NOT_SET;
      case UNION -> s.getUnion().hasValue() && meaningfulLiteral(s.getUnion().getValue());
      case VALUE_NOT_SET -> false;
      default -> true;
    };
  }

  static boolean meaningfulType(LiteralType t) {
    return switch (t.getTypeCase()) {
      case COLLECTION_TYPE -> meaningfulType(t.getCollectionType());
      case MAP_VALUE_TYPE -> meaningfulType(t.getMapValueType());
      case UNION_TYPE ->
          t.getUnionType().getVariantsCount() > 0
              && t.getUnionType().getVariantsList().stream().allMatch(v -> meaningfulType(v));
      case TYPE_NOT_SET -> false;
      default -> true;
    };
  }

  /** Returns true when {@code s} has no control characters but line breaks and tabs. */
  private static boolean text(String s) {
    return s.codePoints()
        .noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
  }

  private static boolean printable(String s) {
    return !s.isEmpty() && s.codePoints().noneMatch(Character::isISOControl);
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return s == null ? "" : nl < 0 ? s : s.substring(0, nl);
  }
}
