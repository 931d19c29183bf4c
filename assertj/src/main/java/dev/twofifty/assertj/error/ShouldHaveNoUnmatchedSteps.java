package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Describe.NL;

import dev.twofifty.script.NearMiss;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the failure message when steps matched none of the rules written for them; each comes with
 * the closest rule and why it missed ({@link NearMiss#describe()}).
 */
public final class ShouldHaveNoUnmatchedSteps extends BasicErrorMessageFactory {

    private ShouldHaveNoUnmatchedSteps(Object actual, List<NearMiss> nearMisses) {
        super(
                "%nExpecting actual:%n  %s%nto have no steps that missed every rule written for them but had %s:%n%s",
                unquotedString(Describe.actual(actual)),
                unquotedString(nearMisses.size() == 1 ? "1 near miss" : nearMisses.size() + " near misses"),
                unquotedString(nearMisses.stream()
                        .map(miss -> miss.describe()
                                .lines()
                                .map(line -> Describe.INDENT + line)
                                .collect(Collectors.joining(NL)))
                        .collect(Collectors.joining(NL))));
    }

    /**
     * Creates the message.
     *
     * @param actual the server
     * @param nearMisses the steps that matched no rule, each with its closest rule
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldHaveNoUnmatchedSteps(Object actual, List<NearMiss> nearMisses) {
        return new ShouldHaveNoUnmatchedSteps(actual, nearMisses);
    }
}
