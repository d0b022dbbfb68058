package dev.ferry.schema;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import dev.ferry.idl.core.LiteralType;
import dev.ferry.idl.core.TypedInterface;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command that generates Java sources from a type another SDK wrote:
 *
 * <pre>
 * java dev.ferry.schema.GenerateMain &lt;literal-type.pb|interface.pb&gt; &lt;out-dir&gt; &lt;package&gt; [name]
 * </pre>
 *
 * <p>The input is a serialized {@code LiteralType} (a dataclass-shaped type) or {@code
 * TypedInterface}, in binary or, for a name ending in {@code .txt} or {@code .textproto}, text
 * form. {@code name} names a record whose schema has no title, or the task of an interface; it
 * defaults to the file name before its first dot.
 */
public final class GenerateMain {
  private GenerateMain() {}

  /** Runs the command; exits with 2 on a usage error and 1 on a failure. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command and returns its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 3 || args.length > 4) {
      err.println("usage: GenerateMain <literal-type.pb|interface.pb> <out-dir> <package> [name]");
      return 2;
    }
    Path input = Path.of(args[0]);
    Path outDir = Path.of(args[1]);
    String fileName = input.getFileName().toString();
    String name = args.length == 4 ? args[3] : fileName.split("\\.", 2)[0];
    try {
      JavaSourceGenerator gen = new JavaSourceGenerator(args[2]);
      Object parsed = parse(input);
      if (parsed instanceof LiteralType) {
        gen.addRecord(name, (LiteralType) parsed);
      } else {
        gen.addInterface(name, (TypedInterface) parsed);
      }
      gen.writeTo(outDir);
      gen.files()
          .forEach(f -> out.println("wrote " + outDir.resolve(f.toJavaFileObject().getName())));
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  /** Returns the LiteralType or TypedInterface held in {@code file}. */
  static Object parse(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".txt") || name.endsWith(".textproto")) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      try {
        return TextFormat.parse(text, LiteralType.class);
      } catch (TextFormat.ParseException notAType) {
        try {
          return TextFormat.parse(text, TypedInterface.class);
        } catch (TextFormat.ParseException e) {
          throw new IllegalArgumentException(
              file
                  + " is neither a LiteralType nor a TypedInterface in text form: "
                  + e.getMessage());
        }
      }
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      // the two share field number 2 (schema / outputs); a LiteralType's other fields are unknown
      // to TypedInterface, so an interface is bytes TypedInterface reads without unknown fields
      TypedInterface ti = TypedInterface.parseFrom(bytes);
      if (ti.getUnknownFields().asMap().isEmpty() && (ti.hasInputs() || ti.hasOutputs())) {
        return ti;
      }
      LiteralType type = LiteralType.parseFrom(bytes);
      if (type.getTypeCase() != LiteralType.TypeCase.TYPE_NOT_SET) {
        return type;
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(file + " is not a serialized protobuf: " + e.getMessage());
    }
    throw new IllegalArgumentException(file + " holds neither a LiteralType nor a TypedInterface");
  }
}
