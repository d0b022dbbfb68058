package dev.ferry.sdk;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a task's container asks for: cpu and memory (a request and a limit, or one value for both),
 * an accelerator, disk, and shared memory ({@code "auto"} sizes it to the memory limit). Recorded
 * for the cluster; the local executor does not enforce them.
 *
 * <pre>{@code
 * Resources r = Resources.builder().cpu("1", "2").memory("4Gi").gpu(Device.of("A100", 1))
 *     .disk("10Gi").sharedMemory("auto").build();
 * }</pre>
 */
public final class Resources {
  /** No requests at all. */
  public static final Resources NONE = builder().build();

  private final @Nullable Range cpu;
  private final @Nullable Range memory;
  private final @Nullable Device gpu;
  private final @Nullable String disk;
  private final @Nullable String sharedMemory;

  /** A request and a limit; equal when one value was given. */
  public record Range(String request, String limit) {}

  private Resources(Builder b) {
    this.cpu = b.cpu;
    this.memory = b.memory;
    this.gpu = b.gpu;
    this.disk = b.disk;
    this.sharedMemory = b.sharedMemory;
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.cpu = cpu;
    b.memory = memory;
    b.gpu = gpu;
    b.disk = disk;
    b.sharedMemory = sharedMemory;
    return b;
  }

  /** Returns the cpu request and limit. */
  public Optional<Range> cpu() {
    return Optional.ofNullable(cpu);
  }

  /** Returns the memory request and limit. */
  public Optional<Range> memory() {
    return Optional.ofNullable(memory);
  }

  /** Returns the accelerator. */
  public Optional<Device> gpu() {
    return Optional.ofNullable(gpu);
  }

  /** Returns the ephemeral storage. */
  public Optional<String> disk() {
    return Optional.ofNullable(disk);
  }

  /** Returns the shared memory size, or {@code "auto"}. */
  public Optional<String> sharedMemory() {
    return Optional.ofNullable(sharedMemory);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resources r
        && Objects.equals(r.cpu, cpu)
        && Objects.equals(r.memory, memory)
        && Objects.equals(r.gpu, gpu)
        && Objects.equals(r.disk, disk)
        && Objects.equals(r.sharedMemory, sharedMemory);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cpu, memory, gpu, disk, sharedMemory);
  }

  @Override
  public String toString() {
    return "Resources{cpu="
        + cpu
        + ", memory="
        + memory
        + ", gpu="
        + gpu
        + ", disk="
        + disk
        + ", sharedMemory="
        + sharedMemory
        + "}";
  }

  /** Builds {@link Resources}; every setter checks its value. */
  public static final class Builder {
    private @Nullable Range cpu;
    private @Nullable Range memory;
    private @Nullable Device gpu;
    private @Nullable String disk;
    private @Nullable String sharedMemory;

    private Builder() {}

    /** Sets cpu request and limit to {@code cpu} ({@code "500m"}, {@code "2"}). */
    public Builder cpu(String cpu) {
      return cpu(cpu, cpu);
    }

    /** Sets the cpu request and limit. */
    public Builder cpu(String request, String limit) {
      this.cpu =
          new Range(
              Quantities.check("cpu", "500m", request), Quantities.check("cpu limit", "2", limit));
      return this;
    }

    /** Sets memory request and limit to {@code memory} ({@code "4Gi"}). */
    public Builder memory(String memory) {
      return memory(memory, memory);
    }

    /** Sets the memory request and limit. */
    public Builder memory(String request, String limit) {
      this.memory =
          new Range(
              Quantities.check("memory", "4Gi", request),
              Quantities.check("memory limit", "8Gi", limit));
      return this;
    }

    /** Sets the accelerator. */
    public Builder gpu(Device gpu) {
      this.gpu = Objects.requireNonNull(gpu, "gpu");
      return this;
    }

    /** Sets the ephemeral storage ({@code "10Gi"}). */
    public Builder disk(String disk) {
      this.disk = Quantities.check("disk", "10Gi", disk);
      return this;
    }

    /** Sets the shared memory ({@code "2Gi"}, or {@code "auto"}). */
    public Builder sharedMemory(String sharedMemory) {
      this.sharedMemory =
          "auto".equals(sharedMemory)
              ? sharedMemory
              : Quantities.check("shared memory", "2Gi", sharedMemory);
      return this;
    }

    /** Returns the resources. */
    public Resources build() {
      return new Resources(this);
    }
  }
}
