package dev.ferry.cli.registration;

import dev.ferry.cli.CliException;
import dev.ferry.engine.FerryException;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.admin.Annotations;
import dev.ferry.idl.admin.CronSchedule;
import dev.ferry.idl.admin.FixedRate;
import dev.ferry.idl.admin.FixedRateUnit;
import dev.ferry.idl.admin.Labels;
import dev.ferry.idl.admin.LaunchPlan;
import dev.ferry.idl.admin.LaunchPlanMetadata;
import dev.ferry.idl.admin.LaunchPlanSpec;
import dev.ferry.idl.admin.RawOutputDataConfig;
import dev.ferry.idl.admin.Schedule;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.Parameter;
import dev.ferry.idl.core.ParameterMap;
import dev.ferry.idl.core.Variable;
import dev.ferry.idl.core.WorkflowTemplate;
import dev.ferry.sdk.Task;
import dev.ferry.transformers.FieldName;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns an SDK {@link dev.ferry.sdk.LaunchPlan} into the admin {@code LaunchPlan} (id and spec)
 * registered for the workflow that runs its entry task ({@link WrapperWorkflows}).
 *
 * <ul>
 *   <li>{@code id}: LAUNCH_PLAN, the workflow's project, domain and version, the plan's name.
 *   <li>{@code default_inputs}: every input of the workflow that is not fixed: with its default
 *       literal when the plan gives one, else required.
 *   <li>{@code fixed_inputs}: the fixed values, converted by the type engine to the input's type.
 *   <li>{@code entity_metadata.schedule}: a cron schedule as {@code cron_schedule} (five fields or
 *       an alias such as {@code @daily}); a fixed rate as whole days, hours or minutes. A scheduled
 *       plan must give every input a value (fixed or default), as the backend requires.
 *   <li>{@code labels}, {@code annotations}, {@code max_parallelism} (when set), and a raw output
 *       config with an empty prefix.
 * </ul>
 *
 * <pre>{@code
 * LaunchPlan lp = new LaunchPlans(engine).launchPlan(SampleTasks.ADD_TEN, wrapper.getTemplate());
 * }</pre>
 */
public final class LaunchPlans {
  private final TypeEngine engine;

  /** Creates the converter; {@code engine} converts the fixed and default inputs. */
  public LaunchPlans(TypeEngine engine) {
    this.engine = engine;
  }

  /**
   * Returns the admin launch plan of {@code plan}, launching {@code workflow}.
   *
   * @throws CliException if a value does not convert to its input's type, or a schedule cannot be
   *     expressed or leaves an input without a value
   */
  public LaunchPlan launchPlan(dev.ferry.sdk.LaunchPlan<?, ?> plan, WorkflowTemplate workflow) {
    Map<String, TypeRef<?>> types = inputTypes(plan.entry());
    Map<String, Variable> vars =
        new TreeMap<>(workflow.getInterface().getInputs().getVariablesMap());
    LiteralMap.Builder fixed = LiteralMap.newBuilder();
    for (Map.Entry<String, @Nullable Object> e : new TreeMap<>(plan.fixedInputs()).entrySet()) {
      fixed.putLiterals(e.getKey(), literal(plan, "fixed", e.getKey(), e.getValue(), types));
    }
    ParameterMap.Builder defaults = ParameterMap.newBuilder();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Variable> v : vars.entrySet()) {
      String name = v.getKey();
      if (plan.fixedInputs().containsKey(name)) {
        continue;
      }
      Parameter.Builder p = Parameter.newBuilder().setVar(v.getValue());
      if (plan.defaultInputs().containsKey(name)) {
        p.setDefault(literal(plan, "default", name, plan.defaultInputs().get(name), types));
      } else {
        p.setRequired(true);
        missing.add(name);
      }
      defaults.putParameters(name, p.build());
    }
    LaunchPlanMetadata.Builder meta = LaunchPlanMetadata.newBuilder();
    if (plan.schedule().isPresent()) {
      if (!missing.isEmpty()) {
        throw new CliException(
            "launch plan "
                + plan.name()
                + " has a schedule but inputs "
                + missing
                + " have no value: give them a fixed or default input");
      }
      meta.setSchedule(schedule(plan.name(), plan.schedule().get()));
    }
    LaunchPlanSpec.Builder spec =
        LaunchPlanSpec.newBuilder()
            .setWorkflowId(workflow.getId())
            .setEntityMetadata(meta)
            .setDefaultInputs(defaults)
            .setFixedInputs(fixed)
            .setLabels(Labels.newBuilder().putAllValues(new TreeMap<>(plan.labels())))
            .setAnnotations(
                Annotations.newBuilder().putAllValues(new TreeMap<>(plan.annotations())))
            .setRawOutputDataConfig(RawOutputDataConfig.getDefaultInstance());
    if (plan.maxParallelism() > 0) {
      spec.setMaxParallelism(plan.maxParallelism());
    }
    return LaunchPlan.newBuilder()
        .setId(
            workflow.getId().toBuilder()
                .setResourceType(dev.ferry.idl.core.ResourceType.LAUNCH_PLAN)
                .setName(plan.name()))
        .setSpec(spec)
        .build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Literal literal(
      dev.ferry.sdk.LaunchPlan<?, ?> plan,
      String kind,
      String input,
      @Nullable Object value,
      Map<String, TypeRef<?>> types) {
    TypeRef type = types.get(input);
    if (type == null) {
      throw new CliException(
          "launch plan " + plan.name() + ": " + kind + " input '" + input + "' is not an input");
    }
    Class<?> raw = boxed(type.rawType());
    if (value != null && !raw.isInstance(value)) {
      throw new CliException(
          "launch plan "
              + plan.name()
              + ": "
              + kind
              + " input '"
              + input
              + "' expects "
              + type
              + " but was "
              + value.getClass().getName()
              + " '"
              + value
              + "'");
    }
    try {
      return engine.toLiteral(value, type, TransformContext.at(input));
    } catch (FerryException | IllegalArgumentException | ClassCastException e) {
      throw new CliException(
          "launch plan "
              + plan.name()
              + ": "
              + kind
              + " input '"
              + input
              + "' does not convert to "
              + type
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static Class<?> boxed(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
  }

  /** Returns each input's Java type by variable name. */
  static Map<String, TypeRef<?>> inputTypes(Task<?, ?> task) {
    Map<String, TypeRef<?>> types = new LinkedHashMap<>();
    switch (task.inputKind()) {
      case SINGLE -> types.put(task.inputName(), task.inputType());
      case RECORD -> {
        TypeRef<?> record = task.inputType();
        for (RecordComponent rc : record.rawType().getRecordComponents()) {
          FieldName rename = rc.getAnnotation(FieldName.class);
          types.put(
              rename != null ? rename.value() : rc.getName(), record.resolve(rc.getGenericType()));
        }
      }
      case NONE -> {}
    }
    return types;
  }

  /** Returns the Flyte schedule of {@code schedule}. */
  static Schedule schedule(String plan, dev.ferry.sdk.Schedule schedule) {
    if (schedule instanceof dev.ferry.sdk.Schedule.Cron cron) {
      return Schedule.newBuilder()
          .setCronSchedule(CronSchedule.newBuilder().setSchedule(cron.expression().trim()))
          .build();
    }
    Duration every = ((dev.ferry.sdk.Schedule.FixedRate) schedule).every();
    FixedRate.Builder rate = FixedRate.newBuilder();
    if (every.toDays() > 0 && every.equals(Duration.ofDays(every.toDays()))) {
      rate.setValue(Math.toIntExact(every.toDays())).setUnit(FixedRateUnit.DAY);
    } else if (every.toHours() > 0 && every.equals(Duration.ofHours(every.toHours()))) {
      rate.setValue(Math.toIntExact(every.toHours())).setUnit(FixedRateUnit.HOUR);
    } else if (every.equals(Duration.ofMinutes(every.toMinutes()))) {
      rate.setValue(Math.toIntExact(every.toMinutes())).setUnit(FixedRateUnit.MINUTE);
    } else {
      throw new CliException(
          "launch plan "
              + plan
              + ": a fixed-rate schedule must be whole minutes, hours or days but was '"
              + every
              + "'");
    }
    return Schedule.newBuilder().setRate(rate).build();
  }
}
