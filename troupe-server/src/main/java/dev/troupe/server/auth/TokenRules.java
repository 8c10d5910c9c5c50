package dev.troupe.server.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a token must say beyond a valid signature: the issuer ({@code iss}) and audience ({@code aud})
 * this server requires, if any; how much clock skew {@code exp} and {@code nbf} are allowed; and
 * where a JSON Web Key Set of further verification keys lives (a file or an http(s) URL). Set
 * through {@code ServerConfig}. Immutable and thread-safe; every {@code with} method returns a copy.
 */
public final class TokenRules {
    /** The largest clock skew that may be configured; more would make expiry meaningless. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** No issuer or audience required, no clock skew, no key set. */
    public static final TokenRules DEFAULT = new TokenRules(null, null, Duration.ZERO, null);

    private final @Nullable String issuer;
    private final @Nullable String audience;
    private final Duration clockSkew;
    private final @Nullable URI keySet;

    private TokenRules(@Nullable String issuer, @Nullable String audience, Duration clockSkew,
                       @Nullable URI keySet) {
        this.issuer = issuer;
        this.audience = audience;
        this.clockSkew = clockSkew;
        this.keySet = keySet;
    }

    /**
     * Requires every token to carry {@code iss} equal to {@code value}.
     *
     * @throws IllegalArgumentException if {@code value} is empty
     */
    public TokenRules withIssuer(String value) {
        return new TokenRules(nonEmpty(value, "issuer"), audience, clockSkew, keySet);
    }

    /**
     * Requires every token's {@code aud} (a string or an array of strings) to contain {@code value}.
     *
     * @throws IllegalArgumentException if {@code value} is empty
     */
    public TokenRules withAudience(String value) {
        return new TokenRules(issuer, nonEmpty(value, "audience"), clockSkew, keySet);
    }

    /**
     * Accepts a token up to {@code value} after its {@code exp} and before its {@code nbf}.
     *
     * @throws IllegalArgumentException if negative or longer than {@link #MAX_CLOCK_SKEW}
     */
    public TokenRules withClockSkew(Duration value) {
        Objects.requireNonNull(value, "clock skew");
        if (value.isNegative() || value.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("the token clock skew must be between 0 and "
                    + MAX_CLOCK_SKEW.toSeconds() + " s, not " + value.toSeconds() + " s");
        }
        return new TokenRules(issuer, audience, value, keySet);
    }

    /**
     * Also verifies tokens with the keys of the JSON Web Key Set (RFC 7517) in {@code file}, read once
     * when the server starts.
     *
     * @throws IllegalArgumentException if the file cannot be read or is not a JWK set
     */
    public TokenRules withKeySetFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            JWKSet.load(absolute.toFile());
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("the JWK set file " + absolute + " cannot be read as a JWK set: "
                    + e.getMessage(), e);
        }
        return new TokenRules(issuer, audience, clockSkew, absolute.toUri());
    }

    /**
     * Also verifies tokens with the keys of the JSON Web Key Set served at {@code url}, fetched when a
     * token first needs it, cached for 5 minutes and fetched again early when a token names a key id
     * ({@code kid}) the cached set does not have (at most twice in 30 s).
     *
     * @throws IllegalArgumentException if the URL is not http or https
     */
    public TokenRules withKeySetUrl(URI url) {
        String scheme = url.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("a JWK set URL must be http or https: " + url);
        }
        return new TokenRules(issuer, audience, clockSkew, url);
    }

    /** The issuer tokens must name, or null if any (or none) will do. */
    public @Nullable String issuer() {
        return issuer;
    }

    /** The audience tokens must include, or null if any (or none) will do. */
    public @Nullable String audience() {
        return audience;
    }

    /** The clock skew allowed on {@code exp} and {@code nbf} (default zero). */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** Where the JWK set lives: a {@code file:} URI or an http(s) URL; null if none. */
    public @Nullable URI keySet() {
        return keySet;
    }

    private static String nonEmpty(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the token " + name + " must not be empty");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenRules other && Objects.equals(issuer, other.issuer)
                && Objects.equals(audience, other.audience) && clockSkew.equals(other.clockSkew)
                && Objects.equals(keySet, other.keySet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuer, audience, clockSkew, keySet);
    }

    @Override
    public String toString() {
        return "TokenRules[issuer=" + issuer + ", audience=" + audience + ", clockSkew=" + clockSkew
                + ", keySet=" + keySet + "]";
    }
}
