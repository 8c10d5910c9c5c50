package dev.troupe.agent;

import dev.troupe.testing.ApiListing;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public API of {@code dev.troupe.agent} is checked in as a listing ({@link ApiListing}, from
 * troupe-core's test-jar), so every change to it shows up in review. After an intended change,
 * regenerate it with {@code ./troupe test -pl troupe-agent -Dtest=ApiSurfaceTest
 * -Dtroupe.api.update=true -Dsurefire.failIfNoSpecifiedTests=false} and commit it with the change.
 */
class ApiSurfaceTest {

    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        ApiListing.check(LlmProvider.class, List.of("dev.troupe.agent"), Path.of("api", "troupe-agent.api"));
    }
}
