package dev.ferry.executor;

import dev.ferry.blob.BlobStores;
import dev.ferry.executor.internal.Blobs;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes a run's self-contained HTML report beside its documents ({@code <run>/report.html}): a
 * timeline of the actions with phase colours and durations, their attempts, cache hits and errors,
 * traces, and each task's own report section.
 */
final class RunReport {
  private RunReport() {}

  static URI write(Run<?> run, BlobStores stores) throws IOException {
    URI uri = URI.create(run.directory() + "/report.html");
    Blobs.write(stores, uri, html(run).getBytes(StandardCharsets.UTF_8));
    return uri;
  }

  static String html(Run<?> run) {
    Instant start = run.start();
    Instant end = Instant.now();
    long total = Math.max(1, Duration.between(start, end).toMillis());
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Ferry run ")
        .append(esc(run.name()))
        .append("</title>\n<style>")
        .append("body{font-family:sans-serif;margin:2em}")
        .append(".row{display:flex;align-items:center;margin:2px 0}")
        .append(".label{width:22em;font-size:13px;white-space:nowrap;overflow:hidden}")
        .append(".track{position:relative;flex:1;height:16px;background:#f3f3f3}")
        .append(".bar{position:absolute;height:16px;min-width:2px}")
        .append(".SUCCEEDED{background:#2e9d4e}.FAILED{background:#d93a3a}")
        .append(".TIMED_OUT{background:#e08a1e}.ABORTED{background:#888}")
        .append(".RUNNING,.QUEUED{background:#4a7bd0}.hit{outline:2px dashed #135}")
        .append("pre{background:#fafafa;border:1px solid #ddd;padding:.5em;white-space:pre-wrap}")
        .append("</style></head><body>\n<h1>Run ")
        .append(esc(run.name()))
        .append("</h1>\n<p>phase <b id=\"run-phase\">")
        .append(run.phase())
        .append("</b>, ")
        .append(run.actions().size())
        .append(" actions, ")
        .append(total)
        .append(" ms</p>\n<div id=\"timeline\">\n");
    for (Action a : run.actions()) {
      sb.append("<div class=\"row action\" data-action=\"")
          .append(esc(a.name()))
          .append("\" data-phase=\"")
          .append(a.phase())
          .append("\"><div class=\"label\">")
          .append(esc(a.name()))
          .append(" ")
          .append(esc(a.taskName()))
          .append(a.group().map(g -> " [" + esc(g) + "]").orElse(""))
          .append("</div><div class=\"track\">");
      for (ActionAttempt t : a.attempts()) {
        Instant s = t.start().orElse(start);
        Instant e = t.end().orElse(end);
        double left = 100.0 * Duration.between(start, s).toMillis() / total;
        double width = 100.0 * Math.max(0, Duration.between(s, e).toMillis()) / total;
        sb.append("<div class=\"bar ")
            .append(t.phase())
            .append(t.cacheHit() ? " hit" : "")
            .append("\" style=\"left:")
            .append(percent(left))
            .append("%;width:")
            .append(percent(width))
            .append("%\" title=\"attempt ")
            .append(t.number())
            .append(" ")
            .append(t.phase())
            .append(t.duration().map(d -> " " + d.toMillis() + " ms").orElse(""))
            .append(t.cacheHit() ? " cache hit" : "")
            .append("\"></div>");
      }
      sb.append("</div></div>\n");
    }
    sb.append("</div>\n<h2>Actions</h2>\n");
    for (Action a : run.actions()) {
      sb.append("<h3>")
          .append(esc(a.name()))
          .append(" ")
          .append(esc(a.taskName()))
          .append(" <span class=\"phase\">")
          .append(a.phase())
          .append("</span>")
          .append(a.cacheHit() ? " (cache hit)" : "")
          .append("</h3>\n<ul>");
      for (ActionAttempt t : a.attempts()) {
        sb.append("<li>attempt ")
            .append(t.number())
            .append(": ")
            .append(t.phase())
            .append(t.duration().map(d -> ", " + d.toMillis() + " ms").orElse(""))
            .append(t.cacheHit() ? ", cache hit" : "");
        t.error()
            .ifPresent(
                err ->
                    sb.append("<pre class=\"error\">")
                        .append(esc(err.getCode()))
                        .append(": ")
                        .append(esc(LocalExecutor.text(err)))
                        .append("</pre>"));
        sb.append("</li>");
      }
      sb.append("</ul>\n");
      for (TraceRecord tr : a.traces()) {
        sb.append("<p class=\"trace\">trace ")
            .append(esc(tr.name()))
            .append(" ")
            .append(tr.duration().toMillis())
            .append(" ms: ")
            .append(esc(tr.input()))
            .append(" &rarr; ")
            .append(esc(tr.output() != null ? tr.output() : "error " + tr.error()))
            .append("</p>\n");
      }
      if (!a.report().isEmpty()) {
        sb.append("<section class=\"task-report\">").append(a.report()).append("</section>\n");
      }
    }
    return sb.append("</body></html>\n").toString();
  }

  /**
   * Returns {@code p} (0 to 100) with two decimals, like {@code String.format("%.2f")} in the root
   * locale (halves of a hundredth may round the other way), without a formatter per call: a report
   * of a map of 10,000 writes 20,000 of them.
   */
  static String percent(double p) {
    long hundredths = Math.round(Math.max(0, p) * 100);
    long fraction = hundredths % 100;
    return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
  }

  private static String esc(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '&' || c == '<' || c == '>' || c == '"') {
        return s.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;");
      }
    }
    return s; // action and task names: nothing to escape
  }
}
