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

/**
 * Angus Mail through the JUnit entry point (hardened profile: every case must pass or be N/A, except the
 * findings listed below), and the published verdicts of its default profile, which are findings about
 * Angus, not about TwoFifty. Each finding was checked against its transcript; the evidence is quoted.
 */
class AngusMailConformanceTest {

    /** A verdict other than PASS, with its exact reason. */
    record Expected(Verdict verdict, String reason) {}

    /**
     * Findings of catalogue §2.9–§2.14 that hold for both profiles: the hardened configuration has no
     * setting that changes them.
     */
    private static final Map<String, Expected> FINDINGS_IN_BOTH_PROFILES = findingsInBothProfiles();

    private static Map<String, Expected> findingsInBothProfiles() {
        Map<String, Expected> findings = new LinkedHashMap<>();
        // S: 421 4.3.0 to RSET, then C: NOOP / S: 250 / C: MAIL FROM:<ann@client.test> / S: 503 5.5.1 on the same
        // connection: Angus sends RSET accepting any reply, ignores the 421 and its isConnected() NOOP reuses the
        // connection (the server here closes only once the client falls silent).
        findings.put(
                "TXN-RSET-REFUSED",
                new Expected(
                        Verdict.FAIL,
                        "after the 421 to RSET the client went on with [NOOP, MAIL FROM:<ann@client.test>, RSET] on"
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
                "SIZE-LIMIT",
                new Expected(
                        Verdict.WARN, "the client transferred 51258 octets although the server advertised SIZE 10000"));
        findings.put("SIZE-DECLARED", new Expected(Verdict.NOT_APPLICABLE, "the client did not declare SIZE="));
        // No SMTPUTF8 in the EHLO reply, then C: MAIL FROM:<jörg@example.test> / S: 553 5.6.7: with
        // mail.mime.allowutf8 (which the adapter sets for non-ASCII addresses) Angus only logs that the server lacks
        // SMTPUTF8 and sends the address raw.
        findings.put(
                "UTF8-NOT-OFFERED",
                new Expected(
                        Verdict.FAIL,
                        "the client sent the internationalised address without SMTPUTF8: MAIL"
                                + " FROM:<jörg@example.test>"));
        // C: MAIL FROM:<jörg@example.test> SMTPUTF8, then 203 octets of content with UTF-8 headers (INV-07: 8-bit
        // octets without BODY=8BITMIME); the 553 5.6.7 of the second message is reported as PERMANENT(553).
        findings.put(
                "UTF8-OFFERED",
                new Expected(
                        Verdict.WARN,
                        "the 8-bit message was sent without BODY=8BITMIME: MAIL FROM:<jörg@example.test> SMTPUTF8"));
        // S: 252 to MAIL → PERMANENT(252); S: 359 to DATA → Angus sends RSET (read as message content) and times out
        // after 3 s; S: 299 after the data → PERMANENT(299) although the message was accepted. Angus expects exactly
        // 250 and 354 there (259 to RCPT and 459/559 after the data are handled by class).
        findings.put(
                "REPLY-UNKNOWN-CODE",
                new Expected(
                        Verdict.FAIL,
                        "the client did not act on the first digit of unlisted codes: MAIL 252 (message 1):"
                                + " PERMANENT(252) instead of DELIVERED; DATA 359 (message 3): TRANSIENT(conn-loss)"
                                + " instead of DELIVERED; end of data 299 (message 4): PERMANENT(299) instead of"
                                + " DELIVERED"));
        // S: "250 2.0.0 queu" without CRLF, then the server closes: Angus reports DELIVERED for a reply line the
        // close cut off (the other malformed replies, 600 nope / 25O / abc / a 199 greeting, fail cleanly).
        findings.put(
                "REPLY-MALFORMED",
                new Expected(
                        Verdict.WARN,
                        "the client reported success after a malformed reply: [message 4 (250 2.0.0 queu)]"));
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
    @Timeout(120)
    void hardened_angus_mail_findings_are_the_known_ones() {
        List<ConformanceCase> cases = Catalogue.all().stream()
                .filter(conformanceCase -> FINDINGS_IN_BOTH_PROFILES.containsKey(conformanceCase.id()))
                .toList();

        ConformanceReport report =
                ConformanceRunner.defaults().run(new AngusMailAdapter(AngusMailAdapter.Profile.HARDENED), cases);

        assertThat(outcomes(report)).isEqualTo(FINDINGS_IN_BOTH_PROFILES);
    }

    @Test
    @Timeout(180)
    void angus_mail_with_its_defaults_has_these_findings_and_passes_everything_else() {
        ConformanceReport report = ConformanceRunner.defaults()
                .run(new AngusMailAdapter(AngusMailAdapter.Profile.DEFAULTS), Catalogue.all());

        Map<String, Expected> expected = new LinkedHashMap<>();
        expected.put("GREET-554", new Expected(Verdict.FAIL, "the client closed without QUIT in [session 1]"));
        expected.putAll(FINDINGS_IN_BOTH_PROFILES);
        Map<String, Expected> notPassed = outcomes(report).entrySet().stream()
                .filter(entry -> entry.getValue().verdict() != Verdict.PASS)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        assertThat(notPassed).isEqualTo(expected);
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
