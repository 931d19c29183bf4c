/**
 * Sample: an application that sends mail with plain Jakarta Mail (Angus Mail). {@link
 * dev.twofifty.samples.angus.Mailer} composes text, HTML and attachments in UTF-8 and retries temporary
 * failures; its tests script the fake server's failures and assert on what arrived.
 */
package dev.twofifty.samples.angus;
