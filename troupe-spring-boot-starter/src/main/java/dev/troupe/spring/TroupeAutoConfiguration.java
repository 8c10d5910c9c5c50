package dev.troupe.spring;

import dev.troupe.Actor;
import dev.troupe.ErrorCode;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.server.ServerConfig;
import dev.troupe.server.TroupeServer;
import dev.troupe.store.Store;
import dev.troupe.store.StoreLocation;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures a {@link Troupe} over the store {@code troupe.store} names, with every
 * {@link ActorRegistration} and {@link ActorDefinition} bean registered, and a {@link TroupeServer}
 * serving it as the {@code troupe.server.*} and {@code troupe.auth.*} properties say, publishing its
 * meters into the application's {@link MeterRegistry} when there is one. With Spring Boot's health
 * support on the class path, a {@code troupe} health indicator reports whether the server accepts
 * connections (see {@link TroupeHealthIndicator}).
 *
 * <p>On shutdown the server closes first (in-flight calls finish, sockets close), then the runtime
 * (actors sleep, the store closes): the server bean depends on the runtime bean, so Spring destroys it
 * first. An application's own {@code Troupe} or {@code TroupeServer} bean replaces the starter's.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@EnableConfigurationProperties(TroupeProperties.class)
public class TroupeAutoConfiguration {

    /** The auto-configuration; Spring makes it. */
    public TroupeAutoConfiguration() {
    }

    /**
     * The runtime: the store of {@code troupe.store}, the registered actor types, then every
     * {@link TroupeBuilderCustomizer}.
     *
     * @throws TroupeException {@code config/invalid_registration} if a bean is itself an actor
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Troupe troupe(TroupeProperties properties, ListableBeanFactory beans,
                         ObjectProvider<ActorRegistration> registrations, ObjectProvider<ActorDefinition> definitions,
                         ObjectProvider<TroupeBuilderCustomizer> customizers) {
        String[] actorBeans = beans.getBeanNamesForType(Actor.class, true, false);
        if (actorBeans.length > 0) {
            throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "the beans " + Arrays.toString(actorBeans)
                    + " are actors, but Troupe makes a new actor object for every activation: declare an"
                    + " ActorRegistration bean naming the class instead");
        }
        Troupe.Builder builder = Troupe.builder();
        registrations.orderedStream().forEach(registration -> registration.registerOn(builder));
        definitions.orderedStream().forEach(builder::register);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        Store store = StoreLocation.open(properties.store());
        try {
            return builder.store(store).build();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * The server, started on the configured port once the runtime is built; its meters also go to the
     * application's {@link MeterRegistry} if it has one.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "troupe.server.enabled", matchIfMissing = true)
    public TroupeServer troupeServer(Troupe troupe, TroupeProperties properties,
                                     ObjectProvider<TroupeServerCustomizer> customizers,
                                     ObjectProvider<MeterRegistry> meterRegistry) {
        ServerConfig config = ServerConfigs.from(properties);
        for (TroupeServerCustomizer customizer : customizers.orderedStream().toList()) {
            config = customizer.customize(config);
        }
        MeterRegistry registry = meterRegistry.getIfAvailable();
        return registry == null ? TroupeServer.start(troupe, config) : TroupeServer.start(troupe, config, registry);
    }

    /** The {@code troupe} health indicator, where the application has Spring Boot's health support. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "troupeHealthIndicator")
        HealthIndicator troupeHealthIndicator(Troupe troupe, ObjectProvider<TroupeServer> server) {
            return new TroupeHealthIndicator(troupe, server);
        }
    }
}
