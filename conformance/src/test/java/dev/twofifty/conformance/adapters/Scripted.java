package dev.twofifty.conformance.adapters;

import dev.twofifty.ServerConfig;
import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.conformance.TimeScale;
import dev.twofifty.script.Rule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Runs one adapter against one scripted server through the runner (so the endpoint, the watchdog and
 * the journal are the runner's) and hands back what was observed: the outcomes, the transcript and the
 * messages that arrived.
 */
final class Scripted {

    /** The client timeout of these tests: short, so a stall is reported quickly. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);

    private static final ConformanceRunner RUNNER = ConformanceRunner.builder()
            .parallelism(1)
            .timeScale(new TimeScale(0.01, CLIENT_TIMEOUT))
            .caseTimeout(Duration.ofSeconds(20))
            .settle(Duration.ofMillis(500))
            .build();

    /** The standard request: the standard message from ann@client.test to bob@mx.test. */
    static final MailRequest STANDARD = ConformanceCase.STANDARD_REQUEST;

    private Scripted() {}

    /** Sends the standard request to a default server with these rules. */
    static Observation run(ClientAdapter adapter, Rule... rules) {
        return run(adapter, STANDARD, UnaryOperator.identity(), rules);
    }

    /** Sends a request to a default server with these rules. */
    static Observation run(ClientAdapter adapter, MailRequest request, Rule... rules) {
        return run(adapter, request, UnaryOperator.identity(), rules);
    }

    /** Sends a request to a server configured so, with these rules. */
    static Observation run(
            ClientAdapter adapter, MailRequest request, UnaryOperator<ServerConfig.Builder> server, Rule... rules) {
        AtomicReference<Observation> seen = new AtomicReference<>();
        ConformanceCase scripted = ConformanceCase.builder("ADAPTER-MAPPING", "what the adapter reports")
                .phase(Phase.MAIL)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.2.1")
                .server(server)
                .rules(rules)
                .request(request)
                .oracle(observation -> {
                    seen.set(observation);
                    return Judgement.pass("observed", List.of());
                })
                .build();
        CaseResult result = RUNNER.run(adapter, scripted);
        if (seen.get() == null) {
            throw new AssertionError(
                    "The case was not run: " + result.judgement().reason());
        }
        return seen.get();
    }

    /** The only outcome (the request had one message). */
    static Outcome outcome(Observation observation) {
        if (observation.outcomes().size() != 1) {
            throw new AssertionError("Expected one outcome but got " + observation.outcomes());
        }
        return observation.outcome();
    }
}
