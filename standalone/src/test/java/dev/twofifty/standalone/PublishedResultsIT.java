package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published results of the command line clients (docs/conformance.md, "Results") come from the wrappers in
 * {@code conformance/clients/} as {@code run-all.sh} runs them: for a sample of cases that decide quickly, a
 * run of the script against the installed client must give the verdicts of the published console table. A client
 * that is not installed is skipped; {@code .ci/run} installs them.
 */
@Timeout(300)
class PublishedResultsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path RUN_ALL = ROOT.resolve("conformance/clients/run-all.sh");
    private static final Path RESULTS = ROOT.resolve("docs/conformance-results");

    /** Cases that take well under a second with every client, and whose verdicts differ between the clients. */
    private static final List<String> SAMPLE = List.of(
            "GREET-421",
            "GREET-554",
            "EHLO-REFUSED",
            "EHLO-KEYWORD-CASE",
            "TLS-REFUSED",
            "TLS-STRIPPED",
            "AUTH-535",
            "MAIL-4XX",
            "MAIL-5XX",
            "RCPT-PARTIAL-5XX",
            "RCPT-2XX-VARIANTS",
            "DATA-BARE-CR-LF",
            "DATA-DOT-STUFFING",
            "QUIT-AFTER-ERROR",
            "EOD-4XX",
            "UTF8-NOT-OFFERED",
            "CMD-CRLF-INJECTION");

    /** A verdict line of the console table: {@code "  FAIL GREET-554   MUST   title"}. */
    private static final Pattern VERDICT_LINE = Pattern.compile("^\\s+(PASS|FAIL|WARN|INFO|N/A)\\s+(\\S+)\\s.*$");

    static Stream<Arguments> clients() {
        return Stream.of(
                Arguments.of("curl", "curl"),
                Arguments.of("swaks", "swaks"),
                Arguments.of("msmtp", "msmtp"),
                Arguments.of("python", "python3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void the_wrapper_gives_the_published_verdicts(String client, String program, @TempDir Path out) throws Exception {
        assumeTrue(onPath(program), program + " is not installed (.ci/run installs it)");
        Map<String, String> published = verdicts(Files.readString(RESULTS.resolve(client + "/console.txt")));
        assertThat(published).as("the published table of %s", client).containsKeys(SAMPLE.toArray(String[]::new));

        String console = runAll(client, out);

        Map<String, String> measured = verdicts(console);
        Map<String, String> expected = new LinkedHashMap<>();
        SAMPLE.forEach(id -> expected.put(id, published.get(id)));
        assertThat(measured)
                .as(
                        "verdicts of %s now, against those published in docs/conformance-results/%s/console.txt;"
                                + " the run printed:%n%s",
                        client, client, console)
                .containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** Runs {@code run-all.sh} for one client and the sample; what it printed to the console table. */
    private static String runAll(String client, Path out) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(RUN_ALL.toString(), out.toString(), client)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("run-all.log").toFile());
        builder.environment().put("CASES", String.join(",", SAMPLE));
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(240, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run-all.sh " + client + " did not finish in 240 s: "
                    + Files.readString(out.resolve("run-all.log")));
        }
        String log = Files.readString(out.resolve("run-all.log"), StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("exit status of run-all.sh; it printed:%n%s", log)
                .isZero();
        Path table = out.resolve(client + "/console.txt");
        assertThat(table).as("run-all.sh printed:%n%s", log).exists();
        return Files.readString(table, StandardCharsets.UTF_8);
    }

    /** Case id → verdict, from a console table (invariants included: they are not in the sample). */
    static Map<String, String> verdicts(String console) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (String line : console.split("\n")) {
            Matcher matcher = VERDICT_LINE.matcher(line);
            if (matcher.matches() && !matcher.group(2).startsWith("INV-")) {
                verdicts.put(matcher.group(2), matcher.group(1));
            }
        }
        return verdicts;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null
                && Stream.of(path.split(File.pathSeparator))
                        .anyMatch(directory -> Files.isExecutable(Path.of(directory, tool)));
    }
}
