package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DATA content through {@link InputBuffer#readData} and {@link DataDecoder}, as the session reads it:
 * dot-unstuffing, the end-of-data line, SMTP smuggling payloads, flaws, and the same result however
 * the input is split across reads.
 */
@Timeout(30)
class DataDecoderTest {

    private static final int TEXT_LINE_LIMIT = 1000;

    /** A recording sink: the decoded octets and the flaws reported. */
    static final class RecordingSink implements ContentSink {
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        final Set<String> flaws = new TreeSet<>();
        long stopAfter = -1;

        @Override
        public void write(byte[] source, int offset, int length) {
            content.write(source, offset, length);
        }

        @Override
        public void write(int octet) {
            content.write(octet);
        }

        @Override
        public void bareCr() {
            flaws.add("bareCr");
        }

        @Override
        public void bareLf() {
            flaws.add("bareLf");
        }

        @Override
        public void lineTooLong() {
            flaws.add("lineTooLong");
        }

        @Override
        public boolean stopRequested() {
            return stopAfter >= 0 && content.size() >= stopAfter;
        }
    }

    /** What decoding gave: the content, whether the end of data was found, and what is left in the buffer. */
    record Decoded(String content, boolean ended, String rest, Set<String> flaws) {
        @Override
        public String toString() {
            return "Decoded[content=" + escape(content) + ", ended=" + ended + ", rest=" + escape(rest) + ", flaws="
                    + flaws + "]";
        }
    }

    static String escape(String text) {
        return '"' + text.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + '"';
    }

    /**
     * A decoding case; the input starts just after the CRLF of the DATA command.
     *
     * @param rest what stays in the buffer after the end-of-data line (the next command)
     */
    record Case(
            String name, String input, boolean lenient, String content, boolean ended, String rest, Set<String> flaws) {
        @Override
        public String toString() {
            return name + (lenient ? " (lenient) " : " (strict) ") + escape(input);
        }
    }

    static Stream<Case> cases() {
        String x998 = "x".repeat(998);
        return Stream.of(
                new Case(
                        "plain message",
                        "Subject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n",
                        false,
                        "Subject: hi\r\n\r\nbody\r\n",
                        true,
                        "QUIT\r\n",
                        Set.of()),
                new Case(
                        "dot-unstuffing",
                        "a\r\n..b\r\n...\r\n. \r\n.\r\n",
                        false,
                        "a\r\n.b\r\n..\r\n \r\n",
                        true,
                        "",
                        Set.of()),
                new Case("empty message", ".\r\nQUIT\r\n", false, "", true, "QUIT\r\n", Set.of()),
                new Case("first line dot-stuffed", "..hidden\r\n.\r\n", false, ".hidden\r\n", true, "", Set.of()),
                new Case("first line a stuffed lone dot", "..\r\n.\r\n", false, ".\r\n", true, "", Set.of()),
                new Case(
                        "8-bit and NUL content kept as is",
                        "caf\u00e9\0!\r\n.\r\n",
                        false,
                        "caf\u00e9\0!\r\n",
                        true,
                        "",
                        Set.of()),
                // SMTP smuggling payloads: content, never the end, in strict mode.
                new Case("LF.CRLF", "a\n.\r\nb\r\n.\r\n", false, "a\n.\r\nb\r\n", true, "", Set.of("bareLf")),
                new Case("CRLF.LF", "a\r\n.\nb\r\n.\r\n", false, "a\r\n\nb\r\n", true, "", Set.of("bareLf")),
                new Case("LF.LF", "a\n.\nb\r\n.\r\n", false, "a\n.\nb\r\n", true, "", Set.of("bareLf")),
                new Case("CR.CR", "a\r.\rb\r\n.\r\n", false, "a\r.\rb\r\n", true, "", Set.of("bareCr")),
                new Case("LF.CRLF alone", "a\n.\r\n", false, "a\n.\r\n", false, "", Set.of("bareLf")),
                new Case("CRLF.LF alone", "a\r\n.\n", false, "a\r\n\n", false, "", Set.of("bareLf")),
                new Case("LF.LF alone", "a\n.\n", false, "a\n.\n", false, "", Set.of("bareLf")),
                new Case("CR.CR alone", "a\r.\r", false, "a\r.", false, "", Set.of("bareCr")),
                // Lenient: a bare LF ends a line, so LF.LF and LF.CRLF end the data; CR.CR still does not.
                new Case("LF.LF", "a\n.\nQUIT\r\n", true, "a\n", true, "QUIT\r\n", Set.of("bareLf")),
                new Case("LF.CRLF", "a\n.\r\nQUIT\r\n", true, "a\n", true, "QUIT\r\n", Set.of("bareLf")),
                new Case("CRLF.LF", "a\r\n.\nQUIT\r\n", true, "a\r\n", true, "QUIT\r\n", Set.of("bareLf")),
                new Case("CR.CR", "a\r.\rb\r\n.\r\n", true, "a\r.\rb\r\n", true, "", Set.of("bareCr")),
                new Case("dot-unstuffing after a bare LF", "a\n..b\n.\n", true, "a\n.b\n", true, "", Set.of("bareLf")),
                // Flaws.
                new Case("bare CR", "a\rb\r\n.\r\n", false, "a\rb\r\n", true, "", Set.of("bareCr")),
                new Case("bare LF", "a\nb\r\n.\r\n", false, "a\nb\r\n", true, "", Set.of("bareLf")),
                new Case("CR CR LF", "a\r\r\n.\r\n", false, "a\r\r\n", true, "", Set.of("bareCr")),
                new Case("stuffed dot then bare CR", ".\rx\r\n.\r\n", false, "\rx\r\n", true, "", Set.of("bareCr")),
                new Case("text line of 1000 octets", x998 + "\r\n.\r\n", false, x998 + "\r\n", true, "", Set.of()),
                new Case(
                        "text line of 1001 octets",
                        x998 + "y\r\n.\r\n",
                        false,
                        x998 + "y\r\n",
                        true,
                        "",
                        Set.of("lineTooLong")),
                new Case(
                        "dot-stuffed text line of 1001 octets on the wire",
                        "." + x998 + "y\r\n.\r\n",
                        false,
                        x998 + "y\r\n",
                        true,
                        "",
                        Set.of("lineTooLong")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodes_the_whole_input_in_one_read(Case c) {
        Decoded decoded = decode(c, List.of(latin1(c.input())));

        assertThat(decoded).isEqualTo(new Decoded(c.content(), c.ended(), c.rest(), c.flaws()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gives_the_same_result_split_at_every_byte_boundary(Case c) {
        byte[] input = latin1(c.input());
        Decoded expected = new Decoded(c.content(), c.ended(), c.rest(), c.flaws());

        for (int cut = 1; cut < input.length; cut++) {
            byte[] first = Arrays.copyOfRange(input, 0, cut);
            byte[] second = Arrays.copyOfRange(input, cut, input.length);

            assertThat(decode(c, List.of(first, second))).as("split at %d", cut).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gives_the_same_result_fed_one_byte_at_a_time(Case c) {
        byte[] input = latin1(c.input());
        List<byte[]> reads = new ArrayList<>();
        for (byte b : input) {
            reads.add(new byte[] {b});
        }

        assertThat(decode(c, reads)).isEqualTo(new Decoded(c.content(), c.ended(), c.rest(), c.flaws()));
    }

    @Test
    void stops_where_the_sink_asks_and_leaves_the_rest_unread() {
        DataDecoder decoder = new DataDecoder(false, TEXT_LINE_LIMIT);
        RecordingSink sink = new RecordingSink();
        sink.stopAfter = 3;
        byte[] input = latin1("abcdef\r\n.\r\n");

        int stoppedAt = decoder.decode(input, 0, input.length, sink);

        assertThat(stoppedAt).isEqualTo(6);
        assertThat(decoder.finished()).isFalse();
    }

    /** Found by DecoderProperties: a line of a dot and a bare CR was not measured against the limit. */
    @Test
    void a_line_of_a_stuffing_dot_and_a_bare_cr_counts_against_the_text_line_limit() {
        DataDecoder decoder = new DataDecoder(false, 3);
        RecordingSink sink = new RecordingSink();
        byte[] input = latin1(".\r\r\n.\r\n");

        int end = decoder.decode(input, 0, input.length, sink);

        assertThat(end).isEqualTo(input.length);
        assertThat(sink.content.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\r\r\n");
        assertThat(sink.flaws).containsExactly("bareCr", "lineTooLong");
    }

    @Test
    void holds_back_a_pending_cr_or_dot_until_the_next_byte() {
        DataDecoder decoder = new DataDecoder(false, TEXT_LINE_LIMIT);
        RecordingSink sink = new RecordingSink();
        byte[] input = latin1("ab\r\n.");

        decoder.decode(input, 0, input.length, sink);

        assertThat(decoder.holdsBytes()).isTrue();
        assertThat(sink.content.toString(StandardCharsets.ISO_8859_1)).isEqualTo("ab\r\n");
    }

    private static Decoded decode(Case c, List<byte[]> reads) {
        InputBuffer buffer = new InputBuffer();
        DataDecoder decoder = new DataDecoder(c.lenient(), TEXT_LINE_LIMIT);
        RecordingSink sink = new RecordingSink();
        boolean ended = false;
        int batch = 0;
        for (byte[] read : reads) {
            buffer.append(read, 0, read.length, ++batch);
            if (!ended) {
                ended = buffer.readData(decoder, sink);
            }
        }
        RecordingSink rest = new RecordingSink();
        buffer.readChunk(Long.MAX_VALUE, rest);
        return new Decoded(
                sink.content.toString(StandardCharsets.ISO_8859_1),
                ended,
                rest.content.toString(StandardCharsets.ISO_8859_1),
                sink.flaws);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
