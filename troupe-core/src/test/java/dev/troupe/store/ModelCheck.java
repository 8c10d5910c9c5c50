package dev.troupe.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Key;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A model-based check of a {@link Store}: a seeded random sequence of operations (create, activate,
 * commit with current and stale epochs, destroy, schedule puts and removals, reopen) is applied both
 * to the store under test and to a {@link MemoryStore}, the reference. After each operation the two
 * results must be equal, and so must everything observable through the {@code Store} interface.
 *
 * <p>The pools of types, keys, ids and schedule ids are small, so that duplicates, re-creation after
 * destroy, fencing and schedule replacement happen often. A failure names the seed and the step.
 */
final class ModelCheck {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final List<String> TYPES = List.of("counter", "chat-room");
    private static final List<Key> KEYS = List.of(Key.empty(), Key.of("a"), Key.of("a", "b"), Key.of("a,b"),
            Key.of("Grüße", "🎭"), Key.of("a", "b", "c"));
    private static final String ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int SCHEDULES_PER_ACTOR = 4;

    private final long seed;
    private final Random random;
    private final Supplier<Store> subject;
    private final Runnable reopen;
    private final MemoryStore reference = new MemoryStore();
    private final List<String> ids = new ArrayList<>(List.of("never-created"));

    /**
     * A check of the store that {@code subject} supplies; {@code reopen} replaces it with a reopened
     * one, after which {@code subject} supplies the new store.
     */
    ModelCheck(long seed, Supplier<Store> subject, Runnable reopen) {
        this.seed = seed;
        this.random = new Random(seed);
        this.subject = subject;
        this.reopen = reopen;
    }

    private record Operation(String description, Function<Store, Object> action) {
    }

    /** Runs {@code steps} random operations, comparing after each. */
    void run(int steps) {
        for (int step = 0; step < steps; step++) {
            int dice = random.nextInt(100);
            String context;
            if (dice < 2) {
                context = context(step, "reopen");
                reopen.run();
            } else {
                Operation operation = dice < 22 ? create() : dice < 37 ? activate() : dice < 85 ? commit() : destroy();
                context = context(step, operation.description());
                Object expected = operation.action().apply(reference);
                Object actual = apply(operation, context);
                assertThat(actual).as(context).isEqualTo(expected);
            }
            compareEverything(context);
        }
    }

    private String context(int step, String description) {
        return "seed " + seed + ", step " + step + ": " + description;
    }

    private Object apply(Operation operation, String context) {
        try {
            return operation.action().apply(subject.get());
        } catch (RuntimeException e) {
            throw new AssertionError(context + " threw " + e, e);
        }
    }

    // ---- operations ----

    private Operation create() {
        String id = random.nextInt(20) == 0 ? pick(ids) : freshId();
        ids.add(id);
        String parent = random.nextBoolean() ? null : pick(ids);
        ActorRecord record = new ActorRecord(id, pick(TYPES), pick(KEYS), randomState(), 1 + random.nextInt(3),
                random.nextInt(4), randomInstant(), parent);
        List<ScheduleRecord> schedules = new ArrayList<>();
        for (int n = random.nextInt(3); n > 0; n--) {
            schedules.add(randomSchedule(id));
        }
        return new Operation("create " + record + " with " + schedules, store -> store.create(record, schedules));
    }

    private Operation activate() {
        String type = pick(TYPES);
        Key key = pick(KEYS);
        return new Operation("activate " + type + " " + key, store -> store.activate(type, key));
    }

    private Operation commit() {
        List<ActorWrite> writes = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            String id = pickActorId();
            List<ScheduleChange> changes = new ArrayList<>();
            for (int c = random.nextInt(4); c > 0; c--) {
                int kind = random.nextInt(10);
                String otherId = pickActorId();
                changes.add(kind < 5 ? new ScheduleChange.Put(randomSchedule(id))
                        : kind < 8 ? new ScheduleChange.Remove(scheduleId(id, random.nextInt(SCHEDULES_PER_ACTOR + 1)))
                        : new ScheduleChange.Move(scheduleId(kind == 8 ? id : otherId,
                                random.nextInt(SCHEDULES_PER_ACTOR + 1)), randomInstant()));
            }
            String state = random.nextInt(10) < 3 ? null : randomState();
            writes.add(new ActorWrite(id, pickEpoch(id), state, 1 + random.nextInt(3), changes));
        }
        return new Operation("commit " + writes, store -> store.commit(writes));
    }

    private Operation destroy() {
        String id = pickActorId();
        long epoch = pickEpoch(id);
        return new Operation("destroy " + id + " at epoch " + epoch, store -> store.destroy(id, epoch));
    }

    // ---- comparison ----

    private void compareEverything(String context) {
        Store actual = subject.get();
        for (String type : TYPES) {
            for (Key key : KEYS) {
                assertThat(actual.find(type, key)).as("%s; find %s %s", context, type, key)
                        .isEqualTo(reference.find(type, key));
            }
        }
        for (String id : ids) {
            assertThat(actual.findById(id)).as("%s; findById %s", context, id).isEqualTo(reference.findById(id));
        }
        assertThat(actual.nextDueAt()).as("%s; nextDueAt", context).isEqualTo(reference.nextDueAt());
        assertThat(actual.dueSchedules(Instant.MAX, Integer.MAX_VALUE)).as("%s; all due schedules", context)
                .isEqualTo(reference.dueSchedules(Instant.MAX, Integer.MAX_VALUE));
        Instant until = randomInstant();
        int limit = random.nextInt(6);
        assertThat(actual.dueSchedules(until, limit)).as("%s; dueSchedules(%s, %d)", context, until, limit)
                .isEqualTo(reference.dueSchedules(until, limit));
        for (String type : TYPES) {
            compareScan(context, actual, type);
        }
        String parent = pick(ids);
        assertThat(actual.children(parent, 5)).as("%s; children of %s", context, parent)
                .isEqualTo(reference.children(parent, 5));
    }

    private void compareScan(String context, Store actual, String type) {
        int pageSize = 1 + random.nextInt(4);
        String after = random.nextInt(4) == 0 ? pick(ids) : null;
        Key prefix = random.nextBoolean() ? Key.empty() : pick(KEYS);
        while (true) {
            List<ActorRecord> expected = reference.scan(type, prefix, after, pageSize);
            assertThat(actual.scan(type, prefix, after, pageSize))
                    .as("%s; scan %s with prefix %s after %s", context, type, prefix, after).isEqualTo(expected);
            if (expected.isEmpty()) {
                return;
            }
            after = expected.getLast().id();
        }
    }

    // ---- random values ----

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String freshId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** Mostly an existing actor, sometimes one destroyed or never created. */
    private String pickActorId() {
        List<String> live = ids.stream().filter(id -> reference.findById(id).isPresent()).toList();
        return live.isEmpty() || random.nextInt(10) < 2 ? pick(ids) : pick(live);
    }

    /** Mostly the current epoch, sometimes a stale or future one. */
    private long pickEpoch(String id) {
        long current = reference.findById(id).map(ActorRecord::epoch).orElse(1L);
        return switch (random.nextInt(10)) {
            case 0 -> current - 1;
            case 1 -> current + 1;
            case 2 -> random.nextInt(6);
            default -> current;
        };
    }

    private String randomState() {
        return random.nextBoolean()
                ? "{\"n\":" + random.nextInt(1000) + "}"
                : "{\"text\":\"Grüße 🎭 " + random.nextInt(10) + "\"}";
    }

    /** Few distinct instants, so that schedules often share a due time. */
    private Instant randomInstant() {
        return T0.plusSeconds(random.nextInt(6)).plus(random.nextInt(3), ChronoUnit.MICROS);
    }

    private ScheduleRecord randomSchedule(String actorId) {
        return new ScheduleRecord(scheduleId(actorId, random.nextInt(SCHEDULES_PER_ACTOR)), actorId,
                randomInstant(), random.nextBoolean() ? "tick" : "tock", "[" + random.nextInt(100) + "]");
    }

    private static String scheduleId(String actorId, int n) {
        return "s" + n + "-" + actorId;
    }
}
