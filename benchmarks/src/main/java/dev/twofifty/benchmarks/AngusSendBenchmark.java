package dev.twofifty.benchmarks;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Angus Mail client sending 1 KiB messages with full journaling: on one kept-open connection,
 * and on a new connection per message (the way {@code Transport.send} and Spring's
 * {@code JavaMailSender} work).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AngusSendBenchmark {

    private FakeSmtpServer server;
    private Session session;
    private MimeMessage message;
    private Transport connection;

    @Setup(Level.Trial)
    public void start() throws MessagingException {
        // A small journal keeps memory flat over millions of messages; journaling itself stays on.
        server = FakeSmtpServer.start(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withJournalCapacity(1_000))
                .build());
        Properties properties = new Properties();
        properties.put("mail.smtp.host", server.host());
        properties.put("mail.smtp.port", String.valueOf(server.port()));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        session = Session.getInstance(properties);
        message = new MimeMessage(session);
        message.setFrom(new InternetAddress("bench@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("sink@example.org"));
        message.setSubject("benchmark");
        message.setText("x".repeat(1024));
        message.saveChanges();
        connection = session.getTransport("smtp");
        connection.connect();
    }

    @TearDown(Level.Trial)
    public void stop() throws MessagingException {
        connection.close();
        server.close();
    }

    @Benchmark
    public void sameConnection() throws MessagingException {
        connection.sendMessage(message, message.getAllRecipients());
    }

    @Benchmark
    public void newConnectionPerMessage() throws MessagingException {
        Transport.send(message);
    }
}
