package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.EhloCasesTest.assertVerdict;
import static dev.twofifty.conformance.cases.EhloCasesTest.careful;
import static dev.twofifty.conformance.cases.EhloCasesTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.MailRequest.Security;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The §2.3 oracles: the careful client passes, a faulty one gets the case's verdict. */
@Timeout(30)
class TlsCasesTest {

    static final String PLAIN_IR =
            Base64.getEncoder().encodeToString("\0ann\0secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    /** A client that greets, STARTTLS (without checking the name), then does what {@code afterTls} says. */
    private static RawClient afterStartTls(String name, ClientConnection.Step afterTls) {
        return RawClient.of(name, (endpoint, request, connection) -> {
            try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                wire.reply();
                wire.ehlo();
                wire.command("STARTTLS");
                wire.startTls(false);
                afterTls.run(wire);
                wire.quit();
            }
            return Outcome.delivered();
        });
    }

    @Test
    void tls_reehlo() {
        careful(TlsCases.tlsReehlo());

        CaseResult mailAtOnce = run(
                afterStartTls("no-reehlo", wire -> wire.transaction(ConformanceCase.STANDARD_REQUEST, "")),
                TlsCases.tlsReehlo());
        assertVerdict(mailAtOnce, Verdict.FAIL, "the first command after the TLS handshake was MAIL, not EHLO");
    }

    @Test
    void tls_caps_replaced() {
        careful(TlsCases.tlsCapsReplaced());

        CaseResult stale = run(
                afterStartTls("stale-caps", wire -> {
                    wire.ehlo();
                    wire.command("AUTH PLAIN " + PLAIN_IR);
                    wire.transaction(ConformanceCase.STANDARD_REQUEST, " RET=HDRS");
                }),
                TlsCases.tlsCapsReplaced());
        assertVerdict(stale, Verdict.FAIL, "after TLS the client used capabilities of the pre-TLS EHLO list");
        assertThat(stale.judgement().evidence())
                .anyMatch(line -> line.endsWith("C: AUTH PLAIN ****   <- AUTH PLAIN not among [CRAM-MD5]"))
                .anyMatch(line -> line.endsWith("RET=HDRS   <- parameter RET not offered"));
    }

    @Test
    void tls_reehlo_fails() {
        careful(TlsCases.tlsReehloFails());

        CaseResult stale = run(
                afterStartTls("keeps-old-list", wire -> {
                    assertThat(ClientConnection.codeOf(wire.ehlo())).isEqualTo(502);
                    wire.command("AUTH PLAIN " + PLAIN_IR);
                }),
                TlsCases.tlsReehloFails());
        assertVerdict(
                stale,
                Verdict.FAIL,
                "after the refused post-TLS EHLO the client went on with the pre-TLS capabilities");
        assertThat(stale.judgement().evidence())
                .anyMatch(line -> line.endsWith(
                        "C: AUTH PLAIN ****   <- AUTH before a successful EHLO or HELO, AUTH without a greeting"));
    }

    @Test
    void tls_resp_injection() {
        careful(TlsCases.tlsRespInjection());

        CaseResult injected = run(
                RawClient.of("reads-injected-lines", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        wire.command("STARTTLS");
                        wire.startTlsKeepingBuffer();
                        List<String> ehlo = wire.ehlo();
                        assertThat(ehlo).containsExactly("250-evil.test", "250 AUTH PLAIN");
                        wire.command("AUTH PLAIN " + PLAIN_IR);
                        wire.quit();
                    }
                    return Outcome.delivered();
                }),
                TlsCases.tlsRespInjection());
        assertVerdict(
                injected,
                Verdict.FAIL,
                "the client sent AUTH before the real EHLO reply: it took the injected lines for it");
    }

    @Test
    void tls_starttls_last() {
        careful(TlsCases.tlsStarttlsLast());

        CaseResult pipelined = run(
                RawClient.of("pipelines-behind-starttls", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        wire.sendRaw("STARTTLS\r\nEHLO client.test\r\n");
                        wire.reply();
                        wire.startTls(false);
                        wire.ehlo();
                        wire.quit();
                    }
                    return Outcome.delivered();
                }),
                TlsCases.tlsStarttlsLast());
        assertVerdict(
                pipelined,
                Verdict.FAIL,
                "the client sent plaintext after STARTTLS instead of waiting for the 220 and starting TLS");
        assertThat(pipelined.judgement().evidence())
                .contains("S1 violation: 18 octets sent after STARTTLS before the TLS handshake were discarded");
    }

    @Test
    void tls_refused() {
        careful(TlsCases.tlsRefused());

        CaseResult goesOn = run(plaintextAuthAfter("STARTTLS"), TlsCases.tlsRefused());
        assertVerdict(
                goesOn, Verdict.FAIL, "asked to require TLS (profile H), the client sent AUTH or MAIL without TLS");
    }

    @Test
    void tls_refused_with_opportunistic_tls_records_the_policy_and_warns_on_a_password_in_clear() {
        ConformanceCase opportunistic = withSecurity(TlsCases.tlsRefused(), Security.STARTTLS_IF_OFFERED);

        CaseResult result = run(plaintextAuthAfter("STARTTLS"), opportunistic);

        assertVerdict(result, Verdict.WARN, "the client sent a PLAIN or LOGIN password without TLS");
    }

    @Test
    void tls_stripped() {
        careful(TlsCases.tlsStripped());

        CaseResult clear = run(plaintextAuthAfter(null), TlsCases.tlsStripped());
        assertVerdict(
                clear, Verdict.FAIL, "asked to require TLS (profile H), the client sent AUTH or MAIL without TLS");
        assertThat(clear.judgement().evidence()).anyMatch(line -> line.endsWith("C: AUTH PLAIN ****"));
    }

    @Test
    void tls_handshake_fail() {
        CaseResult careful = careful(TlsCases.tlsHandshakeFail());
        assertThat(careful.outcomes()).extracting(Outcome::kind).containsExactly(Outcome.Kind.TLS_FAILED);

        CaseResult fallback = run(
                RawClient.of("clear-after-220", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        wire.command("STARTTLS");
                        wire.send("EHLO client.test");
                    }
                    return Outcome.transientFailure(0, "closed");
                }),
                TlsCases.tlsHandshakeFail());
        assertVerdict(
                fallback,
                Verdict.FAIL,
                "after the 220 to STARTTLS the client sent SMTP in clear instead of a TLS handshake");
        assertThat(fallback.judgement().evidence())
                .contains("S1 violation: plaintext instead of a TLS handshake after the 220 to STARTTLS:"
                        + " \"EHLO client.test\"");
    }

    @Test
    void tls_cert_identity() {
        CaseResult careful = careful(TlsCases.tlsCertIdentity());
        assertThat(careful.judgement().reason()).isEqualTo("the client stopped: the certificate names mx.other.test");

        CaseResult trusting = run(
                afterStartTls("no-name-check", wire -> {
                    wire.ehlo();
                    wire.command("AUTH PLAIN " + PLAIN_IR);
                }),
                TlsCases.tlsCertIdentity());
        assertVerdict(
                trusting,
                Verdict.FAIL,
                "the client sent a PLAIN or LOGIN password although the certificate names mx.other.test");
    }

    @Test
    void tls_no_double() {
        careful(TlsCases.tlsNoDouble());

        CaseResult twice = run(
                afterStartTls("starttls-twice", wire -> {
                    assertThat(ClientConnection.lists(wire.ehlo(), "STARTTLS")).isTrue();
                    wire.command("STARTTLS");
                }),
                TlsCases.tlsNoDouble());
        assertVerdict(twice, Verdict.FAIL, "the client sent STARTTLS again while TLS was active");
    }

    @Test
    void tls_implicit() {
        careful(TlsCases.tlsImplicit());

        CaseResult plaintext = run(
                RawClient.of("plaintext-on-465", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint, endpoint.smtpsPort())) {
                        wire.send("EHLO client.test");
                        wire.reply(); // the server's TLS layer rejects the bytes and closes: this throws
                    }
                    return Outcome.delivered();
                }),
                TlsCases.tlsImplicit());
        assertVerdict(plaintext, Verdict.FAIL, "no TLS handshake on the implicit-TLS port");

        CaseResult abrupt = run(
                RawClient.of("no-close-notify", (endpoint, request, connection) -> {
                    ClientConnection wire = ClientConnection.connectImplicit(endpoint);
                    wire.reply();
                    wire.ehlo();
                    wire.abort();
                    return Outcome.transientFailure(0, "gave up");
                }),
                TlsCases.tlsImplicit());
        assertVerdict(abrupt, Verdict.WARN, "the client closed the connection without a TLS close_notify");

        CaseResult polite = run(
                RawClient.of("close-notify", (endpoint, request, connection) -> {
                    ClientConnection wire = ClientConnection.connectImplicit(endpoint);
                    wire.reply();
                    wire.ehlo();
                    wire.close();
                    return Outcome.transientFailure(0, "gave up");
                }),
                TlsCases.tlsImplicit());
        assertVerdict(polite, Verdict.PASS, "the client started with the TLS handshake and closed with close_notify");
    }

    /** A client that sends AUTH PLAIN and the message in clear, after trying this command (or nothing). */
    private static RawClient plaintextAuthAfter(String tried) {
        return RawClient.of("auth-in-clear", (endpoint, request, connection) -> {
            try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                wire.reply();
                wire.ehlo();
                if (tried != null) {
                    wire.command(tried);
                }
                wire.command("AUTH PLAIN " + PLAIN_IR);
                wire.transaction(request, "");
                wire.quit();
            }
            return Outcome.delivered();
        });
    }

    static ConformanceCase withSecurity(ConformanceCase c, Security security) {
        return new ConformanceCase(
                c.id(),
                c.title(),
                c.phase(),
                c.level(),
                c.rfc(),
                c.rationale(),
                c.server(),
                c.rules(),
                c.request().withSecurity(security),
                c.moreRequests(),
                c.requires(),
                c.oracle(),
                c.slowTierOnly());
    }
}
