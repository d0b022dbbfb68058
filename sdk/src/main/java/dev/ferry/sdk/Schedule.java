package dev.ferry.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * When a launch plan runs on the cluster: a cron expression (five fields, or an alias such as
 * {@code @daily}) or a fixed rate. Data only; the local executor does not schedule.
 */
public sealed interface Schedule {
  /** A cron schedule. */
  record Cron(String expression) implements Schedule {
    public Cron {
      Objects.requireNonNull(expression, "expression");
      String e = expression.trim();
      boolean alias = e.matches("@(yearly|annually|monthly|weekly|daily|hourly)");
      if (!alias && e.split("\\s+").length != 5) {
        throw new IllegalArgumentException(
            "cron schedule must have five fields such as \"0 3 * * *\" (or be an alias such as"
                + " \"@daily\") but was '"
                + expression
                + "'");
      }
    }
  }

  /** A fixed-rate schedule. */
  record FixedRate(Duration every) implements Schedule {
    public FixedRate {
      Objects.requireNonNull(every, "every");
      if (every.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException(
            "fixed-rate schedule must be at least one minute but was '" + every + "'");
      }
    }
  }

  /** Returns a cron schedule. */
  static Schedule cron(String expression) {
    return new Cron(expression);
  }

  /** Returns a fixed-rate schedule. */
  static Schedule fixedRate(Duration every) {
    return new FixedRate(every);
  }
}
