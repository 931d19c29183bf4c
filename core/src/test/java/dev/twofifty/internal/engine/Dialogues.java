package dev.twofifty.internal.engine;

import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of servers and of client dialogues for the engine properties: configurations
 * with small limits (so that random dialogues reach them), and client units: commands, valid and
 * invalid, hostile variants of them (NUL, bare CR and LF, 8-bit octets, overlong lines), BDAT with
 * its chunk, DATA content with dots and smuggling sequences, and SASL responses.
 */
final class Dialogues {

    static final String USER = "ann";
    static final String PASSWORD = "s3cret-Pa55word";

    /** What a test may put in an AUTH exchange; none of it may reach the journal in any form. */
    static final List<String> SECRETS = List.of(
            PASSWORD,
            base64("\0" + USER + "\0" + PASSWORD),
            base64(PASSWORD),
            base64("user=" + USER + "\u0001auth=Bearer " + PASSWORD + "\u0001\u0001"));

    private Dialogues() {}

    /**
     * A server: strictness, AUTH, STARTTLS, disabled extensions and limits.
     *
     * @param requireAuth whether AUTH, when on, is required for MAIL
     */
    record Setup(
            boolean lenient,
            boolean auth,
            boolean requireAuth,
            boolean startTls,
            Set<SmtpExtension> disabled,
            Limits limits) {

        ServerConfig config() {
            ServerConfig.Builder builder = ServerConfig.builder().limits(limits);
            if (lenient) {
                builder.lenient();
            }
            if (auth) {
                builder.credentials(USER, PASSWORD).requireAuth(requireAuth);
            }
            if (startTls) {
                builder.enable(SmtpExtension.STARTTLS);
            }
            disabled.forEach(builder::disable);
            return builder.build();
        }

        /** The longest command line the session reads as one line. */
        int lineLimit() {
            return auth
                    ? Math.max(limits.maxCommandLineLength(), limits.maxAuthLineLength())
                    : limits.maxCommandLineLength();
        }
    }

    static Arbitrary<Setup> setups(boolean withStartTls) {
        Arbitrary<Limits> limits = Combinators.combine(
                        Arbitraries.frequency(Tuple.of(1, 32), Tuple.of(1, 100), Tuple.of(3, 512)),
                        Arbitraries.frequency(Tuple.of(1, 8), Tuple.of(1, 78), Tuple.of(3, 1000)),
                        Arbitraries.of(40, 12_288),
                        Arbitraries.frequency(Tuple.of(1, 40L), Tuple.of(2, 500L), Tuple.of(2, 10_240_000L)),
                        Arbitraries.of(1, 3, 100),
                        Arbitraries.frequency(Tuple.of(1, 2), Tuple.of(2, 10), Tuple.of(4, 100)))
                .as((command, text, auth, size, recipients, invalid) -> Limits.DEFAULTS
                        .withMaxCommandLineLength(command)
                        .withMaxTextLineLength(text)
                        .withMaxAuthLineLength(auth)
                        .withMaxMessageSize(size)
                        .withMaxRecipients(recipients)
                        .withMaxInvalidCommands(invalid));
        Arbitrary<Set<SmtpExtension>> disabled = Arbitraries.of(
                        SmtpExtension.PIPELINING,
                        SmtpExtension.CHUNKING,
                        SmtpExtension.EIGHT_BIT_MIME,
                        SmtpExtension.SMTPUTF8,
                        SmtpExtension.ENHANCED_STATUS_CODES,
                        SmtpExtension.SIZE,
                        SmtpExtension.DSN)
                .set()
                .ofMaxSize(3)
                .map(set -> set.isEmpty() ? EnumSet.noneOf(SmtpExtension.class) : EnumSet.copyOf(set));
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        withStartTls ? Arbitraries.of(true, false) : Arbitraries.just(false),
                        disabled,
                        limits)
                .as(Setup::new);
    }

    /**
     * One thing a client sends in a lockstep dialogue.
     *
     * @param line one or more command lines (more when a hostile bare LF splits one)
     * @param chunk for BDAT, the chunk octets sent right after the line; otherwise {@code null}
     * @param content what the client sends as message content if the reply is {@code 354}
     */
    record Unit(byte[] line, byte[] chunk, byte[] content) {
        @Override
        public String toString() {
            return DataDecoderTest.escape(Inputs.latin1(line))
                    + (chunk == null ? "" : " + chunk " + DataDecoderTest.escape(Inputs.latin1(chunk)))
                    + (content == null ? "" : " / content " + DataDecoderTest.escape(Inputs.latin1(content)));
        }
    }

    /**
     * A client dialogue: many commands, some hostile. SASL responses carrying secrets only follow an
     * AUTH command (in lockstep or pipelined with it), as a client sends them; the server cannot know
     * a secret sent anywhere else for one.
     */
    static Arbitrary<List<Unit>> dialogues(int maxSegments) {
        Arbitrary<List<Unit>> segment = Arbitraries.frequencyOf(
                Tuple.of(12, unit().map(List::of)),
                Tuple.of(3, transaction()),
                Tuple.of(2, authSegment()),
                Tuple.of(1, pipelinedAuth()));
        return segment.list().ofMinSize(1).ofMaxSize(maxSegments).map(segments -> {
            List<Unit> units = new ArrayList<>();
            segments.forEach(units::addAll);
            return units;
        });
    }

    static Arbitrary<Unit> unit() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, lines(hello())),
                Tuple.of(8, lines(mail())),
                Tuple.of(10, lines(rcpt())),
                Tuple.of(6, data()),
                Tuple.of(5, bdat()),
                Tuple.of(6, lines(simple())),
                Tuple.of(2, lines(auth())),
                Tuple.of(2, lines(strayResponse())),
                Tuple.of(8, hostile()),
                Tuple.of(1, lines(Arbitraries.just("QUIT"))));
    }

    /**
     * A well-formed transaction, so that random dialogues also deliver messages: maybe EHLO, maybe
     * AUTH with the right credentials, MAIL, one to three RCPT, then DATA or one to three BDAT chunks.
     */
    static Arbitrary<List<Unit>> transaction() {
        Arbitrary<List<Unit>> content = Arbitraries.oneOf(
                data().map(List::of),
                Inputs.smtpish(8).list().ofMinSize(1).ofMaxSize(3).map(chunks -> {
                    List<Unit> units = new ArrayList<>();
                    for (int i = 0; i < chunks.size(); i++) {
                        String last = i == chunks.size() - 1 ? " LAST" : "";
                        units.add(new Unit(
                                Inputs.ascii("BDAT " + chunks.get(i).length + last + "\r\n"), chunks.get(i), null));
                    }
                    return units;
                }));
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.of("ann@example.com", "", "zoe@example.net"),
                        Arbitraries.of("bob@example.org", "carol@example.net", "dave@example.org")
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(3),
                        content)
                .as((hello, auth, from, to, body) -> {
                    List<Unit> units = new ArrayList<>();
                    if (hello) {
                        units.add(line("EHLO client.example"));
                    }
                    if (auth) {
                        units.add(line("AUTH PLAIN " + SECRETS.get(1)));
                    }
                    units.add(line("MAIL FROM:<" + from + ">"));
                    to.forEach(recipient -> units.add(line("RCPT TO:<" + recipient + ">")));
                    units.addAll(body);
                    return units;
                });
    }

    private static Unit line(String command) {
        return new Unit(utf8(command + "\r\n"), null, null);
    }

    /** AUTH, then up to two SASL responses, each sent after the reply to the one before. */
    static Arbitrary<List<Unit>> authSegment() {
        return Combinators.combine(lines(auth()), lines(saslResponse()).list().ofMaxSize(2))
                .as((command, responses) -> {
                    List<Unit> units = new ArrayList<>();
                    units.add(command);
                    units.addAll(responses);
                    return units;
                });
    }

    /** AUTH and its responses in one write, as a client that does not wait for 334 sends them. */
    static Arbitrary<List<Unit>> pipelinedAuth() {
        return Combinators.combine(auth(), saslResponse().list().ofMinSize(1).ofMaxSize(2))
                .as((command, responses) -> List.of(
                        new Unit(utf8(command + "\r\n" + String.join("\r\n", responses) + "\r\n"), null, null)));
    }

    static Arbitrary<String> hello() {
        return Arbitraries.of("EHLO client.example", "HELO client.example", "EHLO", "EHLO [127.0.0.1]", "ehlo x");
    }

    static Arbitrary<String> mail() {
        Arbitrary<String> address =
                Arbitraries.of("ann@example.com", "", "\u00fcn\u00ef@example.com", "bad", "a@b", "x@[127.0.0.1]");
        Arbitrary<String> parameters = Arbitraries.of(
                "",
                "",
                " SIZE=100",
                " SIZE=99999999999",
                " BODY=8BITMIME",
                " SMTPUTF8",
                " RET=HDRS ENVID=x",
                " FOO=bar",
                " SIZE=abc");
        return Combinators.combine(address, parameters).as((a, p) -> "MAIL FROM:<" + a + ">" + p);
    }

    static Arbitrary<String> rcpt() {
        Arbitrary<String> address = Arbitraries.of(
                "bob@example.org", "carol@example.net", "postmaster", "", "\u00fc@x.example", "dave@example.org");
        Arbitrary<String> parameters =
                Arbitraries.of("", "", "", " NOTIFY=NEVER", " ORCPT=rfc822;bob@example.org", " XYZ=1");
        return Combinators.combine(address, parameters).as((a, p) -> "RCPT TO:<" + a + ">" + p);
    }

    static Arbitrary<String> simple() {
        return Arbitraries.of(
                "RSET",
                "NOOP",
                "NOOP hello",
                "HELP",
                "HELP DATA",
                "VRFY bob",
                "EXPN list",
                "VRFY",
                "STARTTLS",
                "",
                "TURN",
                "XYZZY");
    }

    static Arbitrary<String> auth() {
        return Arbitraries.of(
                "AUTH PLAIN " + SECRETS.get(1),
                "AUTH PLAIN",
                "AUTH LOGIN",
                "AUTH LOGIN " + base64(USER),
                "AUTH CRAM-MD5",
                "AUTH XOAUTH2 " + SECRETS.get(3),
                "AUTH PLAIN " + SECRETS.get(1) + " extra",
                "AUTH FOO",
                "AUTH");
    }

    static Arbitrary<String> saslResponse() {
        return Arbitraries.of(
                SECRETS.get(1), base64(USER), SECRETS.get(2), SECRETS.get(3), "*", "=", "!!not base64!!", "");
    }

    /** Lines like SASL responses but without a secret, anywhere in a dialogue. */
    static Arbitrary<String> strayResponse() {
        return Arbitraries.of(base64(USER), "*", "=", "!!not base64!!", "");
    }

    /** Lines from the generator, each ended by CRLF or, sometimes, by a bare LF. */
    static Arbitrary<Unit> lines(Arbitrary<String> commands) {
        return Combinators.combine(commands, Arbitraries.frequency(Tuple.of(9, "\r\n"), Tuple.of(1, "\n")))
                .as((command, end) -> new Unit(utf8(command + end), null, null));
    }

    /** DATA, with the content to send after 354: dot-stuffed lines, or hostile octets then the end of data. */
    static Arbitrary<Unit> data() {
        Arbitrary<byte[]> line = Combinators.combine(
                        Arbitraries.of("", "", ".", ".."), Inputs.text().list().ofMaxSize(4))
                .as((dots, pieces) -> Inputs.concat(Inputs.ascii(dots), Inputs.concat(pieces)));
        Arbitrary<byte[]> stuffed = line.list().ofMaxSize(12).map(lines -> {
            List<byte[]> withEnds = new ArrayList<>();
            lines.forEach(each -> withEnds.add(Inputs.concat(each, Inputs.ascii("\r\n"))));
            return ReferenceDecoder.stuffAndTerminate(Inputs.concat(withEnds));
        });
        Arbitrary<byte[]> hostile = Inputs.smtpish(20).map(bytes -> Inputs.concat(bytes, Inputs.ascii("\r\n.\r\n")));
        Arbitrary<byte[]> content = Arbitraries.frequencyOf(Tuple.of(1, stuffed), Tuple.of(1, hostile));
        Arbitrary<String> command =
                Arbitraries.frequency(Tuple.of(8, "DATA\r\n"), Tuple.of(1, "data\r\n"), Tuple.of(1, "DATA x\r\n"));
        return Combinators.combine(command, content).as((dataLine, body) -> new Unit(utf8(dataLine), null, body));
    }

    /** BDAT with a chunk of exactly the declared size, sometimes LAST. */
    static Arbitrary<Unit> bdat() {
        return Combinators.combine(Inputs.smtpish(8), Arbitraries.of(true, false, false))
                .as((chunk, last) ->
                        new Unit(Inputs.ascii("BDAT " + chunk.length + (last ? " LAST" : "") + "\r\n"), chunk, null));
    }

    /**
     * A hostile line: a harmless command or garbage with a NUL, a bare CR, a bare LF (which splits it
     * into two lines; the second starts with X so that it is never a command that changes the
     * framing), 8-bit octets or invalid UTF-8, padding over the line limits, or a changed case.
     */
    static Arbitrary<Unit> hostile() {
        Arbitrary<String> base = Arbitraries.oneOf(
                hello(),
                mail(),
                rcpt(),
                Arbitraries.of("NOOP", "RSET", "VRFY bob", "HELP"),
                Arbitraries.strings()
                        .withChars("abcXYZ 019:<>@=.")
                        .ofMaxLength(20)
                        .map(text -> "X" + text));
        Arbitrary<Integer> mutation = Arbitraries.integers().between(0, 7);
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 1_000);
        Arbitrary<Integer> padding = Arbitraries.of(30, 520, 1_100, 13_000);
        return Combinators.combine(base, mutation, where, padding).as((command, kind, at, pad) -> {
            byte[] bytes = utf8(command);
            int position = bytes.length == 0 ? 0 : at % (bytes.length + 1);
            byte[] inserted = switch (kind) {
                case 0 -> new byte[] {0};
                case 1 -> Inputs.ascii("\r");
                case 2 -> Inputs.ascii("\nX");
                case 3 -> new byte[] {(byte) 0xc3, (byte) 0xa9};
                case 4 -> new byte[] {(byte) 0xff, (byte) 0xc0};
                default -> new byte[0];
            };
            byte[] line = insert(bytes, position, inserted);
            if (kind == 5) {
                line = Inputs.concat(line, Inputs.ascii(" " + "x".repeat(pad)));
            } else if (kind == 6) {
                line = utf8(command.toLowerCase(Locale.ROOT));
            } else if (kind == 7) {
                line = utf8("X" + "y".repeat(pad));
            }
            return new Unit(Inputs.concat(line, Inputs.ascii("\r\n")), null, null);
        });
    }

    private static byte[] insert(byte[] bytes, int position, byte[] inserted) {
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, position);
        System.arraycopy(inserted, 0, result, position, inserted.length);
        System.arraycopy(bytes, position, result, position + inserted.length, bytes.length - position);
        return result;
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(utf8(text));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
