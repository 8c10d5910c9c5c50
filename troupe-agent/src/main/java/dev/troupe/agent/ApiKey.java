package dev.troupe.agent;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A provider's API key, read from the environment or a secret file, that never shows itself: {@link
 * #toString()} is redacted and the key is not serialisable, so it cannot reach an actor's state, a
 * history entry, a view or a log line by accident. Only the providers of this package read it.
 *
 * {@snippet :
 * ApiKey key = ApiKey.fromEnvironment("ANTHROPIC_API_KEY");
 * ApiKey mounted = ApiKey.fromFile(Path.of("/run/secrets/anthropic"));
 * }
 */
public final class ApiKey {
    private final String value;
    private final String source;

    private ApiKey(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /**
     * The key in the environment variable {@code name}.
     *
     * @throws TroupeException {@code config/invalid_registration} if the variable is unset or blank
     */
    public static ApiKey fromEnvironment(String name) {
        Objects.requireNonNull(name, "name");
        return of(System.getenv(name), "environment variable " + name);
    }

    /**
     * The key in the file {@code path} (a mounted secret), without surrounding whitespace.
     *
     * @throws TroupeException {@code config/invalid_registration} if the file cannot be read or is blank
     */
    public static ApiKey fromFile(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            return of(Files.readString(path, StandardCharsets.UTF_8), "file " + path);
        } catch (IOException e) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "the API key file " + path + " cannot be read", e);
        }
    }

    /**
     * A key given directly (from a secret store, or a test); {@code source} says where it came from in
     * messages, never the key itself.
     */
    public static ApiKey of(String value, String source) {
        Objects.requireNonNull(source, "source");
        if (value == null || value.isBlank()) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "no API key in the " + source);
        }
        return new ApiKey(value.strip(), source);
    }

    /** Where the key came from, such as {@code environment variable ANTHROPIC_API_KEY}. */
    public String source() {
        return source;
    }

    String reveal() {
        return value;
    }

    /** Redacted: names the source, never the key. */
    @Override
    public String toString() {
        return "ApiKey[" + source + ", redacted]";
    }
}
