package dev.troupe.testkit;

import dev.troupe.Actor;
import dev.troupe.ActorRef;
import dev.troupe.Caller;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TypeOptions;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.store.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An in-process Troupe for testing actors: the registered types over a fresh {@link MemoryStore},
 * with time that moves only when the test {@linkplain TestClock#advance advances} it, typed handles
 * as any {@link Caller}, and captures of broadcasts and per-caller views. Everything goes through the
 * public API a production caller uses, so access rules, durability and the output gate all apply.
 * Event validation is on ({@code Troupe.Builder.validateEvents}): a broadcast of a declared event whose
 * arguments do not fit its schemas fails its turn with {@code event/invalid_payload}, so a test that
 * makes one fails.
 *
 * <p>The module's README shows it at work; its examples are compiled and run by
 * {@code ReadmeExampleTest} in this module's tests.
 *
 * <p>Give each test (or test class) its own kit: kits share nothing, so tests run in parallel.
 * Thread-safe. Closing puts every actor to sleep and discards the store.
 */
public final class TroupeTestKit implements AutoCloseable {
    private final Troupe troupe;
    private final MemoryStore store;
    private final TestClock clock;
    private final Settler settler;

    private TroupeTestKit(Troupe troupe, MemoryStore store, ManualTimeSource time, Duration settleTimeout) {
        this.troupe = troupe;
        this.store = store;
        this.settler = new Settler(troupe, settleTimeout);
        this.clock = new TestClock(time, settler);
    }

    /** A builder of a kit; register at least one actor type. */
    public static Builder builder() {
        return new Builder();
    }

    /** The runtime, for anything the kit has no shortcut for. */
    public Troupe troupe() {
        return troupe;
    }

    /** The store under the runtime, to inspect what is durable (actors, due schedules). */
    public MemoryStore store() {
        return store;
    }

    /** The kit's time. */
    public TestClock clock() {
        return clock;
    }

    /** A typed handle to the actor under {@code key}, created on first call, calling as an in-process system caller. */
    public <C> C actor(Class<C> contract, Key key) {
        return troupe.actor(contract, key);
    }

    /**
     * A typed handle to the actor under {@code key}, created on first call, calling as {@code caller}:
     * the type's access rule decides what that caller may do.
     */
    public <C> C actor(Class<C> contract, Key key, Caller caller) {
        return ref(contract, key).as(caller).getOrCreate();
    }

    /** A reference to the actor under {@code key}, for lifecycle operations, other callers and captures. */
    public <C> ActorRef<C> ref(Class<C> contract, Key key) {
        return troupe.ref(contract, key);
    }

    /**
     * Subscribes to the named events of the referenced actor ({@code *}, or no names, for all) as the
     * reference's caller, creating the actor if absent, and captures what arrives.
     *
     * @throws dev.troupe.TroupeException {@code auth/forbidden} if that caller may not connect
     */
    public EventCapture events(ActorRef<?> ref, String... names) {
        return new EventCapture(ref, settler, names);
    }

    /**
     * Syncs the referenced actor's view for the reference's caller, creating the actor if absent, and
     * captures each view after a durable change.
     *
     * @throws dev.troupe.TroupeException {@code auth/forbidden} if that caller may not view or connect
     */
    public ViewCapture views(ActorRef<?> ref) {
        return new ViewCapture(ref, settler);
    }

    /**
     * Waits until the runtime has nothing left to do ({@link Troupe#awaitQuiescence}): every queued
     * turn has run and committed and its replies, events and views are delivered. Calls through the
     * kit's handles already return once durable; settle when the effects of a call on other actors,
     * or its events, matter. {@link TestClock#advance} and the captures settle by themselves.
     *
     * @throws AssertionError if the runtime is still busy after the settle timeout
     */
    public void settle() {
        settler.settle("waiting for the runtime to settle");
    }

    /** Stops the runtime: every actor sleeps (its {@code onSleep} runs), then the store is discarded. Idempotent. */
    @Override
    public void close() {
        troupe.close();
    }

    /** Configures a {@link TroupeTestKit}. Not thread-safe. */
    public static final class Builder {
        private final Troupe.Builder runtime = Troupe.builder();
        private Instant origin = ManualTimeSource.DEFAULT_ORIGIN;
        private Duration settleTimeout = Duration.ofSeconds(10);

        private Builder() {
            runtime.validateEvents(true);
        }

        /** Registers an actor class with default options. */
        public Builder register(Class<? extends Actor<?>> actorClass) {
            runtime.register(actorClass);
            return this;
        }

        /** Registers an actor class, adjusting its options (access rule, idle timeout, durability, ...). */
        public Builder register(Class<? extends Actor<?>> actorClass, Consumer<TypeOptions> configure) {
            runtime.register(actorClass, configure);
            return this;
        }

        /** Registers a kind of actor described by a definition, with its own options. */
        public Builder register(ActorDefinition definition) {
            runtime.register(definition);
            return this;
        }

        /** Registers a kind of actor described by a definition, adjusting its options. */
        public Builder register(ActorDefinition definition, Consumer<TypeOptions> configure) {
            runtime.register(definition, configure);
            return this;
        }

        /**
         * Adjusts the runtime's settings ({@code sleepAfter}, {@code callTimeout}, ...). The store and
         * the clock are the kit's: setting them here has no effect.
         */
        public Builder configure(Consumer<Troupe.Builder> settings) {
            settings.accept(runtime);
            return this;
        }

        /** The instant the clock starts at (default {@link ManualTimeSource#DEFAULT_ORIGIN}). */
        public Builder startingAt(Instant value) {
            this.origin = Objects.requireNonNull(value, "origin");
            return this;
        }

        /** How long {@link TroupeTestKit#settle()} and {@link TestClock#advance} wait before failing (default 10 s). */
        public Builder settleTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("settleTimeout must be positive: " + value);
            }
            this.settleTimeout = value;
            return this;
        }

        /**
         * Starts the runtime on a fresh {@link MemoryStore} and a {@link ManualTimeSource} at the origin.
         *
         * @throws dev.troupe.TroupeException {@code config/invalid_registration} naming what is wrong
         */
        public TroupeTestKit start() {
            MemoryStore store = new MemoryStore();
            ManualTimeSource time = new ManualTimeSource(origin);
            Troupe troupe = runtime.store(store).clock(time).build();
            return new TroupeTestKit(troupe, store, time, settleTimeout);
        }
    }
}
