package dev.twofifty.junit.internal;

import dev.twofifty.ServerConfig;
import dev.twofifty.script.Rule;
import dev.twofifty.script.SmtpDispatcher;
import java.util.List;

/**
 * What a server of the extension is made of, from the annotation or the builder.
 *
 * @param name the server's name, {@code "default"} unless named
 * @param config the configuration, or {@code null} when it was invalid (see {@code configError})
 * @param configError why the configuration is invalid, or {@code null}
 * @param initialRules rules added whenever the server starts or is reset
 * @param dispatcher the dispatcher to install, or {@code null}
 * @param perClass whether one server serves the whole class (annotation only; fields decide otherwise)
 * @param failOnViolations fail a passed test when a client violated the protocol
 * @param failOnUnfiredRules fail a passed test when a rule it added never fired
 * @param hostProperty the system property to publish the host under, or empty
 * @param portProperty the system property to publish the port under, or empty
 */
public record Settings(
        String name,
        ServerConfig config,
        IllegalArgumentException configError,
        List<Rule> initialRules,
        SmtpDispatcher dispatcher,
        boolean perClass,
        boolean failOnViolations,
        boolean failOnUnfiredRules,
        String hostProperty,
        String portProperty) {

    public Settings {
        initialRules = List.copyOf(initialRules);
    }
}
