package dev.twofifty.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private static final ConformanceCase FIRST =
            ReportFixtures.conformanceCase("TEST-ONE", Phase.MAIL, Level.MUST, "one");
    private static final ConformanceCase SECOND =
            ReportFixtures.conformanceCase("TEST-TWO", Phase.MAIL, Level.MUST, "two");

    private static CaseResult passed(ConformanceCase conformanceCase) {
        return ReportFixtures.result(conformanceCase, Judgement.pass("fine", List.of()), List.of());
    }

    @Test
    void prints_a_line_per_finished_case_with_the_count() {
        StringWriter text = new StringWriter();
        ConsoleProgress progress = ConsoleProgress.to(new PrintWriter(text));

        progress.caseStarted(FIRST, 0, 12);
        progress.caseStarted(SECOND, 0, 12);
        progress.caseFinished(passed(SECOND), 1, 12);
        progress.caseFinished(passed(FIRST), 2, 12);

        assertThat(text.toString())
                .isEqualTo(String.format("[ 1/12] PASS TEST-TWO                 fine%n"
                        + "[ 2/12] PASS TEST-ONE                 fine%n"));
    }

    @Test
    void the_live_status_shows_the_running_cases_and_is_redrawn_in_place() {
        StringWriter text = new StringWriter();
        ConsoleProgress progress = ConsoleProgress.to(new PrintWriter(text)).withLiveStatus();

        progress.caseStarted(FIRST, 0, 2);
        progress.caseStarted(SECOND, 0, 2);
        progress.caseFinished(passed(FIRST), 1, 2);
        progress.caseFinished(passed(SECOND), 2, 2);

        String clear = "\r\u001b[2K";
        assertThat(text.toString())
                .isEqualTo(clear + "[0/2] running TEST-ONE"
                        + clear + "[0/2] running TEST-ONE, TEST-TWO"
                        + clear + String.format("[1/2] PASS TEST-ONE                 fine%n") + "[1/2] running TEST-TWO"
                        + clear + String.format("[2/2] PASS TEST-TWO                 fine%n"));
    }
}
