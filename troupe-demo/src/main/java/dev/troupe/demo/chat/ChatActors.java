package dev.troupe.demo.chat;

import dev.troupe.AccessRule;
import dev.troupe.CallerType;
import dev.troupe.Troupe;

/**
 * Registers the chat application's types: conversations and users' lists open to clients (the actions a
 * user takes only: answers, rollup answers and deadlines come from the runtime and the children), the
 * child runners and the two Java children for actors only. Conversations and summarisers keep a turn
 * history, so their model calls are recorded.
 */
public final class ChatActors {
    private ChatActors() {
    }

    /** Adds the chat types to {@code builder}. */
    public static Troupe.Builder register(Troupe.Builder builder) {
        return builder
                .register(ConversationActor.class, type -> type.history().allow(CallerType.CLIENT,
                        AccessRule.CREATE, AccessRule.VIEW, AccessRule.CONNECT, "send", "edit", "regenerate",
                        "messages", "thread", "rollups", "availableChildren", "runningChildren", "startChild",
                        "stopChild"))
                .register(ChatUserActor.class, type -> type.history().allow(CallerType.CLIENT))
                .register(ChildRunnerActor.class)
                .register(SummariserActor.class, type -> type.history())
                .register(ExtractorActor.class);
    }
}
