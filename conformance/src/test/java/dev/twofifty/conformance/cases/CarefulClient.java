package dev.twofifty.conformance.cases;

import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.MailRequest.Security;
import dev.twofifty.conformance.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;

/**
 * A client that does what RFC 5321, 3207 and 4954 ask, as the oracles read them: EHLO (HELO after a
 * refusal other than 421), STARTTLS as the request says with the host name checked, EHLO again after
 * TLS, AUTH only with an advertised mechanism (PLAIN without an initial response when the line would be
 * too long, LOGIN, CRAM-MD5), {@code *} to a challenge that is not base64, lock-step commands,
 * parameters only when advertised, and QUIT. Every case must PASS with it.
 */
final class CarefulClient {

    private final Endpoint endpoint;
    private final MailRequest request;
    private final List<String> preference;
    private ClientConnection wire;
    private Set<String> keywords = Set.of();
    private List<String> ehloReply = List.of();
    private boolean tls;

    private CarefulClient(Endpoint endpoint, MailRequest request, List<String> preference) {
        this.endpoint = endpoint;
        this.request = request;
        this.preference = preference;
    }

    /** The careful client as a {@link RawClient}, preferring PLAIN, then LOGIN, then CRAM-MD5. */
    static RawClient client() {
        return preferring("PLAIN", "LOGIN", "CRAM-MD5");
    }

    /** The careful client with its own order of SASL mechanisms. */
    static RawClient preferring(String... mechanisms) {
        List<String> order = List.of(mechanisms);
        return RawClient.of(
                "careful " + order,
                (endpoint, request, connection) -> new CarefulClient(endpoint, request, order).run());
    }

    private Outcome run() throws IOException {
        try {
            wire = request.security() == Security.IMPLICIT_TLS
                    ? ClientConnection.connectImplicit(endpoint)
                    : ClientConnection.connect(endpoint);
        } catch (SSLException e) {
            return Outcome.tlsFailed(e.toString());
        }
        tls = request.security() == Security.IMPLICIT_TLS;
        try {
            int greeting = wire.code();
            if (greeting != 220) {
                return stop(greeting);
            }
            Outcome failed = hello();
            if (failed == null) {
                failed = secure();
            }
            if (failed == null) {
                failed = authenticate();
            }
            if (failed != null) {
                return failed;
            }
            Outcome outcome = Outcome.delivered();
            int messages =
                    request.connectionPerMessage() ? 1 : request.messages().size();
            for (int i = 0; i < messages && outcome.isDelivered(); i++) {
                int code = wire.transaction(request, mailParameters());
                outcome = code == 250 ? Outcome.delivered() : byClass(code, "transaction refused");
                if (code == 421) {
                    wire.close();
                    return outcome;
                }
            }
            wire.quit();
            return outcome;
        } finally {
            wire.close();
        }
    }

    /** EHLO; HELO after a 5yz; nothing after a 421. Returns a failure, or null to go on. */
    private Outcome hello() throws IOException {
        List<String> reply = wire.ehlo();
        int code = ClientConnection.codeOf(reply);
        if (code == 250) {
            ehloReply = reply;
            keywords = new TreeSet<>();
            reply.stream()
                    .skip(1)
                    .forEach(
                            line -> keywords.add(line.substring(4).split(" ")[0].toUpperCase(Locale.ROOT)));
            return null;
        }
        if (code == 421) {
            wire.close();
            return Outcome.transientFailure(421, "EHLO refused with 421");
        }
        keywords = Set.of();
        ehloReply = List.of();
        int helo = wire.commandCode("HELO " + ClientConnection.NAME);
        return helo == 250 ? null : stop(helo);
    }

    /** STARTTLS as the request asks; EHLO again after the handshake. */
    private Outcome secure() throws IOException {
        boolean wanted =
                request.security() == Security.STARTTLS_IF_OFFERED || request.security() == Security.STARTTLS_REQUIRED;
        boolean required = request.security() == Security.STARTTLS_REQUIRED;
        if (!wanted || tls) {
            return null;
        }
        if (!keywords.contains("STARTTLS")) {
            return required ? quit(Outcome.tlsFailed("STARTTLS not offered")) : null;
        }
        return startTls(required);
    }

    private Outcome startTls(boolean required) throws IOException {
        int code = wire.commandCode("STARTTLS");
        if (code != 220) {
            return required ? quit(Outcome.tlsFailed("STARTTLS refused with " + code)) : null;
        }
        try {
            wire.startTls(true);
        } catch (IOException e) {
            wire.close();
            return Outcome.tlsFailed(e.toString());
        }
        tls = true;
        return hello();
    }

    /** AUTH with an advertised mechanism; returns a failure, or null to go on. */
    private Outcome authenticate() throws IOException {
        if (request.credentials() == null) {
            return null;
        }
        if (!keywords.contains("AUTH")) {
            return quit(Outcome.authFailed(false, 0, "AUTH is not offered but credentials are configured"));
        }
        if (!tls && request.security() != Security.NONE) {
            return quit(Outcome.authFailed(false, 0, "no AUTH in clear when TLS was asked for"));
        }
        List<String> offered = mechanisms();
        int last = 0;
        for (String mechanism : preference) {
            if (!offered.contains(mechanism)) {
                continue;
            }
            last = auth(mechanism);
            if (last == 235) {
                return null;
            }
            if (last == 530 && !tls && keywords.contains("STARTTLS")) {
                Outcome failed = startTls(true);
                return failed != null ? failed : authenticate();
            }
            if (last != 534 && last != 538 && last != 504) {
                break;
            }
        }
        if (last == 0) {
            return quit(Outcome.authFailed(false, 0, "no common mechanism in " + offered));
        }
        return quit(Outcome.authFailed(last / 100 == 4, last, "AUTH refused with " + last));
    }

    private List<String> mechanisms() {
        List<String> mechanisms = new ArrayList<>();
        for (String line : ehloReply.subList(Math.min(1, ehloReply.size()), ehloReply.size())) {
            String[] words = line.substring(4).toUpperCase(Locale.ROOT).split(" +");
            if (words[0].equals("AUTH")) {
                mechanisms.addAll(List.of(words).subList(1, words.length));
            }
        }
        return mechanisms;
    }

    private int auth(String mechanism) throws IOException {
        String user = request.credentials().user();
        String password = request.credentials().password();
        switch (mechanism) {
            case "PLAIN" -> {
                String response = b64("\0" + user + "\0" + password);
                if (("AUTH PLAIN " + response).length() + 2 <= 512) {
                    return wire.commandCode("AUTH PLAIN " + response);
                }
                return respond(wire.command("AUTH PLAIN"), challenge -> response);
            }
            case "LOGIN" -> {
                List<String> reply = wire.command("AUTH LOGIN");
                reply = respondOnce(reply, b64(user));
                return respond(reply, challenge -> b64(password));
            }
            default -> {
                return respond(wire.command("AUTH CRAM-MD5"), challenge -> b64(user + " " + hmac(password, challenge)));
            }
        }
    }

    /** Answers a 334 (if it is one) with a response, or with {@code *} when the challenge is not base64. */
    private List<String> respondOnce(List<String> reply, String response) throws IOException {
        if (ClientConnection.codeOf(reply) != 334) {
            return reply;
        }
        if (decode(reply) == null) {
            wire.send("*");
            return wire.reply();
        }
        return wire.command(response);
    }

    private int respond(List<String> reply, java.util.function.Function<String, String> response) throws IOException {
        if (ClientConnection.codeOf(reply) != 334) {
            return ClientConnection.codeOf(reply);
        }
        String challenge = decode(reply);
        if (challenge == null) {
            wire.send("*");
            wire.reply();
            return 501;
        }
        return ClientConnection.codeOf(wire.command(response.apply(challenge)));
    }

    /** The decoded challenge of a 334, "" when empty, or null when it is not base64 (RFC 4954 §4). */
    private static String decode(List<String> reply) {
        String line = reply.get(0);
        String text = line.length() > 4 ? line.substring(4).trim() : "";
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String mailParameters() {
        StringBuilder parameters = new StringBuilder();
        if (keywords.contains("DSN") && request.dsn() != null && request.dsn().ret() != null) {
            parameters.append(" RET=").append(request.dsn().ret());
        }
        return parameters.toString();
    }

    private Outcome stop(int code) throws IOException {
        return quit(byClass(code, "refused with " + code));
    }

    private Outcome quit(Outcome outcome) throws IOException {
        wire.quit();
        return outcome;
    }

    private static Outcome byClass(int code, String detail) {
        return code / 100 == 4 ? Outcome.transientFailure(code, detail) : Outcome.permanentFailure(code, detail);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String key, String challenge) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
