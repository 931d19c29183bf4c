package dev.twofifty.conformance;

/** Hears about a run as it goes, for progress on a console or in an IDE. Calls come from the runner's threads. */
public interface ProgressListener {

    /** Does nothing. */
    ProgressListener NONE = new ProgressListener() {};

    /** A case started; {@code running} lists what else is running. */
    default void caseStarted(ConformanceCase started, int done, int total) {}

    /** A case finished; {@code done} counts finished cases, this one included. */
    default void caseFinished(CaseResult result, int done, int total) {}
}
