package dev.twofifty.benchmarks.harness;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Properties;

/**
 * Latency of one Angus Mail send of a 1 KiB message: on a new connection each time (as
 * {@code Transport.send} and Spring's {@code JavaMailSender} do), and on one connection kept open.
 */
final class AngusLatency {

    private final Session session;
    private final MimeMessage message;

    AngusLatency(int port) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        // A fixed EHLO name: looking the local host name up would be timed too.
        properties.put("mail.smtp.localhost", "client.example");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        session = Session.getInstance(properties);
        message = new MimeMessage(session);
        message.setFrom(new InternetAddress("bench@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("sink@example.org"));
        message.setSubject("benchmark");
        message.setText("x".repeat(Workload.BODY_BYTES));
        message.saveChanges();
    }

    /**
     * Median and 99th percentile of a series of sends, in milliseconds.
     *
     * @param medianMillis the median
     * @param p99Millis the 99th percentile (nearest rank)
     */
    record Percentiles(double medianMillis, double p99Millis) {

        static Percentiles of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(Stats.median(sorted) / 1e6, Stats.nearestRank(sorted, 99) / 1e6);
        }
    }

    /** Sends one message on a new connection. */
    void sendOne() throws MessagingException {
        Transport.send(message);
    }

    /** Sends {@code warmUp} untimed messages, then {@code sends} timed ones, each on a new connection. */
    Percentiles newConnection(int warmUp, int sends) throws MessagingException {
        for (int i = 0; i < warmUp; i++) {
            Transport.send(message);
        }
        long[] nanos = new long[sends];
        for (int i = 0; i < sends; i++) {
            long start = System.nanoTime();
            Transport.send(message);
            nanos[i] = System.nanoTime() - start;
        }
        return Percentiles.of(nanos);
    }

    /** Sends {@code warmUp} untimed messages, then {@code sends} timed ones, all on one connection. */
    Percentiles keptOpen(int warmUp, int sends) throws MessagingException {
        Transport transport = session.getTransport("smtp");
        transport.connect();
        try {
            for (int i = 0; i < warmUp; i++) {
                transport.sendMessage(message, message.getAllRecipients());
            }
            long[] nanos = new long[sends];
            for (int i = 0; i < sends; i++) {
                long start = System.nanoTime();
                transport.sendMessage(message, message.getAllRecipients());
                nanos[i] = System.nanoTime() - start;
            }
            return Percentiles.of(nanos);
        } finally {
            transport.close();
        }
    }
}
