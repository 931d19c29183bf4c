package dev.twofifty.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A reverse-path or forward-path of RFC 5321 §4.1.2: the text between the angle brackets of a MAIL
 * or RCPT command, and the mailbox it names.
 *
 * @param text the text between the angle brackets, without any source route, exactly as sent
 * @param mailbox the mailbox; {@code null} for the null reverse-path {@code <>}
 */
public record Path(String text, Address mailbox) {

    /** The null reverse-path {@code <>}, used for bounces and other notifications. */
    public static final Path NULL = new Path("", null);

    public Path {
        Objects.requireNonNull(text, "text");
    }

    /** A path naming a mailbox. */
    public static Path of(Address mailbox) {
        return new Path(mailbox.toString(), mailbox);
    }

    /** Whether this is the null reverse-path {@code <>}. */
    public boolean isNull() {
        return mailbox == null;
    }

    /** The mailbox, empty for the null reverse-path. */
    public Optional<Address> address() {
        return Optional.ofNullable(mailbox);
    }

    @Override
    public String toString() {
        return "<" + text + ">";
    }
}
