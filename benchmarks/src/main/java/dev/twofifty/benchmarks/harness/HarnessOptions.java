package dev.twofifty.benchmarks.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a run measures and with what: its scale, the servers, the Postfix tools, the servers' JVM
 * options and where results and logs go.
 *
 * @param scale how much is measured
 * @param servers the servers, in the order of the first repetition
 * @param smtpSource Postfix's load generator; without it the throughput figures are left out
 * @param smtpSink Postfix's sink; required when {@code servers} names it
 * @param jvmOptions options of every Java server's JVM and of the JMH forks
 * @param classPath the class path of the servers' JVMs: the harness's own
 * @param output the markdown report
 * @param logDirectory where the servers' standard error goes
 * @param command how the run was started, for the report
 */
record HarnessOptions(
        Scale scale,
        List<ServerKind> servers,
        Optional<Path> smtpSource,
        Optional<Path> smtpSink,
        List<String> jvmOptions,
        String classPath,
        Path output,
        Path logDirectory,
        String command) {

    /**
     * The same for every Java server: a fixed heap, so that no server gains from a larger one, touched
     * up front, so that resident memory grows with connections only, not with the first use of the heap;
     * G1 named, as ergonomics would pick another collector on a smaller machine.
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch");

    static final String USAGE = """
            usage: Harness [--quick | --full | --smoke] [--repetitions N] [--servers twofifty,greenmail,wiser,smtp-sink]
                           [--no-jmh] [--jvm-options "OPTIONS"] [--smtp-source PATH] [--smtp-sink PATH]
                           [--out FILE] [--log-dir DIR]
              --quick          3 repetitions and smaller workloads (a few minutes); the default is --full
              --full           5 repetitions at the published scale
              --smoke          a few seconds at a tiny scale, to check the setup; no meaningful figure
              --repetitions N  repeat everything N times, the servers alternated
              --servers LIST   measure only these servers (TwoFifty always, as the ratios need it)
              --no-jmh         leave the in-process start/stop benchmark out
              --jvm-options    options of every server's JVM (default: %s)
              --smtp-source, --smtp-sink
                               the Postfix tools (default: found on PATH or in /usr/sbin)
              --out FILE       the markdown report (default: benchmarks/target/results.md)
              --log-dir DIR    the servers' standard error (default: benchmarks/target/bench-logs)
            """.formatted(String.join(" ", DEFAULT_JVM_OPTIONS));

    static HarnessOptions parse(String... args) {
        Scale scale = Scale.FULL;
        Integer repetitions = null;
        List<ServerKind> servers = List.of(ServerKind.values());
        boolean jmh = true;
        List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        Optional<Path> smtpSource = locate("smtp-source");
        Optional<Path> smtpSink = locate("smtp-sink");
        Path output = Path.of("benchmarks", "target", "results.md");
        Path logs = Path.of("benchmarks", "target", "bench-logs");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> scale = Scale.QUICK;
                case "--full" -> scale = Scale.FULL;
                case "--smoke" -> scale = Scale.SMOKE;
                case "--repetitions" -> repetitions = Integer.parseInt(value(args, ++i));
                case "--servers" ->
                    servers = Arrays.stream(value(args, ++i).split(","))
                            .map(String::trim)
                            .map(ServerKind::byId)
                            .toList();
                case "--no-jmh" -> jmh = false;
                case "--jvm-options" ->
                    jvmOptions = List.of(value(args, ++i).trim().split("\\s+"));
                case "--smtp-source" -> smtpSource = Optional.of(Path.of(value(args, ++i)));
                case "--smtp-sink" -> smtpSink = Optional.of(Path.of(value(args, ++i)));
                case "--out" -> output = Path.of(value(args, ++i));
                case "--log-dir" -> logs = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("Unknown option '" + args[i] + "'\n" + USAGE);
            }
        }
        if (repetitions != null) {
            scale = scale.withRepetitions(repetitions);
        }
        if (!jmh) {
            scale = scale.withoutJmh();
        }
        if (smtpSource.isEmpty()) {
            throw new IllegalArgumentException(
                    "smtp-source not found: install Postfix (benchmarks/run does) " + "or name it with --smtp-source");
        }
        if (servers.contains(ServerKind.SMTP_SINK) && smtpSink.isEmpty()) {
            throw new IllegalArgumentException("smtp-sink not found: install Postfix (benchmarks/run does), "
                    + "name it with --smtp-sink, or leave it out with --servers");
        }
        return new HarnessOptions(
                scale,
                withTwoFifty(servers),
                smtpSource,
                smtpSink,
                jvmOptions,
                System.getProperty("java.class.path"),
                output,
                logs,
                // benchmarks/run names itself, so that the report shows the command a reader would type.
                Optional.ofNullable(System.getenv("BENCHMARKS_COMMAND")).orElse("Harness " + String.join(" ", args)));
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    /** TwoFifty first: every ratio divides by its value. */
    private static List<ServerKind> withTwoFifty(List<ServerKind> servers) {
        List<ServerKind> all = new ArrayList<>(List.of(ServerKind.TWOFIFTY));
        servers.stream().distinct().filter(s -> s != ServerKind.TWOFIFTY).forEach(all::add);
        return List.copyOf(all);
    }

    /** Finds a Postfix tool on the PATH, or in {@code /usr/sbin}, where Debian puts it but users' PATHs often do not reach. */
    static Optional<Path> locate(String tool) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Arrays.stream(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/usr/local/sbin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The peers in this run: every server but TwoFifty. */
    List<ServerKind> peers() {
        return servers.stream().filter(s -> s != ServerKind.TWOFIFTY).toList();
    }
}
