package dev.twofifty.script;

import java.util.Optional;

/**
 * Computes the server's behaviour at a step in code, for tests whose logic does not fit rules. It is
 * asked after the rules (when none fired) and before the conformant default; returning
 * {@link Optional#empty()} means "no opinion" and leaves the step to the default.
 *
 * <pre>{@code
 * smtp.setDispatcher(step -> step.is(Trigger.RCPT) && step.argument().contains("+retry")
 *         ? Optional.of(Action.reply(451, "4.2.0", "Mailbox busy"))
 *         : Optional.empty());
 * }</pre>
 *
 * <p>Dispatchers run on the server's I/O thread: they must not block. Use {@link Action#withDelay}
 * to answer late.
 */
@FunctionalInterface
public interface SmtpDispatcher {

    /** The action for this step, or empty for the default. */
    Optional<Action> dispatch(Step step);
}
