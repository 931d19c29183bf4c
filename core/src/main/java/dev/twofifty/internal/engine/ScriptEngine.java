package dev.twofifty.internal.engine;

import dev.twofifty.script.Action;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.Delay;
import dev.twofifty.script.MatchResult;
import dev.twofifty.script.Mismatch;
import dev.twofifty.script.NearMiss;
import dev.twofifty.script.Rule;
import dev.twofifty.script.Scope;
import dev.twofifty.script.SmtpDispatcher;
import dev.twofifty.script.Step;
import dev.twofifty.script.Trigger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rules of one server and the decisions made from them: which rule fires at a step, with which
 * action and delay, and why the others did not (near misses). Thread-safe: sessions on several I/O
 * threads decide concurrently while tests add and remove rules.
 *
 * <p>Reading the rules is lock-free (a copy-on-write index per trigger); counts are claimed with
 * compare-and-set, and scenario transitions happen under the monitor of the scenario's cell, so
 * "fires exactly n times" and "moves from state A to B once" hold under contention.
 */
public final class ScriptEngine {

    private static final int KEPT_UNMATCHED = 1_000;
    private static final int CLOSEST_PER_STEP = 3;
    private static final Comparator<InstalledRule> ORDER = Comparator.comparingInt(
                    (InstalledRule rule) -> rule.rule().priority())
            .thenComparing(Comparator.comparingLong(InstalledRule::sequence).reversed());

    private static final int MAX_ATTEMPTS = 10;

    private final Listeners listeners;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong transitions = new AtomicLong();
    /** Bumped by every reset, so that sessions drop their per-session counts and states on their next step. */
    private final AtomicLong resets = new AtomicLong();

    private final Object lock = new Object();
    private List<InstalledRule> rules = List.of();
    private volatile Map<Trigger, InstalledRule[]> index = buildIndex(List.of());
    private final ConcurrentHashMap<String, ScenarioCell> scenarios = new ConcurrentHashMap<>();
    private final ArrayDeque<NearMiss> unmatched = new ArrayDeque<>();
    private volatile SmtpDispatcher dispatcher;
    /** The random sequences of seeded delays the dispatcher returns, one per seed, as a rule keeps its own. */
    private final ConcurrentHashMap<Long, SplittableRandom> dispatchedRandoms = new ConcurrentHashMap<>();

    /** An engine without listeners. */
    public ScriptEngine() {
        this(new Listeners());
    }

    /** An engine that tells these listeners about steps that matched no rule. */
    public ScriptEngine(Listeners listeners) {
        this.listeners = listeners;
    }

    /** What to do at a step. */
    record Decision(Action action, Duration delay, InstalledRule rule, String note) {}

    /** Adds a rule; it takes part in decisions from the next step on. */
    public ActiveRule add(Rule rule) {
        synchronized (lock) {
            if (rule.scenario() != null) {
                for (InstalledRule existing : rules) {
                    if (rule.scenario().equals(existing.rule().scenario())
                            && existing.rule().scope() != rule.scope()) {
                        throw new IllegalArgumentException("Scenario \"" + rule.scenario() + "\" is kept per "
                                + existing.rule().scope() + " by rule " + existing.id()
                                + ", but this rule keeps it per "
                                + rule.scope() + "; give all rules of a scenario the same scope");
                    }
                }
            }
            long number = sequence.incrementAndGet();
            InstalledRule installed = new InstalledRule("r" + number, rule, number);
            List<InstalledRule> updated = new ArrayList<>(rules);
            updated.add(installed);
            rules = List.copyOf(updated);
            index = buildIndex(rules);
            return installed;
        }
    }

    /** Removes a rule by id; returns whether it was there. */
    public boolean remove(String id) {
        synchronized (lock) {
            List<InstalledRule> updated = new ArrayList<>(rules);
            boolean removed = updated.removeIf(rule -> rule.id().equals(id));
            if (removed) {
                rules = List.copyOf(updated);
                index = buildIndex(rules);
            }
            return removed;
        }
    }

    /** The rules in the order they are considered. */
    public List<ActiveRule> rules() {
        synchronized (lock) {
            List<ActiveRule> ordered = new ArrayList<>(rules);
            ordered.sort(Comparator.comparing(rule -> (InstalledRule) rule, ORDER));
            return List.copyOf(ordered);
        }
    }

    /** Removes all rules, scenario states and near misses. */
    public void clear() {
        synchronized (lock) {
            rules = List.of();
            index = buildIndex(rules);
            scenarios.clear();
            transitions.incrementAndGet();
            resets.incrementAndGet();
            dispatchedRandoms.clear();
            synchronized (unmatched) {
                unmatched.clear();
            }
        }
    }

    /** Resets every scenario to {@link Rule#STARTED} and every count to zero, keeping the rules. */
    public void resetScenariosAndCounts() {
        synchronized (lock) {
            scenarios.clear();
            transitions.incrementAndGet();
            rules.forEach(InstalledRule::clearCounts);
            resets.incrementAndGet();
        }
    }

    /** The current state of each scenario kept per server, sender or recipient, by "name" or "name [key]". */
    public Map<String, String> scenarioStates() {
        Map<String, String> states = new LinkedHashMap<>();
        scenarios.forEach((key, cell) -> {
            int separator = key.indexOf('\u0000');
            String name = key.substring(0, separator);
            String scopeKey = key.substring(separator + 1);
            synchronized (cell) {
                states.put(scopeKey.isEmpty() ? name : name + " [" + scopeKey + "]", cell.state());
            }
        });
        // A server-wide scenario exists from its first rule on, in its starting state.
        List<InstalledRule> current;
        synchronized (lock) {
            current = rules;
        }
        for (InstalledRule rule : current) {
            if (rule.rule().scenario() != null && rule.rule().scope() == Scope.SERVER) {
                states.putIfAbsent(rule.rule().scenario(), Rule.STARTED);
            }
        }
        return states;
    }

    public void setDispatcher(SmtpDispatcher newDispatcher) {
        this.dispatcher = newDispatcher;
    }

    /** Steps that matched no rule although rules existed for their trigger, with the closest rules; oldest first. */
    public List<NearMiss> unmatchedSteps() {
        synchronized (unmatched) {
            return List.copyOf(unmatched);
        }
    }

    /** Whether any rule or a dispatcher could decide a step with these triggers. */
    boolean mayDecide(Trigger primary, Trigger secondary) {
        if (dispatcher != null) {
            return true;
        }
        Map<Trigger, InstalledRule[]> current = index;
        return current.get(primary).length > 0 || (secondary != null && current.get(secondary).length > 0);
    }

    /** Decides a step; {@code null} means the conformant default, at once. */
    Decision decide(StepContext step) {
        for (int attempt = 1; ; attempt++) {
            long transitionsBefore = transitions.get();
            InstalledRule[] candidates = candidatesFor(step);
            List<Candidate> misses = null;
            for (InstalledRule rule : candidates) {
                MatchResult result = rule.rule().matcher().evaluate(step);
                if (!result.matched()) {
                    misses = addMiss(misses, rule, result.mismatches(), result.distance());
                    continue;
                }
                Object claim = claim(rule, step);
                if (claim instanceof Integer firing) {
                    recordMisses(step, misses, false);
                    Action action = rule.rule().actionFor(firing);
                    return new Decision(action, rule.nextDelay(action.delay()), rule, null);
                }
                misses = addMiss(misses, rule, List.of((Mismatch) claim), 0.0);
            }
            // A scenario moved while this step was deciding: a rule passed over for its old state may
            // apply now, so decide again against the new states (rules are consulted in a consistent order).
            if (transitions.get() == transitionsBefore || attempt == MAX_ATTEMPTS) {
                recordMisses(step, misses, true);
                return dispatch(step);
            }
        }
    }

    private Decision dispatch(Step step) {
        SmtpDispatcher current = dispatcher;
        if (current == null) {
            return null;
        }
        try {
            Optional<Action> action = current.dispatch(step);
            if (action == null || action.isEmpty()) {
                return null;
            }
            Action chosen = action.get();
            return new Decision(chosen, drawDispatched(chosen.delay()), null, null);
        } catch (RuntimeException e) {
            // A failing dispatcher must not break the exchange: fall back to the default and say so.
            return new Decision(Action.DEFAULT, Duration.ZERO, null, "dispatcher failed, default reply sent: " + e);
        }
    }

    /** A delay the dispatcher chose: a seeded one continues the sequence of its seed, so that runs repeat. */
    private Duration drawDispatched(Delay delay) {
        if (delay instanceof Delay.Fixed fixed) {
            return fixed.duration();
        }
        if (delay.seed() == null) {
            return delay.next(new SplittableRandom());
        }
        SplittableRandom random = dispatchedRandoms.computeIfAbsent(delay.seed(), SplittableRandom::new);
        synchronized (random) {
            return delay.next(random);
        }
    }

    private InstalledRule[] candidatesFor(StepContext step) {
        Map<Trigger, InstalledRule[]> current = index;
        InstalledRule[] primary = current.get(step.trigger());
        Trigger secondary = step.secondaryTrigger();
        if (secondary == null || current.get(secondary).length == 0) {
            return primary;
        }
        // BDAT LAST is both BDAT and MESSAGE: merge both lists in rule order without duplicating ANY rules.
        List<InstalledRule> merged = new ArrayList<>(List.of(primary));
        for (InstalledRule rule : current.get(secondary)) {
            if (!merged.contains(rule)) {
                merged.add(rule);
            }
        }
        merged.sort(ORDER);
        return merged.toArray(InstalledRule[]::new);
    }

    /** Claims a firing: returns the 0-based firing number, or the {@link Mismatch} that prevented it. */
    private Object claim(InstalledRule installed, StepContext step) {
        Rule rule = installed.rule();
        String scopeKey = scopeKey(rule.scope(), step);
        SessionScriptState sessionState = step.scriptState().sync(resets.get());
        AtomicInteger count =
                rule.scope() == Scope.SESSION ? sessionState.countFor(installed) : installed.countFor(scopeKey);
        if (rule.scenario() == null) {
            int firing = installed.claim(count);
            return firing >= 0 ? (Object) firing : exhausted(installed);
        }
        ScenarioCell cell = rule.scope() == Scope.SESSION
                ? sessionState.scenario(rule.scenario())
                : scenarios.computeIfAbsent(rule.scenario() + '\u0000' + scopeKey, key -> new ScenarioCell());
        synchronized (cell) {
            if (rule.requiredState() != null && !rule.requiredState().equals(cell.state())) {
                return new Mismatch(
                        "scenario \"" + rule.scenario() + "\" state",
                        '"' + rule.requiredState() + '"',
                        '"' + cell.state() + '"');
            }
            int firing = installed.claim(count);
            if (firing < 0) {
                return exhausted(installed);
            }
            if (rule.newState() != null) {
                cell.moveTo(rule.newState());
                transitions.incrementAndGet();
            }
            return firing;
        }
    }

    private static Mismatch exhausted(InstalledRule rule) {
        String scope = rule.rule().scope() == Scope.SERVER
                ? ""
                : " per " + rule.rule().scope().name().toLowerCase(java.util.Locale.ROOT);
        return new Mismatch("times", "at most " + rule.times() + scope, "already fired " + rule.times());
    }

    private static String scopeKey(Scope scope, StepContext step) {
        return switch (scope) {
            case SERVER, SESSION -> "";
            case SENDER -> step.senderKey();
            case RECIPIENT -> step.recipientKey();
        };
    }

    private record Candidate(InstalledRule rule, List<Mismatch> mismatches, double distance) {}

    private static List<Candidate> addMiss(
            List<Candidate> misses, InstalledRule rule, List<Mismatch> mismatches, double distance) {
        List<Candidate> list = misses == null ? new ArrayList<>(4) : misses;
        list.add(new Candidate(rule, mismatches, distance));
        return list;
    }

    private void recordMisses(StepContext step, List<Candidate> misses, boolean stepUnmatched) {
        if (misses == null) {
            return;
        }
        String description = step.describe();
        long sessionId = step.session().id();
        List<NearMiss> all = new ArrayList<>(misses.size());
        for (Candidate miss : misses) {
            NearMiss nearMiss = new NearMiss(
                    miss.rule.id(),
                    miss.rule.rule().describe(),
                    sessionId,
                    description,
                    miss.mismatches,
                    miss.distance);
            miss.rule.offerNearMiss(nearMiss);
            all.add(nearMiss);
        }
        if (stepUnmatched) {
            all.sort(Comparator.comparingDouble(NearMiss::distance));
            synchronized (unmatched) {
                for (NearMiss nearMiss : all.subList(0, Math.min(CLOSEST_PER_STEP, all.size()))) {
                    if (unmatched.size() == KEPT_UNMATCHED) {
                        unmatched.removeFirst();
                    }
                    unmatched.addLast(nearMiss);
                }
            }
            if (!listeners.isEmpty()) {
                listeners.stepUnmatched(
                        description, List.copyOf(all.subList(0, Math.min(CLOSEST_PER_STEP, all.size()))));
            }
        }
    }

    private static Map<Trigger, InstalledRule[]> buildIndex(List<InstalledRule> rules) {
        Map<Trigger, InstalledRule[]> built = new EnumMap<>(Trigger.class);
        for (Trigger trigger : Trigger.values()) {
            List<InstalledRule> applicable = new ArrayList<>();
            for (InstalledRule rule : rules) {
                Trigger ruleTrigger = rule.rule().trigger();
                if (ruleTrigger == trigger || ruleTrigger == Trigger.ANY) {
                    applicable.add(rule);
                }
            }
            applicable.sort(ORDER);
            built.put(trigger, applicable.toArray(InstalledRule[]::new));
        }
        return built;
    }
}
