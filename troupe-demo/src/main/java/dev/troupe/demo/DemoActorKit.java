package dev.troupe.demo;

import dev.troupe.actorkit.ActorKit;
import dev.troupe.actorkit.ActorKitMapping;
import java.time.Duration;
import java.util.List;

/**
 * DEMO ONLY in its secret: the Actor Kit adapter of the demo. It verifies Actor Kit tokens with {@link
 * DemoSignIn#SECRET} (public, so anyone can mint them), accepts the 30-day tokens actor-kit's own {@code
 * createAccessToken} mints in WebSocket URLs (a production server keeps the default hour or less),
 * serves the todo list (a machine) as it is, and the counter (a plain actor) through a mapping:
 * {@code {"type":"INCREMENT","by":n}} calls {@code increment(n)}, and the snapshot's public part is
 * the counter's view.
 */
final class DemoActorKit {
    private DemoActorKit() {
    }

    /** The adapter. */
    static ActorKit adapter() {
        return ActorKit.withSecret(DemoSignIn.SECRET)
                .urlTokenLifetime(Duration.ofDays(30))
                .map("counter", ActorKitMapping.builder()
                        .event("INCREMENT", "increment", event -> List.of(event.path("by").asLong(1)))
                        .build());
    }
}
