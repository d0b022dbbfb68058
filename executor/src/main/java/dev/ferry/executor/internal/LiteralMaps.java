package dev.ferry.executor.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.ferry.blob.WriteOptions;
import dev.ferry.engine.EncodedLiteral;
import dev.ferry.engine.LiteralConversionException;
import dev.ferry.engine.Literals;
import dev.ferry.engine.OffloadPolicy;
import dev.ferry.engine.OffloadedLiteralResolver;
import dev.ferry.engine.TransformContext;
import dev.ferry.engine.TypeEngine;
import dev.ferry.engine.TypeRef;
import dev.ferry.idl.core.Literal;
import dev.ferry.idl.core.LiteralCollection;
import dev.ferry.idl.core.LiteralMap;
import dev.ferry.idl.core.LiteralOffloadedMetadata;
import dev.ferry.schema.TypedInterfaces;
import dev.ferry.sdk.Task;
import dev.ferry.transformers.FieldName;
import dev.ferry.transformers.blob.DataPlane;
import dev.ferry.transformers.blob.LiteralOffloading;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads a task's inputs and outputs as a serialized {@code LiteralMap} through the type
 * engine's streaming path: each value is encoded straight into the map entry (entries sorted by
 * name, so the bytes are deterministic) and decoded from its entry's bytes, never through a Java
 * object shared between actions.
 */
public final class LiteralMaps {
  private static final int ENTRY_KEY = 1;
  private static final int ENTRY_VALUE = 2;

  /** One variable: its name, type and value. */
  public record Entry(String name, TypeRef<?> type, @Nullable Object value) {}

  private LiteralMaps() {}

  /** Returns the input variables of {@code input} for {@code task}. */
  public static List<Entry> inputs(Task<?, ?> task, @Nullable Object input) {
    return switch (task.inputKind()) {
      case NONE -> List.of();
      case SINGLE -> List.of(new Entry(task.inputName(), task.inputType(), input));
      case RECORD -> components(task.inputType(), input, "input of task " + task.name());
    };
  }

  /** Returns the output variables of {@code output} for {@code task}. */
  public static List<Entry> outputs(Task<?, ?> task, @Nullable Object output) {
    TypeRef<?> type = task.outputType();
    Class<?> raw = type.rawType();
    if (raw == Void.class || raw == void.class) {
      return List.of();
    }
    if (TypedInterfaces.isNamedOutputs(type)) {
      return components(type, output, "output of task " + task.name());
    }
    return List.of(new Entry(TypedInterfaces.SINGLE_OUTPUT, type, output));
  }

  private static List<Entry> components(TypeRef<?> type, @Nullable Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException("the " + what + " must not be null: a " + type);
    }
    List<Entry> out = new ArrayList<>();
    for (RecordComponent rc : type.rawType().getRecordComponents()) {
      Object v;
      try {
        var accessor = rc.getAccessor();
        accessor.setAccessible(true);
        v = accessor.invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read component " + rc.getName() + " of " + type, e);
      }
      out.add(new Entry(variableName(rc), type.resolve(rc.getGenericType()), v));
    }
    return out;
  }

  static String variableName(RecordComponent rc) {
    FieldName rename = rc.getAnnotation(FieldName.class);
    return rename != null ? rename.value() : rc.getName();
  }

  /**
   * Writes {@code entries} as a {@code LiteralMap} to {@code out}; values larger than the policy's
   * minimum are offloaded under the context's raw-output prefix.
   */
  public static void write(
      List<Entry> entries,
      OutputStream out,
      TypeEngine engine,
      TransformContext ctx,
      OffloadPolicy policy)
      throws IOException {
    write(entries, out, engine, ctx, policy, null);
  }

  /**
   * As {@link #write(List, OutputStream, TypeEngine, TransformContext, OffloadPolicy)}; when {@code
   * offloadTo} is given, an offloaded value goes to {@code offloadTo.apply(name)} (for a pod: the
   * output prefix's {@code <name>_offloaded_metadata.pb}) instead of a fresh raw-prefix name.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void write(
      List<Entry> entries,
      OutputStream out,
      TypeEngine engine,
      TransformContext ctx,
      OffloadPolicy policy,
      @Nullable Function<String, URI> offloadTo)
      throws IOException {
    Map<String, Entry> sorted = new TreeMap<>();
    for (Entry e : entries) {
      sorted.put(e.name(), e);
    }
    // the stream buffers only tags, lengths, names and offloaded references: values go to out
    CodedOutputStream cos = CodedOutputStream.newInstance(out, 256);
    for (Entry e : sorted.values()) {
      TransformContext at = ctx.child(e.name());
      TypeRef type = e.type();
      EncodedLiteral encoded = engine.encode(e.value(), type, at);
      byte[] small = null;
      int size = encoded.size();
      if (size > policy.maxBytes() || policy.offloads(size)) {
        Literal offloaded =
            offloadTo == null
                ? LiteralOffloading.toLiteral(e.value(), type, engine, at, policy)
                : offload(encoded, type, engine, at, policy, offloadTo.apply(e.name()));
        small = offloaded.toByteArray();
        size = small.length;
      }
      byte[] key = e.name().getBytes(StandardCharsets.UTF_8);
      int entrySize =
          CodedOutputStream.computeByteArraySize(ENTRY_KEY, key)
              + CodedOutputStream.computeTagSize(ENTRY_VALUE)
              + CodedOutputStream.computeUInt32SizeNoTag(size)
              + size;
      cos.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      cos.writeUInt32NoTag(entrySize);
      cos.writeByteArray(ENTRY_KEY, key);
      cos.writeTag(ENTRY_VALUE, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      cos.writeUInt32NoTag(size);
      if (small != null) {
        cos.writeRawBytes(small);
      } else {
        cos.flush();
        encoded.writeTo(out);
      }
    }
    cos.flush();
  }

  /**
   * A map's inputs encoded once: {@code document}, a {@code LiteralMap} in which each input
   * variable is the collection of the elements' values (the {@code inputs.pb} of a Flyte {@code
   * ArrayNode}), and each element's own {@code LiteralMap}, as its action would have written it.
   */
  public record MapInputs(byte[] document, List<byte[]> elements) {}

  /**
   * Encodes the inputs of {@code task} for every element of {@code inputs} through the type engine
   * (files and datasets go under the context's raw-output prefix), or returns null as soon as the
   * document would exceed {@code maxBytes}: elements that large are better written one document
   * each. No value is offloaded.
   *
   * @throws IOException if a file or dataset could not be written
   * @throws LiteralConversionException if a value does not fit its type
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static @Nullable MapInputs encodeMap(
      Task<?, ?> task, List<?> inputs, TypeEngine engine, TransformContext ctx, long maxBytes)
      throws IOException {
    Map<String, LiteralCollection.Builder> columns = new TreeMap<>();
    List<byte[]> elements = new ArrayList<>(inputs.size());
    long total = 0;
    for (int i = 0; i < inputs.size(); i++) {
      Map<String, Literal> element = new TreeMap<>();
      for (Entry e : inputs(task, inputs.get(i))) {
        TransformContext at = ctx.withPath(ctx.path() + "[" + i + "]").child(e.name());
        EncodedLiteral encoded = engine.encode(e.value(), (TypeRef) e.type(), at);
        total += encoded.size();
        if (total > maxBytes) {
          return null;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(encoded.size());
        encoded.writeTo(bytes);
        element.put(e.name(), Literal.parseFrom(bytes.toByteArray()));
      }
      LiteralMap.Builder own = LiteralMap.newBuilder();
      for (Map.Entry<String, Literal> v : element.entrySet()) {
        own.putLiterals(v.getKey(), v.getValue());
        columns
            .computeIfAbsent(v.getKey(), k -> LiteralCollection.newBuilder())
            .addLiterals(v.getValue());
      }
      elements.add(own.build().toByteArray());
    }
    LiteralMap.Builder document = LiteralMap.newBuilder();
    for (Map.Entry<String, LiteralCollection.Builder> c : columns.entrySet()) {
      document.putLiterals(c.getKey(), Literal.newBuilder().setCollection(c.getValue()).build());
    }
    return new MapInputs(document.build().toByteArray(), elements);
  }

  /**
   * Reads element {@code index} of a map's inputs document: a {@code LiteralMap} holding, for each
   * variable, element {@code index} of that variable's collection (offloaded collections are
   * fetched through the context's resolver).
   *
   * @param where the document's URI, for error messages
   * @throws LiteralConversionException if a variable is not a collection or is too short
   */
  public static byte[] element(InputStream in, int index, String where, TransformContext ctx)
      throws IOException {
    LiteralMap.Builder element = LiteralMap.newBuilder();
    for (Map.Entry<String, byte[]> e : new TreeMap<>(readEntries(in)).entrySet()) {
      Literal column =
          OffloadedLiteralResolver.resolve(Literal.parseFrom(e.getValue()), ctx.child(e.getKey()));
      if (!column.hasCollection()) {
        throw new LiteralConversionException(
                "a collection (a map's inputs, element " + index + " of each variable)",
                Literals.describe(column),
                null,
                null)
            .withRoot(where + "." + e.getKey());
      }
      LiteralCollection values = column.getCollection();
      if (index >= values.getLiteralsCount()) {
        throw new LiteralConversionException(
                "a collection of at least " + (index + 1) + " values (element " + index + ")",
                values.getLiteralsCount() + " values",
                null,
                null)
            .withRoot(where + "." + e.getKey());
      }
      element.putLiterals(e.getKey(), values.getLiterals(index));
    }
    return element.build().toByteArray();
  }

  /**
   * Streams {@code encoded} to {@code target} and returns the literal referring to it: {@code
   * offloaded_metadata{uri, size_bytes, inferred_type}} and the base64 SHA-256 of the bytes as
   * {@code hash}; refuses a literal above the policy's maximum.
   */
  private static Literal offload(
      EncodedLiteral encoded,
      TypeRef<?> type,
      TypeEngine engine,
      TransformContext at,
      OffloadPolicy policy,
      URI target)
      throws IOException {
    if (encoded.size() > policy.maxBytes()) {
      throw new LiteralConversionException(
              "a literal of at most " + policy.maxBytes() + " bytes",
              encoded.size() + " bytes (raise _F_L_MAX_SIZE_MB, or pass the data as a file)",
              type.type(),
              null)
          .withRoot(at.path());
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
    DataPlane.from(at)
        .store(target)
        .write(
            target,
            WriteOptions.defaults(),
            stream -> encoded.writeTo(new DigestOutputStream(stream, sha)));
    return Literal.newBuilder()
        .setOffloadedMetadata(
            LiteralOffloadedMetadata.newBuilder()
                .setUri(target.toString())
                .setSizeBytes(encoded.size())
                .setInferredType(engine.literalType(type)))
        .setHash(Base64.getEncoder().encodeToString(sha.digest()))
        .build();
  }

  /**
   * Returns a read buffer for {@code in}: 64 KiB, or the size of a document kept in memory (a few
   * hundred bytes; the executor reads two per action). Only an in-memory stream's {@code
   * available()} is its whole length.
   */
  private static int bufferSize(InputStream in) {
    return in instanceof ByteArrayInputStream b
        ? Math.min(1 << 16, Math.max(256, b.available()))
        : 1 << 16;
  }

  /** Reads a serialized {@code LiteralMap}: each entry's name and its literal's bytes. */
  public static Map<String, byte[]> readEntries(InputStream in) throws IOException {
    CodedInputStream cis = CodedInputStream.newInstance(in, bufferSize(in));
    cis.setSizeLimit(Integer.MAX_VALUE);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    while (true) {
      int tag = cis.readTag();
      if (tag == 0) {
        return entries;
      }
      if (tag != ((1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        cis.skipField(tag);
        continue;
      }
      int length = cis.readRawVarint32();
      int limit = cis.pushLimit(length);
      String key = "";
      byte[] value = new byte[0];
      while (!cis.isAtEnd()) {
        int t = cis.readTag();
        switch (WireFormat.getTagFieldNumber(t)) {
          case ENTRY_KEY -> key = cis.readStringRequireUtf8();
          case ENTRY_VALUE -> value = cis.readByteArray();
          default -> cis.skipField(t);
        }
      }
      cis.popLimit(limit);
      entries.put(key, value);
    }
  }

  /**
   * Reads {@code task}'s input from a serialized {@code LiteralMap}.
   *
   * @param where the document's URI, for error messages
   */
  public static @Nullable Object readInput(
      Task<?, ?> task, InputStream in, String where, TypeEngine engine, TransformContext ctx)
      throws IOException {
    Map<String, byte[]> entries = readEntries(in);
    return switch (task.inputKind()) {
      case NONE -> null;
      case SINGLE ->
          decode(
              require(entries, task.inputName(), where),
              task.inputType(),
              engine,
              ctx.child(task.inputName()));
      case RECORD -> construct(task.inputType(), entries, where, engine, ctx);
    };
  }

  /** Reads {@code task}'s output from a serialized {@code LiteralMap}. */
  public static @Nullable Object readOutput(
      Task<?, ?> task, InputStream in, String where, TypeEngine engine, TransformContext ctx)
      throws IOException {
    TypeRef<?> type = task.outputType();
    Class<?> raw = type.rawType();
    if (raw == Void.class || raw == void.class) {
      in.transferTo(OutputStream.nullOutputStream());
      return null;
    }
    Map<String, byte[]> entries = readEntries(in);
    if (TypedInterfaces.isNamedOutputs(type)) {
      return construct(type, entries, where, engine, ctx);
    }
    String name = TypedInterfaces.SINGLE_OUTPUT;
    return decode(require(entries, name, where), type, engine, ctx.child(name));
  }

  private static byte[] require(Map<String, byte[]> entries, String name, String where) {
    byte[] bytes = entries.get(name);
    if (bytes == null) {
      throw new LiteralConversionException(
          "a variable '" + name + "' in " + where,
          "only " + new java.util.TreeSet<>(entries.keySet()),
          Object.class,
          null);
    }
    return bytes;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static @Nullable Object decode(
      byte[] bytes, TypeRef<?> type, TypeEngine engine, TransformContext ctx) {
    return engine.fromBytes(bytes, (TypeRef) type, ctx);
  }

  private static Object construct(
      TypeRef<?> type,
      Map<String, byte[]> entries,
      String where,
      TypeEngine engine,
      TransformContext ctx) {
    RecordComponent[] rcs = type.rawType().getRecordComponents();
    Object[] args = new Object[rcs.length];
    Class<?>[] types = new Class<?>[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      String name = variableName(rcs[i]);
      types[i] = rcs[i].getType();
      byte[] bytes = entries.get(name);
      if (bytes == null && rcs[i].getType() == Optional.class) {
        args[i] = Optional.empty();
        continue;
      }
      args[i] =
          decode(
              require(entries, name, where),
              type.resolve(rcs[i].getGenericType()),
              engine,
              ctx.child(name));
    }
    try {
      Constructor<?> ctor = type.rawType().getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw new LiteralConversionException(
          "values " + type + " accepts",
          "rejected: " + e.getCause(),
          type.type(),
          null,
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type, e);
    }
  }
}
