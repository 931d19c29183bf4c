package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * {@code java -jar twofifty-standalone.jar conformance --client-command ...} as a user runs it, with
 * curl as the client under test (skipped when curl is missing; {@code .ci/run} installs it).
 */
@Timeout(180)
class ConformanceJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The command line of the docs, placeholders and all: the adapter shell-quotes every value. */
    private static final String CURL =
            "curl -sS smtp://{host}:{port} --mail-from {from} --mail-rcpt {to} --upload-file {message}";

    private static final Pattern EXIT_STATUS = Pattern.compile("exit status (\\d+)");

    @TempDir
    Path directory;

    record Run(int status, String output) {}

    @BeforeEach
    void needsCurl() {
        assumeTrue(onPath("curl"), "curl is not installed (apt-get install curl)");
    }

    @Test
    void curl_through_the_fat_jar_writes_the_three_reports_and_exits_0_when_nothing_failed() throws Exception {
        Path reports = directory.resolve("curl");

        Run run = jar(
                "conformance",
                "--name",
                "curl",
                "--client-command",
                CURL,
                "--features",
                "RAW_CONTENT",
                "--case",
                "QUIT-LAST,MAIL-5XX,DATA-DOT-STUFFING",
                "--report-dir",
                reports.toString());

        JsonNode json = JSON.readTree(reports.resolve("report.json").toFile());
        assertThat(json.get("client").asText()).isEqualTo("curl");
        List<String> ids = new ArrayList<>();
        json.get("cases").forEach(entry -> ids.add(entry.get("id").asText()));
        assertThat(ids).containsExactly("MAIL-5XX", "DATA-DOT-STUFFING", "QUIT-LAST");
        assertThat(verdict(json, "QUIT-LAST"))
                .as("curl ends its sessions with QUIT")
                .isEqualTo("PASS");
        assertThat(json.at("/cases/2/transcript").toString()).contains("C: QUIT");
        int failed = json.at("/counts/FAIL").asInt();
        assertThat(run.status()).as(run.output()).isEqualTo(failed == 0 ? 0 : 1);
        assertThat(run.output())
                .contains("Running 3 cases against curl", "[3/3] ", "Conformance of curl")
                .contains("Reports: " + reports.resolve("report.json"));

        Element suite = (Element) DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(reports.resolve("junit.xml").toFile())
                .getElementsByTagName("testsuite")
                .item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("curl");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo(String.valueOf(failed));
        assertThat(Files.readString(reports.resolve("report.html")))
                .contains("data-id=\"MAIL-5XX\"", "data-id=\"DATA-DOT-STUFFING\"", "data-id=\"QUIT-LAST\"")
                .contains("<th scope=\"col\" class=\"client\" data-client=\"0\">curl</th>");
    }

    @Test
    void curl_s_exit_status_for_a_421_greeting_decides_the_verdict_and_can_be_mapped() throws Exception {
        Run unmapped = jar(
                "conformance",
                "--client-command",
                CURL,
                "--case",
                "GREET-421",
                "--quiet",
                "--report-dir",
                directory.resolve("unmapped").toString());

        JsonNode json = JSON.readTree(directory.resolve("unmapped/report.json").toFile());
        String outcome = json.at("/cases/0/outcomes/0").asText();
        Matcher status = EXIT_STATUS.matcher(outcome);
        assumeTrue(status.find() && !status.group(1).equals("75"), "curl reported a 421 greeting as " + outcome);
        assertThat(outcome)
                .as("a non-zero exit status other than 75 is a permanent failure")
                .startsWith("PERMANENT");
        assertThat(verdict(json, "GREET-421")).isEqualTo("FAIL");
        assertThat(unmapped.status()).as(unmapped.output()).isEqualTo(1);
        assertThat(unmapped.output()).contains("Failed: GREET-421");

        Run mapped = jar(
                "conformance",
                "--client-command",
                CURL,
                "--case",
                "GREET-421",
                "--quiet",
                "--temp-fail-codes",
                status.group(1),
                "--report-dir",
                directory.resolve("mapped").toString());

        JsonNode remapped =
                JSON.readTree(directory.resolve("mapped/report.json").toFile());
        assertThat(remapped.at("/cases/0/outcomes/0").asText()).startsWith("TRANSIENT");
        assertThat(verdict(remapped, "GREET-421")).isEqualTo("PASS");
        assertThat(mapped.status()).as(mapped.output()).isZero();
        assertThat(Map.of(
                        "junit",
                        Files.exists(directory.resolve("mapped/junit.xml")),
                        "html",
                        Files.exists(directory.resolve("mapped/report.html"))))
                .containsOnly(Map.entry("junit", true), Map.entry("html", true));
    }

    @Test
    void bad_options_exit_2() throws Exception {
        Run run = jar("conformance", "--client-command", CURL, "--case", "NO-SUCH-CASE");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output()).contains("--case NO-SUCH-CASE matches no case");
    }

    private static String verdict(JsonNode report, String id) {
        for (JsonNode entry : report.get("cases")) {
            if (entry.get("id").asText().equals(id)) {
                return entry.get("verdict").asText();
            }
        }
        throw new AssertionError(id + " is not in the report");
    }

    /** Runs the jar with its output in a file, so a hung run is stopped by the wait, not stuck in a read. */
    private Run jar(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("twofifty.standalone.jar"));
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(directory, "output", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("the jar exited; it printed:%n%s", Files.readString(output))
                    .isTrue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String tool) {
        return Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .anyMatch(entry -> Files.isExecutable(Path.of(entry, tool)));
    }
}
