/**
 * RFC conformance runs for SMTP clients: the {@link dev.twofifty.conformance.Catalogue} of cases, the
 * {@link dev.twofifty.conformance.ConformanceRunner}, client adapters, invariants and reports.
 */
package dev.twofifty.conformance;
