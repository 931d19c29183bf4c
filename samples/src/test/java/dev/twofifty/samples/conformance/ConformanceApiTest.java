package dev.twofifty.samples.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.Catalogue;
import dev.twofifty.conformance.ClientRegistry;
import dev.twofifty.conformance.ConformanceReport;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.ConsoleProgress;
import dev.twofifty.conformance.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The conformance runner's Java API as {@code docs/conformance.md} shows it: run, print, write the reports. */
@Timeout(120)
class ConformanceApiTest {

    @Test
    void a_run_through_the_java_api_writes_the_three_reports() throws IOException {
        // tag::api[]
        ConformanceReport report = ConformanceRunner.builder()
                .parallelism(4) // default: the number of cores, at least 2
                .caseTimeout(Duration.ofSeconds(30)) // the watchdog: a client still busy is a HANG
                .progress(ConsoleProgress.to(System.out))
                .build()
                .run(ClientRegistry.builtIn().create("angus-hardened").orElseThrow(), Catalogue.matching("GREET-*"));

        System.out.print(ConsoleProgress.table(report));
        ReportWriter.write(report, Path.of("target/conformance")); // report.json, junit.xml, report.html
        // end::api[]

        assertThat(report.results())
                .isNotEmpty()
                .allSatisfy(result -> assertThat(result.id()).startsWith("GREET-"));
        for (String file : new String[] {"report.json", "junit.xml", "report.html"}) {
            assertThat(Files.size(Path.of("target/conformance", file))).as(file).isPositive();
        }
    }
}
