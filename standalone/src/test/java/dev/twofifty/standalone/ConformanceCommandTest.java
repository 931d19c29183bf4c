package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code twofifty conformance} in-process: built-in and command clients, report files, exit statuses. */
@Timeout(120)
class ConformanceCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A client that never connects and exits 4: its verdicts follow from the exit status alone. */
    private static final String EXITS_4 = "exit 4 # {host} {port} {from} {to} {message}";

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /** The verdict of each case in a one-client report.json. */
    static Map<String, String> verdicts(Path reportJson) throws IOException {
        Map<String, String> verdicts = new LinkedHashMap<>();
        JSON.readTree(reportJson.toFile())
                .get("cases")
                .forEach(entry -> verdicts.put(
                        entry.get("id").asText(), entry.get("verdict").asText()));
        return verdicts;
    }

    @Test
    void angus_with_its_defaults_fails_greet_554_and_the_run_exits_1(@TempDir Path directory) throws Exception {
        Path reports = directory.resolve("reports");

        Run run = run(
                "conformance",
                "--client",
                "angus",
                "--case",
                "GREET-554,QUIT-LAST",
                "--report-dir",
                reports.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(run.out())
                .startsWith("Running 2 cases against angus-mail (defaults)\n")
                .containsPattern("\\[1/2] (PASS|FAIL) ")
                .containsPattern("\\[2/2] (PASS|FAIL) ")
                .contains("Conformance of angus-mail (defaults)\n", "  FAIL GREET-554 ", "  PASS QUIT-LAST ")
                .contains("PASS 1  FAIL 1  WARN 0  INFO 0  N/A 0")
                .contains("Reports: " + reports.resolve("report.json") + ", " + reports.resolve("junit.xml") + ", "
                        + reports.resolve("report.html"))
                .endsWith("Failed: GREET-554\n");
        assertThat(run.err()).isEmpty();
        assertThat(verdicts(reports.resolve("report.json")))
                .containsExactly(Map.entry("GREET-554", "FAIL"), Map.entry("QUIT-LAST", "PASS"));
        assertThat(Files.readString(reports.resolve("junit.xml")))
                .contains("<testsuite name=\"angus-mail (defaults)\" tests=\"2\" failures=\"1\"");
        assertThat(Files.readString(reports.resolve("report.html")))
                .contains("data-id=\"GREET-554\"", "data-id=\"QUIT-LAST\"", "data-verdict=\"FAIL\"");
    }

    @Test
    void hardened_angus_passes_and_the_run_exits_0_quietly() {
        Run run = run(
                "conformance",
                "--client",
                "ANGUS-HARDENED",
                "--case",
                "GREET-554,QUIT-LAST",
                "--parallel",
                "1",
                "--quiet");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .doesNotContain("[1/2]")
                .contains("Conformance of angus-mail (hardened)", "  PASS GREET-554 ", "  PASS QUIT-LAST ")
                .doesNotContain("Reports:")
                .endsWith("No case failed.\n");
    }

    @Test
    void every_built_in_java_client_runs_from_the_fat_jar_s_class_path_and_profiles_name_their_variant() {
        Run run = run(
                "conformance",
                "--client",
                "spring",
                "--client",
                "commons-net",
                "--client",
                "simple-java-mail",
                "--client",
                "commons-email",
                "--client",
                "angus",
                "--profile",
                "defaults",
                "--case",
                "QUIT-LAST",
                "--quiet");
        Run hardened =
                run("conformance", "--client", "angus", "--profile", "hardened", "--case", "GREET-554", "--quiet");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "spring-javamail (defaults)",
                        "commons-net (defaults)",
                        "simple-java-mail (defaults)",
                        "commons-email (defaults)",
                        "angus-mail (defaults)");
        assertThat(hardened.status()).as(hardened.err()).isZero();
        assertThat(hardened.out()).contains("Conformance of angus-mail (hardened)", "  PASS GREET-554 ");
    }

    @Test
    void several_clients_make_one_report_with_a_column_each(@TempDir Path directory) throws Exception {
        Run run = run(
                "conformance",
                "--client",
                "angus",
                "--client",
                "angus-hardened",
                "--case",
                "GREET-554",
                "--quiet",
                "--report-dir",
                directory.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).endsWith("Failed: angus-mail (defaults): GREET-554\n");
        JsonNode json = JSON.readTree(directory.resolve("report.json").toFile());
        assertThat(json.get("reports")).hasSize(2);
        assertThat(json.at("/reports/1/client").asText()).isEqualTo("angus-mail (hardened)");
        assertThat(json.at("/reports/1/cases/0/verdict").asText()).isEqualTo("PASS");
        assertThat(Files.readString(directory.resolve("report.html")))
                .contains(
                        "data-client=\"0\">angus-mail (defaults)</th>", "data-client=\"1\">angus-mail (hardened)</th>");
    }

    @Test
    void a_command_client_s_exit_statuses_are_mapped_as_the_options_say(@TempDir Path directory) throws Exception {
        Run permanent = run(
                "conformance",
                "--client-command",
                EXITS_4,
                "--case",
                "GREET-421,GREET-521",
                "--quiet",
                "--report-dir",
                directory.resolve("a").toString());
        Run temporary = run(
                "conformance",
                "--client-command",
                EXITS_4,
                "--name",
                "exits four",
                "--case",
                "GREET-421,GREET-521",
                "--temp-fail-codes",
                "4",
                "--quiet",
                "--report-dir",
                directory.resolve("b").toString());
        Run mapped = run(
                "conformance",
                "--client-command",
                EXITS_4,
                "--case",
                "GREET-421,GREET-521",
                "--exit-code",
                "4=transient",
                "--quiet",
                "--report-dir",
                directory.resolve("c").toString());

        assertThat(permanent.status()).isEqualTo(1);
        assertThat(permanent.out()).startsWith("Running 2 cases against exit\n");
        assertThat(verdicts(directory.resolve("a/report.json")))
                .containsExactly(Map.entry("GREET-421", "FAIL"), Map.entry("GREET-521", "PASS"));
        assertThat(JSON.readTree(directory.resolve("a/report.json").toFile())
                        .at("/cases/0/outcomes/0")
                        .asText())
                .isEqualTo("PERMANENT(no code): exit status 4");
        assertThat(temporary.status()).isEqualTo(1);
        assertThat(JSON.readTree(directory.resolve("b/report.json").toFile())
                        .get("client")
                        .asText())
                .isEqualTo("exits four");
        assertThat(verdicts(directory.resolve("b/report.json")))
                .containsExactly(Map.entry("GREET-421", "PASS"), Map.entry("GREET-521", "FAIL"));
        assertThat(verdicts(directory.resolve("c/report.json")))
                .containsExactly(Map.entry("GREET-421", "PASS"), Map.entry("GREET-521", "FAIL"));
    }

    @Test
    void features_decide_which_cases_apply_to_a_command_client(@TempDir Path directory) throws Exception {
        run(
                "conformance",
                "--client-command",
                EXITS_4,
                "--case",
                "DATA-DOT-STUFFING",
                "--quiet",
                "--report-dir",
                directory.resolve("without").toString());
        run(
                "conformance",
                "--client-command",
                EXITS_4,
                "--case",
                "DATA-DOT-STUFFING",
                "--features",
                "starttls,raw_content",
                "--quiet",
                "--report-dir",
                directory.resolve("with").toString());

        assertThat(verdicts(directory.resolve("without/report.json"))).containsEntry("DATA-DOT-STUFFING", "N/A");
        assertThat(verdicts(directory.resolve("with/report.json"))).doesNotContainEntry("DATA-DOT-STUFFING", "N/A");
    }

    @Test
    void invalid_options_exit_2_with_a_message_that_names_the_option(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("file.txt"), "x");
        String[][] cases = {
            {
                "",
                "Name the client under test: --client NAME (angus, angus-hardened, spring, commons-net, simple-java-mail, commons-email) or --client-command"
                        + " TEMPLATE"
            },
            {
                "--client nope",
                "--client nope: no such client; the built-in clients are angus, angus-hardened, spring, commons-net, simple-java-mail, commons-email"
            },
            {"--client angus --profile paranoid", "--client angus-paranoid: no such client"},
            {"--profile hardened --client-command true", "--profile chooses a configuration of --client; give it"},
            {"--client angus --name x", "--name, --features, --temp-fail-codes and --exit-code describe a"},
            {"--client angus --parallel 0", "--parallel must be at least 1, but was 0"},
            {"--client angus --case-timeout 0", "--case-timeout must be at least 1 second, but was 0"},
            {"--client angus --case NOPE-*", "--case NOPE-* matches no case; --list-cases lists them"},
            {"--client-command true --exit-code 4=sometimes", "Invalid value for option '--exit-code'"},
            {"--client-command true --exit-code 300=TRANSIENT", "--exit-code: an exit status is 0 to 255, but 300"},
            {"--client-command true --temp-fail-codes x", "Invalid value for option '--temp-fail-codes'"},
            {"--client-command true --features TELEPATHY", "Invalid value for option '--features'"},
            {"--client angus --report-dir " + file, "--report-dir " + file + " is a file, not a directory"},
            {"--client angus --bogus", "Unknown option: '--bogus'"},
        };
        for (String[] example : cases) {
            String[] args = ("conformance " + example[0]).trim().split(" ");

            Run run = run(args);

            assertThat(run.status()).as(example[0]).isEqualTo(2);
            assertThat(run.err())
                    .as(example[0])
                    .contains(example[1])
                    .endsWith("Try 'twofifty conformance --help' for the options.\n");
            assertThat(run.out()).as(example[0]).isEmpty();
        }
    }

    @Test
    void a_report_directory_that_cannot_be_made_exits_3(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("file.txt"), "x");

        Run run = run(
                "conformance",
                "--client-command",
                EXITS_4,
                "--case",
                "GREET-521",
                "--quiet",
                "--report-dir",
                file.resolve("below").toString());

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.err())
                .startsWith("Cannot run the conformance cases: java.io.UncheckedIOException: Cannot write");
    }

    @Test
    void lists_clients_and_cases_and_explains_itself() {
        Run clients = run("conformance", "--list-clients");
        Run cases = run("conformance", "--list-cases", "--case", "GREET-5*");
        Run help = run("conformance", "--help");
        Run serverHelp = run("--help");

        assertThat(clients.status()).isZero();
        assertThat(clients.out())
                .startsWith("angus            Eclipse Angus Mail")
                .contains("\nangus-hardened   ");
        assertThat(cases.status()).isZero();
        assertThat(cases.out().lines())
                .allMatch(line -> line.startsWith("GREET-5"))
                .isNotEmpty();
        assertThat(cases.out()).contains("GREET-554                2.1 CONNECTION MUST");
        assertThat(help.status()).isZero();
        assertThat(help.out().replaceAll("\\s+", " "))
                .as("the help, as one line")
                .contains("--client-command=TEMPLATE", "--temp-fail-codes", "--exit-code=STATUS=KIND", "--features")
                .contains(
                        "{host} {port} {smtpsPort}",
                        "angus, angus-hardened, spring, commons-net, simple-java-mail, commons-email",
                        "RAW_CONTENT",
                        "--profile")
                .contains("Exit status: 0 when no case FAILed, 1 when some did, 2 for invalid options");
        assertThat(serverHelp.out())
                .as("the server stays the default command")
                .contains("--smtp-port", "Commands:", "conformance");
    }

    @Test
    void the_program_name_of_a_command_is_its_default_name() {
        assertThat(ConformanceCommand.programName("/usr/bin/curl -sS smtp://{host}"))
                .isEqualTo("curl");
        assertThat(ConformanceCommand.programName("  swaks --server {host}")).isEqualTo("swaks");
        assertThat(ConformanceCommand.programName("'python3' send.py")).isEqualTo("python3");
    }
}
