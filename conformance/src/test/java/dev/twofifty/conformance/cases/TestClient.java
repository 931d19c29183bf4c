package dev.twofifty.conformance.cases;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw-socket SMTP client for proving the oracles: without faults it does what the RFCs ask (lock-step,
 * RSET after a refusal, dot-stuffing, CRLF only, 7-bit unless 8BITMIME is declared, BDAT when asked and
 * offered, the rest of 150 recipients in a second transaction); each {@link Fault} makes it misbehave in
 * one way a case is about.
 */
final class TestClient implements ClientAdapter {

    /** One way to misbehave. */
    enum Fault {
        /** RCPT and DATA although MAIL was refused. */
        IGNORE_MAIL_REFUSAL,
        /** Sends a refused MAIL again at once. */
        REPEAT_REFUSED_MAIL,
        /** {@code MAIL FROM: <a@b>} and lower-cased addresses. */
        SLOPPY_MAIL_SYNTAX,
        /** Remembers refused senders and refuses their later messages without asking the server. */
        NEGATIVE_CACHE,
        /** Writes caller values with CR or LF as they are. */
        PASS_CRLF,
        /** Removes CR and LF from caller values and sends the rest. */
        STRIP_CRLF,
        /** One transaction per recipient. */
        TRANSACTION_PER_RECIPIENT,
        /** DATA and the content whatever RCPT and DATA got. */
        DATA_ANYWAY,
        /** Reports DELIVERED when some recipients were accepted and others refused. */
        PARTIAL_AS_DELIVERED,
        /** Only 250 counts as success. */
        ONLY_250_IS_SUCCESS,
        /** Sends to the address a 551 suggests. */
        FOLLOW_551,
        /** Gives up on the whole message when a recipient over 100 is refused for now. */
        GIVE_UP_ON_TOO_MANY,
        /** Reports 4yz as permanent. */
        FOUR_XX_AS_PERMANENT,
        /** Reports a lost connection after the data as delivered. */
        EOF_AS_SUCCESS,
        /** Goes on with RSET and the next commands after a 421. */
        TALK_AFTER_421,
        /** Sends DATA, the content and the dot in one write, without waiting for 354. */
        CONTENT_BEFORE_354,
        /** No dot-stuffing. */
        NO_DOT_STUFFING,
        /** Passes bare CR and LF on. */
        KEEP_BARE_LINE_ENDS,
        /** Sends lines over 1000 octets. */
        NO_LINE_LENGTH_CHECK,
        /** Appends CRLF to the content even when it ends in one. */
        ALWAYS_APPEND_CRLF,
        /** Sends 8-bit content without BODY=8BITMIME. */
        RAW_8BIT,
        /** BDAT even when CHUNKING is not offered; BODY=BINARYMIME when it is. */
        BDAT_ALWAYS,
        /** Dot-stuffs BDAT content. */
        BDAT_STUFFED,
        /** Goes on sending chunks after a failed one. */
        BDAT_AFTER_FAILURE,
        /** Sends the message again at once after a refusal at the end of data. */
        RESEND_AT_ONCE,
        /** Sends every message twice. */
        DUPLICATE,
        /** Waits only 300 ms for the reply to the end of data. */
        SHORT_TIMEOUT
    }

    private static final Pattern ANGLE = Pattern.compile("<([^>]+)>");

    private final Set<Fault> faults;
    private final Set<String> refusedSenders = Collections.synchronizedSet(new HashSet<>());

    private TestClient(Set<Fault> faults) {
        this.faults = faults;
    }

    static TestClient careful() {
        return new TestClient(EnumSet.noneOf(Fault.class));
    }

    static TestClient with(Fault first, Fault... more) {
        return new TestClient(EnumSet.of(first, more));
    }

    @Override
    public String name() {
        return faults.isEmpty() ? "careful" : "faulty " + faults;
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.of(Feature.SEVERAL_MESSAGES_PER_CONNECTION, Feature.RAW_CONTENT, Feature.CHUNKING, Feature.DSN);
    }

    @Override
    public List<Outcome> send(Endpoint endpoint, MailRequest request) {
        int count = request.messages().size();
        String ret = request.dsn() == null ? null : request.dsn().ret();
        String name = request.clientName() == null ? "client.test" : request.clientName();
        List<String> values = new ArrayList<>(request.to());
        values.add(request.from());
        values.add(name);
        values.add(ret == null ? "" : ret);
        if (!has(Fault.PASS_CRLF)
                && !has(Fault.STRIP_CRLF)
                && values.stream().anyMatch(value -> value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            return Collections.nCopies(count, Outcome.localReject("CR or LF in a caller value"));
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (Session session = new Session(endpoint)) {
            Reply greeting = session.read();
            if (greeting.code() / 100 != 2) {
                session.command("QUIT");
                return Collections.nCopies(count, byClass(greeting.code(), "greeting"));
            }
            Reply ehlo = session.command("EHLO " + clean(name));
            if (ehlo.code() / 100 != 2) {
                session.command("QUIT");
                return Collections.nCopies(count, byClass(ehlo.code(), "EHLO"));
            }
            Set<String> caps = new HashSet<>();
            ehlo.lines().stream()
                    .skip(1)
                    .forEach(line -> caps.add(line.substring(4).split(" ")[0].toUpperCase(Locale.ROOT)));
            for (byte[] message : request.messages()) {
                outcomes.add(
                        session.dead ? outcomes.get(outcomes.size() - 1) : message(session, request, caps, message));
            }
            if (!session.dead) {
                session.command("QUIT");
            }
        } catch (IOException e) {
            while (outcomes.size() < count) {
                outcomes.add(Outcome.transientFailure(0, e.toString()));
            }
        }
        return outcomes;
    }

    private Outcome message(Session session, MailRequest request, Set<String> caps, byte[] message) throws IOException {
        String from = clean(request.from());
        if (has(Fault.NEGATIVE_CACHE) && refusedSenders.contains(from)) {
            return Outcome.permanentFailure(550, "sender refused before (cached)");
        }
        boolean eightBit = false;
        for (byte octet : message) {
            eightBit |= octet < 0;
        }
        if (eightBit && !caps.contains("8BITMIME") && !has(Fault.RAW_8BIT)) {
            return Outcome.localReject("8-bit content and no 8BITMIME");
        }
        if (!has(Fault.NO_LINE_LENGTH_CHECK)
                && new String(message, StandardCharsets.ISO_8859_1).lines().anyMatch(line -> line.length() > 998)) {
            return Outcome.localReject("a line over 998 octets");
        }
        boolean bdat = request.chunkSize() > 0 && (caps.contains("CHUNKING") || has(Fault.BDAT_ALWAYS));
        StringBuilder parameters = new StringBuilder();
        if (eightBit && caps.contains("8BITMIME") && !has(Fault.RAW_8BIT)) {
            parameters.append(" BODY=8BITMIME");
        }
        if (has(Fault.BDAT_ALWAYS) && caps.contains("CHUNKING")) {
            parameters.append(" BODY=BINARYMIME");
        }
        if (request.dsn() != null && request.dsn().ret() != null && caps.contains("DSN")) {
            parameters.append(" RET=").append(clean(request.dsn().ret()));
        }
        List<String> to = request.to().stream().map(this::clean).toList();
        if (has(Fault.DUPLICATE)) {
            transaction(session, request, from, to, parameters.toString(), message, bdat);
        }
        if (!has(Fault.TRANSACTION_PER_RECIPIENT)) {
            return transaction(session, request, from, to, parameters.toString(), message, bdat);
        }
        Outcome last = Outcome.delivered();
        for (String recipient : to) {
            last = transaction(session, request, from, List.of(recipient), parameters.toString(), message, bdat);
        }
        return last;
    }

    private Outcome transaction(
            Session session,
            MailRequest request,
            String from,
            List<String> to,
            String parameters,
            byte[] message,
            boolean bdat)
            throws IOException {
        String mail = has(Fault.SLOPPY_MAIL_SYNTAX)
                ? "MAIL FROM: <" + from.toLowerCase(Locale.ROOT) + ">" + parameters
                : "MAIL FROM:<" + from + ">" + parameters;
        Reply reply = session.command(mail);
        if (reply.code() == 421) {
            return after421(session, "MAIL");
        }
        if (reply.code() / 100 != 2) {
            if (has(Fault.REPEAT_REFUSED_MAIL)) {
                session.command(mail);
            }
            if (reply.code() / 100 == 5) {
                refusedSenders.add(from);
            }
            if (!has(Fault.IGNORE_MAIL_REFUSAL)) {
                session.command("RSET");
                return byClass(reply.code(), "MAIL");
            }
        }
        List<String> accepted = new ArrayList<>();
        List<String> deferred = new ArrayList<>();
        Map<String, Integer> rejected = new LinkedHashMap<>();
        for (String recipient : to) {
            Reply rcpt = session.command("RCPT TO:<" + recipient + ">");
            int code = rcpt.code();
            if (code == 421) {
                if (!has(Fault.TALK_AFTER_421)) {
                    return after421(session, "RCPT");
                }
                session.dead = true;
                continue;
            }
            Matcher forward = ANGLE.matcher(rcpt.text());
            if (code == 551 && has(Fault.FOLLOW_551) && forward.find()) {
                if (session.command("RCPT TO:<" + forward.group(1) + ">").code() / 100 == 2) {
                    accepted.add(forward.group(1));
                }
            }
            if (code / 100 == 2 && (code == 250 || !has(Fault.ONLY_250_IS_SUCCESS))) {
                accepted.add(recipient);
            } else if ((code == 452 || code == 552) && accepted.size() >= 100) {
                deferred.add(recipient);
            } else {
                rejected.put(recipient, code);
            }
        }
        if (session.dead) {
            return Outcome.transientFailure(421, "421 to RCPT");
        }
        if (!deferred.isEmpty() && has(Fault.GIVE_UP_ON_TOO_MANY)) {
            session.command("RSET");
            return Outcome.transientFailure(452, "too many recipients");
        }
        if (accepted.isEmpty() && !has(Fault.DATA_ANYWAY)) {
            session.command("RSET");
            int first = rejected.values().iterator().next();
            boolean allPermanent = rejected.values().stream().allMatch(code -> code / 100 != 4);
            return (allPermanent ? Outcome.permanentFailure(first, "all refused") : byClass(first, "RCPT"))
                    .withRejected(rejected);
        }
        Outcome outcome = bdat ? bdat(session, request, message) : data(session, message);
        if (outcome.kind() != Outcome.Kind.DELIVERED) {
            return outcome;
        }
        if (!deferred.isEmpty()) {
            Outcome rest = transaction(session, request, from, deferred, parameters, message, bdat);
            if (!rest.isDelivered()) {
                deferred.forEach(address -> rejected.put(address, rest.code()));
            }
        }
        if (rejected.isEmpty() || has(Fault.PARTIAL_AS_DELIVERED)) {
            return Outcome.delivered();
        }
        if (has(Fault.FOUR_XX_AS_PERMANENT) && rejected.values().stream().anyMatch(code -> code / 100 == 4)) {
            return Outcome.permanentFailure(rejected.values().iterator().next(), "invalid address")
                    .withRejected(rejected);
        }
        return Outcome.partial(accepted, rejected, "some refused");
    }

    private Outcome data(Session session, byte[] message) throws IOException {
        byte[] content = content(message, !has(Fault.NO_DOT_STUFFING));
        if (has(Fault.CONTENT_BEFORE_354)) {
            session.write(join("DATA\r\n".getBytes(StandardCharsets.US_ASCII), content, ".\r\n"));
            Reply go = session.read();
            if (go.code() != 354) {
                session.command("RSET");
                return byClass(go.code(), "DATA");
            }
            return endOfData(session, session.read(), message);
        }
        Reply go = session.command("DATA");
        if (go.code() == 421) {
            return after421(session, "DATA");
        }
        if (go.code() != 354) {
            if (has(Fault.DATA_ANYWAY)) {
                session.write(join(content, ".\r\n"));
                session.read();
            }
            session.command("RSET");
            return byClass(go.code(), "DATA");
        }
        if (has(Fault.SHORT_TIMEOUT)) {
            session.socket.setSoTimeout(300);
        }
        session.write(join(content, ".\r\n"));
        return endOfData(session, session.readOrEof(), message);
    }

    private Outcome endOfData(Session session, Reply reply, byte[] message) throws IOException {
        if (reply == null) {
            session.dead = true;
            return has(Fault.EOF_AS_SUCCESS)
                    ? Outcome.delivered()
                    : Outcome.transientFailure(0, "no reply to the data");
        }
        if (reply.code() == 421) {
            return after421(session, "the end of data");
        }
        if (reply.code() / 100 != 2 && has(Fault.RESEND_AT_ONCE)) {
            session.command("RSET");
            return data(session, message);
        }
        return reply.code() / 100 == 2 ? Outcome.delivered() : byClass(reply.code(), "end of data");
    }

    private Outcome bdat(Session session, MailRequest request, byte[] message) throws IOException {
        byte[] content = content(message, has(Fault.BDAT_STUFFED));
        int size = request.chunkSize();
        Outcome failure = null;
        for (int offset = 0; offset < content.length || offset == 0; offset += size) {
            int length = Math.min(size, content.length - offset);
            boolean last = offset + length >= content.length;
            String command = "BDAT " + length + (last ? " LAST" : "") + "\r\n";
            byte[] chunk = new byte[length];
            System.arraycopy(content, offset, chunk, 0, length);
            session.write(join(command.getBytes(StandardCharsets.US_ASCII), chunk));
            Reply reply = session.read();
            if (reply.code() / 100 != 2 && failure == null) {
                failure = byClass(reply.code(), "BDAT");
                if (!has(Fault.BDAT_AFTER_FAILURE)) {
                    break;
                }
            }
            if (last) {
                break;
            }
        }
        if (failure != null) {
            session.command("RSET");
            return failure;
        }
        return Outcome.delivered();
    }

    private Outcome after421(Session session, String where) throws IOException {
        if (has(Fault.TALK_AFTER_421)) {
            try {
                session.command("RSET");
            } catch (IOException closed) {
                // The server had closed; what was written is in its transcript.
            }
        }
        session.dead = true;
        return Outcome.transientFailure(421, "421 to " + where);
    }

    /** The content as it goes on the wire, without the final dot: CRLF line ends, stuffed if asked. */
    private byte[] content(byte[] message, boolean stuff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte octet = message[i];
            boolean bareCr = octet == '\r' && (i + 1 >= message.length || message[i + 1] != '\n');
            boolean bareLf = octet == '\n' && (i == 0 || message[i - 1] != '\r');
            if ((bareCr || bareLf) && !has(Fault.KEEP_BARE_LINE_ENDS)) {
                out.write('\r');
                out.write('\n');
                lineStart = true;
                continue;
            }
            if (lineStart && octet == '.' && stuff) {
                out.write('.');
            }
            out.write(octet);
            lineStart = octet == '\n';
        }
        byte[] bytes = out.toByteArray();
        boolean endsInCrlf = bytes.length >= 2 && bytes[bytes.length - 2] == '\r' && bytes[bytes.length - 1] == '\n';
        if (bytes.length > 0 && (!endsInCrlf || has(Fault.ALWAYS_APPEND_CRLF))) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private String clean(String value) {
        return has(Fault.STRIP_CRLF) ? value.replace("\r", "").replace("\n", "") : value;
    }

    private Outcome byClass(int code, String where) {
        String detail = code + " to " + where;
        if (code / 100 == 2) {
            return Outcome.delivered();
        }
        return code / 100 == 4 && !has(Fault.FOUR_XX_AS_PERMANENT)
                ? Outcome.transientFailure(code, detail)
                : Outcome.permanentFailure(code, detail);
    }

    private boolean has(Fault fault) {
        return faults.contains(fault);
    }

    private static byte[] join(byte[] first, String text) {
        return join(first, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] join(byte[] first, byte[] second, String third) {
        return join(first, second, third.getBytes(StandardCharsets.US_ASCII));
    }

    /** A reply: its lines, the code of the last one and its text. */
    record Reply(List<String> lines) {
        int code() {
            String last = lines.get(lines.size() - 1);
            return last.length() >= 3 ? Integer.parseInt(last.substring(0, 3)) : 0;
        }

        String text() {
            String last = lines.get(lines.size() - 1);
            return last.length() > 4 ? last.substring(4) : "";
        }
    }

    /** One connection. */
    private static final class Session implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean dead;

        Session(Endpoint endpoint) throws IOException {
            socket = new Socket(endpoint.host(), endpoint.port());
            socket.setSoTimeout((int) endpoint.timeout().toMillis());
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        Reply command(String line) throws IOException {
            write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            return read();
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        Reply read() throws IOException {
            Reply reply = readOrEof();
            if (reply == null) {
                dead = true;
                throw new IOException("connection closed by the server");
            }
            return reply;
        }

        /** The next reply, or null when the connection ended or timed out. */
        Reply readOrEof() throws IOException {
            List<String> lines = new ArrayList<>();
            try {
                String line;
                do {
                    line = readLine();
                    if (line == null) {
                        return null;
                    }
                    lines.add(line);
                } while (line.length() > 3 && line.charAt(3) == '-');
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                return null;
            }
            return new Reply(lines);
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int octet;
            while ((octet = in.read()) != -1) {
                if (octet == '\n') {
                    return line.toString(StandardCharsets.UTF_8).replaceFirst("\r$", "");
                }
                line.write(octet);
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
