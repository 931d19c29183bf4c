package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.internal.engine.DataDecoderTest.RecordingSink;
import dev.twofifty.testing.ScaledTries;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Properties of the framing layer, for any input: {@link DataDecoder} agrees with a plain reference
 * model of dot-unstuffing ({@link ReferenceDecoder}), gives the same result however the input is
 * split into reads, never ends the data at a smuggling sequence in strict mode, and
 * {@link InputBuffer} frames the same command lines for any split while its memory stays bounded.
 *
 * <p>Tries are modest so that the build stays fast; {@code -Dtwofifty.tries.factor=100} runs more.
 */
@AddLifecycleHook(ScaledTries.class)
class DecoderProperties {

    /** The result of decoding, comparable across runs. */
    record Outcome(boolean finished, int consumed, String content, Set<String> flaws) {}

    @Property(tries = 500)
    void the_decoder_agrees_with_the_reference_model(
            @ForAll("smtpish") byte[] input, @ForAll boolean lenient, @ForAll("textLineLimits") int maxTextLine) {
        RecordingSink sink = new RecordingSink();
        int end = new DataDecoder(lenient, maxTextLine).decode(input, 0, input.length, sink);

        ReferenceDecoder.Decoded expected = ReferenceDecoder.decode(input, lenient, maxTextLine);
        assertThat(end).as("index after the end-of-data line").isEqualTo(expected.end());
        if (expected.finished()) {
            assertThat(Inputs.latin1(sink.content.toByteArray()))
                    .as("unstuffed content")
                    .isEqualTo(Inputs.latin1(expected.content()));
            assertThat(sink.flaws).isEqualTo(flaws(expected));
        } else {
            // Unfinished: what was emitted so far is the start of the content, whatever comes next.
            ReferenceDecoder.Decoded completed =
                    ReferenceDecoder.decode(Inputs.concat(input, Inputs.ascii("\r\n.\r\n")), lenient, maxTextLine);
            assertThat(Inputs.latin1(completed.content())).startsWith(Inputs.latin1(sink.content.toByteArray()));
        }
    }

    @Property(tries = 300)
    void any_split_into_reads_gives_the_same_decoding(
            @ForAll("smtpish") byte[] input,
            @ForAll("readSizes") List<Integer> readSizes,
            @ForAll boolean lenient,
            @ForAll("textLineLimits") int maxTextLine) {
        Outcome whole = decodeInReads(List.of(input), lenient, maxTextLine);
        Outcome split = decodeInReads(Inputs.split(input, readSizes), lenient, maxTextLine);

        assertThat(split).isEqualTo(whole);
    }

    @Property(tries = 300)
    void dot_stuffed_content_comes_back_byte_for_byte(
            @ForAll("contentLines") List<byte[]> lines, @ForAll("readSizes") List<Integer> readSizes) {
        List<byte[]> withEnds = new ArrayList<>();
        lines.forEach(line -> withEnds.add(Inputs.concat(line, Inputs.ascii("\r\n"))));
        byte[] content = Inputs.concat(withEnds);
        byte[] wire = ReferenceDecoder.stuffAndTerminate(content);
        byte[] next = Inputs.ascii("QUIT\r\n");

        Outcome outcome = decodeInReads(Inputs.split(Inputs.concat(wire, next), readSizes), false, 1000);

        assertThat(outcome).isEqualTo(new Outcome(true, wire.length, Inputs.latin1(content), Set.of()));
    }

    @Property(tries = 300)
    void smuggling_sequences_never_end_the_data_in_strict_mode(@ForAll("smuggled") byte[] content) {
        byte[] wire = Inputs.concat(content, Inputs.ascii("\r\n.\r\n"));

        Outcome outcome = decodeInReads(List.of(wire), false, 1000);

        assertThat(outcome.finished()).isTrue();
        assertThat(outcome.consumed())
                .as("the data ends at the real CRLF.CRLF only")
                .isEqualTo(wire.length);
        if (hasBareCrOrLf(wire)) {
            assertThat(outcome.flaws()).containsAnyOf("bareCr", "bareLf");
        }
    }

    @Property(tries = 300)
    void command_lines_do_not_depend_on_how_the_input_is_split(
            @ForAll("smtpish") byte[] input,
            @ForAll("readSizes") List<Integer> readSizes,
            @ForAll("commandLineLimits") int limit) {
        List<String> whole = readLines(List.of(input), limit);
        List<String> split = readLines(Inputs.split(input, readSizes), limit);

        assertThat(split).isEqualTo(whole);
    }

    @Property(tries = 300)
    void the_input_buffer_stays_bounded_for_any_input(
            @ForAll("smtpish") byte[] input,
            @ForAll("readSizes") List<Integer> readSizes,
            @ForAll("commandLineLimits") int limit) {
        InputBuffer buffer = new InputBuffer();
        int batch = 0;
        int largestRead = 0;
        for (byte[] read : Inputs.split(input, readSizes)) {
            largestRead = Math.max(largestRead, read.length);
            buffer.append(read, 0, read.length, ++batch);
            while (buffer.readLine(limit) != null) {
                // consume every complete line, as the session does
            }
            assertThat(buffer.readable())
                    .as("octets held back while a line is incomplete")
                    .isLessThanOrEqualTo(limit);
            assertThat(buffer.capacity())
                    .as("backing array after a read of at most %d octets", largestRead)
                    .isLessThanOrEqualTo(Math.max(512, 2 * (limit + largestRead)));
        }
    }

    // ---- helpers

    private static Outcome decodeInReads(List<byte[]> reads, boolean lenient, int maxTextLine) {
        InputBuffer buffer = new InputBuffer();
        DataDecoder decoder = new DataDecoder(lenient, maxTextLine);
        RecordingSink sink = new RecordingSink();
        int total = 0;
        boolean finished = false;
        int batch = 0;
        for (byte[] read : reads) {
            total += read.length;
            buffer.append(ByteBuffer.wrap(read), ++batch);
            if (!finished) {
                finished = buffer.readData(decoder, sink);
            }
        }
        int consumed = finished ? total - buffer.readable() : -1;
        return new Outcome(
                finished,
                consumed,
                finished ? Inputs.latin1(sink.content.toByteArray()) : "",
                finished ? sink.flaws : Set.of());
    }

    private static List<String> readLines(List<byte[]> reads, int limit) {
        InputBuffer buffer = new InputBuffer();
        List<String> lines = new ArrayList<>();
        int batch = 0;
        for (byte[] read : reads) {
            buffer.append(read, 0, read.length, ++batch);
            InputBuffer.Line line;
            while ((line = buffer.readLine(limit)) != null) {
                lines.add(DataDecoderTest.escape(Inputs.latin1(line.bytes())) + " flaws=" + line.flaws());
            }
        }
        return lines;
    }

    private static Set<String> flaws(ReferenceDecoder.Decoded decoded) {
        Set<String> flaws = new TreeSet<>();
        if (decoded.bareCr()) {
            flaws.add("bareCr");
        }
        if (decoded.bareLf()) {
            flaws.add("bareLf");
        }
        if (decoded.lineTooLong()) {
            flaws.add("lineTooLong");
        }
        return flaws;
    }

    // ---- generators

    @Provide
    Arbitrary<byte[]> smtpish() {
        return Inputs.smtpish(40);
    }

    @Provide
    Arbitrary<List<Integer>> readSizes() {
        return Inputs.readSizes();
    }

    @Provide
    Arbitrary<Integer> textLineLimits() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.integers().between(3, 12)), Tuple.of(1, Arbitraries.of(78, 1000)));
    }

    @Provide
    Arbitrary<Integer> commandLineLimits() {
        return Arbitraries.of(16, 32, 100, 512, 12_288);
    }

    /** Lines without CR or LF: text, dots (also leading ones), NUL and 8-bit octets. */
    @Provide
    Arbitrary<List<byte[]>> contentLines() {
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
                Tuple.of(6, Inputs.text()),
                Tuple.of(3, Arbitraries.of(".", "..", ". ", ".x").map(Inputs::ascii)),
                Tuple.of(1, Arbitraries.of(new byte[] {0}, new byte[] {(byte) 0xfe})));
        return piece.list().ofMaxSize(6).map(Inputs::concat).list().ofMaxSize(20);
    }

    /** Content made of smuggling sequences and text, with no real end-of-data line in it. */
    @Provide
    Arbitrary<byte[]> smuggled() {
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
                Tuple.of(2, Inputs.text()),
                Tuple.of(3, Arbitraries.of(Inputs.SMUGGLING).map(Inputs::ascii)));
        return piece.list().ofMinSize(1).ofMaxSize(12).map(Inputs::concat).filter(DecoderProperties::noRealEnd);
    }

    private static boolean hasBareCrOrLf(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            boolean bareCr = bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n');
            boolean bareLf = bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r');
            if (bareCr || bareLf) {
                return true;
            }
        }
        return false;
    }

    private static boolean noRealEnd(byte[] content) {
        String text = "\r\n" + Inputs.latin1(content);
        return !text.contains("\r\n.\r\n") && !text.endsWith("\r\n.") && !text.endsWith("\r\n.\r");
    }
}
