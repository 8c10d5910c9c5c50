package dev.troupe.store;

import dev.troupe.ContentHash;
import dev.troupe.ContentInfo;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * The content-addressed half of a store, beside {@link Store}: immutable blobs under the SHA-256 of
 * their bytes, and labels that point at them. {@link MemoryStore}, the SQLite store and the PostgreSQL
 * store implement both interfaces; the runtime's {@link dev.troupe.Contents} works over this one, and
 * one conformance suite checks it.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Thread-safe; every method is atomic and durable when it returns, as for {@link Store}. A method
 *       that throws {@link StoreException} changed nothing.</li>
 *   <li>The caller has checked the content: {@link #putContent} trusts that the source's bytes are
 *       {@code size} long and hash to {@code hash}. A store keeps the bytes as given and returns them
 *       byte for byte.</li>
 *   <li>A label always points at stored content: {@link #putLabel} refuses absent content, and
 *       {@link #collectContent} never removes content a label points at.</li>
 *   <li>Stores that keep content in rows split it into chunks ({@link ContentChunks}) so that neither a
 *       put nor a read holds large content whole in memory.</li>
 * </ul>
 */
public interface ContentStore {

    /**
     * Stores the content if it is absent. If it is present, only its {@code storedAt} moves forward to
     * {@code storedAt}, which keeps it from being collected by a collection that started earlier.
     *
     * @param source opens the bytes; it may be opened again if the store retries
     * @return true if the content was new
     */
    boolean putContent(ContentHash hash, long size, Instant storedAt, ContentSource source);

    /** What is stored under {@code hash}; empty if nothing is. */
    Optional<ContentInfo> contentInfo(ContentHash hash);

    /**
     * The bytes stored under {@code hash}, as a stream the caller closes; empty if nothing is. The
     * stream may read the store lazily; if the content is removed meanwhile, a read throws
     * {@link java.io.IOException}.
     */
    Optional<InputStream> openContent(ContentHash hash);

    /** The content the label points at; empty if there is no such label. */
    Optional<ContentHash> label(String name);

    /**
     * Points the label at {@code hash}, creating or replacing it atomically.
     *
     * @return false, with nothing changed, if no content is stored under {@code hash}
     */
    boolean putLabel(String name, ContentHash hash);

    /** Removes the label; returns whether it existed. */
    boolean deleteLabel(String name);

    /**
     * Removes, in one transaction, every piece of content that no label points at and whose
     * {@code storedAt} is before {@code storedBefore}.
     *
     * @return how many were removed
     */
    int collectContent(Instant storedBefore);
}
