package dev.twofifty.conformance.adapters;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twofifty.conformance.Catalogue;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceReport;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.ConsoleProgress;
import dev.twofifty.conformance.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The published results of the Java adapters that are not in the standalone jar (docs/conformance.md,
 * "Results"): the whole catalogue against each, the reports written to {@code DIR/<client>/} with the console
 * table in {@code console.txt}. Not part of the build (its name is no test name Surefire picks up, and it does
 * nothing without the property); run it with
 *
 * <pre>
 * mvn -B -pl conformance -am test -Dtest=ResultsRun -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dconformance.results=target/conformance-results
 * </pre>
 *
 * <p>{@code -Dconformance.clients=spring,commons-net} runs some of them (default: all four).
 */
class ResultsRun {

    private static final Map<String, Supplier<ClientAdapter>> CLIENTS = new LinkedHashMap<>();

    static {
        CLIENTS.put("spring", SpringMailAdapter::new);
        CLIENTS.put("commons-net", CommonsNetAdapter::new);
        CLIENTS.put("simple-java-mail", SimpleJavaMailAdapter::new);
        CLIENTS.put("commons-email", CommonsEmailAdapter::new);
    }

    @Test
    @Timeout(900)
    void the_whole_catalogue_against_each_adapter() throws IOException {
        String results = System.getProperty("conformance.results", "");
        assumeTrue(!results.isBlank(), "give -Dconformance.results=DIR to run");
        String wanted = System.getProperty("conformance.clients", String.join(",", CLIENTS.keySet()));
        for (String name : wanted.split(",")) {
            Supplier<ClientAdapter> client = CLIENTS.get(name.trim());
            if (client == null) {
                throw new IllegalArgumentException("No client '" + name + "'; known: " + CLIENTS.keySet());
            }
            ConformanceReport report = ConformanceRunner.defaults().run(client.get(), Catalogue.all());
            Path directory = Path.of(results, name.trim());
            ReportWriter.write(report, directory);
            String table = ConsoleProgress.table(report);
            Files.writeString(directory.resolve("console.txt"), table);
            System.out.print(table);
        }
    }
}
