package dev.twofifty.internal.engine;

import dev.twofifty.AuthMechanism;
import dev.twofifty.protocol.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One SASL exchange of the AUTH command (RFC 4954) for PLAIN (RFC 4616), LOGIN, CRAM-MD5 (RFC 2195)
 * and XOAUTH2, checked against the configured credentials.
 */
final class AuthExchange {

    /**
     * The outcome of one step of the exchange.
     *
     * @param reply the reply to send: 334 (continue), 235 (success), or an error
     * @param user the authenticated user on success, or the user claimed so far (may be {@code null})
     */
    record Outcome(SmtpReply reply, String user) {
        boolean continues() {
            return reply.code() == 334;
        }
    }

    private static final String XOAUTH2_ERROR =
            base64("{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}");

    private final AuthMechanism mechanism;
    private final Map<String, String> credentials;
    private final String host;
    private int stage;
    private String user;
    private String challenge;
    private boolean failedAwaitingAck;

    private AuthExchange(AuthMechanism mechanism, Map<String, String> credentials, String host) {
        this.mechanism = mechanism;
        this.credentials = credentials;
        this.host = host;
    }

    /** Starts an exchange with the AUTH command's mechanism and initial response ({@code ""} for none). */
    static Start start(AuthMechanism mechanism, String initialResponse, Map<String, String> credentials, String host) {
        AuthExchange exchange = new AuthExchange(mechanism, credentials, host);
        return new Start(exchange, exchange.begin(initialResponse));
    }

    /** The exchange and the outcome of its first step. */
    record Start(AuthExchange exchange, Outcome outcome) {}

    /** The user claimed so far, if any. */
    String user() {
        return user;
    }

    /** Handles one SASL response line. */
    Outcome respond(String line) {
        if (line.equals("*")) {
            return new Outcome(Replies.AUTH_CANCELLED, user);
        }
        if (failedAwaitingAck) {
            // XOAUTH2: the client acknowledges the error challenge with an empty response.
            return fail();
        }
        byte[] decoded = decode(line);
        if (decoded == null) {
            return new Outcome(Replies.AUTH_BAD_BASE64, user);
        }
        return next(decoded);
    }

    private Outcome begin(String initialResponse) {
        if (initialResponse.isEmpty()) {
            return switch (mechanism) {
                case PLAIN, XOAUTH2 -> new Outcome(Replies.authChallenge(""), null);
                case LOGIN -> new Outcome(Replies.authChallenge(base64("Username:")), null);
                case CRAM_MD5 -> {
                    challenge = "<" + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + "."
                            + System.currentTimeMillis() + "@" + host + ">";
                    stage = 1;
                    yield new Outcome(Replies.authChallenge(base64(challenge)), null);
                }
            };
        }
        if (mechanism == AuthMechanism.CRAM_MD5) {
            // CRAM-MD5 starts with the server's challenge; an initial response is a protocol error.
            return new Outcome(Replies.syntax("CRAM-MD5 takes no initial response"), null);
        }
        byte[] decoded = initialResponse.equals("=") ? new byte[0] : decode(initialResponse);
        if (decoded == null) {
            return new Outcome(Replies.AUTH_BAD_BASE64, null);
        }
        return next(decoded);
    }

    private Outcome next(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        return switch (mechanism) {
            case PLAIN -> plain(text);
            case LOGIN -> login(text);
            case CRAM_MD5 -> cramMd5(text);
            case XOAUTH2 -> xoauth2(text);
        };
    }

    private Outcome plain(String text) {
        String[] parts = text.split("\u0000", -1);
        if (parts.length != 3) {
            return new Outcome(Replies.syntax("PLAIN response is authzid NUL user NUL password"), null);
        }
        user = parts[1];
        return check(parts[2]);
    }

    private Outcome login(String text) {
        if (stage == 0) {
            user = text;
            stage = 1;
            return new Outcome(Replies.authChallenge(base64("Password:")), user);
        }
        return check(text);
    }

    private Outcome cramMd5(String text) {
        int space = text.lastIndexOf(' ');
        if (space <= 0) {
            return new Outcome(Replies.syntax("CRAM-MD5 response is user SP digest"), null);
        }
        user = text.substring(0, space);
        String digest = text.substring(space + 1);
        String password = credentials.get(user);
        if (password == null) {
            return fail();
        }
        String expected = hmacMd5Hex(password, challenge);
        boolean valid = MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                digest.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return valid ? succeed() : fail();
    }

    private Outcome xoauth2(String text) {
        String claimedUser = null;
        String token = null;
        for (String field : text.split("\u0001")) {
            if (field.startsWith("user=")) {
                claimedUser = field.substring(5);
            } else if (field.regionMatches(true, 0, "auth=Bearer ", 0, 12)) {
                token = field.substring(12);
            }
        }
        if (claimedUser == null || token == null) {
            return new Outcome(Replies.syntax("XOAUTH2 response is user=... ^A auth=Bearer ... ^A ^A"), null);
        }
        user = claimedUser;
        String expected = credentials.get(user);
        if (expected != null && constantTimeEquals(expected, token)) {
            return succeed();
        }
        failedAwaitingAck = true;
        return new Outcome(Replies.authChallenge(XOAUTH2_ERROR), user);
    }

    private Outcome check(String password) {
        String expected = credentials.get(user);
        return expected != null && constantTimeEquals(expected, password) ? succeed() : fail();
    }

    private Outcome succeed() {
        return new Outcome(Replies.AUTH_SUCCEEDED, user);
    }

    private Outcome fail() {
        return new Outcome(Replies.AUTH_FAILED, user);
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String hmacMd5Hex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is not available", e);
        }
    }
}
