package dev.twofifty.assertj;

import static dev.twofifty.assertj.error.ShouldHaveAllRulesFired.shouldHaveAllRulesFired;
import static dev.twofifty.assertj.error.ShouldHaveNoUnmatchedSteps.shouldHaveNoUnmatchedSteps;

import dev.twofifty.FakeSmtp;
import dev.twofifty.journal.Journal;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.NearMiss;
import java.time.Duration;
import java.util.List;

/**
 * Assertions on a fake SMTP server: everything {@link AbstractJournalAssert} checks on its journal,
 * and checks on its script (rules that never fired, steps that missed every rule).
 *
 * <pre>{@code
 * assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
 * assertThat(smtp).hasAllRulesFired().hasNoViolations();
 * assertThat(smtp).messageTo("bob@example.com").hasSubject("Welcome");
 * }</pre>
 */
public class FakeSmtpAssert extends AbstractJournalAssert<FakeSmtpAssert, FakeSmtp> {

    /**
     * Creates an assert on a server; {@link SmtpAssertions#assertThat(FakeSmtp)} is the usual way.
     *
     * @param actual the server
     */
    public FakeSmtpAssert(FakeSmtp actual) {
        super(actual, FakeSmtpAssert.class);
    }

    /**
     * Creates an assert whose checks are retried for the given time.
     *
     * @param actual the server
     * @param timeout how long checks are retried; {@code null} to check once
     */
    protected FakeSmtpAssert(FakeSmtp actual, Duration timeout) {
        super(actual, FakeSmtpAssert.class, timeout);
    }

    @Override
    protected Journal journal() {
        return actual.journal();
    }

    @Override
    protected FakeSmtpAssert newTimedAssert(Duration timeout) {
        return new FakeSmtpAssert(actual, timeout);
    }

    /**
     * Verifies that every scripted rule fired at least once. The failure shows, for each rule that
     * never fired, the steps at which it came closest and why it did not match ({@link
     * ActiveRule#describeUnfired()}).
     *
     * @return this assert
     */
    public FakeSmtpAssert hasAllRulesFired() {
        isNotNull();
        retrying("hasAllRulesFired()", () -> {
            List<ActiveRule> unfired = actual.unfiredRules();
            if (!unfired.isEmpty()) {
                throw assertionError(shouldHaveAllRulesFired(actual, unfired));
            }
        });
        return myself;
    }

    /**
     * Verifies that no step matched none of the rules written for it ({@link FakeSmtp#nearMisses()}
     * is empty): a test that scripts a step expects its rules to apply. The failure shows each step
     * with the closest rule and why it missed.
     *
     * @return this assert
     */
    public FakeSmtpAssert hasNoUnmatchedSteps() {
        isNotNull();
        retrying("hasNoUnmatchedSteps()", () -> {
            List<NearMiss> nearMisses = actual.nearMisses();
            if (!nearMisses.isEmpty()) {
                throw assertionError(shouldHaveNoUnmatchedSteps(actual, nearMisses));
            }
        });
        return myself;
    }
}
