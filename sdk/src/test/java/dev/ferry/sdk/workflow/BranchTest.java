package dev.ferry.sdk.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.ComparisonExpression;
import dev.ferry.idl.core.ConjunctionExpression;
import dev.ferry.idl.core.IfElseBlock;
import dev.ferry.idl.core.Node;
import dev.ferry.idl.core.Operand;
import dev.ferry.idl.core.WorkflowTemplate;
import dev.ferry.sdk.Task;
import dev.ferry.sdk.TaskEnvironment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Branch nodes: defined with {@code b.when}, checked at definition, compiled to a BranchNode. */
class BranchTest {
  record In(long rows, String mode) {}

  static long limit(String mode) {
    return mode.equals("fast") ? 10 : 1000;
  }

  static String big(long rows) {
    return "big " + rows;
  }

  static String small(long rows) {
    return "small " + rows;
  }

  static long count(long rows) {
    return rows;
  }

  static String shout(String s) {
    return s.toUpperCase(java.util.Locale.ROOT);
  }

  static final TaskEnvironment ENV = TaskEnvironment.of("brt");
  static final Task<String, Long> LIMIT = ENV.task("limit", BranchTest::limit);
  static final Task<Long, String> BIG = ENV.task("big", BranchTest::big);
  static final Task<Long, String> SMALL = ENV.task("small", BranchTest::small);
  static final Task<Long, Long> COUNT = ENV.task("count", BranchTest::count);
  static final Task<String, String> SHOUT = ENV.task("shout", BranchTest::shout);
  static final Task<List<Long>, String> LISTED =
      ENV.task("listed", new TypeRef<List<Long>>() {}, TypeRef.of(String.class), l -> "" + l);

  static final Workflow<In, String> SIZED =
      Workflow.define(
          "brt.sized",
          In.class,
          String.class,
          (b, in) -> {
            Promise<Long> rows = in.field("rows", Long.class);
            Promise<String> mode = in.field("mode", String.class);
            Promise<Long> limit = b.call(LIMIT, mode);
            Promise<String> size =
                b.when(Condition.gt(rows, limit).and(Condition.eq(mode, "fast")), BIG, rows)
                    .orWhen(Condition.eq(rows, 0L).or(Condition.lt(rows, 0)), SMALL, limit)
                    .otherwise(SMALL, rows);
            return b.call(SHOUT, size);
          });

  @Test
  void branch_compilesToABranchNodeOfIfElseBlocks() {
    WorkflowTemplate t = SIZED.template();
    assertThat(t.getNodesList()).extracting(Node::getId).containsExactly("n0", "n1", "n2");
    Node branch = t.getNodes(1);
    assertThat(branch.hasBranchNode()).isTrue();
    assertThat(branch.getUpstreamNodeIdsList()).containsExactly("n0");
    assertThat(branch.getInputsList())
        .extracting(x -> x.getVar())
        .containsExactly("start-node.rows", "n0.o0", "start-node.mode");
    assertThat(branch.getInputs(1).getBinding().getPromise().getNodeId()).isEqualTo("n0");
    assertThat(branch.getInputs(1).getBinding().getPromise().getVar()).isEqualTo("o0");
    assertThat(branch.getInputs(0).getBinding().getPromise().getNodeId()).isEqualTo("start-node");
    assertThat(branch.getInputs(0).getBinding().getPromise().getVar()).isEqualTo("rows");

    IfElseBlock ifElse = branch.getBranchNode().getIfElse();
    ConjunctionExpression and = ifElse.getCase().getCondition().getConjunction();
    assertThat(and.getOperator()).isEqualTo(ConjunctionExpression.LogicalOperator.AND);
    ComparisonExpression gt = and.getLeftExpression().getComparison();
    assertThat(gt.getOperator()).isEqualTo(ComparisonExpression.Operator.GT);
    assertThat(gt.getLeftValue().getVar()).isEqualTo("start-node.rows");
    assertThat(gt.getRightValue().getVar()).isEqualTo("n0.o0");
    ComparisonExpression eq = and.getRightExpression().getComparison();
    assertThat(eq.getOperator()).isEqualTo(ComparisonExpression.Operator.EQ);
    assertThat(eq.getLeftValue().getVar()).isEqualTo("start-node.mode");
    assertThat(eq.getRightValue().getScalar().getPrimitive().getStringValue()).isEqualTo("fast");

    Node then = ifElse.getCase().getThenNode();
    assertThat(then.getId()).isEqualTo("n1-n0");
    assertThat(then.getTaskNode().getReferenceId().getName()).isEqualTo("brt.big");
    assertThat(then.getInputs(0).getVar()).isEqualTo("rows");
    assertThat(then.getInputs(0).getBinding().getPromise().getNodeId()).isEqualTo("start-node");

    assertThat(ifElse.getOtherCount()).isEqualTo(1);
    ConjunctionExpression or = ifElse.getOther(0).getCondition().getConjunction();
    assertThat(or.getOperator()).isEqualTo(ConjunctionExpression.LogicalOperator.OR);
    ComparisonExpression zero = or.getLeftExpression().getComparison();
    assertThat(zero.getOperator()).isEqualTo(ComparisonExpression.Operator.EQ);
    assertThat(zero.getRightValue().getScalar().getPrimitive().getInteger()).isZero();
    assertThat(zero.getRightValue().getScalar().getPrimitive().hasInteger()).isTrue();
    assertThat(or.getRightExpression().getComparison().getOperator())
        .isEqualTo(ComparisonExpression.Operator.LT);
    Node other = ifElse.getOther(0).getThenNode();
    assertThat(other.getId()).isEqualTo("n1-n1");
    assertThat(other.getUpstreamNodeIdsList()).containsExactly("n0");
    assertThat(other.getInputs(0).getBinding().getPromise().getNodeId()).isEqualTo("n0");
    assertThat(ifElse.getElseNode().getId()).isEqualTo("n1-n2");
    assertThat(ifElse.getElseNode().getTaskNode().getReferenceId().getName())
        .isEqualTo("brt.small");

    Node shout = t.getNodes(2);
    assertThat(shout.getUpstreamNodeIdsList()).containsExactly("n1");
    assertThat(shout.getInputs(0).getBinding().getPromise().getNodeId()).isEqualTo("n1");
    assertThat(shout.getInputs(0).getBinding().getPromise().getVar()).isEqualTo("o0");
    assertThat(SIZED.tasks())
        .extracting(Task::name)
        .containsExactly("brt.limit", "brt.big", "brt.small", "brt.shout");
  }

  @Test
  void branch_fieldNumbers_onTheWire() throws Exception {
    byte[] bytes = SIZED.template().toByteArray();
    assertThat(WorkflowTemplate.parseFrom(bytes)).isEqualTo(SIZED.template());

    // WorkflowTemplate.nodes = 4; Node.branch_node = 8; BranchNode.if_else = 1
    UnknownFieldSet template = UnknownFieldSet.parseFrom(bytes);
    UnknownFieldSet node = parse(template.getField(4).getLengthDelimitedList().get(1));
    assertThat(node.getField(1).getLengthDelimitedList().get(0).toStringUtf8()).isEqualTo("n1");
    UnknownFieldSet ifElse = parse(parse(one(node, 8)).getField(1).getLengthDelimitedList().get(0));
    // IfElseBlock: case = 1, other = 2, else_node = 3
    assertThat(ifElse.asMap().keySet()).containsExactly(1, 2, 3);
    UnknownFieldSet ifBlock = parse(one(ifElse, 1));
    // IfBlock: condition = 1, then_node = 2 (a Node, id = 1)
    assertThat(parse(one(ifBlock, 2)).getField(1).getLengthDelimitedList().get(0).toStringUtf8())
        .isEqualTo("n1-n0");
    // BooleanExpression.conjunction = 1; ConjunctionExpression: operator = 1 (AND = 0, not
    // written), left_expression = 2, right_expression = 3
    UnknownFieldSet conjunction = parse(one(parse(one(ifBlock, 1)), 1));
    assertThat(conjunction.asMap().keySet()).containsExactly(2, 3);
    // BooleanExpression.comparison = 2; ComparisonExpression: operator = 1 (GT = 2),
    // left_value = 2, right_value = 3; Operand.var = 2
    UnknownFieldSet gt = parse(one(parse(one(conjunction, 2)), 2));
    assertThat(gt.getField(1).getVarintList()).containsExactly(2L);
    assertThat(one(parse(one(gt, 2)), 2).toStringUtf8()).isEqualTo("start-node.rows");
    // the right side of the EQ: Operand.scalar = 3; Scalar.primitive = 1; string_value = 3
    UnknownFieldSet eq = parse(one(parse(one(conjunction, 3)), 2));
    UnknownFieldSet primitive = parse(one(parse(one(parse(one(eq, 3)), 3)), 1));
    assertThat(one(primitive, 3).toStringUtf8()).isEqualTo("fast");
    // the other case's OR: LogicalOperator OR = 1
    UnknownFieldSet or = parse(one(parse(one(parse(one(ifElse, 2)), 1)), 1));
    assertThat(or.getField(1).getVarintList()).containsExactly(1L);
  }

  @Test
  void otherwiseFail_compilesToAnError() {
    Workflow<Long, String> wf =
        Workflow.define(
            "brt.strict",
            Long.class,
            String.class,
            (b, rows) -> b.when(Condition.gte(rows, 1), BIG, rows).otherwiseFail("no rows"));
    IfElseBlock ifElse = wf.template().getNodes(0).getBranchNode().getIfElse();
    assertThat(ifElse.hasError()).isTrue();
    assertThat(ifElse.getError().getMessage()).isEqualTo("no rows");
    assertThat(ifElse.getError().getFailedNodeId()).isEqualTo("n0");
    assertThat(ifElse.getCase().getCondition().getComparison().getLeftValue())
        .isEqualTo(Operand.newBuilder().setVar("start-node.input").build());
    assertThat(wf.template().getOutputs(0).getBinding().getPromise().getNodeId()).isEqualTo("n0");
  }

  @Test
  void comparingIncompatibleTypes_namesTheNodeTheOperandAndBothTypes() {
    assertThatThrownBy(
            () ->
                Workflow.define(
                    "brt.bad",
                    Long.class,
                    String.class,
                    (b, rows) ->
                        b.when(Condition.gt(rows, "many"), BIG, rows).otherwise(SMALL, rows)))
        .isInstanceOfSatisfying(
            WorkflowDefinitionException.class,
            e -> {
              assertThat(e.node()).isEqualTo("n0");
              assertThat(e.input()).isEqualTo("right operand");
            })
        .hasMessageContaining("workflow brt.bad: node n0 (branch) case n0-n0 condition")
        .hasMessageContaining("right operand: expected int (java.lang.Long")
        .hasMessageContaining("but got str (java.lang.String)");

    assertThatThrownBy(
            () ->
                Workflow.define(
                    "brt.bad2",
                    Long.class,
                    String.class,
                    (b, rows) -> {
                      Promise<Long> limit = b.call(COUNT, rows);
                      return b.when(Condition.eq(rows, 1L), BIG, rows)
                          .orWhen(Condition.lte(b.call(SHOUT, "x"), limit), SMALL, rows)
                          .otherwise(SMALL, rows);
                    }))
        .isInstanceOf(WorkflowDefinitionException.class)
        .hasMessageContaining("node n2 (branch) case n2-n1 condition (n1.o0 <= n0.o0)")
        .hasMessageContaining("expected str (java.lang.String")
        .hasMessageContaining("but got int (java.lang.Long)");
  }

  @Test
  void otherChecks_booleansOrderingNonPrimitivesAndCaseOutputs() {
    assertThatThrownBy(
            () ->
                Workflow.define(
                    "brt.bool",
                    Boolean.class,
                    String.class,
                    (b, on) ->
                        b.when(Condition.gt(on, false), BIG, b.constant(1L)).otherwiseFail("x")))
        .isInstanceOf(WorkflowDefinitionException.class)
        .hasMessageContaining("booleans compare only with eq and ne");

    assertThatThrownBy(
            () ->
                Workflow.define(
                    "brt.list",
                    new TypeRef<List<Long>>() {},
                    TypeRef.of(String.class),
                    (b, l) -> b.when(Condition.eq(l, 1L), LISTED, l).otherwiseFail("x")))
        .isInstanceOf(WorkflowDefinitionException.class)
        .hasMessageContaining("left operand: expected a primitive")
        .hasMessageContaining("but got List[int]");

    assertThatThrownBy(
            () ->
                Workflow.<Long, String>define(
                    "brt.out",
                    Long.class,
                    String.class,
                    (b, rows) -> {
                      @SuppressWarnings({"unchecked", "rawtypes"})
                      Task<Long, String> wrong = (Task) COUNT;
                      return b.when(Condition.eq(rows, 1L), BIG, rows).otherwise(wrong, rows);
                    }))
        .isInstanceOf(WorkflowDefinitionException.class)
        .hasMessageContaining("node n0 (branch) case n0-n1 (task brt.count) output: expected str")
        .hasMessageContaining("but got int");

    assertThatThrownBy(
            () ->
                Workflow.define(
                    "brt.input",
                    Long.class,
                    String.class,
                    (b, rows) -> {
                      @SuppressWarnings({"unchecked", "rawtypes"})
                      Promise<Long> text = (Promise) b.constant("x");
                      return b.when(Condition.eq(rows, 1L), BIG, text).otherwiseFail("x");
                    }))
        .isInstanceOf(WorkflowDefinitionException.class)
        .hasMessageContaining("node n0-n0 (task brt.big) input 'rows'");
  }

  private static UnknownFieldSet parse(ByteString bytes) throws Exception {
    return UnknownFieldSet.parseFrom(bytes);
  }

  private static ByteString one(UnknownFieldSet set, int field) {
    List<ByteString> values = set.getField(field).getLengthDelimitedList();
    assertThat(values).as("field " + field).isNotEmpty();
    return values.get(0);
  }
}
