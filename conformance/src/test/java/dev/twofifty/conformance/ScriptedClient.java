package dev.twofifty.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A tiny client for the framework's own tests: it sends a fixed list of lines, one per reply (or all
 * at once), and reports a fixed outcome; some tests make it misbehave on purpose.
 */
class ScriptedClient implements ClientAdapter {

    private final String name;
    private final List<String> lines;
    private final boolean waitForReplies;
    private final Outcome outcome;
    private final Set<Feature> features;

    ScriptedClient(String name, List<String> lines, boolean waitForReplies, Outcome outcome, Set<Feature> features) {
        this.name = name;
        this.lines = lines;
        this.waitForReplies = waitForReplies;
        this.outcome = outcome;
        this.features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
    }

    /** A polite client: one command per reply, QUIT at the end. */
    static ScriptedClient polite(String... lines) {
        return new ScriptedClient("polite", List.of(lines), true, Outcome.delivered(), Set.of());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Feature> features() {
        return features;
    }

    @Override
    public List<Outcome> send(Endpoint endpoint, MailRequest request) {
        try (Socket socket = new Socket(endpoint.host(), endpoint.port())) {
            socket.setSoTimeout((int) endpoint.timeout().toMillis());
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            readReply(in);
            if (!waitForReplies) {
                out.write(String.join(
                                "", lines.stream().map(line -> line + "\r\n").toList())
                        .getBytes(StandardCharsets.UTF_8));
            }
            boolean inData = false;
            for (String line : lines) {
                if (waitForReplies) {
                    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
                if (inData && !line.equals(".")) {
                    continue;
                }
                readReply(in);
                inData = line.equalsIgnoreCase("DATA");
            }
            return List.of(outcome);
        } catch (IOException e) {
            return List.of(Outcome.transientFailure(0, e.toString()));
        }
    }

    private static void readReply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }
}
