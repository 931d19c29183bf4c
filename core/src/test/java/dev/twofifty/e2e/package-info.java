/**
 * End-to-end and robustness tests of the core server on loopback: real clients (Angus Mail, Apache
 * Commons Net) and raw sockets against in-process servers, comparing what each client sent with what
 * the journal holds octet for octet, and checking that broken, hostile and numerous clients are
 * recorded, lose nothing that was accepted and never stop the server serving others.
 */
package dev.twofifty.e2e;
