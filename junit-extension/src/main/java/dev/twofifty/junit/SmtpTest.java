package dev.twofifty.junit;

import dev.twofifty.SmtpExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test of the class a fresh fake SMTP server on {@code 127.0.0.1} and an ephemeral port,
 * injected as a {@code FakeSmtpServer} (or {@code FakeSmtp}) parameter of test and lifecycle methods.
 *
 * <pre>{@code
 * @SmtpTest
 * class WelcomeMailTest {
 *     @Test
 *     void sends_a_welcome_mail(FakeSmtpServer smtp) {
 *         new WelcomeMailer("127.0.0.1", smtp.port()).send("ann@example.com");
 *         assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * <p>The attributes cover the common settings; for everything else (limits, an initial script,
 * several servers) register a {@link FakeSmtpExtension} built with {@link FakeSmtpExtension#builder()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeSmtpExtension.class)
public @interface SmtpTest {

    /** Whether each test gets its own server (the default) or the class shares one, reset before each test. */
    Lifecycle lifecycle() default Lifecycle.PER_METHOD;

    /** Offer STARTTLS, with a certificate generated in memory. */
    boolean tls() default false;

    /** Also listen for implicit TLS (RFC 8314) on an ephemeral port. */
    boolean smtps() default false;

    /** Accepted credentials as {@code "user:password"}; any turns AUTH on. */
    String[] auth() default {};

    /** MAIL needs a successful AUTH first. */
    boolean requireAuth() default false;

    /** Mail commands need TLS first; needs {@link #tls()} or {@link #smtps()}. */
    boolean requireTls() default false;

    /** Extensions not to offer, for example {@code SmtpExtension.PIPELINING}. */
    SmtpExtension[] disable() default {};

    /** Accept bare LF line endings and long lines (violations are still recorded). */
    boolean lenient() default false;

    /** The largest message accepted, in octets; 0 keeps the default. */
    long maxMessageSize() default 0;

    /** Fail a test after it passed when a client violated the protocol during it. */
    boolean failOnViolations() default false;

    /** Fail a test after it passed when a rule added during it never fired (with the near-miss report). */
    boolean failOnUnfiredRules() default false;

    /** A system property to set to the server's host during the test (restored afterwards), for example {@code spring.mail.host}. */
    String hostProperty() default "";

    /** A system property to set to the server's port during the test (restored afterwards), for example {@code spring.mail.port}. */
    String portProperty() default "";
}
