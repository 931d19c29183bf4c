package dev.twofifty.script;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the bytes of a reply go out: all at once, dripped evenly over a duration, or split into
 * fragments at chosen offsets with a pause between them. Slow replies exercise clients' read
 * timeouts and their handling of replies split across reads.
 */
public sealed interface Delivery {

    /** All at once (the default). */
    Delivery WHOLE = new Whole();

    /** The reply's bytes one by one, spread evenly over {@code total}. */
    static Delivery drip(Duration total) {
        return new Drip(total);
    }

    /**
     * The reply split at the given byte offsets, each fragment flushed on its own with {@code gap}
     * between them; for example offsets {@code 3, 4} send {@code "250"}, {@code " "} and the rest.
     */
    static Delivery fragments(Duration gap, int... splitOffsets) {
        return new Fragments(java.util.Arrays.stream(splitOffsets).boxed().toList(), gap);
    }

    /** A short description, for example {@code dripped over 2 s}. */
    default String describe() {
        if (this instanceof Drip drip) {
            return "dripped over " + Action.describe(drip.total());
        }
        if (this instanceof Fragments fragments) {
            return "split at octets " + fragments.splitOffsets() + " with " + Action.describe(fragments.gap())
                    + " between fragments";
        }
        return "at once";
    }

    /** See {@link Delivery#WHOLE}. */
    record Whole() implements Delivery {}

    /**
     * See {@link Delivery#drip(Duration)}.
     *
     * @param total the time from the first byte to the last
     */
    record Drip(Duration total) implements Delivery {
        public Drip {
            Objects.requireNonNull(total, "total");
            if (total.isNegative()) {
                throw new IllegalArgumentException("A drip duration must not be negative: " + total);
            }
        }
    }

    /**
     * See {@link Delivery#fragments(Duration, int...)}.
     *
     * @param splitOffsets strictly increasing byte offsets greater than 0 where the reply is split
     * @param gap the pause between fragments
     */
    record Fragments(List<Integer> splitOffsets, Duration gap) implements Delivery {
        public Fragments {
            splitOffsets = List.copyOf(splitOffsets);
            Objects.requireNonNull(gap, "gap");
            if (splitOffsets.isEmpty()) {
                throw new IllegalArgumentException("Fragments need at least one split offset");
            }
            int previous = 0;
            for (int offset : splitOffsets) {
                if (offset <= previous) {
                    throw new IllegalArgumentException(
                            "Split offsets must be increasing and greater than 0 but were " + splitOffsets);
                }
                previous = offset;
            }
            if (gap.isNegative()) {
                throw new IllegalArgumentException("A fragment gap must not be negative: " + gap);
            }
        }
    }
}
