/**
 * The SMTP vocabulary shared by the server, the scripts and the journal: parsed commands, replies
 * with enhanced status codes, paths, addresses and ESMTP parameters. Nothing here does I/O.
 */
package dev.twofifty.protocol;
