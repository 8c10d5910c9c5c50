package dev.troupe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The content-addressed store of a runtime: immutable blobs (actor packages, WebAssembly modules,
 * attachments, large results) stored and fetched by the SHA-256 of their bytes, and labels, mutable
 * names that point at content. From {@link Troupe#contents()}, from an actor's {@code contents()}, or
 * for one caller from {@link dev.troupe.host.ActorHost#contents(Caller)}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>One object per content.</b> Storing bytes that are already stored changes nothing but their
 *       {@link ContentInfo#storedAt() storedAt}; the store keeps one copy.</li>
 *   <li><b>Durable when a method returns</b>, to the standard of the runtime's store, and
 *       independently of any turn: content operations are not part of a turn's atomic write, and a
 *       turn that throws does not undo them.</li>
 *   <li><b>Labels move atomically.</b> {@link #putLabel} replaces the label's target in one step:
 *       readers see the old content or the new, never neither.</li>
 *   <li><b>Garbage collection</b> ({@link #collect}) is mark and sweep with the labels as roots: it
 *       removes content that no label points at and that was stored longer ago than the grace
 *       period. Code that stores content and labels it later should label it within that period.</li>
 *   <li>Content is streamed: neither a store nor a fetch holds large content whole in memory (an
 *       upload is spooled to a temporary file while its hash is computed).</li>
 *   <li>Thread-safe.</li>
 * </ul>
 *
 * <p>Access: {@link CallerType#SYSTEM} and {@link CallerType#SERVICE} callers may do everything;
 * clients only what the runtime's content rule allows ({@link AccessRule#CONTENT_READ},
 * {@link AccessRule#CONTENT_WRITE}, {@link AccessRule#CONTENT_LABEL}), and by default nothing.
 * Collection is for system and service callers only.
 */
public interface Contents {
    /** What a label name is: 1 to 128 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit. */
    Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * Stores the bytes read from {@code bytes} (to its end; the stream is not closed) and returns their
     * hash.
     *
     * @param expected the hash the caller says the bytes have, or null not to check
     * @throws TroupeException {@code content/hash_mismatch} if the bytes do not hash to {@code expected};
     *                         {@code content/too_large} past {@link #maxSize()}; {@code auth/forbidden};
     *                         in every case nothing is stored
     * @throws IOException     if reading {@code bytes} fails; nothing is stored
     */
    ContentInfo put(InputStream bytes, @Nullable ContentHash expected) throws IOException;

    /** Stores {@code bytes}; see {@link #put(InputStream, ContentHash)}. */
    default ContentInfo put(byte[] bytes) {
        try {
            return put(new java.io.ByteArrayInputStream(bytes), null);
        } catch (IOException e) {
            throw new UncheckedIOException("reading an array does not fail", e);
        }
    }

    /** What is stored under {@code hash}, without the bytes; empty if nothing is. */
    Optional<ContentInfo> info(ContentHash hash);

    /**
     * The bytes stored under {@code hash}, as a stream the caller closes; empty if nothing is. The
     * stream reads the store as it goes: if the content is collected meanwhile, a read throws
     * {@link IOException}.
     */
    Optional<InputStream> open(ContentHash hash);

    /** The bytes stored under {@code hash}, whole; empty if nothing is. For small content. */
    default Optional<byte[]> bytes(ContentHash hash) {
        return open(hash).map(in -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("reading content " + hash + " failed", e);
            }
        });
    }

    /**
     * The content the label points at; empty if there is no such label.
     *
     * @throws TroupeException {@code content/invalid_label} if {@code name} breaks {@link #LABEL_NAME}
     */
    Optional<ContentHash> label(String name);

    /**
     * Points the label {@code name} at {@code hash}, creating it or moving it atomically.
     *
     * @throws TroupeException {@code content/not_found} if nothing is stored under {@code hash} (the
     *                         label is unchanged); {@code content/invalid_label}
     */
    void putLabel(String name, ContentHash hash);

    /**
     * Removes the label; the content it pointed at stays until collected.
     *
     * @return whether the label existed
     * @throws TroupeException {@code content/invalid_label}
     */
    boolean deleteLabel(String name);

    /**
     * Removes every piece of content that no label points at and that was last stored more than
     * {@code grace} ago, in one atomic step.
     *
     * @return how many were removed
     * @throws TroupeException {@code auth/forbidden} for a client caller
     */
    int collect(Duration grace);

    /** The largest content, in bytes, that {@link #put} accepts. */
    long maxSize();
}
