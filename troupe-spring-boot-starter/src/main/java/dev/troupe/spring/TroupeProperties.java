package dev.troupe.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code troupe.*} properties the starter builds the runtime and its server from.
 *
 * {@snippet lang = "properties" :
 * troupe.store=troupe-data                 # a directory for SQLite, or postgresql://user:password@host:port/db
 * troupe.server.port=7420                  # 0 for any free port
 * troupe.server.host=127.0.0.1
 * troupe.auth.secret=...                   # HS256, at least 32 bytes
 * troupe.auth.jwks-url=https://id.example.com/.well-known/jwks.json
 * troupe.auth.issuer=https://id.example.com/
 * troupe.auth.audience=troupe
 * troupe.auth.clock-skew=30s
 * }
 *
 * @param store  where actors are stored: a directory (or {@code sqlite:DIR}) for the embedded SQLite
 *               store, or a {@code postgresql://} URI; opened with {@link dev.troupe.store.StoreLocation}
 * @param server where the HTTP, WebSocket and SSE server listens
 * @param auth   how the server verifies bearer tokens
 */
@ConfigurationProperties("troupe")
public record TroupeProperties(@DefaultValue("troupe-data") String store, @DefaultValue Server server,
                               @DefaultValue Auth auth) {

    /**
     * The server's settings.
     *
     * @param enabled whether to start a {@link dev.troupe.server.TroupeServer} at all (default true);
     *                without one the runtime serves in-process calls only
     * @param port    the TCP port (default 7420), 0 for an ephemeral one
     * @param host    the interface to bind (default {@code 127.0.0.1}, the loopback interface only)
     */
    public record Server(@DefaultValue("true") boolean enabled, @DefaultValue("7420") int port,
                         @DefaultValue("127.0.0.1") String host) {
    }

    /**
     * The bearer-token settings; each unset one keeps the server's default (see
     * {@link dev.troupe.server.ServerConfig}).
     *
     * @param secret    the HS256 secret, at least 32 bytes as UTF-8; unset, the server draws a random
     *                  one, so only tokens from its own {@code tokenIssuer()} verify
     * @param jwksUrl   a JSON Web Key Set URL whose keys also verify tokens
     * @param jwksFile  a JSON Web Key Set file whose keys also verify tokens
     * @param issuer    the {@code iss} every token must carry
     * @param audience  an {@code aud} every token must include
     * @param clockSkew how far token and server clocks may disagree (at most 5 minutes)
     */
    public record Auth(@Nullable String secret, @Nullable URI jwksUrl, @Nullable Path jwksFile,
                       @Nullable String issuer, @Nullable String audience, @Nullable Duration clockSkew) {
    }
}
