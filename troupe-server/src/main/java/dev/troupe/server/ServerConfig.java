package dev.troupe.server;

import dev.troupe.server.auth.SigningKeys;
import dev.troupe.server.auth.TokenRules;
import dev.troupe.server.http.CorsRules;
import dev.troupe.server.protocol.Protocol;
import dev.troupe.server.v1.ProtocolV1;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link TroupeServer}: where it listens, its limits and its token keys.
 *
 * <p>Immutable and thread-safe: every {@code with}-style method returns a new configuration. Every
 * setting has a default, listed on its method, so {@code ServerConfig.port(0)} is a complete
 * configuration (an ephemeral port on the loopback interface).
 *
 * {@snippet :
 * ServerConfig config = ServerConfig.port(7420)
 *         .host("0.0.0.0")
 *         .jwtSecret(secret)                 // at least 32 bytes, HS256
 *         .jwtPublicKey(tokenServiceKey)     // and/or ES256/ES384/ES512/RS256 from a token service
 *         .jwksUrl(URI.create("https://id.example.com/.well-known/jwks.json"))
 *         .jwtIssuer("https://id.example.com/")
 *         .jwtAudience("troupe")
 *         .jwtClockSkew(Duration.ofSeconds(30))
 *         .corsOrigins("https://app.example.com")
 *         .maxConnectionsPerActor(1_000);
 * }
 */
public final class ServerConfig {
    /** The default port of a standalone server. */
    public static final int DEFAULT_PORT = 7420;

    private final int port;
    private final String host;
    private final int maxBodyBytes;
    private final int maxFrameBytes;
    private final int maxConnectionsPerActor;
    private final int outboundQueueLimit;
    private final Duration callTimeout;
    private final Duration stopTimeout;
    private final byte @Nullable [] jwtSecret;
    private final List<PublicKey> jwtPublicKeys;
    private final @Nullable Path staticFiles;
    private final List<Protocol> protocols;
    private final TokenRules tokenRules;
    private final CorsRules cors;
    private final int sseReplayEvents;
    private final Duration sseResumeWindow;

    private ServerConfig(int port, String host, int maxBodyBytes, int maxFrameBytes, int maxConnectionsPerActor,
                         int outboundQueueLimit, Duration callTimeout, Duration stopTimeout,
                         byte @Nullable [] jwtSecret, List<PublicKey> jwtPublicKeys, @Nullable Path staticFiles,
                         List<Protocol> protocols, TokenRules tokenRules, CorsRules cors, int sseReplayEvents,
                         Duration sseResumeWindow) {
        this.port = port;
        this.host = host;
        this.maxBodyBytes = maxBodyBytes;
        this.maxFrameBytes = maxFrameBytes;
        this.maxConnectionsPerActor = maxConnectionsPerActor;
        this.outboundQueueLimit = outboundQueueLimit;
        this.callTimeout = callTimeout;
        this.stopTimeout = stopTimeout;
        this.jwtSecret = jwtSecret;
        this.jwtPublicKeys = List.copyOf(jwtPublicKeys);
        this.staticFiles = staticFiles;
        this.protocols = List.copyOf(protocols);
        this.tokenRules = tokenRules;
        this.cors = cors;
        this.sseReplayEvents = sseReplayEvents;
        this.sseResumeWindow = sseResumeWindow;
    }

    /**
     * A configuration listening on {@code port} of {@code 127.0.0.1}, with every other setting at its
     * default.
     *
     * @param port a TCP port, or 0 for an ephemeral one (read it back with {@link TroupeServer#port()})
     * @throws IllegalArgumentException if the port is outside 0..65535
     */
    public static ServerConfig port(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        return new ServerConfig(port, "127.0.0.1", 1 << 20, 256 << 10, 10_000, 1_024, Duration.ofSeconds(60),
                Duration.ofSeconds(30), null, List.of(), null, List.of(), TokenRules.DEFAULT, CorsRules.SAME_ORIGIN,
                256, Duration.ofSeconds(30));
    }

    /** The interface to bind (default {@code 127.0.0.1}, the loopback interface only). */
    public ServerConfig host(String value) {
        Objects.requireNonNull(value, "host");
        return new ServerConfig(port, value, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                callTimeout, stopTimeout, jwtSecret, jwtPublicKeys, staticFiles, protocols, tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }

    /** The largest HTTP request body accepted (default 1 MiB); larger ones get {@code 413 request/too_large}. */
    public ServerConfig maxBodyBytes(int value) {
        return new ServerConfig(port, host, positive(value, "maxBodyBytes"), maxFrameBytes, maxConnectionsPerActor,
                outboundQueueLimit, callTimeout, stopTimeout, jwtSecret, jwtPublicKeys, staticFiles, protocols, tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }

    /** The largest WebSocket message accepted (default 256 KiB); larger ones close the socket with 1009. */
    public ServerConfig maxFrameBytes(int value) {
        return new ServerConfig(port, host, maxBodyBytes, positive(value, "maxFrameBytes"), maxConnectionsPerActor,
                outboundQueueLimit, callTimeout, stopTimeout, jwtSecret, jwtPublicKeys, staticFiles, protocols, tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }

    /**
     * The most WebSocket and SSE connections this server holds open to one actor (default 10,000); one
     * more is refused with {@code actor/too_many_connections}. Actor types may set a lower limit of their
     * own.
     */
    public ServerConfig maxConnectionsPerActor(int value) {
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, positive(value, "maxConnectionsPerActor"),
                outboundQueueLimit, callTimeout, stopTimeout, jwtSecret, jwtPublicKeys, staticFiles, protocols, tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }

    /**
     * The most messages queued for one WebSocket or SSE client that does not read fast enough (default
     * 1,024). A client whose queue would exceed it is disconnected (WebSocket close code 4008).
     */
    public ServerConfig outboundQueueLimit(int value) {
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor,
                positive(value, "outboundQueueLimit"), callTimeout, stopTimeout, jwtSecret, jwtPublicKeys, staticFiles,
                protocols, tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }

    /** How long an action call may take before it answers {@code 504 actor/timeout} (default 60 s). */
    public ServerConfig callTimeout(Duration value) {
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                positive(value, "callTimeout"), stopTimeout, jwtSecret, jwtPublicKeys, staticFiles, protocols, tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }

    /** How long {@link TroupeServer#close()} waits for in-flight calls to finish (default 30 s). */
    public ServerConfig stopTimeout(Duration value) {
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                callTimeout, positive(value, "stopTimeout"), jwtSecret, jwtPublicKeys, staticFiles, protocols, tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }

    /**
     * The HS256 secret that bearer tokens are verified with (at least 32 bytes). Without one the server
     * draws a random secret at start, so only tokens from {@link TroupeServer#tokenIssuer()} verify, and
     * only until it stops.
     *
     * @throws IllegalArgumentException if shorter than 32 bytes
     */
    public ServerConfig jwtSecret(byte[] value) {
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                callTimeout, stopTimeout, TokenIssuer.checkSecret(value).clone(), jwtPublicKeys, staticFiles, protocols, tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }

    /**
     * Also accepts bearer tokens signed with the private half of {@code key}: ES256, ES384 or ES512 for an
     * EC key on P-256, P-384 or P-521, RS256 for an RSA key of at least 2048 bits. So a separate token
     * service can sign tokens ({@link TokenIssuer#ecdsa}, {@link TokenIssuer#rs256}, or any JWT library)
     * without sharing a secret with the server. Call again to add more keys (for rotation); a token
     * verifies if any key of its algorithm accepts it. HS256 tokens keep verifying with the secret.
     *
     * @throws IllegalArgumentException for a key of another kind, curve or size
     */
    public ServerConfig jwtPublicKey(PublicKey key) {
        SigningKeys.check(key);
        List<PublicKey> keys = new ArrayList<>(jwtPublicKeys);
        keys.add(key);
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                callTimeout, stopTimeout, jwtSecret, keys, staticFiles, protocols, tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }

    /**
     * Requires every bearer token to carry the issuer claim {@code iss} equal to {@code value}; a token
     * without it, or from another issuer, is {@code 401 auth/unauthorized}. Default: any issuer.
     *
     * @throws IllegalArgumentException if empty
     */
    public ServerConfig jwtIssuer(String value) {
        return withTokenRules(tokenRules.withIssuer(value));
    }

    /**
     * Requires every bearer token's audience claim {@code aud} (a string or an array of strings) to
     * include {@code value}; a token without it, or for other audiences only, is
     * {@code 401 auth/unauthorized}. Default: any audience.
     *
     * @throws IllegalArgumentException if empty
     */
    public ServerConfig jwtAudience(String value) {
        return withTokenRules(tokenRules.withAudience(value));
    }

    /**
     * How far the server's clock may be behind or ahead of the token service's: a token is still
     * accepted up to {@code value} after its {@code exp} and from {@code value} before its {@code nbf}.
     * Default 0; at most {@link TokenRules#MAX_CLOCK_SKEW} (5 minutes).
     *
     * @throws IllegalArgumentException if negative or longer than 5 minutes
     */
    public ServerConfig jwtClockSkew(Duration value) {
        return withTokenRules(tokenRules.withClockSkew(value));
    }

    /**
     * Also accepts bearer tokens signed (ES256, ES384, ES512 or RS256) with a key of the JSON Web Key Set
     * in {@code file}, read when the server starts; a token's {@code kid} and algorithm pick the key.
     * Replaces a key set set before.
     *
     * @throws IllegalArgumentException if the file cannot be read as a JWK set
     */
    public ServerConfig jwksFile(Path file) {
        return withTokenRules(tokenRules.withKeySetFile(file));
    }

    /**
     * Also accepts bearer tokens signed (ES256, ES384, ES512 or RS256) with a key of the JSON Web Key Set
     * served at {@code url}, as identity providers publish it ({@code .well-known/jwks.json}); a token's
     * {@code kid} and algorithm pick the key. The set is fetched when first needed and cached for 5
     * minutes; a token naming a {@code kid} the cached set lacks fetches it again (at most twice in
     * 30 s), so a rotated-in key is picked up. Replaces a key set set before.
     *
     * @throws IllegalArgumentException if the URL is not http or https
     */
    public ServerConfig jwksUrl(URI url) {
        return withTokenRules(tokenRules.withKeySetUrl(url));
    }

    /**
     * Lets browser pages of these origins call the server (CORS), such as {@code https://app.example.com}:
     * scheme, host, and port unless the scheme's default; {@code *} allows any origin. Calls the
     * same: the preflight is answered, the answers carry {@code Access-Control-Allow-Origin}, and
     * WebSockets from these origins are accepted. Adds to the origins allowed before. Default: none,
     * same-origin only (no CORS headers; a preflight or a WebSocket from another origin is {@code 403
     * request/origin_not_allowed}).
     *
     * @throws IllegalArgumentException if an origin is not of that form
     */
    public ServerConfig corsOrigins(String... origins) {
        return withCors(cors.withOrigins(origins));
    }

    /**
     * Lets browser pages of every origin matching one of these Java regular expressions (matched in
     * full, as Jetty's {@code CrossOriginHandler} does) call the server, as {@link #corsOrigins} does:
     * {@code https://.*\\.example\\.com} for every subdomain of {@code example.com}. Adds to the
     * origins allowed before.
     *
     * @throws IllegalArgumentException if a pattern is not a regular expression
     */
    public ServerConfig corsOriginPatterns(String... patterns) {
        return withCors(cors.withOriginPatterns(patterns));
    }

    /**
     * Whether cross-origin calls may carry credentials (cookies, TLS client certificates); bearer
     * tokens do not need it. Default false.
     */
    public ServerConfig corsCredentials(boolean allowed) {
        return withCors(cors.withCredentials(allowed));
    }

    /** How long a browser may cache a CORS preflight's answer (default 10 minutes). */
    public ServerConfig corsMaxAge(Duration value) {
        return withCors(cors.withMaxAge(value));
    }

    /**
     * Also lets scripts of an allowed origin read these response headers; {@code Allow} always is, and
     * the CORS-safelisted ones need no listing.
     */
    public ServerConfig corsExposedHeaders(String... headers) {
        return withCors(cors.withExposedHeaders(headers));
    }

    /** The CORS rules. */
    public CorsRules cors() {
        return cors;
    }

    private ServerConfig withCors(CorsRules rules) {
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                callTimeout, stopTimeout, jwtSecret, jwtPublicKeys, staticFiles, protocols, tokenRules, rules,
                sseReplayEvents, sseResumeWindow);
    }

    /**
     * How many of its latest events an event stream keeps to replay to a client that reconnects with
     * {@code Last-Event-ID} (default 256). A client whose last event is older is told to resync
     * ({@code event: troupe.reset}).
     */
    public ServerConfig sseReplayEvents(int value) {
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                callTimeout, stopTimeout, jwtSecret, jwtPublicKeys, staticFiles, protocols, tokenRules, cors,
                positive(value, "sseReplayEvents"), sseResumeWindow);
    }

    /**
     * How long an event stream whose client went away stays attached to its actor, collecting events,
     * so that the client's reconnect with {@code Last-Event-ID} resumes it without a gap (default 30 s).
     * The actor sees the disconnect ({@code onDisconnect}) once the window has passed without a
     * reconnect. Zero detaches at once; a reconnect is then told to resync.
     *
     * @throws IllegalArgumentException if negative
     */
    public ServerConfig sseResumeWindow(Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("sseResumeWindow must not be negative: " + value);
        }
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                callTimeout, stopTimeout, jwtSecret, jwtPublicKeys, staticFiles, protocols, tokenRules, cors,
                sseReplayEvents, value);
    }

    /** The events an event stream keeps for a resume. */
    public int sseReplayEvents() {
        return sseReplayEvents;
    }

    /** How long an event stream waits for its client to resume. */
    public Duration sseResumeWindow() {
        return sseResumeWindow;
    }

    /** The issuer, audience, clock skew and key set rules for bearer tokens. */
    public TokenRules tokenRules() {
        return tokenRules;
    }

    private ServerConfig withTokenRules(TokenRules rules) {
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                callTimeout, stopTimeout, jwtSecret, jwtPublicKeys, staticFiles, protocols, rules, cors, sseReplayEvents, sseResumeWindow);
    }

    /** The public keys tokens may also be signed for, in the order added. */
    public List<PublicKey> jwtPublicKeys() {
        return jwtPublicKeys;
    }

    /** The configured port (0 = ephemeral). */
    public int port() {
        return port;
    }

    /** The interface to bind. */
    public String host() {
        return host;
    }

    /** The request body limit in bytes. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The WebSocket message limit in bytes. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** The connection limit per actor. */
    public int maxConnectionsPerActor() {
        return maxConnectionsPerActor;
    }

    /** The outbound queue limit per connection, in messages. */
    public int outboundQueueLimit() {
        return outboundQueueLimit;
    }

    /** The action call timeout. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /**
     * Serves the files under {@code directory} at {@code /} (with {@code index.html} for directories),
     * beside the API; paths under {@code /v1/} (and under the prefix of every {@linkplain #mount mounted}
     * protocol), {@code /healthz}, {@code /readyz} and {@code /metrics} always reach the API. Default: no static files.
     */
    public ServerConfig staticFiles(Path directory) {
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                callTimeout, stopTimeout, jwtSecret, jwtPublicKeys, directory.toAbsolutePath().normalize(), protocols, tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }

    /**
     * Also serves {@code protocol} beside wire protocol v1, at its path prefix ({@link
     * Protocol#pathPrefix()}, one segment such as {@code /api}): every request under that prefix goes to
     * the protocol, which shares the server's runtime, authentication, limits, metrics and graceful stop
     * with v1. Wire protocol v1 is always served, at {@code /v1}. Default: no other protocol.
     *
     * @throws IllegalArgumentException if the prefix is not a slash and one path segment, or is taken
     *                                  ({@code /v1}, {@code /healthz}, {@code /readyz}, {@code /metrics}, or a protocol
     *                                  mounted before)
     */
    public ServerConfig mount(Protocol protocol) {
        Objects.requireNonNull(protocol, "protocol");
        String prefix = protocol.pathPrefix();
        if (prefix == null || !prefix.matches("/[A-Za-z0-9._~-]+")) {
            throw new IllegalArgumentException("a protocol's path prefix must be '/' and one path segment, got '"
                    + prefix + "'");
        }
        List<String> taken = new ArrayList<>(List.of(ProtocolV1.PREFIX, "/healthz", "/readyz", "/metrics"));
        protocols.forEach(mounted -> taken.add(mounted.pathPrefix()));
        if (taken.contains(prefix)) {
            throw new IllegalArgumentException("the path prefix " + prefix + " is taken");
        }
        List<Protocol> mounted = new ArrayList<>(protocols);
        mounted.add(protocol);
        return new ServerConfig(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                callTimeout, stopTimeout, jwtSecret, jwtPublicKeys, staticFiles, mounted,
                tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }

    /** The protocols served besides wire protocol v1, in the order mounted. */
    public List<Protocol> protocols() {
        return protocols;
    }

    /** The directory served at {@code /}, or null. */
    public @Nullable Path staticFiles() {
        return staticFiles;
    }

    /** The graceful stop timeout. */
    public Duration stopTimeout() {
        return stopTimeout;
    }

    /** A copy of the configured token secret, or null if the server should draw one. */
    public byte @Nullable [] jwtSecret() {
        return jwtSecret == null ? null : jwtSecret.clone();
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "ServerConfig[" + host + ":" + port + ", maxBodyBytes=" + maxBodyBytes + ", maxFrameBytes="
                + maxFrameBytes + ", maxConnectionsPerActor=" + maxConnectionsPerActor + ", outboundQueueLimit="
                + outboundQueueLimit + ", callTimeout=" + callTimeout + ", stopTimeout=" + stopTimeout
                + ", jwtSecret=" + (jwtSecret == null ? "random" : "set") + ", jwtPublicKeys=" + jwtPublicKeys.size()
                + ", staticFiles=" + staticFiles + ", protocols=" + protocols.stream().map(Protocol::pathPrefix).toList()
                + ", tokenRules=" + tokenRules + ", cors=" + cors + ", sseReplayEvents=" + sseReplayEvents
                + ", sseResumeWindow=" + sseResumeWindow + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerConfig other && port == other.port && host.equals(other.host)
                && maxBodyBytes == other.maxBodyBytes && maxFrameBytes == other.maxFrameBytes
                && maxConnectionsPerActor == other.maxConnectionsPerActor
                && outboundQueueLimit == other.outboundQueueLimit && callTimeout.equals(other.callTimeout)
                && stopTimeout.equals(other.stopTimeout) && Arrays.equals(jwtSecret, other.jwtSecret)
                && jwtPublicKeys.equals(other.jwtPublicKeys) && Objects.equals(staticFiles, other.staticFiles)
                && protocols.equals(other.protocols) && tokenRules.equals(other.tokenRules) && cors.equals(other.cors)
                && sseReplayEvents == other.sseReplayEvents && sseResumeWindow.equals(other.sseResumeWindow);
    }

    @Override
    public int hashCode() {
        return Objects.hash(port, host, maxBodyBytes, maxFrameBytes, maxConnectionsPerActor, outboundQueueLimit,
                callTimeout, stopTimeout, Arrays.hashCode(jwtSecret), jwtPublicKeys, staticFiles, protocols,
                tokenRules, cors, sseReplayEvents, sseResumeWindow);
    }
}
