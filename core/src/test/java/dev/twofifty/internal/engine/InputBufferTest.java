package dev.twofifty.internal.engine;

import static dev.twofifty.internal.engine.InputBuffer.BARE_CR;
import static dev.twofifty.internal.engine.InputBuffer.BARE_LF;
import static dev.twofifty.internal.engine.InputBuffer.NON_ASCII;
import static dev.twofifty.internal.engine.InputBuffer.NUL;
import static dev.twofifty.internal.engine.InputBuffer.TOO_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Command lines through {@link InputBuffer#readLine}: line ends, flaws, hostile lengths and read attribution. */
@Timeout(30)
class InputBufferTest {

    private static final int LIMIT = 512;

    /** A line as text (ISO-8859-1, one char per octet), its flaws and its batch, for readable comparisons. */
    record L(String text, int flaws, int batch) {
        @Override
        public String toString() {
            return DataDecoderTest.escape(text) + " flaws=" + flaws + " batch=" + batch;
        }
    }

    @Test
    void reads_a_crlf_line_without_its_terminator() {
        InputBuffer buffer = buffer("EHLO client.example\r\n");

        assertThat(next(buffer)).isEqualTo(new L("EHLO client.example", 0, 1));
        assertThat(buffer.readable()).isZero();
    }

    @Test
    void returns_null_until_the_line_is_complete() {
        InputBuffer buffer = buffer("EHLO client.example\r");

        assertThat(buffer.readLine(LIMIT)).isNull();
        assertThat(buffer.readable()).isEqualTo(20);
    }

    @Test
    void flags_a_line_ended_by_a_bare_lf() {
        assertThat(next(buffer("NOOP\n"))).isEqualTo(new L("NOOP", BARE_LF, 1));
    }

    @Test
    void flags_a_bare_cr_inside_a_line() {
        assertThat(next(buffer("NO\rOP\r\n"))).isEqualTo(new L("NO\rOP", BARE_CR, 1));
    }

    @Test
    void does_not_end_a_line_at_a_bare_cr() {
        InputBuffer buffer = buffer("NOOP\rRSET\r\n");

        assertThat(all(buffer)).containsExactly(new L("NOOP\rRSET", BARE_CR, 1));
    }

    @Test
    void flags_a_nul_octet() {
        assertThat(next(buffer("NO\0OP\r\n"))).isEqualTo(new L("NO\0OP", NUL, 1));
    }

    @Test
    void flags_octets_above_127() {
        assertThat(next(buffer("NOOP \u00e9\r\n"))).isEqualTo(new L("NOOP \u00e9", NON_ASCII, 1));
    }

    @Test
    void accepts_a_line_of_exactly_512_octets_with_its_crlf() {
        String content = "NOOP " + "x".repeat(505);

        assertThat(next(buffer(content + "\r\n"))).isEqualTo(new L(content, 0, 1));
    }

    @Test
    void flags_a_line_of_513_octets_and_keeps_only_its_first_200() {
        String content = "NOOP " + "x".repeat(506);

        assertThat(next(buffer(content + "\r\n"))).isEqualTo(new L(content.substring(0, 200), TOO_LONG, 1));
    }

    @Test
    void ten_mebibytes_without_a_line_end_are_skipped_in_bounded_memory() {
        InputBuffer buffer = new InputBuffer();
        byte[] read = new byte[64 * 1024];
        Arrays.fill(read, (byte) 'x');
        int maxCapacity = 0;

        for (int i = 1; i <= 160; i++) {
            buffer.append(read, 0, read.length, i);
            assertThat(buffer.readLine(LIMIT)).isNull();
            maxCapacity = Math.max(maxCapacity, buffer.capacity());
        }

        assertThat(160 * read.length).isEqualTo(10 * 1024 * 1024);
        assertThat(maxCapacity).isLessThanOrEqualTo(read.length);
        assertThat(buffer.readable()).isZero();
    }

    @Test
    void ten_mebibytes_without_a_line_end_become_one_too_long_line_and_the_next_line_parses() {
        InputBuffer buffer = new InputBuffer();
        byte[] read = new byte[64 * 1024];
        Arrays.fill(read, (byte) 'x');
        for (int i = 1; i <= 160; i++) {
            buffer.append(read, 0, read.length, i);
            buffer.readLine(LIMIT);
        }

        append(buffer, "\r\nNOOP\r\n", 161);

        assertThat(all(buffer)).containsExactly(new L("x".repeat(200), TOO_LONG, 161), new L("NOOP", 0, 161));
    }

    /** Found by DecoderProperties: under a small limit the head kept depended on how the line was split. */
    @Test
    void an_overlong_line_keeps_the_same_head_whole_or_split_under_a_small_limit() {
        int limit = 32;
        String line = "NOOP " + "x".repeat(95);
        InputBuffer whole = buffer(line + "\r\n");
        InputBuffer split = new InputBuffer();
        for (int i = 0; i < line.length(); i += 10) {
            append(split, line.substring(i, i + 10), 1);
            assertThat(split.readLine(limit)).isNull();
        }
        append(split, "\r\n", 1);

        L expected = new L(line.substring(0, 30), TOO_LONG, 1);
        assertThat(view(whole.readLine(limit))).isEqualTo(expected);
        assertThat(view(split.readLine(limit))).isEqualTo(expected);
    }

    @Test
    void an_overlong_line_split_between_its_cr_and_lf_has_no_bare_cr() {
        InputBuffer buffer = new InputBuffer();
        append(buffer, "x".repeat(600) + "\r", 1);
        assertThat(buffer.readLine(LIMIT)).isNull();

        append(buffer, "\nNOOP\r\n", 2);

        assertThat(all(buffer)).containsExactly(new L("x".repeat(200), TOO_LONG, 2), new L("NOOP", 0, 2));
    }

    @Test
    void an_overlong_line_with_a_cr_at_the_end_of_a_read_and_more_after_it_has_a_bare_cr() {
        InputBuffer buffer = new InputBuffer();
        append(buffer, "x".repeat(600) + "\r", 1);
        assertThat(buffer.readLine(LIMIT)).isNull();

        append(buffer, "y\r\n", 2);

        assertThat(all(buffer)).containsExactly(new L("x".repeat(200), TOO_LONG | BARE_CR, 2));
    }

    @Test
    void lines_are_attributed_to_the_read_that_completed_them() {
        InputBuffer buffer = new InputBuffer();
        append(buffer, "EHLO a\r\nMA", 1);
        append(buffer, "IL FROM:<>\r\nRCPT", 2);
        append(buffer, " TO:<b@c.example>\r\nDATA\r\n", 3);

        assertThat(all(buffer))
                .containsExactly(
                        new L("EHLO a", 0, 1),
                        new L("MAIL FROM:<>", 0, 2),
                        new L("RCPT TO:<b@c.example>", 0, 3),
                        new L("DATA", 0, 3));
    }

    @Test
    void discard_drops_everything_buffered_and_a_line_being_skipped() {
        InputBuffer buffer = new InputBuffer();
        append(buffer, "x".repeat(600), 1);
        buffer.readLine(LIMIT);
        append(buffer, "MAIL FROM:<>", 2);

        assertThat(buffer.discard()).isEqualTo(12);
        append(buffer, "\r\nNOOP\r\n", 3);
        assertThat(all(buffer)).containsExactly(new L("", 0, 3), new L("NOOP", 0, 3));
    }

    // ---- every split

    private static final String MIXED =
            "EHLO a\r\nMAIL FROM:<>\nNO\rOP\r\nRS\0ET\r\n" + "x".repeat(600) + "\r\nQU\u00c9T\r\nQUIT\r\n";

    private static final List<String> MIXED_LINES =
            List.of("EHLO a", "MAIL FROM:<>", "NO\rOP", "RS\0ET", "x".repeat(200), "QU\u00c9T", "QUIT");
    private static final List<Integer> MIXED_FLAWS = List.of(0, BARE_LF, BARE_CR, NUL, TOO_LONG, NON_ASCII, 0);
    /** Offsets just after the LF of each line of {@link #MIXED}. */
    private static final List<Integer> MIXED_ENDS = lineEnds(MIXED);

    @Test
    void every_split_at_a_byte_boundary_gives_the_same_lines_attributed_to_the_completing_read() {
        byte[] input = MIXED.getBytes(StandardCharsets.ISO_8859_1);

        for (int cut = 1; cut < input.length; cut++) {
            InputBuffer buffer = new InputBuffer();
            List<L> lines = new ArrayList<>();
            buffer.append(input, 0, cut, 1);
            drain(buffer, lines);
            buffer.append(input, cut, input.length - cut, 2);
            drain(buffer, lines);

            List<L> expected = new ArrayList<>();
            for (int i = 0; i < MIXED_LINES.size(); i++) {
                expected.add(new L(MIXED_LINES.get(i), MIXED_FLAWS.get(i), MIXED_ENDS.get(i) <= cut ? 1 : 2));
            }
            assertThat(lines).as("split at %d", cut).isEqualTo(expected);
        }
    }

    @Test
    void one_byte_per_read_gives_the_same_lines_attributed_to_the_read_of_their_lf() {
        byte[] input = MIXED.getBytes(StandardCharsets.ISO_8859_1);
        InputBuffer buffer = new InputBuffer();
        List<L> lines = new ArrayList<>();

        for (int i = 0; i < input.length; i++) {
            buffer.append(input, i, 1, i + 1);
            drain(buffer, lines);
        }

        List<L> expected = new ArrayList<>();
        for (int i = 0; i < MIXED_LINES.size(); i++) {
            expected.add(new L(MIXED_LINES.get(i), MIXED_FLAWS.get(i), MIXED_ENDS.get(i)));
        }
        assertThat(lines).isEqualTo(expected);
    }

    // ---- helpers

    private static List<Integer> lineEnds(String text) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                ends.add(i + 1);
            }
        }
        return ends;
    }

    private static InputBuffer buffer(String text) {
        InputBuffer buffer = new InputBuffer();
        append(buffer, text, 1);
        return buffer;
    }

    private static void append(InputBuffer buffer, String text, int batch) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        buffer.append(bytes, 0, bytes.length, batch);
    }

    private static L next(InputBuffer buffer) {
        return view(buffer.readLine(LIMIT));
    }

    private static List<L> all(InputBuffer buffer) {
        List<L> lines = new ArrayList<>();
        drain(buffer, lines);
        return lines;
    }

    private static void drain(InputBuffer buffer, List<L> into) {
        InputBuffer.Line line;
        while ((line = buffer.readLine(LIMIT)) != null) {
            into.add(view(line));
        }
    }

    private static L view(InputBuffer.Line line) {
        return line == null
                ? null
                : new L(new String(line.bytes(), StandardCharsets.ISO_8859_1), line.flaws(), line.batch());
    }
}
