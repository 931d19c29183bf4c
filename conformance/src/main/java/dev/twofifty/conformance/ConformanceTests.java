package dev.twofifty.conformance;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The JUnit entry point: one dynamic test per case. A FAIL fails its test; WARN, INFO and N/A pass
 * and are reported through the optional reporter (for example JUnit's {@code TestReporter}).
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> angusMailConformance(TestReporter reporter) {
 *     return ConformanceTests.forClient(new AngusMailAdapter(Profile.HARDENED))
 *             .reportingTo(reporter::publishEntry)
 *             .dynamicTests();
 * }
 * }</pre>
 */
public final class ConformanceTests {

    private final ClientAdapter client;
    private List<ConformanceCase> cases = Catalogue.all();
    private ConformanceRunner runner =
            ConformanceRunner.builder().parallelism(1).build();
    private BiConsumer<String, String> reporter = (key, value) -> {};

    private ConformanceTests(ClientAdapter client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Conformance tests for a client, over the whole catalogue. */
    public static ConformanceTests forClient(ClientAdapter client) {
        return new ConformanceTests(client);
    }

    /** Only these cases. */
    public ConformanceTests cases(List<ConformanceCase> selected) {
        this.cases = List.copyOf(selected);
        return this;
    }

    /** Runs with this runner (time scale, watchdog). */
    public ConformanceTests runner(ConformanceRunner custom) {
        this.runner = Objects.requireNonNull(custom, "runner");
        return this;
    }

    /** Reports WARN, INFO and N/A verdicts as key-value entries, for example to JUnit's {@code TestReporter}. */
    public ConformanceTests reportingTo(BiConsumer<String, String> entries) {
        this.reporter = Objects.requireNonNull(entries, "reporter");
        return this;
    }

    /** One dynamic test per case, named {@code ID title}. */
    public Stream<DynamicTest> dynamicTests() {
        return cases.stream()
                .map(conformanceCase ->
                        DynamicTest.dynamicTest(conformanceCase.id() + " " + conformanceCase.title(), () -> {
                            CaseResult result = runner.run(client, conformanceCase);
                            if (result.verdict() == Verdict.FAIL) {
                                throw new AssertionError(describe(result));
                            }
                            if (result.verdict() != Verdict.PASS
                                    || !result.findings().isEmpty()) {
                                reporter.accept(conformanceCase.id(), describe(result));
                            }
                        }));
    }

    /** A result as text: verdict, reason, RFC, evidence and broken invariants. */
    public static String describe(CaseResult result) {
        StringBuilder out = new StringBuilder();
        ConformanceCase conformanceCase = result.conformanceCase();
        out.append(result.verdict().label())
                .append(' ')
                .append(conformanceCase.id())
                .append(": ");
        out.append(result.judgement().reason()).append('\n');
        out.append("  ").append(conformanceCase.level()).append(", ").append(String.join(", ", conformanceCase.rfc()));
        out.append('\n');
        result.judgement()
                .evidence()
                .forEach(line -> out.append("    ").append(line).append('\n'));
        for (Finding finding : result.findings()) {
            out.append("  ")
                    .append(finding.verdict().label())
                    .append(' ')
                    .append(finding.invariant())
                    .append(": ");
            out.append(finding.reason()).append('\n');
            finding.evidence().forEach(line -> out.append("    ").append(line).append('\n'));
        }
        return out.toString().stripTrailing();
    }
}
