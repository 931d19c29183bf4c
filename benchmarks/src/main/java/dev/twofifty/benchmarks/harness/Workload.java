package dev.twofifty.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code smtp-source} run: how many sessions in parallel, how many messages in all, how many
 * recipients each, and whether each message gets a connection of its own.
 *
 * @param figure the throughput figure this run measures
 * @param sessions parallel sessions ({@code -s})
 * @param messages messages in all, over all sessions ({@code -m})
 * @param recipients recipients per message ({@code -r}); smtp-source numbers them, so they differ
 * @param newConnectionPerMessage whether each message has a connection of its own (no {@code -d})
 */
record Workload(Figure figure, int sessions, int messages, int recipients, boolean newConnectionPerMessage) {

    /** Bytes of message body ({@code -l}); smtp-source adds a few headers of its own. */
    static final int BODY_BYTES = 1_024;

    /** The four throughput workloads of PRODUCT.md §7 at this scale. */
    static List<Workload> all(Scale scale) {
        return List.of(
                new Workload(Figure.PARALLEL, 20, scale.parallelMessages(), 1, false),
                new Workload(Figure.SEQUENTIAL, 1, scale.sequentialMessages(), 1, false),
                new Workload(Figure.TEN_RECIPIENTS, 20, scale.tenRecipientMessages(), 10, false),
                new Workload(Figure.NEW_CONNECTION, 20, scale.newConnectionMessages(), 1, true));
    }

    /** The same workload with fewer messages, to warm a server up. */
    Workload scaledDown(int divisor) {
        return new Workload(
                figure, sessions, Math.max(sessions, messages / divisor), recipients, newConnectionPerMessage);
    }

    /** The arguments of smtp-source for this workload against {@code 127.0.0.1:port}. */
    List<String> arguments(int port) {
        List<String> arguments = new ArrayList<>(List.of(
                "-s",
                String.valueOf(sessions),
                "-m",
                String.valueOf(messages),
                "-r",
                String.valueOf(recipients),
                "-l",
                String.valueOf(BODY_BYTES),
                "-f",
                "bench@example.com",
                "-t",
                "sink@example.org",
                "-M",
                "client.example"));
        if (!newConnectionPerMessage) {
            // smtp-source disconnects after every message unless told otherwise.
            arguments.add("-d");
        }
        arguments.add("127.0.0.1:" + port);
        return arguments;
    }
}
