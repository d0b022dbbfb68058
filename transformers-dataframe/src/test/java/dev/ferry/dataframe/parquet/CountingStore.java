package dev.ferry.dataframe.parquet;

import dev.ferry.blob.BlobInfo;
import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.BlobStore;
import dev.ferry.blob.ReadOptions;
import dev.ferry.blob.WriteOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A store that counts the bytes read through it, to check what a reader fetches. */
final class CountingStore implements BlobStore {
  private final BlobStore delegate;
  long bytesRead;

  CountingStore(BlobStore delegate) {
    this.delegate = delegate;
  }

  private InputStream counted(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytesRead++;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          bytesRead += n;
        }
        return n;
      }
    };
  }

  @Override
  public String scheme() {
    return delegate.scheme();
  }

  @Override
  public BlobOutputStream create(URI uri, WriteOptions options) throws IOException {
    return delegate.create(uri, options);
  }

  @Override
  public InputStream open(URI uri, ReadOptions options) throws IOException {
    return counted(delegate.open(uri, options));
  }

  @Override
  public InputStream openRange(URI uri, long offset, long length) throws IOException {
    return counted(delegate.openRange(uri, offset, length));
  }

  @Override
  public Optional<BlobInfo> stat(URI uri) throws IOException {
    return delegate.stat(uri);
  }

  @Override
  public List<BlobInfo> list(URI prefix) throws IOException {
    return delegate.list(prefix);
  }

  @Override
  public boolean delete(URI uri) throws IOException {
    return delegate.delete(uri);
  }

  @Override
  public void upload(Path file, URI uri, WriteOptions options) throws IOException {
    delegate.upload(file, uri, options);
  }

  @Override
  public void download(URI uri, Path file, ReadOptions options) throws IOException {
    delegate.download(uri, file, options);
  }

  @Override
  public List<URI> uploadDirectory(Path directory, URI prefix, WriteOptions options)
      throws IOException {
    return delegate.uploadDirectory(directory, prefix, options);
  }

  @Override
  public List<Path> downloadDirectory(URI prefix, Path directory, ReadOptions options)
      throws IOException {
    return delegate.downloadDirectory(prefix, directory, options);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
