package dev.ferry.sdk;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An accelerator a task asks for: its type ({@code "A100"}, {@code "T4"}), how many, and optionally
 * a partition ({@code "1g.5gb"} for a MIG slice). Becomes a {@code GPU} resource request and {@code
 * extended_resources.gpu_accelerator} on the cluster.
 *
 * <pre>{@code
 * Device gpu = Device.of("A100", 1).withPartition("1g.5gb");
 * }</pre>
 */
public final class Device {
  private final String type;
  private final int quantity;
  private final @Nullable String partition;

  private Device(String type, int quantity, @Nullable String partition) {
    this.type = Quantities.require("device type", type);
    if (quantity < 1) {
      throw new IllegalArgumentException(
          "device quantity must be at least 1 but was '" + quantity + "'");
    }
    if (partition != null && partition.isBlank()) {
      throw new IllegalArgumentException("device partition must not be blank but was ''");
    }
    this.quantity = quantity;
    this.partition = partition;
  }

  /** Returns {@code quantity} devices of {@code type}, unpartitioned. */
  public static Device of(String type, int quantity) {
    return new Device(type, quantity, null);
  }

  /** Returns this device restricted to a partition such as {@code "1g.5gb"}. */
  public Device withPartition(String partition) {
    return new Device(type, quantity, Objects.requireNonNull(partition, "partition"));
  }

  /** Returns the device type. */
  public String type() {
    return type;
  }

  /** Returns how many devices. */
  public int quantity() {
    return quantity;
  }

  /** Returns the partition, if any. */
  public Optional<String> partition() {
    return Optional.ofNullable(partition);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Device d
        && d.type.equals(type)
        && d.quantity == quantity
        && Objects.equals(d.partition, partition);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, quantity, partition);
  }

  @Override
  public String toString() {
    return type + ":" + quantity + (partition == null ? "" : "(" + partition + ")");
  }
}
