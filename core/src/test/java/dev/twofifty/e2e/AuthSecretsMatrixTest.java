package dev.twofifty.e2e;

import static dev.twofifty.script.Matchers.argument;
import static dev.twofifty.script.Rules.onAuth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpListener;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.NearMiss;
import dev.twofifty.testing.RawSmtpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PRODUCT §7, "AUTH secrets never appear in logs or journals", for every mechanism and outcome,
 * malformed and stray responses included: after each exchange, no secret (nor its base64 form) is in
 * the transcript, the violations, the transactions, the near misses, the descriptions of unfired
 * rules, what listeners receive, the text of an await timeout, or anything logged through
 * {@code java.util.logging} (Netty's log; core itself logs nothing).
 */
@Timeout(30)
class AuthSecretsMatrixTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PASSWORD = "s3cret-Pa55word";
    private static final String WRONG = "Wr0ng-Pa55word";

    /** One client step: the line to send, given the last reply line, and the start of the expected reply. */
    record Step(UnaryOperator<String> line, String reply) {
        static Step of(String line, String reply) {
            return new Step(last -> line, reply);
        }
    }

    /** An exchange; {@code pipelined} lines are sent in one write after the steps, and each gets its reply. */
    record Exchange(
            String name, boolean ehlo, List<Step> steps, List<String> pipelined, List<String> pipelinedReplies) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final FakeSmtpServer smtp = FakeSmtpServer.start(
            ServerConfig.builder().credentials("ann", PASSWORD).build());
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler logHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage() + " " + record.getThrown());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(logHandler);
        smtp.addListener(new SmtpListener() {
            @Override
            public void sessionEnded(SessionRecord session) {
                heard.add(session.toString() + session.transcriptText());
            }

            @Override
            public void stepUnmatched(String step, List<NearMiss> closestRules) {
                heard.add(step + closestRules);
            }
        });
        // A rule that never matches, so that every AUTH step is diagnosed as a near miss.
        smtp.stubFor(onAuth().matching(argument("never-.*")).willReply(535, "5.7.8", "never"));
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(logHandler);
        smtp.close();
    }

    static Stream<Exchange> exchanges() {
        String plain = b64("\0ann\0" + PASSWORD);
        String wrongPlain = b64("\0ann\0" + WRONG);
        String token = b64("user=ann\u0001auth=Bearer " + PASSWORD + "\u0001\u0001");
        String wrongToken = b64("user=ann\u0001auth=Bearer " + WRONG + "\u0001\u0001");
        return Stream.of(
                exchange("PLAIN, initial response", Step.of("AUTH PLAIN " + plain, "235 ")),
                exchange("PLAIN, after 334", Step.of("AUTH PLAIN", "334 "), Step.of(plain, "235 ")),
                exchange("PLAIN, wrong password", Step.of("AUTH PLAIN " + wrongPlain, "535 ")),
                exchange("PLAIN, raw password", Step.of("AUTH PLAIN", "334 "), Step.of(PASSWORD, "501 ")),
                exchange("PLAIN, cancelled", Step.of("AUTH PLAIN", "334 "), Step.of("*", "501 ")),
                exchange("PLAIN, too long", Step.of("AUTH PLAIN " + plain + " " + "x".repeat(13_000), "500 ")),
                exchange(
                        "LOGIN",
                        Step.of("AUTH LOGIN", "334 "),
                        Step.of(b64("ann"), "334 "),
                        Step.of(b64(PASSWORD), "235 ")),
                exchange(
                        "LOGIN, initial user",
                        Step.of("AUTH LOGIN " + b64("ann"), "334 "),
                        Step.of(b64(PASSWORD), "235 ")),
                exchange(
                        "LOGIN, wrong password",
                        Step.of("AUTH LOGIN", "334 "),
                        Step.of(b64("ann"), "334 "),
                        Step.of(b64(WRONG), "535 ")),
                exchange(
                        "LOGIN, raw password",
                        Step.of("AUTH LOGIN", "334 "),
                        Step.of(b64("ann"), "334 "),
                        Step.of(PASSWORD, "501 ")),
                exchange("CRAM-MD5", Step.of("AUTH CRAM-MD5", "334 "), new Step(cram(PASSWORD), "235 ")),
                exchange("CRAM-MD5, wrong password", Step.of("AUTH CRAM-MD5", "334 "), new Step(cram(WRONG), "535 ")),
                exchange("XOAUTH2", Step.of("AUTH XOAUTH2 " + token, "235 ")),
                exchange("XOAUTH2, wrong token", Step.of("AUTH XOAUTH2 " + wrongToken, "334 "), Step.of("", "535 ")),
                new Exchange(
                        "unknown mechanism, then the responses pipelined",
                        true,
                        List.of(),
                        List.of("AUTH FOO " + plain, plain, b64(PASSWORD)),
                        List.of("504 ", "500 ", "500 ")),
                new Exchange(
                        "LOGIN before EHLO, its responses pipelined",
                        false,
                        List.of(),
                        List.of("AUTH LOGIN", b64("ann"), b64(PASSWORD), "NOOP"),
                        List.of("503 ", "500 ", "500 ", "250 ")),
                new Exchange(
                        "PLAIN failed, the right one pipelined after it",
                        true,
                        List.of(),
                        List.of("AUTH PLAIN " + wrongPlain, plain),
                        List.of("535 ", "500 ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exchanges")
    void no_secret_of_any_exchange_shows_anywhere(Exchange exchange) {
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG, b64(PASSWORD), b64(WRONG)));
        try (RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port(), WAIT)) {
            String last = client.reply();
            if (exchange.ehlo()) {
                last = client.command("EHLO secrets.example");
            }
            for (Step step : exchange.steps()) {
                String line = step.line().apply(last);
                secrets.addAll(secretsIn(line));
                last = client.command(line);
                assertThat(last).as("reply to %s", line).startsWith(step.reply());
            }
            if (!exchange.pipelined().isEmpty()) {
                exchange.pipelined().forEach(line -> secrets.addAll(secretsIn(line)));
                client.sendRaw(String.join("\r\n", exchange.pipelined()) + "\r\n");
                for (String expected : exchange.pipelinedReplies()) {
                    assertThat(client.reply()).startsWith(expected);
                }
            }
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThatThrownBy(() -> smtp.awaitMessages(1, Duration.ofMillis(50)))
                .satisfies(timeout -> heard.add(timeout.getMessage()));

        List<String> places = new ArrayList<>(heard);
        places.add(session.toString());
        places.add(session.transcriptText());
        places.add(String.valueOf(session.violations()));
        places.add(String.valueOf(session.transactions()));
        smtp.nearMisses().forEach(miss -> places.add(miss.describe()));
        smtp.unfiredRules().stream().map(ActiveRule::describeUnfired).forEach(places::add);
        places.addAll(logged);
        String everything = String.join("\n", places);
        assertThat(smtp.nearMisses()).as("the AUTH steps were diagnosed").isNotEmpty();
        for (String secret : secrets) {
            assertThat(everything).as("secret %s", secret).doesNotContain(secret);
        }
    }

    private static Exchange exchange(String name, Step... steps) {
        return new Exchange(name, true, List.of(steps), List.of(), List.of());
    }

    /** The credential-bearing parts of a line: the SASL initial response of an AUTH line, or the line. */
    private static List<String> secretsIn(String line) {
        String[] words = line.split(" ");
        if (words[0].equalsIgnoreCase("AUTH")) {
            return words.length > 2 ? List.of(words[2]) : List.of();
        }
        return line.isEmpty() || line.equals("*") || line.equals("NOOP") || line.equals(b64("ann"))
                ? List.of()
                : List.of(line);
    }

    /** A CRAM-MD5 response to the challenge in the last reply line ({@code 334 <base64>}). */
    private static UnaryOperator<String> cram(String password) {
        return last -> {
            String challenge = new String(Base64.getDecoder().decode(last.substring(4)), StandardCharsets.US_ASCII);
            try {
                Mac mac = Mac.getInstance("HmacMD5");
                mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
                String digest = HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.US_ASCII)));
                return b64("ann " + digest);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
