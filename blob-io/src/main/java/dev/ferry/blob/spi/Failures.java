package dev.ferry.blob.spi;

import dev.ferry.blob.BlobStoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns I/O failures into {@link BlobStoreException}s naming the operation and the URI. */
public final class Failures {
  /** The reason the JDK gives for ENAMETOOLONG. */
  private static final String NAME_TOO_LONG = "File name too long";

  private Failures() {}

  /**
   * Returns {@code e} as a {@link BlobStoreException} of {@code operation} on {@code uri}; one that
   * already is one is returned as it is.
   */
  public static BlobStoreException wrap(String operation, URI uri, IOException e) {
    if (e instanceof BlobStoreException) {
      return (BlobStoreException) e;
    }
    return new BlobStoreException(operation, uri, reason(e), e);
  }

  /**
   * Returns {@code e} as a failure of {@code operation} on {@code uri}: a {@link
   * BlobStoreException} of another operation (a {@code read} inside a {@code download}) is restated
   * with the same reason, keeping "not found", and is the cause. Cancellations are returned as they
   * are.
   */
  public static BlobStoreException as(String operation, URI uri, IOException e) {
    if (e instanceof TransferCancelledException) {
      return (TransferCancelledException) e;
    }
    if (!(e instanceof BlobStoreException)) {
      return new BlobStoreException(operation, uri, reason(e), e);
    }
    BlobStoreException b = (BlobStoreException) e;
    if (b.operation().equals(operation) && b.uri().equals(uri)) {
      return b;
    }
    if (b.isNotFound()) {
      return BlobStoreException.notFound(operation, uri, b);
    }
    return new BlobStoreException(operation, uri, b.reason(), b);
  }

  /** Returns a short reason for {@code e}: {@code no such file: /data/in.csv}. */
  public static String reason(Throwable e) {
    if (e instanceof BlobStoreException) {
      return ((BlobStoreException) e).reason();
    }
    if (e instanceof FileSystemException) {
      FileSystemException f = (FileSystemException) e;
      String file =
          f.getFile() == null ? "" : dev.ferry.blob.internal.SafePaths.abbreviate(f.getFile());
      if (NAME_TOO_LONG.equals(f.getReason())) { // ENAMETOOLONG
        return "a name or the path is too long for the file system ("
            + dev.ferry.blob.internal.SafePaths.MAX_NAME_BYTES
            + " bytes a name on most): "
            + file;
      }
      if (e instanceof NoSuchFileException) {
        return "no such file: " + file;
      }
      if (e instanceof FileAlreadyExistsException) {
        return "already exists: " + file;
      }
      if (e instanceof AccessDeniedException) {
        return "access denied: " + file;
      }
      if (e instanceof NotDirectoryException) {
        return "not a directory: " + file;
      }
      if (e instanceof DirectoryNotEmptyException) {
        return "directory not empty: " + file;
      }
      StringBuilder detail = new StringBuilder(file); // FileSystemException's own form, shortened
      if (f.getOtherFile() != null) {
        detail
            .append(" -> ")
            .append(dev.ferry.blob.internal.SafePaths.abbreviate(f.getOtherFile()));
      }
      if (f.getReason() != null) {
        detail.append(detail.length() > 0 ? ": " : "").append(f.getReason());
      }
      return detail.length() == 0
          ? e.getClass().getSimpleName()
          : e.getClass().getSimpleName() + ": " + detail;
    }
    String message = e.getMessage();
    return message == null || message.isEmpty()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + message;
  }
}
