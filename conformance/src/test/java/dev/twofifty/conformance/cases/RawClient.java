package dev.twofifty.conformance.cases;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A hand-written client for the oracle tests: a script over {@link ClientConnection}, run once per message when the
 * request asks for a connection per message, otherwise once. A script that throws reports a lost
 * connection, as a real client would.
 */
final class RawClient implements ClientAdapter {

    /** What the client does for one connection. */
    @FunctionalInterface
    interface Script {
        Outcome run(Endpoint endpoint, MailRequest request, int connection) throws IOException;
    }

    private final String name;
    private final Script script;
    private final Set<Feature> features;

    private RawClient(String name, Script script, Set<Feature> features) {
        this.name = name;
        this.script = script;
        this.features = features;
    }

    /** A client that can do everything the catalogue asks. */
    static RawClient of(String name, Script script) {
        return new RawClient(name, script, EnumSet.allOf(Feature.class));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Feature> features() {
        return features;
    }

    @Override
    public List<Outcome> send(Endpoint endpoint, MailRequest request) {
        int connections = request.connectionPerMessage() ? request.messages().size() : 1;
        List<Outcome> outcomes = new ArrayList<>();
        for (int connection = 1; connection <= connections; connection++) {
            try {
                outcomes.add(script.run(endpoint, request, connection));
            } catch (IOException e) {
                outcomes.add(Outcome.transientFailure(0, e.toString()));
            }
        }
        return outcomes;
    }

    @Override
    public String toString() {
        return name;
    }
}
