package dev.troupe.bench.result;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One measured quantity of a benchmark, optionally next to the baseline measured in the same run and
 * a target. Immutable.
 *
 * @param measurement   what was measured, in words ("increments/s, one actor, 64 callers")
 * @param value         Troupe's value
 * @param unit          the unit of {@code value} and {@code baselineValue}
 * @param baseline      what the baseline is, or null if the row has none
 * @param baselineValue the baseline's value in the same run, or null if the row has none
 * @param ratio         {@code value / baselineValue}, or null without a baseline
 * @param target        the goal for {@code value}, or null if there is none
 * @param met           whether {@code value} meets the target, or null without a target
 */
public record Row(String measurement, double value, String unit, @Nullable String baseline,
                  @Nullable Double baselineValue, @Nullable Double ratio, @Nullable Target target,
                  @Nullable Boolean met) {

    /** Checks the required fields. */
    public Row {
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(unit, "unit");
    }

    /** A row with only a value. */
    public static Row of(String measurement, double value, String unit) {
        return new Row(measurement, value, unit, null, null, null, null, null);
    }

    /** This row next to {@code baselineValue} of the baseline {@code name}, in the same unit. */
    public Row against(String name, double baselineValue) {
        double quotient = baselineValue == 0 ? Double.NaN : value / baselineValue;
        return new Row(measurement, value, unit, name, baselineValue, quotient, target, met);
    }

    /** This row with a target, and whether its value meets it. */
    public Row target(Target goal) {
        return new Row(measurement, value, unit, baseline, baselineValue, ratio, goal, goal.isMetBy(value));
    }
}
