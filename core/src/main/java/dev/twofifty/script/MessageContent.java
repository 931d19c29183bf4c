package dev.twofifty.script;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of a message at the end of data, as rules see it: the raw octets, the header fields
 * (unfolded, not decoded) and the body text. Header parsing is done on first use.
 */
public final class MessageContent {

    private final byte[] raw;
    private List<String[]> headers;
    private int bodyStart = -1;

    /** Wraps the raw content; the array is not copied and must not change. */
    public MessageContent(byte[] raw) {
        this.raw = raw;
    }

    /** The size in octets. */
    public int size() {
        return raw.length;
    }

    /** A copy of the raw content. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The values of the header fields with this name (case-insensitive), unfolded, in order. */
    public synchronized List<String> headerValues(String name) {
        parseHeaders();
        List<String> values = new ArrayList<>(1);
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                values.add(header[1]);
            }
        }
        return values;
    }

    /** The body after the blank line that ends the header, decoded as UTF-8 (invalid octets replaced). */
    public synchronized String body() {
        parseHeaders();
        return new String(raw, bodyStart, raw.length - bodyStart, StandardCharsets.UTF_8);
    }

    private void parseHeaders() {
        if (headers != null) {
            return;
        }
        headers = new ArrayList<>();
        int position = 0;
        StringBuilder current = null;
        while (position < raw.length) {
            int end = position;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int contentEnd = end > position && raw[end - 1] == '\r' ? end - 1 : end;
            String line = new String(raw, position, contentEnd - position, StandardCharsets.UTF_8);
            position = Math.min(end + 1, raw.length);
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(line);
            } else {
                addHeader(current);
                current = new StringBuilder(line);
            }
        }
        addHeader(current);
        bodyStart = position;
    }

    private void addHeader(StringBuilder field) {
        if (field == null) {
            return;
        }
        int colon = field.indexOf(":");
        if (colon > 0) {
            headers.add(new String[] {
                field.substring(0, colon).trim(), field.substring(colon + 1).trim()
            });
        }
    }
}
