package dev.ferry.sdk;

import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.TypedInterface;
import dev.ferry.idl.core.Variable;
import dev.ferry.idl.core.VariableMap;
import dev.ferry.schema.TypedInterfaces;
import dev.ferry.sdk.spi.Contexts;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A task: a plain Java function registered in a {@link TaskEnvironment}, with its input and output
 * types, its options and its Flyte interface. Immutable; {@link #with} and {@link #override} return
 * changed copies.
 *
 * <p>Inputs: a record's components are the input variables; a single value of another type is one
 * input named after the method's parameter (when compiled with {@code -parameters}, else {@code
 * input}); a task without input ({@link TaskSupplier}, or input type {@code Void}) has none.
 * Outputs: {@code Void} none; a record implementing {@link dev.ferry.schema.NamedOutputs} one per
 * component; anything else, a plain record included, one output {@code o0}.
 *
 * <p>Inside a running task, {@link #call} runs this task as a child action, {@link #submit} starts
 * it and returns a future, {@link #map} fans it out. Outside a task, run it with the executor
 * ({@code Ferry.run(task, input)}).
 *
 * @param <I> the input
 * @param <O> the output
 */
public final class Task<I, O> {
  /** How a task takes its inputs. */
  public enum InputKind {
    /** No inputs. */
    NONE,
    /** One input per record component. */
    RECORD,
    /** One input of another type. */
    SINGLE
  }

  /** Runs a task's body. */
  @FunctionalInterface
  interface Body {
    @Nullable Object run(@Nullable Object input) throws Exception;
  }

  private final TaskEnvironment environment;
  private final String name;
  private final TypeRef<I> inputType;
  private final TypeRef<O> outputType;
  private final InputKind inputKind;
  private final @Nullable String inputName;
  private final @Nullable AnnotatedElement inputParameter;
  private final Class<?> implClass;
  private final Body body;
  private final TaskOptions options;

  Task(
      TaskEnvironment environment,
      String name,
      TypeRef<I> inputType,
      TypeRef<O> outputType,
      InputKind inputKind,
      @Nullable String inputName,
      @Nullable AnnotatedElement inputParameter,
      Class<?> implClass,
      Body body,
      TaskOptions options) {
    this.environment = environment;
    this.name = name;
    this.inputType = inputType;
    this.outputType = outputType;
    this.inputKind = inputKind;
    this.inputName = inputName;
    this.inputParameter = inputParameter;
    this.implClass = implClass;
    this.body = body;
    this.options = options;
  }

  /** Returns the task's short name. */
  public String shortName() {
    return name;
  }

  /** Returns the fully qualified name, {@code <environment>.<task>}. */
  public String name() {
    return environment.name() + "." + name;
  }

  /** Returns the environment. */
  public TaskEnvironment environment() {
    return environment;
  }

  /** Returns the input type ({@code Void} when there is none). */
  public TypeRef<I> inputType() {
    return inputType;
  }

  /** Returns the output type. */
  public TypeRef<O> outputType() {
    return outputType;
  }

  /** Returns how the task takes its inputs. */
  public InputKind inputKind() {
    return inputKind;
  }

  /** Returns the name of a single non-record input; throws for other kinds. */
  public String inputName() {
    if (inputName == null) {
      throw new IllegalStateException("task " + name() + " has no single input");
    }
    return inputName;
  }

  /** Returns the options. */
  public TaskOptions options() {
    return options;
  }

  /** Returns the class whose code implements the task (hashed by {@link Cache#auto()}). */
  public Class<?> implementationClass() {
    return implClass;
  }

  /** Returns this task with options changed by {@code change}. */
  public Task<I, O> with(UnaryOperator<TaskOptions.Builder> change) {
    return new Task<>(
        environment,
        name,
        inputType,
        outputType,
        inputKind,
        inputName,
        inputParameter,
        implClass,
        body,
        change.apply(options.toBuilder()).build());
  }

  /**
   * Returns this task with options changed for the call it is used in: {@code train.override(o ->
   * o.retries(5)).call(input)}.
   */
  public Task<I, O> override(UnaryOperator<TaskOptions.Builder> change) {
    return with(change);
  }

  /** Returns the Flyte interface of this task, as the Python SDK names it. */
  public TypedInterface typedInterface(TypeEngine engine) {
    TypedInterfaces interfaces = new TypedInterfaces(engine);
    TypedInterface ti =
        switch (inputKind) {
          case NONE -> interfaces.of(TypeRef.of(Void.class), outputType);
          case RECORD -> interfaces.of(inputType, outputType);
          case SINGLE ->
              inputParameter == null
                  ? interfaces.ofSingleInput(inputName(), inputType, outputType)
                  : interfaces.ofSingleInput(inputName(), inputType, inputParameter, outputType);
        };
    if (options.descriptions().isEmpty()) {
      return ti;
    }
    VariableMap.Builder inputs = ti.getInputs().toBuilder();
    VariableMap.Builder outputs = ti.getOutputs().toBuilder();
    for (Map.Entry<String, String> d : options.descriptions().entrySet()) {
      VariableMap.Builder target =
          inputs.containsVariables(d.getKey())
              ? inputs
              : outputs.containsVariables(d.getKey()) ? outputs : null;
      if (target == null) {
        throw new IllegalArgumentException(
            "description of '"
                + d.getKey()
                + "' names no input or output of task "
                + name()
                + ": inputs "
                + new java.util.TreeSet<>(ti.getInputs().getVariablesMap().keySet())
                + ", outputs "
                + new java.util.TreeSet<>(ti.getOutputs().getVariablesMap().keySet()));
      }
      Variable v = target.getVariablesOrThrow(d.getKey());
      target.putVariables(d.getKey(), v.toBuilder().setDescription(d.getValue()).build());
    }
    return ti.toBuilder().setInputs(inputs).setOutputs(outputs).build();
  }

  /** Returns the cache version: the given one, or a hash of the implementing class's bytecode. */
  public String cacheVersion() {
    Cache cache = options.cache();
    if (cache.version().isPresent()) {
      return cache.version().get();
    }
    String resource = implClass.getName().replace('.', '/') + ".class";
    ClassLoader loader =
        implClass.getClassLoader() != null
            ? implClass.getClassLoader()
            : ClassLoader.getSystemClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "task " + name() + ": cannot read the bytecode of " + implClass.getName());
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(in.readAllBytes());
      return "auto-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "task " + name() + ": cannot read the bytecode of " + implClass.getName(), e);
    }
  }

  /**
   * Runs the body on this thread, without an action, documents or retries. Executors call this;
   * users run tasks with the executor.
   */
  @SuppressWarnings("unchecked")
  public @Nullable O invokeBody(@Nullable I input) throws Exception {
    return (O) body.run(input);
  }

  /**
   * Runs this task as a child action of the running task and returns its output (null only for a
   * task without outputs, {@code Void}: a null where a value is declared fails the child).
   *
   * @throws ActionFailedException if the child failed, naming it and its error
   */
  public O call(@Nullable I input) {
    return await(submit(input));
  }

  /** Runs this task without inputs as a child action and returns its output. */
  public O call() {
    return call(null);
  }

  /** Starts this task as a child action; the future completes with its output. */
  public CompletableFuture<O> submit(@Nullable I input) {
    return controller().submit(this, input);
  }

  /** Runs this task once per input as child actions; every element must succeed. */
  public List<O> map(List<? extends I> inputs) {
    return map(inputs, MapOptions.DEFAULT).values();
  }

  /**
   * Runs this task once per input as child actions, at most {@code options.concurrency()} at once,
   * and returns every element's value or failure.
   *
   * @throws MapFailedException if fewer elements succeeded than the minimum ratio
   */
  public MapResult<O> map(List<? extends I> inputs, MapOptions options) {
    return controller().map(this, new ArrayList<>(inputs), options);
  }

  /** Waits for a child's future, rethrowing its failure unwrapped. */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new CancellationException("interrupted while waiting for a child action");
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static dev.ferry.sdk.spi.ActionController controller() {
    Contexts.Frame frame = Contexts.current();
    if (frame == null) {
      throw new IllegalStateException(
          "a task can call another task only while it runs: start the pipeline with"
              + " Ferry.run(task, input)");
    }
    return frame.controller();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Task<?, ?> t
        && t.name().equals(name())
        && t.inputType.equals(inputType)
        && t.outputType.equals(outputType)
        && t.options.equals(options)
        && t.body == body;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name(), inputType, outputType);
  }

  @Override
  public String toString() {
    return "Task{" + name() + ": " + inputType + " -> " + outputType + "}";
  }
}
