package dev.troupe.bench.harness;

import java.util.Arrays;

/**
 * The median and range of repeated measurements of one quantity. The median is what the tables report:
 * on a shared, noisy machine it is steadier than the mean.
 *
 * @param median the median (the mean of the middle two for an even count)
 * @param min    the smallest measurement
 * @param max    the largest measurement
 * @param count  how many measurements there were
 */
public record Summary(double median, double min, double max, int count) {

    /**
     * Summarises {@code values}.
     *
     * @throws IllegalArgumentException if there are none
     */
    public static Summary of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Summary(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }
}
