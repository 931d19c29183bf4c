package dev.twofifty;

import dev.twofifty.journal.Journal;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.NearMiss;
import dev.twofifty.script.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a test does with a fake SMTP server, wherever it runs: where it listens, its script and its
 * journal. {@link FakeSmtpServer} is the in-process implementation; assertions and extensions work
 * against this interface, so a test can switch to a server running elsewhere by changing one line.
 */
public interface FakeSmtp {

    /** The address clients connect to. */
    String host();

    /** The SMTP port clients connect to. */
    int port();

    /**
     * Adds a rule; it applies from the next step of every session on.
     *
     * @return the rule as added, with its id and how often it fired
     */
    ActiveRule stubFor(Rule rule);

    /** The rules in the order they are considered (priority, then most recently added first). */
    List<ActiveRule> rules();

    /** Removes a rule by id; returns whether it was there. */
    boolean removeRule(String id);

    /** Removes all rules and scenario states; the journal stays. */
    void resetRules();

    /**
     * Puts every scenario back to {@link Rule#STARTED} and restarts every rule's {@code times} count, keeping the
     * rules; {@link ActiveRule#timesFired()} keeps counting the total.
     */
    void resetScenarios();

    /** The state of every scenario kept per server, sender or recipient, by name (and scope key). */
    Map<String, String> scenarioStates();

    /** Steps that matched no rule although rules existed for them, each with a closest rule and why it missed. */
    List<NearMiss> nearMisses();

    /** The rules that have not fired (yet), each with the steps at which it came closest. */
    default List<ActiveRule> unfiredRules() {
        return rules().stream().filter(rule -> rule.timesFired() == 0).toList();
    }

    /** The journal: sessions, transcripts and messages. */
    Journal journal();

    /** The accepted messages, oldest first; shorthand for {@code journal().messages()}. */
    default List<ReceivedMessage> messages() {
        return journal().messages();
    }

    /** Snapshots of the sessions, oldest first; shorthand for {@code journal().sessions()}. */
    default List<SessionRecord> sessions() {
        return journal().sessions();
    }

    /**
     * Waits until at least {@code count} messages have arrived; shorthand for {@code
     * journal().awaitMessages(count, timeout)}.
     *
     * @throws dev.twofifty.journal.AwaitTimeoutException when they do not arrive in time
     */
    default List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        return journal().awaitMessages(count, timeout);
    }

    /** Clears rules, scenario states and the journal, so the server is as new for the next test. */
    void reset();
}
