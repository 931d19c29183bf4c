/**
 * Scripting the fake server: rules (a trigger, a matcher, actions and counts), faults, delays,
 * capability changes, scenarios, the {@link dev.twofifty.script.SmtpDispatcher} SPI, and near-miss
 * reports. Start with {@link dev.twofifty.script.Rules} and {@link dev.twofifty.script.Matchers}.
 */
package dev.twofifty.script;
