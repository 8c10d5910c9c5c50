package dev.troupe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.spring.example.Counter;
import dev.troupe.spring.example.CounterActor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the auto-configuration builds from properties and beans, without a web application. */
class TroupeAutoConfigurationTest {
    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes";

    @TempDir
    Path store;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TroupeAutoConfiguration.class))
                .withPropertyValues("troupe.store=" + store, "troupe.server.port=0")
                .withBean(ActorRegistration.class, () -> ActorRegistration.of(CounterActor.class));
    }

    @Test
    void theServerIsConfiguredFromTheAuthProperties() {
        runner().withPropertyValues("troupe.server.host=127.0.0.1", "troupe.auth.secret=" + SECRET,
                        "troupe.auth.issuer=https://id.example/", "troupe.auth.audience=troupe",
                        "troupe.auth.clock-skew=30s")
                .run(context -> assertThat(ServerConfigs.from(context.getBean(TroupeProperties.class)))
                        .isEqualTo(ServerConfig.port(0).host("127.0.0.1")
                                .jwtSecret(SECRET.getBytes(StandardCharsets.UTF_8))
                                .jwtIssuer("https://id.example/").jwtAudience("troupe")
                                .jwtClockSkew(Duration.ofSeconds(30))));
    }

    @Test
    void withTheServerDisabledTheRuntimeServesInProcessCallsOnly() {
        runner().withPropertyValues("troupe.server.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(TroupeServer.class);
            assertThat(context.getBean(Troupe.class).actor(Counter.class, Key.of("in-process")).increment(3))
                    .isEqualTo(3);
        });
    }

    @Test
    void customizersAdjustTheBuilderAndTheServerConfig() {
        AtomicReference<ServerConfig> customized = new AtomicReference<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TroupeAutoConfiguration.class))
                .withPropertyValues("troupe.store=" + store, "troupe.server.port=0")
                .withBean(TroupeBuilderCustomizer.class, () -> builder -> builder.register(CounterActor.class))
                .withBean(TroupeServerCustomizer.class, () -> config -> {
                    customized.set(config);
                    return config.maxConnectionsPerActor(7);
                })
                .run(context -> {
                    assertThat(context.getBean(Troupe.class).actor(Counter.class, Key.of("coded")).increment(2))
                            .isEqualTo(2);
                    assertThat(context).hasSingleBean(TroupeServer.class);
                    assertThat(customized.get()).isEqualTo(ServerConfig.port(0));
                });
    }

    @Test
    void anActorDeclaredAsABeanIsRefusedWithTheWayToDeclareIt() {
        runner().withBean(CounterActor.class).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(TroupeException.class)
                .hasMessageContaining("[counterActor]").hasMessageContaining("ActorRegistration"));
    }
}
