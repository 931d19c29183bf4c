package dev.twofifty.samples.docs;

import dev.twofifty.assertj.SmtpSoftAssertionsProvider;
import org.assertj.core.api.SoftAssertions;

/** docs/assertj.md: AssertJ's soft assertions and TwoFifty's in one object. */
// tag::provider[]
class MySoftAssertions extends SoftAssertions implements SmtpSoftAssertionsProvider {}
// end::provider[]
