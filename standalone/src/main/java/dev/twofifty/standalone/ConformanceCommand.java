package dev.twofifty.standalone;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.Catalogue;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ClientRegistry;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.ConformanceReport;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.ConsoleProgress;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.ProgressListener;
import dev.twofifty.conformance.ReportWriter;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.conformance.adapters.CommandAdapter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code twofifty conformance}: runs the conformance catalogue against one or more SMTP clients, shows
 * progress and a table, writes the reports, and exits 0 when no case failed.
 */
@Command(
        name = "conformance",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs the conformance catalogue against an SMTP client: each case on a fake server of its own,"
                    + " scripted as the case says, then judged on what the client sent and reported.",
            ""
        },
        footer = {
            "",
            "Placeholders in --client-command, each replaced by a shell-quoted value: {host} {port} {smtpsPort}"
                    + " {from} {to} (comma separated) {message} (path of an .eml file) {user} {password} {cafile}"
                    + " (PEM of the server certificate) {timeout} (seconds) {security} (none, starttls,"
                    + " starttls-required or implicit-tls) {helo} (the EHLO name) {notify} {ret} {envid} (DSN"
                    + " options, empty for none).",
            "The client's exit status is its outcome: 0 delivered, 75 (EX_TEMPFAIL) temporary failure, anything"
                    + " else permanent failure, unless --temp-fail-codes or --exit-code say otherwise.",
            "",
            "Examples:",
            "  twofifty conformance --client angus-hardened --report-dir target/conformance",
            "  twofifty conformance --name curl --case 'GREET-*,MAIL-*' --client-command \\",
            "    'curl -sS smtp://{host}:{port} --mail-from {from} --mail-rcpt {to} --upload-file {message}'",
            "",
            "Exit status: 0 when no case FAILed, 1 when some did, 2 for invalid options, 3 when the run could not"
                    + " be done (for example an unwritable report directory)."
        })
public final class ConformanceCommand implements Callable<Integer> {

    /** Exit status when no case failed. */
    public static final int EXIT_PASSED = 0;
    /** Exit status when some case failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit status when the run could not be done. */
    public static final int EXIT_ERROR = 3;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--client-command",
            paramLabel = "TEMPLATE",
            description = "The client under test as a command line run by /bin/sh, with placeholders (below).")
    String clientCommand;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "The --client-command client's name in reports (default: its program name).")
    String name;

    @Option(
            names = "--features",
            paramLabel = "FEATURE",
            split = ",",
            description = "What the --client-command client can do, comma separated; cases needing anything else"
                    + " are N/A (default: none): ${COMPLETION-CANDIDATES}.")
    List<Feature> features = new ArrayList<>();

    @Option(
            names = "--temp-fail-codes",
            paramLabel = "STATUS",
            split = ",",
            description = "Exit statuses of the --client-command client that mean a temporary failure, comma"
                    + " separated (75 always does unless --exit-code maps it).")
    List<Integer> tempFailCodes = new ArrayList<>();

    @Option(
            names = "--exit-code",
            paramLabel = "STATUS=KIND",
            description = "What an exit status of the --client-command client means (repeatable), KIND one of:"
                    + " DELIVERED, TRANSIENT, PERMANENT, AUTH_FAILED_TEMPORARY, AUTH_FAILED_PERMANENT, TLS_FAILED,"
                    + " LOCAL_REJECT, HANG, UNKNOWN; for example --exit-code 67=LOCAL_REJECT.")
    Map<Integer, Outcome.Kind> exitCodes = new LinkedHashMap<>();

    @Option(
            names = "--client",
            paramLabel = "NAME",
            completionCandidates = BuiltInClients.class,
            description = "A built-in Java client (repeatable; several make one report with a column each):"
                    + " ${COMPLETION-CANDIDATES}.")
    List<String> clients = new ArrayList<>();

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            description = "The configuration of the --client clients: 'defaults' (the library's own, the default) or"
                    + " 'hardened' (for angus: --client angus --profile hardened is --client angus-hardened).")
    String profile;

    @Option(
            names = "--case",
            paramLabel = "GLOB",
            defaultValue = "*",
            description = "The cases to run by id, '*' and '?' as wildcards, comma separated (default: all).")
    String cases;

    @Option(
            names = "--report-dir",
            paramLabel = "DIR",
            description = "Write report.json, junit.xml and report.html into this directory (created if needed).")
    Path reportDir;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "How many cases run at once, each on a server of its own (default: the number of cores,"
                    + " at least 2).")
    Integer parallel;

    @Option(
            names = "--case-timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "A client that has not finished a case by then is stopped and reported as a HANG"
                    + " (default: ${DEFAULT-VALUE}).")
    int caseTimeout;

    @Option(names = "--list-cases", description = "List the cases --case selects, and exit.")
    boolean listCases;

    @Option(names = "--list-clients", description = "List the built-in clients, and exit.")
    boolean listClients;

    @Option(names = "--quiet", description = "No progress lines; only the final table.")
    boolean quiet;

    /** The built-in client names, for the usage help. */
    static final class BuiltInClients implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ClientRegistry.builtIn().names().iterator();
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (listClients) {
            ClientRegistry.builtIn()
                    .entries()
                    .forEach(entry -> out.printf(
                            "%-16s %s%s%n",
                            entry.name(),
                            entry.description(),
                            entry.available() ? "" : " (not available: needs " + entry.library() + ")"));
            out.flush();
            return EXIT_PASSED;
        }
        List<ConformanceCase> selected = selectedCases();
        if (listCases) {
            selected.forEach(conformanceCase -> out.printf(
                    "%-24s %-13s %-9s %s%n",
                    conformanceCase.id(),
                    conformanceCase.phase().section() + " "
                            + conformanceCase.phase().name(),
                    conformanceCase.level(),
                    conformanceCase.title()));
            out.flush();
            return EXIT_PASSED;
        }
        List<ClientAdapter> adapters = adapters();
        ConformanceRunner runner = runner(out, Runtime.getRuntime().availableProcessors());
        checkReportDir();

        List<ConformanceReport> reports = new ArrayList<>();
        for (ClientAdapter adapter : adapters) {
            out.println("Running " + selected.size() + (selected.size() == 1 ? " case" : " cases") + " against "
                    + adapter.name());
            out.flush();
            ConformanceReport report = runner.run(adapter, selected);
            reports.add(report);
            out.println();
            out.print(ConsoleProgress.table(report));
            out.flush();
        }
        if (reportDir != null) {
            ReportWriter.Written written = reports.size() == 1
                    ? ReportWriter.write(reports.get(0), reportDir)
                    : ReportWriter.write(reports, reportDir);
            out.println("Reports: "
                    + String.join(
                            ", ", written.all().stream().map(Path::toString).toList()));
        }
        List<String> failed = reports.stream()
                .flatMap(report -> report.results().stream()
                        .filter(result -> result.verdict() == Verdict.FAIL)
                        .map(CaseResult::id)
                        .map(id -> reports.size() == 1 ? id : report.client() + ": " + id))
                .toList();
        out.println(failed.isEmpty() ? "No case failed." : "Failed: " + String.join(", ", failed));
        out.flush();
        return failed.isEmpty() ? EXIT_PASSED : EXIT_FAILED;
    }

    private List<ConformanceCase> selectedCases() {
        List<ConformanceCase> selected = Catalogue.matching(cases);
        if (selected.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--case " + cases + " matches no case; --list-cases lists them ("
                            + Catalogue.all().size() + " cases)");
        }
        return selected;
    }

    /** The clients the options name: the built-in ones first, then the command. */
    List<ClientAdapter> adapters() {
        boolean commandOptions =
                name != null || !features.isEmpty() || !tempFailCodes.isEmpty() || !exitCodes.isEmpty();
        if (clientCommand == null && commandOptions) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--name, --features, --temp-fail-codes and --exit-code describe a --client-command client;"
                            + " give --client-command too");
        }
        if (clientCommand == null && clients.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Name the client under test: --client NAME ("
                            + String.join(", ", ClientRegistry.builtIn().names()) + ") or --client-command TEMPLATE");
        }
        if (profile != null && clients.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--profile chooses a configuration of --client; give it");
        }
        List<ClientAdapter> adapters = new ArrayList<>();
        for (String client : clients) {
            String wanted = withProfile(client);
            ClientRegistry.Entry entry = ClientRegistry.builtIn()
                    .entry(wanted)
                    .orElseThrow(() -> new ParameterException(
                            spec.commandLine(),
                            "--client " + wanted + ": no such client; the built-in clients are "
                                    + String.join(", ", ClientRegistry.builtIn().names())));
            try {
                adapters.add(entry.create());
            } catch (IllegalStateException e) {
                throw new ParameterException(spec.commandLine(), "--client " + wanted + ": " + e.getMessage());
            }
        }
        if (clientCommand != null) {
            adapters.add(commandAdapter());
        }
        return adapters;
    }

    /** The registry name of a client in the chosen profile: {@code angus} with {@code hardened} is {@code angus-hardened}. */
    private String withProfile(String client) {
        if (profile == null || profile.equalsIgnoreCase("defaults") || profile.equalsIgnoreCase("default")) {
            return client;
        }
        return client.strip() + "-" + profile.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private CommandAdapter commandAdapter() {
        if (clientCommand.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--client-command is empty");
        }
        CommandAdapter adapter = new CommandAdapter(
                name != null ? name : programName(clientCommand),
                clientCommand,
                features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features),
                Duration.ofSeconds(caseTimeout));
        for (int status : tempFailCodes) {
            adapter.mapExitCode(exitStatus(status, "--temp-fail-codes"), Outcome.Kind.TRANSIENT);
        }
        exitCodes.forEach((status, kind) -> adapter.mapExitCode(exitStatus(status, "--exit-code"), kind));
        return adapter;
    }

    private int exitStatus(int status, String option) {
        if (status < 0 || status > 255) {
            throw new ParameterException(
                    spec.commandLine(), option + ": an exit status is 0 to 255, but " + status + " was given");
        }
        return status;
    }

    /** The program a command line runs, for example {@code curl} for {@code /usr/bin/curl -sS ...}. */
    static String programName(String command) {
        String first = command.strip().split("\\s+", 2)[0];
        String program = first.substring(first.lastIndexOf('/') + 1).replaceAll("[\"']", "");
        return program.isEmpty() ? "command" : program;
    }

    private ConformanceRunner runner(PrintWriter out, int cores) {
        if (parallel != null && parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, but was " + parallel);
        }
        if (caseTimeout < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--case-timeout must be at least 1 second, but was " + caseTimeout);
        }
        ProgressListener progress = ProgressListener.NONE;
        if (!quiet) {
            ConsoleProgress console = ConsoleProgress.to(out);
            progress = System.console() != null ? console.withLiveStatus() : console;
        }
        return ConformanceRunner.builder()
                .parallelism(parallel != null ? parallel : Math.max(2, cores))
                .caseTimeout(Duration.ofSeconds(caseTimeout))
                .progress(progress)
                .build();
    }

    private void checkReportDir() {
        if (reportDir != null && Files.exists(reportDir) && !Files.isDirectory(reportDir)) {
            throw new ParameterException(
                    spec.commandLine(), "--report-dir " + reportDir + " is a file, not a directory");
        }
    }
}
