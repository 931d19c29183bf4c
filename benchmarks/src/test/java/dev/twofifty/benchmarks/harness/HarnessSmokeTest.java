package dev.twofifty.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end at a tiny scale: every server in its own process, every figure measured,
 * every count checked. The figures mean nothing at this scale; that the run works and counts does.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HarnessSmokeTest {

    /** Small heaps: the build runs beside other work. Fixed and touched, as in a real run. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms96m", "-Xmx96m", "-XX:+AlwaysPreTouch");

    private static final Optional<Path> SMTP_SOURCE = HarnessOptions.locate("smtp-source");
    private static final Optional<Path> SMTP_SINK = HarnessOptions.locate("smtp-sink");

    @TempDir
    Path dir;

    @Test
    void java_servers_are_measured_and_store_exactly_what_was_sent() throws Exception {
        // GIVEN the three Java servers; smtp-source when installed (without it, no throughput figures)
        HarnessOptions options =
                options(List.of(ServerKind.TWOFIFTY, ServerKind.GREENMAIL, ServerKind.WISER), Optional.empty());

        // WHEN
        Harness.Outcome outcome = Harness.measure(options);

        // THEN
        assertThat(outcome.results().problems()).isEmpty();
        assertMeasured(outcome.results(), options.servers());
        String report = outcome.report();
        Harness.write(options.output(), report);
        assertThat(Files.readString(options.output()))
                .contains(
                        "### Problems", "None:", "TwoFifty ÷ GreenMail", "TwoFifty ÷ Wiser", "### Bars of PRODUCT.md");
    }

    @Test
    void smtp_sink_is_measured_and_counted_with_its_own_counter() {
        assumeTrue(
                SMTP_SOURCE.isPresent() && SMTP_SINK.isPresent(),
                "Postfix's smtp-source and smtp-sink are not installed (Debian package postfix); skipping smtp-sink");
        // GIVEN
        HarnessOptions options = options(List.of(ServerKind.TWOFIFTY, ServerKind.SMTP_SINK), SMTP_SINK);

        // WHEN
        Harness.Outcome outcome = Harness.measure(options);

        // THEN
        assertThat(outcome.results().problems()).isEmpty();
        assertMeasured(outcome.results(), List.of(ServerKind.SMTP_SINK));
        assertThat(outcome.report()).contains("TwoFifty ÷ smtp-sink", "Postfix smtp-sink");
    }

    private HarnessOptions options(List<ServerKind> servers, Optional<Path> smtpSink) {
        return new HarnessOptions(
                Scale.SMOKE,
                servers,
                SMTP_SOURCE,
                smtpSink,
                JVM_OPTIONS,
                System.getProperty("java.class.path"),
                dir.resolve("results.md"),
                dir.resolve("logs"),
                "smoke test");
    }

    private static void assertMeasured(Results results, List<ServerKind> servers) {
        for (ServerKind server : servers) {
            for (Figure figure : Figure.values()) {
                boolean expected = figure.appliesTo(server)
                        && figure != Figure.START_STOP
                        && (figure.group != Figure.Group.THROUGHPUT || SMTP_SOURCE.isPresent());
                assertThat(results.summary(figure, server))
                        .as("%s for %s", figure, server)
                        .matches(summary -> summary.isPresent() == expected);
            }
        }
    }
}
