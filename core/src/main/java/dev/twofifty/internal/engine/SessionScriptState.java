package dev.twofifty.internal.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The per-session part of script state: counts and scenario states of rules scoped per session. */
final class SessionScriptState {

    private final Map<InstalledRule, AtomicInteger> counts = new HashMap<>();
    private final Map<String, ScenarioCell> scenarios = new HashMap<>();
    private long generation;

    /**
     * Forgets the counts and states kept so far when the script was reset since they were made, so that
     * a reset of the server also starts the open sessions' scenarios and counts again.
     *
     * @param current the script's reset generation
     */
    SessionScriptState sync(long current) {
        if (generation != current) {
            clear();
            generation = current;
        }
        return this;
    }

    AtomicInteger countFor(InstalledRule rule) {
        return counts.computeIfAbsent(rule, key -> new AtomicInteger());
    }

    ScenarioCell scenario(String name) {
        return scenarios.computeIfAbsent(name, key -> new ScenarioCell());
    }

    void clear() {
        counts.clear();
        scenarios.clear();
    }
}
