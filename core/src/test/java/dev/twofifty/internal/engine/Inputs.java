package dev.twofifty.internal.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of hostile input for the decoder and engine properties: octets biased towards
 * what matters to SMTP framing (CR, LF, dots, the smuggling sequences, NUL, 8-bit octets, long runs)
 * and ways to split input into reads.
 */
final class Inputs {

    /** The end-of-data look-alikes of SMTP smuggling, and the real end of data. */
    static final List<String> SMUGGLING = List.of("\n.\n", "\n.\r\n", "\r\n.\n", "\r.\r", "\r.\r\n", "\n.\r", ".\n");

    private Inputs() {}

    /** One token of SMTP-ish input. */
    static Arbitrary<byte[]> token() {
        Arbitrary<byte[]> anyOctets = Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
        return Arbitraries.frequencyOf(
                Tuple.of(8, text()),
                Tuple.of(6, fixed("\r\n")),
                Tuple.of(3, fixed("\r")),
                Tuple.of(3, fixed("\n")),
                Tuple.of(4, fixed(".")),
                Tuple.of(2, fixed("..")),
                Tuple.of(1, fixed("\r\n.\r\n")),
                Tuple.of(3, Arbitraries.of(SMUGGLING).map(Inputs::ascii)),
                Tuple.of(
                        1, Arbitraries.of(new byte[] {0}, new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, (byte) 0xa9
                        })),
                Tuple.of(1, longRun()),
                Tuple.of(1, anyOctets));
    }

    static Arbitrary<byte[]> fixed(String text) {
        return Arbitraries.just(ascii(text));
    }

    /** Input made of {@link #token()}s. */
    static Arbitrary<byte[]> smtpish(int maxTokens) {
        return token().list().ofMaxSize(maxTokens).map(Inputs::concat);
    }

    /** Printable text without CR or LF, sometimes with dots and spaces. */
    static Arbitrary<byte[]> text() {
        return Arbitraries.strings()
                .withChars("abcXYZ019 .:<>@=-")
                .ofMinLength(1)
                .ofMaxLength(12)
                .map(Inputs::ascii);
    }

    /** A run of one octet, long enough to pass the line limits. */
    static Arbitrary<byte[]> longRun() {
        return Arbitraries.integers().between(60, 1_300).map(n -> ascii("x".repeat(n)));
    }

    /** Sizes of successive reads, used cyclically by {@link #split}. */
    static Arbitrary<List<Integer>> readSizes() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.integers().between(1, 8)),
                        Tuple.of(3, Arbitraries.integers().between(1, 64)),
                        Tuple.of(1, Arbitraries.integers().between(64, 2_000)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(12);
    }

    /** Cuts the input into consecutive pieces with the given sizes, cycling through them. */
    static List<byte[]> split(byte[] input, List<Integer> sizes) {
        List<byte[]> pieces = new ArrayList<>();
        int offset = 0;
        for (int i = 0; offset < input.length; i++) {
            int size = Math.min(sizes.get(i % sizes.size()), input.length - offset);
            byte[] piece = new byte[size];
            System.arraycopy(input, offset, piece, 0, size);
            pieces.add(piece);
            offset += size;
        }
        return pieces;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        return concat(List.of(parts));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The octets as text that shows every octet (for assertion messages and comparisons). */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
