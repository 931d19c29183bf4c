package dev.twofifty.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reports made by hand for the report tests: every verdict, invariant findings, and text that would
 * break the markup if it were not escaped (it comes from the wire and from client error messages).
 */
final class ReportFixtures {

    /** Markup, an XML end-of-CDATA, entities, quotes, controls (NUL, ESC, CR), a lone surrogate and an emoji. */
    static final String HOSTILE = "<script>window.__injected=1</script> ]]> &amp; \"q\" 'a' \u0000\u001b\r"
            + " \uD800 \uD83D\uDE00 <img src=x onerror=\"window.__injected=2\">";

    /** What {@link #HOSTILE} reads as once escaped and parsed back: the controls as control pictures. */
    static final String HOSTILE_AS_READ = "<script>window.__injected=1</script> ]]> &amp; \"q\" 'a' \u2400\u241b\u240d"
            + " \uFFFD \uD83D\uDE00 <img src=x onerror=\"window.__injected=2\">";

    private ReportFixtures() {}

    static ConformanceCase conformanceCase(String id, Phase phase, Level level, String title) {
        return ConformanceCase.builder(id, title)
                .phase(phase)
                .level(level)
                .rfc("RFC 5321 §4.1.1.10")
                .rationale("Why it matters: " + title)
                .oracle(observation -> Judgement.pass("unused", List.of()))
                .build();
    }

    static CaseResult result(ConformanceCase conformanceCase, Judgement judgement, List<Finding> findings) {
        return new CaseResult(
                conformanceCase,
                judgement,
                findings,
                List.of(Outcome.permanentFailure(554, "bad greeting " + conformanceCase.id())),
                List.of(
                        "S1     0 ms S: 554 5.3.2 No service for " + conformanceCase.id(),
                        "S1     2 ms C: QUIT",
                        "S1     3 ms -- connection closed (CLIENT_CLOSE)"),
                Duration.ofMillis(12));
    }

    /** One case per verdict, a broken invariant on the WARN case, and hostile text in the FAIL case. */
    static ConformanceReport everyVerdict(String client) {
        ConformanceCase pass = conformanceCase("TEST-PASS", Phase.CONNECTION, Level.MUST, "passes");
        ConformanceCase fail = conformanceCase("TEST-FAIL", Phase.MAIL, Level.MUST, "fails " + HOSTILE);
        ConformanceCase warn = conformanceCase("TEST-WARN", Phase.MAIL, Level.SHOULD, "warns");
        ConformanceCase info = conformanceCase("TEST-INFO", Phase.DATA, Level.POLICY, "informs");
        ConformanceCase notApplicable = conformanceCase("TEST-NA", Phase.TLS, Level.MUST, "needs TLS");
        Finding brokenInvariant = new Finding(
                "INV-05", Verdict.FAIL, "pipelined without PIPELINING", List.of("S1 C: MAIL FROM:<a@b> " + HOSTILE));
        return new ConformanceReport(
                client,
                List.of(
                        result(pass, Judgement.pass("it waited", List.of("S1 C: QUIT")), List.of()),
                        result(
                                fail,
                                new Judgement(
                                        Verdict.FAIL,
                                        "it broke the rule " + HOSTILE,
                                        List.of("S1 C: EHLO " + HOSTILE, "outcome: PERMANENT(554)")),
                                List.of()),
                        result(
                                warn,
                                new Judgement(Verdict.WARN, "it did not wait", List.of("S1 C: DATA")),
                                List.of(brokenInvariant)),
                        result(info, Judgement.info("it chose BDAT", List.of("S1 C: BDAT 10 LAST")), List.of()),
                        new CaseResult(
                                notApplicable,
                                Judgement.notApplicable("the client does not support [STARTTLS]"),
                                List.of(),
                                List.of(),
                                List.of(),
                                Duration.ZERO)),
                Instant.parse("2026-11-29T10:00:00Z"),
                Duration.ofMillis(1234));
    }

    /** A second client that passes the first three cases only (so the matrix has an empty cell). */
    static ConformanceReport partial(String client) {
        ConformanceReport all = everyVerdict(client);
        List<CaseResult> results = all.results().subList(0, 3).stream()
                .map(result -> new CaseResult(
                        result.conformanceCase(),
                        Judgement.pass("fine", List.of()),
                        List.of(),
                        result.outcomes(),
                        result.transcript(),
                        result.elapsed()))
                .toList();
        return new ConformanceReport(client, results, all.startedAt(), all.elapsed());
    }
}
