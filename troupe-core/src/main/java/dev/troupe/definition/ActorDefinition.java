package dev.troupe.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.TypeOptions;
import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kind of actor, described without assuming it is a Java class: its type name, its actions with the
 * JSON Schemas of their arguments and results, the events it broadcasts, its own settings, and a
 * factory for the behaviour that runs its turns. Register one with
 * {@link dev.troupe.Troupe.Builder#register(ActorDefinition, java.util.function.Consumer)}; the runtime
 * then serves it like any other type (in-process, over HTTP and WebSocket, with schedules, timers,
 * connections and views), and the OpenAPI document publishes its actions' schemas.
 *
 * <p>An actor class registered with {@code register(Class)} is one such definition, derived from its
 * {@link dev.troupe.ActorContract}. See the package documentation for how other kinds plug in.
 *
 * <p>Implementations must be immutable and thread-safe: the runtime reads a definition once, at
 * {@code build()}, and calls {@link #newBehaviour} from any thread.
 */
public interface ActorDefinition {
    /** The actor type name: {@code [a-z][a-z0-9-]{0,63}}, unique among the registered types. */
    String typeName();

    /**
     * The actions, in the order documents list them; at least one. Names must be unique and look like
     * identifiers (a letter, {@code _} or {@code $}, then letters, digits, {@code _} or {@code $}), so they
     * are safe in URLs and generated clients.
     */
    List<ActionDefinition> actions();

    /**
     * The events the actor broadcasts, with the schemas of their arguments; none unless declared. With
     * any declared, the actor may broadcast only these (see {@link EventDefinition}); names are a
     * letter, then letters, digits, {@code _}, {@code .} or {@code -} (at most 64), unique with those
     * of {@code TypeOptions.event}.
     */
    default List<EventDefinition> events() {
        return List.of();
    }

    /**
     * The type the state is read as from its stored JSON; the behaviour sees state of this type.
     * {@link JsonNode} (the default) keeps it as a JSON tree.
     *
     * <p>The state a behaviour sets need not be of this type: the runtime stores whatever Jackson writes
     * for it, so a behaviour may keep its own immutable object that writes itself (one implementing
     * {@link com.fasterxml.jackson.databind.JsonSerializable}) and accept both that object and this type,
     * which is what it finds after a wake. The runtime tells a changed state by identity, never by
     * comparing values.
     */
    default Type stateType() {
        return JsonNode.class;
    }

    /**
     * Applies this kind's own settings (durability, access rules, state version and upcasters...).
     * Runs at {@code build()} before the settings given at registration, which may override them. Does
     * nothing unless overridden.
     */
    default void configure(TypeOptions options) {
    }

    /**
     * The Java interface whose methods are this kind's actions, by name, or null (the default) if it
     * has none. With one, callers get typed handles ({@code troupe.actor(contract, key)}, the Java
     * client) whose method calls become calls of the action of the same name.
     */
    default @Nullable Class<?> contract() {
        return null;
    }

    /**
     * The logger of this kind: {@link ActorContext#logger()} in its turns, and where the runtime
     * reports their failures. By default {@code dev.troupe.actor.<typeName>}.
     */
    default Logger logger() {
        return LoggerFactory.getLogger("dev.troupe.actor." + typeName());
    }

    /**
     * A fresh behaviour for one activation: called when an actor of this type is created or woken, and
     * used by that activation only, one turn at a time (read-only actions may run beside a turn).
     */
    ActorBehaviour newBehaviour();
}
