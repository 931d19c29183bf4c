package dev.twofifty.samples.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.Catalogue;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.ConformanceTests;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.conformance.adapters.AngusMailAdapter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * A conformance run of the built-in Java adapters as JUnit dynamic tests: one test per catalogue case
 * and client. A case the client fails (a MUST broken) fails its test, with the RFC sections and the
 * transcript lines that decided it; WARN, INFO and N/A verdicts pass and are published as report
 * entries.
 *
 * <p>A client with known failures lists them: those cases run as tests of their own that expect the
 * FAIL, so the day a new version of the client fixes one, the test says so and the list shrinks. The
 * same pattern works for your own client and its {@code ClientAdapter}.
 */
@Timeout(300)
class BuiltInAdaptersConformanceTest {

    /**
     * What Angus Mail 2.0.5 gets wrong in both profiles, each checked against the transcript: it falls back to
     * HELO after a 421 to EHLO (EHLO-REFUSED), goes on after a refused EHLO following STARTTLS
     * (TLS-REEHLO-FAILS), closes without QUIT after a refused STARTTLS or a 535 (TLS-REFUSED, AUTH-535), sends an
     * initial response that overflows the AUTH line (AUTH-IR-RULES), answers a challenge that is not base64
     * (AUTH-CHALLENGE-INVALID), skips EHLO after a 530 and STARTTLS (AUTH-REQUIRED-530), goes on with RCPT after
     * a 421 (RCPT-421) or with MAIL after a 421 to RSET (TXN-RSET-REFUSED), sends 8-bit content without 8BITMIME
     * or BODY=8BITMIME (DATA-8BIT-NO-8BITMIME, DATA-8BITMIME-DECLARED), dot-stuffs BDAT chunks (BDAT-FRAMING),
     * sends a UTF-8 address to a server without SMTPUTF8 (UTF8-NOT-OFFERED), and reads unlisted reply codes by
     * their exact value instead of their first digit (REPLY-UNKNOWN-CODE).
     */
    private static final Set<String> ANGUS_FAILURES = Set.of(
            "EHLO-REFUSED",
            "TLS-REEHLO-FAILS",
            "TLS-REFUSED",
            "AUTH-IR-RULES",
            "AUTH-CHALLENGE-INVALID",
            "AUTH-535",
            "AUTH-REQUIRED-530",
            "RCPT-421",
            "TXN-RSET-REFUSED",
            "DATA-8BIT-NO-8BITMIME",
            "DATA-8BITMIME-DECLARED",
            "BDAT-FRAMING",
            "UTF8-NOT-OFFERED",
            "REPLY-UNKNOWN-CODE");

    /** With its library defaults Angus also closes without QUIT after a 554 greeting. */
    private static final Set<String> ANGUS_DEFAULTS_FAILURES = union(ANGUS_FAILURES, "GREET-554");

    // tag::conformance[]
    @TestFactory
    Stream<DynamicTest> angus_mail_hardened(TestReporter reporter) {
        return conformance(new AngusMailAdapter(AngusMailAdapter.Profile.HARDENED), ANGUS_FAILURES, reporter);
    }
    // end::conformance[]

    @TestFactory
    Stream<DynamicTest> angus_mail_with_its_defaults(TestReporter reporter) {
        return conformance(new AngusMailAdapter(AngusMailAdapter.Profile.DEFAULTS), ANGUS_DEFAULTS_FAILURES, reporter);
    }

    // tag::conformance[]
    /** Every case of the catalogue for one client: known failures must still fail, every other case must not. */
    private static Stream<DynamicTest> conformance(
            ClientAdapter client, Set<String> knownFailures, TestReporter reporter) {
        List<ConformanceCase> expectedToPass = Catalogue.all().stream()
                .filter(c -> !knownFailures.contains(c.id()))
                .toList();
        Stream<DynamicTest> cases = ConformanceTests.forClient(client)
                .cases(expectedToPass)
                .reportingTo(reporter::publishEntry)
                .dynamicTests();
        Stream<DynamicTest> known = knownFailures.stream()
                .sorted()
                .map(id -> dynamicTest(id + " (known failure)", () -> {
                    CaseResult result = ConformanceRunner.defaults()
                            .run(client, Catalogue.byId(id).orElseThrow());
                    assertThat(result.verdict())
                            .as(
                                    "%s is a known failure of %s; if it passes now, take it off the list:%n%s",
                                    id, client.name(), ConformanceTests.describe(result))
                            .isEqualTo(Verdict.FAIL);
                }));
        return Stream.concat(cases, known);
    }
    // end::conformance[]

    private static Set<String> union(Set<String> ids, String... more) {
        return Stream.concat(ids.stream(), Stream.of(more)).collect(Collectors.toUnmodifiableSet());
    }
}
