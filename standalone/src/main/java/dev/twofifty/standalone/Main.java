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
        CommandLine line = new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // The last of a repeated option wins, so "docker run image --bind 127.0.0.1" can override the image.
                .setOverwrittenOptionsAllowed(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((exception, failed, parseResult) -> {
                    if (failed.getCommand() instanceof ConformanceCommand) {
                        failed.getErr().println("Cannot run the conformance cases: " + exception);
                        return ConformanceCommand.EXIT_ERROR;
                    }
                    failed.getErr().println("Cannot start: " + exception.getMessage());
                    return 1;
                });
        CommandLine.IParameterExceptionHandler usage = line.getParameterExceptionHandler();
        // The conformance command has many options: its errors name the option and point to --help.
        line.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            if (!(failed.getCommand() instanceof ConformanceCommand)) {
                return usage.handleParseException(exception, args);
            }
            failed.getErr().println(exception.getMessage());
            failed.getErr().println("Try 'twofifty conformance --help' for the options.");
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        return line;
    }
}
