package dev.ferry.cli.packaging;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import dev.ferry.cli.CliException;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.Ferry;
import dev.ferry.cli.UserClasspath;
import dev.ferry.cli.catalog.Catalog;
import dev.ferry.cli.image.TaskImageBuilder;
import dev.ferry.cli.registration.EntityIds;
import dev.ferry.cli.registration.LaunchPlans;
import dev.ferry.cli.registration.RegistrationArchive;
import dev.ferry.cli.registration.TaskTemplates;
import dev.ferry.cli.registration.WrapperWorkflows;
import dev.ferry.engine.TypeEngine;
import dev.ferry.idl.admin.LaunchPlan;
import dev.ferry.idl.admin.TaskSpec;
import dev.ferry.idl.admin.WorkflowSpec;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import dev.ferry.sdk.workflow.Workflow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry package}: every task and launch plan of the user's classpath as the archive {@code
 * flytectl register files --archive} registers (CONTAINER.md sections 5 to 7).
 */
@Command(
    name = "package",
    // not the standard mixin: its -V/--version would clash with --version (the entities' version)
    sortOptions = false,
    description = {
      "Serializes every task, workflow and launch plan of a classpath for `flytectl register"
          + " files --archive`: per task an admin TaskSpec (NNN_<name>_1.pb), a single-node"
          + " workflow named after it (_2.pb) and that workflow's default launch plan (_3.pb); per"
          + " workflow its WorkflowSpec (_2.pb, nodes referring to the packaged tasks) and default"
          + " launch plan; then every launch plan declared (_3.pb, on a workflow when its entry is"
          + " the workflow's asTask()), numbered so that flytectl's name sort registers"
          + " dependencies first.",
      "",
      "Tasks, workflows and launch plans are the static fields of type Task, Workflow and"
          + " LaunchPlan of the scanned"
          + " classes; each container runs `<launcher> execute --inputs {{.input}} ... --task"
          + " <class>#<field>`. Identifiers carry the registration placeholders for project and"
          + " domain unless --project/--domain are given.",
    })
public final class PackageCommand implements Callable<Integer> {
  /** The base image of {@code --image auto} when none is given. */
  public static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

  /** The repository a built image is named when it goes to a tar. */
  public static final String DEFAULT_IMAGE_NAME = "ferry-task";

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--image",
      paramLabel = "REF|auto",
      description =
          "The image every task runs in: a reference (an image holding java on PATH and the"
              + " classpath where the launcher looks: /app/classes, /app/libs), or `auto` to build"
              + " it with jib (no Docker daemon) from --base-image plus the classpath and Ferry.")
  @Nullable String image;

  @Option(
      names = "--base-image",
      paramLabel = "REF|TAR",
      description =
          "With --image auto: the base image, a registry reference or a local docker-save/OCI"
              + " tar (default: "
              + DEFAULT_BASE_IMAGE
              + ").")
  @Nullable String baseImage;

  @Option(
      names = "--image-out",
      paramLabel = "REPO|FILE.tar",
      description =
          "With --image auto: a registry repository to push to (the image is REPO:ferry-<content"
              + " hash>; credentials from the Docker config), or a file ending in .tar for an OCI"
              + " image tar.")
  @Nullable String imageOut;

  @Option(
      names = "--image-name",
      paramLabel = "REPO",
      description =
          "With --image-out FILE.tar: the repository the image is named and pulled as (default: "
              + DEFAULT_IMAGE_NAME
              + "); load or push it under that name.")
  @Nullable String imageName;

  @Option(
      names = "--project",
      paramLabel = "P",
      description =
          "The project of every id (default: {{ registration.project }}, set by flytectl).")
  @Nullable String project;

  @Option(
      names = "--domain",
      paramLabel = "D",
      description = "The domain of every id (default: {{ registration.domain }}, set by flytectl).")
  @Nullable String domain;

  @Option(
      names = "--version",
      paramLabel = "V",
      description =
          "The version of every id (default: a content hash of the classpath, the image and the"
              + " serialized entities); `{{ registration.version }}` leaves it to flytectl's"
              + " --version.")
  @Nullable String version;

  @Option(
      names = {"-cp", "--classpath"},
      paramLabel = "PATH",
      description =
          "The user's classes and jars, separated by '${sys:path.separator}' (default, in a Maven"
              + " project: target/classes and the jars of target/dependency).")
  @Nullable String classpath;

  @Option(
      names = "--scan",
      paramLabel = "PATH",
      description =
          "The classpath entries searched for tasks, separated by '${sys:path.separator}' (default:"
              + " the directories of the classpath, or its first jar when it has none).")
  @Nullable String scan;

  @Option(
      names = "--launcher",
      paramLabel = "CMD",
      description =
          "The command the container args start with, split on spaces (default: `java -cp"
              + " /app/resources:/app/classes:/app/libs/* dev.ferry.cli.Ferry`, what --image auto"
              + " builds).")
  @Nullable String launcher;

  @Option(
      names = "--ferry-classpath",
      paramLabel = "PATH",
      description =
          "With --image auto: Ferry's own jars put into the image beside the classpath (default:"
              + " the class path of this ferry).")
  @Nullable String ferryClasspath;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "The archive to write (.tgz).")
  Path output;

  @Override
  public Integer call() throws IOException {
    ImagePlan imagePlan = imagePlan();
    List<Path> cp = classpath();
    List<Path> roots = scanRoots(cp);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (URLClassLoader loader =
        new URLClassLoader(UserClasspath.urls(cp), Ferry.class.getClassLoader())) {
      Catalog catalog = Catalog.scan(loader, roots);
      if (catalog.tasks().isEmpty()) {
        throw new CliException(
            "no tasks found in "
                + roots
                + ": expected static fields of type "
                + Task.class.getName()
                + (catalog.unloadable().isEmpty()
                    ? ""
                    : "; classes that failed to load: " + catalog.unloadable()));
      }
      for (String u : catalog.unloadable()) {
        err.println("ferry package: skipped " + u);
      }
      TypeEngine engine = TypeEngine.builder().classLoader(loader).build();
      String imageRef;
      TaskImageBuilder builder = null;
      if (imagePlan.auto()) {
        builder = imageBuilder(imagePlan, cp);
        imageRef = imagePlan.repository() + ":" + builder.tag();
      } else {
        imageRef = imagePlan.reference();
      }
      List<String> launch =
          launcher == null ? TaskImageBuilder.LAUNCHER : List.of(launcher.strip().split("\\s+"));
      EntityIds ids =
          new EntityIds(
              project == null ? EntityIds.PROJECT : project,
              domain == null ? EntityIds.DOMAIN : domain,
              EntityIds.VERSION);
      String implementation = Ferry.class.getPackage().getImplementationVersion();
      String ferryVersion = implementation == null ? "dev" : implementation;
      String v =
          version != null
              ? version
              : contentVersion(cp, build(catalog, engine, ids, imageRef, launch, ferryVersion));
      RegistrationArchive archive =
          build(catalog, engine, ids.withVersion(v), imageRef, launch, ferryVersion);
      int[] counts = new int[4];
      for (RegistrationArchive.Entry e : archive.entries()) {
        counts[e.message() instanceof TaskSpec ? 1 : e.message() instanceof WorkflowSpec ? 2 : 3]++;
      }
      String built = "";
      if (builder != null) {
        try {
          Path tar = imagePlan.tar();
          if (tar != null) {
            builder.toOciTar(tar);
            built = " (built into the OCI tar " + tar + ")";
          } else {
            builder.toRegistry();
            built = " (built and pushed)";
          }
        } catch (IllegalArgumentException e) {
          throw new CliException("--image auto: " + e.getMessage(), e);
        }
      }
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      archive.write(output);
      out.printf(
          "packaged %d tasks, %d workflows, %d launch plans into %s%n",
          counts[1], counts[2], counts[3], output);
      out.printf("image: %s%s%n", imageRef, built);
      out.printf("version: %s%n", v);
      List<String> own = ownImages(catalog, imageRef);
      if (!own.isEmpty()) {
        out.printf("note: --image replaces the images tasks name: %s%n", own);
      }
      out.printf(
          "register: flytectl register files --archive %s --project %s --domain %s --version %s%n",
          output,
          project == null ? "P" : project,
          domain == null ? "D" : domain,
          v.equals(EntityIds.VERSION) ? "V" : v);
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** The image asked for: a reference, or a build to a tar or a registry. */
  private record ImagePlan(
      boolean auto, String reference, String repository, @Nullable Path tar, String base) {}

  private ImagePlan imagePlan() {
    if (image == null || image.isBlank()) {
      throw new CliException(
          "no image: give --image REF (an image with java and the classpath under /app) or"
              + " --image auto with --image-out");
    }
    boolean auto = image.equals("auto");
    if (!auto) {
      if (baseImage != null || imageOut != null || imageName != null || ferryClasspath != null) {
        throw new CliException(
            "--base-image, --image-out, --image-name and --ferry-classpath go with --image auto");
      }
      if (image.chars().anyMatch(Character::isWhitespace)) {
        throw new CliException("--image must be an image reference but was '" + image + "'");
      }
      return new ImagePlan(false, image, "", null, "");
    }
    if (imageOut == null || imageOut.isBlank()) {
      throw new CliException(
          "--image auto needs --image-out: a registry repository, or a file ending in .tar");
    }
    String base = baseImage == null ? DEFAULT_BASE_IMAGE : baseImage;
    if (base.endsWith(".tar") && !Files.isRegularFile(Path.of(base))) {
      throw new CliException("--base-image " + base + " does not exist");
    }
    if (imageOut.endsWith(".tar")) {
      return new ImagePlan(
          true, "", imageName == null ? DEFAULT_IMAGE_NAME : imageName, Path.of(imageOut), base);
    }
    if (imageName != null) {
      throw new CliException("--image-name goes with --image-out FILE.tar");
    }
    return new ImagePlan(true, "", imageOut, null, base);
  }

  private TaskImageBuilder imageBuilder(ImagePlan plan, List<Path> cp) {
    TaskImageBuilder b =
        plan.base().endsWith(".tar")
            ? TaskImageBuilder.fromBaseTar(Path.of(plan.base()))
            : TaskImageBuilder.fromRegistry(plan.base());
    List<Path> ferry =
        ferryClasspath != null
            ? entries(ferryClasspath, "--ferry-classpath")
            : entries(System.getProperty("java.class.path", ""), "java.class.path");
    // The user's entries first; Ferry's jars unless a jar of the same name is there already.
    Set<String> names = new java.util.HashSet<>();
    Set<Path> all = new LinkedHashSet<>();
    for (Path p : cp) {
      all.add(p.toAbsolutePath().normalize());
      names.add(p.getFileName().toString());
    }
    for (Path p : ferry) {
      if (Files.isDirectory(p) || names.add(p.getFileName().toString())) {
        all.add(p.toAbsolutePath().normalize());
      }
    }
    return b.classpath(new ArrayList<>(all)).repository(plan.repository());
  }

  private RegistrationArchive build(
      Catalog catalog,
      TypeEngine engine,
      EntityIds ids,
      String imageRef,
      List<String> launch,
      String ferryVersion) {
    TaskTemplates templates = new TaskTemplates(engine, ids, imageRef, launch, ferryVersion);
    LaunchPlans plans = new LaunchPlans(engine);
    RegistrationArchive.Builder archive = RegistrationArchive.builder();
    Map<String, String> byName = new HashMap<>();
    Map<Task<?, ?>, WorkflowSpec> workflows = new java.util.IdentityHashMap<>();
    List<WorkflowSpec> wfs = new ArrayList<>();
    List<LaunchPlan> lps = new ArrayList<>();
    for (Catalog.Entry<Task<?, ?>> e : tasksToPackage(catalog)) {
      String name = e.value().name();
      String previous = byName.putIfAbsent(name, e.reference());
      if (previous != null) {
        throw new CliException(
            "two tasks are named '"
                + name
                + "': "
                + previous
                + " and "
                + e.reference()
                + "; give one another name");
      }
      TaskSpec task = templates.spec(e.value(), e.reference());
      archive.addTask(task);
      WorkflowSpec wf = WrapperWorkflows.workflow(task.getTemplate());
      workflows.put(e.value(), wf);
      wfs.add(wf);
      lps.add(WrapperWorkflows.defaultLaunchPlan(wf.getTemplate()));
    }
    Set<String> lpNames = new TreeSet<>(byName.keySet());
    Map<Workflow<?, ?>, WorkflowSpec> declared = new java.util.IdentityHashMap<>();
    for (Catalog.Entry<Workflow<?, ?>> e : catalog.workflows()) {
      Workflow<?, ?> w = e.value();
      for (Task<?, ?> t : w.tasks()) {
        if (!workflows.containsKey(t) && workflows.keySet().stream().noneMatch(t::equals)) {
          throw new CliException(
              "workflow "
                  + e.reference()
                  + " ("
                  + w.name()
                  + ") runs task "
                  + t.name()
                  + ", which no static field of the scanned classes holds"
                  + (workflowOfTask(catalog, t) != null
                      ? " (it is a workflow's asTask(): sub-workflows are not packaged; call that"
                          + " workflow's tasks directly)"
                      : ": declare the task as a static field so that the cluster can load it"));
        }
      }
      if (!lpNames.add(w.name())) {
        throw new CliException(
            "workflow "
                + e.reference()
                + " is named '"
                + w.name()
                + "' like a task or another workflow (every task has a single-node workflow and"
                + " a launch plan of its name); give it another name");
      }
      WorkflowSpec wf =
          WorkflowSpec.newBuilder()
              .setTemplate(w.template(ids.project(), ids.domain(), ids.version()))
              .build();
      declared.put(w, wf);
      wfs.add(wf);
      lps.add(WrapperWorkflows.defaultLaunchPlan(wf.getTemplate()));
    }
    for (Catalog.Entry<dev.ferry.sdk.LaunchPlan<?, ?>> e : catalog.launchPlans()) {
      dev.ferry.sdk.LaunchPlan<?, ?> plan = e.value();
      Workflow<?, ?> owner = workflowOfTask(catalog, plan.entry());
      WorkflowSpec wf =
          owner != null
              ? java.util.Objects.requireNonNull(declared.get(owner), "declared workflow")
              : workflowOf(plan, catalog, workflows);
      if (!lpNames.add(plan.name())) {
        throw new CliException(
            "launch plan "
                + e.reference()
                + " is named '"
                + plan.name()
                + "' like another launch plan (every task and workflow has a default launch plan"
                + " of its name); give it another name");
      }
      lps.add(plans.launchPlan(plan, wf.getTemplate()));
    }
    wfs.forEach(archive::addWorkflow);
    lps.forEach(archive::addLaunchPlan);
    return archive.build();
  }

  /** The tasks packaged: those of the catalog but the workflows' own {@code asTask()}. */
  private static List<Catalog.Entry<Task<?, ?>>> tasksToPackage(Catalog catalog) {
    return catalog.tasks().stream()
        .filter(e -> workflowOfTask(catalog, e.value()) == null)
        .toList();
  }

  /** Returns the declared workflow whose {@code asTask()} {@code task} is, or null. */
  private static @Nullable Workflow<?, ?> workflowOfTask(Catalog catalog, Task<?, ?> task) {
    for (Catalog.Entry<Workflow<?, ?>> w : catalog.workflows()) {
      if (w.value().isTaskOf(task)) {
        return w.value();
      }
    }
    return null;
  }

  private static WorkflowSpec workflowOf(
      dev.ferry.sdk.LaunchPlan<?, ?> plan,
      Catalog catalog,
      Map<Task<?, ?>, WorkflowSpec> workflows) {
    WorkflowSpec wf = workflows.get(plan.entry());
    if (wf != null) {
      return wf;
    }
    for (Catalog.Entry<Task<?, ?>> t : catalog.tasks()) {
      if (t.value().equals(plan.entry())) {
        WorkflowSpec found = workflows.get(t.value());
        if (found != null) {
          return found;
        }
      }
    }
    throw new CliException(
        "launch plan "
            + plan.name()
            + " launches task "
            + plan.entry().name()
            + ", which no static field holds: declare the task (or its workflow) as a static field"
            + " so that the cluster can load it");
  }

  private static List<String> ownImages(Catalog catalog, String imageRef) {
    Set<String> own = new TreeSet<>();
    for (Catalog.Entry<Task<?, ?>> e : catalog.tasks()) {
      String img = e.value().options().image();
      if (!img.equals(TaskEnvironment.DEFAULT_IMAGE) && !img.equals(imageRef)) {
        own.add(e.value().name() + "=" + img);
      }
    }
    return new ArrayList<>(own);
  }

  private List<Path> classpath() {
    if (classpath != null) {
      return entries(classpath, "classpath");
    }
    Path classes = Path.of("target", "classes");
    if (!Files.isDirectory(classes)) {
      throw new CliException(
          "no classpath: give -cp, or run in a Maven project after `mvn package` (target/classes;"
              + " its dependencies from target/dependency after `mvn dependency:copy-dependencies`)");
    }
    List<Path> cp = new ArrayList<>(List.of(classes));
    Path deps = Path.of("target", "dependency");
    if (Files.isDirectory(deps)) {
      try (Stream<Path> jars = Files.list(deps)) {
        jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(cp::add);
      } catch (IOException e) {
        throw new CliException("cannot list " + deps + ": " + e.getMessage(), e);
      }
    }
    return cp;
  }

  private List<Path> scanRoots(List<Path> cp) {
    if (scan != null) {
      return entries(scan, "--scan");
    }
    List<Path> dirs = UserClasspath.directories(cp);
    return dirs.isEmpty() ? List.of(cp.get(0)) : dirs;
  }

  private static List<Path> entries(String path, String what) {
    return UserClasspath.parse(path, what);
  }

  /**
   * Returns the version of a package: 16 hex digits of a SHA-256 over the classpath's files (paths
   * and contents) and the entities serialized with the version placeholder (image, args, ...).
   */
  static String contentVersion(List<Path> cp, RegistrationArchive entities) throws IOException {
    MessageDigest sha = sha256();
    for (Path entry : cp) {
      if (Files.isDirectory(entry)) {
        try (Stream<Path> walk = Files.walk(entry)) {
          for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
            sha.update(
                (entry.relativize(f).toString().replace('\\', '/') + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest(sha, f);
          }
        }
      } else {
        sha.update((entry.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
        digest(sha, entry);
      }
    }
    for (RegistrationArchive.Entry e : entities.entries()) {
      sha.update((e.fileName() + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(deterministic(e.message()));
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }

  private static byte[] deterministic(Message m) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    m.writeTo(out);
    out.flush();
    return bytes.toByteArray();
  }

  private static void digest(MessageDigest sha, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
