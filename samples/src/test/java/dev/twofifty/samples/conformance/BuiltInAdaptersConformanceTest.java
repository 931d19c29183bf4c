package dev.twofifty.samples.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.Catalogue;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ClientRegistry;
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
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A conformance run of the built-in Java adapters as JUnit dynamic tests: one test per catalogue case
 * and client. A case the client fails (a MUST broken) fails its test, with the RFC sections and the
 * transcript lines that decided it; WARN, INFO and N/A verdicts pass and are published as report
 * entries.
 *
 * <p>A client with known failures lists them: those cases run as tests of their own that expect the
 * FAIL, so the day a new version of the client fixes one, the test says so and the list shrinks. The
 * same pattern works for your own client and its {@code ClientAdapter}.
 *
 * <p>The cases run concurrently (four at a time, set in {@code junit-platform.properties}): each spends most of
 * its time waiting on a client's timeout, and every case has a server of its own.
 */
@Timeout(300)
@Execution(ExecutionMode.CONCURRENT)
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

    /**
     * What the libraries on top of Angus Mail inherit from it with their defaults: no QUIT after a 554 greeting,
     * a refused STARTTLS or a 535, the post-TLS EHLO refusal ignored, the AUTH line overflowed, a challenge that
     * is not base64 answered, RCPT after a 421, a UTF-8 address sent to a server without SMTPUTF8. The cases that
     * need several messages on one connection or a connection per message with one client object do not apply to
     * Simple Java Mail and Commons Email (their adapters declare neither), so Angus's other failures do not show.
     */
    private static final Set<String> ON_ANGUS_FAILURES = Set.of(
            "GREET-554",
            "TLS-REEHLO-FAILS",
            "TLS-REFUSED",
            "AUTH-IR-RULES",
            "AUTH-CHALLENGE-INVALID",
            "AUTH-535",
            "RCPT-421",
            "UTF8-NOT-OFFERED");

    /** Spring keeps the connection for several messages, so Angus's RSET and reply-code faults show too. */
    private static final Set<String> SPRING_FAILURES =
            union(ON_ANGUS_FAILURES, "TXN-RSET-REFUSED", "REPLY-UNKNOWN-CODE");

    /** Commons Email has no setting for Angus's write timeout: a server that stops reading blocks it. */
    private static final Set<String> COMMONS_EMAIL_FAILURES = union(ON_ANGUS_FAILURES, "TMO-WRITE-STALL");

    /**
     * Commons Net sends what it is told, so these are its own parts: no host name check on the certificate
     * (TLS-CERT-IDENTITY), a challenge that is not base64 answered (AUTH-CHALLENGE-INVALID), CR and LF passed
     * through into commands (CMD-CRLF-INJECTION), a bare CR passed through by its dot-stuffing writer
     * (DATA-BARE-CR-LF), no write timeout (TMO-WRITE-STALL), and a multi-line reply ending in a bare code not seen
     * as ended (REPLY-BARE-CODE).
     */
    private static final Set<String> COMMONS_NET_FAILURES = Set.of(
            "TLS-CERT-IDENTITY",
            "AUTH-CHALLENGE-INVALID",
            "CMD-CRLF-INJECTION",
            "DATA-BARE-CR-LF",
            "TMO-WRITE-STALL",
            "REPLY-BARE-CODE");

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

    /** The other built-in clients, by the names the command line's {@code --client} takes. */
    @TestFactory
    Stream<DynamicTest> spring_java_mail_sender(TestReporter reporter) {
        return conformance(builtIn("spring"), SPRING_FAILURES, reporter);
    }

    @TestFactory
    Stream<DynamicTest> simple_java_mail(TestReporter reporter) {
        return conformance(builtIn("simple-java-mail"), ON_ANGUS_FAILURES, reporter);
    }

    @TestFactory
    Stream<DynamicTest> commons_email(TestReporter reporter) {
        return conformance(builtIn("commons-email"), COMMONS_EMAIL_FAILURES, reporter);
    }

    @TestFactory
    Stream<DynamicTest> commons_net(TestReporter reporter) {
        return conformance(builtIn("commons-net"), COMMONS_NET_FAILURES, reporter);
    }

    private static ClientAdapter builtIn(String name) {
        return ClientRegistry.builtIn().create(name).orElseThrow();
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
