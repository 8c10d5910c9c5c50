package dev.troupe.spring;

import dev.troupe.Troupe;
import dev.troupe.server.TroupeServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code troupe} health indicator, part of the readiness group ({@link ProbeDefaults}): UP while
 * the server accepts connections, with its port and the activations in memory; OUT_OF_SERVICE once it
 * has begun to stop (a load balancer should send it no more traffic). Without a server (with {@code troupe.server.enabled=false}) it reports the runtime
 * only, UP.
 */
final class TroupeHealthIndicator implements HealthIndicator {
    private final Troupe troupe;
    private final ObjectProvider<TroupeServer> server;

    TroupeHealthIndicator(Troupe troupe, ObjectProvider<TroupeServer> server) {
        this.troupe = troupe;
        this.server = server;
    }

    @Override
    public Health health() {
        TroupeServer running = server.getIfAvailable();
        Health.Builder health;
        if (running == null) {
            health = Health.up();
        } else if (running.isAccepting()) {
            health = Health.up().withDetail("port", running.port());
        } else {
            health = Health.outOfService();
        }
        return health.withDetail("activeActors", troupe.stats().activeActors()).build();
    }
}
