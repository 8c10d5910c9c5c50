package dev.troupe;

import dev.troupe.definition.ActorDefinition;
import dev.troupe.history.History;
import dev.troupe.host.ActorHost;
import dev.troupe.host.Address;
import dev.troupe.host.ContentSettings;
import dev.troupe.host.HostProvider;
import dev.troupe.host.HostSettings;
import dev.troupe.host.RunningHost;
import dev.troupe.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A Troupe runtime: registered actor types over a store. The entry point of the library.
 *
 * {@snippet :
 * try (Troupe troupe = Troupe.builder()
 *         .store(SqliteStore.open(Path.of("troupe-data")))
 *         .register(CounterActor.class)
 *         .build()) {
 *     Counter counter = troupe.actor(Counter.class, Key.of("acme", "visits"));
 *     counter.increment(1);   // returns once durable
 * }
 * }
 *
 * <p>Thread-safe. Closing stops accepting calls, puts every actor to sleep (their {@code onSleep} runs
 * and commits), and closes the store.
 */
public final class Troupe implements AutoCloseable {
    private final RunningHost runtime;
    private final Duration callTimeout;
    private final Caller inProcess = Caller.system("in-process");

    private Troupe(RunningHost runtime, Duration callTimeout) {
        this.runtime = runtime;
        this.callTimeout = callTimeout;
    }

    /** A builder for a runtime. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A typed handle to the actor of {@code contract}'s type under {@code key}, created on first use.
     *
     * @throws TroupeException {@code actor/type_not_found} if no registered type implements the contract
     */
    public <C> C actor(Class<C> contract, Key key) {
        return ref(contract, key).getOrCreate();
    }

    /** A reference to the actor of {@code contract}'s type under {@code key}. */
    public <C> ActorRef<C> ref(Class<C> contract, Key key) {
        Objects.requireNonNull(key, "key");
        return new ActorRef<>(runtime, contract, new Address(runtime.typeName(contract), key), null, inProcess,
                callTimeout);
    }

    /** A reference to the actor with this id; calls fail with {@code actor/not_found} if there is none. */
    public <C> ActorRef<C> refById(Class<C> contract, String id) {
        runtime.typeName(contract);
        return new ActorRef<>(runtime, contract, null, Objects.requireNonNull(id, "id"), inProcess, callTimeout);
    }

    /**
     * The turn history of the actor of {@code contract}'s type under {@code key}, for a type
     * registered with {@link TypeOptions#history()}.
     *
     * @throws TroupeException {@code actor/type_not_found}, {@code history/disabled} if the type keeps
     *                         no history, {@code actor/not_found} if the actor does not exist
     */
    public History history(Class<?> contract, Key key) {
        Objects.requireNonNull(key, "key");
        return runtime.history(new Address(runtime.typeName(contract), key), inProcess);
    }

    /**
     * The runtime's content-addressed store, for in-process code, which may do everything with it.
     *
     * @throws TroupeException {@code actor/not_supported} on use, if the runtime's store keeps no content
     */
    public Contents contents() {
        return runtime.contents(inProcess);
    }

    /**
     * The host interface of this runtime: what transports (the HTTP and WebSocket server, protocol
     * adapters) and in-process code ask of it, each operation authorised for its caller.
     */
    public ActorHost host() {
        return runtime;
    }

    /**
     * Sends turn and commit timings to {@code observer} (for metrics) until the returned handle is
     * closed. Thread-safe; observers run on runtime threads and must not block.
     */
    public AutoCloseable observe(RuntimeObserver observer) {
        return runtime.observe(observer);
    }

    /**
     * Waits until the runtime has nothing left to do: no message queued or in a turn, no write waiting
     * to commit, no outputs of a commit (replies, events, views) waiting to be delivered, no schedule
     * pass asked for. Work set for later (timers and schedules not yet due, call deadlines) does not
     * count. Meant for tests driving a manual {@link TimeSource}: after advancing it, this returns once
     * everything the wake-ups set off (due schedules, timers, idle sleep) has finished and is durable.
     * While other threads keep calling, the runtime may never be quiescent; a turn that blocks keeps it
     * busy. Thread-safe.
     *
     * @return false if work was still in flight after {@code timeout}
     * @throws IllegalStateException if called from inside a turn, which would wait for itself
     * @throws TroupeException {@code actor/unavailable} if the thread is interrupted while waiting
     */
    public boolean awaitQuiescence(Duration timeout) {
        try {
            return runtime.awaitQuiescence(Objects.requireNonNull(timeout, "timeout"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TroupeException(ErrorCode.UNAVAILABLE, "interrupted while waiting for quiescence");
        }
    }

    /** Current counters. */
    public RuntimeStats stats() {
        return runtime.stats();
    }

    /** Stops the runtime gracefully and closes the store. Idempotent. */
    @Override
    public void close() {
        runtime.close();
    }

    /**
     * Configures a {@link Troupe}. Not thread-safe. Every setting has a default except the store.
     */
    public static final class Builder {
        private Store store;
        private final List<Registration> registrations = new ArrayList<>();
        private int maxActiveActors = 100_000;
        private Duration sleepAfter = Duration.ofSeconds(60);
        private boolean validateEvents;
        private Duration callTimeout = Duration.ofSeconds(60);
        private Duration idleCheckInterval = Duration.ofSeconds(1);
        private Duration schedulePollInterval = Duration.ofSeconds(1);
        private int maxBatch = 1024;
        private TimeSource clock = TimeSource.system();
        private @Nullable HostProvider host;
        private long maxContentSize = ContentSettings.DEFAULT_MAX_SIZE;
        private AccessRule contentAccess = ContentSettings.defaults().access();

        private Builder() {
        }

        /** Where actors are stored; required. The runtime closes it when it closes. */
        public Builder store(Store value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Registers an actor type with default options. */
        public Builder register(Class<? extends Actor<?>> actorClass) {
            return register(actorClass, type -> { });
        }

        /** Registers an actor type, adjusting its options. */
        public Builder register(Class<? extends Actor<?>> actorClass, Consumer<TypeOptions> configure) {
            Objects.requireNonNull(configure, "configure");
            registrations.add(new Registration(() -> ClassDefinition.of(actorClass), configure));
            return this;
        }

        /**
         * Registers a kind of actor described by a definition rather than a Java class (see
         * {@link dev.troupe.definition}), with default options.
         */
        public Builder register(ActorDefinition definition) {
            return register(definition, type -> { });
        }

        /**
         * Registers a kind of actor described by a definition, adjusting its options after the
         * definition's own {@link ActorDefinition#configure}.
         */
        public Builder register(ActorDefinition definition, Consumer<TypeOptions> configure) {
            Objects.requireNonNull(definition, "definition");
            Objects.requireNonNull(configure, "configure");
            registrations.add(new Registration(() -> definition, options -> {
                definition.configure(options);
                configure.accept(options);
            }));
            return this;
        }

        /** The most activations kept in memory (default 100,000); beyond it the least recently used sleep. */
        public Builder maxActiveActors(int value) {
            if (value < 1) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "maxActiveActors must be >= 1: " + value);
            }
            this.maxActiveActors = value;
            return this;
        }

        /** The default idle time before an actor sleeps (default 60 s); types may override it. */
        public Builder sleepAfter(Duration value) {
            this.sleepAfter = positive(value, "sleepAfter");
            return this;
        }

        /**
         * Whether the types check every broadcast of a declared event against its schemas (default
         * off; the test kit turns it on); a type's {@link TypeOptions#validateEvents} overrides it.
         */
        public Builder validateEvents(boolean enabled) {
            this.validateEvents = enabled;
            return this;
        }

        /** The default call timeout (default 60 s). */
        public Builder callTimeout(Duration value) {
            this.callTimeout = positive(value, "callTimeout");
            return this;
        }

        /** How often idle actors are looked for (default 1 s). */
        public Builder idleCheckInterval(Duration value) {
            this.idleCheckInterval = positive(value, "idleCheckInterval");
            return this;
        }

        /** The longest the scheduler waits before asking the store for due schedules (default 1 s). */
        public Builder schedulePollInterval(Duration value) {
            this.schedulePollInterval = positive(value, "schedulePollInterval");
            return this;
        }

        /** The most actor writes in one store transaction (default 1,024). */
        public Builder maxBatch(int value) {
            if (value < 1) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "maxBatch must be >= 1: " + value);
            }
            this.maxBatch = value;
            return this;
        }

        /**
         * The runtime's one source of time (default {@link TimeSource#system()}): schedules, volatile
         * timers, idle sleep, call deadlines, creation and turn times all follow it.
         */
        public Builder clock(TimeSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The largest content, in bytes, the content store accepts (default 64 MiB); larger uploads
         * fail with {@code content/too_large}.
         */
        public Builder maxContentSize(long value) {
            if (value < 1) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "maxContentSize must be >= 1: " + value);
            }
            this.maxContentSize = value;
            return this;
        }

        /**
         * What client callers may do with the content store: the rule is asked for
         * {@link AccessRule#CONTENT_READ}, {@link AccessRule#CONTENT_WRITE} and
         * {@link AccessRule#CONTENT_LABEL}. By default clients may do nothing; system and service callers
         * may always do everything.
         */
        public Builder contentAccess(AccessRule value) {
            this.contentAccess = Objects.requireNonNull(value, "contentAccess");
            return this;
        }

        /**
         * The provider that starts the runtime, instead of the one registered as a service (the
         * single-node runtime): for a runtime that is not on the class path as a service, such as a
         * cluster node's.
         */
        public Builder host(HostProvider value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /**
         * Validates the registrations and starts the runtime.
         *
         * @throws TroupeException {@code config/invalid_registration} naming what is wrong
         */
        public Troupe build() {
            if (store == null) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "a store is required: call store(...)");
            }
            if (registrations.isEmpty()) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION, "register at least one actor type");
            }
            List<HostProvider.Registration> types = new ArrayList<>();
            for (Registration registration : registrations) {
                TypeOptions typeOptions = new TypeOptions(sleepAfter, validateEvents);
                registration.configure().accept(typeOptions);
                types.add(new HostProvider.Registration(registration.definition().get(), typeOptions));
            }
            HostSettings settings = new HostSettings(maxActiveActors, callTimeout, idleCheckInterval,
                    schedulePollInterval, maxBatch, clock, new ContentSettings(maxContentSize, contentAccess));
            HostProvider provider = host != null ? host : HostProviders.only();
            return new Troupe(provider.start(store, types, settings), callTimeout);
        }

        /** One registered type, built at {@link #build()} so that every error surfaces there. */
        private record Registration(Supplier<ActorDefinition> definition, Consumer<TypeOptions> configure) {
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new TroupeException(ErrorCode.INVALID_REGISTRATION, name + " must be positive: " + value);
            }
            return value;
        }
    }
}
