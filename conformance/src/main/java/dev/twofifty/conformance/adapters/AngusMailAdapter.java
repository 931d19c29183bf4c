package dev.twofifty.conformance.adapters;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Drives Eclipse Angus Mail (the Jakarta Mail implementation) in one of two profiles: its library
 * defaults, or a hardened configuration (TLS required when asked, certificate and host name checked,
 * QUIT on a rejected greeting). Both use the endpoint's timeouts, so a stall is reported rather than
 * waited for forever. What Angus throws is mapped to outcomes by {@link AngusOutcomes}. Several messages go
 * over one {@code Transport} the way applications reuse it: {@code isConnected()} before each further
 * message, and a new connection when it says no.
 */
public final class AngusMailAdapter implements ClientAdapter {

    /** How Angus is configured. */
    public enum Profile {
        /** Library defaults, apart from timeouts and trusting the test server's certificate. */
        DEFAULTS,
        /** STARTTLS required when TLS is asked for, identity checks on, QUIT on a rejected greeting. */
        HARDENED
    }

    private final Profile profile;

    public AngusMailAdapter(Profile profile) {
        this.profile = profile;
    }

    @Override
    public String name() {
        return "angus-mail (" + profile.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.of(
                Feature.STARTTLS,
                Feature.IMPLICIT_TLS,
                Feature.AUTH,
                Feature.DSN,
                Feature.SMTPUTF8,
                Feature.SEVERAL_MESSAGES_PER_CONNECTION,
                Feature.CONNECTION_PER_MESSAGE,
                Feature.RAW_CONTENT,
                Feature.CHUNKING);
    }

    /**
     * Sends the request's messages the way applications reuse an Angus {@code Transport} (Spring's
     * {@code JavaMailSenderImpl} does exactly this): connect once; before each further message ask
     * {@code isConnected()} (a NOOP) and reconnect when the connection is gone; a failed message does not
     * stop the others, a failed connect fails every message left. With {@link MailRequest#connectionPerMessage}
     * the same transport connects, sends and closes once per message, and a failed connect fails only its message.
     */
    @Override
    public List<Outcome> send(Endpoint endpoint, MailRequest request) {
        boolean implicit = request.security() == MailRequest.Security.IMPLICIT_TLS;
        String protocol = implicit ? "smtps" : "smtp";
        Session session = Session.getInstance(properties(endpoint, request, protocol));
        int count = request.messages().size();
        List<SMTPMessage> messages = new ArrayList<>();
        Address[] recipients;
        try {
            recipients = recipients(request.to());
            for (byte[] raw : request.messages()) {
                SMTPMessage message = new SMTPMessage(session, new ByteArrayInputStream(raw));
                message.setEnvelopeFrom(request.from().isEmpty() ? "<>" : request.from());
                if (request.dsn() != null && request.dsn().notifyOn() != null) {
                    message.setNotifyOptions(notifyOptions(request.dsn().notifyOn()));
                }
                if (request.submitter() != null) {
                    message.setSubmitter(request.submitter());
                }
                messages.add(message);
            }
        } catch (MessagingException | IllegalArgumentException e) {
            return Collections.nCopies(count, Outcome.localReject(e.toString()));
        }
        List<Outcome> outcomes = new ArrayList<>();
        SMTPTransport transport = null;
        try {
            for (SMTPMessage message : messages) {
                if (transport != null && !pause(endpoint.scaled(request.pauseBetweenMessages()))) {
                    break;
                }
                if (transport == null || !transport.isConnected()) {
                    if (!request.connectionPerMessage()) {
                        // A connection that is gone is replaced by a new transport, as applications do.
                        closeQuietly(transport);
                        transport = null;
                    }
                    try {
                        if (transport == null) {
                            transport = (SMTPTransport) session.getTransport(protocol);
                        }
                        connect(transport, endpoint, request, implicit);
                    } catch (MessagingException | IllegalStateException | IllegalArgumentException e) {
                        Outcome failure =
                                AngusOutcomes.classify(e, transport == null ? -1 : transport.getLastReturnCode());
                        if (request.connectionPerMessage() && transport != null) {
                            outcomes.add(failure);
                            continue;
                        }
                        while (outcomes.size() < count) {
                            outcomes.add(failure);
                        }
                        break;
                    }
                }
                try {
                    transport.sendMessage(message, recipients);
                    outcomes.add(Outcome.delivered());
                } catch (MessagingException | IllegalStateException | IllegalArgumentException e) {
                    outcomes.add(AngusOutcomes.classify(e, transport.getLastReturnCode()));
                }
                if (request.connectionPerMessage()) {
                    // The same transport object connects again for the next message, so what it remembers of
                    // the previous session (capabilities, authentication) is what the case looks at.
                    closeQuietly(transport);
                }
            }
        } finally {
            closeQuietly(transport);
        }
        while (outcomes.size() < count) {
            outcomes.add(Outcome.unknown("interrupted before this message"));
        }
        return outcomes;
    }

    private static void connect(SMTPTransport transport, Endpoint endpoint, MailRequest request, boolean implicit)
            throws MessagingException {
        int port = implicit ? endpoint.smtpsPort() : endpoint.port();
        if (request.credentials() != null) {
            transport.connect(
                    endpoint.host(),
                    port,
                    request.credentials().user(),
                    request.credentials().password());
        } else {
            transport.connect(endpoint.host(), port, null, null);
        }
    }

    /** Stays idle between two messages, as an application does; false when interrupted (the watchdog). */
    private static boolean pause(Duration pause) {
        if (pause.isZero()) {
            return true;
        }
        try {
            Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(SMTPTransport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // Closing after a failure may fail too; the outcome is already known.
        }
    }

    private Properties properties(Endpoint endpoint, MailRequest request, String protocol) {
        String prefix = "mail." + protocol + ".";
        String timeout = String.valueOf(endpoint.timeout().toMillis());
        Properties properties = new Properties();
        properties.put(prefix + "connectiontimeout", timeout);
        properties.put(prefix + "timeout", timeout);
        properties.put(prefix + "writetimeout", timeout);
        properties.put(prefix + "ssl.socketFactory", endpoint.trust().getSocketFactory());
        properties.put(prefix + "localhost", request.clientName() == null ? "client.test" : request.clientName());
        if (request.chunkSize() > 0) {
            properties.put(prefix + "chunksize", String.valueOf(request.chunkSize()));
        }
        if (request.credentials() != null) {
            properties.put(prefix + "auth", "true");
        }
        if (request.dsn() != null && request.dsn().ret() != null) {
            properties.put(prefix + "dsn.ret", request.dsn().ret());
        }
        boolean nonAscii = !isAscii(request.from()) || request.to().stream().anyMatch(address -> !isAscii(address));
        if (nonAscii) {
            properties.put("mail.mime.allowutf8", "true");
        }
        switch (request.security()) {
            case STARTTLS_IF_OFFERED -> properties.put(prefix + "starttls.enable", "true");
            case STARTTLS_REQUIRED -> {
                properties.put(prefix + "starttls.enable", "true");
                properties.put(prefix + "starttls.required", "true");
            }
            default -> {}
        }
        if (profile == Profile.HARDENED) {
            properties.put(prefix + "ssl.checkserveridentity", "true");
            properties.put(prefix + "quitonsessionreject", "true");
            if (request.security() == MailRequest.Security.STARTTLS_IF_OFFERED) {
                properties.put(prefix + "starttls.required", "true");
            }
        }
        return properties;
    }

    /**
     * The recipients exactly as the request gives them, not parsed: what a caller passes is what the client
     * gets (parsing could turn {@code "b@x\nRCPT TO:<v@y>"} into another address before Angus sees it).
     */
    private static Address[] recipients(List<String> addresses) {
        Address[] recipients = new Address[addresses.size()];
        for (int i = 0; i < addresses.size(); i++) {
            InternetAddress recipient = new InternetAddress();
            recipient.setAddress(addresses.get(i));
            recipients[i] = recipient;
        }
        return recipients;
    }

    private static int notifyOptions(String notify) {
        if (notify.equalsIgnoreCase("NEVER")) {
            return SMTPMessage.NOTIFY_NEVER;
        }
        int options = 0;
        for (String value : notify.toUpperCase(java.util.Locale.ROOT).split(",")) {
            options |= switch (value.trim()) {
                case "SUCCESS" -> SMTPMessage.NOTIFY_SUCCESS;
                case "FAILURE" -> SMTPMessage.NOTIFY_FAILURE;
                case "DELAY" -> SMTPMessage.NOTIFY_DELAY;
                default -> 0;
            };
        }
        return options;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
