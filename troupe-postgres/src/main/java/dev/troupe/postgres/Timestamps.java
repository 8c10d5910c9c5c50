package dev.troupe.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * Converts between {@link Instant} and PostgreSQL {@code timestamptz}, which holds microseconds from
 * 4713 BC to 294276 AD.
 *
 * <p>Stored instants are truncated to the microsecond (towards the past), so an instant with
 * nanoseconds reads back as the microsecond it falls in; instants that are whole microseconds
 * round-trip exactly. Query bounds outside the range are clamped to it.
 */
final class Timestamps {
    /** The earliest instant {@code timestamptz} holds. */
    static final Instant MIN = Instant.parse("-4713-11-24T00:00:00Z");
    /** The latest instant {@code timestamptz} holds. */
    static final Instant MAX = Instant.parse("+294276-12-31T23:59:59.999999Z");

    private Timestamps() {
    }

    /** The value to store for {@code instant}. */
    static OffsetDateTime toColumn(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** The value to compare a column with, for an instant used as a bound in a query. */
    static OffsetDateTime toBound(Instant instant) {
        if (instant.isBefore(MIN)) {
            return MIN.atOffset(ZoneOffset.UTC);
        }
        if (instant.isAfter(MAX)) {
            return MAX.atOffset(ZoneOffset.UTC);
        }
        return toColumn(instant);
    }

    /** The instant in column {@code column} of the current row, or null if it is SQL NULL. */
    static @Nullable Instant read(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
