package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.protocol.SmtpReply;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The default reply catalogue: every reply is valid on the wire (RFC 5321 §4.2) and carries a matching enhanced code. */
class RepliesTest {

    static Stream<SmtpReply> catalogue() throws IllegalAccessException {
        List<SmtpReply> replies = new ArrayList<>();
        for (Field field : Replies.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == SmtpReply.class) {
                field.setAccessible(true);
                replies.add((SmtpReply) field.get(null));
            }
        }
        replies.addAll(List.of(
                Replies.greeting("localhost"),
                Replies.idleTimeout("localhost"),
                Replies.shuttingDown("localhost"),
                Replies.closing("localhost"),
                Replies.ehlo("localhost", "client.example", List.of("PIPELINING", "SIZE 10")),
                Replies.helo("localhost", "client.example"),
                Replies.senderOk("ann@example.com"),
                Replies.recipientOk("bob@example.org"),
                Replies.queued(1),
                Replies.chunkReceived(10),
                Replies.messageTooBig(10),
                Replies.contentLineTooLong(1000),
                Replies.notImplemented("TURN"),
                Replies.lineTooLong(512),
                Replies.syntax("NOOP"),
                Replies.badParameter("x"),
                Replies.unsupportedParameter("X"),
                Replies.authChallenge("VXNlcm5hbWU6")));
        return replies.stream();
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void every_default_reply_is_printable_us_ascii(SmtpReply reply) {
        String wire = reply.render(true);

        assertThat(wire.replace("\r\n", "").chars()).allMatch(c -> c >= 32 && c <= 126);
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void every_default_reply_but_greeting_hello_and_intermediate_ones_carries_an_enhanced_code(SmtpReply reply) {
        boolean exempt = reply.code() == 220 && reply.text().contains("ESMTP")
                || reply.lines().get(0).startsWith("localhost Hello")
                || reply.isPositiveIntermediate();

        if (!exempt) {
            assertThat(reply.enhanced()).as(reply.toString()).isPresent();
            assertThat(reply.enhancedCode().codeClass()).isEqualTo(reply.code() / 100);
        }
    }
}
