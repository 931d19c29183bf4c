/** The catalogue's cases, one class per phase; each case cites its RFC sections. */
package dev.twofifty.conformance.cases;
