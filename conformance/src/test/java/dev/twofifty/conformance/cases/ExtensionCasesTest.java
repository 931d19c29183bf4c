package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.CaseRuns.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The oracles of §2.13, each proven on a careful client (PASS) and a faulty one. */
@Timeout(60)
class ExtensionCasesTest {

    @Test
    void params_advertised_passes_plain_commands_and_fails_parameters_that_were_not_offered() {
        CaseRuns.Pair runs = CaseRuns.run(ExtensionCases.paramsAdvertised(), Flaw.PARAMETERS_ALWAYS);

        assertResult(runs.careful(), Verdict.PASS, "the client sent plain MAIL FROM and RCPT TO");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client sent parameters no extension was offered for: [MAIL FROM:<ann@client.test> SIZE=276"
                        + " RET=HDRS ENVID=id+201+2B2+3D3 AUTH=ann+2Btag+3D1@client.test]");
    }

    @Test
    void size_limit_passes_a_local_refusal_and_warns_about_a_full_transfer() {
        CaseRuns.Pair runs = CaseRuns.run(ExtensionCases.sizeLimit(), Flaw.IGNORES_SIZE);

        assertResult(runs.careful(), Verdict.PASS, "the client did not transfer the 50 KB message");
        assertThat(runs.careful().outcomes()).extracting(Outcome::kind).containsExactly(Outcome.Kind.LOCAL_REJECT);
        assertResult(
                runs.faulty(),
                Verdict.WARN,
                "the client transferred 51258 octets although the server advertised SIZE 10000");
    }

    @Test
    void size_declared_passes_an_exact_size_warns_about_a_low_one_and_is_not_applicable_without_one() {
        CaseRuns.Pair runs = CaseRuns.run(ExtensionCases.sizeDeclared(), Flaw.DECLARES_LOW_SIZE);

        assertResult(runs.careful(), Verdict.PASS, "SIZE=276 is well formed and not below the 276 octets sent");
        assertResult(runs.faulty(), Verdict.WARN, "SIZE=138 is lower than the 276 octets sent");
        assertResult(
                CaseRuns.single(ExtensionCases.sizeDeclared(), TestSmtpClient.with(Flaw.IGNORES_SIZE)),
                Verdict.NOT_APPLICABLE,
                "the client did not declare SIZE=");
    }

    @Test
    void utf8_not_offered_passes_a_local_refusal_and_fails_a_raw_utf8_address() {
        CaseRuns.Pair runs = CaseRuns.run(ExtensionCases.utf8NotOffered(), Flaw.RAW_UTF8);

        assertResult(
                runs.careful(),
                Verdict.PASS,
                "the client refused the message without sending the address (LOCAL_REJECT)");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client sent the internationalised address without SMTPUTF8: MAIL FROM:<jörg@example.test>"
                        + " SIZE=203 BODY=8BITMIME");
    }

    @Test
    void utf8_offered_passes_the_smtputf8_parameter_and_fails_without_it() {
        CaseRuns.Pair runs = CaseRuns.run(ExtensionCases.utf8Offered(), Flaw.NO_SMTPUTF8_PARAMETER);

        assertResult(runs.careful(), Verdict.PASS, "MAIL carried SMTPUTF8");
        assertThat(runs.careful().outcomes().get(1).rejected()).isEqualTo(Map.of("user@bücher.example", 553));
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "MAIL lacked the SMTPUTF8 parameter: [MAIL FROM:<jörg@example.test> SIZE=203 BODY=8BITMIME, MAIL"
                        + " FROM:<jörg@example.test> SIZE=203 BODY=8BITMIME]; the first message, with every recipient"
                        + " accepted, was reported as PERMANENT(553)");
    }

    @Test
    void dsn_params_pass_xtext_and_fail_raw_values() {
        CaseRuns.Pair runs = CaseRuns.run(ExtensionCases.dsnParams(), Flaw.RAW_DSN_VALUES);

        assertResult(
                runs.careful(),
                Verdict.PASS,
                "the parameters are valid and on the right command: RET=HDRS ENVID=id+201+2B2+3D3"
                        + " AUTH=ann+2Btag+3D1@client.test NOTIFY=SUCCESS,FAILURE");
        String mail = "MAIL FROM:<ann@client.test> SIZE=276 RET=HDRS ENVID=id 1+2=3 AUTH=ann+tag=1@client.test";
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "invalid DSN or AUTH= parameters: ENVID=id decodes to \"id\", not \"id 1+2=3\" in: " + mail
                        + "; unknown parameter 1+2=3 in: " + mail + "; AUTH=ann+tag=1@client.test is not xtext in: "
                        + mail);
    }

    @Test
    void esc_class_passes_the_basic_code_and_fails_the_class_of_the_enhanced_code() {
        CaseRuns.Pair runs = CaseRuns.run(ExtensionCases.escClass(), Flaw.ENHANCED_CLASS_DECIDES);

        assertThat(runs.careful().verdict()).isEqualTo(Verdict.PASS);
        assertThat(runs.careful().outcomes().get(0).rejected())
                .isEqualTo(Map.of(
                        "greylisted@mx.test", 451,
                        "mismatched@mx.test", 451,
                        "unknown@mx.test", 550,
                        "malformed-unknown@mx.test", 550));
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "recipients were not classified by their basic reply code: [mismatched@mx.test got 4xx but was"
                        + " reported as 551]");
    }

    @Test
    void dsn_params_are_not_applicable_when_the_client_sends_no_dsn_parameter() {
        ConformanceCase dsn = ExtensionCases.dsnParams();
        ConformanceCase plainRequest = new ConformanceCase(
                dsn.id(),
                dsn.title(),
                dsn.phase(),
                dsn.level(),
                dsn.rfc(),
                dsn.rationale(),
                dsn.server(),
                dsn.rules(),
                ConformanceCase.STANDARD_REQUEST,
                dsn.moreRequests(),
                dsn.requires(),
                dsn.oracle(),
                dsn.slowTierOnly());

        assertResult(
                CaseRuns.single(plainRequest, TestSmtpClient.careful()),
                Verdict.NOT_APPLICABLE,
                "the client sent no DSN or AUTH= parameters");
    }
}
