/** The standalone server: command line, admin API, JSON rule files, and the {@code conformance} command. */
package dev.twofifty.standalone;
