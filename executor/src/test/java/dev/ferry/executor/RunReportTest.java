package dev.ferry.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class RunReportTest {
  @Test
  void percent_printsTwoDecimalsLikeTheRootLocaleFormat() {
    for (double p : new double[] {0, 0.004, 0.05, 1, 9.99, 12.3456, 33.333333, 66.6666, 100}) {
      assertThat(RunReport.percent(p)).as("%s", p).isEqualTo(String.format(Locale.ROOT, "%.2f", p));
    }
    assertThat(RunReport.percent(-0.5)).isEqualTo("0.00");
  }
}
