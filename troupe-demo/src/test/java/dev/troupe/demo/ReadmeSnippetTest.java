package dev.troupe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.server.TroupeServer;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Actors in 30 lines" does what it says: its Java compiles as written (with the imports
 * the README lists), runs, and answers the README's {@code curl} requests as the README shows. The
 * only changes made to run it are the store directory (a fresh one) and the port (a free one).
 */
class ReadmeSnippetTest {
    private static final Path README = Path.of("../README.md");
    private static final String SECTION = "## Actors in 30 lines";
    private static final String DOCUMENTED_PORT = "ServerConfig.port(7420)";
    private static final String DOCUMENTED_STORE = "Path.of(\"troupe-data\")";
    private static final String DOCUMENTED_BASE = "http://127.0.0.1:7420";
    private static final Pattern IMPORTS = Pattern.compile("\\(imports: (.*?)\\.\\)", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "^(?:@\\w+(?:\\([^)]*\\))?\\s+(?://[^\\n]*\\n)?)*public (?:final )?(?:interface|class|record|enum) (\\w+)");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    @TempDir
    Path dir;

    @Test
    void readmeCounter_compilesRuns_andAnswersTheReadmesRequests() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        List<FencedBlocks.Block> blocks = FencedBlocks.inSection(readme, SECTION);
        assertThat(blocks).extracting(FencedBlocks.Block::language).containsExactly("java", "sh");
        String java = blocks.get(0).text();
        assertThat(java).contains(DOCUMENTED_PORT, DOCUMENTED_STORE);
        String runnable = java.replace(DOCUMENTED_PORT, "ServerConfig.port(0)")
                .replace(DOCUMENTED_STORE, "Path.of(\"" + dir.resolve("data").toString().replace("\\", "\\\\") + "\")");

        Map<String, String> sources = sources(imports(readme), runnable);
        Path output = Files.createDirectory(dir.resolve("classes"));
        try (URLClassLoader classes = JavaSources.compileStrings(sources, output)) {
            Method run = classes.loadClass("ReadmeMain").getMethod("run");
            @SuppressWarnings("unchecked")
            List<AutoCloseable> started = (List<AutoCloseable>) run.invoke(null);
            try {
                TroupeServer server = (TroupeServer) started.get(0);
                CurlTranscript.parse(blocks.get(1).text()).replay(DOCUMENTED_BASE, server.uri());
            } finally {
                for (AutoCloseable resource : started) {
                    resource.close();
                }
            }
        }
    }

    /** The README's import list, as import declarations. */
    private static String imports(String readme) {
        Matcher list = IMPORTS.matcher(readme.substring(readme.indexOf(SECTION)));
        assertThat(list.find()).as("the README lists the snippet's imports as (imports: `...`.)").isTrue();
        return BACKTICKED.matcher(list.group(1)).results()
                .map(name -> "import " + name.group(1) + ";\n")
                .collect(Collectors.joining());
    }

    /**
     * The snippet as compilation units: each top-level type declaration (a chunk at brace depth 0,
     * between blank lines) in a file of its own, and the statements in {@code ReadmeMain.run()}, which
     * hands back the server and the runtime it started to be closed in that order.
     */
    private static Map<String, String> sources(String imports, String snippet) {
        Map<String, String> sources = new LinkedHashMap<>();
        StringBuilder statements = new StringBuilder();
        for (String chunk : topLevelChunks(snippet)) {
            Matcher type = TYPE.matcher(chunk);
            if (type.find()) {
                sources.put(type.group(1), imports + chunk);
            } else {
                statements.append(chunk);
            }
        }
        sources.put("ReadmeMain", imports + "public final class ReadmeMain {\n"
                + "    public static java.util.List<AutoCloseable> run() throws Exception {\n"
                + statements
                + "        return java.util.List.of(server, troupe);\n"
                + "    }\n"
                + "}\n");
        return sources;
    }

    private static List<String> topLevelChunks(String snippet) {
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int depth = 0;
        for (String line : snippet.lines().toList()) {
            if (line.isBlank() && depth == 0) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
                continue;
            }
            String code = line.contains("//") ? line.substring(0, line.indexOf("//")) : line;
            depth += code.chars().filter(c -> c == '{').count() - code.chars().filter(c -> c == '}').count();
            chunk.append(line).append('\n');
        }
        chunks.add(chunk.toString());
        return chunks.stream().filter(c -> !c.isBlank()).toList();
    }
}
