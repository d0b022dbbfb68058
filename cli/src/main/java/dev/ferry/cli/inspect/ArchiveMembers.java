package dev.ferry.cli.inspect;

import dev.ferry.cli.CliException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The regular files of a registration archive ({@code .tgz}, {@code .tar.gz} or {@code .tar}), by
 * name in the order {@code flytectl register files} takes them: sorted by name.
 */
final class ArchiveMembers {
  /** One file of the archive. */
  record Member(String name, byte[] bytes) {}

  private ArchiveMembers() {}

  /** Returns the regular files of the archive in {@code bytes}, sorted by name. */
  static List<Member> read(String source, byte[] bytes) {
    List<Member> members = new ArrayList<>();
    try (InputStream raw = new ByteArrayInputStream(bytes);
        InputStream in = gzipped(bytes) ? new GzipCompressorInputStream(raw) : raw;
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isFile()) {
          members.add(new Member(entry.getName(), tar.readAllBytes()));
        }
      }
    } catch (IOException e) {
      throw new CliException("cannot read archive " + source + ": " + e.getMessage(), e);
    }
    members.sort(Comparator.comparing(Member::name));
    return members;
  }

  private static boolean gzipped(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }
}
