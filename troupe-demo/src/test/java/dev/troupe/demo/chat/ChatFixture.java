package dev.troupe.demo.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.ActorContract;
import dev.troupe.Input;
import dev.troupe.Actor;
import dev.troupe.agent.AnthropicProvider;
import dev.troupe.agent.AnthropicWire;
import dev.troupe.agent.ApiKey;
import dev.troupe.agent.FakeLlmServer;
import dev.troupe.agent.FakeLlmServer.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the chat tests share: a fake Anthropic server on 127.0.0.1 speaking the Messages wire format
 * (troupe-agent's test-jar), the Anthropic provider pointed at it through the real SDK, the chat's
 * settings with the built-in children and two test children (one that fails, one that waits until let
 * go), and the key, to search for.
 */
public final class ChatFixture implements AutoCloseable {
    static final Duration ROLLUP_TIMEOUT = Duration.ofSeconds(5);
    /** The pieces every answer streams, and the text of every complete answer. */
    static final List<String> PIECES = List.of("Durable ", "actors ", "answer.");
    static final String ANSWER = String.join("", PIECES);
    static final String SUMMARY = "A short talk about actors.";

    final String key = "sk-ant-chat-" + UUID.randomUUID();
    final FakeLlmServer llm;
    final AnthropicProvider provider;

    ChatFixture() throws IOException {
        llm = new FakeLlmServer().otherwise(ChatFixture::answer);
        provider = AnthropicProvider.builder(ApiKey.of(key, "test")).baseUrl(llm.baseUrl()).maxRetries(0).build();
        List<ChildManifest> catalogue = new ArrayList<>(ChatSetup.builtInChildren(false));
        catalogue.add(new ChildManifest("failing", "Fails on every message.", "1.0.0", "chat-test-failing", "look"));
        catalogue.add(new ChildManifest("slow", "Answers once the test lets it.", "1.0.0", "chat-test-slow", "look"));
        ChatSetup.use(new ChatSetup.Settings(provider, AnthropicWire.MODEL, false, catalogue, ROLLUP_TIMEOUT));
        SlowChildActor.release = new CountDownLatch(1);
    }

    /** The chat's types and the two test children. */
    static dev.troupe.Troupe.Builder register(dev.troupe.Troupe.Builder builder) {
        return ChatActors.register(builder).register(FailingChildActor.class).register(SlowChildActor.class);
    }

    private static Reply answer(JsonNode request) {
        return request.path("stream").asBoolean()
                ? Reply.sse(AnthropicWire.textStream("msg_" + UUID.randomUUID(), PIECES))
                : Reply.json(200, AnthropicWire.textMessage("msg_" + UUID.randomUUID(), SUMMARY, "end_turn"));
    }

    @Override
    public void close() {
        SlowChildActor.release.countDown();
        provider.close();
        llm.close();
    }

    /** A child that fails on every message. */
    @ActorContract("chat-test-failing")
    public interface FailingChild {
        String look(String text);
    }

    /** A test child's state: none worth having. */
    public record NoState() {
    }

    /** Implements {@link FailingChild}. */
    public static final class FailingChildActor extends Actor<NoState> implements FailingChild {
        @Override
        protected NoState initialState(Input input) {
            return new NoState();
        }

        @Override
        public String look(String text) {
            throw new IllegalStateException("the failing child fails");
        }
    }

    /** A child that answers once {@link SlowChildActor#release} opens. */
    @ActorContract("chat-test-slow")
    public interface SlowChild {
        String look(String text);
    }

    /** Implements {@link SlowChild}. */
    public static final class SlowChildActor extends Actor<NoState> implements SlowChild {
        static volatile CountDownLatch release = new CountDownLatch(1);

        @Override
        protected NoState initialState(Input input) {
            return new NoState();
        }

        @Override
        public String look(String text) {
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never let go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return "late: " + text;
        }
    }
}
