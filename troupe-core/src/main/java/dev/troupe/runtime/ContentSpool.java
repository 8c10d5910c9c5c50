package dev.troupe.runtime;

import dev.troupe.ContentHash;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.store.ContentSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content being uploaded, read to its end once while its SHA-256 and size are computed, so that the
 * store is handed bytes whose hash is known and checked. Up to {@link #IN_MEMORY} bytes stay in the
 * heap; beyond that the bytes go to a temporary file, deleted on {@link #close()}. The size limit is
 * enforced while reading, so an oversized upload is refused without being read to its end.
 */
final class ContentSpool implements ContentSource, AutoCloseable {
    /** Content up to this size is kept in memory: 1 MiB. */
    static final int IN_MEMORY = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ContentSpool.class);

    private final ContentHash hash;
    private final long size;
    private final byte @Nullable [] bytes;
    private final @Nullable Path file;

    private ContentSpool(ContentHash hash, long size, byte @Nullable [] bytes, @Nullable Path file) {
        this.hash = hash;
        this.size = size;
        this.bytes = bytes;
        this.file = file;
    }

    /**
     * Reads {@code in} to its end.
     *
     * @throws TroupeException {@code content/too_large} once more than {@code maxSize} bytes arrive
     * @throws IOException     if reading {@code in} or writing the temporary file fails
     */
    static ContentSpool read(InputStream in, long maxSize) throws IOException {
        MessageDigest digest = ContentHash.sha256();
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        Path file = null;
        OutputStream out = memory;
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                size += read;
                if (size > maxSize) {
                    throw tooLarge(maxSize);
                }
                digest.update(buffer, 0, read);
                if (file == null && size > IN_MEMORY) {
                    file = Files.createTempFile("troupe-content-", ".part");
                    out = Files.newOutputStream(file);
                    memory.writeTo(out);
                }
                out.write(buffer, 0, read);
            }
            out.close();
        } catch (IOException | RuntimeException e) {
            out.close();
            delete(file);
            throw e;
        }
        ContentHash hash = ContentHash.ofDigest(digest.digest());
        return new ContentSpool(hash, size, file == null ? memory.toByteArray() : null, file);
    }

    /** The content-too-large error for a limit of {@code maxSize} bytes. */
    static TroupeException tooLarge(long maxSize) {
        return new TroupeException(ErrorCode.CONTENT_TOO_LARGE, "the content exceeds the limit of " + maxSize + " bytes",
                Map.of("limit", maxSize));
    }

    /** The SHA-256 of the bytes read. */
    ContentHash hash() {
        return hash;
    }

    /** How many bytes were read. */
    long size() {
        return size;
    }

    @Override
    public InputStream open() throws IOException {
        return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(bytes);
    }

    /** Deletes the temporary file, if there is one. */
    @Override
    public void close() {
        delete(file);
    }

    private static void delete(@Nullable Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the content spool file {}", file, e);
        }
    }
}
