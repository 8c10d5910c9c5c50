package dev.troupe.bench.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The disk's serial fsync rate: the ceiling of any store that makes one commit durable before it
 * answers the next caller. One thread writes a 4 KiB page (a SQLite page, a WAL frame's payload) and
 * forces it to the device with {@code fdatasync} ({@link FileChannel#force force(false)}), then the
 * next, cycling over a preallocated 4 MiB file so that no write grows the file (growing would add a
 * metadata flush that a warm write-ahead log does not pay). Measured in the directory the store uses,
 * so both sit on the same file system.
 */
public final class FsyncCeiling {
    private static final int PAGE = 4_096;
    private static final int PAGES = 1_024;
    private static final String FILE = "fsync-ceiling.bin";

    /**
     * What a window of serial synced writes reached.
     *
     * @param perSecond synced writes per second
     * @param p50Millis median latency of one write plus its sync
     * @param p99Millis 99th percentile of the same
     */
    public record Result(double perSecond, double p50Millis, double p99Millis) {
    }

    private FsyncCeiling() {
    }

    /**
     * Writes and syncs pages in {@code directory} for {@code window}, then deletes the file.
     *
     * @throws IOException if the file cannot be written or synced
     */
    public static Result measure(Path directory, Duration window) throws IOException {
        Path file = directory.resolve(FILE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            preallocate(channel);
            byte[] bytes = new byte[PAGE];
            ThreadLocalRandom.current().nextBytes(bytes);
            ByteBuffer page = ByteBuffer.wrap(bytes);
            Latencies latencies = new Latencies();
            long writes = 0;
            long start = System.nanoTime();
            long end = start + window.toNanos();
            long now = start;
            while (now < end) {
                page.clear();
                long position = (writes % PAGES) * PAGE;
                while (page.hasRemaining()) {
                    position += channel.write(page, position);
                }
                channel.force(false);
                long after = System.nanoTime();
                latencies.record(after - now);
                now = after;
                writes++;
            }
            double seconds = (now - start) / 1e9;
            return new Result(writes / seconds, latencies.quantileMillis(0.50), latencies.quantileMillis(0.99));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void preallocate(FileChannel channel) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(PAGE);
        for (int i = 0; i < PAGES; i++) {
            zeros.clear();
            long position = (long) i * PAGE;
            while (zeros.hasRemaining()) {
                position += channel.write(zeros, position);
            }
        }
        channel.force(true);
    }
}
