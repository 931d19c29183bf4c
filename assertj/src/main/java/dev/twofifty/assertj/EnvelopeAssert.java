package dev.twofifty.assertj;

import static dev.twofifty.assertj.error.ShouldContainAddress.shouldContainAddress;
import static dev.twofifty.assertj.error.ShouldHaveAddresses.shouldHaveAddressesInOrder;
import static dev.twofifty.assertj.error.ShouldHaveMailParameter.shouldHaveMailParameter;
import static dev.twofifty.assertj.error.ShouldHaveProperty.shouldHave;
import static dev.twofifty.assertj.error.ShouldHaveSender.shouldHaveSender;

import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.Recipient;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the SMTP envelope of a message: the sender and MAIL parameters, and the accepted
 * recipients with their RCPT parameters, DSN ones included (RFC 3461).
 *
 * <pre>{@code
 * assertThat(message).envelope()
 *         .hasSender("ann@example.com")
 *         .hasRecipients("bob@example.com", "carl@example.com")
 *         .hasDsnNotify("bob@example.com", "FAILURE", "DELAY");
 * }</pre>
 */
public class EnvelopeAssert extends AbstractAssert<EnvelopeAssert, Envelope> {

    /**
     * Creates an assert on an envelope; {@link SmtpAssertions#assertThat(Envelope)} is the usual way.
     *
     * @param actual the envelope
     */
    public EnvelopeAssert(Envelope actual) {
        super(actual, EnvelopeAssert.class);
    }

    /**
     * Verifies the sender (the reverse-path), the domain compared ignoring case.
     *
     * @param sender the sender, {@code ""} for the null sender
     * @return this assert
     */
    public EnvelopeAssert hasSender(String sender) {
        isNotNull();
        Objects.requireNonNull(sender, "sender");
        if (!Addresses.same(actual.sender(), sender)) {
            throw assertionError(shouldHaveSender(actual, sender, actual.sender()));
        }
        return myself;
    }

    /**
     * Verifies that the sender is the null reverse-path {@code <>}, as bounces and other
     * notifications use.
     *
     * @return this assert
     */
    public EnvelopeAssert hasNullSender() {
        isNotNull();
        if (!actual.reversePath().isNull()) {
            throw assertionError(shouldHaveSender(actual, "", actual.sender()));
        }
        return myself;
    }

    /**
     * Verifies the accepted recipients: exactly these, in this order.
     *
     * @param addresses the recipients in the order the client sent them
     * @return this assert
     */
    public EnvelopeAssert hasRecipients(String... addresses) {
        isNotNull();
        List<String> recipients = actual.recipientAddresses();
        if (!Addresses.sameInOrder(recipients, List.of(addresses))) {
            throw assertionError(shouldHaveAddressesInOrder(actual, "recipients", List.of(addresses), recipients));
        }
        return myself;
    }

    /**
     * Verifies that this address is among the accepted recipients.
     *
     * @param address the recipient
     * @return this assert
     */
    public EnvelopeAssert hasRecipient(String address) {
        recipient(address);
        return myself;
    }

    /**
     * Verifies a MAIL parameter (the keyword ignoring case, the value exactly as sent).
     *
     * @param name the keyword, for example {@code SIZE}
     * @param value the value, {@code ""} for a parameter without one such as {@code SMTPUTF8}
     * @return this assert
     */
    public EnvelopeAssert hasMailParameter(String name, String value) {
        isNotNull();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (actual.mailParameters().get(name).filter(value::equals).isEmpty()) {
            throw assertionError(
                    shouldHaveMailParameter(actual, name.toUpperCase(Locale.ROOT), value, actual.mailParameters()));
        }
        return myself;
    }

    /**
     * Verifies the DSN {@code RET} parameter (RFC 3461 §4.3), ignoring case.
     *
     * @param value {@code FULL} or {@code HDRS}
     * @return this assert
     */
    public EnvelopeAssert hasDsnReturn(String value) {
        isNotNull();
        Objects.requireNonNull(value, "value");
        Optional<String> ret = actual.dsnReturn();
        if (ret.filter(value::equalsIgnoreCase).isEmpty()) {
            throw assertionError(shouldHave(actual, "DSN RET", value, ret));
        }
        return myself;
    }

    /**
     * Verifies the DSN {@code ENVID} parameter (RFC 3461 §4.4), with its xtext decoded.
     *
     * @param value the envelope id
     * @return this assert
     */
    public EnvelopeAssert hasDsnEnvelopeId(String value) {
        isNotNull();
        Objects.requireNonNull(value, "value");
        Optional<String> envelopeId = actual.dsnEnvelopeId();
        if (envelopeId.filter(value::equals).isEmpty()) {
            throw assertionError(shouldHave(actual, "DSN ENVID", value, envelopeId));
        }
        return myself;
    }

    /**
     * Verifies the DSN {@code NOTIFY} values of a recipient (RFC 3461 §4.1): exactly these, in any
     * order, ignoring case.
     *
     * @param recipient the recipient
     * @param values for example {@code SUCCESS}, {@code FAILURE}, {@code DELAY}, or {@code NEVER}
     * @return this assert
     */
    public EnvelopeAssert hasDsnNotify(String recipient, String... values) {
        Recipient found = recipient(recipient);
        List<String> expected = Arrays.stream(values)
                .map(value -> value.toUpperCase(Locale.ROOT))
                .sorted()
                .toList();
        if (!found.dsnNotify().stream().sorted().toList().equals(expected)) {
            throw assertionError(shouldHave(actual, "DSN NOTIFY for " + recipient, List.of(values), found.dsnNotify()));
        }
        return myself;
    }

    /**
     * Verifies the DSN {@code ORCPT} of a recipient (RFC 3461 §4.2), with its xtext decoded.
     *
     * @param recipient the recipient
     * @param value for example {@code rfc822;bob@example.com}
     * @return this assert
     */
    public EnvelopeAssert hasDsnOriginalRecipient(String recipient, String value) {
        Recipient found = recipient(recipient);
        Objects.requireNonNull(value, "value");
        Optional<String> original = found.dsnOriginalRecipient();
        if (original.filter(value::equals).isEmpty()) {
            throw assertionError(shouldHave(actual, "DSN ORCPT for " + recipient, value, original));
        }
        return myself;
    }

    private Recipient recipient(String address) {
        isNotNull();
        Objects.requireNonNull(address, "address");
        return actual.recipients().stream()
                .filter(recipient -> Addresses.same(recipient.address(), address))
                .findFirst()
                .orElseThrow(() -> assertionError(
                        shouldContainAddress(actual, "recipients", address, actual.recipientAddresses())));
    }
}
