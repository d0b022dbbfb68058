package dev.ferry.cli.run;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.blob.BlobStoreConfig;
import dev.ferry.blob.BlobStores;
import dev.ferry.cli.CliException;
import dev.ferry.cli.UserClasspath;
import dev.ferry.cli.catalog.Catalog;
import dev.ferry.cli.inspect.ReadableJson;
import dev.ferry.engine.FerryException;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.executor.LocalExecutor;
import dev.ferry.executor.Phase;
import dev.ferry.executor.Run;
import dev.ferry.executor.internal.LiteralMaps;
import dev.ferry.sdk.Task;
import dev.ferry.transformers.blob.DataPlane;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry run}: runs a task of the user's classpath on the embedded executor and prints its
 * outputs as JSON, the run directory and the report.
 *
 * <pre>
 * ferry run -cp target/classes samples.add --input a=1 --input b=2
 * ferry run 'com.acme.Tasks#TRAIN' --inputs-json @params.json --no-cache   # in a Maven project
 * ferry run samples.add --inputs-pb inputs.pb                              # a Python task's inputs
 * </pre>
 *
 * <p>Inputs are JSON, read into the task's Java input type (records, lists, maps, numbers, strings,
 * booleans, enums by name; files, directories and datasets from a path or URI string); {@code
 * --input k=v} takes {@code v} as JSON where it parses, else as a string. {@code --inputs-pb} reads
 * a {@code LiteralMap} instead. Without {@code -cp}, the classpath is the Maven project's ({@link
 * UserClasspath#ofMavenProject}).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a task of your classpath on the embedded executor and print its outputs as JSON,",
      "the run directory and the report.",
      "Without -cp, in a Maven project (a pom.xml in --maven-project, default the current"
          + " directory): target/classes plus the runtime dependencies, asked of Maven once"
          + " (`mvn -q dependency:build-classpath`) and cached in target/"
          + UserClasspath.CACHE
          + " until pom.xml changes.",
      "Progress: a bar of finished/started actions and the bytes of large transfers on a"
          + " terminal; otherwise one line per finished action and per finished large transfer"
          + " (see --progress-min-size)."
    })
public final class RunCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().registerModule(PathOrUriJson.module());

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "TASK",
      description = "The task: <environment>.<task> or <class binary name>#<static field>")
  String task = "";

  @Option(
      names = {"-cp", "--classpath"},
      paramLabel = "PATH",
      description =
          "The classpath of your tasks (entries separated by '${sys:path.separator}');"
              + " default: the Maven project's (target/classes and its dependencies)")
  @Nullable String classpath;

  @Option(
      names = "--maven-project",
      paramLabel = "DIR",
      description = "The Maven project whose classpath is used without -cp (default: .)")
  Path mavenProject = Path.of(".");

  @Option(
      names = "--mvn",
      paramLabel = "CMD",
      description = "The Maven command (default: the project's mvnw, else mvn on the PATH)")
  @Nullable String mvn;

  @Option(
      names = "--input",
      paramLabel = "NAME=VALUE",
      description = "One input; VALUE is JSON where it parses, else a string")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--inputs-json",
      paramLabel = "JSON|@FILE",
      description = "All inputs as one JSON object (or @file holding it)")
  @Nullable String inputsJson;

  @Option(
      names = "--inputs-pb",
      paramLabel = "FILE",
      description =
          "All inputs as a serialized LiteralMap (an inputs.pb, e.g. written by a Python task)")
  @Nullable Path inputsPb;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      description =
          "How progress shows: auto (default: a bar on a terminal, plain lines otherwise), bar,"
              + " lines or off")
  String progress = "auto";

  @Option(
      names = "--progress-min-size",
      paramLabel = "SIZE",
      defaultValue = "${env:FERRY_PROGRESS_MIN_SIZE:-16MiB}",
      description =
          "Transfers (files, directories, offloaded literals) of this size or more show: in the"
              + " bar while they move, as a line when they end (e.g. 512KiB, 1GiB; default"
              + " $FERRY_PROGRESS_MIN_SIZE, else 16MiB)")
  String progressMinSize = "16MiB";

  @Option(
      names = "--store",
      paramLabel = "URI",
      description = "Where runs go (a directory or s3://, gs:// prefix); default ~/.ferry/runs")
  @Nullable URI store;

  @Option(names = "--no-cache", description = "Run every task, ignoring and not filling the cache")
  boolean noCache;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (inputsPb != null && (inputsJson != null || !inputs.isEmpty())) {
      throw new CliException("--inputs-pb goes alone: not with --input or --inputs-json");
    }
    List<Path> cp = classpath();
    List<Path> roots = UserClasspath.directories(cp);
    try (URLClassLoader loader =
            new URLClassLoader(UserClasspath.urls(cp), RunCommand.class.getClassLoader());
        BlobStores stores = BlobStores.create(BlobStoreConfig.fromEnvironment())) {
      Task<?, ?> t =
          task.contains("#")
              ? Catalog.resolveTask(loader, task)
              : Catalog.scan(loader, roots.isEmpty() ? cp : roots).task(task).value();
      @SuppressWarnings("unchecked")
      Task<Object, Object> typed = (Task<Object, Object>) t;
      TypeEngine engine = TypeEngine.builder().classLoader(loader).build();
      Object input = inputsPb != null ? inputFromPb(typed, engine, stores) : input(typed);
      RunProgress shown =
          new RunProgress(
              out,
              progressMode(),
              ByteSizes.parse(progressMinSize, "--progress-min-size"),
              RunProgress::terminalColumns,
              System::nanoTime);
      LocalExecutor.Builder b =
          LocalExecutor.builder()
              .cache(!noCache)
              .engine(engine)
              .stores(stores)
              .progress(false)
              .listener(shown);
      if (store != null) {
        b.root(store);
      }
      Run<Object> run;
      try (LocalExecutor executor = b.build()) {
        run = executor.run(typed, input);
      } finally {
        shown.close();
      }
      out.println("run " + run.name() + ": " + run.phase());
      out.println("run directory: " + run.directory());
      run.report().ifPresent(r -> out.println("report: " + r));
      if (run.phase() != Phase.SUCCEEDED) {
        out.flush();
        String why =
            run.error().map(e -> e.getCode() + ": " + firstLine(e.getMessage())).orElse("failed");
        throw new CliException("task " + t.name() + " " + run.phase() + ": " + why);
      }
      out.println(
          MAPPER
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(ReadableJson.of(run.outputs())));
      out.flush();
      return 0;
    }
  }

  private RunProgress.Mode progressMode() {
    for (RunProgress.Mode m : RunProgress.Mode.values()) {
      if (m.name().equalsIgnoreCase(progress.strip())) {
        return m;
      }
    }
    throw new CliException(
        "--progress: expected auto, bar, lines or off but was '" + progress + "'");
  }

  private List<Path> classpath() {
    if (classpath != null) {
      return UserClasspath.parse(classpath, "-cp");
    }
    if (UserClasspath.isMavenProject(mavenProject)) {
      return UserClasspath.ofMavenProject(mavenProject, mvn, spec.commandLine().getErr());
    }
    throw new CliException(
        "no classpath: expected -cp, or a Maven project (pom.xml) in "
            + mavenProject.toAbsolutePath().normalize());
  }

  /** Reads {@code --inputs-pb} into the task's input, as the executor reads an inputs.pb. */
  private @Nullable Object inputFromPb(Task<Object, Object> t, TypeEngine engine, BlobStores stores)
      throws IOException {
    Path file = Objects.requireNonNull(inputsPb);
    if (!Files.isRegularFile(file)) {
      throw new CliException("--inputs-pb " + file + " is not a readable file");
    }
    Path downloads = Files.createTempDirectory("ferry-run-inputs-");
    DataPlane plane =
        DataPlane.of(stores, downloads.resolve("raw").toUri(), downloads)
            .allowingLiteralsFrom(file.toAbsolutePath().getParent().toUri().toString());
    try (InputStream in = Files.newInputStream(file)) {
      return LiteralMaps.readInput(
          t, in, file.toString(), engine, plane.attach(TransformContext.at("inputs")));
    } catch (FerryException | IllegalArgumentException e) {
      throw new CliException(
          "--inputs-pb "
              + file
              + " does not hold the inputs of task "
              + t.name()
              + ": "
              + firstLine(String.valueOf(e.getMessage())),
          e);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new CliException(
          "--inputs-pb " + file + " is not a serialized LiteralMap: " + e.getMessage(), e);
    }
  }

  private static String firstLine(String m) {
    int i = m.lastIndexOf("Message:\n\n");
    String s = (i >= 0 ? m.substring(i + "Message:\n\n".length()) : m).strip();
    int nl = s.indexOf('\n');
    return nl >= 0 ? s.substring(0, nl) : s;
  }

  private @Nullable Object input(Task<Object, Object> t) throws IOException {
    ObjectNode json = MAPPER.createObjectNode();
    if (inputsJson != null) {
      String text =
          inputsJson.startsWith("@")
              ? Files.readString(Path.of(inputsJson.substring(1)))
              : inputsJson;
      JsonNode parsed;
      try {
        parsed = MAPPER.readTree(text);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new CliException(
            "--inputs-json is not valid JSON: expected an object of inputs but got '"
                + abbreviate(text)
                + "' ("
                + e.getOriginalMessage()
                + ")");
      }
      if (parsed == null || !parsed.isObject()) {
        throw new CliException(
            "--inputs-json: expected a JSON object of inputs but got '" + abbreviate(text) + "'");
      }
      json.setAll((ObjectNode) parsed);
    }
    Map<String, JsonNode> given = new LinkedHashMap<>();
    for (String kv : inputs) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new CliException("--input '" + kv + "': expected NAME=VALUE");
      }
      String value = kv.substring(eq + 1);
      JsonNode v;
      try {
        v = MAPPER.readTree(value);
        if (v == null || v.isMissingNode()) {
          v = MAPPER.getNodeFactory().textNode(value);
        }
      } catch (IOException e) {
        v = MAPPER.getNodeFactory().textNode(value);
      }
      given.put(kv.substring(0, eq), v);
    }
    given.forEach(json::set);
    JavaType inputType = MAPPER.getTypeFactory().constructType(t.inputType().type());
    try {
      return switch (t.inputKind()) {
        case NONE -> {
          if (!json.isEmpty()) {
            throw new CliException("task " + t.name() + " takes no inputs but got " + json);
          }
          yield null;
        }
        case RECORD -> MAPPER.convertValue(json, inputType);
        case SINGLE -> {
          String name = t.inputName();
          JsonNode v = json.get(name);
          if (v == null || json.size() != 1) {
            throw new CliException(
                "task "
                    + t.name()
                    + ": expected exactly the input '"
                    + name
                    + "' but got "
                    + names(json));
          }
          yield MAPPER.convertValue(v, inputType);
        }
      };
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "inputs of task "
              + t.name()
              + ": expected "
              + t.inputType()
              + " but got "
              + json
              + " ("
              + firstLine(String.valueOf(e.getMessage()))
              + ")");
    }
  }

  private static List<String> names(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
