package dev.twofifty.e2e;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * A small Angus Mail (Jakarta Mail) client for a fake server on loopback: properties with bounded
 * timeouts and a fixed EHLO name, and a send over a transport the test controls.
 */
final class AngusMail {

    /** The name Angus Mail gives in EHLO. */
    static final String CLIENT_NAME = "client.example";

    /**
     * The body of the test messages: lines that start with a dot, two dots, and a line that is only
     * a dot, so that the client's dot-stuffing and the server's unstuffing are both exercised.
     */
    static final String DOTTED_BODY = "Hello,\r\n"
            + ".a line that starts with a dot\r\n"
            + "..one that starts with two\r\n"
            + ".\r\n"
            + "the line above is a lone dot, the next one ends the body\r\n"
            + ". \r\n";

    private final String protocol;
    private final Properties properties = new Properties();

    private AngusMail(String protocol, String host, int port) {
        this.protocol = protocol;
        String prefix = "mail." + protocol + ".";
        properties.put(prefix + "host", host);
        properties.put(prefix + "port", String.valueOf(port));
        properties.put(prefix + "localhost", CLIENT_NAME);
        properties.put(prefix + "connectiontimeout", "5000");
        properties.put(prefix + "timeout", "5000");
        properties.put(prefix + "writetimeout", "5000");
    }

    /** A client for the {@code smtp} protocol (plain, or STARTTLS when asked). */
    static AngusMail smtp(String host, int port) {
        return new AngusMail("smtp", host, port);
    }

    /** A client for the {@code smtps} protocol (implicit TLS). */
    static AngusMail smtps(String host, int port) {
        return new AngusMail("smtps", host, port);
    }

    /** Sets {@code mail.<protocol>.<name>}. */
    AngusMail with(String name, Object value) {
        properties.put("mail." + protocol + "." + name, value);
        return this;
    }

    /** Sets a property by its full name, for example {@code mail.mime.allowutf8}. */
    AngusMail withProperty(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    Session session() {
        return Session.getInstance(properties);
    }

    /** A new message of this client's session. */
    MimeMessage message() {
        return new MimeMessage(session());
    }

    /** A plain-text message with the dotted body, saved, ready to send. */
    MimeMessage textMessage(String from, String to, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session());
        message.setFrom(address(from));
        message.setRecipient(MimeMessage.RecipientType.TO, address(to));
        message.setSubject(subject);
        message.setText(DOTTED_BODY);
        message.saveChanges();
        return message;
    }

    /** Connects, sends the message to its recipients, and closes (after QUIT). */
    void send(MimeMessage message) throws MessagingException {
        send(message, null, null);
    }

    /** Connects, authenticates, sends the message to its recipients, and closes. */
    void send(MimeMessage message, String user, String password) throws MessagingException {
        try (Transport transport = message.getSession().getTransport(protocol)) {
            transport.connect(user, password);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** Opens a transport for several sends; the caller closes it. */
    Transport connect() throws MessagingException {
        Transport transport = session().getTransport(protocol);
        transport.connect();
        return transport;
    }

    static InternetAddress address(String address) {
        try {
            return new InternetAddress(address, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An address taken as it is, without the syntax check (for internationalized addresses). */
    static InternetAddress unchecked(String address) {
        InternetAddress result = new InternetAddress();
        result.setAddress(address);
        return result;
    }

    static Address[] addresses(String... addresses) {
        Address[] result = new Address[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            result[i] = address(addresses[i]);
        }
        return result;
    }
}
