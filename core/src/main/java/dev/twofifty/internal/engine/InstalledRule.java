package dev.twofifty.internal.engine;

import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.Delay;
import dev.twofifty.script.NearMiss;
import dev.twofifty.script.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A rule added to a server, with its runtime state: counts per scope, random source, near misses. */
final class InstalledRule implements ActiveRule {

    private static final int KEPT_NEAR_MISSES = 5;

    private final String id;
    private final Rule rule;
    private final long sequence;
    private final int times;
    private final AtomicInteger fired = new AtomicInteger();
    private final AtomicInteger serverCount = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> keyedCounts = new ConcurrentHashMap<>();
    private final SplittableRandom random;
    private final List<NearMiss> nearMisses = new ArrayList<>(KEPT_NEAR_MISSES);

    InstalledRule(String id, Rule rule, long sequence) {
        this.id = id;
        this.rule = rule;
        this.sequence = sequence;
        this.times = rule.effectiveTimes();
        Long seed = rule.actions().stream()
                .map(action -> action.delay().seed())
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
        this.random = seed == null ? new SplittableRandom() : new SplittableRandom(seed);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Rule rule() {
        return rule;
    }

    @Override
    public int timesFired() {
        return fired.get();
    }

    @Override
    public List<NearMiss> nearMisses() {
        synchronized (nearMisses) {
            return List.copyOf(nearMisses);
        }
    }

    long sequence() {
        return sequence;
    }

    int times() {
        return times;
    }

    /** The count for a scope key, for the SERVER, SENDER and RECIPIENT scopes. */
    AtomicInteger countFor(String scopeKey) {
        return switch (rule.scope()) {
            case SERVER -> serverCount;
            case SESSION -> throw new IllegalStateException("session counts live in the session");
            case SENDER, RECIPIENT -> keyedCounts.computeIfAbsent(scopeKey, key -> new AtomicInteger());
        };
    }

    /** Claims one firing from a count; returns the 0-based firing, or -1 when the count is used up. */
    int claim(AtomicInteger count) {
        while (true) {
            int current = count.get();
            if (current >= times) {
                return -1;
            }
            if (count.compareAndSet(current, current + 1)) {
                fired.incrementAndGet();
                return current;
            }
        }
    }

    Duration nextDelay(Delay delay) {
        if (delay instanceof Delay.Fixed fixed) {
            return fixed.duration();
        }
        synchronized (random) {
            return delay.next(random);
        }
    }

    /** Keeps the closest near misses; a new one replaces the farthest kept one when it is closer. */
    void offerNearMiss(NearMiss miss) {
        synchronized (nearMisses) {
            if (nearMisses.size() < KEPT_NEAR_MISSES) {
                nearMisses.add(miss);
            } else {
                int farthest = 0;
                for (int i = 1; i < nearMisses.size(); i++) {
                    if (nearMisses.get(i).distance() > nearMisses.get(farthest).distance()) {
                        farthest = i;
                    }
                }
                if (miss.distance() < nearMisses.get(farthest).distance()) {
                    nearMisses.set(farthest, miss);
                }
            }
            nearMisses.sort(java.util.Comparator.comparingDouble(NearMiss::distance));
        }
    }

    void clearCounts() {
        serverCount.set(0);
        keyedCounts.clear();
    }

    @Override
    public String toString() {
        return id + " " + rule.describe();
    }
}
