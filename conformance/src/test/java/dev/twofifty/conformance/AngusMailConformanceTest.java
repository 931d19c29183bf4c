package dev.twofifty.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.adapters.AngusMailAdapter;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * Angus Mail through the JUnit entry point (hardened profile: every case must pass or be N/A), and the
 * published verdicts of its default profile, which are findings about Angus, not about TwoFifty.
 */
class AngusMailConformanceTest {

    @TestFactory
    Stream<DynamicTest> hardened_angus_mail_conforms(TestReporter reporter) {
        return ConformanceTests.forClient(new AngusMailAdapter(AngusMailAdapter.Profile.HARDENED))
                .reportingTo(reporter::publishEntry)
                .dynamicTests();
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
        assertThat(verdicts.entrySet())
                .filteredOn(entry -> !entry.getKey().equals("GREET-554"))
                .allSatisfy(
                        entry -> assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(Verdict.PASS));
    }
}
