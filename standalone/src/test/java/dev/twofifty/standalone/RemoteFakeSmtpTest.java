package dev.twofifty.standalone;

import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.twofifty.FakeSmtp;
import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.AwaitTimeoutException;
import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.Mismatch;
import dev.twofifty.script.NearMiss;
import dev.twofifty.script.Rule;
import dev.twofifty.script.Scope;
import dev.twofifty.standalone.internal.AdminServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same test bodies against the in-process {@link FakeSmtpServer} and a {@link RemoteFakeSmtp} driving
 * that very server over its admin API: a test switches between them by changing one line ({@link
 * #smtp(Where)}), and both see the same messages, sessions, rules and near misses.
 */
@Timeout(30)
class RemoteFakeSmtpTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Where the fake server runs, as the test sees it. */
    enum Where {
        IN_PROCESS,
        REMOTE
    }

    private FakeSmtpServer server;
    private AdminServer admin;
    private RemoteFakeSmtp remote;

    @AfterEach
    void stop() {
        if (remote != null) {
            remote.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The switch: the in-process server, or the same server through its admin API. */
    private FakeSmtp smtp(Where where) {
        return smtp(where, ServerConfig.builder().build());
    }

    private FakeSmtp smtp(Where where, ServerConfig config) {
        server = FakeSmtpServer.start(config);
        admin = AdminServer.start(server, "127.0.0.1", 0, null);
        remote = RemoteFakeSmtp.connect(URI.create("http://127.0.0.1:" + admin.port()));
        return where == Where.IN_PROCESS ? server : remote;
    }

    private static int send(FakeSmtp smtp, String to, String subject) throws Exception {
        return AngusSender.sendWithRetries(smtp.host(), smtp.port(), "ann@example.com", to, subject, "Hello " + to);
    }

    // =====================================================================================
    // One test body, both servers

    @ParameterizedTest
    @EnumSource(Where.class)
    void a_delivery_retried_after_two_451s_looks_the_same_from_both(Where where) throws Exception {
        FakeSmtp smtp = smtp(where);
        ActiveRule busy = smtp.stubFor(
                onMessage().willReply(451, "4.3.0", "Try again later").times(2));
        ActiveRule blocked = smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));

        int attempts = send(smtp, "bob@example.org", "Quarterly report");

        assertThat(attempts).isEqualTo(3);
        List<ReceivedMessage> messages = smtp.awaitMessages(1, WAIT);
        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.id()).isEqualTo(1);
            assertThat(message.sessionId()).isEqualTo(3);
            assertThat(message.envelope().sender()).isEqualTo("ann@example.com");
            assertThat(message.envelope().recipientAddresses()).containsExactly("bob@example.org");
            assertThat(message.subject()).isEqualTo("Quarterly report");
            assertThat(message.parsed().textBody().map(String::strip)).hasValue("Hello bob@example.org");
        });
        List<SessionRecord> sessions = smtp.journal().awaitEndedSessions(3, WAIT);
        assertThat(sessions)
                .extracting(
                        SessionRecord::id,
                        session -> session.ehlo().orElseThrow(),
                        session -> session.transactions().get(0).outcome().name(),
                        session -> session.transactions()
                                .get(0)
                                .finalReply()
                                .orElseThrow()
                                .code(),
                        session -> session.endedBy().orElseThrow())
                .containsExactly(
                        tuple(1L, "client.example", "REJECTED", 451, SessionEnd.QUIT),
                        tuple(2L, "client.example", "REJECTED", 451, SessionEnd.QUIT),
                        tuple(3L, "client.example", "ACCEPTED", 250, SessionEnd.QUIT));
        assertThat(sessions)
                .extracting(SessionRecord::commands)
                .containsExactly(
                        List.of("EHLO", "MAIL", "RCPT", "DATA", "RSET", "QUIT"),
                        List.of("EHLO", "MAIL", "RCPT", "DATA", "RSET", "QUIT"),
                        List.of("EHLO", "MAIL", "RCPT", "DATA", "QUIT"));
        assertThat(sessions.get(0).serverLines()).contains("451 4.3.0 Try again later");
        assertThat(busy.timesFired()).isEqualTo(2);
        assertThat(blocked.timesFired()).isZero();
        assertThat(smtp.rules())
                .extracting(ActiveRule::id, ActiveRule::rule)
                .containsExactly(tuple(blocked.id(), blocked.rule()), tuple(busy.id(), busy.rule()));
        assertThat(smtp.unfiredRules()).extracting(ActiveRule::id).containsExactly(blocked.id());
        assertThat(smtp.nearMisses())
                .extracting(NearMiss::ruleId, NearMiss::sessionId, NearMiss::step, NearMiss::mismatches)
                .containsExactly(
                        tuple(
                                blocked.id(),
                                1L,
                                "RCPT TO:<bob@example.org> (session 1)",
                                List.of(new Mismatch("domain", "\"blocked.example\"", "<bob@example.org>"))),
                        tuple(
                                blocked.id(),
                                2L,
                                "RCPT TO:<bob@example.org> (session 2)",
                                List.of(new Mismatch("domain", "\"blocked.example\"", "<bob@example.org>"))),
                        tuple(
                                blocked.id(),
                                3L,
                                "RCPT TO:<bob@example.org> (session 3)",
                                List.of(new Mismatch("domain", "\"blocked.example\"", "<bob@example.org>"))),
                        tuple(
                                busy.id(),
                                3L,
                                "MESSAGE (session 3)",
                                List.of(new Mismatch("times", "at most 2", "already fired 2"))));
        assertThat(blocked.describeUnfired())
                .startsWith("Rule " + blocked.id() + " on RCPT where domain is \"blocked.example\"")
                .contains("RCPT TO:<bob@example.org> (session 1)");
    }

    @Test
    void the_remote_client_sees_exactly_what_the_server_holds() throws Exception {
        smtp(Where.REMOTE);
        server.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(2));
        server.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
        server.stubFor(onMail().inScenario("greylist").willSetStateTo("seen"));
        send(server, "bob@example.org", "Quarterly report");
        server.journal().awaitEndedSessions(3, WAIT);

        assertThat(remote.messages())
                .map(MessageView::of)
                .isEqualTo(server.messages().stream().map(MessageView::of).toList());
        assertThat(remote.sessions())
                .hasSize(3)
                .isEqualTo(server.sessions().stream()
                        .map(RemoteFakeSmtpTest::toMillis)
                        .toList());
        assertThat(remote.rules())
                .extracting(ActiveRule::id, ActiveRule::rule, ActiveRule::timesFired, ActiveRule::nearMisses)
                .isEqualTo(server.rules().stream()
                        .map(rule -> tuple(rule.id(), rule.rule(), rule.timesFired(), rule.nearMisses()))
                        .toList());
        assertThat(remote.nearMisses()).hasSize(4).isEqualTo(server.nearMisses());
        assertThat(remote.scenarioStates()).isEqualTo(server.scenarioStates()).isEqualTo(Map.of("greylist", "seen"));
        assertThat(remote.journal().message(1).map(MessageView::of))
                .isEqualTo(server.journal().message(1).map(MessageView::of));
        assertThat(remote.journal().session(2))
                .isEqualTo(server.journal().session(2).map(RemoteFakeSmtpTest::toMillis));
    }

    /** A message's fields, comparable (a {@link ReceivedMessage} compares by identity). */
    private record MessageView(
            long id, long sessionId, int transactionIndex, Envelope envelope, String raw, Instant receivedAt) {
        static MessageView of(ReceivedMessage message) {
            return new MessageView(
                    message.id(),
                    message.sessionId(),
                    message.transactionIndex(),
                    message.envelope(),
                    new String(message.raw(), StandardCharsets.ISO_8859_1),
                    message.receivedAt());
        }
    }

    /** The session as the admin API carries it: time offsets in whole milliseconds. */
    private static SessionRecord toMillis(SessionRecord session) {
        return new SessionRecord(
                session.id(),
                session.remoteAddress(),
                session.startedAt(),
                session.endedAt(),
                session.tls(),
                session.authenticatedAs(),
                session.ehlo(),
                session.transcript().stream()
                        .map(entry -> new TranscriptEntry(
                                entry.from(),
                                entry.kind(),
                                entry.line(),
                                Duration.ofMillis(entry.at().toMillis()),
                                entry.batch()))
                        .toList(),
                session.droppedTranscriptEntries(),
                session.violations().stream()
                        .map(violation -> new Violation(
                                violation.type(),
                                violation.detail(),
                                Duration.ofMillis(violation.at().toMillis())))
                        .toList(),
                session.transactions(),
                session.endedBy());
    }

    // =====================================================================================
    // Every method, both servers

    @ParameterizedTest
    @EnumSource(Where.class)
    void rules_are_removed_one_by_one_or_all_at_once(Where where) {
        FakeSmtp smtp = smtp(where);
        ActiveRule first = smtp.stubFor(onMail().willReply(421, "4.3.2", "Closing"));
        ActiveRule second =
                smtp.stubFor(onRcptTo(domain("x.example")).willReply(550, "No").atPriority(1));

        assertThat(smtp.rules()).extracting(ActiveRule::id).containsExactly(second.id(), first.id());
        assertThat(smtp.removeRule(first.id())).isTrue();
        assertThat(smtp.removeRule(first.id())).isFalse();
        assertThat(smtp.removeRule("r999")).isFalse();
        assertThat(smtp.rules()).extracting(ActiveRule::id).containsExactly(second.id());

        smtp.resetRules();

        assertThat(smtp.rules()).isEmpty();
        assertThat(smtp.unfiredRules()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void scenarios_move_and_reset_while_the_rules_stay(Where where) throws Exception {
        FakeSmtp smtp = smtp(where);
        smtp.stubFor(onMessage()
                .inScenario("greylist")
                .whenScenarioStateIs(Rule.STARTED)
                .willSetStateTo("seen")
                .willReply(451, "4.7.1", "Greylisted"));
        assertThat(smtp.scenarioStates()).isEqualTo(Map.of("greylist", Rule.STARTED));

        assertThat(send(smtp, "bob@example.org", "one")).isEqualTo(2);
        assertThat(smtp.scenarioStates()).isEqualTo(Map.of("greylist", "seen"));
        assertThat(smtp.rules())
                .singleElement()
                .extracting(ActiveRule::timesFired)
                .isEqualTo(1);

        assertThat(send(smtp, "bob@example.org", "two")).isEqualTo(1);

        smtp.resetScenarios();

        assertThat(smtp.scenarioStates()).isEqualTo(Map.of("greylist", Rule.STARTED));
        assertThat(send(smtp, "bob@example.org", "three")).isEqualTo(2);
        assertThat(smtp.rules())
                .singleElement()
                .extracting(ActiveRule::timesFired)
                .isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void the_journal_answers_by_id_counts_and_clears(Where where) throws Exception {
        FakeSmtp smtp = smtp(where);
        send(smtp, "bob@example.org", "one");
        send(smtp, "carl@example.org", "two");
        smtp.journal().awaitEndedSessions(2, WAIT);

        assertThat(smtp.journal().messageCount()).isEqualTo(2);
        assertThat(smtp.journal().message(2))
                .get()
                .extracting(ReceivedMessage::subject)
                .isEqualTo("two");
        assertThat(smtp.journal().message(2).orElseThrow().rawText()).contains("Subject: two\r\n");
        assertThat(smtp.journal().message(3)).isEmpty();
        assertThat(smtp.journal().session(1))
                .get()
                .extracting(SessionRecord::id)
                .isEqualTo(1L);
        assertThat(smtp.journal().session(3)).isEmpty();
        assertThat(smtp.journal().evictedMessages()).isZero();
        assertThat(smtp.journal().evictedSessions()).isZero();

        smtp.journal().clear();

        assertThat(smtp.messages()).isEmpty();
        assertThat(smtp.sessions()).isEmpty();
        assertThat(smtp.journal().messageCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void evictions_are_counted(Where where) throws Exception {
        FakeSmtp smtp = smtp(
                where,
                ServerConfig.builder()
                        .limits(Limits.DEFAULTS.withJournalCapacity(2))
                        .build());
        for (String to : List.of("a@example.org", "b@example.org", "c@example.org")) {
            send(smtp, to, "to " + to);
        }
        smtp.journal().awaitEndedSessions(3, WAIT);

        assertThat(smtp.messages()).extracting(ReceivedMessage::id).containsExactly(2L, 3L);
        assertThat(smtp.sessions()).extracting(SessionRecord::id).containsExactly(2L, 3L);
        assertThat(smtp.journal().messageCount()).isEqualTo(3);
        assertThat(smtp.journal().evictedMessages()).isEqualTo(1);
        assertThat(smtp.journal().evictedSessions()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void futures_complete_when_messages_arrive_and_sessions_end(Where where) throws Exception {
        FakeSmtp smtp = smtp(where);
        CompletableFuture<List<ReceivedMessage>> two = smtp.journal().whenMessages(2);
        CompletableFuture<List<SessionRecord>> ended = smtp.journal().whenEndedSessions(2);

        send(smtp, "bob@example.org", "one");
        smtp.journal().awaitEndedSessions(1, WAIT);
        assertThat(two).isNotDone();
        assertThat(ended).isNotDone();
        send(smtp, "carl@example.org", "two");

        assertThat(two.get(10, TimeUnit.SECONDS))
                .extracting(ReceivedMessage::subject)
                .containsExactly("one", "two");
        assertThat(ended.get(10, TimeUnit.SECONDS))
                .extracting(SessionRecord::id, SessionRecord::isOpen)
                .containsExactly(tuple(1L, false), tuple(2L, false));
        assertThat(smtp.journal().whenMessages(1).get(10, TimeUnit.SECONDS)).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void a_message_wait_that_times_out_says_what_arrived(Where where) throws Exception {
        FakeSmtp smtp = smtp(where);
        send(smtp, "bob@example.org", "one");
        smtp.journal().awaitEndedSessions(1, WAIT);

        assertThatThrownBy(() -> smtp.awaitMessages(2, Duration.ofMillis(200)))
                .isInstanceOf(AwaitTimeoutException.class)
                .hasMessageContaining("1 arrived")
                .hasMessageContaining("(session 1)")
                .hasMessageContaining("\nSessions:\n  session 1 from 127.0.0.1:")
                .hasMessageContaining(", ended by QUIT");
        assertThat(smtp.awaitMessages(1, WAIT)).hasSize(1);
        assertThat(smtp.awaitMessages(0, WAIT)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void a_session_wait_that_times_out_lists_the_open_sessions(Where where) throws Exception {
        FakeSmtp smtp = smtp(where);
        try (Socket socket = new Socket(smtp.host(), smtp.port())) {
            socket.setSoTimeout(5000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("220 ");

            assertThatThrownBy(() -> smtp.journal().awaitEndedSessions(1, Duration.ofMillis(100)))
                    .isInstanceOf(AwaitTimeoutException.class)
                    .hasMessageContaining("0 ended")
                    .hasMessageContaining("\nSessions:\n  session 1 from 127.0.0.1:")
                    .hasMessageContaining(", open");
        }
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT))
                .singleElement()
                .extracting(SessionRecord::isOpen)
                .isEqualTo(false);
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void a_conflicting_rule_is_rejected_and_not_added(Where where) {
        FakeSmtp smtp = smtp(where);
        smtp.stubFor(onMail().inScenario("s").scoped(Scope.SENDER).willSetStateTo("x"));

        assertThatThrownBy(() -> smtp.stubFor(onRcptTo(domain("x.example")).inScenario("s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "Scenario \"s\" is kept per SENDER by rule r1, but this rule keeps it per SERVER; give all"
                                + " rules of a scenario the same scope");
        assertThat(smtp.rules()).extracting(ActiveRule::id).containsExactly("r1");
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void reset_clears_rules_states_and_journal(Where where) throws Exception {
        FakeSmtp smtp = smtp(where);
        smtp.stubFor(onMail().inScenario("s").willSetStateTo("mailed"));
        send(smtp, "bob@example.org", "one");
        smtp.journal().awaitEndedSessions(1, WAIT);
        assertThat(smtp.scenarioStates()).isEqualTo(Map.of("s", "mailed"));

        smtp.reset();

        assertThat(smtp.rules()).isEmpty();
        assertThat(smtp.scenarioStates()).isEmpty();
        assertThat(smtp.messages()).isEmpty();
        assertThat(smtp.sessions()).isEmpty();
        assertThat(smtp.nearMisses()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Where.class)
    void host_and_port_are_where_mail_goes(Where where) {
        FakeSmtp smtp = smtp(where);

        assertThat(smtp.host()).isEqualTo("127.0.0.1");
        assertThat(smtp.port()).isEqualTo(server.port()).isPositive();
    }
}
