/** Adapters for the clients under test: Angus Mail, any command line, and more. */
package dev.twofifty.conformance.adapters;
