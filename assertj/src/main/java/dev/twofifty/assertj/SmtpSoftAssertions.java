package dev.twofifty.assertj;

import java.util.function.Consumer;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft assertions on what a fake SMTP server recorded: every check runs, and {@link #assertAll()}
 * reports all failures together.
 *
 * <pre>{@code
 * SmtpSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(smtp).hasReceived(1).hasNoViolations();
 *     softly.assertThat(smtp.messages().get(0)).hasSubject("Welcome").hasNoHtmlBody();
 *     softly.assertThat(smtp.sessions().get(0)).sentQuit();
 * });
 * }</pre>
 *
 * <p>Navigation ({@code message(0)}, {@code lastSession()}, {@code envelope()}, ...) returns soft
 * asserts too. A navigation that cannot find its target (no such message) ends the chain;
 * {@code within(...)} returns an assert whose failures are thrown, not collected.
 */
public class SmtpSoftAssertions extends AbstractSoftAssertions implements SmtpSoftAssertionsProvider {

    /** Creates soft assertions; call {@link #assertAll()} at the end. */
    public SmtpSoftAssertions() {
        super();
    }

    /**
     * Runs the assertions in the consumer and then fails with every failure they collected.
     *
     * @param softly the assertions
     */
    public static void assertSoftly(Consumer<SmtpSoftAssertions> softly) {
        SoftAssertionsProvider.assertSoftly(SmtpSoftAssertions.class, softly);
    }
}
