package dev.twofifty.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** docs/conformance.md: its command lines parse, its option table names real options, its send.py works. */
@Timeout(120)
class ConformanceDocTest {

    private static final Path DOC = Path.of("../docs/conformance.md");
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TABLE_OPTION = Pattern.compile("(?m)^\\| `(--[a-z-]+)");

    private static List<String> blocks(String language) throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(Files.readString(DOC));
        while (matcher.find()) {
            if (matcher.group(1).equals(language)) {
                blocks.add(matcher.group(2));
            }
        }
        return blocks;
    }

    /** The {@code java -jar} commands of the shell blocks, continuation lines joined, as arguments. */
    private static List<List<String>> jarCommands() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        for (String block : blocks("sh")) {
            for (String line : block.replace("\\\n", " ").split("\n")) {
                if (line.startsWith("java -jar ")) {
                    List<String> words = shellWords(line);
                    commands.add(words.subList(3, words.size()));
                }
            }
        }
        return commands;
    }

    /** Splits a command line as sh does, for the quoting the examples use (single and double quotes). */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static CommandLine commandLine() {
        return Main.commandLine(
                new ServeCommand(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void every_command_line_of_the_doc_parses() throws Exception {
        List<List<String>> commands = jarCommands();

        assertThat(commands).hasSizeGreaterThanOrEqualTo(4);
        for (List<String> args : commands) {
            assertThat(args).as("a conformance command").startsWith("conformance");
            assertThatCode(() -> commandLine().parseArgs(args.toArray(String[]::new)))
                    .as(String.join(" ", args))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void the_option_table_names_every_option_and_only_real_ones() throws Exception {
        CommandSpec conformance =
                commandLine().getSubcommands().get("conformance").getCommandSpec();
        List<String> documented = new ArrayList<>();
        Matcher matcher = TABLE_OPTION.matcher(Files.readString(DOC));
        while (matcher.find()) {
            documented.add(matcher.group(1));
        }

        assertThat(documented)
                .allSatisfy(option ->
                        assertThat(conformance.findOption(option)).as(option).isNotNull());
        List<String> options = new ArrayList<>();
        conformance.options().stream()
                .map(option -> option.longestName())
                .filter(name -> !List.of("--help", "--version", "--list-cases", "--list-clients")
                        .contains(name))
                .forEach(options::add);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(options);
    }

    @Test
    void the_send_py_script_of_the_doc_maps_smtp_failures_to_exit_statuses(@TempDir Path directory) throws Exception {
        assumeTrue(onPath("python3"), "python3 is not installed");
        Path script = Path.of("../conformance/clients/send.py").toAbsolutePath();
        assertThat(Files.readString(DOC)).contains("python3 conformance/clients/send.py --security {security}");

        ConformanceCommandTest.Run run = ConformanceCommandTest.run(
                "conformance",
                "--name",
                "python smtplib",
                "--features",
                "RAW_CONTENT",
                "--case",
                "GREET-421,GREET-521,QUIT-LAST",
                "--quiet",
                "--report-dir",
                directory.toString(),
                "--client-command",
                "python3 " + script + " --security {security} --host {host} --port {port} --from {from} --to {to}"
                        + " --timeout {timeout} --helo {helo} {message}");

        assertThat(run.err()).isEmpty();
        JsonNode report =
                new ObjectMapper().readTree(directory.resolve("report.json").toFile());
        List<String> outcomes = new ArrayList<>();
        report.get("cases")
                .forEach(entry -> outcomes.add(entry.get("id").asText() + " "
                        + entry.at("/outcomes/0").asText().replaceAll("[(:].*", "")));
        assertThat(outcomes).containsExactly("GREET-421 TRANSIENT", "GREET-521 PERMANENT", "QUIT-LAST DELIVERED");
    }

    private static boolean onPath(String tool) {
        return Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .anyMatch(entry -> Files.isExecutable(Path.of(entry, tool)));
    }
}
