package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;

import dev.twofifty.script.ActiveRule;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the failure message when scripted rules never fired; each comes with its near-miss report
 * ({@link ActiveRule#describeUnfired()}).
 */
public final class ShouldHaveAllRulesFired extends BasicErrorMessageFactory {

    private ShouldHaveAllRulesFired(Object actual, List<ActiveRule> unfired) {
        super(
                "%nExpecting actual:%n  %s%nto have fired every rule but %s:%n%s",
                unquotedString(Describe.actual(actual)),
                unquotedString(unfired.size() == 1 ? "1 rule never fired" : unfired.size() + " rules never fired"),
                unquotedString(unfired.stream()
                        .map(rule -> rule.describeUnfired()
                                .lines()
                                .map(line -> Describe.INDENT + line)
                                .collect(Collectors.joining(NL)))
                        .collect(Collectors.joining(NL))));
    }

    /**
     * Creates the message.
     *
     * @param actual the server
     * @param unfired the rules that never fired
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveAllRulesFired(Object actual, List<ActiveRule> unfired) {
        return new ShouldHaveAllRulesFired(actual, unfired);
    }
}
