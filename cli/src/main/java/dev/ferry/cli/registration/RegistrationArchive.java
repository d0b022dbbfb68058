package dev.ferry.cli.registration;

import com.google.protobuf.Message;
import dev.ferry.idl.admin.LaunchPlan;
import dev.ferry.idl.admin.TaskSpec;
import dev.ferry.idl.admin.WorkflowSpec;
import dev.ferry.idl.core.Identifier;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes already-built registration messages as the archive {@code flytectl register files
 * --archive} reads (CONTAINER.md section 7): one serialized message a file, named {@code
 * <index>_<entity name>_<kind>.pb} with kind {@code 1} = {@code admin.TaskSpec}, {@code 2} = {@code
 * admin.WorkflowSpec}, {@code 3} = {@code admin.LaunchPlan}, in a {@code .tgz}. Tasks come first,
 * then workflows, then launch plans, each in the order added (callers add dependencies first); the
 * index is zero-padded so that flytectl's sort by file name keeps that order. The archive is
 * reproducible (fixed times, owners and modes) and appears under its final name only when whole.
 *
 * <pre>{@code
 * RegistrationArchive.builder().addTask(spec).addWorkflow(wf).addLaunchPlan(lp).build().write(out);
 * }</pre>
 */
public final class RegistrationArchive {
  /** One file of the archive. */
  public record Entry(String fileName, Message message) {}

  private final List<Entry> entries;

  private RegistrationArchive(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the files in archive order. */
  public List<Entry> entries() {
    return entries;
  }

  /** Writes the archive to {@code file} through a temp file beside it, renamed when complete. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        write(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes the archive (gzip of a tar) to {@code out}, which stays open. */
  public void write(OutputStream out) throws IOException {
    GzipParameters gzip = new GzipParameters();
    gzip.setModificationTime(0);
    GzipCompressorOutputStream gz = new GzipCompressorOutputStream(new NonClosing(out), gzip);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        byte[] bytes = e.message().toByteArray();
        TarArchiveEntry entry = new TarArchiveEntry(e.fileName());
        entry.setSize(bytes.length);
        entry.setMode(0100644);
        entry.setModTime(0);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  /** Collects the messages and checks each has an id and a unique name of its kind. */
  public static final class Builder {
    private final List<TaskSpec> tasks = new ArrayList<>();
    private final List<WorkflowSpec> workflows = new ArrayList<>();
    private final List<LaunchPlan> launchPlans = new ArrayList<>();

    private Builder() {}

    /** Adds a task; its template must have an id. */
    public Builder addTask(TaskSpec task) {
      require(task.getTemplate().hasId(), "task spec without template id");
      tasks.add(task);
      return this;
    }

    /** Adds a workflow; its template must have an id. */
    public Builder addWorkflow(WorkflowSpec workflow) {
      require(workflow.getTemplate().hasId(), "workflow spec without template id");
      workflows.add(workflow);
      return this;
    }

    /** Adds a launch plan (id and spec). */
    public Builder addLaunchPlan(LaunchPlan launchPlan) {
      require(launchPlan.hasId() && launchPlan.hasSpec(), "launch plan without id or spec");
      launchPlans.add(launchPlan);
      return this;
    }

    /** Returns the archive: tasks, then workflows, then launch plans, numbered. */
    public RegistrationArchive build() {
      int total = tasks.size() + workflows.size() + launchPlans.size();
      int width = Math.max(3, Integer.toString(total).length());
      List<Entry> entries = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (TaskSpec t : tasks) {
        entries.add(entry(entries.size(), width, t.getTemplate().getId(), 1, t, seen));
      }
      for (WorkflowSpec w : workflows) {
        entries.add(entry(entries.size(), width, w.getTemplate().getId(), 2, w, seen));
      }
      for (LaunchPlan lp : launchPlans) {
        entries.add(entry(entries.size(), width, lp.getId(), 3, lp, seen));
      }
      return new RegistrationArchive(entries);
    }

    private static Entry entry(
        int index, int width, Identifier id, int kind, Message message, Set<String> seen) {
      String name = id.getName();
      require(!name.isEmpty(), "entity of kind " + kind + " without a name");
      require(
          seen.add(kind + "/" + name), "two entities of kind " + kind + " named '" + name + "'");
      String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
      String file = String.format("%0" + width + "d_%s_%d.pb", index, safe, kind);
      return new Entry(file, message);
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }

  /** Keeps the caller's stream open when the gzip stream closes. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
