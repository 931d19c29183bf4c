package dev.twofifty.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts a fresh process of a server for one phase of one repetition, its log named after both. */
final class ServerLauncher {

    private final HarnessOptions options;

    ServerLauncher(HarnessOptions options) {
        this.options = options;
    }

    ServerProcess start(ServerKind server, String phase, int repetition) throws IOException {
        Files.createDirectories(options.logDirectory());
        Path log = options.logDirectory().resolve(server.id() + "-" + phase + "-" + (repetition + 1) + ".log");
        Files.deleteIfExists(log);
        if (server.isJava()) {
            return JavaServerProcess.start(server, options.jvmOptions(), options.classPath(), log);
        }
        return SmtpSinkProcess.start(options.smtpSink().orElseThrow(), log);
    }
}
