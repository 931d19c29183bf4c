package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.Catalogue;
import dev.twofifty.conformance.ClientRegistry;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.ConformanceReport;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.ConformanceTests;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The three ways in give the same verdicts for the same client: the JUnit {@code @TestFactory} (run
 * through the JUnit Platform as a build runs it), the Java API ({@link ConformanceRunner}) and the
 * command line ({@code twofifty conformance}, report.json).
 */
@Timeout(180)
class EntryPointsAgreeTest {

    /** Cases whose verdicts for Angus do not hang on timing; GREET-554 differs between the two profiles. */
    static final String CASES = "GREET-MULTILINE,GREET-554,GREET-421,GREET-521,MAIL-5XX,DATA-DOT-STUFFING,QUIT-LAST";

    static List<ConformanceCase> cases() {
        return Catalogue.matching(CASES);
    }

    /** The JUnit entry point as a user writes it, for each profile; run only through the EngineTestKit below. */
    static class AngusDefaults {
        @TestFactory
        Stream<DynamicTest> conformance(TestReporter reporter) {
            return ConformanceTests.forClient(
                            ClientRegistry.builtIn().create("angus").orElseThrow())
                    .cases(cases())
                    .reportingTo(reporter::publishEntry)
                    .dynamicTests();
        }
    }

    static class AngusHardened {
        @TestFactory
        Stream<DynamicTest> conformance(TestReporter reporter) {
            return ConformanceTests.forClient(
                            ClientRegistry.builtIn().create("angus-hardened").orElseThrow())
                    .cases(cases())
                    .reportingTo(reporter::publishEntry)
                    .dynamicTests();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"angus", "angus-hardened"})
    void junit_java_api_and_command_line_give_the_same_verdicts(String client, @TempDir Path directory)
            throws Exception {
        assertThat(cases()).as("the cases compared").hasSizeGreaterThanOrEqualTo(5);

        ConformanceReport report = ConformanceRunner.builder()
                .parallelism(2)
                .build()
                .run(ClientRegistry.builtIn().create(client).orElseThrow(), cases());
        Map<String, String> javaApi = new LinkedHashMap<>();
        report.results()
                .forEach(result -> javaApi.put(result.id(), result.verdict().label()));

        Map<String, String> junit = throughJUnit(client.equals("angus") ? AngusDefaults.class : AngusHardened.class);

        CommandLineRun cli = throughTheCommandLine(client, directory);

        assertThat(junit).as("JUnit @TestFactory vs Java API").isEqualTo(javaApi);
        assertThat(cli.verdicts()).as("command line vs Java API").isEqualTo(javaApi);
        assertThat(cli.status()).isEqualTo(javaApi.containsValue("FAIL") ? 1 : 0);
        assertThat(javaApi.get("GREET-554")).isEqualTo(client.equals("angus") ? "FAIL" : "PASS");
        assertThat(report.results()).extracting(CaseResult::id).containsExactlyElementsOf(javaApi.keySet());
    }

    /**
     * Runs a fixture class through the JUnit Platform and reads each case's verdict back: a failed test
     * is a FAIL; a published entry starts with the verdict; a test that passed without one is a PASS.
     */
    private static Map<String, String> throughJUnit(Class<?> fixture) {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .execute()
                .allEvents();
        Map<String, String> reported = new LinkedHashMap<>();
        tests.reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow())
                .forEach(entry -> entry.getKeyValuePairs()
                        .forEach((id, text) -> reported.put(id, text.substring(0, text.indexOf(' ')))));
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (Event finished : tests.finished().list()) {
            if (!finished.getTestDescriptor().isTest()) {
                continue;
            }
            String id = finished.getTestDescriptor().getDisplayName().split(" ")[0];
            TestExecutionResult result =
                    finished.getPayload(TestExecutionResult.class).orElseThrow();
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                String message = result.getThrowable().orElseThrow().getMessage();
                assertThat(message).as("the failure of %s", id).startsWith("FAIL " + id + ": ");
                verdicts.put(id, "FAIL");
            } else {
                assertThat(result.getStatus()).as(id).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
                verdicts.put(id, reported.getOrDefault(id, "PASS"));
            }
        }
        return verdicts;
    }

    record CommandLineRun(int status, Map<String, String> verdicts) {}

    private static CommandLineRun throughTheCommandLine(String client, Path directory) throws Exception {
        ConformanceCommandTest.Run run = ConformanceCommandTest.run(
                "conformance", "--client", client, "--case", CASES, "--quiet", "--report-dir", directory.toString());
        assertThat(run.err()).isEmpty();
        return new CommandLineRun(run.status(), ConformanceCommandTest.verdicts(directory.resolve("report.json")));
    }
}
