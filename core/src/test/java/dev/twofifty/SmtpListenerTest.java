package dev.twofifty;

import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.script.NearMiss;
import dev.twofifty.testing.RawSmtpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SmtpListenerTest {

    private static void sendOne(FakeSmtpServer smtp, String recipient) {
        try (RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port())) {
            client.readReply();
            client.send("EHLO listener.example");
            client.readReply();
            client.command("MAIL FROM:<ann@example.com>");
            client.command("RCPT TO:<" + recipient + ">");
            client.command("DATA");
            client.sendRaw("Subject: heard\r\n\r\nhello\r\n.\r\n");
            client.reply();
            client.command("QUIT");
        }
    }

    @Test
    void listeners_hear_messages_ended_sessions_and_unmatched_steps() {
        List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
        List<SessionRecord> sessions = new CopyOnWriteArrayList<>();
        List<String> unmatched = new CopyOnWriteArrayList<>();
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.addListener(new SmtpListener() {
                @Override
                public void messageReceived(ReceivedMessage message) {
                    messages.add(message);
                }

                @Override
                public void sessionEnded(SessionRecord session) {
                    sessions.add(session);
                }

                @Override
                public void stepUnmatched(String step, List<NearMiss> closestRules) {
                    unmatched.add(step + " / " + closestRules.get(0).mismatches());
                }
            });
            smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));

            sendOne(smtp, "bob@example.org");
            smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));

            assertThat(messages)
                    .singleElement()
                    .satisfies(message -> assertThat(message.subject()).isEqualTo("heard"));
            assertThat(sessions)
                    .singleElement()
                    .satisfies(session -> assertThat(session.endedBy()).contains(SessionEnd.QUIT));
            assertThat(unmatched)
                    .containsExactly("RCPT TO:<bob@example.org> (session 1) / [domain: expected \"blocked.example\""
                            + " but was <bob@example.org>]");
        }
    }

    @Test
    void a_listener_that_throws_never_disturbs_the_exchange() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            SmtpListener broken = new SmtpListener() {
                @Override
                public void messageReceived(ReceivedMessage message) {
                    throw new IllegalStateException("listener bug");
                }

                @Override
                public void sessionEnded(SessionRecord session) {
                    throw new IllegalStateException("listener bug");
                }
            };
            smtp.addListener(broken);

            sendOne(smtp, "bob@example.org");

            assertThat(smtp.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
            assertThat(smtp.journal()
                            .awaitEndedSessions(1, Duration.ofSeconds(5))
                            .get(0)
                            .endedBy())
                    .contains(SessionEnd.QUIT);
            assertThat(smtp.removeListener(broken)).isTrue();
        }
    }
}
