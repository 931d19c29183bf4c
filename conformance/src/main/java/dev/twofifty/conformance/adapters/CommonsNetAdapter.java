package dev.twofifty.conformance.adapters;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPConnectionClosedException;
import org.apache.commons.net.smtp.SMTPReply;

/**
 * Drives Apache Commons Net's {@link AuthenticatingSMTPClient} (an {@code SMTPSClient}, itself an
 * {@code SMTPClient}). The library is low level: it sends the commands it is told to and returns the
 * reply codes, so this adapter is also the application around it, written as a careful application
 * would be: {@code EHLO} (then {@code HELO} when EHLO gets a 5yz), {@code STARTTLS} when the request
 * asks for it and the server offers it, then EHLO again, {@code AUTH} with the first of PLAIN, LOGIN and
 * CRAM-MD5 that the server offers, {@code MAIL}, one {@code RCPT} per recipient, {@code DATA} through
 * the library's dot-stuffing writer ({@code sendMessageData()}), {@code RSET} between messages after a
 * failed transaction, and {@code QUIT} at the end and after every refusal (but not after a 421 or a lost
 * connection). It checks every reply code and maps it by its class.
 *
 * <p>So its verdicts are about Commons Net's part of the conversation (reply parsing, the dot-stuffing
 * writer, TLS, the commands' syntax) together with this flow; where the flow decides (QUIT after a
 * rejection, no AUTH when the server offers none), it is written to conform.
 *
 * <p>Policies of the flow: the message goes to the recipients that were accepted (a {@code PARTIAL}
 * outcome lists the refused ones); when STARTTLS is asked for but refused, the adapter reports
 * {@code TLS_FAILED} rather than going on in clear; with credentials and no AUTH the server offers (or
 * none in common), {@code AUTH_FAILED(perm)} with code 0, as the caller asked for authentication. DSN
 * ({@code RET=}, {@code NOTIFY=}) and {@code SMTPUTF8} parameters are added only when the current EHLO
 * reply advertises them; with a non-ASCII envelope the connection's encoding is UTF-8 (Commons Net has
 * no SMTPUTF8 support of its own), otherwise ISO-8859-1, the library's default, which carries a
 * message's bytes through the character-based writer unchanged. A message with 8-bit octets is sent
 * with {@code BODY=8BITMIME} when the server offers it; a UTF-8 envelope without SMTPUTF8, or 8-bit
 * content without 8BITMIME, is refused before MAIL ({@code LOCAL_REJECT}), since Commons Net cannot
 * downgrade either.
 *
 * <p>Library defaults kept: no host name check of the server certificate ({@code SMTPSClient}'s
 * endpoint checking is off by default), the certificate is trusted through a trust manager built from
 * the endpoint's certificate. Timeouts: connect and read (socket) timeouts from the endpoint; Commons
 * Net has no write timeout, so a server that stops reading is only caught by the runner's watchdog.
 */
public final class CommonsNetAdapter implements ClientAdapter {

    @Override
    public String name() {
        return "commons-net (defaults)";
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
                Feature.RAW_CONTENT);
    }

    @Override
    public List<Outcome> send(Endpoint endpoint, MailRequest request) {
        return new Conversation(endpoint, request).run();
    }

    /** Raised inside a conversation when a refusal ends it; the outcome is reported for every message left. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Outcome outcome;

        Refused(Outcome outcome) {
            super(outcome.detail(), null, false, false);
            this.outcome = outcome;
        }
    }

    /** One run of the flow: one connection, the request's messages one after the other. */
    private static final class Conversation {
        private static final String EHLO_NAME = JakartaMailSupport.EHLO_NAME;

        private final Endpoint endpoint;
        private final MailRequest request;
        private final boolean utf8;
        private final Charset charset;
        private final AuthenticatingSMTPClient client;
        private final List<Outcome> outcomes = new ArrayList<>();
        private Map<String, String> capabilities = Map.of();

        Conversation(Endpoint endpoint, MailRequest request) {
            this.endpoint = endpoint;
            this.request = request;
            this.utf8 = JakartaMailSupport.needsUtf8(request);
            this.charset = utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
            boolean implicit = request.security() == MailRequest.Security.IMPLICIT_TLS;
            this.client = new AuthenticatingSMTPClient("TLS", implicit, charset.name());
        }

        List<Outcome> run() {
            int timeout = (int) Math.min(Integer.MAX_VALUE, endpoint.timeout().toMillis());
            try {
                client.setTrustManager(trustManager(endpoint));
            } catch (GeneralSecurityException | IOException e) {
                return fill(Outcome.localReject("cannot trust the endpoint's certificate: " + e));
            }
            client.setConnectTimeout(timeout);
            client.setDefaultTimeout(timeout);
            boolean implicit = request.security() == MailRequest.Security.IMPLICIT_TLS;
            try {
                client.connect(endpoint.host(), implicit ? endpoint.smtpsPort() : endpoint.port());
                client.setSoTimeout(timeout);
                int greeting = client.getReplyCode();
                if (!SMTPReply.isPositiveCompletion(greeting)) {
                    throw refusedAndQuit(byClass(greeting, "greeting"));
                }
                greet();
                startTls();
                authenticate();
                for (int index = 0; index < request.messages().size(); index++) {
                    outcomes.add(transaction(
                            request.messages().get(index),
                            index + 1 < request.messages().size()));
                }
                quit();
            } catch (Refused refused) {
                fill(refused.outcome);
            } catch (SMTPConnectionClosedException e) {
                // Commons Net throws this for a 421 reply (the reply code stays readable) and for EOF.
                int code = client.getReplyCode() == 421 ? 421 : 0;
                fill(Outcome.transientFailure(code, describe(e)));
            } catch (SSLException e) {
                fill(Outcome.tlsFailed(describe(e)));
            } catch (IOException e) {
                fill(Outcome.transientFailure(0, describe(e)));
            } finally {
                disconnect();
            }
            return outcomes;
        }

        /** EHLO, or HELO after a 5yz to EHLO (RFC 5321 §3.2); the capabilities of the current reply. */
        private void greet() throws IOException, Refused {
            int code = client.ehlo(EHLO_NAME);
            if (code == 250) {
                capabilities = capabilities(client.getReplyStrings());
                return;
            }
            if (code / 100 == 5) {
                int helo = client.helo(EHLO_NAME);
                if (helo == 250) {
                    capabilities = Map.of();
                    return;
                }
                throw refusedAndQuit(byClass(helo, "HELO"));
            }
            throw refusedAndQuit(byClass(code, "EHLO"));
        }

        private void startTls() throws IOException, Refused {
            MailRequest.Security security = request.security();
            if (security != MailRequest.Security.STARTTLS_IF_OFFERED
                    && security != MailRequest.Security.STARTTLS_REQUIRED) {
                return;
            }
            if (!capabilities.containsKey("STARTTLS")) {
                if (security == MailRequest.Security.STARTTLS_REQUIRED) {
                    throw refusedAndQuit(Outcome.tlsFailed("STARTTLS is required but the server does not offer it"));
                }
                return;
            }
            if (!client.execTLS()) {
                throw refusedAndQuit(Outcome.tlsFailed("STARTTLS refused: " + reply()));
            }
            capabilities = Map.of();
            greet();
        }

        private void authenticate() throws IOException, Refused {
            if (request.credentials() == null) {
                return;
            }
            AuthenticatingSMTPClient.AUTH_METHOD method = mechanism();
            if (method == null) {
                throw refusedAndQuit(Outcome.authFailed(
                        false,
                        0,
                        "the server offers no AUTH mechanism the client has (PLAIN, LOGIN, CRAM-MD5): "
                                + capabilities.getOrDefault("AUTH", "no AUTH")));
            }
            boolean accepted;
            try {
                accepted = client.auth(
                        method,
                        request.credentials().user(),
                        request.credentials().password());
            } catch (GeneralSecurityException e) {
                throw refusedAndQuit(Outcome.localReject("AUTH " + method + " cannot be computed: " + e));
            } catch (IllegalArgumentException e) {
                // Commons Net decodes a CRAM-MD5 challenge without checking it: a bad one throws.
                throw refusedAndQuit(
                        Outcome.authFailed(false, 0, "AUTH " + method + ": the client failed on the challenge: " + e));
            }
            if (!accepted) {
                int code = client.getReplyCode();
                throw refusedAndQuit(Outcome.authFailed(code / 100 == 4, code, "AUTH " + method + ": " + reply()));
            }
        }

        private AuthenticatingSMTPClient.AUTH_METHOD mechanism() {
            String offered = capabilities.get("AUTH");
            if (offered == null) {
                return null;
            }
            List<String> mechanisms = List.of(offered.toUpperCase(Locale.ROOT).split("\\s+"));
            if (mechanisms.contains("PLAIN")) {
                return AuthenticatingSMTPClient.AUTH_METHOD.PLAIN;
            }
            if (mechanisms.contains("LOGIN")) {
                return AuthenticatingSMTPClient.AUTH_METHOD.LOGIN;
            }
            if (mechanisms.contains("CRAM-MD5")) {
                return AuthenticatingSMTPClient.AUTH_METHOD.CRAM_MD5;
            }
            return null;
        }

        /** One mail transaction; a refusal of this message is its outcome, the session goes on. */
        private Outcome transaction(byte[] message, boolean more) throws IOException {
            if (utf8 && !capabilities.containsKey("SMTPUTF8")) {
                // RFC 6531 §3.2: no UTF-8 envelope without SMTPUTF8; Commons Net cannot downgrade one.
                return Outcome.localReject("the envelope needs SMTPUTF8, which the server does not offer");
            }
            boolean eightBit = !isSevenBit(message);
            if (eightBit && !capabilities.containsKey("8BITMIME") && !utf8) {
                // RFC 6152 §3: 8-bit content needs BODY=8BITMIME; Commons Net cannot convert it to 7 bit.
                return Outcome.localReject("the message has 8-bit octets and the server does not offer 8BITMIME");
            }
            int code = client.mail(reversePath(eightBit));
            if (!SMTPReply.isPositiveCompletion(code)) {
                Outcome refused = byClass(code, "MAIL");
                resetIf(more);
                return refused;
            }
            List<String> accepted = new ArrayList<>();
            Map<String, Integer> rejected = new LinkedHashMap<>();
            for (String recipient : request.to()) {
                int reply = client.rcpt(forwardPath(recipient));
                if (SMTPReply.isPositiveCompletion(reply)) {
                    accepted.add(recipient);
                } else {
                    rejected.put(recipient, reply);
                }
            }
            if (accepted.isEmpty()) {
                boolean anyTransient = rejected.values().stream().anyMatch(reply -> reply / 100 == 4 || reply == 552);
                int first = rejected.values().stream().findFirst().orElse(0);
                String detail = "RCPT: every recipient refused " + rejected + "; last reply " + reply();
                resetIf(more);
                return (anyTransient
                                ? Outcome.transientFailure(first, detail)
                                : Outcome.permanentFailure(first, detail))
                        .withRejected(rejected);
            }
            Writer writer = client.sendMessageData();
            if (writer == null) {
                Outcome refused = byClass(client.getReplyCode(), "DATA").withRejected(rejected);
                resetIf(more);
                return refused;
            }
            writer.write(new String(message, charset));
            writer.close();
            if (!client.completePendingCommand()) {
                return byClass(client.getReplyCode(), "end of data").withRejected(rejected);
            }
            return rejected.isEmpty()
                    ? Outcome.delivered()
                    : Outcome.partial(
                            accepted, rejected, "RCPT refused " + rejected + "; message accepted for " + accepted);
        }

        private String reversePath(boolean eightBit) {
            StringBuilder path = new StringBuilder("<").append(request.from()).append('>');
            if (eightBit && capabilities.containsKey("8BITMIME")) {
                path.append(" BODY=8BITMIME");
            }
            if (utf8 && capabilities.containsKey("SMTPUTF8")) {
                path.append(" SMTPUTF8");
            }
            if (request.dsn() != null && request.dsn().ret() != null && capabilities.containsKey("DSN")) {
                path.append(" RET=").append(request.dsn().ret());
            }
            return path.toString();
        }

        private String forwardPath(String recipient) {
            StringBuilder path = new StringBuilder("<").append(recipient).append('>');
            if (request.dsn() != null && request.dsn().notifyOn() != null && capabilities.containsKey("DSN")) {
                path.append(" NOTIFY=").append(request.dsn().notifyOn());
            }
            return path.toString();
        }

        private void resetIf(boolean more) throws IOException {
            if (more) {
                client.rset();
            }
        }

        /** A refusal that ends the session: QUIT first, as RFC 5321 §4.1.1.10 asks. */
        private Refused refusedAndQuit(Outcome outcome) {
            quit();
            return new Refused(outcome);
        }

        private void quit() {
            if (!client.isConnected()) {
                return;
            }
            try {
                client.logout();
            } catch (IOException e) {
                // The server may close first (or answer 421); the outcome is already known.
            }
        }

        private void disconnect() {
            try {
                client.disconnect();
            } catch (IOException e) {
                // Nothing left to report.
            }
        }

        private Outcome byClass(int code, String step) {
            String detail = step + ": " + reply();
            return code / 100 == 4 ? Outcome.transientFailure(code, detail) : Outcome.permanentFailure(code, detail);
        }

        private List<Outcome> fill(Outcome outcome) {
            while (outcomes.size() < request.messages().size()) {
                outcomes.add(outcome);
            }
            return outcomes;
        }

        private String reply() {
            String text = client.getReplyString();
            return text == null
                    ? "(no reply)"
                    : text.replace("\r", "").replace('\n', ' ').trim();
        }

        private static boolean isSevenBit(byte[] message) {
            for (byte octet : message) {
                if (octet < 0) {
                    return false;
                }
            }
            return true;
        }

        private static String describe(Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }

        /** EHLO keywords (upper case) to their parameters, from the reply's lines after the first. */
        private static Map<String, String> capabilities(String[] lines) {
            Map<String, String> capabilities = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i].length() > 4 ? lines[i].substring(4).trim() : "";
                if (line.isEmpty()) {
                    continue;
                }
                int space = line.indexOf(' ');
                String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
                capabilities.putIfAbsent(
                        keyword, space < 0 ? "" : line.substring(space + 1).trim());
            }
            return capabilities;
        }

        private static TrustManager trustManager(Endpoint endpoint) throws GeneralSecurityException, IOException {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("endpoint", endpoint.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager) {
                    return manager;
                }
            }
            throw new GeneralSecurityException("no X509TrustManager");
        }
    }
}
