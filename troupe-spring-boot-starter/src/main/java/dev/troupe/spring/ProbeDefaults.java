package dev.troupe.spring;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults, below every property the application sets, that expose Actuator's liveness and readiness
 * probes ({@code /actuator/health/liveness}, {@code /actuator/health/readiness}) and make the
 * {@code troupe} health indicator part of readiness: an instance whose server is stopping should get
 * no more traffic, but is still alive.
 */
final class ProbeDefaults implements EnvironmentPostProcessor {
    static final String READINESS_MEMBERS = "management.endpoint.health.group.readiness.include";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("troupe-probe-defaults", Map.of(
                "management.endpoint.health.probes.enabled", "true",
                READINESS_MEMBERS, "readinessState,troupe")));
    }
}
