/** The journal's implementation: live session records, the bounded store and MIME parsing. Not API. */
package dev.twofifty.internal.journal;
