package dev.twofifty.conformance.adapters;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.commons.mail2.core.EmailException;
import org.apache.commons.mail2.jakarta.Email;
import org.apache.commons.mail2.jakarta.MultiPartEmail;
import org.apache.commons.mail2.jakarta.SimpleEmail;
import org.apache.commons.mail2.jakarta.util.MimeMessageParser;
import org.apache.commons.mail2.jakarta.util.MimeMessageUtils;

/**
 * Drives Apache Commons Email 2 for Jakarta Mail ({@code commons-email2-jakarta}) with its defaults.
 * Commons Email composes its own message: the request's message is parsed
 * ({@code MimeMessageUtils.createMimeMessage}, {@code MimeMessageParser}) and its subject, plain text
 * and attachments go into a {@link SimpleEmail}, or a {@link MultiPartEmail} when it has attachments;
 * so there is no {@link Feature#RAW_CONTENT}. Every {@code send()} is one {@code Transport.send}, one
 * connection, so no {@link Feature#SEVERAL_MESSAGES_PER_CONNECTION}. Its API has no DSN options and no
 * UTF-8 address switch, so neither feature is declared.
 *
 * <p>Configuration through the {@code Email} API: host and port ({@code setSslSmtpPort} with
 * {@code setSSLOnConnect} for implicit TLS), {@code setStartTLSEnabled} / {@code setStartTLSRequired},
 * {@code setAuthentication}, {@code setSocketConnectionTimeout} and {@code setSocketTimeout} (Commons
 * Email has no write timeout: a server that stops reading is caught only by the runner's watchdog),
 * {@code setBounceAddress} for the envelope sender and {@code addTo} for the recipients (Commons Email
 * sends to the message's To, Cc and Bcc). The null sender cannot be expressed (an empty bounce address
 * falls back to From), so it is a {@code LOCAL_REJECT}. What the API cannot say goes into the session it
 * built ({@code getMailSession().getProperties()}), the documented way to reach Jakarta Mail settings:
 * the test server's certificate as trusted socket factory ({@code mail.smtp.ssl.socketFactory} for
 * STARTTLS, {@code mail.smtp.socketFactory} in place of the plain {@code SSLSocketFactory} class that
 * {@code setSSLOnConnect} names) and {@code mail.smtp.localhost} for the EHLO name.
 *
 * <p>Failures arrive as {@code EmailException} ("Sending the email to the following server failed")
 * around the Angus exception, which {@link AngusOutcomes} unwraps; an {@code EmailException} while the
 * message is built, before anything was sent, is a {@code LOCAL_REJECT}.
 */
public final class CommonsEmailAdapter implements ClientAdapter {

    @Override
    public String name() {
        return "commons-email (defaults)";
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.of(Feature.STARTTLS, Feature.IMPLICIT_TLS, Feature.AUTH);
    }

    @Override
    public List<Outcome> send(Endpoint endpoint, MailRequest request) {
        List<Outcome> outcomes = new ArrayList<>();
        for (byte[] raw : request.messages()) {
            outcomes.add(sendOne(endpoint, request, raw));
        }
        return outcomes;
    }

    private static Outcome sendOne(Endpoint endpoint, MailRequest request, byte[] raw) {
        if (request.from().isEmpty()) {
            return Outcome.localReject("Commons Email has no way to send with the null sender <>");
        }
        Email email;
        try {
            email = compose(endpoint, request, raw);
            email.buildMimeMessage();
        } catch (EmailException | MessagingException | IOException | RuntimeException e) {
            return Outcome.localReject(AngusOutcomes.describe(e));
        }
        try {
            email.sendMimeMessage();
            return Outcome.delivered();
        } catch (EmailException e) {
            return AngusOutcomes.classify(e, -1);
        }
    }

    private static Email compose(Endpoint endpoint, MailRequest request, byte[] raw)
            throws EmailException, MessagingException, IOException {
        MimeMessageParser parsed = new MimeMessageParser(
                        MimeMessageUtils.createMimeMessage(Session.getInstance(new Properties()), raw))
                .parse();
        Email email;
        if (parsed.hasAttachments()) {
            MultiPartEmail multipart = new MultiPartEmail();
            for (DataSource attachment : parsed.getAttachmentList()) {
                multipart.attach(attachment, attachment.getName(), null);
            }
            email = multipart;
        } else {
            email = new SimpleEmail();
        }
        configure(email, endpoint, request);
        String from = parsed.getFrom();
        email.setFrom(from == null || from.isEmpty() ? request.from() : from);
        email.setBounceAddress(request.from());
        for (String recipient : request.to()) {
            email.addTo(recipient);
        }
        String subject = parsed.getSubject();
        if (subject != null) {
            email.setSubject(subject);
        }
        String text = parsed.hasPlainContent() ? parsed.getPlainContent() : null;
        // Commons Email refuses an empty text ("Invalid message"): an empty body becomes one line break.
        email.setMsg(text == null || text.isEmpty() ? "\r\n" : text);
        trustAndName(email.getMailSession(), endpoint, request);
        return email;
    }

    private static void configure(Email email, Endpoint endpoint, MailRequest request) {
        email.setHostName(endpoint.host());
        email.setSmtpPort(endpoint.port());
        email.setSocketConnectionTimeout(endpoint.timeout());
        email.setSocketTimeout(endpoint.timeout());
        switch (request.security()) {
            case STARTTLS_IF_OFFERED -> email.setStartTLSEnabled(true);
            case STARTTLS_REQUIRED -> {
                email.setStartTLSEnabled(true);
                email.setStartTLSRequired(true);
            }
            case IMPLICIT_TLS -> {
                email.setSSLOnConnect(true);
                email.setSslSmtpPort(String.valueOf(endpoint.smtpsPort()));
            }
            default -> {}
        }
        if (request.credentials() != null) {
            email.setAuthentication(
                    request.credentials().user(), request.credentials().password());
        }
    }

    /** The settings Commons Email has no API for, put into the session it built. */
    private static void trustAndName(Session session, Endpoint endpoint, MailRequest request) {
        Properties properties = session.getProperties();
        properties.put("mail.smtp.ssl.socketFactory", endpoint.trust().getSocketFactory());
        if (request.security() == MailRequest.Security.IMPLICIT_TLS) {
            properties.put("mail.smtp.socketFactory", endpoint.trust().getSocketFactory());
        }
        properties.put("mail.smtp.localhost", JakartaMailSupport.EHLO_NAME);
    }
}
