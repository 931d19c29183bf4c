package dev.twofifty.benchmarks.harness;

import java.util.Arrays;
import java.util.Optional;

/** Medians, ranges and percentiles, computed the same way for every figure. */
final class Stats {

    private Stats() {}

    /**
     * The median and range of the repetitions of a figure.
     *
     * @param median the median (the mean of the middle two for an even count)
     * @param min the smallest value
     * @param max the largest value
     * @param count how many repetitions produced a value
     */
    record Summary(double median, double min, double max, int count) {

        /** The summary of the values that are numbers, or empty when none is. */
        static Optional<Summary> of(double[] values) {
            double[] present = Arrays.stream(values)
                    .filter(value -> !Double.isNaN(value))
                    .sorted()
                    .toArray();
            if (present.length == 0) {
                return Optional.empty();
            }
            return Optional.of(
                    new Summary(Stats.median(present), present[0], present[present.length - 1], present.length));
        }
    }

    static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double median(long[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /** The nearest-rank percentile: the smallest value with at least {@code percent} % of values at or below it. */
    static double nearestRank(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
