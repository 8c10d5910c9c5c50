package dev.troupe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the module's README is the code of the example application that
 * {@link CounterApplicationTest} runs, so the README shows code that compiles and works.
 */
class ReadmeExampleTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Path EXAMPLE = Path.of("src/test/java/dev/troupe/spring/example");

    @Test
    void everyJavaBlockOfTheReadmeIsInTheTestedExample() throws IOException {
        List<String> sources = new ArrayList<>();
        for (String file : List.of("Counter.java", "CounterActor.java", "CounterApplication.java")) {
            sources.add(Files.readString(EXAMPLE.resolve(file)));
        }
        Matcher blocks = JAVA_BLOCK.matcher(Files.readString(Path.of("README.md")));
        int count = 0;
        while (blocks.find()) {
            String block = blocks.group(1);
            assertThat(sources).as("README block %s", block).anyMatch(source -> source.endsWith("\n" + block));
            count++;
        }
        assertThat(count).isEqualTo(sources.size());
    }
}
