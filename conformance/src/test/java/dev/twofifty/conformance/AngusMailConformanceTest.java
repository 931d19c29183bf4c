package dev.twofifty.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.adapters.AngusMailAdapter;
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
 * Angus Mail through the JUnit entry point (hardened profile: every case must pass or be N/A, except
 * the real FAILs listed here with their evidence), and the published verdicts of its default profile,
 * which are findings about Angus, not about TwoFifty.
 */
class AngusMailConformanceTest {

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
        return ConformanceTests.forClient(new AngusMailAdapter(AngusMailAdapter.Profile.HARDENED))
                .cases(Catalogue.all().stream()
                        .filter(c -> !EHLO_TLS_AUTH_FAILS.containsKey(c.id()))
                        .toList())
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
    void angus_mail_with_its_defaults_closes_without_quit_after_a_554_greeting() {
        ConformanceReport report = ConformanceRunner.defaults()
                .run(new AngusMailAdapter(AngusMailAdapter.Profile.DEFAULTS), Catalogue.all());

        Map<String, Verdict> verdicts =
                report.results().stream().collect(Collectors.toMap(CaseResult::id, CaseResult::verdict));
        assertThat(verdicts).containsEntry("GREET-554", Verdict.FAIL);
        assertThat(report.result("GREET-554").orElseThrow().judgement().reason())
                .isEqualTo("the client closed without QUIT in [session 1]");
        assertThat(verdicts.keySet()).containsAll(EHLO_TLS_AUTH);
        assertFindings(report, EHLO_TLS_AUTH_FAILS);
        assertThat(verdicts.entrySet())
                .filteredOn(entry -> !entry.getKey().equals("GREET-554"))
                .filteredOn(entry -> !EHLO_TLS_AUTH_FAILS.containsKey(entry.getKey()))
                .allSatisfy(
                        entry -> assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(Verdict.PASS));
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
