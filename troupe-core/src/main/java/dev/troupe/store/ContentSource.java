package dev.troupe.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where a store reads content it is asked to keep: a source that can be opened more than once, so
 * that a store may retry a transaction. Each {@link #open()} yields the same bytes from the start.
 */
@FunctionalInterface
public interface ContentSource {

    /** A new stream over the bytes, from the first; the caller closes it. */
    InputStream open() throws IOException;
}
