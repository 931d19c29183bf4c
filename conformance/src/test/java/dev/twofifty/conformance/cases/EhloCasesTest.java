package dev.twofifty.conformance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The §2.2 oracles: the careful client passes, a faulty one gets the case's verdict. */
@Timeout(30)
class EhloCasesTest {

    static final ConformanceRunner RUNNER =
            ConformanceRunner.builder().caseTimeout(Duration.ofSeconds(15)).build();

    static CaseResult run(ClientAdapter client, ConformanceCase conformanceCase) {
        return RUNNER.run(client, conformanceCase);
    }

    static CaseResult careful(ConformanceCase conformanceCase) {
        CaseResult result = run(CarefulClient.client(), conformanceCase);
        assertThat(result.verdict())
                .as(
                        "%s: %s %s",
                        conformanceCase.id(),
                        result.judgement().reason(),
                        result.judgement().evidence())
                .isEqualTo(Verdict.PASS);
        assertThat(result.findings())
                .as("%s: the careful client keeps every invariant", conformanceCase.id())
                .isEmpty();
        return result;
    }

    static void assertVerdict(CaseResult result, Verdict verdict, String reason) {
        assertThat(result.judgement().reason())
                .as("%s", result.judgement().evidence())
                .isEqualTo(reason);
        assertThat(result.verdict()).isEqualTo(verdict);
    }

    @Test
    void ehlo_first() {
        careful(EhloCases.ehloFirst());

        CaseResult noGreeting = run(
                RawClient.of("mail-first", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.transaction(request, "");
                        wire.quit();
                    }
                    return Outcome.delivered();
                }),
                EhloCases.ehloFirst());
        assertVerdict(noGreeting, Verdict.FAIL, "the client sent MAIL without a 250 to EHLO or HELO");
        assertThat(noGreeting.judgement().evidence()).anyMatch(line -> line.endsWith("C: MAIL FROM:<ann@client.test>"));

        CaseResult heloOnly = run(
                RawClient.of("helo-only", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.command("HELO client.test");
                        wire.transaction(request, "");
                        wire.quit();
                    }
                    return Outcome.delivered();
                }),
                EhloCases.ehloFirst());
        assertVerdict(heloOnly, Verdict.WARN, "the client did not open with EHLO");
    }

    @Test
    void ehlo_arg_syntax() {
        careful(EhloCases.ehloArgSyntax());

        assertVerdict(
                run(greetingAs("EHLO 127.0.0.1"), EhloCases.ehloArgSyntax()),
                Verdict.FAIL,
                "the IPv4 address 127.0.0.1 is not in brackets (an address literal is [127.0.0.1])");
        assertVerdict(
                run(greetingAs("EHLO localhost"), EhloCases.ehloArgSyntax()),
                Verdict.WARN,
                "the argument 'localhost' is a single label, not a fully qualified domain name");
    }

    @Test
    void ehlo_argument_grammar() {
        assertThat(EhloCases.argumentProblem("client.test")).isNull();
        assertThat(EhloCases.argumentProblem("[192.0.2.1]")).isNull();
        assertThat(EhloCases.argumentProblem("[IPv6:::1]")).isNull();
        assertThat(EhloCases.argumentProblem("[IPv6:2001:db8::1]")).isNull();
        assertThat(EhloCases.argumentProblem("[::1]"))
                .isEqualTo("the address literal [::1] lacks the 'IPv6:' tag (RFC 5321 §4.1.3)");
        assertThat(EhloCases.argumentProblem("[300.1.1.1]"))
                .isEqualTo("the address literal [300.1.1.1] is not an IPv4 address");
        assertThat(EhloCases.argumentProblem("my_host.test"))
                .isEqualTo("'my_host.test' contains an underscore, which a domain name must not (RFC 5321 §4.1.2)");
        assertThat(EhloCases.argumentProblem("-bad.test")).isEqualTo("'-bad.test' is not a domain name (label '-bad')");
        assertThat(EhloCases.argumentProblem("")).isEqualTo("EHLO or HELO without an argument");
    }

    @Test
    void ehlo_fallback_helo() {
        careful(EhloCases.ehloFallbackHelo());

        CaseResult parameters = run(
                RawClient.of("params-after-helo", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        wire.command("HELO client.test");
                        wire.transaction(request, " BODY=8BITMIME");
                        wire.quit();
                    }
                    return Outcome.delivered();
                }),
                EhloCases.ehloFallbackHelo());
        assertVerdict(parameters, Verdict.FAIL, "after HELO the client used extensions that only EHLO can offer");
        assertThat(parameters.judgement().evidence())
                .anyMatch(line -> line.endsWith("C: MAIL FROM:<ann@client.test> BODY=8BITMIME   <- parameter BODY"));

        CaseResult givesUp = run(
                RawClient.of("gives-up", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        wire.quit();
                    }
                    return Outcome.permanentFailure(500, "EHLO refused");
                }),
                EhloCases.ehloFallbackHelo());
        assertVerdict(
                givesUp, Verdict.WARN, "the client gave up after the 500 to EHLO instead of falling back to HELO");
    }

    @Test
    void ehlo_keyword_case() {
        careful(EhloCases.ehloKeywordCase());

        CaseResult caseSensitive = run(
                RawClient.of("case-sensitive", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        boolean startTls = wire.ehlo().stream().anyMatch(line -> line.endsWith("STARTTLS"));
                        assertThat(startTls).isFalse();
                        wire.transaction(request, "");
                        wire.quit();
                    }
                    return Outcome.delivered();
                }),
                EhloCases.ehloKeywordCase());
        assertVerdict(
                caseSensitive,
                Verdict.FAIL,
                "the client did not recognise 'starttls' (a lower-case keyword) and did not start TLS");
    }

    @Test
    void ehlo_unknown_keywords() {
        careful(EhloCases.ehloUnknownKeywords());

        CaseResult usesXfoo = run(
                RawClient.of("uses-xfoo", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        wire.command("XFOO bar");
                        wire.transaction(request, "");
                        wire.quit();
                    }
                    return Outcome.delivered();
                }),
                EhloCases.ehloUnknownKeywords());
        assertVerdict(usesXfoo, Verdict.FAIL, "the client used an extension it cannot know");
        assertThat(usesXfoo.judgement().evidence()).anyMatch(line -> line.endsWith("C: XFOO bar"));
    }

    @Test
    void ehlo_refused() {
        CaseResult careful = careful(EhloCases.ehloRefused());
        assertThat(careful.findings())
                .as("closing without QUIT after a 421 is allowed")
                .isEmpty();
        assertThat(careful.outcomes())
                .extracting(Outcome::label)
                .containsExactly("TRANSIENT(421)", "DELIVERED", "DELIVERED");

        CaseResult heloAfter421 = run(
                RawClient.of("helo-after-421", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        wire.command("HELO client.test");
                        int code = wire.transaction(request, "");
                        wire.quit();
                        return code == 250 ? Outcome.delivered() : Outcome.permanentFailure(code, "refused");
                    }
                }),
                EhloCases.ehloRefused());
        assertVerdict(
                heloAfter421,
                Verdict.FAIL,
                "after the 421 to EHLO the client went on with HELO; the client reported DELIVERED for message 1 but"
                        + " TRANSIENT (421) is required");
        assertThat(heloAfter421.judgement().evidence())
                .anyMatch(line -> line.endsWith("S: 421 4.3.2 Service shutting down"))
                .anyMatch(line -> line.endsWith("C: HELO client.test"));
    }

    @Test
    void ehlo_no_stale_cache() {
        careful(EhloCases.ehloNoStaleCache());

        CaseResult cached = run(
                RawClient.of("caching", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        // Capabilities of connection 1, reused on connection 2: pipelined MAIL and RCPT with DSN.
                        wire.sendRaw("MAIL FROM:<ann@client.test> RET=HDRS\r\nRCPT TO:<bob@mx.test>"
                                + " NOTIFY=SUCCESS,FAILURE\r\n");
                        wire.reply();
                        wire.reply();
                        wire.quit();
                    }
                    return Outcome.delivered();
                }),
                EhloCases.ehloNoStaleCache());
        assertVerdict(cached, Verdict.FAIL, "on the second connection the client used capabilities of the first");
        assertThat(cached.judgement().evidence())
                .anyMatch(line -> line.startsWith("S2 ") && line.endsWith("RET=HDRS   <- parameter RET"));
    }

    /** A client that greets with this line and then sends the message politely. */
    private static RawClient greetingAs(String greeting) {
        return RawClient.of(greeting, (endpoint, request, connection) -> {
            try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                wire.reply();
                wire.command(greeting);
                wire.transaction(request, "");
                wire.quit();
            }
            return Outcome.delivered();
        });
    }
}
