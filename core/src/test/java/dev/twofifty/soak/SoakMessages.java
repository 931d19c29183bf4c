package dev.twofifty.soak;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The messages of the soak test, computed from their id on both sides: the client processes send
 * them, and the test checks the journal against them byte for byte.
 */
final class SoakMessages {

    private SoakMessages() {}

    /** The content as the server must record it (canonical, not dot-stuffed), different in size per id. */
    static byte[] content(String id) {
        StringBuilder text = new StringBuilder()
                .append("X-Soak-Id: ")
                .append(id)
                .append("\r\nSubject: soak ")
                .append(id)
                .append("\r\n\r\n.a line starting with a dot\r\n..two dots\r\n.\r\n");
        int lines = Math.floorMod(id.hashCode(), 40);
        for (int i = 0; i < lines; i++) {
            text.append("line ").append(i).append(" of ").append(id).append(" \u00e9t\u00e9\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** DATA dot-stuffing of canonical content. */
    static byte[] dotStuffed(byte[] canonical) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(canonical.length + 16);
        boolean lineStart = true;
        for (byte b : canonical) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }

    /** The message id in a {@code 250 ... queued as N} reply, or -1. */
    static long queuedId(String reply) {
        int at = reply.indexOf("queued as ");
        return reply.startsWith("250") && at >= 0
                ? Long.parseLong(reply.substring(at + 10).trim())
                : -1;
    }
}
