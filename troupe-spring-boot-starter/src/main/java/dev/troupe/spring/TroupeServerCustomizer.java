package dev.troupe.spring;

import dev.troupe.server.ServerConfig;

/**
 * Adjusts the server's configuration beyond the {@code troupe.server.*} and {@code troupe.auth.*}
 * properties: public keys of a token service, static files, limits, further protocols. Every bean of
 * this type runs, in {@link org.springframework.core.annotation.Order} order, on the configuration the
 * properties made.
 *
 * {@snippet :
 * @Bean
 * TroupeServerCustomizer tokenService(PublicKey tokenServiceKey) {
 *     return config -> config.jwtPublicKey(tokenServiceKey).maxConnectionsPerActor(1_000);
 * }
 * }
 */
@FunctionalInterface
public interface TroupeServerCustomizer {
    /** The configuration to use instead of {@code config} ({@link ServerConfig} is immutable). */
    ServerConfig customize(ServerConfig config);
}
