package dev.troupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.store.MemoryStore;
import dev.troupe.testing.CounterActor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runtime's content store as users, actors and remote callers see it: {@link Contents}. */
class ContentsTest {
    private static final Caller CLIENT = Caller.client("browser");
    private static final long LIMIT = 4 * 1024 * 1024;
    private final OffsetClock clock = new OffsetClock();
    private final Troupe troupe = Troupe.builder().store(new MemoryStore()).clock(clock)
            .register(CounterActor.class).register(Archivist.class)
            .maxContentSize(LIMIT)
            .contentAccess((caller, operation) -> caller.id().equals("reader") && operation.equals(AccessRule.CONTENT_READ))
            .build();
    private final Contents contents = troupe.contents();

    @AfterEach
    void close() {
        troupe.close();
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static void fails(ErrorCode code, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(code)).as(e.error().qualifiedCode()).isTrue());
    }

    @Test
    void theSameBytesStoredTwiceHaveOneHash() {
        ContentInfo first = contents.put(text("same"));
        ContentInfo second = contents.put(text("same"));

        assertThat(second.hash()).isEqualTo(first.hash()).isEqualTo(ContentHash.of(text("same")));
        assertThat(contents.bytes(first.hash())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(text("same")));
        clock.advance(Duration.ofSeconds(1));
        assertThat(contents.collect(Duration.ZERO)).isOne();
    }

    @Test
    void contentLargerThanMemorySpoolsAndComesBackWhole() throws IOException {
        byte[] large = new byte[3 * 1024 * 1024 + 5];
        new Random(11).nextBytes(large);

        ContentInfo info = contents.put(new ByteArrayInputStream(large), ContentHash.of(large));

        assertThat(info.size()).isEqualTo(large.length);
        assertThat(contents.bytes(info.hash())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(large));
    }

    @Test
    void aStatedHashThatDoesNotMatchStoresNothing() {
        ContentHash stated = ContentHash.of(text("what I meant"));

        fails(ErrorCode.CONTENT_HASH_MISMATCH, () -> contents.put(new ByteArrayInputStream(text("what I sent")), stated));
        assertThat(contents.info(ContentHash.of(text("what I sent")))).isEmpty();
    }

    @Test
    void contentOverTheLimitIsRefused() {
        byte[] tooLarge = new byte[(int) LIMIT + 1];

        assertThatThrownBy(() -> contents.put(tooLarge)).isInstanceOfSatisfying(TroupeException.class, e -> {
            assertThat(e.is(ErrorCode.CONTENT_TOO_LARGE)).isTrue();
            assertThat(e.error().metadata()).containsEntry("limit", LIMIT);
        });
        assertThat(contents.info(ContentHash.of(tooLarge))).isEmpty();
        assertThat(contents.put(new byte[(int) LIMIT]).size()).isEqualTo(LIMIT);
    }

    @Test
    void aLabelMovesAndCannotPointAtAbsentContent() {
        ContentHash one = contents.put(text("one")).hash();
        ContentHash two = contents.put(text("two")).hash();

        contents.putLabel("release", one);
        contents.putLabel("release", two);

        assertThat(contents.label("release")).contains(two);
        fails(ErrorCode.CONTENT_NOT_FOUND, () -> contents.putLabel("release", ContentHash.of(text("absent"))));
        assertThat(contents.label("release")).contains(two);
        assertThat(contents.deleteLabel("release")).isTrue();
        assertThat(contents.label("release")).isEmpty();
    }

    @Test
    void badHashesAndLabelNamesAreRefused() {
        fails(ErrorCode.CONTENT_INVALID_HASH, () -> new ContentHash("ABC"));
        fails(ErrorCode.CONTENT_INVALID_HASH, () -> new ContentHash("A".repeat(64)));
        fails(ErrorCode.CONTENT_INVALID_LABEL, () -> contents.label(""));
        fails(ErrorCode.CONTENT_INVALID_LABEL, () -> contents.label(".hidden"));
        fails(ErrorCode.CONTENT_INVALID_LABEL, () -> contents.label("a/b"));
        fails(ErrorCode.CONTENT_INVALID_LABEL, () -> contents.label("x".repeat(129)));
        assertThat(contents.label("x".repeat(128))).isEmpty();
    }

    @Test
    void collectionRemovesOnlyUnlabelledContentOlderThanTheGracePeriod() {
        ContentHash labelled = contents.put(text("labelled")).hash();
        ContentHash unlabelled = contents.put(text("unlabelled")).hash();
        contents.putLabel("keep", labelled);
        clock.advance(Duration.ofMinutes(10));
        ContentHash fresh = contents.put(text("fresh")).hash();

        assertThat(contents.collect(Duration.ofMinutes(5))).isOne();

        assertThat(contents.info(labelled)).isPresent();
        assertThat(contents.info(unlabelled)).isEmpty();
        assertThat(contents.info(fresh)).isPresent();
    }

    @Test
    void clientsAreDeniedContentUnlessTheRuleAllows() {
        ContentHash hash = contents.put(text("private")).hash();
        Contents client = troupe.host().contents(CLIENT);
        Contents reader = troupe.host().contents(Caller.client("reader"));

        fails(ErrorCode.FORBIDDEN, () -> client.info(hash));
        fails(ErrorCode.FORBIDDEN, () -> client.put(text("x")));
        fails(ErrorCode.FORBIDDEN, () -> client.putLabel("l", hash));
        fails(ErrorCode.FORBIDDEN, () -> reader.put(text("x")));
        fails(ErrorCode.FORBIDDEN, () -> reader.deleteLabel("l"));
        fails(ErrorCode.FORBIDDEN, () -> reader.collect(Duration.ZERO));
        assertThat(reader.bytes(hash)).isPresent();
        assertThat(troupe.host().contents(Caller.service("backend")).put(text("y")).size()).isOne();
    }

    @Test
    void aTokenRestrictedToOneActorMayNotUseContent() {
        Caller scoped = new Caller(CallerType.CLIENT, "reader", Map.of(Caller.SCOPE_TYPE, "counter"));

        fails(ErrorCode.FORBIDDEN, () -> troupe.host().contents(scoped).info(ContentHash.of(text("x"))));
    }

    @Test
    void anActorStoresAndLabelsContent() {
        Archive archive = troupe.actor(Archive.class, Key.of("a"));

        String hash = archive.archive("report body");

        assertThat(contents.label("report")).contains(new ContentHash(hash));
        assertThat(contents.bytes(new ContentHash(hash))).hasValueSatisfying(b -> assertThat(b).isEqualTo(text("report body")));
    }

    /** The size limit of the runtime under test. */
    private static final class ContentSpoolSize {
        static final long LIMIT = 4 * 1024 * 1024;
    }

    /** Archives text into the content store and labels it. */
    @ActorContract("archive")
    public interface Archive {
        /** Stores {@code text}, labels it {@code report} and returns its hash. */
        String archive(String text);
    }

    /** Implements {@link Archive}. */
    public static final class Archivist extends Actor<String> implements Archive {
        @Override
        protected String initialState(Input input) {
            return "";
        }

        @Override
        public String archive(String text) {
            ContentHash hash = contents().put(text.getBytes(StandardCharsets.UTF_8)).hash();
            contents().putLabel("report", hash);
            return hash.hex();
        }
    }

    /** The system clock, moved forward by what the test advances. */
    private static final class OffsetClock implements TimeSource {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            offset.updateAndGet(current -> current.plus(by));
        }

        @Override
        public Instant instant() {
            return TimeSource.system().instant().plus(offset.get());
        }

        @Override
        public long nanoTime() {
            return TimeSource.system().nanoTime() + offset.get().toNanos();
        }

        @Override
        public Wakeup schedule(Instant at, Runnable task) {
            return TimeSource.system().schedule(at.minus(offset.get()), task);
        }
    }
}
