package dev.twofifty.standalone;

import static dev.twofifty.script.Matchers.*;
import static dev.twofifty.script.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.script.CapabilityChange;
import dev.twofifty.script.Delay;
import dev.twofifty.script.Fault;
import dev.twofifty.script.Rule;
import dev.twofifty.script.Scope;
import dev.twofifty.script.Trigger;
import dev.twofifty.standalone.RuleJson.RuleJsonException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON form of rules: the contract examples, a lossless round trip, and errors that name the field. */
class RuleJsonTest {

    @Test
    void the_contract_examples_parse_to_the_rules_they_describe() {
        List<Rule> rules = RuleJson.parse("""
                [{"on": "RCPT", "match": {"argument": "(?i).*@blocked\\\\.example.*"},
                  "reply": {"code": 550, "enhanced": "5.1.1", "text": ["No such user"]},
                  "times": 2, "delayMs": 0, "priority": 5},
                 {"on": "MAIL", "fault": {"type": "CLOSE"}}]
                """);

        assertThat(rules)
                .containsExactly(
                        onRcpt().matching(argument("(?i).*@blocked\\.example.*"))
                                .willReply(550, "5.1.1", "No such user")
                                .times(2),
                        onMail().willFault(Fault.close()));
    }

    static Stream<Rule> everyRuleShape() {
        return Stream.of(
                onConnect().willDelay(Duration.ofSeconds(3)),
                onEhlo().willAdvertise(CapabilityChange.without("PIPELINING", "CHUNKING")
                        .andWith("XFOO BAR")),
                onHelo().willReply(250, "hello"),
                onStartTls().willFault(Fault.tlsHandshakeFailure()),
                onAuth().matching(argument("PLAIN.*")).willReply(535, "5.7.8", "No"),
                onMailFrom(sender("").or(senderDomain("bounces.example"))).willFault(Fault.reset()),
                onRcptTo(recipient("Bob@Example.org").and(not(domain("x.example"))))
                        .willReply(451, "4.2.0", "Busy")
                        .times(1)
                        .perRecipient(),
                onRcpt().matching(localPart("postmaster").and(recipientNumber(2)))
                        .willReply(550, "5.1.1", "No"),
                onRcpt().matching(recipientDomain("a.example"))
                        .willReply(452, "4.5.3", "Full")
                        .atPriority(1)
                        .named("full"),
                onMail().matching(parameter("SMTPUTF8").and(parameter("BODY", "8BITMIME")))
                        .willReply(250, "2.1.0", "ok"),
                onData().willFault(Fault.closeAfterContentBytes(100)),
                onMessage()
                        .matching(header("Subject", ".*invoice.*").and(body("pay now")))
                        .willReply(554, "5.7.1", "Rejected", "for content"),
                onMessage()
                        .willReply(451, "4.3.0", "Busy")
                        .thenReply(452, "4.3.1", "Full")
                        .thenDefault(),
                onBdat().willFault(Fault.garbageThenClose(
                        "nope\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))),
                onRset().willDrip(Duration.ofMillis(300)),
                onStartTls().willReplyRaw("220 go ahead\r\n250-evil.test\r\n250 AUTH PLAIN\r\n"),
                onNoop().willFragment(Duration.ofMillis(50), 3, 4),
                onVrfy().matching(sessionNumber(2).and(transactionNumber(1))).willFault(Fault.stall()),
                onExpn().matching(tlsActive()).willFault(Fault.replyThenClose()),
                onHelp().matching(authenticated().or(authenticatedAs("ann"))).willFault(Fault.stopReading()),
                onQuit().willDelay(Delay.uniform(Duration.ofMillis(10), Duration.ofMillis(90))
                        .withSeed(42)),
                onUnknownCommand()
                        .willDelay(Delay.logNormal(Duration.ofMillis(200), 0.5).withSeed(7)),
                onAnyStep()
                        .matching(tlsInactive())
                        .willReply(530, "5.7.0", "TLS first")
                        .always(),
                onMail().inScenario("retry")
                        .whenScenarioStateIs(Rule.STARTED)
                        .willReply(451, "4.3.0", "Later")
                        .willSetStateTo("second")
                        .scoped(Scope.SENDER),
                on(Trigger.MAIL)
                        .matching(address("ann@example.com"))
                        .perSession()
                        .willReply(250, "2.1.0", "Hi"));
    }

    @ParameterizedTest
    @MethodSource("everyRuleShape")
    void every_rule_survives_a_round_trip_through_json(Rule rule) {
        String json = RuleJson.write(rule);

        assertThat(RuleJson.parse(json)).as(json).containsExactly(rule);
    }

    @Test
    void the_json_form_uses_the_documented_field_names() {
        Rule rule = onRcptTo(domain("blocked.example"))
                .willReply(550, "5.1.1", "No such user")
                .willDelay(Duration.ofMillis(250))
                .times(2)
                .atPriority(1);

        assertThat(RuleJson.write(rule))
                .isEqualTo(
                        "{\"on\":\"RCPT\",\"match\":{\"domain\":\"blocked.example\"},\"reply\":{\"code\":550,"
                                + "\"enhanced\":\"5.1.1\",\"text\":[\"No such user\"]},\"delayMs\":250,\"times\":2,\"priority\":1}");
    }

    @Test
    void a_match_object_with_several_fields_needs_all_of_them() {
        assertThat(RuleJson.parse("{\"on\": \"RCPT\", \"match\": {\"domain\": \"x.example\", \"tls\": true}}"))
                .containsExactly(onRcpt().matching(domain("x.example").and(tlsActive())));
    }

    @Test
    void text_may_be_a_single_string() {
        assertThat(RuleJson.parse("{\"on\": \"MAIL\", \"reply\": {\"code\": 421, \"text\": \"Bye\"}}"))
                .containsExactly(onMail().willReply(421, "Bye"));
    }

    static Stream<String[]> invalidRules() {
        return Stream.of(
                new String[] {"{}", "on: is required"},
                new String[] {
                    "{\"on\": \"RCTP\"}",
                    "on: unknown value 'RCTP'; one of CONNECT, EHLO, HELO, STARTTLS, AUTH, MAIL, RCPT, DATA, MESSAGE,"
                            + " BDAT, RSET, NOOP, VRFY, EXPN, HELP, QUIT, UNKNOWN, ANY"
                },
                new String[] {
                    "{\"on\": \"MAIL\", \"reply\": {\"code\": 700}}", "reply.code: must be 200 to 599 but was 700"
                },
                new String[] {"{\"on\": \"MAIL\", \"reply\": {}}", "reply.code: is required"},
                new String[] {
                    "{\"on\": \"MAIL\", \"reply\": {\"code\": 550, \"enhanced\": \"4.1.1\"}}",
                    "reply.enhanced: class 4 does not match reply code 550 (RFC 3463 §2)"
                },
                new String[] {
                    "{\"on\": \"MAIL\", \"reply\": {\"code\": 550, \"text\": [\"a\\r\\nb\"]}}",
                    "reply.text: must not contain CR or LF; give several lines as an array"
                },
                new String[] {
                    "{\"on\": \"MAIL\", \"fault\": {\"type\": \"EXPLODE\"}}",
                    "fault.type: unknown fault 'EXPLODE'; one of CLOSE, RESET, STALL, REPLY_THEN_CLOSE,"
                            + " GARBAGE_THEN_CLOSE, TLS_HANDSHAKE_FAILURE, STOP_READING"
                },
                new String[] {
                    "{\"on\": \"MAIL\", \"fault\": {\"type\": \"CLOSE\", \"afterBytes\": 10}}",
                    "fault.afterBytes: applies to DATA or BDAT only, not MAIL"
                },
                new String[] {
                    "{\"on\": \"MAIL\", \"reply\": {\"code\": 250}, \"fault\": {\"type\": \"CLOSE\"}}",
                    "fault: the fault CLOSE sends no reply, so \"reply\" would never be sent; use REPLY_THEN_CLOSE"
                },
                new String[] {
                    "{\"on\": \"MAIL\", \"match\": {\"domian\": \"x\"}}",
                    "match.domian: unknown matcher; one of argument, address, sender, recipient, domain,"
                            + " senderDomain, recipientDomain, localPart, parameter, header, body, sessionNumber,"
                            + " transactionNumber, recipientNumber, tls, authenticated, authenticatedAs, allOf,"
                            + " anyOf, not"
                },
                new String[] {
                    "{\"on\": \"MAIL\", \"match\": {\"argument\": \"(\"}}",
                    "match.argument: not a valid regular expression: Unclosed group near index 1"
                },
                new String[] {"{\"on\": \"MAIL\", \"times\": 0}", "times: must be at least 1 but was 0"},
                new String[] {"{\"on\": \"MAIL\", \"delayMs\": -5}", "delayMs: must not be negative but was -5"},
                new String[] {
                    "{\"on\": \"MAIL\", \"whenState\": \"A\"}",
                    "whenState: needs \"scenario\": a state belongs to a named scenario"
                },
                new String[] {
                    "{\"on\": \"MAIL\", \"replay\": {\"code\": 250}}",
                    "replay: unknown field; known fields are capabilities, delay, delayMs, description, drip,"
                            + " fault, fragments, id, match, name, nearMisses, on, priority, raw, reply, scenario,"
                            + " scope, setState, then, times, timesFired, whenState"
                },
                new String[] {
                    "{\"on\": \"MAIL\", \"then\": [{\"reply\": {\"code\": \"x\"}}]}",
                    "then[0].reply.code: expected a whole number but found string \"x\""
                },
                new String[] {
                    "{\"on\": \"MAIL\", \"delay\": {\"uniform\": {\"minMs\": 10, \"maxMs\": 5}}}",
                    "delay.uniform.maxMs: must be at least minMs (10) but was 5"
                },
                new String[] {
                    "{\"on\": \"MAIL\", \"match\": {\"sender\": \"bob@\"}}",
                    "match.sender: Not a mailbox address (local@domain): 'bob@'"
                });
    }

    @ParameterizedTest
    @MethodSource("invalidRules")
    void an_invalid_rule_is_rejected_with_a_message_naming_the_field(String json, String message) {
        assertThatThrownBy(() -> RuleJson.parse(json))
                .isInstanceOf(RuleJsonException.class)
                .hasMessage(message);
    }

    @Test
    void in_an_array_the_error_names_the_rule_index() {
        assertThatThrownBy(() -> RuleJson.parse("[{\"on\": \"MAIL\"}, {\"on\": \"MAIL\", \"times\": -1}]"))
                .hasMessage("rule 2: [1].times: must be at least 1 but was -1");
    }

    @Test
    void in_a_file_the_error_names_the_file_line_and_column() {
        String file = "[\n  {\"on\": \"MAIL\"},\n  {\"on\": \"RCPT\",\n   \"reply\": {\"code\": 99}}\n]";

        assertThatThrownBy(() -> RuleJson.parse(file, "rules.json"))
                .hasMessage("rules.json: line 3, column 3: rule 2: [1].reply.code: must be 200 to 599 but was 99");
    }

    @Test
    void broken_json_names_the_position() {
        assertThatThrownBy(() -> RuleJson.parse("{\"on\": \"MAIL\",,}", "rules.json"))
                .isInstanceOf(RuleJsonException.class)
                .hasMessageStartingWith(
                        "rules.json: line 1, column 15: not valid JSON: Unexpected character (',' (code 44))");
    }
}
