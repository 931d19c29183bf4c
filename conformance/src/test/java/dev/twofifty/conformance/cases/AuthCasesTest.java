package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.EhloCasesTest.assertVerdict;
import static dev.twofifty.conformance.cases.EhloCasesTest.careful;
import static dev.twofifty.conformance.cases.EhloCasesTest.run;
import static dev.twofifty.conformance.cases.TlsCasesTest.PLAIN_IR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The §2.4 oracles: the careful client passes, a faulty one gets the case's verdict. */
@Timeout(30)
class AuthCasesTest {

    /** The careful client preferring LOGIN (as Angus does), so that the server's challenges are seen. */
    private static CaseResult carefulWithLogin(ConformanceCase conformanceCase) {
        CaseResult result = run(CarefulClient.preferring("LOGIN", "PLAIN"), conformanceCase);
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

    /** A client that greets with EHLO, then runs the steps, then QUIT. */
    private static RawClient afterEhlo(String name, ClientConnection.Step steps) {
        return RawClient.of(name, (endpoint, request, connection) -> {
            try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                wire.reply();
                wire.ehlo();
                steps.run(wire);
                wire.quit();
            }
            return Outcome.delivered();
        });
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void auth_not_before_tls() {
        careful(AuthCases.authNotBeforeTls());

        CaseResult early = run(
                afterEhlo("auth-first", wire -> {
                    wire.command("AUTH PLAIN " + PLAIN_IR);
                    wire.command("STARTTLS");
                    wire.startTls(false);
                    wire.ehlo();
                }),
                AuthCases.authNotBeforeTls());
        assertVerdict(early, Verdict.FAIL, "the client sent AUTH before STARTTLS");
        assertThat(early.judgement().evidence()).anyMatch(line -> line.endsWith("C: AUTH PLAIN ****"));
    }

    @Test
    void auth_mech_choice() {
        CaseResult careful = careful(AuthCases.authMechChoice());
        assertThat(careful.judgement().reason()).isEqualTo("the client chose from X-UNKNOWN CRAM-MD5 PLAIN");

        CaseResult login =
                run(afterEhlo("login-anyway", wire -> wire.command("AUTH LOGIN")), AuthCases.authMechChoice());
        assertVerdict(login, Verdict.FAIL, "the client used a mechanism the server did not advertise");
        assertThat(login.judgement().evidence())
                .anyMatch(
                        line -> line.endsWith("C: AUTH LOGIN   <- AUTH LOGIN not among [CRAM-MD5, PLAIN, X-UNKNOWN]"));
    }

    @Test
    void auth_ir_rules() {
        careful(AuthCases.authIrRules());

        String response = b64("\0ann\0" + AuthCases.LONG_PASSWORD);
        CaseResult longLine =
                run(afterEhlo("always-ir", wire -> wire.command("AUTH PLAIN " + response)), AuthCases.authIrRules());
        assertVerdict(
                longLine, Verdict.FAIL, "the client sent an initial response that took the AUTH line over 512 octets");
        assertThat(longLine.judgement().evidence())
                .contains("S1 violation: an AUTH line of 553 octets, over the 512 of RFC 5321 §4.5.3.1.4 (RFC 4954"
                        + " §4: no initial response then)");
    }

    @Test
    void auth_334_empty() {
        carefulWithLogin(AuthCases.auth334Empty());

        CaseResult ignores = run(
                afterEhlo("334-is-final", wire -> {
                    wire.command("AUTH LOGIN");
                    wire.transaction(ConformanceCase.STANDARD_REQUEST, "");
                }),
                AuthCases.auth334Empty());
        assertVerdict(ignores, Verdict.FAIL, "the client did not answer an empty challenge with a response");
        assertThat(ignores.judgement().evidence())
                .anyMatch(line -> line.endsWith("C: ****   <- not a response (no 235 followed)"));
    }

    @Test
    void auth_334_empty_is_not_applicable_to_a_client_using_an_initial_response() {
        CaseResult result = run(CarefulClient.client(), AuthCases.auth334Empty());

        assertVerdict(
                result,
                Verdict.NOT_APPLICABLE,
                "the client never got the challenge (it chose a mechanism without one)");
    }

    @Test
    void auth_challenge_invalid() {
        CaseResult careful = carefulWithLogin(AuthCases.authChallengeInvalid());
        assertThat(careful.judgement().evidence()).anyMatch(line -> line.endsWith("C: *"));

        CaseResult blind = run(
                afterEhlo("blind-login", wire -> {
                    wire.command("AUTH LOGIN");
                    wire.command(b64("ann"));
                    wire.command(b64("secret"));
                }),
                AuthCases.authChallengeInvalid());
        assertVerdict(
                blind,
                Verdict.FAIL,
                "the client answered a challenge that is not base64 instead of cancelling with '*'");
        assertThat(blind.judgement().evidence())
                .anyMatch(line -> line.endsWith("S: 334 VXNlc!!!"))
                .anyMatch(line -> line.endsWith("C: ****   <- not '*'"));
    }

    @Test
    void auth_535() {
        CaseResult careful = careful(AuthCases.auth535());
        assertThat(careful.outcomes()).extracting(Outcome::label).containsExactly("AUTH_FAILED(perm)");

        CaseResult star = run(
                RawClient.of("star-after-535", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        wire.command("AUTH PLAIN " + PLAIN_IR);
                        wire.command("*");
                    }
                    return Outcome.authFailed(false, 535, "refused");
                }),
                AuthCases.auth535());
        assertVerdict(
                star,
                Verdict.FAIL,
                "the client sent '*' after the final 535; the client closed without QUIT in [session 1]");
    }

    @Test
    void auth_454_temp() {
        CaseResult careful = careful(AuthCases.auth454Temp());
        assertThat(careful.outcomes()).extracting(Outcome::label).containsExactly("AUTH_FAILED(temp)");

        CaseResult asksAgain = run(
                RawClient.of("asks-for-password", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        wire.command("AUTH PLAIN " + PLAIN_IR);
                        wire.command("AUTH PLAIN " + b64("\0ann\0another"));
                        wire.quit();
                    }
                    return Outcome.authFailed(false, 454, "bad credentials");
                }),
                AuthCases.auth454Temp());
        assertVerdict(
                asksAgain,
                Verdict.WARN,
                "the client reported AUTH_FAILED(perm), not AUTH_FAILED(temp); the client retried AUTH after the"
                        + " temporary failure");
    }

    @Test
    void auth_mech_rejected() {
        CaseResult careful = careful(AuthCases.authMechRejected());
        assertThat(careful.judgement().reason()).isEqualTo("after the 534 to PLAIN the client did not try PLAIN again");

        CaseResult again = run(
                afterEhlo("same-again", wire -> {
                    wire.command("AUTH PLAIN " + PLAIN_IR);
                    wire.command("AUTH PLAIN " + PLAIN_IR);
                }),
                AuthCases.authMechRejected());
        assertVerdict(again, Verdict.WARN, "the client tried PLAIN again after the 534");
    }

    @Test
    void auth_order() {
        careful(AuthCases.authOrder());

        CaseResult inTransaction = run(
                afterEhlo("auth-twice", wire -> {
                    wire.command("AUTH PLAIN " + PLAIN_IR);
                    wire.command("MAIL FROM:<ann@client.test>");
                    wire.command("AUTH PLAIN " + PLAIN_IR);
                    wire.command("RSET");
                }),
                AuthCases.authOrder());
        assertVerdict(inTransaction, Verdict.FAIL, "the client broke the AUTH ordering rules");
        assertThat(inTransaction.judgement().evidence())
                .anyMatch(line -> line.endsWith("C: AUTH PLAIN ****   <- a second AUTH after 235"))
                .anyMatch(line -> line.endsWith("C: AUTH PLAIN ****   <- AUTH inside a mail transaction"));
    }

    @Test
    void auth_required_530() {
        CaseResult careful = careful(AuthCases.authRequired530());
        assertThat(careful.outcomes()).extracting(Outcome::label).containsExactly("AUTH_FAILED(perm)", "DELIVERED");

        CaseResult noReEhlo = run(
                RawClient.of("auth-after-tls-without-ehlo", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        if (connection == 1) {
                            int code = wire.transaction(request, "");
                            wire.quit();
                            return Outcome.permanentFailure(code, "refused");
                        }
                        wire.command("AUTH PLAIN " + PLAIN_IR);
                        wire.command("STARTTLS");
                        wire.startTls(true);
                        wire.command("AUTH PLAIN " + PLAIN_IR);
                        wire.quit();
                    }
                    return Outcome.authFailed(false, 503, "refused");
                }),
                AuthCases.authRequired530());
        assertVerdict(noReEhlo, Verdict.FAIL, "(c) after the 530 the client started TLS and sent AUTH without EHLO");
        assertThat(noReEhlo.judgement().evidence())
                .anyMatch(line -> line.endsWith("S: 530 5.7.0 Must issue a STARTTLS command first"));
    }

    @Test
    void auth_required_530_warns_when_mail_goes_out_unauthenticated() {
        CaseResult unauthenticated = run(
                RawClient.of("mails-anyway", (endpoint, request, connection) -> {
                    try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                        wire.reply();
                        wire.ehlo();
                        int code = wire.transaction(request, "");
                        wire.quit();
                        return Outcome.permanentFailure(code, "refused");
                    }
                }),
                AuthCases.authRequired530());
        assertVerdict(
                unauthenticated,
                Verdict.WARN,
                "(a) the client mailed unauthenticated although credentials were configured");
    }
}
