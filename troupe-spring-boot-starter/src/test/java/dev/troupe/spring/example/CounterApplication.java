package dev.troupe.spring.example;

import dev.troupe.CallerType;
import dev.troupe.spring.ActorRegistration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Serves {@link Counter} at POST /v1/actors/counter/actions/increment on troupe.server.port. */
@SpringBootApplication
public class CounterApplication {
    public static void main(String[] args) {
        SpringApplication.run(CounterApplication.class, args);
    }

    @Bean
    ActorRegistration counter() {
        return ActorRegistration.of(CounterActor.class, type -> type.allow(CallerType.CLIENT));
    }
}
