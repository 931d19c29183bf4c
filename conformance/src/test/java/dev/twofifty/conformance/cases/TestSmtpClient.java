package dev.twofifty.conformance.cases;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small SMTP client on raw sockets that does what the RFCs ask (per-command read timeouts, write
 * timeouts, pipelining by groups when offered, replies matched by counting, RSET after an aborted
 * transaction, xtext, SIZE and SMTPUTF8 checks, QUIT and its 221), unless told to misbehave by
 * {@link Flaw}s. It sends to the valid subset of recipients and reports what it saw per recipient.
 */
final class TestSmtpClient implements ClientAdapter {

    /** Commands per pipelined group: small enough for any TCP window. */
    private static final int GROUP = 50;

    private final Set<Flaw> flaws;

    private TestSmtpClient(Set<Flaw> flaws) {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
    }

    /** A client without flaws. */
    static TestSmtpClient careful() {
        return new TestSmtpClient(Set.of());
    }

    /** A client with these flaws. */
    static TestSmtpClient with(Flaw... flaws) {
        return new TestSmtpClient(Set.of(flaws));
    }

    @Override
    public String name() {
        return flaws.isEmpty() ? "careful test client" : "test client with " + flaws;
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.of(Feature.DSN, Feature.SMTPUTF8, Feature.SEVERAL_MESSAGES_PER_CONNECTION, Feature.RAW_CONTENT);
    }

    @Override
    public List<Outcome> send(Endpoint endpoint, MailRequest request) {
        List<Outcome> outcomes = new ArrayList<>();
        Session session = null;
        try {
            for (byte[] message : request.messages()) {
                if (session != null && !session.connection.dead) {
                    pause(endpoint.scaled(request.pauseBetweenMessages()));
                }
                boolean reused = session != null && !session.connection.dead;
                if (!reused) {
                    closeQuietly(session);
                    try {
                        session = new Session(endpoint);
                    } catch (IOException e) {
                        Outcome failure = Outcome.transientFailure(0, e.toString());
                        outcomes.addAll(Collections.nCopies(request.messages().size() - outcomes.size(), failure));
                        return outcomes;
                    }
                }
                Result result = session.transaction(request, message);
                if (reused && result.firstCommandFailed() && !flaws.contains(Flaw.MAIL_FAILURE_PERMANENT)) {
                    // A pooled connection that died while idle: one retry on a new connection.
                    closeQuietly(session);
                    try {
                        session = new Session(endpoint);
                        result = session.transaction(request, message);
                    } catch (IOException e) {
                        result = new Result(Outcome.transientFailure(0, e.toString()), false);
                    }
                }
                outcomes.add(result.outcome());
            }
            if (session != null && !session.connection.dead) {
                quit(session, outcomes);
            }
        } finally {
            closeQuietly(session);
        }
        return outcomes;
    }

    private void quit(Session session, List<Outcome> outcomes) {
        boolean failed = outcomes.stream().anyMatch(outcome -> !outcome.isDelivered());
        if (flaws.contains(Flaw.NO_QUIT) || failed && flaws.contains(Flaw.NO_QUIT_AFTER_ERROR)) {
            return;
        }
        try {
            session.connection.send("QUIT");
            if (flaws.contains(Flaw.CLOSE_BEFORE_221)) {
                return;
            }
            TestConnection.Reply reply = session.connection.read();
            if (reply.code() != 221 && flaws.contains(Flaw.QUIT_FAILURE_FAILS_MESSAGE)) {
                outcomes.set(outcomes.size() - 1, Outcome.transientFailure(reply.code(), "QUIT failed"));
            }
        } catch (IOException e) {
            if (flaws.contains(Flaw.QUIT_FAILURE_FAILS_MESSAGE)) {
                outcomes.set(outcomes.size() - 1, Outcome.transientFailure(0, "QUIT failed: " + e));
            }
        }
    }

    private static void pause(Duration pause) {
        if (!pause.isZero()) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(Session session) {
        if (session != null) {
            session.connection.close();
        }
    }

    /** A transaction's outcome, and whether its very first command already found the connection dead. */
    record Result(Outcome outcome, boolean firstCommandFailed) {}

    /** One connection after its greeting and EHLO. */
    private final class Session {
        final TestConnection connection;
        final Map<String, String> extensions = new LinkedHashMap<>();

        Session(Endpoint endpoint) throws IOException {
            connection = new TestConnection(endpoint.host(), endpoint.port(), endpoint.timeout(), flaws);
            try {
                TestConnection.Reply greeting = connection.read();
                if (greeting.replyClass() != 2) {
                    throw new IOException("greeting " + greeting.lines());
                }
                connection.send("EHLO client.test");
                if (flaws.contains(Flaw.PIPELINE_THROUGH_EHLO)) {
                    connection.send("NOOP");
                }
                TestConnection.Reply ehlo = connection.readEhlo();
                if (flaws.contains(Flaw.PIPELINE_THROUGH_EHLO)) {
                    connection.read();
                }
                if (ehlo.replyClass() == 5) {
                    connection.send("HELO client.test");
                    ehlo = connection.read();
                }
                if (ehlo.replyClass() != 2) {
                    throw new IOException("EHLO " + ehlo.lines());
                }
                for (String line : ehlo.lines().subList(1, ehlo.lines().size())) {
                    String[] words =
                            (line.length() > 4 ? line.substring(4) : "").trim().split(" ", 2);
                    extensions.put(words[0].toUpperCase(Locale.ROOT), words.length > 1 ? words[1] : "");
                }
            } catch (IOException e) {
                connection.close();
                throw e;
            }
        }

        boolean offers(String keyword) {
            return extensions.containsKey(keyword) || flaws.contains(Flaw.PARAMETERS_ALWAYS);
        }

        Result transaction(MailRequest request, byte[] message) {
            boolean utf8 = !ascii(request.from()) || request.to().stream().anyMatch(address -> !ascii(address));
            boolean eightBit = !ascii(new String(message, StandardCharsets.ISO_8859_1));
            if (utf8 && !extensions.containsKey("SMTPUTF8") && !flaws.contains(Flaw.RAW_UTF8)) {
                return new Result(Outcome.localReject("SMTPUTF8 is not offered"), false);
            }
            long limit = sizeLimit();
            if (limit > 0 && message.length > limit && !flaws.contains(Flaw.IGNORES_SIZE)) {
                return new Result(Outcome.localReject("larger than SIZE " + limit), false);
            }
            List<String> commands = new ArrayList<>();
            commands.add(mail(request, message, utf8, eightBit));
            if (flaws.contains(Flaw.MAIL_TWICE)) {
                commands.add(commands.get(0));
            }
            for (String address : request.to()) {
                String notify = request.dsn() != null && request.dsn().notifyOn() != null && offers("DSN")
                        ? " NOTIFY=" + request.dsn().notifyOn()
                        : "";
                commands.add("RCPT TO:<" + address + ">" + notify);
            }
            commands.add("DATA");
            boolean pipelining = extensions.containsKey("PIPELINING") || flaws.contains(Flaw.PIPELINE_WITHOUT_OFFER);
            try {
                return pipelining ? pipelined(request, message, commands) : lockStep(request, message, commands);
            } catch (IOException e) {
                connection.closeQuietly();
                return new Result(Outcome.transientFailure(0, e.toString()), false);
            }
        }

        private String mail(MailRequest request, byte[] message, boolean utf8, boolean eightBit) {
            StringBuilder mail = new StringBuilder("MAIL FROM:<" + request.from() + ">");
            if (offers("SIZE") && !flaws.contains(Flaw.IGNORES_SIZE)) {
                mail.append(" SIZE=")
                        .append(flaws.contains(Flaw.DECLARES_LOW_SIZE) ? message.length / 2 : message.length);
            }
            if (eightBit && offers("8BITMIME")) {
                mail.append(" BODY=8BITMIME");
            }
            if (utf8 && extensions.containsKey("SMTPUTF8") && !flaws.contains(Flaw.NO_SMTPUTF8_PARAMETER)) {
                mail.append(" SMTPUTF8");
            }
            if (request.dsn() != null && offers("DSN")) {
                if (request.dsn().ret() != null) {
                    mail.append(" RET=").append(request.dsn().ret());
                }
                if (request.dsn().envid() != null) {
                    mail.append(" ENVID=").append(xtext(request.dsn().envid()));
                }
            }
            if (request.submitter() != null && offers("AUTH")) {
                mail.append(" AUTH=").append(xtext(request.submitter()));
            }
            return mail.toString();
        }

        private Result lockStep(MailRequest request, byte[] message, List<String> commands) throws IOException {
            List<TestConnection.Reply> replies = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                String command = commands.get(i);
                if (command.equals("DATA") && accepted(request, replies).isEmpty()) {
                    break;
                }
                try {
                    connection.send(command);
                    if (command.equals("DATA")) {
                        connection.startMessage();
                    }
                    replies.add(connection.read());
                } catch (IOException e) {
                    if (i == 0) {
                        connection.closeQuietly();
                        return new Result(Outcome.transientFailure(0, e.toString()), true);
                    }
                    throw e;
                }
                if (i == 0 && !success(replies.get(0), 250)) {
                    return mailRefused(request, replies, i == 0);
                }
            }
            return finish(request, message, replies);
        }

        private Result pipelined(MailRequest request, byte[] message, List<String> commands) throws IOException {
            List<TestConnection.Reply> replies = new ArrayList<>();
            int size = flaws.contains(Flaw.SENDS_ALL_BEFORE_READING) ? commands.size() : GROUP;
            for (int from = 0; from < commands.size(); from += size) {
                List<String> group = commands.subList(from, Math.min(commands.size(), from + size));
                try {
                    connection.send(group);
                    if (group.contains("DATA")) {
                        connection.startMessage();
                    }
                    for (int i = 0; i < group.size(); i++) {
                        TestConnection.Reply reply = connection.read();
                        replies.add(reply);
                        if (reply.code() == 421 && !flaws.contains(Flaw.IGNORES_421)) {
                            // The server is closing: no further replies will come.
                            return replies.size() == 1
                                    ? mailRefused(request, replies, true)
                                    : new Result(Outcome.transientFailure(421, "421 " + reply.lines()), false);
                        }
                    }
                } catch (IOException e) {
                    if (replies.isEmpty()) {
                        connection.closeQuietly();
                        return new Result(Outcome.transientFailure(0, e.toString()), true);
                    }
                    throw e;
                }
            }
            if (!success(replies.get(0), 250)) {
                return mailRefused(request, replies, true);
            }
            return finish(request, message, replies);
        }

        /** MAIL was refused: the sender's failure, or (flawed) the recipients'. */
        private Result mailRefused(MailRequest request, List<TestConnection.Reply> replies, boolean firstCommand)
                throws IOException {
            TestConnection.Reply mail = replies.get(0);
            markDeadOn421(mail);
            int dataIndex =
                    (flaws.contains(Flaw.MAIL_TWICE) ? 2 : 1) + request.to().size();
            if (dataIndex < replies.size() && replies.get(dataIndex).replyClass() == 3 && !connection.dead) {
                // A (faulty) server accepted the pipelined DATA: end the data at once (RFC 2920 §3.1).
                connection.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                connection.read();
                resetAfterAbort();
            }
            if (flaws.contains(Flaw.RECIPIENT_FAILURES) && replies.size() > 1) {
                Map<String, Integer> rejected = new LinkedHashMap<>();
                for (int i = 0; i < request.to().size() && i + 1 < replies.size(); i++) {
                    rejected.put(request.to().get(i), replies.get(i + 1).code());
                }
                int code = replies.get(1).code();
                return new Result(
                        Outcome.permanentFailure(code, "recipients refused").withRejected(rejected), false);
            }
            Outcome outcome = mail.replyClass() == 4 && !flaws.contains(Flaw.MAIL_FAILURE_PERMANENT)
                    ? Outcome.transientFailure(mail.code(), "MAIL " + mail.lines())
                    : Outcome.permanentFailure(mail.code(), "MAIL " + mail.lines());
            return new Result(outcome, firstCommand && mail.code() == 421);
        }

        /** After MAIL was accepted: recipients, DATA, content, final reply. */
        private Result finish(MailRequest request, byte[] message, List<TestConnection.Reply> replies)
                throws IOException {
            int offset = flaws.contains(Flaw.MAIL_TWICE) ? 2 : 1;
            List<String> accepted = new ArrayList<>();
            Map<String, Integer> rejected = new LinkedHashMap<>();
            for (int i = 0; i < request.to().size() && offset + i < replies.size(); i++) {
                TestConnection.Reply reply = replies.get(offset + i);
                markDeadOn421(reply);
                if (success(reply, 250) || flaws.contains(Flaw.EXACT_CODES) && reply.code() == 251) {
                    accepted.add(request.to().get(i));
                } else {
                    rejected.put(request.to().get(i), reply.code());
                }
            }
            int dataIndex = offset + request.to().size();
            TestConnection.Reply data = dataIndex < replies.size() ? replies.get(dataIndex) : null;
            boolean go =
                    data != null && (flaws.contains(Flaw.EXACT_CODES) ? data.code() == 354 : data.replyClass() == 3);
            if (accepted.isEmpty()) {
                if (go) {
                    byte[] content = flaws.contains(Flaw.CONTENT_TO_NOBODY) ? stuffed(message) : new byte[0];
                    connection.write(concat(content, ".\r\n".getBytes(StandardCharsets.US_ASCII)));
                    connection.read();
                    connection.endMessage();
                }
                resetAfterAbort();
                return new Result(refused(rejected, "every recipient was refused"), false);
            }
            if (!go) {
                resetAfterAbort();
                int code = data == null ? 0 : data.code();
                return new Result(
                        (code / 100 == 4
                                        ? Outcome.transientFailure(code, "DATA refused")
                                        : code / 100 == 5
                                                ? Outcome.permanentFailure(code, "DATA refused")
                                                : Outcome.unknown("DATA answered " + code))
                                .withRejected(rejected),
                        false);
            }
            TestConnection.Reply end;
            try {
                connection.write(concat(stuffed(message), ".\r\n".getBytes(StandardCharsets.US_ASCII)));
                end = connection.read();
            } catch (IOException e) {
                connection.closeQuietly();
                return new Result(
                        flaws.contains(Flaw.DROP_AFTER_DATA_IS_SUCCESS)
                                ? Outcome.delivered()
                                : Outcome.transientFailure(0, e.toString()),
                        false);
            }
            connection.endMessage();
            markDeadOn421(end);
            if (success(end, 250)) {
                return new Result(
                        rejected.isEmpty() ? Outcome.delivered() : Outcome.partial(accepted, rejected, "some refused"),
                        false);
            }
            Outcome failed = end.replyClass() == 4
                    ? Outcome.transientFailure(end.code(), "end of data " + end.lines())
                    : Outcome.permanentFailure(end.code(), "end of data " + end.lines());
            return new Result(failed.withRejected(rejected), false);
        }

        private Outcome refused(Map<String, Integer> rejected, String detail) {
            boolean temporary = rejected.values().stream().anyMatch(code -> code / 100 == 4);
            int first = rejected.values().stream().findFirst().orElse(0);
            return (temporary ? Outcome.transientFailure(first, detail) : Outcome.permanentFailure(first, detail))
                    .withRejected(rejected);
        }

        private void resetAfterAbort() throws IOException {
            if (flaws.contains(Flaw.NO_RSET) || connection.dead) {
                return;
            }
            connection.send("RSET");
            markDeadOn421(connection.read());
        }

        private void markDeadOn421(TestConnection.Reply reply) {
            if (reply.code() == 421 && !flaws.contains(Flaw.IGNORES_421)) {
                connection.closeQuietly();
            }
        }

        /** Whether the reply says yes, judged as the client's flaws judge it. */
        private boolean success(TestConnection.Reply reply, int exact) {
            if (flaws.contains(Flaw.TEXT_DECIDES)) {
                String text = reply.text().toLowerCase(Locale.ROOT);
                if (text.contains("error") || text.contains("reject")) {
                    return false;
                }
                if (text.startsWith("ok") || text.contains("accepted")) {
                    return true;
                }
            }
            return flaws.contains(Flaw.EXACT_CODES) ? reply.code() == exact : reply.replyClass() == 2;
        }

        private List<String> accepted(MailRequest request, List<TestConnection.Reply> replies) {
            int offset = flaws.contains(Flaw.MAIL_TWICE) ? 2 : 1;
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < request.to().size() && offset + i < replies.size(); i++) {
                if (success(replies.get(offset + i), 250)) {
                    accepted.add(request.to().get(i));
                }
            }
            return accepted;
        }

        private long sizeLimit() {
            String value = extensions.get("SIZE");
            try {
                return value == null || value.isBlank() ? 0 : Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private String xtext(String value) {
            if (flaws.contains(Flaw.RAW_DSN_VALUES)) {
                return value;
            }
            StringBuilder out = new StringBuilder();
            for (char c : value.toCharArray()) {
                out.append(
                        c > ' ' && c < '~' + 1 && c != '+' && c != '='
                                ? String.valueOf(c)
                                : String.format("+%02X", (int) c));
            }
            return out.toString();
        }
    }

    private static boolean ascii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** The message dot-stuffed, ending with CRLF. */
    static byte[] stuffed(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\r\n")) {
            text += "\r\n";
        }
        text = (text.startsWith(".") ? "." : "") + text.replace("\r\n.", "\r\n..");
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
