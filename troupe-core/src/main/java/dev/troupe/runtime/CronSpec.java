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
import java.time.ZonedDateTime;
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
 */
record CronSpec(String expression, ZoneId zone, ExecutionTime times) {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /**
     * Parses {@code expression} in {@code zone} and checks that it has an occurrence after {@code now}.
     *
     * @throws TroupeException {@code request/invalid_args} naming what is wrong
     */
    static CronSpec parse(@Nullable String expression, @Nullable ZoneId zone, Instant now) {
        if (expression == null) {
            throw invalid("a cron expression is required", null);
        }
        if (zone == null) {
            throw invalid("a time zone is required for cron expression '" + expression + "'", expression);
        }
        ExecutionTime times;
        try {
            times = ExecutionTime.forCron(PARSER.parse(expression));
        } catch (IllegalArgumentException e) {
            throw invalid("'" + expression + "' is not a five-field cron expression: " + e.getMessage(), expression);
        }
        CronSpec spec = new CronSpec(expression, zone, times);
        if (spec.after(now).isEmpty()) {
            throw invalid("cron expression '" + expression + "' never occurs after " + now, expression);
        }
        return spec;
    }

    private static TroupeException invalid(String message, @Nullable String expression) {
        return new TroupeException(ErrorCode.INVALID_ARGS, message,
                expression == null ? Map.of() : Map.of("cron", expression));
    }

    /** The first occurrence strictly after {@code time}, if any. */
    Optional<Instant> after(Instant time) {
        return times.nextExecution(time.atZone(zone)).map(ZonedDateTime::toInstant);
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
     * When the cron schedule that just ran is due next: the first occurrence after both its due time and
     * {@code now}, so that runs missed while nothing ran it are coalesced into the one that ran. Null for
     * a one-off schedule, or if the expression has no later occurrence.
     */
    static @Nullable Instant following(ScheduleRecord ran, Instant now) {
        CronSpec spec = of(ran);
        if (spec == null) {
            return null;
        }
        return spec.after(now.isAfter(ran.dueAt()) ? now : ran.dueAt()).orElse(null);
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
