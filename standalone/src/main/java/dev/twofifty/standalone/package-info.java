/** The standalone server: command line, and (to come) the admin API and JSON rule files. */
package dev.twofifty.standalone;
