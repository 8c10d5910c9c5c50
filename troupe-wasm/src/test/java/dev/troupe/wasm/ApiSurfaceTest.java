package dev.troupe.wasm;

import dev.troupe.testing.ApiListing;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public API of {@code dev.troupe.wasm} is checked in as a listing ({@link ApiListing}, from
 * troupe-core's test-jar), so every change to it shows up in review. After an intended change,
 * regenerate it with {@code ./troupe test -pl troupe-wasm -Dtest=ApiSurfaceTest
 * -Dtroupe.api.update=true -Dsurefire.failIfNoSpecifiedTests=false} and commit it with the change.
 */
class ApiSurfaceTest {

    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        ApiListing.check(WasmDefinition.class, List.of("dev.troupe.wasm"), Path.of("api", "troupe-wasm.api"));
    }
}
