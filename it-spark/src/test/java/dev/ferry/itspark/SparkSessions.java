package dev.ferry.itspark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark sessions of the tests: {@code local[2]}, UI off, driver bound to loopback, session time
 * zone UTC, and {@code java.time} values in rows ({@code Instant}, {@code LocalDate}).
 */
final class SparkSessions {
  private SparkSessions() {}

  static SparkSession start(String name, Map<String, String> extra) {
    SparkSession.Builder b =
        SparkSession.builder()
            .master("local[2]")
            .appName(name)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true");
    extra.forEach(b::config);
    return b.getOrCreate();
  }
}
