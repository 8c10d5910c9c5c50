package dev.troupe.runtime;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.json.Json;
import dev.troupe.store.ScheduleRecord;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The repetition of a cron schedule: a standard five-field (Unix) expression read in a time zone.
 *
 * <p>It travels in the stored schedule's args (decision 0020): a one-off schedule stores its
 * arguments as a JSON array, a cron schedule stores {@code {"cron":expression,"zone":zoneId,"args":[...]}},
 * so every store keeps cron schedules without knowing of them. The parser is cron-utils' for
 * {@link CronType#UNIX}; both it and a parsed expression are immutable.
 *
 * <p>Occurrences are wall-clock times in the zone. One whose local time a daylight-saving gap skips runs
 * when the gap ends (a daily 02:30 runs at 03:00 on the day clocks go forward); one whose local time an
 * overlap repeats runs at its first pass only, while an expression that matches every hour or minute
 * keeps matching through the repeated hour (cron-utils').
 */
record CronSpec(String expression, ZoneId zone, ExecutionTime times) {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /**
     * Parses {@code expression} in the zone named {@code zone} and checks that it has an occurrence after
     * {@code now}.
     *
     * @throws TroupeException {@code schedule/invalid_cron} naming what is wrong
     */
    static CronSpec parse(@Nullable String expression, @Nullable String zone, Instant now) {
        if (zone == null) {
            throw invalid("a time zone is required for a cron schedule", expression, null);
        }
        ZoneId id;
        try {
            id = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw invalid("'" + zone + "' is not a known time zone: " + e.getMessage(), expression, zone);
        }
        return parse(expression, id, now);
    }

    /**
     * Parses {@code expression} in {@code zone} and checks that it has an occurrence after {@code now}.
     *
     * @throws TroupeException {@code schedule/invalid_cron} naming what is wrong
     */
    static CronSpec parse(@Nullable String expression, @Nullable ZoneId zone, Instant now) {
        if (expression == null) {
            throw invalid("a cron expression is required", null, null);
        }
        if (zone == null) {
            throw invalid("a time zone is required for cron expression '" + expression + "'", expression, null);
        }
        ExecutionTime times;
        try {
            times = ExecutionTime.forCron(PARSER.parse(expression));
        } catch (IllegalArgumentException e) {
            throw invalid("'" + expression + "' is not a five-field cron expression: " + e.getMessage(), expression,
                    null);
        }
        CronSpec spec = new CronSpec(expression, zone, times);
        if (spec.after(now).isEmpty()) {
            throw invalid("'" + expression + "' never occurs after " + now, expression, null);
        }
        return spec;
    }

    private static TroupeException invalid(String message, @Nullable String expression, @Nullable String zone) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (expression != null) {
            metadata.put("cron", expression);
        }
        if (zone != null) {
            metadata.put("zone", zone);
        }
        return new TroupeException(ErrorCode.SCHEDULE_INVALID_CRON, message, metadata);
    }

    /**
     * The first occurrence strictly after {@code time}, if any: cron-utils' next execution in the zone, or
     * the end of a daylight-saving gap before it that skipped a local time the expression matches.
     */
    Optional<Instant> after(Instant time) {
        Optional<Instant> next = times.nextExecution(time.atZone(zone)).map(ZonedDateTime::toInstant);
        if (next.isEmpty()) {
            return next;
        }
        ZoneRules rules = zone.getRules();
        for (ZoneOffsetTransition transition = rules.nextTransition(time);
             transition != null && transition.getInstant().isBefore(next.get());
             transition = rules.nextTransition(transition.getInstant())) {
            if (transition.isGap() && matchesIn(transition)) {
                return Optional.of(transition.getInstant());
            }
        }
        return next;
    }

    /** Whether the expression matches a local time that the gap {@code transition} skips. */
    private boolean matchesIn(ZoneOffsetTransition transition) {
        ZonedDateTime skippedFrom = transition.getDateTimeBefore().atZone(ZoneOffset.UTC);
        return times.nextExecution(skippedFrom.minusSeconds(1)).map(ZonedDateTime::toLocalDateTime)
                .filter(local -> local.isBefore(transition.getDateTimeAfter()))
                .isPresent();
    }

    /** The stored args of a schedule repeating by this spec, around the JSON array {@code args}. */
    String wrap(String args) {
        ObjectNode node = Json.mapper().createObjectNode().put("cron", expression).put("zone", zone.getId());
        node.set("args", parsed("the new schedule", args));
        return node.toString();
    }

    /** The spec a stored schedule repeats by, or null for a one-off schedule. */
    static @Nullable CronSpec of(ScheduleRecord schedule) {
        JsonNode stored = stored(schedule);
        if (!stored.isObject()) {
            return null;
        }
        String expression = stored.path("cron").asText();
        try {
            return new CronSpec(expression, ZoneId.of(stored.path("zone").asText()),
                    ExecutionTime.forCron(PARSER.parse(expression)));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalStateException("schedule " + schedule.id() + " holds a spec that does not parse", e);
        }
    }

    /** The arguments a stored schedule passes to its action, as a JSON array. */
    static JsonNode args(ScheduleRecord schedule) {
        JsonNode stored = stored(schedule);
        return stored.isObject() ? stored.path("args") : stored;
    }

    /**
     * When the cron schedule that just ran at {@code now} is due next: the occurrence after its due time,
     * or, if that one has passed too, the first after {@code now}, so that runs missed while nothing ran it
     * are coalesced into the one that ran. Stepping from the due time first keeps a late run inside a
     * repeated (fall-back) hour from running the same local time again at its second pass. Null for a
     * one-off schedule, or if the expression has no later occurrence.
     */
    static @Nullable Instant following(ScheduleRecord ran, Instant now) {
        CronSpec spec = of(ran);
        if (spec == null) {
            return null;
        }
        Optional<Instant> next = spec.after(ran.dueAt());
        if (next.isPresent() && !next.get().isAfter(now)) {
            next = spec.after(now);
        }
        return next.orElse(null);
    }

    private static JsonNode stored(ScheduleRecord schedule) {
        return parsed("schedule " + schedule.id(), schedule.args());
    }

    private static JsonNode parsed(String whose, String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(whose + " holds args that are not JSON", e);
        }
    }
}
