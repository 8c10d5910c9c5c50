package dev.troupe.agent;

import dev.troupe.ActorContract;

/** The contract of the test agent {@link AssistantActor}. */
@ActorContract("test-assistant")
public interface Assistant {
    String ask(String question);

    String askStreaming(String question);

    String askWithTools(String question);

    /** Asks with the notes actor's actions as tools ({@link AssistantActor#tools}), at most {@code maxSteps} model calls. */
    ToolLoop askUsingNotes(String question, int maxSteps);
}
