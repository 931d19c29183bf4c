package dev.twofifty.script;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How long the server waits before it replies. Random delays take a seed so that a run can be
 * repeated; rules with the same seed draw the same sequence of delays.
 *
 * <pre>{@code
 * Delay.fixed(Duration.ofMillis(500))
 * Delay.uniform(Duration.ofMillis(100), Duration.ofSeconds(2)).withSeed(42)
 * Delay.logNormal(Duration.ofMillis(200), 0.5)
 * }</pre>
 */
public sealed interface Delay {

    /** No delay. */
    Delay NONE = new Fixed(Duration.ZERO);

    /** The same delay every time. */
    static Fixed fixed(Duration duration) {
        return new Fixed(duration);
    }

    /** A delay drawn uniformly between {@code min} and {@code max}, seeded randomly. */
    static Uniform uniform(Duration min, Duration max) {
        return new Uniform(min, max, null);
    }

    /**
     * A delay drawn from a log-normal distribution with the given median and shape {@code sigma}
     * (the standard deviation of the logarithm), seeded randomly; latencies of real servers look like this.
     */
    static LogNormal logNormal(Duration median, double sigma) {
        return new LogNormal(median, sigma, null);
    }

    /**
     * Draws the next delay.
     *
     * @param random the random source of the rule this delay belongs to
     */
    Duration next(SplittableRandom random);

    /** The seed of a random delay; {@code null} when it has none (fixed delays, or seeded from the clock). */
    Long seed();

    /** A short description, for example {@code 200 ms} or {@code 100 ms to 2 s (uniform, seed 42)}. */
    default String describe() {
        String seeded = seed() == null ? ")" : ", seed " + seed() + ")";
        if (this instanceof Uniform uniform) {
            return Action.describe(uniform.min()) + " to " + Action.describe(uniform.max()) + " (uniform" + seeded;
        }
        if (this instanceof LogNormal logNormal) {
            return "median " + Action.describe(logNormal.median()) + " (log-normal, sigma " + logNormal.sigma()
                    + seeded;
        }
        return Action.describe(((Fixed) this).duration());
    }

    /**
     * A fixed delay.
     *
     * @param duration the delay, zero or more
     */
    record Fixed(Duration duration) implements Delay {
        public Fixed {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("A delay must not be negative: " + duration);
            }
        }

        @Override
        public Duration next(SplittableRandom random) {
            return duration;
        }

        @Override
        public Long seed() {
            return null;
        }
    }

    /**
     * A uniformly distributed delay.
     *
     * @param min the shortest delay
     * @param max the longest delay, at least {@code min}
     * @param seed the seed, or {@code null} for one taken from the clock
     */
    record Uniform(Duration min, Duration max, Long seed) implements Delay {
        public Uniform {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException(
                        "A uniform delay needs 0 <= min <= max but had min " + min + ", max " + max);
            }
        }

        /** The same distribution with a fixed seed. */
        public Uniform withSeed(long newSeed) {
            return new Uniform(min, max, newSeed);
        }

        @Override
        public Duration next(SplittableRandom random) {
            long span = max.toNanos() - min.toNanos();
            return min.plusNanos(span == 0 ? 0 : random.nextLong(span + 1));
        }
    }

    /**
     * A log-normally distributed delay.
     *
     * @param median the median delay
     * @param sigma the standard deviation of the natural logarithm of the delay, zero or more
     * @param seed the seed, or {@code null} for one taken from the clock
     */
    record LogNormal(Duration median, double sigma, Long seed) implements Delay {
        public LogNormal {
            Objects.requireNonNull(median, "median");
            if (median.isNegative() || sigma < 0 || Double.isNaN(sigma)) {
                throw new IllegalArgumentException(
                        "A log-normal delay needs median >= 0 and sigma >= 0 but had " + median + ", " + sigma);
            }
        }

        /** The same distribution with a fixed seed. */
        public LogNormal withSeed(long newSeed) {
            return new LogNormal(median, sigma, newSeed);
        }

        @Override
        public Duration next(SplittableRandom random) {
            double gaussian = gaussian(random);
            double nanos = median.toNanos() * Math.exp(sigma * gaussian);
            return Duration.ofNanos((long) Math.min(nanos, Duration.ofHours(1).toNanos()));
        }

        private static double gaussian(SplittableRandom random) {
            // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
    }
}
