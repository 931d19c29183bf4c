/**
 * Adapters for the clients under test, each mapping what its client reports to the outcome vocabulary:
 * Angus Mail ({@link dev.twofifty.conformance.adapters.AngusMailAdapter}), Spring's
 * {@code JavaMailSenderImpl} ({@link dev.twofifty.conformance.adapters.SpringMailAdapter}), Apache
 * Commons Net ({@link dev.twofifty.conformance.adapters.CommonsNetAdapter}), Simple Java Mail
 * ({@link dev.twofifty.conformance.adapters.SimpleJavaMailAdapter}), Apache Commons Email
 * ({@link dev.twofifty.conformance.adapters.CommonsEmailAdapter}) and any executable
 * ({@link dev.twofifty.conformance.adapters.CommandAdapter}). The client libraries are optional
 * dependencies of this module: add the one you run to your own build. Clients built on Angus share
 * its exception mapping, {@link dev.twofifty.conformance.adapters.AngusOutcomes}.
 */
package dev.twofifty.conformance.adapters;
