package dev.twofifty.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Picks one of several servers by name for an injected parameter.
 *
 * <pre>{@code
 * @RegisterExtension static FakeSmtpExtension primary = FakeSmtpExtension.builder().name("primary").build();
 * @RegisterExtension static FakeSmtpExtension fallback = FakeSmtpExtension.builder().name("fallback").build();
 *
 * @Test
 * void fails_over(@Smtp("primary") FakeSmtpServer primary, @Smtp("fallback") FakeSmtpServer fallback) { ... }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Smtp {

    /** The server's name, as given to {@link FakeSmtpExtension.Builder#name(String)}. */
    String value();
}
