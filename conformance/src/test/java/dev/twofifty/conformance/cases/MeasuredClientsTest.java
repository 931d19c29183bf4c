package dev.twofifty.conformance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.ConformanceTests;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Oracles that misjudged real clients in the measured runs of docs/conformance.md ("Results"), each with the
 * client behaviour that showed it: command line clients whose exit status carries no reply code, smtplib's
 * lower-case verbs, msmtp's pipelined MAIL, RCPT and DATA, smtplib's delivery to the accepted recipients, and
 * msmtp's refusal to send a password without TLS.
 */
@Timeout(60)
class MeasuredClientsTest {

    /** The careful client, its outcomes stripped of their codes, as a command line client's exit status is. */
    private static ClientAdapter withoutCodes(ClientAdapter client) {
        return new ClientAdapter() {
            @Override
            public String name() {
                return client.name() + " (exit status only)";
            }

            @Override
            public Set<Feature> features() {
                return client.features();
            }

            @Override
            public List<Outcome> send(Endpoint endpoint, MailRequest request) {
                return client.send(endpoint, request).stream()
                        .map(outcome -> outcome.isDelivered()
                                ? outcome
                                : new Outcome(outcome.kind(), Outcome.NO_CODE, List.of(), outcome.rejected(), ""))
                        .toList();
            }
        };
    }

    private static CaseResult run(ClientAdapter client, dev.twofifty.conformance.ConformanceCase conformanceCase) {
        return ConformanceRunner.defaults().run(client, conformanceCase);
    }

    private static void assertVerdict(CaseResult result, Verdict verdict, String reason) {
        assertThat(result.verdict()).as(ConformanceTests.describe(result)).isEqualTo(verdict);
        assertThat(result.judgement().reason())
                .as(ConformanceTests.describe(result))
                .isEqualTo(reason);
    }

    @Test
    void an_outcome_without_a_code_is_labelled_so_and_not_as_a_lost_connection() {
        assertThat(Outcome.transientFailure(Outcome.NO_CODE, "exit status 75").label())
                .isEqualTo("TRANSIENT(no code)");
        assertThat(Outcome.permanentFailure(Outcome.NO_CODE, "exit status 1").label())
                .isEqualTo("PERMANENT(no code)");
        assertThat(Outcome.transientFailure(0, "EOF").label()).isEqualTo("TRANSIENT(conn-loss)");
        assertThat(Outcome.permanentFailure(Outcome.NO_CODE, "").hasCode()).isFalse();
    }

    /** curl: exit 55 for the refused MAIL, "curl: (55) MAIL failed: 550"; the oracle demanded the code 550. */
    @Test
    void a_refused_sender_in_a_pipelined_group_is_judged_by_the_kind_when_the_client_reports_no_code() {
        CaseResult result = run(withoutCodes(TestSmtpClient.careful()), PipeliningCases.earlyReject());

        assertVerdict(result, Verdict.PASS, "no message content followed the refused MAIL");
        assertThat(result.outcomes()).extracting(Outcome::label).containsExactly("PERMANENT(no code)");
    }

    /** msmtp and send.py: exit 75 after a 421, which is all they can say; no WARN for a missing 421. */
    @Test
    void a_421_reported_as_temporary_without_a_code_is_no_lost_connection() {
        CaseResult withCodes = run(TestSmtpClient.careful(), MailCases.mail421());
        CaseResult withoutCodes = run(withoutCodes(TestSmtpClient.careful()), MailCases.mail421());

        assertThat(withCodes.verdict()).as(ConformanceTests.describe(withCodes)).isEqualTo(Verdict.PASS);
        assertVerdict(withoutCodes, Verdict.PASS, "after the 421 the client sent nothing but QUIT");
    }

    /** Python's smtplib sends "mail FROM:<...>": verbs are not case-sensitive (RFC 5321 §2.4), paths are. */
    @Test
    void mail_syntax_takes_the_verb_in_any_case_and_the_path_exactly() {
        RawClient lowerCase = RawClient.of("lower-case verbs", (endpoint, request, connection) -> {
            try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                wire.reply();
                wire.ehlo();
                int mail = wire.commandCode("mail FROM:<" + request.from() + ">");
                wire.commandCode("rcpt TO:<" + request.to().get(0) + ">");
                wire.commandCode("data");
                wire.sendRaw(request.messageText().replace("\r\n.", "\r\n..") + ".\r\n");
                int end = wire.code();
                wire.quit();
                return mail == 250 && end == 250 ? Outcome.delivered() : Outcome.permanentFailure(end, "refused");
            }
        });
        RawClient lowerCasePath = RawClient.of("lower-case path", (endpoint, request, connection) -> {
            try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                wire.reply();
                wire.ehlo();
                wire.commandCode("mail FROM:<" + request.from().toLowerCase(java.util.Locale.ROOT) + ">");
                wire.quit();
                return Outcome.permanentFailure(0, "stopped");
            }
        });

        assertVerdict(
                run(lowerCase, MailCases.mailSyntax()),
                Verdict.PASS,
                "every MAIL was exactly MAIL FROM:<path>, case and quoting kept");
        CaseResult changedPath = run(lowerCasePath, MailCases.mailSyntax());
        assertThat(changedPath.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(changedPath.judgement().reason())
                .startsWith("MAIL did not carry the sender exactly: \"mail FROM:<john.smith@example.com>\"");
    }

    /**
     * msmtp pipelines MAIL, RCPT and DATA when PIPELINING is offered; its RCPT left before the 550 arrived. The
     * lock-step cases about a refused sender no longer offer PIPELINING (PIPE-EARLY-REJECT is the pipelined one).
     */
    @Test
    void the_refused_sender_cases_are_lock_step() {
        for (var conformanceCase :
                List.of(MailCases.mail5xx(), MailCases.mail4xx(), MailCases.mail421(), MailCases.mailParamRejected())) {
            CaseResult result = run(TestSmtpClient.careful(), conformanceCase);

            assertThat(result.transcript())
                    .as(conformanceCase.id())
                    .anyMatch(line -> line.contains("S: 250"))
                    .noneMatch(line -> line.contains("PIPELINING"));
        }
        assertThat(run(TestSmtpClient.careful(), PipeliningCases.earlyReject()).transcript())
                .anyMatch(line -> line.endsWith("S: 250-PIPELINING"));
    }

    /** smtplib delivers to the 100 accepted recipients; send.py then exits 75 for the 50 refused with 452. */
    @Test
    void too_many_recipients_the_100_delivered_and_the_rest_reported_temporary_passes() {
        RawClient deliversTheAccepted = RawClient.of("delivers to the accepted", (endpoint, request, connection) -> {
            try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                wire.reply();
                wire.ehlo();
                wire.commandCode("MAIL FROM:<" + request.from() + ">");
                int refused = 0;
                for (String recipient : request.to()) {
                    refused += wire.commandCode("RCPT TO:<" + recipient + ">") == 250 ? 0 : 1;
                }
                wire.commandCode("DATA");
                wire.sendRaw(request.messageText().replace("\r\n.", "\r\n..") + ".\r\n");
                wire.code();
                wire.quit();
                return refused == 0
                        ? Outcome.delivered()
                        : Outcome.transientFailure(Outcome.NO_CODE, refused + " recipients refused");
            }
        });

        CaseResult result = run(deliversTheAccepted, RcptCases.tooMany());

        assertVerdict(
                result,
                Verdict.PASS,
                "452: the 100 were delivered, the other 50 reported as temporary (TRANSIENT(no code)); 552: the 100"
                        + " were delivered, the other 50 reported as temporary (TRANSIENT(no code))");
    }

    /** msmtp: "cannot use a secure authentication method" after the EHLO reply, a plain server or not. */
    @Test
    void a_client_that_stops_after_ehlo_without_tls_is_recorded_not_blamed_on_the_keywords() {
        RawClient noPasswordInClear = RawClient.of("no password in clear", (endpoint, request, connection) -> {
            try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                wire.reply();
                wire.ehlo();
                wire.quit();
                return Outcome.permanentFailure(0, "cannot use a secure authentication method");
            }
        });

        assertVerdict(
                run(noPasswordInClear, EhloCases.ehloUnknownKeywords()),
                Verdict.INFO,
                "the client stopped right after the EHLO reply, before AUTH or MAIL: either the reply broke it or it"
                        + " would not send the password over a connection without TLS; its outcome tells which");
        assertThat(run(TestSmtpClient.careful(), EhloCases.ehloUnknownKeywords())
                        .verdict())
                .isEqualTo(Verdict.PASS);
    }

    /** msmtp writes its RCPTs and DATA in one group when PIPELINING is offered, then reads the refusals. */
    @Test
    void a_data_pipelined_with_refused_recipients_is_not_a_data_sent_without_a_recipient() {
        RawClient pipelining = RawClient.of("pipelines RCPT and DATA", (endpoint, request, connection) -> {
            try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                wire.reply();
                wire.ehlo();
                wire.commandCode("MAIL FROM:<" + request.from() + ">");
                StringBuilder group = new StringBuilder();
                request.to()
                        .forEach(recipient ->
                                group.append("RCPT TO:<").append(recipient).append(">\r\n"));
                wire.sendRaw(group.append("DATA\r\n").toString());
                for (int i = 0; i <= request.to().size(); i++) {
                    wire.code();
                }
                wire.quit();
                return Outcome.permanentFailure(550, "every recipient refused");
            }
        });
        RawClient dataAfterRefusals = RawClient.of("DATA after the refusals", (endpoint, request, connection) -> {
            try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                wire.reply();
                wire.ehlo();
                wire.commandCode("MAIL FROM:<" + request.from() + ">");
                for (String recipient : request.to()) {
                    wire.commandCode("RCPT TO:<" + recipient + ">");
                }
                wire.commandCode("DATA");
                wire.quit();
                return Outcome.permanentFailure(550, "every recipient refused");
            }
        });

        CaseResult pipelined = run(pipelining, RcptCases.allRejected());
        assertThat(pipelined.verdict()).as(ConformanceTests.describe(pipelined)).isEqualTo(Verdict.PASS);
        CaseResult lockStep = run(dataAfterRefusals, RcptCases.allRejected());
        assertThat(lockStep.verdict()).isEqualTo(Verdict.WARN);
        assertThat(lockStep.judgement().reason())
                .isEqualTo("the client sent DATA although every recipient was refused ([S1, S2])");
    }

    /** msmtp sends no AUTH at all here: it will not send PLAIN or LOGIN over a connection without TLS. */
    @Test
    void no_auth_sent_means_no_454_to_judge() {
        RawClient noAuth = RawClient.of("no AUTH in clear", (endpoint, request, connection) -> {
            try (ClientConnection wire = ClientConnection.connect(endpoint)) {
                wire.reply();
                wire.ehlo();
                wire.quit();
                return Outcome.permanentFailure(Outcome.NO_CODE, "cannot use a secure authentication method");
            }
        });

        assertVerdict(run(noAuth, AuthCases.auth454Temp()), Verdict.NOT_APPLICABLE, "the client never got the 454");
    }
}
