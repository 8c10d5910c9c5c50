package dev.troupe.spring;

import dev.troupe.server.ServerConfig;
import java.nio.charset.StandardCharsets;

/** Maps the {@code troupe.server.*} and {@code troupe.auth.*} properties onto a {@link ServerConfig}. */
final class ServerConfigs {
    private ServerConfigs() {
    }

    static ServerConfig from(TroupeProperties properties) {
        TroupeProperties.Auth auth = properties.auth();
        ServerConfig config = ServerConfig.port(properties.server().port()).host(properties.server().host());
        if (auth.secret() != null) {
            config = config.jwtSecret(auth.secret().getBytes(StandardCharsets.UTF_8));
        }
        if (auth.jwksUrl() != null) {
            config = config.jwksUrl(auth.jwksUrl());
        }
        if (auth.jwksFile() != null) {
            config = config.jwksFile(auth.jwksFile());
        }
        if (auth.issuer() != null) {
            config = config.jwtIssuer(auth.issuer());
        }
        if (auth.audience() != null) {
            config = config.jwtAudience(auth.audience());
        }
        if (auth.clockSkew() != null) {
            config = config.jwtClockSkew(auth.clockSkew());
        }
        return config;
    }
}
