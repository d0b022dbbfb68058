package dev.ferry.engine;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A value's literal, sized but not yet written: {@link #size()} is known before any byte is
 * produced, so a caller can decide where the bytes go (inline, or offloaded to a blob store) and
 * then stream them there once with {@link #writeTo}. Made by {@link TypeEngine#encode}; single use.
 */
public final class EncodedLiteral {
  private final Runnable writeCheck;
  private final Writer writer;
  private final int size;
  private boolean written;

  interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  EncodedLiteral(int size, Writer writer, Runnable writeCheck) {
    this.size = size;
    this.writer = writer;
    this.writeCheck = writeCheck;
  }

  /** Returns the number of bytes of the serialized literal. */
  public int size() {
    return size;
  }

  /** Writes the serialized literal (deterministic serialization); the stream is flushed. */
  public void writeTo(OutputStream out) throws IOException {
    claim();
    CodedOutputStream cos =
        CodedOutputStream.newInstance(out, Math.max(256, Math.min(size, 1 << 16)));
    cos.useDeterministicSerialization();
    writer.write(cos);
    cos.flush();
    writeCheck.run();
  }

  /** Returns the serialized literal. */
  public byte[] toByteArray() {
    claim();
    byte[] bytes = new byte[size];
    CodedOutputStream cos = CodedOutputStream.newInstance(bytes);
    cos.useDeterministicSerialization();
    try {
      writer.write(cos);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    cos.checkNoSpaceLeft();
    writeCheck.run();
    return bytes;
  }

  private void claim() {
    if (written) {
      throw new IllegalStateException("an EncodedLiteral is written once");
    }
    written = true;
  }
}
