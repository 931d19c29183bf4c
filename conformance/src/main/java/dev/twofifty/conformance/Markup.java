package dev.twofifty.conformance;

/**
 * Escaping for the XML and HTML reports. Report text comes from the wire (transcripts, client error
 * messages), so besides the markup characters it may hold characters XML 1.0 cannot carry at all: C0
 * controls other than tab and line feed become their Unicode control pictures ({@code U+2400}…, so a
 * stray {@code NUL} shows as {@code ␀}), {@code DEL} becomes {@code ␡}, and unpaired surrogates and the
 * non-characters {@code U+FFFE}/{@code U+FFFF} become {@code U+FFFD}.
 */
final class Markup {

    private Markup() {}

    /** Text for an XML element's content. */
    static String xmlText(String text) {
        return escape(text, false, false);
    }

    /** Text for a double-quoted XML attribute value; tabs and line ends survive attribute normalisation. */
    static String xmlAttribute(String text) {
        return escape(text, true, false);
    }

    /** Text for HTML content or a double- or single-quoted HTML attribute value. */
    static String html(String text) {
        return escape(text, false, true);
    }

    /** The text with the characters XML 1.0 cannot carry replaced as described above; markup left alone. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(visible(c));
            }
        }
        return out.toString();
    }

    private static String escape(String text, boolean attribute, boolean html) {
        String printable = printable(text);
        StringBuilder out = new StringBuilder(printable.length() + 16);
        for (int i = 0; i < printable.length(); i++) {
            char c = printable.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute || html ? "&quot;" : "\"");
                case '\'' -> out.append(html ? "&#39;" : "'");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String visible(char c) {
        if (c == '\t' || c == '\n') {
            return String.valueOf(c);
        }
        if (c < 0x20) {
            return String.valueOf((char) (0x2400 + c));
        }
        if (c == 0x7F) {
            return "\u2421";
        }
        if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            return "\uFFFD";
        }
        return String.valueOf(c);
    }
}
