package dev.troupe.bench.result;

import java.util.Locale;

/** Formats numbers for the tables: thousands grouped, about three significant digits. */
public final class Numbers {
    private Numbers() {
    }

    /** {@code 212345.6 -> "212,346"}, {@code 12.345 -> "12.3"}, {@code 0.01234 -> "0.0123"}. */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1000 || magnitude == Math.rint(magnitude)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    /** A ratio as {@code "0.87x"}. */
    public static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }
}
