package dev.twofifty.internal.engine;

import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.Recipient;
import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import dev.twofifty.protocol.SmtpCommand;
import dev.twofifty.protocol.SmtpReply;
import dev.twofifty.script.MessageContent;
import dev.twofifty.script.SessionView;
import dev.twofifty.script.Step;
import dev.twofifty.script.Trigger;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@link Step} the engine shows rules and dispatchers; built only when some rule could apply. */
final class StepContext implements Step {

    private static final Envelope EMPTY = new Envelope(Path.NULL, EsmtpParameters.NONE, List.of());

    private final SmtpSession session;
    private final Trigger trigger;
    private final Trigger secondary;
    private final SmtpCommand command;
    private final String line;
    private final String argument;
    private final int recipientOrdinal;
    private final int authStep;
    private final MessageContent message;
    private final SmtpReply defaultReply;
    private SessionView sessionView;
    private Envelope envelope;

    StepContext(
            SmtpSession session,
            Trigger trigger,
            Trigger secondary,
            SmtpCommand command,
            String line,
            String argument,
            int recipientOrdinal,
            int authStep,
            MessageContent message,
            SmtpReply defaultReply) {
        this.session = session;
        this.trigger = trigger;
        this.secondary = secondary;
        this.command = command;
        this.line = line;
        this.argument = argument;
        this.recipientOrdinal = recipientOrdinal;
        this.authStep = authStep;
        this.message = message;
        this.defaultReply = defaultReply;
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    Trigger secondaryTrigger() {
        return secondary;
    }

    @Override
    public boolean is(Trigger other) {
        return other == Trigger.ANY || other == trigger || other == secondary;
    }

    @Override
    public Optional<SmtpCommand> command() {
        return Optional.ofNullable(command);
    }

    @Override
    public String line() {
        return line;
    }

    @Override
    public String argument() {
        return argument;
    }

    @Override
    public SessionView session() {
        if (sessionView == null) {
            sessionView = session.view();
        }
        return sessionView;
    }

    @Override
    public boolean inTransaction() {
        return session.transaction() != null;
    }

    @Override
    public Envelope envelope() {
        if (envelope == null) {
            Transaction transaction = session.transaction();
            envelope = transaction == null ? EMPTY : transaction.envelope();
        }
        return envelope;
    }

    @Override
    public int recipientOrdinal() {
        return recipientOrdinal;
    }

    @Override
    public int authStep() {
        return authStep;
    }

    @Override
    public Optional<MessageContent> message() {
        return Optional.ofNullable(message);
    }

    @Override
    public SmtpReply defaultReply() {
        return defaultReply;
    }

    SessionScriptState scriptState() {
        return session.scriptState();
    }

    /** The SENDER scope key: the MAIL command's path, or the transaction's. */
    String senderKey() {
        if (command instanceof SmtpCommand.MailFrom mail) {
            return key(mail.reversePath());
        }
        return inTransaction() ? key(envelope().reversePath()) : "";
    }

    /** The RECIPIENT scope key: the RCPT command's path, or the transaction's recipients. */
    String recipientKey() {
        if (command instanceof SmtpCommand.RcptTo rcpt) {
            return key(rcpt.forwardPath());
        }
        return envelope().recipients().stream()
                .map(Recipient::forwardPath)
                .map(StepContext::key)
                .sorted()
                .collect(Collectors.joining(","));
    }

    private static String key(Path path) {
        return path.isNull() ? "<>" : path.mailbox().canonical();
    }
}
