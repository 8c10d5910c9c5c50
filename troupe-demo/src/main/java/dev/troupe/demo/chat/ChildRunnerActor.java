package dev.troupe.demo.chat;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import java.util.List;

/** Implements {@link ChildRunner}; its state is what it was started with. */
public final class ChildRunnerActor extends Actor<ChildRunnerActor.State> implements ChildRunner {
    /**
     * What a runner was started with.
     *
     * @param manifest     the child's manifest
     * @param conversation the key of the conversation it answers
     */
    public record State(ChildManifest manifest, List<String> conversation) {
    }

    @Override
    protected State initialState(Input input) {
        return input.as(State.class);
    }

    @Override
    public void deliver(String messageId, String content) {
        ChildManifest manifest = state().manifest();
        ChildAnswer answer;
        try {
            answer = ChildAnswer.ok(call(manifest.actorType(), Key.of(id()), manifest.action(),
                    Json.mapper().createArrayNode().add(content)));
        } catch (TroupeException e) {
            log().info("child {} failed on message {}: {}", manifest.name(), messageId, e.getMessage());
            answer = ChildAnswer.failed(e.error().group() + "/" + e.error().code());
        }
        send(Conversation.class, Key.of(state().conversation())).rollupAnswer(messageId, manifest.name(), answer);
    }
}
