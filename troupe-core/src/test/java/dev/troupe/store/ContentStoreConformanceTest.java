package dev.troupe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.troupe.ContentHash;
import dev.troupe.ContentInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite that every {@link ContentStore} passes, beside {@link StoreConformanceTest}:
 * subclass it, return a fresh, empty store from {@link #newStore()} and, for a durable store, override
 * {@link #reopen(ContentStore)} so that the suite also checks what survives a restart.
 */
public abstract class ContentStoreConformanceTest {
    /** An instant the test times are relative to. */
    protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private ContentStore store;

    /** For the store modules' subclasses. */
    protected ContentStoreConformanceTest() {
    }

    /** A fresh, empty store; called once per test. */
    protected abstract ContentStore newStore();

    /** Closes {@code old} and opens the same location again; the default returns {@code old}. */
    protected ContentStore reopen(ContentStore old) {
        return old;
    }

    @BeforeEach
    final void openStore() {
        store = newStore();
    }

    @AfterEach
    final void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private boolean put(byte[] bytes, Instant at) {
        return store.putContent(ContentHash.of(bytes), bytes.length, at, () -> new ByteArrayInputStream(bytes));
    }

    private byte[] read(ContentHash hash) throws IOException {
        try (InputStream in = store.openContent(hash).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    @Test
    void theSameBytesStoredTwiceAreOneObject() throws IOException {
        byte[] bytes = text("hello, content");
        ContentHash hash = ContentHash.of(bytes);

        assertThat(put(bytes, T0)).isTrue();
        assertThat(put(bytes, T0.plusSeconds(5))).isFalse();

        assertThat(read(hash)).isEqualTo(bytes);
        assertThat(store.contentInfo(hash)).contains(new ContentInfo(hash, bytes.length, T0.plusSeconds(5)));
        assertThat(store.collectContent(T0.plusSeconds(10))).isOne();
        assertThat(store.contentInfo(hash)).isEmpty();
    }

    @Test
    void storingAgainNeverMovesStoredAtBackwards() {
        byte[] bytes = text("twice");
        put(bytes, T0.plusSeconds(10));
        put(bytes, T0);

        assertThat(store.contentInfo(ContentHash.of(bytes)).orElseThrow().storedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void absentContentIsEmpty() {
        ContentHash absent = ContentHash.of(text("never stored"));

        assertThat(store.contentInfo(absent)).isEmpty();
        assertThat(store.openContent(absent)).isEmpty();
    }

    @Test
    void emptyContentIsContentToo() throws IOException {
        byte[] empty = new byte[0];
        put(empty, T0);

        assertThat(read(ContentHash.of(empty))).isEmpty();
        assertThat(store.contentInfo(ContentHash.of(empty)).orElseThrow().size()).isZero();
    }

    @Test
    void largeContentSpanningManyChunksComesBackByteForByte() throws IOException {
        byte[] large = new byte[ContentChunks.CHUNK_SIZE * 3 + 12_345];
        new Random(7).nextBytes(large);
        put(large, T0);

        assertThat(read(ContentHash.of(large))).isEqualTo(large);
        assertThat(store.contentInfo(ContentHash.of(large)).orElseThrow().size()).isEqualTo(large.length);
    }

    @Test
    void aLabelPointsAtContentAndMoves() {
        byte[] first = text("version 1");
        byte[] second = text("version 2");
        put(first, T0);
        put(second, T0);

        assertThat(store.putLabel("app", ContentHash.of(first))).isTrue();
        assertThat(store.label("app")).contains(ContentHash.of(first));
        assertThat(store.putLabel("app", ContentHash.of(second))).isTrue();
        assertThat(store.label("app")).contains(ContentHash.of(second));
        assertThat(store.label("other")).isEmpty();
    }

    @Test
    void aLabelCannotPointAtAbsentContent() {
        byte[] stored = text("stored");
        put(stored, T0);
        store.putLabel("app", ContentHash.of(stored));

        assertThat(store.putLabel("app", ContentHash.of(text("absent")))).isFalse();
        assertThat(store.label("app")).contains(ContentHash.of(stored));
    }

    @Test
    void deletingALabelSaysWhetherItExisted() {
        byte[] bytes = text("labelled");
        put(bytes, T0);
        store.putLabel("app", ContentHash.of(bytes));

        assertThat(store.deleteLabel("app")).isTrue();
        assertThat(store.deleteLabel("app")).isFalse();
        assertThat(store.label("app")).isEmpty();
        assertThat(store.contentInfo(ContentHash.of(bytes))).isPresent();
    }

    @Test
    void collectionRemovesOnlyUnlabelledContentStoredBeforeTheCutoff() {
        byte[] labelled = text("labelled");
        byte[] old = text("old and unlabelled");
        byte[] fresh = text("fresh and unlabelled");
        put(labelled, T0);
        put(old, T0);
        put(fresh, T0.plusSeconds(100));
        store.putLabel("keep", ContentHash.of(labelled));

        assertThat(store.collectContent(T0.plusSeconds(50))).isOne();

        assertThat(store.contentInfo(ContentHash.of(labelled))).isPresent();
        assertThat(store.contentInfo(ContentHash.of(old))).isEmpty();
        assertThat(store.openContent(ContentHash.of(old))).isEmpty();
        assertThat(store.contentInfo(ContentHash.of(fresh))).isPresent();
        assertThat(store.collectContent(T0.plusSeconds(50))).isZero();
    }

    @Test
    void contentWhoseLabelWasDeletedIsCollected() {
        byte[] bytes = text("was labelled");
        put(bytes, T0);
        store.putLabel("app", ContentHash.of(bytes));
        store.deleteLabel("app");

        assertThat(store.collectContent(T0.plusSeconds(1))).isOne();
        assertThat(store.contentInfo(ContentHash.of(bytes))).isEmpty();
    }

    @Test
    void contentAndLabelsSurviveAReopen() throws IOException {
        byte[] bytes = text("durable");
        put(bytes, T0);
        store.putLabel("app", ContentHash.of(bytes));

        store = reopen(store);

        assertThat(store.label("app")).contains(ContentHash.of(bytes));
        assertThat(read(ContentHash.of(bytes))).isEqualTo(bytes);
    }

    @Test
    void aSourceThatFailsStoresNothing() {
        byte[] bytes = text("never arrives");
        ContentHash hash = ContentHash.of(bytes);

        assertThatThrownBy(() -> store.putContent(hash, bytes.length, T0, () -> {
            throw new IOException("disk gone");
        })).isInstanceOf(StoreException.class);
        assertThat(store.contentInfo(hash)).isEmpty();
    }

    @Test
    void concurrentPutsOfTheSameBytesStoreOneObject() throws Exception {
        byte[] bytes = new byte[ContentChunks.CHUNK_SIZE + 1];
        new Random(3).nextBytes(bytes);
        Callable<Boolean> putting = () -> put(bytes, T0);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            var results = pool.invokeAll(java.util.Collections.nCopies(8, putting));
            long created = 0;
            for (Future<Boolean> result : results) {
                created += result.get() ? 1 : 0;
            }
            assertThat(created).isOne();
        }
        assertThat(read(ContentHash.of(bytes))).isEqualTo(bytes);
        assertThat(store.collectContent(T0.plusSeconds(1))).isOne();
        assertThat(store.contentInfo(ContentHash.of(bytes))).isEmpty();
    }
}
