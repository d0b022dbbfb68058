package dev.ferry.cli.run;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.CliException;
import dev.ferry.cli.catalog.Catalog;
import dev.ferry.cli.inspect.ReadableJson;
import dev.ferry.executor.LocalExecutor;
import dev.ferry.executor.Phase;
import dev.ferry.executor.Run;
import dev.ferry.sdk.Task;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * ferry run -cp target/classes 'com.acme.Tasks#TRAIN' --inputs-json @params.json --no-cache
 * </pre>
 *
 * <p>Inputs are JSON, read into the task's Java input type (records, lists, maps, numbers, strings,
 * booleans, enums by name); {@code --input k=v} takes {@code v} as JSON where it parses, else as a
 * string.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a task of your classpath on the embedded executor and print its outputs as JSON,",
      "the run directory and the report."
    })
public final class RunCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

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
              + " default: target/classes of the current directory")
  @Nullable String classpath;

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
      names = "--store",
      paramLabel = "URI",
      description = "Where runs go (a directory or s3://, gs:// prefix); default ~/.ferry/runs")
  @Nullable URI store;

  @Option(names = "--no-cache", description = "Run every task, ignoring and not filling the cache")
  boolean noCache;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> roots = roots();
    URL[] urls = new URL[roots.size()];
    for (int i = 0; i < roots.size(); i++) {
      try {
        urls[i] = roots.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new CliException("classpath entry " + roots.get(i) + " is not a valid path", e);
      }
    }
    try (URLClassLoader loader = new URLClassLoader(urls, RunCommand.class.getClassLoader())) {
      Task<?, ?> t =
          task.contains("#")
              ? Catalog.resolveTask(loader, task)
              : Catalog.scan(loader, roots).task(task).value();
      @SuppressWarnings("unchecked")
      Task<Object, Object> typed = (Task<Object, Object>) t;
      Object input = input(typed);
      LocalExecutor.Builder b = LocalExecutor.builder().cache(!noCache);
      if (store != null) {
        b.root(store);
      }
      Run<Object> run;
      try (LocalExecutor executor = b.build()) {
        run = executor.run(typed, input);
      }
      out.println("run " + run.name() + ": " + run.phase());
      out.println("run directory: " + run.directory());
      run.report().ifPresent(r -> out.println("report: " + r));
      if (run.phase() != Phase.SUCCEEDED) {
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

  private static String firstLine(String m) {
    int i = m.lastIndexOf("Message:\n\n");
    String s = (i >= 0 ? m.substring(i + "Message:\n\n".length()) : m).strip();
    int nl = s.indexOf('\n');
    return nl >= 0 ? s.substring(0, nl) : s;
  }

  private List<Path> roots() {
    List<Path> roots = new ArrayList<>();
    if (classpath == null) {
      Path classes = Path.of("target", "classes");
      if (!Files.isDirectory(classes)) {
        throw new CliException(
            "no classpath: expected -cp or a directory target/classes here, but "
                + classes.toAbsolutePath()
                + " does not exist");
      }
      roots.add(classes.toAbsolutePath());
      return roots;
    }
    for (String e : classpath.split(File.pathSeparator)) {
      if (!e.isBlank()) {
        Path p = Path.of(e).toAbsolutePath();
        if (!Files.exists(p)) {
          throw new CliException("classpath entry " + p + " does not exist");
        }
        roots.add(p);
      }
    }
    return roots;
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
