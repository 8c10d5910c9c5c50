package dev.troupe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources from documentation or another project against this module's test class path. */
final class JavaSources {
    private JavaSources() {
    }

    /** Compiles source files into {@code output} and returns a class loader for them. */
    static URLClassLoader compileFiles(List<Path> sources, Path output) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            return compile(compiler, files, files.getJavaFileObjectsFromPaths(sources), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles in-memory sources, keyed by the simple name of their public type, into {@code output}. */
    static URLClassLoader compileStrings(Map<String, String> sourcesByClassName, Path output) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> sources = sourcesByClassName.entrySet().stream()
                .<JavaFileObject>map(source -> new InMemorySource(source.getKey(), source.getValue()))
                .toList();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            return compile(compiler, files, sources, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URLClassLoader compile(JavaCompiler compiler, StandardJavaFileManager files,
                                          Iterable<? extends JavaFileObject> sources, Path output) {
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("--release", "21", "-parameters", "-proc:none",
                "-classpath", testClassPath(), "-d", output.toString());
        boolean compiled = compiler.getTask(diagnostics, files, null, options, null, sources).call();
        assertThat(compiled).as("compiling the documented code:%n%s", diagnostics).isTrue();
        try {
            return new URLClassLoader(new URL[] {output.toUri().toURL()}, JavaSources.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Surefire runs tests from a manifest-only jar and states the real class path in this property. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static final class InMemorySource extends SimpleJavaFileObject {
        private final String code;

        InMemorySource(String className, String code) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
