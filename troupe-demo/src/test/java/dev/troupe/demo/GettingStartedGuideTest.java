package dev.troupe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/getting-started.md cannot drift from examples/hello-troupe: it lists the example's files, shows
 * each of them verbatim, its {@code curl} requests get the answers it shows from the example's own
 * server, and the example builds against this build's version of Troupe.
 */
class GettingStartedGuideTest {
    private static final Path GUIDE = Path.of("../docs/getting-started.md");
    private static final Path EXAMPLE = Path.of("../examples/hello-troupe");
    /** What a build or a run of the example leaves behind; neither is part of the project. */
    private static final List<String> NOT_SOURCES = List.of("target", "hello-data");
    private static final String EXAMPLE_MARKER = "example: ";
    private static final Pattern TROUPE_VERSION = Pattern.compile("<troupe\\.version>([^<]+)</troupe\\.version>");

    private static List<FencedBlocks.Block> blocks;

    @BeforeAll
    static void readGuide() throws IOException {
        blocks = FencedBlocks.of(Files.readString(GUIDE, StandardCharsets.UTF_8));
    }

    @Test
    void guide_listsEveryFileOfTheExample() throws IOException {
        assertThat(block("files").text().lines()).containsExactlyElementsOf(exampleFiles());
    }

    @Test
    void guide_showsEveryFileOfTheExample_verbatim() throws IOException {
        List<String> shown = blocks.stream()
                .filter(block -> block.marker() != null && block.marker().startsWith(EXAMPLE_MARKER))
                .map(block -> block.marker().substring(EXAMPLE_MARKER.length()))
                .toList();
        assertThat(shown).containsExactlyInAnyOrderElementsOf(
                exampleFiles().stream().filter(file -> !file.equals(".gitignore")).toList());
        for (FencedBlocks.Block block : blocks) {
            if (block.marker() != null && block.marker().startsWith(EXAMPLE_MARKER)) {
                String file = block.marker().substring(EXAMPLE_MARKER.length());
                assertThat(block.text()).as("the guide's copy of %s", file)
                        .isEqualTo(Files.readString(EXAMPLE.resolve(file), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void guide_showsNoCodeButTheExamples_andShellCommands() {
        assertThat(blocks).allSatisfy(block -> assertThat(block.marker() != null || block.language().equals("sh"))
                .as("a block that is neither a file of the example nor shell commands:%n%s", block.text())
                .isTrue());
    }

    @Test
    void guidesRequests_getTheAnswersShown_fromTheExamplesServer(@TempDir Path dir) throws Exception {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(EXAMPLE.resolve("src/main/java"))) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        Path output = Files.createDirectory(dir.resolve("classes"));
        try (URLClassLoader classes = JavaSources.compileFiles(sources, output)) {
            Class<?> serverClass = classes.loadClass("com.example.hello.HelloServer");
            try (AutoCloseable server = (AutoCloseable) serverClass.getMethod("start", Path.class, int.class)
                    .invoke(null, dir.resolve("data"), 0)) {
                URI uri = (URI) serverClass.getMethod("uri").invoke(server);
                CurlTranscript.parse(block("requests").text()).replay("http://127.0.0.1:8080", uri);
            }
        }
    }

    @Test
    void example_buildsAgainstThisVersionOfTroupe() throws IOException {
        Matcher version = TROUPE_VERSION.matcher(Files.readString(EXAMPLE.resolve("pom.xml"), StandardCharsets.UTF_8));

        assertThat(version.find()).as("examples/hello-troupe/pom.xml sets <troupe.version>").isTrue();
        assertThat(version.group(1)).as("the example's troupe.version (keep it equal to the project's version)")
                .isEqualTo(BuiltVersion.troupe());
    }

    private static FencedBlocks.Block block(String marker) {
        return blocks.stream().filter(block -> marker.equals(block.marker())).findFirst()
                .orElseThrow(() -> new AssertionError("no block marked <!-- " + marker + " --> in the guide"));
    }

    private static List<String> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> EXAMPLE.relativize(file).toString().replace('\\', '/'))
                    .filter(file -> NOT_SOURCES.stream().noneMatch(dir -> file.startsWith(dir + "/")))
                    .sorted()
                    .toList();
        }
    }
}
