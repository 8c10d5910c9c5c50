package dev.troupe.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How stores that keep content in rows split it into chunks of {@link #CHUNK_SIZE} bytes and read it
 * back lazily, so that at most one chunk is in memory. Chunks are numbered from 0; every chunk but the
 * last is full. Stateless.
 */
public final class ContentChunks {
    /** The bytes in each chunk but the last: 256 KiB. */
    public static final int CHUNK_SIZE = 256 * 1024;

    private ContentChunks() {
    }

    /** Receives one chunk of content being stored. */
    @FunctionalInterface
    public interface ChunkSink<E extends Exception> {
        /** Keeps chunk number {@code index}; the array is the sink's to keep. */
        void chunk(int index, byte[] data) throws E;
    }

    /** Fetches one stored chunk. */
    @FunctionalInterface
    public interface ChunkFetch {
        /** Chunk number {@code index}, or null if it is not (any longer) stored. */
        byte @Nullable [] chunk(int index) throws IOException;
    }

    /**
     * Reads exactly {@code size} bytes of {@code in} and hands them to {@code sink} chunk by chunk.
     *
     * @throws EOFException if {@code in} ends early
     */
    public static <E extends Exception> void split(InputStream in, long size, ChunkSink<E> sink) throws IOException, E {
        long left = size;
        for (int index = 0; left > 0; index++) {
            int length = (int) Math.min(CHUNK_SIZE, left);
            byte[] data = in.readNBytes(length);
            if (data.length < length) {
                throw new EOFException("the content ended after " + (size - left + data.length) + " of " + size + " bytes");
            }
            sink.chunk(index, data);
            left -= length;
        }
    }

    /** A stream over {@code size} bytes kept in chunks, fetching each chunk when it is reached. */
    public static InputStream join(long size, ChunkFetch fetch) {
        return new JoinedChunks(size, Objects.requireNonNull(fetch, "fetch"));
    }

    private static final class JoinedChunks extends InputStream {
        private final long size;
        private final ChunkFetch fetch;
        private long position;
        private int index;
        private byte[] chunk = new byte[0];
        private int offset;

        JoinedChunks(long size, ChunkFetch fetch) {
            this.size = size;
            this.fetch = fetch;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int from, int length) throws IOException {
            Objects.checkFromIndexSize(from, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            if (position >= size) {
                return -1;
            }
            if (offset == chunk.length) {
                byte[] next = fetch.chunk(index);
                if (next == null || next.length == 0) {
                    throw new IOException("chunk " + index + " of the content is gone (collected while being read)");
                }
                chunk = next;
                offset = 0;
                index++;
            }
            int count = Math.min(length, chunk.length - offset);
            System.arraycopy(chunk, offset, buffer, from, count);
            offset += count;
            position += count;
            return count;
        }

        @Override
        public int available() {
            return chunk.length - offset;
        }
    }
}
