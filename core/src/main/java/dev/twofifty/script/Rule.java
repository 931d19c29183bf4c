package dev.twofifty.script;

import dev.twofifty.protocol.SmtpReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One scripted behaviour: at which step ({@link Trigger}), under which condition ({@link Matcher}),
 * what happens ({@link Action}s, one per firing in order), how often, and how it takes part in a
 * scenario. A rule is an immutable value: every method returns a new rule, and nothing happens
 * until it is added to a server with {@code stubFor}.
 *
 * <pre>{@code
 * onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user")
 * onMessage().willReply(451, "4.3.0", "Try again later").times(2)          // then the default 250
 * onMessage().willReply(451, "4.3.0", "Busy").thenReply(452, "4.3.1", "Full").thenReply(250, "2.0.0", "OK")
 * onConnect().willDelay(Duration.ofSeconds(2))                             // a slow greeting
 * onMail().willFault(Fault.close())
 * }</pre>
 *
 * <h2>Which rule fires</h2>
 * At each step the server considers the rules whose trigger is the step's (or {@link Trigger#ANY})
 * in order of {@code priority} (lower first), then most recently added first. The first whose
 * matcher matches, whose scenario is in the required state and which has firings left fires; when
 * none does, the dispatcher (if any) and then the conformant default decide.
 *
 * <h2>How often</h2>
 * A rule with one action fires without limit unless {@link #times(int)} says otherwise. A rule with
 * a sequence of actions ({@link #thenReply}) fires once per action, in order, and then falls through;
 * with a larger {@code times} the last action repeats. Counts are kept per {@link Scope}.
 *
 * @param trigger the step the rule applies to
 * @param matcher the condition on the step
 * @param actions what to do at each firing, in order; at least one
 * @param times how many times the rule fires per scope; {@code null} for the default described above
 * @param priority lower fires first; {@link #DEFAULT_PRIORITY} unless set
 * @param scope what counts and scenario states are kept per
 * @param scenario the scenario the rule belongs to, or {@code null}
 * @param requiredState the scenario state in which the rule applies, or {@code null} for any state
 * @param newState the scenario state the rule moves to when it fires, or {@code null} to keep it
 * @param name a name for reports, or {@code null}
 */
public record Rule(
        Trigger trigger,
        Matcher matcher,
        List<Action> actions,
        Integer times,
        int priority,
        Scope scope,
        String scenario,
        String requiredState,
        String newState,
        String name) {

    /** The priority of a rule that does not set one. Lower numbers fire first. */
    public static final int DEFAULT_PRIORITY = 5;

    /** The state every scenario starts in. */
    public static final String STARTED = "Started";

    /** The value of {@code times} meaning "without limit". */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public Rule {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(matcher, "matcher");
        actions = List.copyOf(actions);
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("A rule needs at least one action");
        }
        if (times != null && times < 1) {
            throw new IllegalArgumentException("times must be at least 1 but was " + times);
        }
        Objects.requireNonNull(scope, "scope");
        if (scenario == null && (requiredState != null || newState != null)) {
            throw new IllegalArgumentException(
                    "A rule with a scenario state needs a scenario: call inScenario(name) first");
        }
        for (Action action : actions) {
            checkFits(trigger, action);
        }
    }

    /** A rule for this trigger that gives the default reply; the starting point of the DSL. */
    public static Rule on(Trigger trigger) {
        return new Rule(
                trigger,
                Matchers.any(),
                List.of(Action.DEFAULT),
                null,
                DEFAULT_PRIORITY,
                Scope.SERVER,
                null,
                null,
                null,
                null);
    }

    private static void checkFits(Trigger trigger, Action action) {
        if ((action.fault() instanceof Fault.CloseAfterContentBytes || action.fault() instanceof Fault.ReadSlowly)
                && trigger != Trigger.DATA
                && trigger != Trigger.BDAT
                && trigger != Trigger.ANY) {
            String name = action.fault() instanceof Fault.ReadSlowly ? "readSlowly" : "closeAfterContentBytes";
            throw new IllegalArgumentException("Fault." + name + " applies to DATA or BDAT, not " + trigger);
        }
        if (action.fault() instanceof Fault.TlsHandshakeFailure
                && trigger != Trigger.STARTTLS
                && trigger != Trigger.ANY) {
            throw new IllegalArgumentException("Fault.tlsHandshakeFailure applies to STARTTLS, not " + trigger);
        }
        if (action.capabilities() != null && trigger != Trigger.EHLO && trigger != Trigger.ANY) {
            throw new IllegalArgumentException("A capability change applies to EHLO, not " + trigger);
        }
    }

    /** How many times the rule fires per scope, with the default resolved. */
    public int effectiveTimes() {
        if (times != null) {
            return times;
        }
        return actions.size() > 1 ? actions.size() : UNLIMITED;
    }

    /** The action for the n-th firing (0-based): the actions in order, then the last one again. */
    public Action actionFor(int firing) {
        return actions.get(Math.min(firing, actions.size() - 1));
    }

    // ---- the condition

    /** Also requires this matcher (combined with any earlier one by "and"). */
    public Rule matching(Matcher condition) {
        return new Rule(
                trigger,
                Matchers.allOf(matcher, condition),
                actions,
                times,
                priority,
                scope,
                scenario,
                requiredState,
                newState,
                name);
    }

    // ---- the current action

    /** Replies with this code and text, without an enhanced status code. */
    public Rule willReply(int code, String text) {
        return willReply(SmtpReply.of(code, text));
    }

    /** Replies with this code, enhanced status code and text lines, for example {@code willReply(550, "5.1.1", "No such user")}. */
    public Rule willReply(int code, String enhancedCode, String... lines) {
        return willReply(SmtpReply.of(code, enhancedCode, lines));
    }

    /** Replies with this reply. */
    public Rule willReply(SmtpReply reply) {
        return withLastAction(action -> action.withReply(reply));
    }

    /**
     * Sends this exact text as the reply, line ends included, for example {@code "250\r\n"}; the default
     * reply (or one set with {@code willReply}) still decides what the step does.
     */
    public Rule willReplyRaw(String wire) {
        return withLastAction(action -> action.withWire(wire));
    }

    /** Waits this long before replying. */
    public Rule willDelay(Duration delay) {
        return willDelay(Delay.fixed(delay));
    }

    /** Waits before replying, as the delay says. */
    public Rule willDelay(Delay delay) {
        return withLastAction(action -> action.withDelay(delay));
    }

    /** Sends the reply's bytes one by one, spread over this duration. */
    public Rule willDrip(Duration total) {
        return withLastAction(action -> action.withDelivery(Delivery.drip(total)));
    }

    /** Sends the reply split at these byte offsets, with this gap between fragments. */
    public Rule willFragment(Duration gap, int... splitOffsets) {
        return withLastAction(action -> action.withDelivery(Delivery.fragments(gap, splitOffsets)));
    }

    /** Injects this fault. */
    public Rule willFault(Fault fault) {
        return withLastAction(action -> action.withFault(fault));
    }

    /** At EHLO: changes the capability list of this session. */
    public Rule willAdvertise(CapabilityChange change) {
        return withLastAction(action -> action.withCapabilities(change));
    }

    /** Uses this action for the current firing, replacing what was set. */
    public Rule will(Action action) {
        return withLastAction(ignored -> action);
    }

    // ---- sequences

    /** Adds a firing that replies with this code, enhanced status code and text lines. */
    public Rule thenReply(int code, String enhancedCode, String... lines) {
        return then(Action.reply(SmtpReply.of(code, enhancedCode, lines)));
    }

    /** Adds a firing that replies with this reply. */
    public Rule thenReply(SmtpReply reply) {
        return then(Action.reply(reply));
    }

    /** Adds a firing that injects this fault. */
    public Rule thenFault(Fault fault) {
        return then(Action.fault(fault));
    }

    /** Adds a firing that gives the default reply (useful before further {@code will...} calls). */
    public Rule thenDefault() {
        return then(Action.DEFAULT);
    }

    /** Adds a firing with this action; later {@code will...} calls refine it. */
    public Rule then(Action action) {
        List<Action> more = new ArrayList<>(actions);
        more.add(Objects.requireNonNull(action, "action"));
        return new Rule(trigger, matcher, more, times, priority, scope, scenario, requiredState, newState, name);
    }

    // ---- how often, in which order

    /** Fires at most this many times per scope, then falls through to other rules and the default. */
    public Rule times(int count) {
        return new Rule(trigger, matcher, actions, count, priority, scope, scenario, requiredState, newState, name);
    }

    /** Fires once per scope. */
    public Rule once() {
        return times(1);
    }

    /** Fires without limit (the last action of a sequence repeats). */
    public Rule always() {
        return times(UNLIMITED);
    }

    /** Sets the priority: lower numbers are considered first; ties go to the most recently added rule. */
    public Rule atPriority(int newPriority) {
        return new Rule(trigger, matcher, actions, times, newPriority, scope, scenario, requiredState, newState, name);
    }

    /** Keeps counts and scenario state per this scope. */
    public Rule scoped(Scope newScope) {
        return new Rule(trigger, matcher, actions, times, priority, newScope, scenario, requiredState, newState, name);
    }

    /** Shorthand for {@code scoped(Scope.SESSION)}. */
    public Rule perSession() {
        return scoped(Scope.SESSION);
    }

    /** Shorthand for {@code scoped(Scope.RECIPIENT)}. */
    public Rule perRecipient() {
        return scoped(Scope.RECIPIENT);
    }

    /** Shorthand for {@code scoped(Scope.SENDER)}. */
    public Rule perSender() {
        return scoped(Scope.SENDER);
    }

    // ---- scenarios

    /** Makes the rule part of this scenario; scenarios start in {@link #STARTED}. */
    public Rule inScenario(String scenarioName) {
        return new Rule(
                trigger,
                matcher,
                actions,
                times,
                priority,
                scope,
                Objects.requireNonNull(scenarioName, "scenario"),
                requiredState,
                newState,
                name);
    }

    /** Applies only while the scenario is in this state. */
    public Rule whenScenarioStateIs(String state) {
        return new Rule(
                trigger,
                matcher,
                actions,
                times,
                priority,
                scope,
                scenario,
                Objects.requireNonNull(state, "state"),
                newState,
                name);
    }

    /** Moves the scenario to this state when the rule fires. */
    public Rule willSetStateTo(String state) {
        return new Rule(
                trigger,
                matcher,
                actions,
                times,
                priority,
                scope,
                scenario,
                requiredState,
                Objects.requireNonNull(state, "state"),
                name);
    }

    /** Names the rule in reports. */
    public Rule named(String ruleName) {
        return new Rule(trigger, matcher, actions, times, priority, scope, scenario, requiredState, newState, ruleName);
    }

    /** A one-line description, for example {@code on RCPT where recipient domain is "x" → reply 550 5.1.1 ...}. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (name != null) {
            out.append('"').append(name).append("\" ");
        }
        out.append("on ").append(trigger);
        if (!(matcher instanceof Matcher.Always)) {
            out.append(" where ").append(matcher.describe());
        }
        if (scenario != null) {
            out.append(" in scenario \"").append(scenario).append('"');
            if (requiredState != null) {
                out.append(" state \"").append(requiredState).append('"');
            }
        }
        out.append(" → ");
        for (int i = 0; i < actions.size(); i++) {
            out.append(i == 0 ? "" : ", then ").append(actions.get(i).describe());
        }
        if (newState != null) {
            out.append(", set state \"").append(newState).append('"');
        }
        int effective = effectiveTimes();
        if (effective != UNLIMITED) {
            out.append(" (").append(effective).append(effective == 1 ? " time" : " times");
            out.append(scope == Scope.SERVER ? ")" : " per " + scope.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (priority != DEFAULT_PRIORITY) {
            out.append(" [priority ").append(priority).append(']');
        }
        return out.toString();
    }

    private Rule withLastAction(UnaryOperator<Action> change) {
        List<Action> changed = new ArrayList<>(actions);
        changed.set(changed.size() - 1, change.apply(changed.get(changed.size() - 1)));
        return new Rule(trigger, matcher, changed, times, priority, scope, scenario, requiredState, newState, name);
    }
}
