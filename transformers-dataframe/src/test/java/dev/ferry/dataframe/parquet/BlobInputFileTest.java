package dev.ferry.dataframe.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.blob.BlobOutputStream;
import dev.ferry.blob.memory.MemoryBlobStore;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlobInputFileTest {
  private final MemoryBlobStore memory = new MemoryBlobStore();
  private final URI uri = URI.create("memory://b/f");
  private final byte[] data = new byte[300_000];

  @BeforeEach
  void setUp() throws Exception {
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    try (BlobOutputStream out = memory.create(uri)) {
      out.write(data);
      out.commit();
    }
  }

  @Test
  void seekAndReadFully_acrossRanges() throws Exception {
    CountingStore counting = new CountingStore(memory);
    BlobInputFile file = BlobInputFile.open(counting, uri);
    assertThat(file.getLength()).isEqualTo(data.length);
    try (SeekableInputStream in = file.newStream()) {
      in.seek(data.length - 8);
      byte[] tail = new byte[8];
      in.readFully(tail);
      assertThat(tail).isEqualTo(Arrays.copyOfRange(data, data.length - 8, data.length));
      assertThat(in.getPos()).isEqualTo(data.length);
      in.seek(10);
      byte[] big = new byte[200_000];
      in.readFully(big);
      assertThat(big).isEqualTo(Arrays.copyOfRange(data, 10, 200_010));
      ByteBuffer direct = ByteBuffer.allocateDirect(90_000);
      in.readFully(direct);
      direct.flip();
      assertThat(direct.get(0)).isEqualTo(data[200_010]);
      assertThat(in.getPos()).isEqualTo(290_010);
      assertThat(in.read()).isEqualTo(data[290_010] & 0xff);
    }
    assertThat(counting.bytesRead).isLessThan(data.length + BlobInputFile.MIN_RANGE);
  }

  @Test
  void readFully_pastTheEnd_throws() throws Exception {
    try (SeekableInputStream in = BlobInputFile.open(memory, uri).newStream()) {
      in.seek(data.length - 4);
      assertThatThrownBy(() -> in.readFully(new byte[8])).isInstanceOf(EOFException.class);
    }
  }

  @Test
  void open_missing_throws() {
    assertThatThrownBy(() -> BlobInputFile.open(memory, URI.create("memory://b/none")))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("no parquet file at memory://b/none");
  }
}
