package dev.troupe.store;

/** Runs the store conformance suite against {@link MemoryStore}, the reference implementation. */
class MemoryStoreTest extends StoreConformanceTest {

    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
