package dev.ferry.sdk.workflow;

import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.schema.TypedInterfaces;
import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.Task;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Records the nodes of a workflow while its body runs: each {@link #call} or {@link #map} adds a
 * node ({@code n0}, {@code n1}, ...) and returns a promise of its output; {@link #when} starts a
 * branch node, recorded when it ends. Every binding is checked against the task's interface as it
 * is made, every condition's operands against each other.
 *
 * <pre>{@code
 * (b, in) -> {
 *   Promise<Dataset> d = b.call(GENERATE, in);
 *   Promise<List<Double>> scores = b.map(SCORE, d.field("rows", new TypeRef<List<Row>>() {}));
 *   return b.call(BEST, scores);
 * }
 * }</pre>
 */
public final class WorkflowBuilder {
  /** The node id of the workflow's inputs in output references. */
  public static final String START = "start-node";

  /**
   * A recorded node: a task called once, mapped over lists, or a branch. For a branch, {@code task}
   * is its first case's (all cases have its output type) and {@code inputs} are the promises its
   * conditions compare, by the variable names the conditions use.
   */
  record NodeSpec(
      String id,
      Task<?, ?> task,
      @Nullable MapOptions map,
      Map<String, Promise<?>> inputs,
      List<String> upstream,
      @Nullable BranchSpec branch) {
    NodeSpec(
        String id,
        Task<?, ?> task,
        @Nullable MapOptions map,
        Map<String, Promise<?>> inputs,
        List<String> upstream) {
      this(id, task, map, inputs, upstream, null);
    }
  }

  /**
   * The cases of a branch node in order, each a condition and the task node that runs when it is
   * the first to hold; then the node that runs when none holds, or the message the branch fails
   * with.
   */
  record BranchSpec(List<Case> cases, @Nullable NodeSpec otherwise, @Nullable String failMessage) {}

  /** One case of a branch: its condition and its node. */
  record Case(Condition condition, NodeSpec node) {}

  private final String workflow;
  private final TypeEngine engine;
  private final List<NodeSpec> nodes = new ArrayList<>();

  WorkflowBuilder(String workflow, TypeEngine engine) {
    this.workflow = workflow;
    this.engine = engine;
  }

  List<NodeSpec> nodes() {
    return List.copyOf(nodes);
  }

  /** Adds a node running {@code task} on {@code input}; returns the promise of its output. */
  public <I, O> Promise<O> call(Task<I, O> task, Promise<? extends I> input) {
    return add(nextId(), task, null, inputsOf(task, input));
  }

  private static Map<String, Promise<?>> inputsOf(Task<?, ?> task, Promise<?> input) {
    Map<String, Promise<?>> inputs = new LinkedHashMap<>();
    switch (task.inputKind()) {
      case NONE -> {}
      case SINGLE -> inputs.put(task.inputName(), input);
      case RECORD -> {
        for (RecordComponent rc : task.inputType().rawType().getRecordComponents()) {
          inputs.put(rc.getName(), input.field(rc.getName()));
        }
      }
    }
    return inputs;
  }

  /**
   * Starts a branch node (a {@code BranchNode} on a cluster): when {@code condition} holds, {@code
   * task} runs on {@code input}. Add cases with {@link Branch#orWhen} and end with {@link
   * Branch#otherwise} or {@link Branch#otherwiseFail}, which return the promise of the output of
   * whichever case ran; only that case's task runs.
   *
   * <pre>{@code
   * Promise<String> size =
   *     b.when(Condition.gt(rows, 1_000_000L), BIG, rows)
   *         .orWhen(Condition.eq(rows, 0L), EMPTY, rows)
   *         .otherwise(SMALL, rows);
   * }</pre>
   */
  public <I, O> Branch<O> when(Condition condition, Task<I, O> task, Promise<? extends I> input) {
    return new Branch<O>(this, task.outputType()).orWhen(condition, task, input);
  }

  /** Records a branch node of {@code cases}, ending in {@code otherwise} or {@code failMessage}. */
  <O> Promise<O> branch(
      TypeRef<O> outputType,
      List<Branch.Pending> cases,
      Branch.@Nullable Pending otherwise,
      @Nullable String failMessage) {
    String id = nextId();
    String where = "workflow " + workflow + ": node " + id + " (branch) ";
    List<Case> checked = new ArrayList<>();
    java.util.Set<String> upstream = new java.util.LinkedHashSet<>();
    Map<String, Promise<?>> operands = new LinkedHashMap<>();
    List<Branch.Pending> all = new ArrayList<>(cases);
    if (otherwise != null) {
      all.add(otherwise);
    }
    NodeSpec otherwiseNode = null;
    for (int i = 0; i < all.size(); i++) {
      Branch.Pending c = all.get(i);
      String caseId = id + "-n" + i;
      checkAssignable(
          where + "case " + caseId + " (task " + c.task().name() + ") output: ",
          id,
          caseId + " output",
          outputType,
          c.task().outputType());
      NodeSpec node = checked(caseId, c.task(), null, inputsOf(c.task(), c.input()));
      upstream.addAll(node.upstream());
      Condition condition = c.condition();
      if (condition == null) {
        otherwiseNode = node;
      } else {
        checkCondition(where + "case " + caseId + " condition ", id, condition, operands);
        checked.add(new Case(condition, node));
      }
    }
    operands.values().forEach(p -> p.upstream(upstream));
    List<String> ups = new ArrayList<>(upstream);
    ups.sort((a, b) -> Integer.compare(index(a), index(b)));
    nodes.add(
        new NodeSpec(
            id,
            all.get(0).task(),
            null,
            java.util.Collections.unmodifiableMap(operands),
            List.copyOf(ups),
            new BranchSpec(List.copyOf(checked), otherwiseNode, failMessage)));
    return outputOf(id, outputType);
  }

  /** The name a condition's operand has among the branch node's inputs: {@code n0.o0}. */
  static String operandVar(Promise.Ref r) {
    StringBuilder s = new StringBuilder(r.nodeId()).append('.').append(r.var());
    r.attrPath().forEach(step -> s.append('.').append(step));
    return s.toString();
  }

  private void checkCondition(
      String where, String node, Condition c, Map<String, Promise<?>> operands) {
    if (c instanceof Condition.Conjunction j) {
      checkCondition(where, node, j.left(), operands);
      checkCondition(where, node, j.right(), operands);
      return;
    }
    Condition.Comparison cmp = (Condition.Comparison) c;
    String at = where + "(" + describeOperand(cmp.left()) + " " + cmp.op().symbol() + " ";
    at += (cmp.right() instanceof Promise<?> rp ? describeOperand(rp) : cmp.right()) + ") ";
    TypeRef<?> leftType = operandType(at, node, "left", cmp.left(), operands);
    TypeRef<?> rightType =
        cmp.right() instanceof Promise<?> rp
            ? operandType(at, node, "right", rp, operands)
            : constantType(at, node, cmp.right());
    LiteralType l = engine.literalType(leftType);
    LiteralType r = engine.literalType(rightType);
    if (!LiteralTypes.structural(l).equals(LiteralTypes.structural(r))) {
      throw new WorkflowDefinitionException(
          node,
          "right operand",
          rightType,
          at
              + "right operand: expected "
              + LiteralTypes.describe(l)
              + " ("
              + leftType
              + ", the left operand's type) but got "
              + LiteralTypes.describe(r)
              + " ("
              + rightType
              + ")");
    }
    if (l.getSimple() == dev.ferry.idl.core.SimpleType.BOOLEAN
        && cmp.op() != Condition.Op.EQ
        && cmp.op() != Condition.Op.NE) {
      throw new WorkflowDefinitionException(
          node,
          "left operand",
          leftType,
          at + "booleans compare only with eq and ne but the operator is " + cmp.op().symbol());
    }
  }

  private static String describeOperand(Promise<?> p) {
    return p.source() instanceof Promise.Ref r
        ? operandVar(r)
        : p.source() instanceof Promise.Const c ? String.valueOf(c.value()) : p.type().toString();
  }

  private TypeRef<?> operandType(
      String at, String node, String side, Promise<?> p, Map<String, Promise<?>> operands) {
    TypeRef<?> t = Promise.boxed(p.type());
    if (p.source() instanceof Promise.Spread) {
      throw new WorkflowDefinitionException(
          node,
          side + " operand",
          t,
          at
              + side
              + " operand: expected a primitive (int, float, str, bool, datetime, timedelta)"
              + " but got a record built from promises ("
              + t
              + ")");
    }
    checkPrimitive(at, node, side, t);
    if (p.source() instanceof Promise.Ref r) {
      operands.put(operandVar(r), p);
    }
    return t;
  }

  private TypeRef<?> constantType(String at, String node, @Nullable Object value) {
    if (value == null) {
      throw new WorkflowDefinitionException(
          node,
          "right operand",
          TypeRef.of(Void.class),
          at + "right operand: expected a primitive constant or a promise but got null");
    }
    TypeRef<?> t = TypeRef.of(value.getClass());
    checkPrimitive(at, node, "right", t);
    return t;
  }

  private void checkPrimitive(String at, String node, String side, TypeRef<?> t) {
    LiteralType lt;
    try {
      lt = engine.literalType(t);
    } catch (RuntimeException e) {
      lt = LiteralType.getDefaultInstance();
    }
    boolean primitive =
        lt.hasSimple()
            && switch (lt.getSimple()) {
              case INTEGER, FLOAT, STRING, BOOLEAN, DATETIME, DURATION -> true;
              default -> false;
            };
    if (!primitive) {
      throw new WorkflowDefinitionException(
          node,
          side + " operand",
          t,
          at
              + side
              + " operand: expected a primitive (int, float, str, bool, datetime, timedelta)"
              + " but got "
              + (lt.getTypeCase() == LiteralType.TypeCase.TYPE_NOT_SET
                  ? ""
                  : LiteralTypes.describe(lt) + " ")
              + "("
              + t
              + ")");
    }
  }

  /** Adds a node running {@code task} on a constant input. */
  public <I, O> Promise<O> call(Task<I, O> task, @Nullable I input) {
    return call(task, constant(input, task.inputType()));
  }

  /** Adds a node running a task without inputs. */
  public <O> Promise<O> call(Task<Void, O> task) {
    return add(nextId(), task, null, new LinkedHashMap<>());
  }

  /**
   * Adds a node running {@code task} with its inputs bound by name: each value a {@link Promise} or
   * a constant. Every input of the task must be bound; types are checked here.
   */
  public <O> Promise<O> callWith(Task<?, O> task, Map<String, ?> inputs) {
    String id = nextId();
    Map<String, TypeRef<?>> expected = inputTypes(task);
    Map<String, Promise<?>> bound = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : inputs.entrySet()) {
      TypeRef<?> t = expected.get(e.getKey());
      if (t == null) {
        throw new WorkflowDefinitionException(
            id,
            e.getKey(),
            TypeRef.of(Object.class),
            where(id, task, e.getKey())
                + "the task has no such input: its inputs are "
                + new TreeSet<>(expected.keySet()));
      }
      bound.put(e.getKey(), promiseOf(e.getValue(), t));
    }
    for (String name : expected.keySet()) {
      if (!bound.containsKey(name)) {
        throw new WorkflowDefinitionException(
            id,
            name,
            expected.get(name),
            where(id, task, name) + "not bound: expected " + describe(expected.get(name)));
      }
    }
    Map<String, Promise<?>> ordered = new LinkedHashMap<>();
    expected.keySet().forEach(n -> ordered.put(n, bound.get(n)));
    return add(id, task, null, ordered);
  }

  /**
   * Adds a node running {@code task} once per element of {@code inputs} (an {@code ArrayNode} on a
   * cluster); every element must succeed.
   */
  public <I, O> Promise<List<O>> map(Task<I, O> task, Promise<? extends List<? extends I>> inputs) {
    return map(task, inputs, MapOptions.DEFAULT);
  }

  /**
   * As {@link #map(Task, Promise)}, with at most {@code options.concurrency()} elements at once
   * (the array node's parallelism) and the share of elements that must succeed.
   */
  @SuppressWarnings("unchecked")
  public <I, O> Promise<List<O>> map(
      Task<I, O> task, Promise<? extends List<? extends I>> inputs, MapOptions options) {
    String id = nextId();
    if (task.inputKind() != Task.InputKind.SINGLE) {
      throw new IllegalArgumentException(
          "workflow "
              + workflow
              + ": node "
              + id
              + " maps task "
              + task.name()
              + ", which takes "
              + (task.inputKind() == Task.InputKind.NONE ? "no input" : "a record's components")
              + ": map needs a task of one input (a cluster maps each input as its own list)");
    }
    if (TypedInterfaces.isNamedOutputs(task.outputType())) {
      throw new IllegalArgumentException(
          "workflow "
              + workflow
              + ": node "
              + id
              + " maps task "
              + task.name()
              + ", which has named outputs: map needs a task of one output");
    }
    Map<String, Promise<?>> in = new LinkedHashMap<>();
    in.put(task.inputName(), inputs);
    TypeRef<List<O>> out =
        (TypeRef<List<O>>) TypeRef.parameterized(List.class, task.outputType().type());
    record(id, task, options, in);
    return Promise.of(out, new Promise.Ref(id, TypedInterfaces.SINGLE_OUTPUT, List.of()));
  }

  /** As {@link #map(Task, Promise)} over a constant list. */
  @SuppressWarnings("unchecked")
  public <I, O> Promise<List<O>> map(
      Task<I, O> task, List<? extends I> inputs, MapOptions options) {
    TypeRef<List<I>> type = (TypeRef<List<I>>) listOf(task.inputType());
    return map(task, constant(List.<I>copyOf(inputs), type), options);
  }

  /** Returns a promise of a constant, bound as a literal. */
  public <T> Promise<T> constant(@Nullable T value, TypeRef<T> type) {
    return Promise.of(type, new Promise.Const(value));
  }

  /** Returns a promise of a constant of its runtime class. */
  @SuppressWarnings("unchecked")
  public <T> Promise<T> constant(T value) {
    return constant(value, (TypeRef<T>) TypeRef.of(value.getClass()));
  }

  /**
   * Returns a promise of a record built from its components in declaration order, each a {@link
   * Promise} or a constant: {@code b.record(Config.class, lr, 10)}. Passed to a task taking the
   * record, each component binds one input.
   */
  public <R extends Record> Promise<R> record(Class<R> type, @Nullable Object... components) {
    RecordComponent[] rcs = type.getRecordComponents();
    if (rcs.length != components.length) {
      throw new IllegalArgumentException(
          "record "
              + type.getName()
              + " has "
              + rcs.length
              + " components but "
              + components.length
              + " were given");
    }
    TypeRef<R> rt = TypeRef.of(type);
    Map<String, Promise<?>> parts = new LinkedHashMap<>();
    for (int i = 0; i < rcs.length; i++) {
      TypeRef<?> ct = Promise.boxed(rt.resolve(rcs[i].getGenericType()));
      Promise<?> p = promiseOf(components[i], ct);
      checkAssignable(
          "record " + type.getName() + " component '" + rcs[i].getName() + "': ",
          "record",
          rcs[i].getName(),
          ct,
          p.type());
      parts.put(rcs[i].getName(), p);
    }
    return Promise.of(rt, new Promise.Spread(parts));
  }

  private <O> Promise<O> add(
      String id, Task<?, O> task, @Nullable MapOptions map, Map<String, Promise<?>> inputs) {
    record(id, task, map, inputs);
    return outputOf(id, task.outputType());
  }

  private void record(
      String id, Task<?, ?> task, @Nullable MapOptions map, Map<String, Promise<?>> inputs) {
    nodes.add(checked(id, task, map, inputs));
  }

  private NodeSpec checked(
      String id, Task<?, ?> task, @Nullable MapOptions map, Map<String, Promise<?>> inputs) {
    Map<String, TypeRef<?>> expected = inputTypes(task);
    java.util.Set<String> upstream = new java.util.LinkedHashSet<>();
    for (Map.Entry<String, Promise<?>> e : inputs.entrySet()) {
      TypeRef<?> want = Objects.requireNonNull(expected.get(e.getKey()));
      if (map != null) {
        want = listOf(want);
      }
      checkAssignable(where(id, task, e.getKey()), id, e.getKey(), want, e.getValue().type());
      e.getValue().upstream(upstream);
    }
    List<String> ups = new ArrayList<>(upstream);
    ups.sort((a, b) -> Integer.compare(index(a), index(b)));
    return new NodeSpec(
        id,
        task,
        map,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs)),
        List.copyOf(ups));
  }

  /** Checks that a value of {@code actual} can bind to {@code expected}, by their literal types. */
  void checkAssignable(
      String where, String node, String input, TypeRef<?> expected, TypeRef<?> actual) {
    if (Promise.boxed(expected).equals(Promise.boxed(actual))) {
      return;
    }
    LiteralType e = engine.literalType(Promise.boxed(expected));
    LiteralType a = engine.literalType(Promise.boxed(actual));
    if (!LiteralTypes.assignable(e, a)) {
      throw new WorkflowDefinitionException(
          node,
          input,
          actual,
          where
              + "expected "
              + LiteralTypes.describe(e)
              + " ("
              + expected
              + ") but got "
              + LiteralTypes.describe(a)
              + " ("
              + actual
              + ")");
    }
  }

  private String describe(TypeRef<?> t) {
    return LiteralTypes.describe(engine.literalType(Promise.boxed(t))) + " (" + t + ")";
  }

  private String where(String id, Task<?, ?> task, String input) {
    return "workflow "
        + workflow
        + ": node "
        + id
        + " (task "
        + task.name()
        + ") input '"
        + input
        + "': ";
  }

  static Map<String, TypeRef<?>> inputTypes(Task<?, ?> task) {
    Map<String, TypeRef<?>> out = new LinkedHashMap<>();
    switch (task.inputKind()) {
      case NONE -> {}
      case SINGLE -> out.put(task.inputName(), Promise.boxed(task.inputType()));
      case RECORD -> {
        for (RecordComponent rc : task.inputType().rawType().getRecordComponents()) {
          out.put(rc.getName(), Promise.boxed(task.inputType().resolve(rc.getGenericType())));
        }
      }
    }
    return out;
  }

  /** The promise of a node's output: one {@code o0}, or one per named output. */
  static <O> Promise<O> outputOf(String id, TypeRef<O> type) {
    if (type.rawType() == Void.class) {
      return Promise.of(type, new Promise.Const(null));
    }
    if (TypedInterfaces.isNamedOutputs(type)) {
      Map<String, Promise<?>> parts = new LinkedHashMap<>();
      for (RecordComponent rc : type.rawType().getRecordComponents()) {
        TypeRef<?> ct = Promise.boxed(type.resolve(rc.getGenericType()));
        parts.put(rc.getName(), Promise.ofAny(ct, new Promise.Ref(id, rc.getName(), List.of())));
      }
      return Promise.of(type, new Promise.Spread(parts));
    }
    return Promise.of(type, new Promise.Ref(id, TypedInterfaces.SINGLE_OUTPUT, List.of()));
  }

  @SuppressWarnings("unchecked")
  private static Promise<?> promiseOf(@Nullable Object value, TypeRef<?> type) {
    if (value instanceof Promise<?> p) {
      return p;
    }
    return Promise.of((TypeRef<Object>) type, new Promise.Const(value));
  }

  static TypeRef<?> listOf(TypeRef<?> element) {
    return TypeRef.parameterized(List.class, element.type());
  }

  private String nextId() {
    return "n" + nodes.size();
  }

  private static int index(String id) {
    return Integer.parseInt(id.substring(1));
  }
}
