package dev.ferry.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * Keeps containers of an environment alive between tasks on the cluster: how many replicas, and how
 * long an idle one lives. Recorded for the cluster; the local executor ignores it.
 *
 * @param replicas how many containers
 * @param idleTtl how long an idle container lives
 */
public record ReusePolicy(int replicas, Duration idleTtl) {
  public ReusePolicy {
    if (replicas < 1) {
      throw new IllegalArgumentException(
          "reuse replicas must be at least 1 but was '" + replicas + "'");
    }
    Objects.requireNonNull(idleTtl, "idleTtl");
    if (idleTtl.isNegative() || idleTtl.isZero()) {
      throw new IllegalArgumentException(
          "reuse idle TTL must be positive but was '" + idleTtl + "'");
    }
  }
}
