package dev.ferry.dataframe.parquet;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;

/**
 * A {@link RecordConsumer} that drives a converter tree, as a Parquet record reader would: what a
 * write support emits for one row goes straight into a materializer, with no file in between.
 * Fields are matched by name against the schema the converters were built for, so the writer's
 * schema may have more fields (at any depth) than the converters read: those are skipped.
 *
 * <p>This joins the record API's two halves: records to Arrow vectors ({@link RowWriteSupport} into
 * {@link RecordBatchLoader}'s converters) and Arrow vectors to records ({@link RecordArrowWriter}'s
 * support into {@link RowMaterializer}).
 */
final class ConverterConsumer extends RecordConsumer {
  private final GroupConverter root;
  private final GroupType rootType;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private int skipping;

  /** One open group: its converter, its schema, and the field being written in it. */
  private static final class Frame {
    final GroupConverter converter;
    final GroupType type;
    int field = -1;

    Frame(GroupConverter converter, GroupType type) {
      this.converter = converter;
      this.type = type;
    }
  }

  /** Returns a consumer feeding {@code root}, built for rows of {@code rootType}. */
  ConverterConsumer(GroupConverter root, GroupType rootType) {
    this.root = root;
    this.rootType = rootType;
  }

  @Override
  public void startMessage() {
    stack.clear();
    skipping = 0;
    root.start();
    stack.push(new Frame(root, rootType));
  }

  @Override
  public void endMessage() {
    root.end();
    stack.pop();
  }

  @Override
  public void startField(String field, int index) {
    if (skipping > 0) {
      skipping++;
      return;
    }
    Frame top = stack.peek();
    if (!top.type.containsField(field)) {
      skipping = 1;
      return;
    }
    top.field = top.type.getFieldIndex(field);
  }

  @Override
  public void endField(String field, int index) {
    if (skipping > 0) {
      skipping--;
    }
  }

  @Override
  public void startGroup() {
    if (skipping > 0) {
      return;
    }
    Frame top = stack.peek();
    GroupConverter child = top.converter.getConverter(top.field).asGroupConverter();
    child.start();
    stack.push(new Frame(child, top.type.getType(top.field).asGroupType()));
  }

  @Override
  public void endGroup() {
    if (skipping > 0) {
      return;
    }
    stack.pop().converter.end();
  }

  private PrimitiveConverter primitive() {
    Frame top = stack.peek();
    return top.converter.getConverter(top.field).asPrimitiveConverter();
  }

  @Override
  public void addInteger(int value) {
    if (skipping == 0) {
      primitive().addInt(value);
    }
  }

  @Override
  public void addLong(long value) {
    if (skipping == 0) {
      primitive().addLong(value);
    }
  }

  @Override
  public void addBoolean(boolean value) {
    if (skipping == 0) {
      primitive().addBoolean(value);
    }
  }

  @Override
  public void addBinary(Binary value) {
    if (skipping == 0) {
      primitive().addBinary(value);
    }
  }

  @Override
  public void addFloat(float value) {
    if (skipping == 0) {
      primitive().addFloat(value);
    }
  }

  @Override
  public void addDouble(double value) {
    if (skipping == 0) {
      primitive().addDouble(value);
    }
  }
}
