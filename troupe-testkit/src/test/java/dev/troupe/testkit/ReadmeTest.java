package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java example in README.md is a region of {@link ReadmeExampleTest}, character for character
 * (after removing the common indentation), so the README cannot show code that does not compile or pass.
 */
class ReadmeTest {
    private static final Pattern REGION = Pattern.compile("// README: ([a-z-]+)\\n(.*?)\\n\\s*// README: end",
            Pattern.DOTALL);
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: ([a-z-]+) -->\\n```java\\n(.*?)\\n```",
            Pattern.DOTALL);

    @Test
    void readmeExamples_areTheRegionsOfTheExampleTest() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/troupe/testkit/ReadmeExampleTest.java"),
                StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher example = EXAMPLE.matcher(readme);
        int examples = 0;
        while (example.find()) {
            examples++;
            assertThat(example.group(2)).as("README example '%s'", example.group(1))
                    .isEqualTo(region(source, example.group(1)));
        }
        assertThat(examples).as("examples in README.md").isEqualTo(REGION.matcher(source).results().count());
    }

    private static String region(String source, String name) {
        Matcher region = REGION.matcher(source);
        while (region.find()) {
            if (region.group(1).equals(name)) {
                return region.group(2).stripIndent();
            }
        }
        throw new AssertionError("no region '" + name + "' in ReadmeExampleTest");
    }
}
