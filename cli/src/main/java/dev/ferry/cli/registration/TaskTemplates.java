package dev.ferry.cli.registration;

import com.google.protobuf.BoolValue;
import com.google.protobuf.Duration;
import dev.ferry.engine.TypeEngine;
import dev.ferry.idl.admin.TaskSpec;
import dev.ferry.idl.core.Container;
import dev.ferry.idl.core.ExtendedResources;
import dev.ferry.idl.core.GPUAccelerator;
import dev.ferry.idl.core.KeyValuePair;
import dev.ferry.idl.core.Resources.ResourceEntry;
import dev.ferry.idl.core.Resources.ResourceName;
import dev.ferry.idl.core.RetryStrategy;
import dev.ferry.idl.core.RuntimeMetadata;
import dev.ferry.idl.core.SecurityContext;
import dev.ferry.idl.core.SharedMemory;
import dev.ferry.idl.core.TaskMetadata;
import dev.ferry.idl.core.TaskTemplate;
import dev.ferry.sdk.Cache;
import dev.ferry.sdk.Device;
import dev.ferry.sdk.Resources;
import dev.ferry.sdk.Secret;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link Task} into the {@code TaskTemplate} a Flyte 1.16 cluster runs (CONTAINER.md
 * section 5). What goes where:
 *
 * <ul>
 *   <li>{@code id}: TASK, the package's project/domain/version ({@link EntityIds}), name {@code
 *       <environment>.<task>}.
 *   <li>{@code type}: {@value #TASK_TYPE}. The container plugin is registered for that type by
 *       name, so the task runs on any cluster without relying on the plugin fallback for unknown
 *       types (which logs a warning on every task and can be reconfigured away); the pod is the
 *       same either way.
 *   <li>{@code metadata}: {@code discoverable} and {@code discovery_version} from the {@link Cache}
 *       (the salt, if any, appended to the version so that it changes the cluster's key too),
 *       {@code cache_serializable}, {@code cache_ignore_input_vars}, {@code retries} (the count;
 *       backoff is local only), {@code timeout} (the runtime limit; the queueing limit has no
 *       field), {@code interruptible} only when true (an explicit false would override a launch
 *       plan's default), {@code generates_deck} from the report setting, and {@code runtime} =
 *       {FLYTE_SDK, {@link #runtimeVersion}, "java"}.
 *   <li>{@code interface}: the task's typed interface.
 *   <li>{@code container}: the final image, an empty {@code command}, and {@code args} = the
 *       launcher then {@code execute --inputs {{.input}} ... --task <class>#<field>} ({@link
 *       #args}); cpu, memory, disk (ephemeral storage) and GPU count as string quantities in
 *       requests and limits; the environment variables, sorted.
 *   <li>{@code extended_resources}: the accelerator's device (and partition) and shared memory.
 *   <li>{@code security_context.secrets}: the task's secrets (group, key, mount, and the variable
 *       name when one was given).
 * </ul>
 *
 * <pre>{@code
 * TaskTemplates templates = new TaskTemplates(engine, EntityIds.placeholders(),
 *     "ghcr.io/acme/tasks:ferry-0123456789abcdef", TaskImageBuilder.LAUNCHER, "0.1.0");
 * TaskSpec spec = templates.spec(SampleTasks.ADD, "com.acme.SampleTasks#ADD");
 * }</pre>
 */
public final class TaskTemplates {
  /** The task type: the container plugin's own. */
  public static final String TASK_TYPE = "container";

  /**
   * The Flyte release whose container contract the Java runtime implements; the runtime version
   * starts with it.
   */
  public static final String FLYTE_CONTRACT_VERSION = "1.16.8";

  /** The runtime flavor. */
  public static final String FLAVOR = "java";

  /** Where shared memory is mounted (as the Python SDK mounts it). */
  public static final String SHARED_MEMORY_PATH = "/dev/shm";

  /** The volume name of shared memory (as the Python SDK names it). */
  public static final String SHARED_MEMORY_NAME = "flyte-shm";

  private static final Pattern BUILD_METADATA = Pattern.compile("[^0-9A-Za-z-]+");

  private final TypeEngine engine;
  private final EntityIds ids;
  private final String image;
  private final List<String> launcher;
  private final String runtimeVersion;

  /**
   * Creates the converter.
   *
   * @param engine the type engine that gives the interfaces
   * @param ids the project, domain and version of every id
   * @param image the final image reference of every template
   * @param launcher the command the args start with ({@code java -cp ... dev.ferry.cli.Ferry})
   * @param ferryVersion Ferry's version, recorded in the runtime version's build metadata
   */
  public TaskTemplates(
      TypeEngine engine, EntityIds ids, String image, List<String> launcher, String ferryVersion) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.ids = Objects.requireNonNull(ids, "ids");
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("image must not be blank but was '" + image + "'");
    }
    if (launcher.isEmpty()) {
      throw new IllegalArgumentException("launcher must not be empty");
    }
    this.image = image;
    this.launcher = List.copyOf(launcher);
    this.runtimeVersion = runtimeVersion(ferryVersion);
  }

  /**
   * Returns the runtime version for Ferry {@code ferryVersion}: {@value #FLYTE_CONTRACT_VERSION}
   * with Ferry's version as semver build metadata ({@code 1.16.8+ferry.0.1.0-SNAPSHOT}).
   *
   * <p>The backend lets a task read offloaded literals only if the first {@code MAJOR.MINOR.PATCH}
   * of this string is at least its allow-list's minimum for {@code FLYTE_SDK} (1.13.14 by default).
   * Ferry's own version (0.x) would fail that check, so the version names the Flyte contract the
   * runtime implements, and build metadata, which semver ignores in comparisons, says which Ferry
   * wrote it.
   */
  public static String runtimeVersion(String ferryVersion) {
    String meta = BUILD_METADATA.matcher(ferryVersion.strip()).replaceAll(".");
    meta = meta.replaceAll("^\\.+|\\.+$", "");
    return FLYTE_CONTRACT_VERSION + "+ferry" + (meta.isEmpty() ? "" : "." + meta);
  }

  /**
   * Returns the container args of the task at {@code reference}: {@code launcher} then {@code
   * execute} with the backend's template variables (CONTAINER.md section 1).
   */
  public static List<String> args(List<String> launcher, String reference) {
    List<String> args = new ArrayList<>(launcher);
    args.addAll(
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
            reference));
    return List.copyOf(args);
  }

  /** Returns the runtime version written into every template. */
  public String runtimeVersion() {
    return runtimeVersion;
  }

  /** Returns the admin {@code TaskSpec} of {@code task}, found at {@code reference}. */
  public TaskSpec spec(Task<?, ?> task, String reference) {
    return TaskSpec.newBuilder().setTemplate(template(task, reference)).build();
  }

  /** Returns the {@code TaskTemplate} of {@code task}, found at {@code reference}. */
  public TaskTemplate template(Task<?, ?> task, String reference) {
    TaskOptions o = task.options();
    TaskTemplate.Builder t =
        TaskTemplate.newBuilder()
            .setId(ids.task(task.name()))
            .setType(TASK_TYPE)
            .setMetadata(metadata(task))
            .setInterface(task.typedInterface(engine))
            .setContainer(container(o, reference));
    ExtendedResources extended = extendedResources(o.resources());
    if (!extended.equals(ExtendedResources.getDefaultInstance())) {
      t.setExtendedResources(extended);
    }
    if (!o.secrets().isEmpty()) {
      SecurityContext.Builder sc = SecurityContext.newBuilder();
      o.secrets().forEach(s -> sc.addSecrets(secret(s)));
      t.setSecurityContext(sc);
    }
    return t.build();
  }

  private TaskMetadata metadata(Task<?, ?> task) {
    TaskOptions o = task.options();
    TaskMetadata.Builder m =
        TaskMetadata.newBuilder()
            .setRuntime(
                RuntimeMetadata.newBuilder()
                    .setType(RuntimeMetadata.RuntimeType.FLYTE_SDK)
                    .setVersion(runtimeVersion)
                    .setFlavor(FLAVOR))
            .setRetries(RetryStrategy.newBuilder().setRetries(o.retries().count()))
            .setGeneratesDeck(BoolValue.of(o.report()));
    Cache cache = o.cache();
    if (cache.enabled()) {
      String version = task.cacheVersion();
      m.setDiscoverable(true)
          .setDiscoveryVersion(cache.salt().isEmpty() ? version : version + "-" + cache.salt())
          .setCacheSerializable(cache.serialize())
          .addAllCacheIgnoreInputVars(cache.ignoredInputs().stream().sorted().toList());
    }
    o.timeout()
        .runtime()
        .ifPresent(
            d ->
                m.setTimeout(
                    Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano())));
    if (o.interruptible()) {
      m.setInterruptible(true);
    }
    return m.build();
  }

  private Container container(TaskOptions o, String reference) {
    Container.Builder c =
        Container.newBuilder().setImage(image).addAllArgs(args(launcher, reference));
    dev.ferry.idl.core.Resources resources = resources(o.resources());
    if (!resources.equals(dev.ferry.idl.core.Resources.getDefaultInstance())) {
      c.setResources(resources);
    }
    for (Map.Entry<String, String> e : new TreeMap<>(o.env()).entrySet()) {
      c.addEnv(KeyValuePair.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
    }
    return c.build();
  }

  /** Returns the requests and limits of {@code r} (empty when it asks for nothing). */
  static dev.ferry.idl.core.Resources resources(Resources r) {
    dev.ferry.idl.core.Resources.Builder b = dev.ferry.idl.core.Resources.newBuilder();
    r.cpu()
        .ifPresent(
            cpu -> {
              b.addRequests(entry(ResourceName.CPU, cpu.request()));
              b.addLimits(entry(ResourceName.CPU, cpu.limit()));
            });
    r.memory()
        .ifPresent(
            mem -> {
              b.addRequests(entry(ResourceName.MEMORY, mem.request()));
              b.addLimits(entry(ResourceName.MEMORY, mem.limit()));
            });
    r.gpu()
        .ifPresent(
            gpu -> {
              // Kubernetes wants GPU requests equal to limits.
              String n = Integer.toString(gpu.quantity());
              b.addRequests(entry(ResourceName.GPU, n));
              b.addLimits(entry(ResourceName.GPU, n));
            });
    r.disk()
        .ifPresent(
            disk -> {
              b.addRequests(entry(ResourceName.EPHEMERAL_STORAGE, disk));
              b.addLimits(entry(ResourceName.EPHEMERAL_STORAGE, disk));
            });
    return b.build();
  }

  /** Returns the accelerator and shared memory of {@code r} (empty when it asks for neither). */
  static ExtendedResources extendedResources(Resources r) {
    ExtendedResources.Builder b = ExtendedResources.newBuilder();
    r.gpu().ifPresent(gpu -> b.setGpuAccelerator(accelerator(gpu)));
    r.sharedMemory()
        .ifPresent(
            size ->
                b.setSharedMemory(
                    SharedMemory.newBuilder()
                        .setMountPath(SHARED_MEMORY_PATH)
                        .setMountName(SHARED_MEMORY_NAME)
                        // empty: as large as the memory limit
                        .setSizeLimit("auto".equals(size) ? "" : size)));
    return b.build();
  }

  private static GPUAccelerator accelerator(Device gpu) {
    GPUAccelerator.Builder a = GPUAccelerator.newBuilder().setDevice(gpu.type());
    gpu.partition().ifPresent(a::setPartitionSize);
    return a.build();
  }

  /** Returns the Flyte secret of {@code s}. */
  static dev.ferry.idl.core.Secret secret(Secret s) {
    dev.ferry.idl.core.Secret.Builder b =
        dev.ferry.idl.core.Secret.newBuilder()
            .setGroup(s.group().orElse(""))
            .setKey(s.key())
            .setMountRequirement(
                s.mount() == Secret.Mount.FILE
                    ? dev.ferry.idl.core.Secret.MountType.FILE
                    : dev.ferry.idl.core.Secret.MountType.ENV_VAR);
    String given = explicitEnvVar(s);
    if (given != null) {
      b.setEnvVar(given);
    }
    return b.build();
  }

  /** Returns the variable name the user gave, or null when it is the default one. */
  private static @Nullable String explicitEnvVar(Secret s) {
    Secret plain = s.group().map(g -> Secret.of(g, s.key())).orElseGet(() -> Secret.of(s.key()));
    return s.envVar().equals(plain.envVar()) ? null : s.envVar();
  }

  private static ResourceEntry entry(ResourceName name, String value) {
    return ResourceEntry.newBuilder().setName(name).setValue(value).build();
  }
}
