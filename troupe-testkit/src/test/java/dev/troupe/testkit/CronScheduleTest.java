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
import org.junit.jupiter.params.provider.CsvSource;
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

    private static TroupeTestKit startingAt(String origin) {
        return TroupeTestKit.builder().register(ChimeActor.class).startingAt(Instant.parse(origin)).start();
    }

    private static void advanceTo(TroupeTestKit kit, Instant time) {
        kit.clock().advance(Duration.between(kit.clock().now(), time));
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
        try (TroupeTestKit spring = startingAt("2030-03-29T12:00:00Z")) {
            Chime berlin = spring.actor(Chime.class, Key.of("berlin"));
            berlin.every("0 9 * * *", "Europe/Berlin");
            assertThat(spring.store().nextDueAt()).contains(Instant.parse("2030-03-30T08:00:00Z"));

            advanceTo(spring, Instant.parse("2030-03-30T08:00:00Z"));
            assertThat(berlin.runs()).isEqualTo(1);
            assertThat(spring.store().nextDueAt()).contains(Instant.parse("2030-03-31T07:00:00Z"));

            spring.clock().advance(Duration.ofHours(23));
            assertThat(berlin.runs()).isEqualTo(2);
            assertThat(spring.store().nextDueAt()).contains(Instant.parse("2030-04-01T07:00:00Z"));
        }
    }

    @Test
    void localTimeSkippedByTheChangeToSummerTime_runsWhenTheGapEnds_andOnTimeTheNextDay() {
        try (TroupeTestKit spring = startingAt("2030-03-30T12:00:00Z")) {
            Chime berlin = spring.actor(Chime.class, Key.of("gap"));
            berlin.every("30 2 * * *", "Europe/Berlin");
            Instant gapEnds = Instant.parse("2030-03-31T01:00:00Z");
            assertThat(spring.store().nextDueAt()).as("02:30 does not exist on 31 March: 03:00 CEST").contains(gapEnds);

            advanceTo(spring, gapEnds);
            assertThat(berlin.runs()).isEqualTo(1);
            assertThat(spring.store().nextDueAt()).as("02:30 CEST").contains(Instant.parse("2030-04-01T00:30:00Z"));

            spring.clock().advance(Duration.ofHours(23).plusMinutes(30));
            assertThat(berlin.runs()).isEqualTo(2);
        }
    }

    @Test
    void localTimeRepeatedByTheChangeBackToWinterTime_runsOnce_evenWhenItsRunIsLate() {
        try (TroupeTestKit autumn = startingAt("2030-10-26T12:00:00Z")) {
            Chime daily = autumn.actor(Chime.class, Key.of("overlap-daily"));
            daily.every("30 2 * * *", "Europe/Berlin");
            Instant firstPass = Instant.parse("2030-10-27T00:30:00Z");
            assertThat(autumn.store().nextDueAt()).as("02:30 CEST").contains(firstPass);

            advanceTo(autumn, firstPass.plus(Duration.ofMinutes(15)));
            assertThat(daily.runs()).as("run late, at 02:45 CEST").isEqualTo(1);
            assertThat(autumn.store().nextDueAt()).as("02:30 CET the next day, not 02:30 CET within the hour")
                    .contains(Instant.parse("2030-10-28T01:30:00Z"));

            autumn.clock().advance(Duration.ofHours(2));
            assertThat(daily.runs()).isEqualTo(1);
        }
    }

    @Test
    void hourlyRun_keepsItsRealHourThroughTheRepeatedHour() {
        try (TroupeTestKit autumn = startingAt("2030-10-26T23:30:00Z")) {
            Chime hourly = autumn.actor(Chime.class, Key.of("overlap-hourly"));
            hourly.every("0 * * * *", "Europe/Berlin");

            autumn.clock().advance(Duration.ofMinutes(30));
            assertThat(hourly.runs()).as("02:00 CEST").isEqualTo(1);
            assertThat(autumn.store().nextDueAt()).as("02:00 CET").contains(Instant.parse("2030-10-27T01:00:00Z"));
            autumn.clock().advance(Duration.ofHours(1));
            assertThat(hourly.runs()).isEqualTo(2);
            assertThat(autumn.store().nextDueAt()).as("03:00 CET").contains(Instant.parse("2030-10-27T02:00:00Z"));
        }
    }

    @Test
    void occurrencesMissedWhileTheActorSlept_wakeIt_andAreCoalescedIntoOneRun() {
        try (TroupeTestKit sleepy = TroupeTestKit.builder()
                .register(ChimeActor.class, type -> type.sleepAfter(Duration.ofMinutes(10))).start()) {
            Chime napper = sleepy.actor(Chime.class, Key.of("napper"));
            napper.everyInUtc("0 * * * *");
            sleepy.clock().advance(Duration.ofMinutes(11));
            assertThat(sleepy.troupe().stats().activeActors()).isZero();

            sleepy.clock().advance(Duration.ofMinutes(49));
            assertThat(sleepy.troupe().stats().activeActors()).as("the occurrence woke it").isEqualTo(1);
            sleepy.clock().advance(Duration.ofMinutes(11));
            assertThat(sleepy.troupe().stats().activeActors()).isZero();

            sleepy.clock().advance(Duration.ofHours(5));
            assertThat(napper.runs()).as("01:00, then 02:00 to 06:00 in one run").isEqualTo(2);
            assertThat(sleepy.store().nextDueAt()).contains(ORIGIN.plus(Duration.ofHours(7)));
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

    @Test
    void runWhoseCommitFails_runsThatOccurrenceAgain_thenTheSeriesContinues() {
        ManualTimeSource time = new ManualTimeSource();
        FaultyStore store = new FaultyStore();
        try (Troupe troupe = Troupe.builder().store(store).clock(time).register(ChimeActor.class).build()) {
            Chime failing = troupe.actor(Chime.class, Key.of("failing-commit"));
            failing.everyInUtc("0 * * * *");
            store.failNextCommits(1);

            time.advance(Duration.ofHours(1));
            assertThat(troupe.awaitQuiescence(WAIT)).isTrue();
            assertThat(store.nextDueAt()).as("the occurrence is still stored").contains(ORIGIN.plus(Duration.ofHours(1)));

            time.advance(Duration.ofSeconds(1));
            await().atMost(WAIT).until(() -> failing.runs() == 1);
            assertThat(troupe.awaitQuiescence(WAIT)).isTrue();
            assertThat(store.nextDueAt()).contains(ORIGIN.plus(Duration.ofHours(2)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "every day", "* * * *", "0 0 * * * *", "61 * * * *", "0 24 * * *",
            "0 0 32 * *", "0 0 * 13 *", "0 0 * * 8", "*/0 * * * *", "5-1 * * * *", "0 0 L * *", "@daily",
            "0 0 30 2 *"})
    void badExpression_isRefusedAsInvalidCron_andChangesNothing(String expression) {
        assertThatThrownBy(() -> chime.tickThenEvery(expression, "UTC"))
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.is(ErrorCode.SCHEDULE_INVALID_CRON)).isTrue();
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error().metadata()).containsEntry("cron", expression).doesNotContainKey("zone");
                });
        assertThat(chime.runs()).as("the turn's other effects are discarded").isZero();
        assertThat(kit.store().nextDueAt()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "61 * * * *|Value 61 not in range [0, 59]",
            "0 24 * * *|Value 24 not in range [0, 23]",
            "0 0 32 * *|Value 32 not in range [1, 31]",
            "0 0 * 13 *|Value 13 not in range [1, 12]",
            "0 0 * * 8|Value 8 not in range [0, 7]",
            "* * * *|contains 4 parts but we expect one of [5]",
            "0 0 30 2 *|never occurs after"})
    void badExpression_isRefusedWithAMessageThatNamesTheFault(String expression, String fault) {
        assertThatThrownBy(() -> chime.everyInUtc(expression))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.error().message())
                        .startsWith("'" + expression + "'").contains(fault));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus_Mons", "Europe/Berlim", "", "+25:00", "utc+1"})
    void unknownZone_isRefusedAsInvalidCron_andChangesNothing(String zone) {
        assertThatThrownBy(() -> chime.tickThenEvery("0 9 * * *", zone))
                .isInstanceOfSatisfying(TroupeException.class, e -> {
                    assertThat(e.is(ErrorCode.SCHEDULE_INVALID_CRON)).isTrue();
                    assertThat(e.error().metadata()).containsEntry("zone", zone).containsEntry("cron", "0 9 * * *");
                    assertThat(e.error().message()).startsWith("'" + zone + "' is not a known time zone");
                });
        assertThat(chime.runs()).isZero();
        assertThat(kit.store().nextDueAt()).isEmpty();
    }

    @Test
    void missingZone_isRefusedAsInvalidCron() {
        assertThatThrownBy(() -> chime.everyWithoutZone("0 9 * * *"))
                .isInstanceOfSatisfying(TroupeException.class,
                        e -> assertThat(e.is(ErrorCode.SCHEDULE_INVALID_CRON)).isTrue());
        assertThat(kit.store().nextDueAt()).isEmpty();
    }

    @Test
    void unknownAction_isRefusedAsActionNotFound() {
        assertThatThrownBy(() -> chime.everyUnknown("0 9 * * *"))
                .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.ACTION_NOT_FOUND)).isTrue());
    }

    @Test
    void refusedExpressionCaughtByTheActor_leavesTheTurnsOtherEffectsStanding() {
        assertThat(chime.tickThenTryEvery("not a cron")).isEqualTo(ErrorCode.SCHEDULE_INVALID_CRON.qualified());
        assertThat(chime.runs()).isEqualTo(1);
        assertThat(kit.store().nextDueAt()).contains(ORIGIN.plus(Duration.ofHours(1)));

        kit.clock().advance(Duration.ofHours(1));
        assertThat(chime.runs()).isEqualTo(2);
        assertThat(kit.store().nextDueAt()).isEmpty();
    }
}
