package dev.troupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.testing.FaultyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cron schedules on the kit's clock: a run at every occurrence, wall-clock times in their zone, cancel
 * (also one racing a run already dispatched), refused expressions, and missed occurrences coalesced into
 * one run.
 */
@Timeout(60)
class CronScheduleTest {
    private static final Instant ORIGIN = ManualTimeSource.DEFAULT_ORIGIN;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TroupeTestKit kit = TroupeTestKit.builder()
            .register(ChimeActor.class, type -> type.sleepAfter(Duration.ofDays(30)))
            .start();
    private final Chime chime = kit.actor(Chime.class, Key.of("chime"));

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void cronSchedule_runsAtEachOccurrence_asTheClockAdvances() {
        chime.everyInUtc("*/15 * * * *");
        assertThat(kit.store().nextDueAt()).contains(ORIGIN.plus(Duration.ofMinutes(15)));

        kit.clock().advance(Duration.ofMinutes(14));
        assertThat(chime.runs()).isZero();

        kit.clock().advance(Duration.ofMinutes(1));
        assertThat(chime.runs()).isEqualTo(1);
        assertThat(kit.store().nextDueAt()).contains(ORIGIN.plus(Duration.ofMinutes(30)));

        kit.clock().advance(Duration.ofMinutes(15));
        kit.clock().advance(Duration.ofMinutes(15));
        assertThat(chime.runs()).isEqualTo(3);
        assertThat(kit.store().nextDueAt()).contains(ORIGIN.plus(Duration.ofMinutes(60)));
    }

    @Test
    void dailyRunInBerlin_staysAtNineLocalTime_acrossTheChangeToSummerTime() {
        try (TroupeTestKit spring = TroupeTestKit.builder().register(ChimeActor.class)
                .startingAt(Instant.parse("2030-03-29T12:00:00Z")).start()) {
            Chime berlin = spring.actor(Chime.class, Key.of("berlin"));
            berlin.every("0 9 * * *", "Europe/Berlin");
            assertThat(spring.store().nextDueAt()).contains(Instant.parse("2030-03-30T08:00:00Z"));

            spring.clock().advance(Duration.between(spring.clock().now(), Instant.parse("2030-03-30T08:00:00Z")));
            assertThat(berlin.runs()).isEqualTo(1);
            assertThat(spring.store().nextDueAt()).contains(Instant.parse("2030-03-31T07:00:00Z"));

            spring.clock().advance(Duration.ofHours(23));
            assertThat(berlin.runs()).isEqualTo(2);
            assertThat(spring.store().nextDueAt()).contains(Instant.parse("2030-04-01T07:00:00Z"));
        }
    }

    @Test
    void cancel_stopsTheSeries() {
        String id = chime.everyInUtc("0 * * * *");
        kit.clock().advance(Duration.ofHours(1));
        assertThat(chime.runs()).isEqualTo(1);

        chime.stop(id);
        kit.clock().advance(Duration.ofHours(3));

        assertThat(chime.runs()).isEqualTo(1);
        assertThat(kit.store().nextDueAt()).isEmpty();
    }

    @Test
    void cancelInARunOfTheSeries_makesItTheLastRun() {
        chime.everyUntil("0 * * * *", 2);

        kit.clock().advance(Duration.ofHours(1));
        kit.clock().advance(Duration.ofHours(1));
        kit.clock().advance(Duration.ofHours(1));

        assertThat(chime.runs()).isEqualTo(2);
        assertThat(kit.store().nextDueAt()).isEmpty();
    }

    @Test
    void missedOccurrences_areCoalescedIntoOneRun_thenTheSeriesContinuesFromTheNextOccurrence() {
        chime.everyInUtc("0 * * * *");

        kit.clock().advance(Duration.ofHours(5).plusMinutes(20));
        assertThat(chime.runs()).isEqualTo(1);
        assertThat(kit.store().nextDueAt()).contains(ORIGIN.plus(Duration.ofHours(6)));

        kit.clock().advance(Duration.ofMinutes(40));
        assertThat(chime.runs()).isEqualTo(2);
    }

    @Test
    void runThatThrows_isDiscarded_andTheNextOccurrenceStillFollows() {
        chime.failEvery("0 * * * *");

        kit.clock().advance(Duration.ofHours(1));
        assertThat(kit.store().nextDueAt()).contains(ORIGIN.plus(Duration.ofHours(2)));

        kit.clock().advance(Duration.ofHours(1));
        assertThat(kit.store().nextDueAt()).contains(ORIGIN.plus(Duration.ofHours(3)));
    }

    @Test
    void cancelCommittingWhileARunIsAlreadyDispatched_stillEndsTheSeries() throws Exception {
        ManualTimeSource time = new ManualTimeSource();
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = Troupe.builder().store(store).clock(time).register(ChimeActor.class)
                .callTimeout(Duration.ofDays(1)).build()) {
            Chime racing = troupe.actor(Chime.class, Key.of("race"));
            String id = racing.everyInUtc("0 * * * *");
            CountDownLatch held = store.hold();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> racing.stop(id));
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            long turns = troupe.stats().turns();

            time.advance(Duration.ofHours(1));
            await().atMost(WAIT).until(() -> troupe.stats().turns() > turns);
            store.open();
            stopped.get(10, TimeUnit.SECONDS);
            assertThat(troupe.awaitQuiescence(WAIT)).isTrue();

            assertThat(racing.runs()).isEqualTo(1);
            assertThat(store.nextDueAt()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "every day", "* * * *", "0 0 * * * *", "61 * * * *", "0 24 * * *",
            "0 0 32 * *", "0 0 * 13 *", "0 0 30 2 *"})
    void badExpression_isRefusedAsInvalidArgs_andNothingIsScheduled(String expression) {
        assertThatThrownBy(() -> chime.everyInUtc(expression))
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.is(ErrorCode.INVALID_ARGS)).isTrue());
        assertThat(kit.store().nextDueAt()).isEmpty();
    }

    @Test
    void missingZone_isRefusedAsInvalidArgs() {
        assertThatThrownBy(() -> chime.everyWithoutZone("0 9 * * *"))
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.is(ErrorCode.INVALID_ARGS)).isTrue());
        assertThat(kit.store().nextDueAt()).isEmpty();
    }

    @Test
    void unknownAction_isRefusedAsActionNotFound() {
        assertThatThrownBy(() -> chime.everyUnknown("0 9 * * *"))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.ACTION_NOT_FOUND)).isTrue());
    }

    @Test
    void refusedExpressionCaughtByTheActor_leavesTheTurnsOtherEffectsStanding() {
        assertThat(chime.tickThenTryEvery("not a cron")).isEqualTo(ErrorCode.INVALID_ARGS.qualified());
        assertThat(chime.runs()).isEqualTo(1);
        assertThat(kit.store().nextDueAt()).contains(ORIGIN.plus(Duration.ofHours(1)));

        kit.clock().advance(Duration.ofHours(1));
        assertThat(chime.runs()).isEqualTo(2);
        assertThat(kit.store().nextDueAt()).isEmpty();
    }
}
