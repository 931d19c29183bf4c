package dev.twofifty.conformance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.conformance.cases.TestClient.Fault;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The §2.5 oracles against a careful client (PASS) and a client with the fault each case is about. */
@Timeout(60)
class MailCasesTest {

    static CaseResult run(ConformanceCase conformanceCase, TestClient client) {
        return ConformanceRunner.defaults().run(client, conformanceCase);
    }

    @Test
    void mail_syntax() {
        CaseResult careful = run(MailCases.mailSyntax(), TestClient.careful());
        CaseResult sloppy = run(MailCases.mailSyntax(), TestClient.with(Fault.SLOPPY_MAIL_SYNTAX));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason())
                .isEqualTo("every MAIL was exactly MAIL FROM:<path>, case and quoting kept");
        assertThat(sloppy.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(sloppy.judgement().reason())
                .isEqualTo("MAIL did not carry the sender exactly: \"MAIL FROM: <john.smith@example.com>\" for"
                        + " <John.Smith@Example.COM>; \"MAIL FROM: <>\" for <>; \"MAIL FROM: <\"a b\"@x.test>\" for"
                        + " <\"a b\"@x.test>");
    }

    @Test
    void mail_syntax_does_not_count_a_sender_the_client_refused_itself() {
        TestClient careful = TestClient.careful();
        ClientAdapter withoutNullSender = new ClientAdapter() {
            @Override
            public String name() {
                return "careful, but cannot send the null sender";
            }

            @Override
            public Set<Feature> features() {
                return careful.features();
            }

            @Override
            public List<Outcome> send(Endpoint endpoint, MailRequest request) {
                return request.from().isEmpty()
                        ? List.of(Outcome.localReject("this client cannot send <>"))
                        : careful.send(endpoint, request);
            }
        };

        CaseResult result = ConformanceRunner.defaults().run(withoutNullSender, MailCases.mailSyntax());

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.judgement().evidence()).anyMatch(line -> line.endsWith("C: MAIL FROM:<\"a b\"@x.test>"));
    }

    @Test
    void mail_5xx() {
        CaseResult careful = run(MailCases.mail5xx(), TestClient.careful());
        CaseResult ignoring = run(MailCases.mail5xx(), TestClient.with(Fault.IGNORE_MAIL_REFUSAL));
        CaseResult repeating = run(MailCases.mail5xx(), TestClient.with(Fault.REPEAT_REFUSED_MAIL));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(ignoring.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(ignoring.judgement().reason())
                .isEqualTo("the client went on after MAIL was refused: [S1 RCPT TO:<bob@mx.test> (after 550), S2 RCPT"
                        + " TO:<bob@mx.test> (after 553), S3 RCPT TO:<bob@mx.test> (after 501), S4 RCPT TO:<bob@mx.test>"
                        + " (after 552)]");
        assertThat(repeating.verdict()).isEqualTo(Verdict.WARN);
        assertThat(repeating.judgement().reason())
                .isEqualTo("the client repeated the same MAIL after a permanent failure");
    }

    @Test
    void mail_4xx() {
        CaseResult careful = run(MailCases.mail4xx(), TestClient.careful());
        CaseResult permanent = run(MailCases.mail4xx(), TestClient.with(Fault.FOUR_XX_AS_PERMANENT));
        CaseResult retrying = run(MailCases.mail4xx(), TestClient.with(Fault.REPEAT_REFUSED_MAIL));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.outcomes())
                .extracting(o -> o.label())
                .containsExactly("TRANSIENT(451)", "TRANSIENT(450)", "TRANSIENT(452)", "TRANSIENT(455)");
        assertThat(permanent.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(permanent.judgement().reason())
                .isEqualTo("the client misreported the reply class: 451 reported as PERMANENT(451); 450 reported as"
                        + " PERMANENT(450); 452 reported as PERMANENT(452); 455 reported as PERMANENT(455)");
        assertThat(retrying.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(retrying.judgement().reason())
                .isEqualTo("the client retried at once: [session 1: 2 × MAIL, session 2: 2 × MAIL, session 3: 2 × MAIL,"
                        + " session 4: 2 × MAIL]; retries must be delayed");
    }

    @Test
    void mail_421() {
        CaseResult careful = run(MailCases.mail421(), TestClient.careful());
        CaseResult talking = run(MailCases.mail421(), TestClient.with(Fault.TALK_AFTER_421));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason()).isEqualTo("after the 421 the client sent nothing but QUIT");
        assertThat(talking.verdict()).isEqualTo(Verdict.WARN);
        assertThat(talking.judgement().reason())
                .isEqualTo("after a 421 the client sent [S2 \"RSET\"]; the server is closing, only QUIT makes sense");
    }

    @Test
    void mail_param_rejected() {
        CaseResult careful = run(MailCases.mailParamRejected(), TestClient.careful());
        CaseResult repeating = run(MailCases.mailParamRejected(), TestClient.with(Fault.REPEAT_REFUSED_MAIL));
        CaseResult permanent = run(MailCases.mailParamRejected(), TestClient.with(Fault.FOUR_XX_AS_PERMANENT));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason()).isEqualTo("no transaction commands followed the rejected MAIL");
        assertThat(repeating.verdict()).isEqualTo(Verdict.WARN);
        assertThat(repeating.judgement().reason())
                .isEqualTo("the client repeated the refused MAIL unchanged: [S1 MAIL FROM:<ann@client.test> RET=HDRS,"
                        + " S2 MAIL FROM:<ann@client.test> RET=HDRS, S3 MAIL FROM:<ann@client.test> RET=HDRS]");
        assertThat(permanent.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(permanent.judgement().reason())
                .isEqualTo("the client misreported the refusal: 455 reported as PERMANENT(455)");
    }

    @Test
    void mail_no_negative_cache() {
        CaseResult careful = run(MailCases.mailNoNegativeCache(), TestClient.careful());
        CaseResult caching = run(MailCases.mailNoNegativeCache(), TestClient.with(Fault.NEGATIVE_CACHE));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason())
                .isEqualTo("after the 550 the same sender was tried again on the same and on a new connection"
                        + " (PERMANENT(550), DELIVERED, DELIVERED)");
        assertThat(caching.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(caching.judgement().reason())
                .isEqualTo("the client did not send MAIL again after the 550 for [message 2 on the same connection,"
                        + " message 3 on a new connection]: it cached the rejection");
    }

    @Test
    void cmd_crlf_injection() {
        CaseResult careful = run(MailCases.crlfInjection(), TestClient.careful());
        CaseResult passing = run(MailCases.crlfInjection(), TestClient.with(Fault.PASS_CRLF));
        CaseResult stripping = run(MailCases.crlfInjection(), TestClient.with(Fault.STRIP_CRLF));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.transcript()).isEmpty();
        assertThat(passing.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(passing.judgement().reason())
                .startsWith("a CR or LF from a caller's value reached the server: [RCPT TO:<victim@evil.test>>,");
        assertThat(stripping.verdict()).isEqualTo(Verdict.WARN);
        assertThat(stripping.judgement().reason())
                .isEqualTo("no injection, but the client did not refuse the value: sender: PERMANENT(501); recipient:"
                        + " PERMANENT(501); EHLO name: DELIVERED; DSN RET value: PERMANENT(501)");
    }
}
