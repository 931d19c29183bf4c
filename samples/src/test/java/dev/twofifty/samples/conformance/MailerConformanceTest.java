package dev.twofifty.samples.conformance;

import dev.twofifty.conformance.Catalogue;
import dev.twofifty.conformance.ConformanceTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

/**
 * The sample {@link dev.twofifty.samples.angus.Mailer} through the MAIL and DATA cases. It passes them; through
 * the whole catalogue it inherits two findings of Angus Mail, which it is built on (GREET-554 and RCPT-421, see
 * {@link BuiltInAdaptersConformanceTest}).
 */
// tag::test[]
@Timeout(120)
class MailerConformanceTest {

    @TestFactory
    Stream<DynamicTest> conformance(TestReporter reporter) {
        return ConformanceTests.forClient(new MailerAdapter())
                .cases(Catalogue.matching("MAIL-*,DATA-*")) // optional: all cases by default
                .reportingTo(reporter::publishEntry)
                .dynamicTests();
    }
}
// end::test[]
