package dev.troupe.server.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which other origins a browser may call the server from (CORS): the allowed origins, exact or as
 * patterns; whether those calls may carry credentials; how long a preflight answer may be cached; and
 * which response headers scripts may read. The default allows no other origin, so the server is
 * same-origin only: no CORS headers, and preflights are refused. Set through {@code ServerConfig}.
 * Immutable and thread-safe; every {@code with} method returns a copy.
 */
public final class CorsRules {
    /** No other origin allowed, no credentials, preflights cached 10 minutes, {@code Allow} readable. */
    public static final CorsRules SAME_ORIGIN = new CorsRules(List.of(), false, Duration.ofMinutes(10), List.of("Allow"));

    /** The methods a cross-origin call may use: every method a route of the server has. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "DELETE");
    /**
     * The request headers a cross-origin call may send: the token, the body's type, and the id an
     * event stream resumes from ({@code Last-Event-ID}, which EventSource polyfills set).
     */
    static final Set<String> HEADERS = Set.of("Authorization", "Content-Type", "Last-Event-ID");

    private final List<String> originPatterns;
    private final boolean credentials;
    private final Duration maxAge;
    private final List<String> exposedHeaders;

    private CorsRules(List<String> originPatterns, boolean credentials, Duration maxAge, List<String> exposedHeaders) {
        this.originPatterns = List.copyOf(originPatterns);
        this.credentials = credentials;
        this.maxAge = maxAge;
        this.exposedHeaders = List.copyOf(exposedHeaders);
    }

    /**
     * Also allows the exact origins given, such as {@code https://app.example.com} (scheme, host and
     * port if not the scheme's default, without a path), or {@code *} for any origin.
     *
     * @throws IllegalArgumentException if an origin is not of that form
     */
    public CorsRules withOrigins(String... origins) {
        List<String> patterns = new ArrayList<>(originPatterns);
        for (String origin : origins) {
            patterns.add(origin.equals("*") ? "*" : Pattern.quote(checkOrigin(origin)));
        }
        return new CorsRules(patterns, credentials, maxAge, exposedHeaders);
    }

    /**
     * Also allows every origin that matches one of the Java regular expressions given in full, as
     * Jetty's {@code CrossOriginHandler} matches them: {@code https://.*\.example\.com} allows every
     * subdomain of {@code example.com} over https (escape the dots).
     *
     * @throws IllegalArgumentException if a pattern is not a regular expression
     */
    public CorsRules withOriginPatterns(String... patterns) {
        List<String> all = new ArrayList<>(originPatterns);
        for (String pattern : patterns) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a regular expression: '" + pattern + "': " + e.getDescription(), e);
            }
            all.add(pattern);
        }
        return new CorsRules(all, credentials, maxAge, exposedHeaders);
    }

    /**
     * Whether cross-origin calls may carry credentials (cookies, TLS client certificates): answered
     * with {@code Access-Control-Allow-Credentials: true}. Bearer tokens in {@code Authorization} do not
     * need it. Default false.
     */
    public CorsRules withCredentials(boolean allowed) {
        return new CorsRules(originPatterns, allowed, maxAge, exposedHeaders);
    }

    /**
     * How long a browser may cache a preflight's answer ({@code Access-Control-Max-Age}); default 10
     * minutes (browsers cap it lower: Chromium at 2 hours, Firefox at 24).
     *
     * @throws IllegalArgumentException if negative
     */
    public CorsRules withMaxAge(Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("the CORS max age must not be negative: " + value);
        }
        return new CorsRules(originPatterns, credentials, value, exposedHeaders);
    }

    /**
     * Also lets scripts of an allowed origin read these response headers ({@code
     * Access-Control-Expose-Headers}); {@code Allow} (which methods a route has) always is, and the
     * CORS-safelisted ones ({@code Content-Type}, {@code Content-Length}, {@code Cache-Control}, ...)
     * need no listing.
     */
    public CorsRules withExposedHeaders(String... headers) {
        Set<String> all = new LinkedHashSet<>(exposedHeaders);
        all.addAll(List.of(headers));
        return new CorsRules(originPatterns, credentials, maxAge, List.copyOf(all));
    }

    /** The allowed origins as Jetty's patterns (exact ones quoted); empty for same-origin only. */
    public List<String> originPatterns() {
        return originPatterns;
    }

    /** Whether cross-origin calls may carry credentials. */
    public boolean credentials() {
        return credentials;
    }

    /** How long a preflight answer may be cached. */
    public Duration maxAge() {
        return maxAge;
    }

    /** The response headers scripts of an allowed origin may read. */
    public List<String> exposedHeaders() {
        return exposedHeaders;
    }

    private static String checkOrigin(String origin) {
        String lower = origin.toLowerCase(Locale.ROOT);
        if (!lower.matches("https?://[^/?#\\s]+") && !lower.equals("null")) {
            throw new IllegalArgumentException("an origin is scheme://host[:port] without a path, such as "
                    + "https://app.example.com, got '" + origin + "'");
        }
        return origin;
    }

    @Override
    public String toString() {
        return originPatterns.isEmpty() ? "same-origin" : "CorsRules[origins=" + originPatterns + ", credentials="
                + credentials + ", maxAge=" + maxAge + ", exposedHeaders=" + exposedHeaders + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorsRules other && originPatterns.equals(other.originPatterns)
                && credentials == other.credentials && maxAge.equals(other.maxAge)
                && exposedHeaders.equals(other.exposedHeaders);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(originPatterns, credentials, maxAge, exposedHeaders);
    }
}
