package dev.twofifty.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.adapters.AngusMailAdapter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Angus Mail through the JUnit entry point (hardened profile: every case must pass or be N/A, except the
 * findings listed below), and the published verdicts of its default profile, which are findings about
 * Angus, not about TwoFifty. Each finding was checked against its transcript; the evidence is quoted.
 */
@Execution(ExecutionMode.CONCURRENT)
class AngusMailConformanceTest {

    /** A verdict other than PASS, with its exact reason. */
    record Expected(Verdict verdict, String reason) {}

    /**
     * What Angus 2.0.5 does in both profiles: the hardened settings (STARTTLS required, identity checks, QUIT on a
     * rejected greeting) do not touch these paths.
     */
    private static final Map<String, Expected> FINDINGS_IN_BOTH_PROFILES = findingsInBothProfiles();

    /** For some findings, the end of one evidence line that decides it. */
    private static final Map<String, String> DECIDING_EVIDENCE = Map.of(
            "EHLO-REFUSED", "C: HELO client.test",
            "TLS-REEHLO-FAILS", "C: AUTH LOGIN   <- AUTH before a successful EHLO or HELO, AUTH without a greeting",
            "TLS-REFUSED", "S: 454 4.7.0 TLS not available",
            "AUTH-IR-RULES",
                    "S1 violation: an AUTH line of 557 octets, over the 512 of RFC 5321 §4.5.3.1.4 (RFC 4954 §4:"
                            + " no initial response then)",
            "AUTH-CHALLENGE-INVALID", "C: ****   <- not '*'",
            "AUTH-535", "S: 535 5.7.8 Authentication credentials invalid",
            "AUTH-REQUIRED-530", "S: 503 Bad sequence of commands: send EHLO or HELO first");

    private static Map<String, Expected> findingsInBothProfiles() {
        Map<String, Expected> findings = new LinkedHashMap<>();
        // §2.2: after "421" to EHLO Angus falls back to HELO on the closing connection.
        findings.put(
                "EHLO-REFUSED",
                fail("after the 421 to EHLO the client went on with HELO; the client reported DELIVERED for message 1"
                        + " but TRANSIENT (421) is required"));
        // §2.3: a refused EHLO after STARTTLS does not stop Angus; it authenticates with what it learnt in clear.
        findings.put(
                "TLS-REEHLO-FAILS",
                fail("after the refused post-TLS EHLO the client went on with the pre-TLS capabilities"));
        findings.put("TLS-REFUSED", fail("the client closed without QUIT in [session 1]"));
        // §2.4: AUTH PLAIN with an initial response even when it takes the line over 512 octets.
        findings.put(
                "AUTH-IR-RULES", fail("the client sent an initial response that took the AUTH line over 512 octets"));
        findings.put(
                "AUTH-CHALLENGE-INVALID",
                fail("the client answered a challenge that is not base64 instead of cancelling with '*'"));
        findings.put("AUTH-535", fail("the client closed without QUIT in [session 1]"));
        findings.put("AUTH-REQUIRED-530", fail("(c) after the 530 the client started TLS and sent AUTH without EHLO"));
        // "S2 6 ms S: 421 4.3.2 Service shutting down" then "S2 7 ms C: RCPT TO:<third@mx.test>": Angus sends the next
        // RCPT after a 421 and reports TRANSIENT(conn-loss) instead of the 421.
        findings.put("RCPT-421", fail("after a 421 the client went on with [S2 \"RCPT TO:<third@mx.test>\"]"));
        // "C: MAIL FROM:<ann@client.test>" then "[message content: 190 octets]" with 8-bit octets, 8BITMIME not
        // offered: a prepared message with an 8-bit body is sent as it is (INV-07).
        findings.put(
                "DATA-8BIT-NO-8BITMIME",
                fail("the client sent 8-bit content to a server that does not offer 8BITMIME"));
        // The same with 8BITMIME offered: Angus never sends BODY=8BITMIME (SMTPTransport has no such string).
        findings.put("DATA-8BITMIME-DECLARED", fail("the client sent 8-bit content without BODY=8BITMIME"));
        // "BDAT 64" and "BDAT 60 LAST" for a 120-octet message; the journal shows "..first body line": the BDAT
        // stream extends SMTPOutputStream and dot-stuffs, and the receiver does not unstuff BDAT content.
        findings.put(
                "BDAT-FRAMING",
                fail("the BDAT framing was wrong: line 5: sent \".first body line starts with a dot\", received"
                        + " \"..first body line starts with a dot\""));
        // "S2 S: 421 4.3.2 Service shutting down" then "S2 C: RSET": Angus resets after any refused MAIL.
        findings.put(
                "MAIL-421",
                warn("after a 421 the client sent [S2 \"RSET\"]; the server is closing, only QUIT makes sense"));
        // The same after a 421 to the end of data.
        findings.put(
                "EOD-421",
                warn("after a 421 the client sent [S2 \"RSET\"]; the server is closing, only QUIT makes sense"));
        // "S: 452 4.5.3 Too many recipients" for r101..r150, then RSET and TRANSIENT(452) for all 150: without
        // mail.smtp.sendpartial Angus sends nothing when any recipient fails.
        findings.put(
                "RCPT-TOO-MANY",
                warn("after 452 for recipients over 100 the client gave up on all 150 (TRANSIENT(452)); it should"
                        + " send the 100 and the rest in another transaction; after 552 for recipients over 100 the"
                        + " client gave up on all 150 (TRANSIENT(552)); it should send the 100 and the rest in another"
                        + " transaction"));
        // "[message content: 4567 octets]" with a 2000-octet line (INV-08): a prepared message is sent as it is.
        findings.put(
                "DATA-LINE-LENGTH",
                warn("the client sent text lines over 1000 octets instead of encoding or refusing them: [session"
                        + " 1: message content has a line longer than 1000 octets, session 2: message content has a"
                        + " line longer than 1000 octets]"));
        // "S1 S: 452 4.3.1 Insufficient system storage" then "-- connection closed (CLIENT_CLOSE)": after a refused
        // chunk Angus drops the connection without RSET or QUIT (INV-10).
        findings.put(
                "BDAT-FAILURE-STOP",
                warn("after the failed chunk the client sent no RSET or QUIT ([session 1: nothing, session 2:"
                        + " nothing, session 3: nothing])"));
        // S: 421 4.3.0 to RSET, then C: NOOP / S: 250 / C: MAIL FROM:<ann@client.test> / S: 503 5.5.1 on the same
        // connection: Angus sends RSET accepting any reply, ignores the 421 and its isConnected() NOOP reuses the
        // connection (the server here closes only once the client falls silent).
        findings.put(
                "TXN-RSET-REFUSED",
                fail("after the 421 to RSET the client went on with [NOOP, MAIL FROM:<ann@client.test>, RSET] on"
                        + " the same connection; after the refused RSET the client reported the second"
                        + " message as PERMANENT(503), but a 421 is temporary: TRANSIENT or a delivery on a"
                        + " new connection is required"));
        findings.put(
                "TMO-MINIMUMS",
                new Expected(
                        Verdict.NOT_APPLICABLE,
                        "the case runs only in the slow tier, with the real RFC timers (TimeScale.REAL); this run is"
                                + " scaled by 0.01"));
        // C: [message content: 51258 octets] / S: 552 5.3.4 after EHLO advertised SIZE 10000: Angus neither declares
        // SIZE= nor compares the message with the limit.
        findings.put(
                "SIZE-LIMIT", warn("the client transferred 51258 octets although the server advertised SIZE 10000"));
        findings.put("SIZE-DECLARED", new Expected(Verdict.NOT_APPLICABLE, "the client did not declare SIZE="));
        // No SMTPUTF8 in the EHLO reply, then C: MAIL FROM:<jörg@example.test> / S: 553 5.6.7: with
        // mail.mime.allowutf8 (which the adapter sets for non-ASCII addresses) Angus only logs that the server lacks
        // SMTPUTF8 and sends the address raw.
        findings.put(
                "UTF8-NOT-OFFERED",
                fail("the client sent the internationalised address without SMTPUTF8: MAIL FROM:<jörg@example.test>"));
        // C: MAIL FROM:<jörg@example.test> SMTPUTF8, then 203 octets of content with UTF-8 headers (INV-07: 8-bit
        // octets without BODY=8BITMIME); the 553 5.6.7 of the second message is reported as PERMANENT(553).
        findings.put(
                "UTF8-OFFERED",
                warn("the 8-bit message was sent without BODY=8BITMIME: MAIL FROM:<jörg@example.test> SMTPUTF8"));
        // S: 252 to MAIL → PERMANENT(252); S: 359 to DATA → Angus sends RSET (read as message content) and times out
        // after 3 s; S: 299 after the data → PERMANENT(299) although the message was accepted. Angus expects exactly
        // 250 and 354 there (259 to RCPT and 459/559 after the data are handled by class).
        findings.put(
                "REPLY-UNKNOWN-CODE",
                fail("the client did not act on the first digit of unlisted codes: MAIL 252 (message 1):"
                        + " PERMANENT(252) instead of DELIVERED; DATA 359 (message 3): TRANSIENT(conn-loss)"
                        + " instead of DELIVERED; end of data 299 (message 4): PERMANENT(299) instead of"
                        + " DELIVERED"));
        // S: "250 2.0.0 queu" without CRLF, then the server closes: Angus reports DELIVERED for a reply line the
        // close cut off (the other malformed replies, 600 nope / 25O / abc / a 199 greeting, fail cleanly).
        findings.put(
                "REPLY-MALFORMED",
                warn("the client reported success after a malformed reply: [message 4 (250 2.0.0 queu)]"));
        findings.put("REPLY-BARE-LF", new Expected(Verdict.INFO, "the client accepted replies ended by a bare LF"));
        return findings;
    }

    @TestFactory
    Stream<DynamicTest> hardened_angus_mail_conforms(TestReporter reporter) {
        List<ConformanceCase> cases = Catalogue.all().stream()
                .filter(conformanceCase -> !FINDINGS_IN_BOTH_PROFILES.containsKey(conformanceCase.id())
                        || FINDINGS_IN_BOTH_PROFILES.get(conformanceCase.id()).verdict() == Verdict.NOT_APPLICABLE)
                .toList();
        return ConformanceTests.forClient(new AngusMailAdapter(AngusMailAdapter.Profile.HARDENED))
                .cases(cases)
                .reportingTo(reporter::publishEntry)
                .dynamicTests();
    }

    @Test
    @Timeout(180)
    void hardened_angus_mail_findings_are_the_known_ones() {
        List<ConformanceCase> cases = Catalogue.all().stream()
                .filter(conformanceCase -> FINDINGS_IN_BOTH_PROFILES.containsKey(conformanceCase.id()))
                .toList();

        ConformanceReport report =
                ConformanceRunner.defaults().run(new AngusMailAdapter(AngusMailAdapter.Profile.HARDENED), cases);

        assertThat(outcomes(report)).containsExactlyInAnyOrderEntriesOf(FINDINGS_IN_BOTH_PROFILES);
        DECIDING_EVIDENCE.forEach((id, evidence) -> assertThat(
                        report.result(id).orElseThrow().judgement().evidence())
                .as("%s evidence", id)
                .anyMatch(line -> line.endsWith(evidence)));
    }

    @Test
    @Timeout(240)
    void angus_mail_with_its_defaults_has_these_findings_and_passes_everything_else() {
        ConformanceReport report = ConformanceRunner.defaults()
                .run(new AngusMailAdapter(AngusMailAdapter.Profile.DEFAULTS), Catalogue.all());

        Map<String, Expected> expected = new LinkedHashMap<>();
        // Angus closes without QUIT after a 554 greeting unless mail.smtp.quitonsessionreject is set.
        expected.put("GREET-554", fail("the client closed without QUIT in [session 1]"));
        expected.putAll(FINDINGS_IN_BOTH_PROFILES);
        Map<String, Expected> notPassed = outcomes(report).entrySet().stream()
                .filter(entry -> entry.getValue().verdict() != Verdict.PASS)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        assertThat(notPassed).containsExactlyInAnyOrderEntriesOf(expected);
    }

    private static Expected fail(String reason) {
        return new Expected(Verdict.FAIL, reason);
    }

    private static Expected warn(String reason) {
        return new Expected(Verdict.WARN, reason);
    }

    private static Map<String, Expected> outcomes(ConformanceReport report) {
        Map<String, Expected> outcomes = new LinkedHashMap<>();
        for (CaseResult result : report.results()) {
            outcomes.put(
                    result.id(),
                    new Expected(result.verdict(), result.judgement().reason()));
        }
        return outcomes;
    }
}
