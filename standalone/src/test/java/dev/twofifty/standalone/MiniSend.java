package dev.twofifty.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends one small message over a raw socket, for the launcher's tests. */
final class MiniSend {

    private MiniSend() {}

    static void oneMessage(String host, int port) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            for (String line :
                    new String[] {"HELO mini.example", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.com>"}) {
                out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                in.readLine();
            }
            out.write("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
            in.readLine();
            out.write("Subject: mini\r\n\r\nhi\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            in.readLine();
            in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
