package dev.twofifty.conformance;

import static dev.twofifty.script.Rules.onMail;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner itself: isolation, N/A, the watchdog, invariants, order. */
@Timeout(60)
class RunnerTest {

    private static final List<String> POLITE_SESSION = List.of(
            "EHLO client.test",
            "MAIL FROM:<ann@client.test>",
            "RCPT TO:<bob@mx.test>",
            "DATA",
            "Subject: x",
            "",
            "hello",
            ".",
            "QUIT");

    private static ConformanceCase passIfDelivered(String id) {
        return ConformanceCase.builder(id, "a test case")
                .phase(Phase.MAIL)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.2")
                .rationale("test")
                .oracle(observation -> Judgement.require(
                        observation.messages().size() == 1,
                        Level.MUST,
                        "one message arrived",
                        "no message arrived",
                        observation.fullEvidence()))
                .build();
    }

    @Test
    void a_polite_client_passes_and_keeps_every_invariant() {
        ScriptedClient client = new ScriptedClient("polite", POLITE_SESSION, true, Outcome.delivered(), Set.of());

        CaseResult result = ConformanceRunner.defaults().run(client, passIfDelivered("TEST-PASS"));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.judgement().reason()).isEqualTo("one message arrived");
        assertThat(result.findings()).isEmpty();
        assertThat(result.transcript()).anyMatch(line -> line.contains("C: MAIL FROM:<ann@client.test>"));
    }

    @Test
    void a_case_needing_a_feature_the_client_lacks_is_not_applicable_and_not_run() {
        ConformanceCase needsTls = ConformanceCase.builder("TEST-TLS", "needs TLS")
                .phase(Phase.TLS)
                .level(Level.MUST)
                .rfc("RFC 3207 §4")
                .requires(Feature.STARTTLS, Feature.AUTH)
                .oracle(observation -> Judgement.pass("ran", List.of()))
                .build();

        CaseResult result = ConformanceRunner.defaults().run(ScriptedClient.polite("QUIT"), needsTls);

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(result.judgement().reason()).isEqualTo("the client does not support [STARTTLS, AUTH]");
        assertThat(result.transcript()).isEmpty();
    }

    @Test
    void a_client_that_hangs_is_stopped_by_the_watchdog_and_reported_as_hang() {
        ConformanceCase stall = ConformanceCase.builder("TEST-STALL", "the server stalls")
                .phase(Phase.TIMEOUTS)
                .level(Level.SHOULD)
                .rfc("RFC 5321 §4.5.3.2")
                .rules(onMail().willFault(dev.twofifty.script.Fault.stall()))
                .oracle(observation -> Judgement.require(
                        observation.outcome().kind() != Outcome.Kind.HANG,
                        Level.SHOULD,
                        "no hang",
                        "the client hung",
                        List.of(observation.outcomeEvidence())))
                .build();
        ClientAdapter blocking = new ScriptedClient("blocking", POLITE_SESSION, true, Outcome.delivered(), Set.of()) {
            @Override
            public List<Outcome> send(Endpoint endpoint, MailRequest request) {
                Endpoint patient = new Endpoint(
                        endpoint.host(),
                        endpoint.port(),
                        -1,
                        endpoint.trust(),
                        endpoint.certificate(),
                        Duration.ofMinutes(5));
                return super.send(patient, request);
            }
        };
        ConformanceRunner runner =
                ConformanceRunner.builder().caseTimeout(Duration.ofMillis(800)).build();

        CaseResult result = runner.run(blocking, stall);

        assertThat(result.outcomes())
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.kind()).isEqualTo(Outcome.Kind.HANG));
        assertThat(result.verdict()).isEqualTo(Verdict.WARN);
        assertThat(result.judgement().reason()).isEqualTo("the client hung");
    }

    @Test
    void broken_invariants_are_reported_with_the_lines_that_broke_them() {
        List<String> rude = List.of("MAIL FROM: <ann@client.test>", "RCPT TO:<bob@mx.test>", "DATA now");
        ScriptedClient client = new ScriptedClient("rude", rude, true, Outcome.delivered(), Set.of());

        CaseResult result = ConformanceRunner.defaults().run(client, passIfDelivered("TEST-RUDE"));

        assertThat(result.findings()).extracting(Finding::invariant).containsExactly("INV-03", "INV-04", "INV-10");
        Finding grammar = result.findings().get(0);
        assertThat(grammar.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(grammar.reason()).isEqualTo("MAIL is not 'MAIL FROM:<path>'; DATA takes no parameters");
        assertThat(grammar.evidence()).anyMatch(line -> line.endsWith("C: MAIL FROM: <ann@client.test>"));
        Finding sequence = result.findings().get(1);
        assertThat(sequence.reason()).isEqualTo("MAIL without a 250 to EHLO or HELO; RCPT without an accepted MAIL");
    }

    @Test
    void a_run_keeps_the_given_order_and_counts_verdicts() {
        ScriptedClient client = new ScriptedClient("polite", POLITE_SESSION, true, Outcome.delivered(), Set.of());
        List<ConformanceCase> cases =
                List.of(passIfDelivered("TEST-A"), passIfDelivered("TEST-B"), passIfDelivered("TEST-C"));

        ConformanceReport report =
                ConformanceRunner.builder().parallelism(3).build().run(client, cases);

        assertThat(report.results()).extracting(CaseResult::id).containsExactly("TEST-A", "TEST-B", "TEST-C");
        assertThat(report.counts()).containsEntry(Verdict.PASS, 3).containsEntry(Verdict.FAIL, 0);
        assertThat(report.invariants())
                .hasSize(10)
                .allSatisfy(summary -> assertThat(summary.verdict()).isEqualTo(Verdict.PASS));
        assertThat(ConsoleProgress.table(report)).contains("  PASS TEST-A", "PASS 3  FAIL 0");
    }

    @Test
    void a_client_that_returns_with_its_connection_still_open_did_not_quit() throws Exception {
        List<java.net.Socket> held = new java.util.ArrayList<>();
        ClientAdapter leavesItOpen = new ClientAdapter() {
            @Override
            public String name() {
                return "reads the greeting and walks away";
            }

            @Override
            public Set<Feature> features() {
                return Set.of();
            }

            @Override
            public List<Outcome> send(Endpoint endpoint, MailRequest request) {
                try {
                    java.net.Socket socket = new java.net.Socket(endpoint.host(), endpoint.port());
                    held.add(socket);
                    socket.setSoTimeout(5_000);
                    new java.io.BufferedReader(new java.io.InputStreamReader(
                                    socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                            .readLine();
                    return List.of(Outcome.permanentFailure(554, "554 greeting"));
                } catch (java.io.IOException e) {
                    return List.of(Outcome.unknown(e.toString()));
                }
            }
        };
        try {
            CaseResult result = ConformanceRunner.builder()
                    .settle(Duration.ofMillis(200))
                    .build()
                    .run(leavesItOpen, Catalogue.byId("GREET-554").orElseThrow());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.judgement().reason())
                    .isEqualTo("the client closed without QUIT in [session 1 (left open)]");
        } finally {
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
    }
}
