package dev.twofifty.conformance.cases;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Phase;
import dev.twofifty.journal.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Catalogue §2.7: DATA and BDAT. */
public final class DataCases {

    private DataCases() {}

    /** Lines that need dot-stuffing, the first line of the body included. */
    static final String DOTS_MESSAGE = "From: ann@client.test\r\n"
            + "To: bob@mx.test\r\n"
            + "Subject: dots\r\n"
            + "\r\n"
            + ".first body line starts with a dot\r\n"
            + ".\r\n"
            + "..\r\n"
            + ".hidden\r\n"
            + "last line\r\n";

    public static List<ConformanceCase> all() {
        return List.of(dotStuffing());
    }

    static ConformanceCase dotStuffing() {
        return ConformanceCase.builder("DATA-DOT-STUFFING", "Lines starting with a dot are dot-stuffed")
                .phase(Phase.DATA)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.5.2", "RFC 5321 §4.1.1.4")
                .rationale("Without dot-stuffing a line \".\" ends the message early and the rest is read as commands.")
                .request(MailRequest.of("ann@client.test", List.of("bob@mx.test"), DOTS_MESSAGE))
                .requires(Feature.RAW_CONTENT)
                .oracle(DataCases::contentArrivedIntact)
                .build();
    }

    /** The server received exactly the request's message, after dot-unstuffing. */
    static Judgement contentArrivedIntact(Observation observation) {
        byte[] expected = observation.request().messages().get(0);
        if (observation.messages().isEmpty()) {
            return new Judgement(Level.MUST.whenBroken(), "no message arrived", observation.fullEvidence());
        }
        ReceivedMessage message = observation.messages().get(0);
        byte[] actual = message.raw();
        if (Arrays.equals(expected, actual)) {
            return Judgement.pass("the content arrived byte for byte", List.of(observation.outcomeEvidence()));
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("first difference: " + firstDifference(expected, actual));
        evidence.addAll(observation.fullEvidence());
        return new Judgement(
                Level.MUST.whenBroken(), "the content that arrived differs from the message sent", evidence);
    }

    static String firstDifference(byte[] expected, byte[] actual) {
        String[] sent = new String(expected, StandardCharsets.UTF_8).split("\r\n", -1);
        String[] got = new String(actual, StandardCharsets.UTF_8).split("\r\n", -1);
        for (int i = 0; i < Math.max(sent.length, got.length); i++) {
            String one = i < sent.length ? sent[i] : "(nothing)";
            String other = i < got.length ? got[i] : "(nothing)";
            if (!one.equals(other)) {
                return "line " + (i + 1) + ": sent \"" + visible(one) + "\", received \"" + visible(other) + "\"";
            }
        }
        return "(none found)";
    }

    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
