package dev.ferry.cli.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.BoolValue;
import com.google.protobuf.Duration;
import dev.ferry.cli.CliRun;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.image.TaskImageBuilder;
import dev.ferry.cli.packaging.tasks.PackagedTasks;
import dev.ferry.cli.registration.EntityIds;
import dev.ferry.cli.registration.TaskTemplates;
import dev.ferry.idl.admin.FixedRateUnit;
import dev.ferry.idl.admin.LaunchPlan;
import dev.ferry.idl.admin.LaunchPlanSpec;
import dev.ferry.idl.admin.TaskSpec;
import dev.ferry.idl.admin.WorkflowSpec;
import dev.ferry.idl.core.Binding;
import dev.ferry.idl.core.Container;
import dev.ferry.idl.core.Identifier;
import dev.ferry.idl.core.KeyValuePair;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.Node;
import dev.ferry.idl.core.ResourceType;
import dev.ferry.idl.core.Resources.ResourceEntry;
import dev.ferry.idl.core.Resources.ResourceName;
import dev.ferry.idl.core.RuntimeMetadata;
import dev.ferry.idl.core.Secret;
import dev.ferry.idl.core.TaskMetadata;
import dev.ferry.idl.core.TaskTemplate;
import dev.ferry.idl.core.WorkflowTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageCommandTest {
  private static final String IMAGE = "ghcr.io/acme/tasks:1.0";
  private static final String TRAIN_REF = PackagedTasks.class.getName() + "#TRAIN";

  @TempDir Path dir;

  /** A class directory holding only the classes of {@link PackagedTasks}. */
  private Path classes() throws Exception {
    Path source =
        Path.of(PackagedTasks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String pkg = PackagedTasks.class.getPackageName().replace('.', '/');
    Path target = dir.resolve("classes").resolve(pkg);
    if (Files.isDirectory(target)) {
      return dir.resolve("classes");
    }
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(source.resolve(pkg))) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return dir.resolve("classes");
  }

  private CliRun pack(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("package", "-cp", classes().toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  @Test
  void package_membersInDependencyOrder_sortedAsFlytectlSortsThem() throws Exception {
    Path out = dir.resolve("out.tgz");
    CliRun run = pack("--image", IMAGE, "-o", out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    Map<String, byte[]> members = untgz(out);
    List<String> names = new ArrayList<>(members.keySet());
    assertThat(names)
        .containsExactly(
            "000_pkg.echo_1.pb",
            "001_pkg.train_1.pb",
            "002_pkg.echo_2.pb",
            "003_pkg.train_2.pb",
            "004_pkg.echo_3.pb",
            "005_pkg.train_3.pb",
            "006_hourly_echo_3.pb",
            "007_nightly_3.pb");
    assertThat(names).isSorted();
    String version =
        TaskSpec.parseFrom(members.get("000_pkg.echo_1.pb")).getTemplate().getId().getVersion();
    assertThat(version).matches("[0-9a-f]{16}");
    assertThat(run.out())
        .isEqualTo(
            "packaged 2 tasks, 2 workflows, 4 launch plans into "
                + out
                + "\nimage: "
                + IMAGE
                + "\nversion: "
                + version
                + "\nregister: flytectl register files --archive "
                + out
                + " --project P --domain D --version "
                + version
                + "\n");
  }

  @Test
  void package_taskSpec_fieldByField() throws Exception {
    Path out = dir.resolve("out.tgz");
    assertThat(pack("--image", IMAGE, "--version", "v1", "-o", out.toString()).exitCode()).isZero();
    TaskTemplate t = TaskSpec.parseFrom(untgz(out).get("001_pkg.train_1.pb")).getTemplate();

    assertThat(t.getId()).isEqualTo(id(ResourceType.TASK, "pkg.train", "v1"));
    assertThat(t.getType()).isEqualTo("container");
    TaskMetadata m = t.getMetadata();
    assertThat(m.getRuntime())
        .isEqualTo(
            RuntimeMetadata.newBuilder()
                .setType(RuntimeMetadata.RuntimeType.FLYTE_SDK)
                .setVersion("1.16.8+ferry.dev")
                .setFlavor("java")
                .build());
    assertThat(m.getDiscoverable()).isTrue();
    assertThat(m.getDiscoveryVersion()).isEqualTo("v2");
    assertThat(m.getCacheSerializable()).isTrue();
    assertThat(m.getCacheIgnoreInputVarsList()).containsExactly("rate");
    assertThat(m.getRetries().getRetries()).isEqualTo(3);
    assertThat(m.getTimeout()).isEqualTo(Duration.newBuilder().setSeconds(5400).build());
    assertThat(m.hasInterruptible()).isTrue();
    assertThat(m.getInterruptible()).isTrue();
    assertThat(m.getGeneratesDeck()).isEqualTo(BoolValue.of(true));

    assertThat(t.getInterface().getInputs().getVariablesMap()).containsOnlyKeys("epochs", "rate");
    assertThat(t.getInterface().getOutputs().getVariablesMap()).containsOnlyKeys("loss", "steps");

    Container c = t.getContainer();
    assertThat(c.getImage()).isEqualTo(IMAGE);
    assertThat(c.getCommandList()).isEmpty();
    List<String> expectedArgs = new ArrayList<>(TaskImageBuilder.LAUNCHER);
    expectedArgs.addAll(
        List.of(
            "execute",
            "--inputs",
            "{{.input}}",
            "--output-prefix",
            "{{.outputPrefix}}",
            "--raw-output-data-prefix",
            "{{.rawOutputDataPrefix}}",
            "--checkpoint-path",
            "{{.checkpointOutputPrefix}}",
            "--prev-checkpoint",
            "{{.prevCheckpointPrefix}}",
            "--task",
            TRAIN_REF));
    assertThat(c.getArgsList()).containsExactlyElementsOf(expectedArgs);
    assertThat(c.getResources().getRequestsList())
        .containsExactly(
            res(ResourceName.CPU, "4"),
            res(ResourceName.MEMORY, "8Gi"),
            res(ResourceName.GPU, "2"),
            res(ResourceName.EPHEMERAL_STORAGE, "20Gi"));
    assertThat(c.getResources().getLimitsList())
        .containsExactly(
            res(ResourceName.CPU, "4"),
            res(ResourceName.MEMORY, "16Gi"),
            res(ResourceName.GPU, "2"),
            res(ResourceName.EPHEMERAL_STORAGE, "20Gi"));
    assertThat(c.getEnvList()).containsExactly(kv("EXTRA", "1"), kv("MODE", "cluster"));

    assertThat(t.getExtendedResources().getGpuAccelerator().getDevice())
        .isEqualTo("nvidia-tesla-a100");
    assertThat(t.getExtendedResources().getGpuAccelerator().getPartitionSize()).isEqualTo("1g.5gb");
    assertThat(t.getExtendedResources().getSharedMemory().getMountPath()).isEqualTo("/dev/shm");
    assertThat(t.getExtendedResources().getSharedMemory().getMountName()).isEqualTo("flyte-shm");
    assertThat(t.getExtendedResources().getSharedMemory().getSizeLimit()).isEmpty();

    assertThat(t.getSecurityContext().getSecretsList())
        .containsExactly(
            Secret.newBuilder()
                .setGroup("wandb")
                .setKey("api-key")
                .setMountRequirement(Secret.MountType.ENV_VAR)
                .build(),
            Secret.newBuilder()
                .setGroup("db")
                .setKey("password")
                .setMountRequirement(Secret.MountType.ENV_VAR)
                .setEnvVar("DB_PASSWORD")
                .build(),
            Secret.newBuilder()
                .setKey("tls-cert")
                .setMountRequirement(Secret.MountType.FILE)
                .build());
  }

  @Test
  void package_environmentDefaults_noCacheNoGpuNoSecrets() throws Exception {
    Path out = dir.resolve("out.tgz");
    assertThat(pack("--image", IMAGE, "-o", out.toString()).exitCode()).isZero();
    TaskTemplate t = TaskSpec.parseFrom(untgz(out).get("000_pkg.echo_1.pb")).getTemplate();

    assertThat(t.getMetadata().getDiscoverable()).isFalse();
    assertThat(t.getMetadata().getDiscoveryVersion()).isEmpty();
    assertThat(t.getMetadata().getRetries().getRetries()).isZero();
    assertThat(t.getMetadata().hasTimeout()).isFalse();
    assertThat(t.getMetadata().hasInterruptible()).as("unset, not false").isFalse();
    assertThat(t.getInterface().getInputs().getVariablesMap()).containsOnlyKeys("text");
    assertThat(t.getContainer().getResources().getRequestsList())
        .containsExactly(res(ResourceName.CPU, "500m"), res(ResourceName.MEMORY, "1Gi"));
    assertThat(t.getContainer().getResources().getLimitsList())
        .containsExactly(res(ResourceName.CPU, "2"), res(ResourceName.MEMORY, "1Gi"));
    assertThat(t.hasExtendedResources()).isFalse();
    assertThat(t.hasSecurityContext()).isFalse();
  }

  @Test
  void package_wrapperWorkflowAndDefaultLaunchPlan() throws Exception {
    Path out = dir.resolve("out.tgz");
    assertThat(pack("--image", IMAGE, "--version", "v1", "-o", out.toString()).exitCode()).isZero();
    Map<String, byte[]> m = untgz(out);
    WorkflowTemplate wf = WorkflowSpec.parseFrom(m.get("003_pkg.train_2.pb")).getTemplate();
    TaskTemplate task = TaskSpec.parseFrom(m.get("001_pkg.train_1.pb")).getTemplate();

    assertThat(wf.getId()).isEqualTo(id(ResourceType.WORKFLOW, "pkg.train", "v1"));
    assertThat(wf.getInterface()).isEqualTo(task.getInterface());
    assertThat(wf.getNodesList()).hasSize(1);
    Node node = wf.getNodes(0);
    assertThat(node.getId()).isEqualTo("n0");
    assertThat(node.getMetadata().getName()).isEqualTo("pkg.train");
    assertThat(node.getTaskNode().getReferenceId()).isEqualTo(task.getId());
    assertThat(node.getUpstreamNodeIdsList()).isEmpty();
    assertThat(node.getInputsList())
        .extracting(PackageCommandTest::promise)
        .containsExactly("epochs<-start-node.epochs", "rate<-start-node.rate");
    assertThat(wf.getOutputsList())
        .extracting(PackageCommandTest::promise)
        .containsExactly("loss<-n0.loss", "steps<-n0.steps");

    LaunchPlan lp = LaunchPlan.parseFrom(m.get("005_pkg.train_3.pb"));
    assertThat(lp.getId()).isEqualTo(id(ResourceType.LAUNCH_PLAN, "pkg.train", "v1"));
    LaunchPlanSpec spec = lp.getSpec();
    assertThat(spec.getWorkflowId()).isEqualTo(wf.getId());
    assertThat(spec.getDefaultInputs().getParametersMap()).containsOnlyKeys("epochs", "rate");
    assertThat(spec.getDefaultInputs().getParametersOrThrow("epochs").getRequired()).isTrue();
    assertThat(spec.getDefaultInputs().getParametersOrThrow("epochs").getVar())
        .isEqualTo(task.getInterface().getInputs().getVariablesOrThrow("epochs"));
    assertThat(spec.hasFixedInputs()).isTrue();
    assertThat(spec.getFixedInputs().getLiteralsMap()).isEmpty();
    assertThat(spec.getLabels().getValuesMap()).isEmpty();
    assertThat(spec.getAnnotations().getValuesMap()).isEmpty();
    assertThat(spec.hasRawOutputDataConfig()).isTrue();
    assertThat(spec.getRawOutputDataConfig().getOutputLocationPrefix()).isEmpty();
    assertThat(spec.getEntityMetadata().hasSchedule()).isFalse();
  }

  @Test
  void package_declaredLaunchPlans() throws Exception {
    Path out = dir.resolve("out.tgz");
    assertThat(pack("--image", IMAGE, "--version", "v1", "-o", out.toString()).exitCode()).isZero();
    Map<String, byte[]> m = untgz(out);

    LaunchPlan nightly = LaunchPlan.parseFrom(m.get("007_nightly_3.pb"));
    assertThat(nightly.getId()).isEqualTo(id(ResourceType.LAUNCH_PLAN, "nightly", "v1"));
    LaunchPlanSpec s = nightly.getSpec();
    assertThat(s.getWorkflowId()).isEqualTo(id(ResourceType.WORKFLOW, "pkg.train", "v1"));
    assertThat(s.getFixedInputs().getLiteralsMap()).containsOnlyKeys("epochs");
    assertThat(
            s.getFixedInputs().getLiteralsOrThrow("epochs").getScalar().getPrimitive().getInteger())
        .isEqualTo(10L);
    assertThat(s.getDefaultInputs().getParametersMap()).containsOnlyKeys("rate");
    Literal rate = s.getDefaultInputs().getParametersOrThrow("rate").getDefault();
    assertThat(rate.getScalar().getPrimitive().getFloatValue()).isEqualTo(0.5);
    assertThat(s.getEntityMetadata().getSchedule().getCronSchedule().getSchedule())
        .isEqualTo("0 3 * * *");
    assertThat(s.getLabels().getValuesMap()).containsExactlyEntriesOf(Map.of("team", "ml"));
    assertThat(s.getAnnotations().getValuesMap()).containsExactlyEntriesOf(Map.of("owner", "ana"));
    assertThat(s.getMaxParallelism()).isEqualTo(4);

    LaunchPlan hourly = LaunchPlan.parseFrom(m.get("006_hourly_echo_3.pb"));
    assertThat(hourly.getSpec().getWorkflowId().getName()).isEqualTo("pkg.echo");
    assertThat(hourly.getSpec().getEntityMetadata().getSchedule().getRate().getValue())
        .isEqualTo(2);
    assertThat(hourly.getSpec().getEntityMetadata().getSchedule().getRate().getUnit())
        .isEqualTo(FixedRateUnit.HOUR);
    assertThat(
            hourly
                .getSpec()
                .getFixedInputs()
                .getLiteralsOrThrow("text")
                .getScalar()
                .getPrimitive()
                .getStringValue())
        .isEqualTo("hi");
    assertThat(hourly.getSpec().getDefaultInputs().getParametersMap()).isEmpty();
  }

  @Test
  void package_placeholdersInEveryIdentifier_andNowhereElse() throws Exception {
    Path out = dir.resolve("out.tgz");
    assertThat(pack("--image", IMAGE, "-o", out.toString()).exitCode()).isZero();
    Map<String, byte[]> m = untgz(out);
    List<Identifier> ids = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : m.entrySet()) {
      if (e.getKey().endsWith("_1.pb")) {
        ids.add(TaskSpec.parseFrom(e.getValue()).getTemplate().getId());
      } else if (e.getKey().endsWith("_2.pb")) {
        WorkflowTemplate wf = WorkflowSpec.parseFrom(e.getValue()).getTemplate();
        ids.add(wf.getId());
        wf.getNodesList().forEach(n -> ids.add(n.getTaskNode().getReferenceId()));
      } else {
        LaunchPlan lp = LaunchPlan.parseFrom(e.getValue());
        ids.add(lp.getId());
        ids.add(lp.getSpec().getWorkflowId());
      }
    }
    assertThat(ids).hasSize(2 + 4 + 8);
    assertThat(ids)
        .allSatisfy(
            id -> {
              assertThat(id.getProject()).isEqualTo(EntityIds.PROJECT);
              assertThat(id.getDomain()).isEqualTo(EntityIds.DOMAIN);
              assertThat(id.getVersion()).matches("[0-9a-f]{16}");
            });
    // "registration." appears once per project and domain field of those ids, nowhere else.
    int count = 0;
    for (byte[] b : m.values()) {
      count += occurrences(new String(b, StandardCharsets.ISO_8859_1), "registration.");
    }
    assertThat(count).isEqualTo(2 * ids.size());

    Path given = dir.resolve("given.tgz");
    assertThat(
            pack(
                    "--image",
                    IMAGE,
                    "--project",
                    "flytesnacks",
                    "--domain",
                    "development",
                    "--version",
                    "v7",
                    "-o",
                    given.toString())
                .exitCode())
        .isZero();
    for (byte[] b : untgz(given).values()) {
      assertThat(new String(b, StandardCharsets.ISO_8859_1)).doesNotContain("registration.");
    }
  }

  @Test
  void package_isReproducible_versionFollowsContent() throws Exception {
    Path one = dir.resolve("one.tgz");
    Path two = dir.resolve("two.tgz");
    assertThat(pack("--image", IMAGE, "-o", one.toString()).exitCode()).isZero();
    assertThat(
            CliRun.of(
                    "package",
                    "-cp",
                    dir.resolve("classes").toString(),
                    "--image",
                    IMAGE,
                    "-o",
                    two.toString())
                .exitCode())
        .isZero();
    assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));

    Path other = dir.resolve("other.tgz");
    assertThat(
            CliRun.of(
                    "package",
                    "-cp",
                    dir.resolve("classes").toString(),
                    "--image",
                    "ghcr.io/acme/tasks:2.0",
                    "-o",
                    other.toString())
                .exitCode())
        .isZero();
    String v1 =
        TaskSpec.parseFrom(untgz(one).get("000_pkg.echo_1.pb")).getTemplate().getId().getVersion();
    String v2 =
        TaskSpec.parseFrom(untgz(other).get("000_pkg.echo_1.pb"))
            .getTemplate()
            .getId()
            .getVersion();
    assertThat(v2).isNotEqualTo(v1);
  }

  @Test
  void package_imageAuto_buildsAnOciTarAndWritesItsReference() throws Exception {
    Path out = dir.resolve("out.tgz");
    Path tar = dir.resolve("image.tar");
    Path ferryJar =
        Files.write(dir.resolve("ferry-cli.jar"), "jar".getBytes(StandardCharsets.UTF_8));
    CliRun run =
        pack(
            "--image",
            "auto",
            "--base-image",
            baseTar().toString(),
            "--image-out",
            tar.toString(),
            "--image-name",
            "registry.local/acme/tasks",
            "--ferry-classpath",
            ferryJar.toString(),
            "-o",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(tar).isRegularFile();
    TaskTemplate t = TaskSpec.parseFrom(untgz(out).get("000_pkg.echo_1.pb")).getTemplate();
    assertThat(t.getContainer().getImage())
        .matches("registry\\.local/acme/tasks:ferry-[0-9a-f]{16}");
    assertThat(run.out())
        .contains(
            "image: " + t.getContainer().getImage() + " (built into the OCI tar " + tar + ")");
    // The image holds the classes and Ferry's jar where the launcher looks.
    Map<String, byte[]> files = untar(tar);
    List<String> paths = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (e.getKey().startsWith("blobs/sha256/") && isGzip(e.getValue())) {
        paths.addAll(untgz(e.getValue()).keySet());
      }
    }
    assertThat(paths)
        .contains(
            "app/classes/dev/ferry/cli/packaging/tasks/PackagedTasks.class",
            "app/libs/ferry-cli.jar",
            "etc/base.txt");
  }

  @Test
  void badInput_oneLineAndNonZeroExit() throws Exception {
    Path out = dir.resolve("out.tgz");
    Path empty = Files.createDirectories(dir.resolve("empty"));

    CliRun noTasks =
        CliRun.of("package", "-cp", empty.toString(), "--image", IMAGE, "-o", out.toString());
    assertThat(noTasks.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(noTasks.err())
        .isEqualTo(
            "ferry package: no tasks found in ["
                + empty
                + "]: expected static fields of type dev.ferry.sdk.Task\n");

    CliRun badEntry =
        CliRun.of(
            "package",
            "-cp",
            dir.resolve("nope").toString(),
            "--image",
            IMAGE,
            "-o",
            out.toString());
    assertThat(badEntry.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(badEntry.err())
        .isEqualTo("ferry package: classpath entry " + dir.resolve("nope") + " does not exist\n");

    CliRun noImage = pack("-o", out.toString());
    assertThat(noImage.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(noImage.err())
        .isEqualTo(
            "ferry package: no image: give --image REF (an image with java and the classpath under"
                + " /app) or --image auto with --image-out\n");

    CliRun autoNoOut = pack("--image", "auto", "-o", out.toString());
    assertThat(autoNoOut.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(autoNoOut.err())
        .isEqualTo(
            "ferry package: --image auto needs --image-out: a registry repository, or a file"
                + " ending in .tar\n");

    CliRun missingBase =
        pack(
            "--image",
            "auto",
            "--base-image",
            dir.resolve("base.tar").toString(),
            "--image-out",
            dir.resolve("i.tar").toString(),
            "-o",
            out.toString());
    assertThat(missingBase.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(missingBase.err())
        .isEqualTo("ferry package: --base-image " + dir.resolve("base.tar") + " does not exist\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void twoTasksOfOneName_areRefused() throws Exception {
    Path source =
        Path.of(PackagedTasks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String pkg = "dev/ferry/cli/packaging/dupes";
    Path target = Files.createDirectories(dir.resolve("dupes").resolve(pkg));
    try (Stream<Path> files = Files.list(source.resolve(pkg))) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    CliRun run =
        CliRun.of(
            "package",
            "-cp",
            dir.resolve("dupes").toString(),
            "--image",
            IMAGE,
            "-o",
            dir.resolve("out.tgz").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err())
        .isEqualTo(
            "ferry package: two tasks are named 'dupes.same':"
                + " dev.ferry.cli.packaging.dupes.DuplicateTasks#FIRST and"
                + " dev.ferry.cli.packaging.dupes.DuplicateTasks#SECOND; give one another name\n");
  }

  @Test
  void runtimeVersion_passesTheBackendsOffloadingCheck() {
    String v = TaskTemplates.runtimeVersion("0.1.0-SNAPSHOT");
    assertThat(v).isEqualTo("1.16.8+ferry.0.1.0-SNAPSHOT");
    // The backend takes the first MAJOR.MINOR.PATCH and wants at least 1.13.14.
    java.util.regex.Matcher first =
        java.util.regex.Pattern.compile("v?(\\d+\\.\\d+\\.\\d+)").matcher(v);
    assertThat(first.find()).isTrue();
    String[] parts = first.group(1).split("\\.");
    int[] n = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    assertThat(n[0] > 1 || (n[0] == 1 && (n[1] > 13 || (n[1] == 13 && n[2] >= 14)))).isTrue();
    assertThat(TaskTemplates.runtimeVersion("weird version/1"))
        .isEqualTo("1.16.8+ferry.weird.version.1");
  }

  private static String promise(Binding b) {
    return b.getVar()
        + "<-"
        + b.getBinding().getPromise().getNodeId()
        + "."
        + b.getBinding().getPromise().getVar();
  }

  private static Identifier id(ResourceType type, String name, String version) {
    return Identifier.newBuilder()
        .setResourceType(type)
        .setProject(EntityIds.PROJECT)
        .setDomain(EntityIds.DOMAIN)
        .setName(name)
        .setVersion(version)
        .build();
  }

  private static ResourceEntry res(ResourceName name, String value) {
    return ResourceEntry.newBuilder().setName(name).setValue(value).build();
  }

  private static KeyValuePair kv(String k, String v) {
    return KeyValuePair.newBuilder().setKey(k).setValue(v).build();
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static boolean isGzip(byte[] b) {
    return b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
  }

  private static Map<String, byte[]> untar(Path file) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(file))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isFile()) {
          out.put(e.getName(), tar.readAllBytes());
        }
      }
    }
    return out;
  }

  private static Map<String, byte[]> untgz(byte[] gz) throws IOException {
    return untgz(new java.io.ByteArrayInputStream(gz));
  }

  /** The members of a .tgz in archive order, as flytectl unpacks them (regular files). */
  private static Map<String, byte[]> untgz(Path file) throws IOException {
    return untgz(Files.newInputStream(file));
  }

  private static Map<String, byte[]> untgz(InputStream raw) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream in = new GzipCompressorInputStream(raw);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isFile()) {
          out.put(e.getName(), tar.readAllBytes());
        }
      }
    }
    return out;
  }

  /** A docker-save tar of one layer, with PATH in its config. */
  private Path baseTar() throws Exception {
    byte[] layer = tar(Map.of("etc/base.txt", "base".getBytes(StandardCharsets.UTF_8)));
    String diffId =
        "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layer));
    String config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin\"]},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
            + diffId
            + "\"]},\"history\":[{\"created_by\":\"test\"}]}";
    String manifest =
        "[{\"Config\":\"config.json\",\"RepoTags\":[\"base:1\"],\"Layers\":[\"layer.tar\"]}]";
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    files.put("config.json", config.getBytes(StandardCharsets.UTF_8));
    files.put("layer.tar", layer);
    Path base = dir.resolve("base-image.tar");
    Files.write(base, tar(files));
    return base;
  }

  private static byte[] tar(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
