package dev.twofifty.standalone;

import java.io.PrintWriter;
import picocli.CommandLine;

/** The entry point of {@code twofifty-standalone.jar}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(new ServeCommand(), out, err).execute(args);
    }

    /** The command line as the jar configures it. */
    static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        return new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // The last of a repeated option wins, so "docker run image --bind 127.0.0.1" can override the image.
                .setOverwrittenOptionsAllowed(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((exception, line, parseResult) -> {
                    line.getErr().println("Cannot start: " + exception.getMessage());
                    return 1;
                });
    }
}
