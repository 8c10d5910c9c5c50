package dev.troupe.demo.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.CallerType;
import dev.troupe.Key;
import dev.troupe.agent.AnthropicWire;
import dev.troupe.testkit.TroupeTestKit;
import dev.troupe.wasm.Manifest;
import dev.troupe.wasm.WasmDefinition;
import dev.troupe.wasm.Wat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The built-in children on their own and in a conversation: the extractor's links, tasks and keywords,
 * and troupe-wasm's word-count module (compiled from its WAT source, as the launcher does) as a child
 * whose answers join the rollup beside the Java ones.
 */
@Isolated("sets the chat's shared settings")
class ChatChildrenTest {
    private static final Path WAT = Path.of("..", "troupe-wasm", "src", "main", "wat");

    @Test
    void extractor_findsLinksTasksAndKeywords() {
        try (TroupeTestKit kit = TroupeTestKit.builder().configure(ChatActors::register).start()) {
            Extractor extractor = kit.actor(Extractor.class, Key.of("x"));
            Extractor.Extraction found = extractor.extract("Release notes at https://troupe.dev/notes. and (http://x.io/a)\n"
                    + "- [ ] release the release\nWe must TODO: tag the release");
            assertThat(found.links()).containsExactly("https://troupe.dev/notes", "http://x.io/a");
            assertThat(found.tasks()).containsExactly("release the release", "tag the release");
            assertThat(found.keywords()).startsWith("release");
            assertThat(extractor.extract("no links here").links()).isEmpty();
        }
    }

    @Test
    void theWasmWordCount_isAChild_whoseAnswersJoinTheRollup() throws Exception {
        try (ChatFixture fixture = new ChatFixture()) {
            ChatSetup.use(new ChatSetup.Settings(fixture.provider, AnthropicWire.MODEL, false,
                    ChatSetup.builtInChildren(true), ChatFixture.ROLLUP_TIMEOUT));
            WasmDefinition wordCount = WasmDefinition.builder(Manifest.parse(Files.readAllBytes(WAT.resolve("word-count.json"))))
                    .module(Wat.compile(WAT.resolve("word-count.wat"), Path.of("target", "wabt"))).build();
            try (TroupeTestKit kit = TroupeTestKit.builder().configure(ChatActors::register)
                    .register(wordCount, type -> type.allow(CallerType.CLIENT)).start()) {
                Conversation chat = kit.actor(Conversation.class, Key.of("ada", "c1"));
                assertThat(chat.availableChildren()).extracting(ChildManifest::name)
                        .containsExactly("summariser", "extractor", "word-count");
                chat.startChild("word-count");
                chat.startChild("extractor");

                chat.send(null, "four words in all");
                kit.clock().advance(Duration.ZERO);
                kit.settle();

                Rollup rollup = chat.rollups().getFirst();
                assertThat(rollup.complete()).isTrue();
                assertThat(rollup.partial()).isFalse();
                assertThat(rollup.answers().get("word-count").result().asLong()).isEqualTo(4);
                assertThat(chat.rollups()).extracting(Rollup::messageId).containsExactly("m1", "m2");
                assertThat(chat.rollups().get(1).answers().get("word-count").result().asLong())
                        .isEqualTo(ChatFixture.ANSWER.split(" ").length);
                assertThat(List.copyOf(rollup.answers().keySet())).containsExactlyInAnyOrder("word-count", "extractor");
            }
        }
    }
}
