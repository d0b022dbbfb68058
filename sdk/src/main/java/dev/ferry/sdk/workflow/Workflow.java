package dev.ferry.sdk.workflow;

import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.ArrayNode;
import dev.ferry.idl.core.Binding;
import dev.ferry.idl.core.BindingData;
import dev.ferry.idl.core.BindingDataCollection;
import dev.ferry.idl.core.BindingDataMap;
import dev.ferry.idl.core.BooleanExpression;
import dev.ferry.idl.core.BranchNode;
import dev.ferry.idl.core.ComparisonExpression;
import dev.ferry.idl.core.ConjunctionExpression;
import dev.ferry.idl.core.Identifier;
import dev.ferry.idl.core.IfBlock;
import dev.ferry.idl.core.IfElseBlock;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.Node;
import dev.ferry.idl.core.NodeMetadata;
import dev.ferry.idl.core.Operand;
import dev.ferry.idl.core.OutputReference;
import dev.ferry.idl.core.PromiseAttribute;
import dev.ferry.idl.core.ResourceType;
import dev.ferry.idl.core.TaskNode;
import dev.ferry.idl.core.WorkflowMetadata;
import dev.ferry.idl.core.WorkflowTemplate;
import dev.ferry.schema.TypedInterfaces;
import dev.ferry.sdk.MapOptions;
import dev.ferry.sdk.MapResult;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A workflow: a DAG of task nodes whose values are typed {@link Promise}s inside its body, while
 * the tasks stay plain Java functions. It compiles to a Flyte {@code WorkflowTemplate} ({@link
 * #template()}) whose nodes run as separate pods, and runs on the local executor as a task ({@link
 * #asTask()}) with the same semantics, so a test proves it before registration.
 *
 * <pre>{@code
 * static final Workflow<Spec, Report> PIPELINE =
 *     Workflow.define("examples.pipeline", Spec.class, Report.class, (b, in) -> {
 *       Promise<List<Shard>> shards = b.call(SPLIT, in);
 *       Promise<List<Double>> scores = b.map(SCORE, shards, MapOptions.DEFAULT.withConcurrency(8));
 *       return b.call(REPORT, b.record(ReportInput.class, in.field("name", String.class), scores));
 *     });
 *
 * WorkflowTemplate t = PIPELINE.template();             // registration placeholders
 * Run<Report> run = Ferry.run(PIPELINE.asTask(), spec); // local
 * }</pre>
 *
 * <p>Inputs and outputs follow tasks: a record input's components are the workflow's inputs
 * (another type is one input {@code input}); a {@link dev.ferry.schema.NamedOutputs} output has one
 * output per component, anything else one output {@code o0}. Bindings are type-checked while the
 * body runs, in {@link #define}: a wrong one throws {@link WorkflowDefinitionException}.
 *
 * @param <I> the input
 * @param <O> the output
 */
public final class Workflow<I, O> {
  /** The project, domain and version placeholders {@code flytectl register files} fills. */
  public static final String PROJECT = "{{ registration.project }}";

  /** The domain placeholder. */
  public static final String DOMAIN = "{{ registration.domain }}";

  /** The version placeholder. */
  public static final String VERSION = "{{ registration.version }}";

  /** The id of the node an array node wraps, as the Python SDK names it. */
  public static final String ARRAY_SUBNODE = "array_node_subnode";

  /** What happens to running nodes when one fails. */
  public enum OnFailure {
    /** Fail the workflow at once (Flyte's default). */
    FAIL_IMMEDIATELY,
    /** Let the nodes that can still run finish, then fail. */
    FAIL_AFTER_EXECUTABLE_NODES_COMPLETE
  }

  /** The body of a workflow: binds nodes with {@code b} and returns the promise of the output. */
  @FunctionalInterface
  public interface Body<I, O> {
    /** Defines the nodes from the workflow's input {@code in}. */
    Promise<O> define(WorkflowBuilder b, Promise<I> in);
  }

  private final String name;
  private final TypeRef<I> inputType;
  private final TypeRef<O> outputType;
  private final TypeEngine engine;
  private final OnFailure onFailure;
  private final List<WorkflowBuilder.NodeSpec> nodes;
  private final Promise<O> output;
  private final Set<String> spreadNodes = new HashSet<>();
  private final Task<I, O> task;

  private Workflow(
      String name,
      TypeRef<I> inputType,
      TypeRef<O> outputType,
      TypeEngine engine,
      OnFailure onFailure,
      Body<I, O> body) {
    this.name = name;
    this.inputType = inputType;
    this.outputType = outputType;
    this.engine = engine;
    this.onFailure = onFailure;
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      throw new IllegalArgumentException(
          "workflow name must be <environment>.<name> but was '" + name + "'");
    }
    WorkflowBuilder b = new WorkflowBuilder(name, engine);
    Promise<O> out = body.define(b, inputPromise());
    this.nodes = b.nodes();
    this.output = Objects.requireNonNull(out, "workflow " + name + ": the body returned null");
    if (inputType.rawType().isRecord()) {
      spreadNodes.add(WorkflowBuilder.START);
    }
    for (WorkflowBuilder.NodeSpec n : nodes) {
      if (n.map() == null && TypedInterfaces.isNamedOutputs(n.task().outputType())) {
        spreadNodes.add(n.id());
      }
    }
    for (Map.Entry<String, Promise<?>> e : outputPromises().entrySet()) {
      TypeRef<?> want =
          outputType.rawType().isRecord() && TypedInterfaces.isNamedOutputs(outputType)
              ? Promise.boxed(
                  outputType.resolve(Promise.component(outputType, e.getKey()).getGenericType()))
              : outputType;
      b.checkAssignable(
          "workflow " + name + ": output '" + e.getKey() + "': ",
          "outputs",
          e.getKey(),
          want,
          e.getValue().type());
      bindingOf(e.getValue(), "output '" + e.getKey() + "'");
    }
    this.task =
        TaskEnvironment.of(name.substring(0, dot))
            .task(name.substring(dot + 1), inputType, outputType, this::evaluate);
  }

  /** Defines a workflow named {@code <environment>.<name>} with the default type engine. */
  public static <I, O> Workflow<I, O> define(
      String name, Class<I> inputType, Class<O> outputType, Body<I, O> body) {
    return builder(name, TypeRef.of(inputType), TypeRef.of(outputType)).define(body);
  }

  /** As {@link #define(String, Class, Class, Body)}, for generic types. */
  public static <I, O> Workflow<I, O> define(
      String name, TypeRef<I> inputType, TypeRef<O> outputType, Body<I, O> body) {
    return builder(name, inputType, outputType).define(body);
  }

  /** Returns a builder, for a type engine of one's own or a failure policy. */
  public static <I, O> Builder<I, O> builder(
      String name, TypeRef<I> inputType, TypeRef<O> outputType) {
    return new Builder<>(name, inputType, outputType);
  }

  /** Returns the name, {@code <environment>.<name>}. */
  public String name() {
    return name;
  }

  /** Returns the input type. */
  public TypeRef<I> inputType() {
    return inputType;
  }

  /** Returns the output type. */
  public TypeRef<O> outputType() {
    return outputType;
  }

  /** Returns the failure policy. */
  public OnFailure onFailure() {
    return onFailure;
  }

  /** Returns the ids of the nodes, in the order the body made them. */
  public List<String> nodeIds() {
    return nodes.stream().map(WorkflowBuilder.NodeSpec::id).toList();
  }

  /** Returns the tasks the nodes run, each once, in node order (to register with the workflow). */
  public List<Task<?, ?>> tasks() {
    Map<String, Task<?, ?>> byName = new LinkedHashMap<>();
    for (WorkflowBuilder.NodeSpec n : nodes) {
      byName.putIfAbsent(n.task().name(), n.task());
      WorkflowBuilder.BranchSpec branch = n.branch();
      if (branch != null) {
        branch.cases().forEach(c -> byName.putIfAbsent(c.node().task().name(), c.node().task()));
        if (branch.otherwise() != null) {
          Task<?, ?> t = branch.otherwise().task();
          byName.putIfAbsent(t.name(), t);
        }
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * Returns this workflow as a task whose body runs the nodes as child actions: independent nodes
   * at once ({@link Task#submit}), maps with {@link Task#map}. Run it with {@code Ferry.run} or put
   * it in a {@code LaunchPlan}.
   */
  public Task<I, O> asTask() {
    return task;
  }

  /**
   * Returns true if {@code task} is this workflow's {@link #asTask()}: a packager finding a launch
   * plan whose entry this is registers it against the workflow id instead of a task.
   */
  public boolean isTaskOf(Task<?, ?> task) {
    return task == this.task || task.equals(this.task);
  }

  /** Returns the template with registration placeholders for project, domain and version. */
  public WorkflowTemplate template() {
    return template(PROJECT, DOMAIN, VERSION);
  }

  /** Returns the template with the workflow's and the tasks' ids in project, domain, version. */
  public WorkflowTemplate template(String project, String domain, String version) {
    WorkflowTemplate.Builder t =
        WorkflowTemplate.newBuilder()
            .setId(id(ResourceType.WORKFLOW, name, project, domain, version))
            .setMetadata(
                WorkflowMetadata.newBuilder()
                    .setOnFailure(
                        onFailure == OnFailure.FAIL_IMMEDIATELY
                            ? WorkflowMetadata.OnFailurePolicy.FAIL_IMMEDIATELY
                            : WorkflowMetadata.OnFailurePolicy
                                .FAIL_AFTER_EXECUTABLE_NODES_COMPLETE))
            .setInterface(task.typedInterface(engine));
    for (WorkflowBuilder.NodeSpec n : nodes) {
      t.addNodes(node(n, project, domain, version));
    }
    for (Map.Entry<String, Promise<?>> e : outputPromises().entrySet()) {
      t.addOutputs(
          Binding.newBuilder()
              .setVar(e.getKey())
              .setBinding(bindingOf(e.getValue(), "output '" + e.getKey() + "'")));
    }
    return t.build();
  }

  private Node node(WorkflowBuilder.NodeSpec n, String project, String domain, String version) {
    WorkflowBuilder.BranchSpec branch = n.branch();
    if (branch != null) {
      return branchNode(n, branch, project, domain, version);
    }
    Node.Builder node =
        Node.newBuilder()
            .setId(n.id())
            .setMetadata(NodeMetadata.newBuilder().setName(n.task().name()))
            .addAllUpstreamNodeIds(n.upstream());
    for (Map.Entry<String, Promise<?>> e : n.inputs().entrySet()) {
      node.addInputs(
          Binding.newBuilder()
              .setVar(e.getKey())
              .setBinding(
                  bindingOf(e.getValue(), "node " + n.id() + " input '" + e.getKey() + "'")));
    }
    TaskNode taskNode =
        TaskNode.newBuilder()
            .setReferenceId(id(ResourceType.TASK, n.task().name(), project, domain, version))
            .build();
    MapOptions map = n.map();
    if (map == null) {
      return node.setTaskNode(taskNode).build();
    }
    Node sub =
        Node.newBuilder()
            .setId(ARRAY_SUBNODE)
            .setMetadata(NodeMetadata.newBuilder().setName(n.task().name()))
            .addAllInputs(node.getInputsList())
            .setTaskNode(taskNode)
            .build();
    ArrayNode.Builder array =
        ArrayNode.newBuilder()
            .setNode(sub)
            .setMinSuccessRatio((float) map.minSuccessRatio())
            // the sub-node keeps the task's own (element) interface; propeller writes one inputs
            // file per element, which `ferry execute` reads like any task's inputs
            .setExecutionMode(ArrayNode.ExecutionMode.MINIMAL_STATE)
            .setIsOriginalSubNodeInterface(com.google.protobuf.BoolValue.of(true))
            .setDataMode(ArrayNode.DataMode.INDIVIDUAL_INPUT_FILES);
    if (map.concurrency() > 0) {
      array.setParallelism(map.concurrency());
    }
    return node.setArrayNode(array).build();
  }

  /**
   * A {@code BranchNode}: its inputs are the promises its conditions compare, named as the
   * conditions' operands ({@code n0.o0}); each case's task node is a whole node ({@code n3-n0},
   * ...) binding its own inputs; the branch's output is the output of the case that ran.
   */
  private Node branchNode(
      WorkflowBuilder.NodeSpec n,
      WorkflowBuilder.BranchSpec branch,
      String project,
      String domain,
      String version) {
    Node.Builder node =
        Node.newBuilder()
            .setId(n.id())
            .setMetadata(NodeMetadata.newBuilder().setName(n.id() + "-branch"))
            .addAllUpstreamNodeIds(n.upstream());
    for (Map.Entry<String, Promise<?>> e : n.inputs().entrySet()) {
      node.addInputs(
          Binding.newBuilder()
              .setVar(e.getKey())
              .setBinding(bindingOf(e.getValue(), "node " + n.id() + " operand " + e.getKey())));
    }
    IfElseBlock.Builder ifElse = IfElseBlock.newBuilder();
    for (int i = 0; i < branch.cases().size(); i++) {
      WorkflowBuilder.Case c = branch.cases().get(i);
      IfBlock block =
          IfBlock.newBuilder()
              .setCondition(expression(c.condition()))
              .setThenNode(node(c.node(), project, domain, version))
              .build();
      if (i == 0) {
        ifElse.setCase(block);
      } else {
        ifElse.addOther(block);
      }
    }
    WorkflowBuilder.NodeSpec otherwise = branch.otherwise();
    if (otherwise != null) {
      ifElse.setElseNode(node(otherwise, project, domain, version));
    } else {
      ifElse.setError(
          dev.ferry.idl.core.Error.newBuilder()
              .setFailedNodeId(n.id())
              .setMessage(Objects.requireNonNull(branch.failMessage())));
    }
    return node.setBranchNode(BranchNode.newBuilder().setIfElse(ifElse)).build();
  }

  private BooleanExpression expression(Condition c) {
    if (c instanceof Condition.Conjunction j) {
      return BooleanExpression.newBuilder()
          .setConjunction(
              ConjunctionExpression.newBuilder()
                  .setOperator(
                      j.logic() == Condition.Logic.AND
                          ? ConjunctionExpression.LogicalOperator.AND
                          : ConjunctionExpression.LogicalOperator.OR)
                  .setLeftExpression(expression(j.left()))
                  .setRightExpression(expression(j.right())))
          .build();
    }
    Condition.Comparison cmp = (Condition.Comparison) c;
    ComparisonExpression.Operator op =
        switch (cmp.op()) {
          case EQ -> ComparisonExpression.Operator.EQ;
          case NE -> ComparisonExpression.Operator.NEQ;
          case GT -> ComparisonExpression.Operator.GT;
          case GTE -> ComparisonExpression.Operator.GTE;
          case LT -> ComparisonExpression.Operator.LT;
          case LTE -> ComparisonExpression.Operator.LTE;
        };
    Promise<?> left = cmp.left();
    Operand right =
        cmp.right() instanceof Promise<?> p
            ? operand(p)
            : constantOperand(Objects.requireNonNull(cmp.right()));
    return BooleanExpression.newBuilder()
        .setComparison(
            ComparisonExpression.newBuilder()
                .setOperator(op)
                .setLeftValue(operand(left))
                .setRightValue(right))
        .build();
  }

  private Operand constantOperand(Object value) {
    return operand(Promise.ofAny(TypeRef.of(value.getClass()), new Promise.Const(value)));
  }

  private Operand operand(Promise<?> p) {
    if (p.source() instanceof Promise.Ref r) {
      return Operand.newBuilder().setVar(WorkflowBuilder.operandVar(r)).build();
    }
    Promise.Const c = (Promise.Const) p.source();
    return Operand.newBuilder().setScalar(constant(p, c.value()).getScalar()).build();
  }

  private static Identifier id(
      ResourceType type, String name, String project, String domain, String version) {
    return Identifier.newBuilder()
        .setResourceType(type)
        .setProject(project)
        .setDomain(domain)
        .setName(name)
        .setVersion(version)
        .build();
  }

  private BindingData bindingOf(Promise<?> p, String what) {
    if (p.source() instanceof Promise.Ref r) {
      OutputReference.Builder ref =
          OutputReference.newBuilder().setNodeId(r.nodeId()).setVar(r.var());
      for (Object step : r.attrPath()) {
        ref.addAttrPath(
            step instanceof Integer i
                ? PromiseAttribute.newBuilder().setIntValue(i)
                : PromiseAttribute.newBuilder().setStringValue((String) step));
      }
      return BindingData.newBuilder().setPromise(ref).build();
    }
    if (p.source() instanceof Promise.Const c) {
      return bindingOf(constant(p, c.value()));
    }
    throw new IllegalArgumentException(
        "workflow "
            + name
            + ": "
            + what
            + " is a record built from promises ("
            + p.type()
            + "): a cluster binds one value per input, so pass it to a task that takes"
            + " the record as its inputs, or return a NamedOutputs record");
  }

  @SuppressWarnings("unchecked")
  private Literal constant(Promise<?> p, @Nullable Object value) {
    return engine.toLiteral(value, (TypeRef<Object>) p.type(), TransformContext.defaults());
  }

  private static BindingData bindingOf(Literal literal) {
    BindingData.Builder b = BindingData.newBuilder();
    switch (literal.getValueCase()) {
      case SCALAR -> b.setScalar(literal.getScalar());
      case COLLECTION -> {
        BindingDataCollection.Builder c = BindingDataCollection.newBuilder();
        literal.getCollection().getLiteralsList().forEach(l -> c.addBindings(bindingOf(l)));
        b.setCollection(c);
      }
      case MAP -> {
        BindingDataMap.Builder m = BindingDataMap.newBuilder();
        literal.getMap().getLiteralsMap().forEach((k, v) -> m.putBindings(k, bindingOf(v)));
        b.setMap(m);
      }
      case OFFLOADED_METADATA -> b.setOffloadedMetadata(literal.getOffloadedMetadata());
      default -> throw new IllegalArgumentException("empty literal cannot be bound: " + literal);
    }
    return b.build();
  }

  private Map<String, Promise<?>> outputPromises() {
    Map<String, Promise<?>> out = new LinkedHashMap<>();
    if (outputType.rawType() == Void.class) {
      return out;
    }
    if (TypedInterfaces.isNamedOutputs(outputType)) {
      for (RecordComponent rc : outputType.rawType().getRecordComponents()) {
        out.put(rc.getName(), output.field(rc.getName()));
      }
    } else {
      out.put(TypedInterfaces.SINGLE_OUTPUT, output);
    }
    return out;
  }

  private Promise<I> inputPromise() {
    if (inputType.rawType() == Void.class) {
      return Promise.of(inputType, new Promise.Const(null));
    }
    if (inputType.rawType().isRecord()) {
      Map<String, Promise<?>> parts = new LinkedHashMap<>();
      for (RecordComponent rc : inputType.rawType().getRecordComponents()) {
        TypeRef<?> ct = Promise.boxed(inputType.resolve(rc.getGenericType()));
        parts.put(
            rc.getName(),
            Promise.ofAny(ct, new Promise.Ref(WorkflowBuilder.START, rc.getName(), List.of())));
      }
      return Promise.of(inputType, new Promise.Spread(parts));
    }
    return Promise.of(inputType, new Promise.Ref(WorkflowBuilder.START, "input", List.of()));
  }

  // ---- local evaluation: the body of asTask() ----

  @SuppressWarnings({"unchecked", "NullAway"})
  private O evaluate(I input) {
    Map<String, @Nullable Object> values = new HashMap<>();
    values.put(WorkflowBuilder.START, input);
    Map<String, CompletableFuture<?>> running = new LinkedHashMap<>();
    List<WorkflowBuilder.NodeSpec> pending = new ArrayList<>(nodes);
    while (!pending.isEmpty() || !running.isEmpty()) {
      for (var it = running.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (e.getValue().isDone()) {
          values.put(e.getKey(), Task.await(e.getValue()));
          it.remove();
        }
      }
      boolean started = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        WorkflowBuilder.NodeSpec n = it.next();
        if (!values.keySet().containsAll(n.upstream())) {
          continue;
        }
        it.remove();
        started = true;
        Task<Object, Object> t = (Task<Object, Object>) n.task();
        MapOptions map = n.map();
        WorkflowBuilder.BranchSpec branch = n.branch();
        if (branch != null) {
          WorkflowBuilder.NodeSpec chosen = chosen(n, branch, values);
          Task<Object, Object> ct = (Task<Object, Object>) chosen.task();
          running.put(n.id(), ct.submit(inputOf(chosen, values)));
        } else if (map == null) {
          running.put(n.id(), t.submit(inputOf(n, values)));
        } else {
          List<Object> list = (List<Object>) eval(n.inputs().values().iterator().next(), values);
          MapResult<Object> r = t.map(Objects.requireNonNull(list), map);
          List<@Nullable Object> out = new ArrayList<>();
          r.elements().forEach(el -> out.add(el.value()));
          values.put(n.id(), out);
        }
      }
      if (!started && !running.isEmpty()) {
        CompletableFuture.anyOf(running.values().toArray(new CompletableFuture<?>[0]))
            .handle((v, e) -> null)
            .join();
      }
    }
    return (O) eval(output, values);
  }

  /** The node of the first case whose condition holds, else the otherwise node; or fails. */
  private WorkflowBuilder.NodeSpec chosen(
      WorkflowBuilder.NodeSpec n,
      WorkflowBuilder.BranchSpec branch,
      Map<String, @Nullable Object> values) {
    for (WorkflowBuilder.Case c : branch.cases()) {
      if (holds(n, c.condition(), values)) {
        return c.node();
      }
    }
    WorkflowBuilder.NodeSpec otherwise = branch.otherwise();
    if (otherwise != null) {
      return otherwise;
    }
    throw new IllegalStateException(
        "workflow "
            + name
            + ": node "
            + n.id()
            + " (branch): no case held: "
            + branch.failMessage());
  }

  private boolean holds(
      WorkflowBuilder.NodeSpec n, Condition c, Map<String, @Nullable Object> values) {
    if (c instanceof Condition.Conjunction j) {
      return j.logic() == Condition.Logic.AND
          ? holds(n, j.left(), values) && holds(n, j.right(), values)
          : holds(n, j.left(), values) || holds(n, j.right(), values);
    }
    Condition.Comparison cmp = (Condition.Comparison) c;
    Object left = eval(cmp.left(), values);
    Object right = cmp.right() instanceof Promise<?> p ? eval(p, values) : cmp.right();
    if (left == null || right == null) {
      throw new IllegalStateException(
          "workflow "
              + name
              + ": node "
              + n.id()
              + " (branch): cannot compare "
              + left
              + " "
              + cmp.op().symbol()
              + " "
              + right
              + ": only primitives compare, and None is not one");
    }
    // as flytepropeller's branch comparator: from "greater" and "equal" alone
    boolean eq = equal(left, right);
    boolean gt = greater(left, right);
    return switch (cmp.op()) {
      case EQ -> eq;
      case NE -> !eq;
      case GT -> gt;
      case GTE -> eq || gt;
      case LT -> !(gt || eq);
      case LTE -> !gt;
    };
  }

  /**
   * Equality as a cluster decides it: integers as longs, floats as doubles ({@code ==}, so NaN is
   * equal to nothing), datetimes and durations by whole seconds.
   */
  private static boolean equal(Object left, Object right) {
    if (left instanceof Number a && right instanceof Number b) {
      return integral(a) && integral(b)
          ? a.longValue() == b.longValue()
          : a.doubleValue() == b.doubleValue();
    }
    Long l = seconds(left);
    Long r = seconds(right);
    if (l != null && r != null) {
      return l.longValue() == r.longValue();
    }
    return left.equals(right);
  }

  /** Order as a cluster decides it; booleans have none (rejected when the workflow is defined). */
  @SuppressWarnings("unchecked")
  private static boolean greater(Object left, Object right) {
    if (left instanceof Number a && right instanceof Number b) {
      return integral(a) && integral(b)
          ? a.longValue() > b.longValue()
          : a.doubleValue() > b.doubleValue();
    }
    Long l = seconds(left);
    Long r = seconds(right);
    if (l != null && r != null) {
      return l > r;
    }
    if (left instanceof Boolean) {
      return false;
    }
    if (left instanceof String a && right instanceof String b) { // Go compares UTF-8 bytes
      return java.util.Arrays.compareUnsigned(
              a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              b.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          > 0;
    }
    return ((Comparable<Object>) left).compareTo(right) > 0;
  }

  /** The whole seconds of a datetime or duration (what a cluster compares), else null. */
  private static @Nullable Long seconds(Object v) {
    if (v instanceof java.time.Instant i) {
      return i.getEpochSecond();
    }
    if (v instanceof java.time.OffsetDateTime o) {
      return o.toEpochSecond();
    }
    if (v instanceof java.time.ZonedDateTime z) {
      return z.toEpochSecond();
    }
    if (v instanceof java.time.Duration d) {
      return d.getSeconds();
    }
    return null;
  }

  private static boolean integral(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  private @Nullable Object inputOf(
      WorkflowBuilder.NodeSpec n, Map<String, @Nullable Object> values) {
    Task<?, ?> t = n.task();
    return switch (t.inputKind()) {
      case NONE -> null;
      case SINGLE -> eval(n.inputs().get(t.inputName()), values);
      case RECORD -> {
        List<@Nullable Object> args = new ArrayList<>();
        for (Promise<?> p : n.inputs().values()) {
          args.add(eval(p, values));
        }
        yield Values.construct(t.inputType().rawType(), args.toArray());
      }
    };
  }

  private @Nullable Object eval(@Nullable Promise<?> p, Map<String, @Nullable Object> values) {
    Objects.requireNonNull(p);
    if (p.source() instanceof Promise.Const c) {
      return c.value();
    }
    if (p.source() instanceof Promise.Ref r) {
      Object base = values.get(r.nodeId());
      if (spreadNodes.contains(r.nodeId()) && base != null) {
        base = Values.component(base, r.var());
      }
      return Values.follow(base, r.attrPath());
    }
    List<@Nullable Object> args = new ArrayList<>();
    for (Promise<?> c : ((Promise.Spread) p.source()).components().values()) {
      args.add(eval(c, values));
    }
    return Values.construct(p.type().rawType(), args.toArray());
  }

  @Override
  public String toString() {
    return "Workflow{"
        + name
        + ": "
        + inputType
        + " -> "
        + outputType
        + ", nodes "
        + nodeIds()
        + "}";
  }

  /**
   * Defines a workflow with a type engine of one's own or another failure policy.
   *
   * @param <I> the input
   * @param <O> the output
   */
  public static final class Builder<I, O> {
    private final String name;
    private final TypeRef<I> inputType;
    private final TypeRef<O> outputType;
    private @Nullable TypeEngine engine;
    private OnFailure onFailure = OnFailure.FAIL_IMMEDIATELY;

    private Builder(String name, TypeRef<I> inputType, TypeRef<O> outputType) {
      this.name = name;
      this.inputType = inputType;
      this.outputType = outputType;
    }

    /** Checks bindings and converts constants with {@code engine} (default: the default one). */
    public Builder<I, O> engine(TypeEngine engine) {
      this.engine = engine;
      return this;
    }

    /** Sets the failure policy (default {@link OnFailure#FAIL_IMMEDIATELY}). */
    public Builder<I, O> onFailure(OnFailure onFailure) {
      this.onFailure = onFailure;
      return this;
    }

    /** Runs {@code body} to record and check the nodes and returns the workflow. */
    public Workflow<I, O> define(Body<I, O> body) {
      TypeEngine e = engine != null ? engine : TypeEngine.createDefault();
      return new Workflow<>(name, inputType, outputType, e, onFailure, body);
    }
  }
}
