package dev.ferry.schema.testing;

import com.palantir.javapoet.JavaFile;
import dev.ferry.dataframe.StructuredDataset;
import dev.ferry.transformers.FieldName;
import java.io.File;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources with the system Java compiler into a directory and loads them; the
 * class path holds transformers-core and transformers-dataframe, which generated code names.
 */
public final class InMemoryCompiler {
  private InMemoryCompiler() {}

  /** Compiles {@code files} into {@code classes} and returns a loader for them. */
  public static URLClassLoader compile(List<JavaFile> files, Path classes) throws Exception {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<JavaFileObject> sources = new ArrayList<>();
    files.forEach(f -> sources.add(f.toJavaFileObject()));
    StringBuilder classpath = new StringBuilder();
    for (Class<?> c : List.of(FieldName.class, StructuredDataset.class)) {
      if (classpath.length() > 0) {
        classpath.append(File.pathSeparatorChar);
      }
      classpath.append(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }
    StringWriter diagnostics = new StringWriter();
    boolean ok =
        compiler
            .getTask(
                diagnostics,
                null,
                null,
                List.of(
                    "--release",
                    "17",
                    "-Xlint:all",
                    "-Werror",
                    "-d",
                    classes.toString(),
                    "-cp",
                    classpath.toString()),
                null,
                sources)
            .call();
    if (!ok) {
      StringBuilder all = new StringBuilder(diagnostics.toString());
      for (JavaFile f : files) {
        all.append('\n').append(f);
      }
      throw new AssertionError("generated sources do not compile:\n" + all);
    }
    return new URLClassLoader(
        new URL[] {classes.toUri().toURL()}, InMemoryCompiler.class.getClassLoader());
  }
}
