package dev.twofifty.conformance.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.ConformanceTests;
import dev.twofifty.conformance.Verdict;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a case against a careful and a faulty {@link TestSmtpClient} at the same time (most of the wait
 * in timeout cases is idle) and checks the verdicts and reasons, with the whole result as the failure
 * message.
 */
final class CaseRuns {

    /** The watchdog for faulty clients that hang: a little over the 3 s client timeout. */
    static final Duration SHORT_WATCHDOG = Duration.ofSeconds(4);

    private CaseRuns() {}

    /** The results of the careful and the faulty client. */
    record Pair(CaseResult careful, CaseResult faulty) {}

    static Pair run(ConformanceCase conformanceCase, Flaw... flaws) {
        return run(conformanceCase, ConformanceRunner.defaults(), flaws);
    }

    static Pair run(ConformanceCase conformanceCase, ConformanceRunner faultyRunner, Flaw... flaws) {
        CompletableFuture<CaseResult> careful = CompletableFuture.supplyAsync(
                () -> ConformanceRunner.defaults().run(TestSmtpClient.careful(), conformanceCase));
        CaseResult faulty = faultyRunner.run(TestSmtpClient.with(flaws), conformanceCase);
        return new Pair(careful.join(), faulty);
    }

    /** A runner whose watchdog stops a hanging client soon after its timeout. */
    static ConformanceRunner shortWatchdog() {
        return ConformanceRunner.builder().caseTimeout(SHORT_WATCHDOG).build();
    }

    static CaseResult single(ConformanceCase conformanceCase, ClientAdapter client) {
        return ConformanceRunner.defaults().run(client, conformanceCase);
    }

    /** Asserts the verdict and the exact reason. */
    static void assertResult(CaseResult result, Verdict verdict, String reason) {
        assertThat(result.verdict()).as(ConformanceTests.describe(result)).isEqualTo(verdict);
        assertThat(result.judgement().reason())
                .as(ConformanceTests.describe(result))
                .isEqualTo(reason);
    }

    /** Asserts the verdict and the start of the reason (for reasons with timings). */
    static void assertResultStartsWith(CaseResult result, Verdict verdict, String reasonStart) {
        assertThat(result.verdict()).as(ConformanceTests.describe(result)).isEqualTo(verdict);
        assertThat(result.judgement().reason())
                .as(ConformanceTests.describe(result))
                .startsWith(reasonStart);
    }
}
