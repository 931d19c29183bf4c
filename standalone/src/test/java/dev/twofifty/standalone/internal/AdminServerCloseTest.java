package dev.twofifty.standalone.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class AdminServerCloseTest {

    @Test
    void close_also_ends_kept_alive_connections() throws IOException {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            AdminServer admin = AdminServer.start(smtp, "127.0.0.1", 0, null);
            try (Socket socket = new Socket("127.0.0.1", admin.port())) {
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                socket.getOutputStream()
                        .write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                String response = readUntil(in, "{\"status\":\"UP\"}");
                assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").doesNotContainIgnoringCase("connection: close");

                admin.close();

                // Before the fix the connection stayed open and went on serving the API of a closed server.
                assertThat(in.read()).as("end of stream").isEqualTo(-1);
            } finally {
                admin.close();
            }
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.US_ASCII).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + bytes.toString(StandardCharsets.US_ASCII));
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
