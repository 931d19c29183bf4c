package dev.twofifty.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void should_take_the_middle_value_or_the_mean_of_the_middle_two() {
        assertThat(Stats.median(new double[] {1, 2, 9})).isEqualTo(2);
        assertThat(Stats.median(new long[] {1, 2, 4, 9})).isEqualTo(3);
    }

    @Test
    void should_take_the_nearest_rank_percentile() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }

        assertThat(Stats.nearestRank(hundred, 99)).isEqualTo(99);
        assertThat(Stats.nearestRank(new long[] {5, 7}, 99)).isEqualTo(7);
    }

    @Test
    void should_summarize_only_the_repetitions_that_produced_a_value() {
        assertThat(Stats.Summary.of(new double[] {3, Double.NaN, 1})).contains(new Stats.Summary(2, 1, 3, 2));
        assertThat(Stats.Summary.of(new double[] {Double.NaN})).isEmpty();
    }
}
