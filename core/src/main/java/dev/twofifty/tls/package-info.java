/**
 * TLS settings of the fake server: a certificate generated in memory by default, or a key and
 * certificate chain supplied by the test.
 */
package dev.twofifty.tls;
