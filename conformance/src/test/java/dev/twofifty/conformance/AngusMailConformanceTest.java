package dev.twofifty.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.adapters.AngusMailAdapter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * Angus Mail through the JUnit entry point (hardened profile: every case must pass or be N/A, apart from the
 * findings below, each pinned with its reason and evidence), and the published verdicts of its default profile,
 * which are findings about Angus, not about TwoFifty.
 */
class AngusMailConformanceTest {

    /**
     * What Angus 2.0.5 does in both profiles (the hardened settings do not touch these paths); each was checked
     * against the transcript.
     */
    private static final Map<String, Verdict> FINDINGS_IN_BOTH_PROFILES = Map.of(
            // "S2 6 ms S: 421 4.3.2 Service shutting down" then "S2 7 ms C: RCPT TO:<third@mx.test>": Angus sends the
            // next RCPT after a 421 and reports TRANSIENT(conn-loss) instead of the 421.
            "RCPT-421", Verdict.FAIL,
            // "C: MAIL FROM:<ann@client.test>" then "[message content: 190 octets]" with 8-bit octets, 8BITMIME not
            // offered: a prepared message with an 8-bit body is sent as it is (INV-07).
            "DATA-8BIT-NO-8BITMIME", Verdict.FAIL,
            // The same with 8BITMIME offered: Angus never sends BODY=8BITMIME (SMTPTransport has no such string).
            "DATA-8BITMIME-DECLARED", Verdict.FAIL,
            // "BDAT 64" and "BDAT 60 LAST" for a 120-octet message; the journal shows "..first body line": the BDAT
            // stream extends SMTPOutputStream and dot-stuffs, and the receiver does not unstuff BDAT content.
            "BDAT-FRAMING", Verdict.FAIL,
            // "S2 S: 421 4.3.2 Service shutting down" then "S2 C: RSET": Angus resets after any refused MAIL.
            "MAIL-421", Verdict.WARN,
            // The same after a 421 to the end of data.
            "EOD-421", Verdict.WARN,
            // "S: 452 4.5.3 Too many recipients" for r101..r150, then RSET and TRANSIENT(452) for all 150: without
            // mail.smtp.sendpartial Angus sends nothing when any recipient fails.
            "RCPT-TOO-MANY", Verdict.WARN,
            // "[message content: 4567 octets]" with a 2000-octet line (INV-08): a prepared message is sent as it is.
            "DATA-LINE-LENGTH", Verdict.WARN,
            // "S1 S: 452 4.3.1 Insufficient system storage" then "-- connection closed (CLIENT_CLOSE)": after a
            // refused chunk Angus drops the connection without RSET or QUIT (INV-10).
            "BDAT-FAILURE-STOP", Verdict.WARN);

    /**
     * §2.2–2.4: Angus 2.0.5 fails these in both profiles (hardened changes only STARTTLS-required, identity
     * checks and QUIT on a rejected greeting); the reason and one deciding evidence line of each.
     */
    static final Map<String, List<String>> EHLO_TLS_AUTH_FAILS = Map.of(
            "EHLO-REFUSED",
            List.of(
                    "after the 421 to EHLO the client went on with HELO; the client reported DELIVERED for message 1"
                            + " but TRANSIENT (421) is required",
                    "C: HELO client.test"),
            "TLS-REEHLO-FAILS",
            List.of(
                    "after the refused post-TLS EHLO the client went on with the pre-TLS capabilities",
                    "C: AUTH LOGIN   <- AUTH before a successful EHLO or HELO, AUTH without a greeting"),
            "TLS-REFUSED",
            List.of("the client closed without QUIT in [session 1]", "S: 454 4.7.0 TLS not available"),
            "AUTH-IR-RULES",
            List.of(
                    "the client sent an initial response that took the AUTH line over 512 octets",
                    "S1 violation: an AUTH line of 557 octets, over the 512 of RFC 5321 §4.5.3.1.4 (RFC 4954 §4:"
                            + " no initial response then)"),
            "AUTH-CHALLENGE-INVALID",
            List.of(
                    "the client answered a challenge that is not base64 instead of cancelling with '*'",
                    "C: ****   <- not '*'"),
            "AUTH-535",
            List.of("the client closed without QUIT in [session 1]", "S: 535 5.7.8 Authentication credentials invalid"),
            "AUTH-REQUIRED-530",
            List.of(
                    "(c) after the 530 the client started TLS and sent AUTH without EHLO",
                    "S: 503 Bad sequence of commands: send EHLO or HELO first"));

    /** The ids of the §2.2–2.4 cases, all of which Angus passes unless listed above. */
    static final Set<String> EHLO_TLS_AUTH = Set.of(
            "EHLO-FIRST",
            "EHLO-ARG-SYNTAX",
            "EHLO-FALLBACK-HELO",
            "EHLO-KEYWORD-CASE",
            "EHLO-UNKNOWN-KEYWORDS",
            "EHLO-REFUSED",
            "EHLO-NO-STALE-CACHE",
            "TLS-REEHLO",
            "TLS-CAPS-REPLACED",
            "TLS-REEHLO-FAILS",
            "TLS-RESP-INJECTION",
            "TLS-STARTTLS-LAST",
            "TLS-REFUSED",
            "TLS-STRIPPED",
            "TLS-HANDSHAKE-FAIL",
            "TLS-CERT-IDENTITY",
            "TLS-NO-DOUBLE",
            "TLS-IMPLICIT",
            "AUTH-NOT-BEFORE-TLS",
            "AUTH-MECH-CHOICE",
            "AUTH-IR-RULES",
            "AUTH-334-EMPTY",
            "AUTH-CHALLENGE-INVALID",
            "AUTH-535",
            "AUTH-454-TEMP",
            "AUTH-MECH-REJECTED",
            "AUTH-ORDER",
            "AUTH-REQUIRED-530");

    @TestFactory
    Stream<DynamicTest> hardened_angus_mail_conforms(TestReporter reporter) {
        List<ConformanceCase> cases = Catalogue.all().stream()
                .filter(c -> !FINDINGS_IN_BOTH_PROFILES.containsKey(c.id()))
                .filter(c -> !EHLO_TLS_AUTH_FAILS.containsKey(c.id()))
                .toList();
        return ConformanceTests.forClient(new AngusMailAdapter(AngusMailAdapter.Profile.HARDENED))
                .cases(cases)
                .reportingTo(reporter::publishEntry)
                .dynamicTests();
    }

    @Test
    @Timeout(60)
    void hardened_angus_mail_fails_these_ehlo_tls_and_auth_cases_for_real() {
        List<ConformanceCase> cases = Catalogue.all().stream()
                .filter(c -> EHLO_TLS_AUTH_FAILS.containsKey(c.id()))
                .toList();

        ConformanceReport report =
                ConformanceRunner.defaults().run(new AngusMailAdapter(AngusMailAdapter.Profile.HARDENED), cases);

        assertThat(report.results()).hasSize(EHLO_TLS_AUTH_FAILS.size());
        assertFindings(report, EHLO_TLS_AUTH_FAILS);
    }

    @Test
    @Timeout(120)
    void hardened_angus_mail_findings() {
        ConformanceReport report = ConformanceRunner.defaults()
                .run(
                        new AngusMailAdapter(AngusMailAdapter.Profile.HARDENED),
                        Catalogue.all().stream()
                                .filter(c -> FINDINGS_IN_BOTH_PROFILES.containsKey(c.id()))
                                .toList());

        assertThat(verdicts(report)).containsExactlyInAnyOrderEntriesOf(FINDINGS_IN_BOTH_PROFILES);
        assertFindingReasons(report);
    }

    @Test
    @Timeout(120)
    void angus_mail_with_its_defaults() {
        ConformanceReport report = ConformanceRunner.defaults()
                .run(new AngusMailAdapter(AngusMailAdapter.Profile.DEFAULTS), Catalogue.all());

        Map<String, Verdict> expected = new HashMap<>(FINDINGS_IN_BOTH_PROFILES);
        // Angus closes without QUIT after a 554 greeting unless mail.smtp.quitonsessionreject is set.
        expected.put("GREET-554", Verdict.FAIL);
        assertThat(report.result("GREET-554").orElseThrow().judgement().reason())
                .isEqualTo("the client closed without QUIT in [session 1]");
        Map<String, Verdict> verdicts = verdicts(report);
        assertThat(verdicts).containsAllEntriesOf(expected);
        assertThat(verdicts.keySet()).containsAll(EHLO_TLS_AUTH);
        assertFindings(report, EHLO_TLS_AUTH_FAILS);
        assertThat(verdicts.entrySet())
                .filteredOn(entry -> !expected.containsKey(entry.getKey()))
                .filteredOn(entry -> !EHLO_TLS_AUTH_FAILS.containsKey(entry.getKey()))
                .allSatisfy(
                        entry -> assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(Verdict.PASS));
        assertFindingReasons(report);
    }

    private static Map<String, Verdict> verdicts(ConformanceReport report) {
        return report.results().stream().collect(Collectors.toMap(CaseResult::id, CaseResult::verdict));
    }

    private static void assertFindingReasons(ConformanceReport report) {
        assertThat(reason(report, "RCPT-421"))
                .isEqualTo("after a 421 the client went on with [S2 \"RCPT TO:<third@mx.test>\"]");
        assertThat(reason(report, "DATA-8BIT-NO-8BITMIME"))
                .isEqualTo("the client sent 8-bit content to a server that does not offer 8BITMIME");
        assertThat(reason(report, "DATA-8BITMIME-DECLARED"))
                .isEqualTo("the client sent 8-bit content without BODY=8BITMIME");
        assertThat(reason(report, "BDAT-FRAMING"))
                .isEqualTo("the BDAT framing was wrong: line 5: sent \".first body line starts with a dot\", received"
                        + " \"..first body line starts with a dot\"");
        assertThat(reason(report, "MAIL-421"))
                .isEqualTo("after a 421 the client sent [S2 \"RSET\"]; the server is closing, only QUIT makes sense");
        assertThat(reason(report, "EOD-421"))
                .isEqualTo("after a 421 the client sent [S2 \"RSET\"]; the server is closing, only QUIT makes sense");
        assertThat(reason(report, "RCPT-TOO-MANY"))
                .isEqualTo("after 452 for recipients over 100 the client gave up on all 150 (TRANSIENT(452)); it should"
                        + " send the 100 and the rest in another transaction; after 552 for recipients over 100 the"
                        + " client gave up on all 150 (TRANSIENT(552)); it should send the 100 and the rest in another"
                        + " transaction");
        assertThat(reason(report, "DATA-LINE-LENGTH"))
                .isEqualTo("the client sent text lines over 1000 octets instead of encoding or refusing them: [session"
                        + " 1: message content has a line longer than 1000 octets, session 2: message content has a"
                        + " line longer than 1000 octets]");
        assertThat(reason(report, "BDAT-FAILURE-STOP"))
                .isEqualTo("after the failed chunk the client sent no RSET or QUIT ([session 1: nothing, session 2:"
                        + " nothing, session 3: nothing])");
    }

    private static String reason(ConformanceReport report, String id) {
        return report.result(id).orElseThrow().judgement().reason();
    }

    /** Each listed case is a FAIL with this reason and an evidence line ending with the given text. */
    private static void assertFindings(ConformanceReport report, Map<String, List<String>> findings) {
        findings.forEach((id, expected) -> {
            CaseResult result = report.result(id).orElseThrow();
            assertThat(result.verdict()).as(id).isEqualTo(Verdict.FAIL);
            assertThat(result.judgement().reason()).as(id).isEqualTo(expected.get(0));
            assertThat(result.judgement().evidence())
                    .as("%s evidence", id)
                    .anyMatch(line -> line.endsWith(expected.get(1)));
        });
    }
}
