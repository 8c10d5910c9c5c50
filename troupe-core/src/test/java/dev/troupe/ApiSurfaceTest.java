package dev.troupe;

import dev.troupe.testing.ApiListing;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public API of {@code dev.troupe}, its SPIs ({@code dev.troupe.definition}, {@code dev.troupe.store}),
 * the host interface ({@code dev.troupe.host}), the history handle ({@code dev.troupe.history}),
 * {@code dev.troupe.json} and {@code dev.troupe.schema} is
 * checked in as a listing ({@link ApiListing}), so every change to it
 * shows up in review. After an intended change, regenerate the listing with
 * {@code ./troupe test -pl troupe-core -Dtest=ApiSurfaceTest -Dtroupe.api.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and commit it with the change.
 */
class ApiSurfaceTest {

    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        ApiListing.check(Key.class, List.of("dev.troupe", "dev.troupe.definition", "dev.troupe.history", "dev.troupe.host", "dev.troupe.json",
                        "dev.troupe.schema", "dev.troupe.store"),
                Path.of("api", "troupe-core.api"));
    }
}
