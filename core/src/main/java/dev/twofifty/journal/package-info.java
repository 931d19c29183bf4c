/**
 * The journal: what the fake server saw. Sessions with their transcripts, transactions and client
 * violations; accepted messages with envelopes, exact content and a parsed MIME view; waits that
 * complete as messages arrive.
 */
package dev.twofifty.journal;
