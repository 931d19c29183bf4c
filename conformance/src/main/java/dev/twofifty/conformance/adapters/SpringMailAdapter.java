package dev.twofifty.conformance.adapters;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Drives Spring's {@link JavaMailSenderImpl} (spring-context-support) with its defaults, which are
 * Angus Mail's: the request's messages, parsed from their bytes, go to {@code send(MimeMessage...)} in
 * one call, so Spring sends them over one connection (it reconnects when the connection was lost).
 *
 * <p>Configuration, all through the sender's own API: host, port, protocol ({@code smtps} for
 * implicit TLS), user and password, and {@code javaMailProperties} for the endpoint's connect, read
 * and write timeouts, the trust of the test server's certificate ({@code mail.smtp.ssl.socketFactory}),
 * STARTTLS ({@code starttls.enable}, plus {@code starttls.required} when the request requires it), the
 * DSN RET option and {@code mail.mime.allowutf8} for a non-ASCII envelope. The envelope is the
 * request's: the sender through {@code SMTPMessage.setEnvelopeFrom}, the recipients as the message's
 * {@code getAllRecipients()}, which is where Spring takes them from.
 *
 * <p>Spring reports failures as {@link MailSendException} with {@code getFailedMessages()} (message →
 * the Angus exception), or {@code MailAuthenticationException} when the login failed; both are
 * unwrapped and mapped by {@link AngusOutcomes}. A {@code MailSendException} without failed messages
 * is Spring's "Failed to close server connection after message sending": every message had been
 * accepted, so they are reported as delivered.
 *
 * <p>No {@link Feature#RAW_CONTENT}: Spring calls {@code saveChanges()} on every message and sets a
 * {@code Date} when there is none, so a prepared message gains MIME headers and a {@code Message-ID}
 * and is written out again; its bytes do not arrive as given.
 */
public final class SpringMailAdapter implements ClientAdapter {

    @Override
    public String name() {
        return "spring-javamail (defaults)";
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.of(
                Feature.STARTTLS,
                Feature.IMPLICIT_TLS,
                Feature.AUTH,
                Feature.DSN,
                Feature.SMTPUTF8,
                Feature.SEVERAL_MESSAGES_PER_CONNECTION);
    }

    @Override
    public List<Outcome> send(Endpoint endpoint, MailRequest request) {
        boolean implicit = request.security() == MailRequest.Security.IMPLICIT_TLS;
        String protocol = implicit ? "smtps" : "smtp";
        int count = request.messages().size();
        RecordingSender sender = new RecordingSender();
        sender.setProtocol(protocol);
        sender.setHost(endpoint.host());
        sender.setPort(implicit ? endpoint.smtpsPort() : endpoint.port());
        if (request.credentials() != null) {
            sender.setUsername(request.credentials().user());
            sender.setPassword(request.credentials().password());
        }
        sender.setJavaMailProperties(properties(endpoint, request, protocol));
        List<MimeMessage> messages = new ArrayList<>();
        try {
            for (byte[] raw : request.messages()) {
                messages.add(JakartaMailSupport.envelopeMessage(sender.getSession(), raw, request));
            }
        } catch (MessagingException | IllegalArgumentException e) {
            return Collections.nCopies(count, Outcome.localReject(AngusOutcomes.describe(e)));
        }
        try {
            sender.send(messages.toArray(MimeMessage[]::new));
            return Collections.nCopies(count, Outcome.delivered());
        } catch (MailSendException e) {
            Map<Object, Exception> failed = e.getFailedMessages();
            List<Outcome> outcomes = new ArrayList<>();
            for (MimeMessage message : messages) {
                Exception failure = failed.get(message);
                outcomes.add(failure == null ? Outcome.delivered() : classify(failure, sender));
            }
            return outcomes;
        } catch (MailException e) {
            // MailAuthenticationException, or a failure before any message was sent.
            return Collections.nCopies(count, AngusOutcomes.classify(e, sender.lastReturnCode()));
        }
    }

    /**
     * Per message the exception carries its own codes; the transport's last reply code (which may belong
     * to a later message) is only a fallback.
     */
    private static Outcome classify(Exception failure, RecordingSender sender) {
        Outcome outcome = AngusOutcomes.classify(failure, -1);
        return outcome.kind() == Outcome.Kind.UNKNOWN
                ? AngusOutcomes.classify(failure, sender.lastReturnCode())
                : outcome;
    }

    private static Properties properties(Endpoint endpoint, MailRequest request, String protocol) {
        String prefix = "mail." + protocol + ".";
        Properties properties = JakartaMailSupport.endpointProperties(endpoint, request, protocol, true);
        if (request.credentials() != null) {
            properties.put(prefix + "auth", "true");
        }
        if (request.dsn() != null && request.dsn().ret() != null) {
            properties.put(prefix + "dsn.ret", request.dsn().ret());
        }
        switch (request.security()) {
            case STARTTLS_IF_OFFERED -> properties.put(prefix + "starttls.enable", "true");
            case STARTTLS_REQUIRED -> {
                properties.put(prefix + "starttls.enable", "true");
                properties.put(prefix + "starttls.required", "true");
            }
            default -> {}
        }
        return properties;
    }

    /**
     * Spring's sender, keeping the last transport it opened so that the reply code behind a failed
     * login (454 or 535) can be read; it changes nothing in how Spring sends.
     */
    private static final class RecordingSender extends JavaMailSenderImpl {
        private volatile Transport last;

        @Override
        protected Transport getTransport(Session session) throws NoSuchProviderException {
            Transport transport = super.getTransport(session);
            last = transport;
            return transport;
        }

        int lastReturnCode() {
            return last instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : -1;
        }
    }
}
