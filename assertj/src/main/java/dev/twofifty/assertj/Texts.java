package dev.twofifty.assertj;

import java.util.List;
import java.util.Objects;

/** Small text rules shared by the message and attachment asserts. */
final class Texts {

    private Texts() {}

    /** A content type without its parameters, trimmed: {@code text/plain; charset=UTF-8} gives {@code text/plain}. */
    static String baseType(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    /** The text without one final CRLF, if it ends with one. */
    static String withoutFinalCrlf(String text) {
        return text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text;
    }

    /** The lines of the text split at CRLF, without them; a final CRLF ends the last line rather than starting one. */
    static List<String> crlfLines(String text) {
        List<String> lines = List.of(text.split("\r\n", -1));
        return text.endsWith("\r\n") ? lines.subList(0, lines.size() - 1) : lines;
    }
}
