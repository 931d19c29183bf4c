package dev.twofifty.samples.docs;

import static dev.twofifty.script.Matchers.allOf;
import static dev.twofifty.script.Matchers.anyOf;
import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Matchers.localPart;
import static dev.twofifty.script.Matchers.not;
import static dev.twofifty.script.Matchers.parameter;
import static dev.twofifty.script.Matchers.sender;
import static dev.twofifty.script.Matchers.senderDomain;
import static dev.twofifty.script.Matchers.tlsInactive;
import static dev.twofifty.script.Rules.onMailFrom;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcpt;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.junit.SmtpTest;
import dev.twofifty.samples.docs.DocSnippets.Block;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.Rule;
import dev.twofifty.standalone.RuleJson;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of docs/rules.md: each builds exactly the rules of the JSON example just above it on
 * the page.
 */
@SmtpTest
class RulesDocTest {

    @Test
    void blocked_domain(FakeSmtpServer smtp) throws IOException {
        // tag::blocked[]
        smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
        // end::blocked[]

        assertThat(rules(smtp)).isEqualTo(jsonAbove("blocked"));
    }

    @Test
    void all_but_postmaster() throws IOException {
        // tag::postmaster[]
        Rule rule = onRcptTo(domain("blocked.example").and(not(localPart("postmaster"))))
                .willReply(550, "5.1.1", "No such user");
        // end::postmaster[]

        assertThat(List.of(rule)).isEqualTo(jsonAbove("postmaster"));
    }

    @Test
    void either_condition() throws IOException {
        // tag::any-of[]
        Rule rule = onMailFrom(anyOf(
                        sender(""),
                        senderDomain("bounces.example"),
                        allOf(parameter("BODY", "8BITMIME"), tlsInactive())))
                .willReply(550, "5.7.1", "Not from you");
        // end::any-of[]

        assertThat(List.of(rule)).isEqualTo(jsonAbove("any-of"));
    }

    @Test
    void a_sequence() throws IOException {
        // tag::sequence[]
        Rule rule = onMessage()
                .willReply(451, "4.3.0", "Busy")
                .thenReply(452, "4.3.1", "Full")
                .willDelay(Duration.ofMillis(500))
                .thenDefault();
        // end::sequence[]

        assertThat(List.of(rule)).isEqualTo(jsonAbove("sequence"));
    }

    @Test
    void once_per_recipient() throws IOException {
        // tag::greylisting[]
        Rule rule = onRcpt().willReply(451, "4.2.0", "Greylisted")
                .times(1)
                .perRecipient()
                .atPriority(1);
        // end::greylisting[]

        assertThat(List.of(rule)).isEqualTo(jsonAbove("greylisting"));
    }

    @Test
    void a_scenario(FakeSmtpServer smtp) throws IOException {
        // tag::scenario[]
        smtp.stubFor(onMessage()
                .named("first attempt fails")
                .inScenario("retry")
                .whenScenarioStateIs(Rule.STARTED)
                .willSetStateTo("failed-once")
                .willReply(451, "4.3.0", "Try again later"));
        smtp.stubFor(onMessage()
                .named("second attempt too slow")
                .inScenario("retry")
                .whenScenarioStateIs("failed-once")
                .willSetStateTo("done")
                .willDelay(Duration.ofSeconds(2)));
        // end::scenario[]

        assertThat(rules(smtp)).containsExactlyInAnyOrderElementsOf(jsonAbove("scenario"));
    }

    private static List<Rule> rules(FakeSmtpServer smtp) {
        return smtp.rules().stream().map(ActiveRule::rule).toList();
    }

    /** The rules of the JSON block that comes before this test's snippet on docs/rules.md. */
    private static List<Rule> jsonAbove(String tag) throws IOException {
        List<Block> blocks = DocSnippets.blocks(Files.readAllLines(DocSnippetsTest.ROOT.resolve("docs/rules.md")));
        String reference = "RulesDocTest.java#" + tag;
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).snippet().filter(s -> s.endsWith(reference)).isPresent()) {
                for (int j = i - 1; j >= 0; j--) {
                    if (blocks.get(j).language().equals("json")) {
                        return RuleJson.parse(String.join("\n", blocks.get(j).code()));
                    }
                }
            }
        }
        throw new AssertionError("docs/rules.md has no JSON block before the snippet " + reference);
    }
}
