package dev.ferry.cli.inspect;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.ferry.idl.admin.LaunchPlan;
import dev.ferry.idl.admin.TaskSpec;
import dev.ferry.idl.admin.WorkflowSpec;
import dev.ferry.idl.core.ErrorDocument;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.TaskTemplate;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The documents {@code ferry inspect} reads, in the order detection tries them. */
public enum DocumentKind {
  /** {@code inputs.pb}, {@code outputs.pb}: a {@code LiteralMap}. */
  LITERAL_MAP("literal-map", LiteralMap.parser()),
  /** {@code error.pb}: an {@code ErrorDocument}. */
  ERROR("error", ErrorDocument.parser()),
  /** A single {@code Literal}, such as an offloaded literal ({@code *_offloaded_metadata.pb}). */
  LITERAL("literal", Literal.parser()),
  /** A {@code LiteralType}. */
  TYPE("type", LiteralType.parser()),
  /** A {@code TaskTemplate} ({@code task.pb}). */
  TASK_TEMPLATE("task-template", TaskTemplate.parser()),
  /** An {@code admin.TaskSpec}: the {@code _1.pb} files of a registration archive. */
  TASK_SPEC("task-spec", TaskSpec.parser()),
  /** An {@code admin.WorkflowSpec}: the {@code _2.pb} files. */
  WORKFLOW_SPEC("workflow-spec", WorkflowSpec.parser()),
  /** An {@code admin.LaunchPlan}: the {@code _3.pb} files. */
  LAUNCH_PLAN("launch-plan", LaunchPlan.parser()),
  /** A registration archive: a {@code .tgz} or {@code .tar} of numbered {@code .pb} files. */
  ARCHIVE("archive", null);

  private final String cliName;
  private final @Nullable Parser<? extends Message> parser;

  DocumentKind(String cliName, @Nullable Parser<? extends Message> parser) {
    this.cliName = cliName;
    this.parser = parser;
  }

  /** Returns the name {@code --as} takes. */
  public String cliName() {
    return cliName;
  }

  /** Returns the parser of the message, or null for {@link #ARCHIVE}. */
  @Nullable Parser<? extends Message> parser() {
    return parser;
  }

  /** Returns the kind {@code --as} names. */
  public static DocumentKind fromCliName(String name) {
    for (DocumentKind k : values()) {
      if (k.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown document kind '" + name + "': expected one of " + cliNames());
  }

  /** Returns every {@code --as} name, comma separated. */
  public static String cliNames() {
    return Arrays.stream(values()).map(DocumentKind::cliName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
