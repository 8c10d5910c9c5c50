package dev.troupe.store;

/** Runs the content store conformance suite against {@link MemoryStore}, the reference implementation. */
class MemoryContentStoreTest extends ContentStoreConformanceTest {

    @Override
    protected ContentStore newStore() {
        return new MemoryStore();
    }
}
