package dev.twofifty.conformance;

import static dev.twofifty.conformance.ReportFixtures.HOSTILE_AS_READ;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** junit.xml, read back with the JDK's XML parser: structure, counts, and text that survives escaping. */
class JUnitXmlReportTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static Element only(Element parent, String name) {
        List<Element> elements = children(parent, name);
        assertThat(elements).as("<%s> in <%s>", name, parent.getTagName()).hasSize(1);
        return elements.get(0);
    }

    private static Element testcase(Element suite, String id) {
        return children(suite, "testcase").stream()
                .filter(element -> element.getAttribute("name").startsWith(id + " "))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void one_suite_per_client_and_one_test_case_per_catalogue_case() throws Exception {
        Document xml = parse(JUnitXmlReport.toXml(
                List.of(ReportFixtures.everyVerdict("client one"), ReportFixtures.partial("client \"two\""))));

        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("8");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("0");
        List<Element> suites = children(root, "testsuite");
        assertThat(suites)
                .extracting(suite -> suite.getAttribute("name"))
                .containsExactly("client one", "client \"two\"");

        Element first = suites.get(0);
        assertThat(first.getAttribute("tests")).isEqualTo("5");
        assertThat(first.getAttribute("failures")).isEqualTo("1");
        assertThat(first.getAttribute("skipped")).isEqualTo("1");
        assertThat(first.getAttribute("time")).isEqualTo("1.234");
        assertThat(first.getAttribute("timestamp")).isEqualTo("2026-11-29T10:00:00");
        assertThat(children(first, "testcase"))
                .extracting(element -> element.getAttribute("name").split(" ")[0])
                .containsExactly("TEST-PASS", "TEST-FAIL", "TEST-WARN", "TEST-INFO", "TEST-NA");
        assertThat(testcase(first, "TEST-PASS").getAttribute("classname"))
                .isEqualTo("conformance.client-one.connection");
        assertThat(testcase(first, "TEST-PASS").getAttribute("time")).isEqualTo("0.012");
        assertThat(testcase(first, "TEST-PASS").getChildNodes().getLength())
                .as("a clean PASS is an empty test case")
                .isZero();

        Element second = suites.get(1);
        assertThat(second.getAttribute("tests")).isEqualTo("3");
        assertThat(second.getAttribute("failures")).isEqualTo("0");
        assertThat(testcase(second, "TEST-FAIL").getAttribute("classname")).isEqualTo("conformance.client-two.mail");
    }

    @Test
    void fail_is_a_failure_with_reason_and_evidence_na_is_skipped_warn_and_info_are_output() throws Exception {
        Element suite = only(
                parse(JUnitXmlReport.toXml(ReportFixtures.everyVerdict("angus")))
                        .getDocumentElement(),
                "testsuite");

        Element failure = only(testcase(suite, "TEST-FAIL"), "failure");
        assertThat(failure.getAttribute("message")).isEqualTo("it broke the rule " + HOSTILE_AS_READ);
        assertThat(failure.getAttribute("type")).isEqualTo("MUST");
        assertThat(failure.getTextContent())
                .startsWith("FAIL TEST-FAIL: it broke the rule " + HOSTILE_AS_READ + "\n  MUST, RFC 5321 §4.1.1.10\n")
                .contains("    S1 C: EHLO " + HOSTILE_AS_READ + "\n", "    outcome: PERMANENT(554)\n")
                .contains("Transcript:\nS1     0 ms S: 554 5.3.2 No service for TEST-FAIL\nS1     2 ms C: QUIT\n");
        assertThat(testcase(suite, "TEST-FAIL").getAttribute("name")).isEqualTo("TEST-FAIL fails " + HOSTILE_AS_READ);

        Element skipped = only(testcase(suite, "TEST-NA"), "skipped");
        assertThat(skipped.getAttribute("message")).isEqualTo("the client does not support [STARTTLS]");
        assertThat(children(testcase(suite, "TEST-NA"), "failure")).isEmpty();

        assertThat(only(testcase(suite, "TEST-WARN"), "system-out").getTextContent())
                .startsWith("WARN TEST-WARN: it did not wait\n  SHOULD, RFC 5321 §4.1.1.10\n    S1 C: DATA\n")
                .contains("  FAIL INV-05: pipelined without PIPELINING\n    S1 C: MAIL FROM:<a@b> " + HOSTILE_AS_READ);
        assertThat(children(testcase(suite, "TEST-WARN"), "failure"))
                .as("an invariant does not change the case's verdict")
                .isEmpty();
        assertThat(only(testcase(suite, "TEST-INFO"), "system-out").getTextContent())
                .startsWith("INFO TEST-INFO: it chose BDAT\n  POLICY, RFC 5321 §4.1.1.10\n    S1 C: BDAT 10 LAST");
    }

    @Test
    void the_suite_carries_the_verdict_counts_and_the_invariants() throws Exception {
        Element suite = only(
                parse(JUnitXmlReport.toXml(ReportFixtures.everyVerdict("angus")))
                        .getDocumentElement(),
                "testsuite");

        List<String> properties = new ArrayList<>();
        for (Element property : children(only(suite, "properties"), "property")) {
            properties.add(property.getAttribute("name") + "=" + property.getAttribute("value"));
        }
        assertThat(properties)
                .startsWith("client=angus", "verdicts.PASS=1", "verdicts.FAIL=1", "verdicts.WARN=1")
                .contains("verdicts.N/A=1", "invariants.INV-01=PASS", "invariants.INV-05=FAIL")
                .hasSize(1 + 5 + 10);
        Node out = only(suite, "system-out");
        assertThat(out.getTextContent())
                .contains("FAIL INV-05: Lock-step unless PIPELINING", "(did not hold in TEST-WARN)")
                .contains("PASS INV-10: The client closes only after QUIT");
    }

    @Test
    void names_with_markup_and_controls_stay_well_formed(@TempDir Path directory) throws Exception {
        String client = ReportFixtures.HOSTILE + "\nsecond line\ttab";
        Path file = JUnitXmlReport.write(ReportFixtures.everyVerdict(client), directory.resolve("nested"));

        assertThat(file).hasFileName("junit.xml");
        String text = Files.readString(file);
        assertThat(text).doesNotContain("<script>", "\u0000", "\u001b").startsWith("<?xml version=\"1.0\"");
        Element suite = only(parse(text).getDocumentElement(), "testsuite");
        assertThat(suite.getAttribute("name"))
                .as("attribute line ends and tabs survive attribute normalisation")
                .isEqualTo(HOSTILE_AS_READ + "\nsecond line\ttab");
        assertThat(testcase(suite, "TEST-PASS").getAttribute("classname"))
                .isEqualTo("conformance.script-window-injected-1-script-amp-q-a-img-src-x-onerror-window-injected-2"
                        + "-second-line-tab.connection");
    }
}
