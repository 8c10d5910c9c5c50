package dev.troupe.demo;

import dev.troupe.CallerType;
import dev.troupe.Troupe;
import dev.troupe.demo.chat.ChatActors;

/**
 * Registers the demo actor types, open to anonymous clients as the demo needs, each but the echo (whose
 * channels are live sessions, not turns worth auditing) keeping a turn history (which clients may not read: {@code #history} is never part of an allow-all rule).
 * The counter and the chat room declare the events they broadcast ({@link #NEW_COUNT}, {@link #MESSAGE}),
 * so the OpenAPI document and the typed clients know their payloads.
 */
public final class DemoActors {
    /** The counter's event: its new count, a number. */
    public static final String NEW_COUNT = "newCount";
    /** The chat room's event: the {@link ChatMessage} just posted. */
    public static final String MESSAGE = "message";

    private DemoActors() {
    }

    /**
     * Adds the counter, chat-room, greeter, todo-list and echo types and the chat application's
     * ({@link ChatActors}) to {@code builder}; anonymous clients may use them (not destroy); the todo
     * list's machine decides who may change it.
     */
    public static Troupe.Builder register(Troupe.Builder builder) {
        return ChatActors.register(builder)
                .register(CounterActor.class, type -> type.allow(CallerType.CLIENT).history().event(NEW_COUNT, long.class))
                .register(ChatRoomActor.class, type -> type.allow(CallerType.CLIENT).history().event(MESSAGE, ChatMessage.class))
                .register(GreeterActor.class, type -> type.allow(CallerType.CLIENT).history())
                .register(TodoList.definition(), type -> type.allow(CallerType.CLIENT).history())
                .register(EchoActor.class, type -> type.allow(CallerType.CLIENT));
    }
}
