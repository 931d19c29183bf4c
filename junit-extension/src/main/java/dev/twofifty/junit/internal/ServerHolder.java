package dev.twofifty.junit.internal;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running server in the JUnit store, with what it takes to reset it and to put the JVM back as it
 * was. JUnit closes it when its context ends: it implements both {@link AutoCloseable} (JUnit 5.13+
 * and 6) and the older {@code CloseableResource} (JUnit 5.10 to 5.12), and closes only once.
 */
@SuppressWarnings("deprecation")
public final class ServerHolder implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final Settings settings;
    private final FakeSmtpServer server;
    private final Object owner;
    private final Map<String, String> previousProperties = new HashMap<>();
    private List<Rule> baseline;
    private Set<String> rulesBeforeTest = Set.of();
    private boolean closed;

    public ServerHolder(Settings settings, FakeSmtpServer server, Object owner) {
        this.settings = settings;
        this.server = server;
        this.owner = owner;
        settings.initialRules().forEach(server::stubFor);
        if (settings.dispatcher() != null) {
            server.setDispatcher(settings.dispatcher());
        }
        publish(settings.hostProperty(), server.host());
        publish(settings.portProperty(), String.valueOf(server.port()));
    }

    public Settings settings() {
        return settings;
    }

    public FakeSmtpServer server() {
        return server;
    }

    /** The extension instance that started the server. */
    public Object owner() {
        return owner;
    }

    /**
     * Before a test of a shared server: forgets the previous test (journal, scenarios, its rules) but
     * keeps the rules that were there before the first test (the initial script and {@code @BeforeAll} stubs).
     */
    public synchronized void resetForNextTest() {
        if (baseline == null) {
            baseline = server.rules().stream().map(ActiveRule::rule).toList();
            server.journal().clear();
            server.resetScenarios();
        } else {
            server.reset();
            List<Rule> inAddedOrder = new ArrayList<>(baseline);
            java.util.Collections.reverse(inAddedOrder);
            inAddedOrder.forEach(server::stubFor);
            if (settings.dispatcher() != null) {
                server.setDispatcher(settings.dispatcher());
            }
        }
        markTestStart();
    }

    /** Remembers which rules exist before the test adds its own. */
    public synchronized void markTestStart() {
        rulesBeforeTest = server.rules().stream().map(ActiveRule::id).collect(Collectors.toSet());
    }

    /** The rules the current test added that have not fired. */
    public synchronized List<ActiveRule> unfiredTestRules() {
        return server.unfiredRules().stream()
                .filter(rule -> !rulesBeforeTest.contains(rule.id()))
                .toList();
    }

    private void publish(String property, String value) {
        if (property.isEmpty()) {
            return;
        }
        previousProperties.put(property, System.getProperty(property));
        System.setProperty(property, value);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        previousProperties.forEach((property, previous) -> {
            if (previous == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, previous);
            }
        });
        server.close();
    }
}
