package dev.ferry.blob.spi;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.BlobStoreException;
import dev.ferry.blob.ProgressListener;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import dev.ferry.blob.internal.DownloadPlan;
import dev.ferry.blob.internal.LocalFiles;
import dev.ferry.blob.internal.ParallelTransfers;
import dev.ferry.blob.internal.SafePaths;
import dev.ferry.blob.internal.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The file transfers of a {@link BlobStore}, written once on top of {@link #create}, {@link #open},
 * {@link #stat} and {@link #list}: {@link #upload}, {@link #download} (to a hidden temp file beside
 * the target, verified against the object's size and CRC32C, then moved into place atomically), and
 * the directory transfers, which run on a pool of {@code concurrency} threads (see {@link
 * ParallelTransfers}).
 *
 * <p>A store with native transfers overrides {@link #uploadFile} and {@link #downloadFile}, which
 * both single and directory transfers use; they report bytes to the {@link TransferProgress} they
 * are given, which is also how they learn that the directory transfer they belong to was cancelled.
 * {@link #child} and {@link #relativeKey} map between a prefix, keys and URIs.
 */
public abstract class AbstractBlobStore implements BlobStore {
  /** The size of the buffer transfers copy through. */
  protected static final int BUFFER_SIZE = 64 * 1024;

  private static final String UPLOAD = "upload";
  private static final String DOWNLOAD = "download";

  @Override
  public final void upload(Path file, URI uri, WriteOptions options) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw Failures.wrap(UPLOAD, uri, e);
    }
    if (!attributes.isRegularFile()) {
      throw new BlobStoreException(UPLOAD, uri, "not a regular file: " + file, null);
    }
    TransferProgress progress = new TransferProgress(uri, attributes.size(), options.progress());
    progress.begin();
    uploadFile(file, uri, options.withProgress(ProgressListener.NONE), progress);
  }

  @Override
  public final void download(URI uri, Path file, ReadOptions options) throws IOException {
    BlobInfo info = stat(uri).orElseThrow(() -> BlobStoreException.notFound(DOWNLOAD, uri));
    TransferProgress progress = new TransferProgress(uri, info.size(), options.progress());
    progress.begin();
    downloadFile(uri, info, file, options.withProgress(ProgressListener.NONE), progress);
  }

  /**
   * Uploads {@code file} to {@code uri}, telling {@code progress} of every chunk; the default
   * streams it through {@link #create}.
   */
  protected void uploadFile(Path file, URI uri, WriteOptions options, TransferProgress progress)
      throws IOException {
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (IOException e) {
      throw Failures.wrap(UPLOAD, uri, e);
    }
    try (in) {
      BlobOutputStream out = create(uri, options);
      try {
        byte[] buffer = new byte[BUFFER_SIZE];
        int n;
        while ((n = readLocal(in, buffer, file, uri)) != -1) {
          out.write(buffer, 0, n);
          progress.advance(n);
        }
        out.commit();
      } catch (Throwable t) {
        abortQuietly(out, t);
        throw t;
      }
    } catch (IOException e) {
      throw Failures.as(UPLOAD, uri, e);
    }
  }

  /**
   * Downloads the object {@code info} describes to {@code file}, telling {@code progress} of every
   * chunk: to a hidden temp file in the same directory, checked against {@code info}'s size and
   * CRC32C (when {@link ReadOptions#checksum()}), forced to disk, then moved over {@code file}
   * atomically. On any failure the temp file is deleted and {@code file} is untouched.
   */
  protected void downloadFile(
      URI uri, BlobInfo info, Path file, ReadOptions options, TransferProgress progress)
      throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null) {
      throw new BlobStoreException(DOWNLOAD, uri, "not a file path: " + file, null);
    }
    TempFiles.Temp temp;
    try {
      Files.createDirectories(dir);
      if (Files.isDirectory(target)) {
        throw new BlobStoreException(DOWNLOAD, uri, "is a directory: " + target, null);
      }
      temp = TempFiles.create(target);
    } catch (IOException e) {
      throw Failures.wrap(DOWNLOAD, uri, e);
    }
    try {
      fetch(uri, info, temp, options, progress);
      TempFiles.commit(temp.path(), target);
    } catch (IOException e) {
      BlobStoreException failure = Failures.as(DOWNLOAD, uri, e);
      TempFiles.deleteQuietly(temp.path(), failure);
      throw failure;
    } catch (RuntimeException | Error e) {
      TempFiles.deleteQuietly(temp.path(), e);
      throw e;
    }
  }

  /**
   * Fills {@code temp} (open, empty) with the object {@code info} describes, checked against its
   * size and CRC32C (when {@link ReadOptions#checksum()}), forces it to disk and closes its
   * channel, telling {@code progress} of every chunk; {@link #downloadFile} moves it into place.
   * The default streams {@link #open} into the channel.
   */
  protected void fetch(
      URI uri, BlobInfo info, TempFiles.Temp temp, ReadOptions options, TransferProgress progress)
      throws IOException {
    String crc = info.crc32c();
    Integer expectedCrc = options.checksum() && crc != null ? Crc32cs.parseHex(crc) : null;
    try (FileChannel channel = temp.channel();
        InputStream in =
            new VerifyingInputStream(open(uri, options), DOWNLOAD, uri, info.size(), expectedCrc)) {
      byte[] buffer = new byte[BUFFER_SIZE];
      ByteBuffer wrapped = ByteBuffer.wrap(buffer);
      int n;
      while ((n = in.read(buffer)) != -1) {
        wrapped.clear().limit(n);
        while (wrapped.hasRemaining()) {
          channel.write(wrapped);
        }
        progress.advance(n);
      }
      channel.force(true);
    }
  }

  @Override
  public List<URI> uploadDirectory(Path directory, URI prefix, WriteOptions options)
      throws IOException {
    String operation = "uploadDirectory";
    List<LocalFiles.LocalFile> files = LocalFiles.regularFiles(directory, operation, prefix);
    List<ParallelTransfers.Transfer<URI>> transfers = new ArrayList<>(files.size());
    long total = 0;
    List<URI> uris = new ArrayList<>(files.size());
    for (LocalFiles.LocalFile file : files) {
      uris.add(child(prefix, file.key()));
      total += file.size();
    }
    TransferProgress group = new TransferProgress(prefix, total, options.progress());
    WriteOptions each = options.withProgress(ProgressListener.NONE);
    for (int i = 0; i < files.size(); i++) {
      Path path = files.get(i).path();
      URI uri = uris.get(i);
      transfers.add(
          () -> {
            uploadFile(path, uri, each, group);
            return uri;
          });
    }
    group.begin();
    return ParallelTransfers.run(operation, prefix, options.concurrency(), transfers, group);
  }

  @Override
  public List<Path> downloadDirectory(URI prefix, Path directory, ReadOptions options)
      throws IOException {
    String operation = "downloadDirectory";
    List<BlobInfo> objects = list(prefix);
    Path root = directory.toAbsolutePath().normalize();
    List<Path> targets = DownloadPlan.targets(operation, prefix, root, objects, this::relativeKey);
    // named in full, so this class compiles in any package (it may move to dev.ferry.blob.spi)
    dev.ferry.blob.internal.DownloadCleanup created =
        dev.ferry.blob.internal.DownloadCleanup.before(root, targets);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      BlobStoreException failure = Failures.wrap(operation, prefix, e);
      created.undo(failure);
      throw failure;
    }
    long total = 0;
    for (BlobInfo info : objects) {
      total += info.size();
    }
    TransferProgress group = new TransferProgress(prefix, total, options.progress());
    ReadOptions each = options.withProgress(ProgressListener.NONE);
    List<ParallelTransfers.Transfer<Path>> transfers = new ArrayList<>(objects.size());
    for (int i = 0; i < objects.size(); i++) {
      BlobInfo info = objects.get(i);
      Path target = targets.get(i);
      transfers.add(
          () -> {
            downloadFile(info.uri(), info, target, each, group);
            return target;
          });
    }
    group.begin();
    try {
      return ParallelTransfers.run(operation, prefix, options.concurrency(), transfers, group);
    } catch (IOException | RuntimeException | Error e) {
      created.undo(e); // nothing of the group runs any more
      throw e;
    }
  }

  /**
   * Returns the URI of {@code relativeKey} ({@code a/b.txt}) under {@code prefix}; the default
   * appends it to the prefix's path.
   */
  protected URI child(URI prefix, String relativeKey) throws IOException {
    String base = stripTrailingSlash(prefix.getPath());
    try {
      return new URI(
          prefix.getScheme(), prefix.getAuthority(), base + "/" + relativeKey, null, null);
    } catch (URISyntaxException e) {
      throw new BlobStoreException(
          "uploadDirectory",
          prefix,
          "cannot name " + SafePaths.quote(relativeKey) + " under it: " + e.getMessage(),
          e);
    }
  }

  /**
   * Returns the key of {@code object} relative to {@code prefix}: what follows the prefix's path
   * and a {@code /}.
   *
   * @throws IllegalArgumentException if {@code object} is not under {@code prefix}
   */
  protected String relativeKey(URI prefix, URI object) {
    String base = stripTrailingSlash(prefix.getPath());
    String path = object.getPath() == null ? "" : object.getPath();
    if (!path.startsWith(base + "/")) {
      throw new IllegalArgumentException(object + " is not under " + prefix);
    }
    return path.substring(base.length() + 1);
  }

  /** Does nothing; stores holding resources override it. */
  @Override
  public void close() throws IOException {}

  /** Throws {@link IllegalArgumentException} if {@code offset} or {@code length} is negative. */
  protected static void checkRange(long offset, long length) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative");
    }
  }

  /** Aborts {@code out}, adding a failure to abort to {@code failure}. */
  protected static void abortQuietly(BlobOutputStream out, Throwable failure) {
    try {
      out.abort();
    } catch (IOException | RuntimeException e) {
      if (e != failure) {
        failure.addSuppressed(e);
      }
    }
  }

  private static String stripTrailingSlash(@Nullable String path) {
    if (path == null) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static int readLocal(InputStream in, byte[] buffer, Path file, URI uri)
      throws BlobStoreException {
    try {
      return in.read(buffer);
    } catch (IOException e) {
      throw new BlobStoreException(UPLOAD, uri, "reading " + file + ": " + Failures.reason(e), e);
    }
  }
}
