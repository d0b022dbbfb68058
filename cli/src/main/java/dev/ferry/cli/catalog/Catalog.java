package dev.ferry.cli.catalog;

import dev.ferry.cli.CliException;
import dev.ferry.sdk.LaunchPlan;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.workflow.Workflow;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The tasks, workflows and launch plans of a user's classpath: every {@code static} field of type
 * {@link Task}, {@link Workflow} or {@link LaunchPlan} of every class under the given roots
 * (directories of classes, or jars). Scanning loads (and so initializes) those classes, as the
 * Python SDK imports modules.
 *
 * <p>A task is referred to either by its stable <em>reference</em> {@code <class>#<field>} (what
 * {@code ferry package} writes into the container arguments: resolved without a scan, so a pod
 * starts fast) or by its Flyte name {@code <environment>.<task>} (what a user types).
 *
 * <pre>{@code
 * Catalog catalog = Catalog.scan(loader, List.of(Path.of("target/classes")));
 * Catalog.Entry<Task<?, ?>> train = catalog.task("examples.train");
 * Task<?, ?> same = Catalog.resolveTask(loader, train.reference());
 * }</pre>
 */
public final class Catalog {
  /**
   * One declaration found on the classpath.
   *
   * @param reference {@code <class binary name>#<field>}
   * @param value the field's value
   */
  public record Entry<T>(String reference, T value) {}

  private final List<Entry<Task<?, ?>>> tasks;
  private final List<Entry<LaunchPlan<?, ?>>> launchPlans;
  private final List<Entry<Workflow<?, ?>>> workflows;
  private final List<Entry<Object>> others;
  private final List<String> unloadable;

  private Catalog(
      List<Entry<Task<?, ?>>> tasks,
      List<Entry<LaunchPlan<?, ?>>> launchPlans,
      List<Entry<Workflow<?, ?>>> workflows,
      List<Entry<Object>> others,
      List<String> unloadable) {
    this.tasks = List.copyOf(tasks);
    this.launchPlans = List.copyOf(launchPlans);
    this.workflows = List.copyOf(workflows);
    this.others = List.copyOf(others);
    this.unloadable = List.copyOf(unloadable);
  }

  /**
   * Scans the classes under {@code roots} (directories or jars), loaded through {@code loader}, for
   * static fields holding tasks, workflows and launch plans. A task held by two fields is listed
   * once (the first field in class and field order). Classes that cannot be loaded are skipped and
   * listed in {@link #unloadable()}.
   *
   * @param extra further static field types to collect (for example workflows), listed in {@link
   *     #others()}
   */
  public static Catalog scan(ClassLoader loader, List<Path> roots, Class<?>... extra)
      throws IOException {
    List<String> classNames = new ArrayList<>();
    for (Path root : roots) {
      classNames.addAll(classNames(root));
    }
    classNames.sort(Comparator.naturalOrder());
    Map<Object, Entry<Task<?, ?>>> tasks = new LinkedHashMap<>();
    Map<Object, Entry<LaunchPlan<?, ?>>> plans = new LinkedHashMap<>();
    Map<Object, Entry<Workflow<?, ?>>> workflows = new LinkedHashMap<>();
    Map<Object, Entry<Object>> others = new LinkedHashMap<>();
    List<String> unloadable = new ArrayList<>();
    for (String name : classNames) {
      Class<?> c;
      Field[] fields;
      try {
        c = Class.forName(name, true, loader);
        fields = c.getDeclaredFields();
      } catch (ClassNotFoundException | LinkageError e) {
        unloadable.add(name + " (" + e + ")");
        continue;
      }
      List<Field> sorted = new ArrayList<>(List.of(fields));
      sorted.sort(Comparator.comparing(Field::getName));
      for (Field f : sorted) {
        if (!Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
          continue;
        }
        Class<?> type = f.getType();
        boolean wanted = type == Task.class || type == LaunchPlan.class || type == Workflow.class;
        for (Class<?> x : extra) {
          wanted |= x.isAssignableFrom(type);
        }
        if (!wanted) {
          continue;
        }
        Object value;
        try {
          f.setAccessible(true);
          value = f.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
          unloadable.add(name + "#" + f.getName() + " (" + e + ")");
          continue;
        }
        if (value == null) {
          continue;
        }
        String ref = name + "#" + f.getName();
        if (value instanceof Task<?, ?> t) {
          tasks.putIfAbsent(new Identity(t), new Entry<>(ref, t));
        } else if (value instanceof LaunchPlan<?, ?> p) {
          plans.putIfAbsent(new Identity(p), new Entry<>(ref, p));
        } else if (value instanceof Workflow<?, ?> w) {
          workflows.putIfAbsent(new Identity(w), new Entry<>(ref, w));
        } else {
          others.putIfAbsent(new Identity(value), new Entry<>(ref, value));
        }
      }
    }
    return new Catalog(
        new ArrayList<>(tasks.values()),
        new ArrayList<>(plans.values()),
        new ArrayList<>(workflows.values()),
        new ArrayList<>(others.values()),
        unloadable);
  }

  /** Returns the tasks found, in class then field order. */
  public List<Entry<Task<?, ?>>> tasks() {
    return tasks;
  }

  /** Returns the launch plans found, in class then field order. */
  public List<Entry<LaunchPlan<?, ?>>> launchPlans() {
    return launchPlans;
  }

  /** Returns the workflows found, in class then field order. */
  public List<Entry<Workflow<?, ?>>> workflows() {
    return workflows;
  }

  /** Returns the values of the extra types asked for, in class then field order. */
  public List<Entry<Object>> others() {
    return others;
  }

  /** Returns the classes (or fields) that could not be loaded, with the reason. */
  public List<String> unloadable() {
    return unloadable;
  }

  /**
   * Returns the task named {@code nameOrReference}: a reference {@code <class>#<field>} or a Flyte
   * name {@code <environment>.<task>}.
   *
   * @throws CliException naming what was asked and what the classpath holds
   */
  public Entry<Task<?, ?>> task(String nameOrReference) {
    List<Entry<Task<?, ?>>> found = new ArrayList<>();
    for (Entry<Task<?, ?>> e : tasks) {
      if (e.reference().equals(nameOrReference) || e.value().name().equals(nameOrReference)) {
        found.add(e);
      }
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.isEmpty()) {
      TreeSet<String> known = new TreeSet<>();
      tasks.forEach(e -> known.add(e.value().name()));
      throw new CliException(
          "no task '"
              + nameOrReference
              + "' on the classpath; expected one of "
              + (known.isEmpty() ? "(no tasks found)" : String.join(", ", known))
              + (unloadable.isEmpty() ? "" : "; classes that failed to load: " + unloadable));
    }
    List<String> refs = found.stream().map(Entry::reference).toList();
    throw new CliException(
        "task name '"
            + nameOrReference
            + "' is ambiguous: "
            + refs
            + "; give the reference <class>#<field> instead");
  }

  /**
   * Returns the task at {@code reference} ({@code <class binary name>#<static field>}) without a
   * scan.
   *
   * @throws CliException if the class or field is missing or does not hold a task
   */
  public static Task<?, ?> resolveTask(ClassLoader loader, String reference) {
    Object value = resolve(loader, reference);
    if (value instanceof Task<?, ?> t) {
      return t;
    }
    throw new CliException(
        "'"
            + reference
            + "' is not a task: expected a static field of type "
            + Task.class.getName()
            + " but it holds "
            + (value == null ? "null" : value.getClass().getName()));
  }

  /** Returns the value of the static field at {@code reference} ({@code <class>#<field>}). */
  public static Object resolve(ClassLoader loader, String reference) {
    int hash = reference.indexOf('#');
    if (hash <= 0 || hash == reference.length() - 1) {
      throw new CliException(
          "task reference '"
              + reference
              + "' is malformed: expected <class binary name>#<static field>");
    }
    String className = reference.substring(0, hash);
    String fieldName = reference.substring(hash + 1);
    Class<?> c;
    try {
      c = Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new CliException("cannot load task '" + reference + "': no class " + className);
    } catch (LinkageError e) {
      throw new CliException(
          "cannot load task '" + reference + "': class " + className + " failed: " + e, e);
    }
    try {
      Field f = c.getDeclaredField(fieldName);
      if (!Modifier.isStatic(f.getModifiers())) {
        throw new CliException(
            "cannot load task '" + reference + "': field " + fieldName + " is not static");
      }
      f.setAccessible(true);
      return Objects.requireNonNull(f.get(null), () -> "field " + reference + " is null");
    } catch (NoSuchFieldException e) {
      throw new CliException(
          "cannot load task '"
              + reference
              + "': class "
              + className
              + " has no field "
              + fieldName);
    } catch (IllegalAccessException | RuntimeException e) {
      if (e instanceof CliException c2) {
        throw c2;
      }
      throw new CliException("cannot load task '" + reference + "': " + e, e);
    }
  }

  private static List<String> classNames(Path root) throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        files
            .filter(p -> p.toString().endsWith(".class"))
            .forEach(
                p -> {
                  String rel =
                      root.relativize(p)
                          .toString()
                          .replace(root.getFileSystem().getSeparator(), "/");
                  addClass(names, rel);
                });
      }
    } else if (Files.isRegularFile(root) && root.toString().endsWith(".jar")) {
      try (JarFile jar = new JarFile(root.toFile())) {
        for (JarEntry e : java.util.Collections.list(jar.entries())) {
          if (!e.isDirectory() && e.getName().endsWith(".class")) {
            addClass(names, e.getName());
          }
        }
      }
    } else if (!Files.exists(root)) {
      throw new CliException("classpath entry " + root + " does not exist");
    }
    return names;
  }

  private static void addClass(List<String> names, String path) {
    if (path.startsWith("META-INF/")
        || path.endsWith("module-info.class")
        || path.endsWith("package-info.class")) {
      return;
    }
    names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
  }

  /** Keys a map by object identity. */
  private record Identity(Object value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.value == value;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(value);
    }
  }
}
