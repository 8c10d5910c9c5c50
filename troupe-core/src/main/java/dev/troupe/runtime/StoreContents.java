package dev.troupe.runtime;

import dev.troupe.ContentHash;
import dev.troupe.ContentInfo;
import dev.troupe.Contents;
import dev.troupe.ErrorCode;
import dev.troupe.TimeSource;
import dev.troupe.TroupeException;
import dev.troupe.store.ContentStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's {@link Contents} over its store's {@link ContentStore} half, with no access checks
 * (those are {@link CallerContents}'): spools and checks uploads, enforces the size limit and the
 * label rules, and stamps content with the runtime's clock. Thread-safe.
 */
final class StoreContents implements Contents {
    private final @Nullable ContentStore store;
    private final long maxSize;
    private final TimeSource clock;

    /** Contents over {@code store}, or, if null (a store that keeps no content), refusing every operation. */
    StoreContents(@Nullable ContentStore store, long maxSize, TimeSource clock) {
        this.store = store;
        this.maxSize = maxSize;
        this.clock = clock;
    }

    @Override
    public ContentInfo put(InputStream bytes, @Nullable ContentHash expected) throws IOException {
        ContentStore target = store();
        try (ContentSpool spool = ContentSpool.read(bytes, maxSize)) {
            if (expected != null && !expected.equals(spool.hash())) {
                throw new TroupeException(ErrorCode.CONTENT_HASH_MISMATCH, "the bytes hash to " + spool.hash()
                        + ", not to the stated " + expected, Map.of("expected", expected.hex(), "actual", spool.hash().hex()));
            }
            ContentInfo info = new ContentInfo(spool.hash(), spool.size(), clock.instant());
            target.putContent(info.hash(), info.size(), info.storedAt(), spool);
            return info;
        }
    }

    @Override
    public Optional<ContentInfo> info(ContentHash hash) {
        return store().contentInfo(Objects.requireNonNull(hash, "hash"));
    }

    @Override
    public Optional<InputStream> open(ContentHash hash) {
        return store().openContent(Objects.requireNonNull(hash, "hash"));
    }

    @Override
    public Optional<ContentHash> label(String name) {
        return store().label(checkLabel(name));
    }

    @Override
    public void putLabel(String name, ContentHash hash) {
        if (!store().putLabel(checkLabel(name), Objects.requireNonNull(hash, "hash"))) {
            throw new TroupeException(ErrorCode.CONTENT_NOT_FOUND, "no content is stored under " + hash,
                    Map.of("hash", hash.hex()));
        }
    }

    @Override
    public boolean deleteLabel(String name) {
        return store().deleteLabel(checkLabel(name));
    }

    @Override
    public int collect(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace period must not be negative: " + grace);
        }
        return store().collectContent(clock.instant().minus(grace));
    }

    @Override
    public long maxSize() {
        return maxSize;
    }

    private ContentStore store() {
        if (store == null) {
            throw new TroupeException(ErrorCode.NOT_SUPPORTED, "this runtime's store keeps no content");
        }
        return store;
    }

    /** Returns {@code name} if it is a label name. */
    static String checkLabel(String name) {
        if (name == null || !LABEL_NAME.matcher(name).matches()) {
            throw new TroupeException(ErrorCode.CONTENT_INVALID_LABEL, "a label name is 1 to 128 of A-Z a-z 0-9 . _ -, "
                    + "starting with a letter or digit", Map.of("label", name == null ? "" : name.length() > 140 ? name.substring(0, 140) : name));
        }
        return name;
    }
}
