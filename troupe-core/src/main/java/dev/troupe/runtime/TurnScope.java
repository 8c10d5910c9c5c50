package dev.troupe.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.host.Address;
import dev.troupe.Channel;
import dev.troupe.Children;
import dev.troupe.Contents;
import dev.troupe.Key;
import dev.troupe.TimeSource;
import dev.troupe.definition.ActorBehaviour;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Turn} may ask of the actor it runs for. {@link Activation} is the implementation in a
 * running system; a unit test can build a turn on a stub of its own, without a runtime.
 */
interface TurnScope {

    /** The actor's type and key. */
    Address address();

    /** The actor's id; null before the actor is created or loaded. */
    @Nullable String id();

    /** The actor's registered type. */
    ActorType type();

    /** The live behaviour, which a Java actor's context methods check they are called from. */
    @Nullable ActorBehaviour behaviour();

    /** The actor's open connections, as they are now. */
    Set<ActorConnection> connections();

    /** The runtime's time source, for due times of schedules and the turn's start. */
    TimeSource time();

    /** A handle to another actor, for calls made inside the turn. */
    <C> C handle(Class<C> contract, Key key);

    /** Keeps the actor from idle sleep until {@code work} completes. */
    default void keepAwake(java.util.concurrent.CompletionStage<?> work) {
    }

    /** Keeps the actor from idle sleep for {@code duration} from now. */
    default void keepAwake(java.time.Duration duration) {
    }

    /** The actor's storage as the completed turns left it, read from the store on first use. */
    ActorStorage storage();

    /** The actor's SQL database as the completed turns left it, opened from its storage on first use. */
    ActorSql sql();

    /** Calls another actor's action by name with JSON arguments, creating the actor on first use. */
    @Nullable Object call(String type, Key key, String action, JsonNode args);

    /** The actor's children, for the turn. */
    Children children();

    /** The runtime's content store, as a system caller uses it. */
    Contents contents();
    /** A one-way handle to another actor, whose calls queue messages in the current turn. */
    default <C> C oneWay(Class<C> contract, Key key) {
        throw new UnsupportedOperationException("this turn sends no messages");
    }

    /** Enqueues a message to another actor's queue in the current turn. */
    default void enqueue(Class<?> contract, Key key, String queue, @Nullable Object message) {
        throw new UnsupportedOperationException("this turn enqueues no messages");
    }

    /** Opens a channel from the actor to another, waiting for its acceptance. */
    default Channel openChannel(Class<?> contract, Key key, @Nullable Object message) {
        throw new UnsupportedOperationException("this turn opens no channels");
    }

    /** The actor's open channels. */
    default Collection<Channel> channels() {
        return List.of();
    }

    /** The caller awaiting the deferred reply {@code id}, or null if nobody awaits it. */
    default @Nullable CompletableFuture<Object> deferredReply(String id) {
        return null;
    }
}
