package dev.twofifty.internal.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The per-session part of script state: counts and scenario states of rules scoped per session. */
final class SessionScriptState {

    private final Map<InstalledRule, AtomicInteger> counts = new HashMap<>();
    private final Map<String, ScenarioCell> scenarios = new HashMap<>();

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
