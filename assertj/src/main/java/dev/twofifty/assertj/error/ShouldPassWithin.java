package dev.twofifty.assertj.error;

import java.time.Duration;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the failure message of a check made with {@code within(timeout)} that still failed when the
 * timeout passed: what was awaited, for how long, and the last failure (which shows what had arrived).
 */
public final class ShouldPassWithin extends BasicErrorMessageFactory {

    private ShouldPassWithin(Object actual, String check, Duration timeout, String lastFailure) {
        super(
                "%nExpecting actual:%n  %s%nto pass %s within %s but it still failed when the time was up; last failure:%n%s",
                unquotedString(Describe.actual(actual)),
                unquotedString(check),
                unquotedString(Describe.duration(timeout)),
                unquotedString(lastFailure.stripLeading()));
    }

    /**
     * Creates the message.
     *
     * @param actual the server or journal
     * @param check the check as written, for example {@code hasReceived(2)}
     * @param timeout how long the check was retried
     * @param lastFailure the message of the check's last failure
     * @return the error message factory
     */
    public static ErrorMessageFactory shouldPassWithin(
            Object actual, String check, Duration timeout, String lastFailure) {
        return new ShouldPassWithin(actual, check, timeout, lastFailure);
    }
}
