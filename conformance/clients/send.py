"""Sends one message with Python's smtplib, as a conformance client (docs/conformance.md, "Results").

    python3 send.py --host H --port P [--smtps-port P] [--security none|starttls|starttls-required|implicit-tls]
                    [--from ADDR] --to ADDR[,ADDR...] [--user U --password P] [--cafile PEM] [--timeout S]
                    [--helo NAME] [--notify LIST] [--ret FULL|HDRS] [--envid ID] FILE

The options take the conformance runner's placeholders ({host}, {security}, ...); empty values mean "not asked".
smtplib does the SMTP; this script only configures it and decides what its exceptions mean:

    0   delivered to every recipient
    75  temporary failure (EX_TEMPFAIL): a 4xx reply, a lost connection, a timeout; any recipient refused for now
        (4xx, or 552, which RFC 5321 §4.5.3.1.10 says to take as 452 for a recipient), even if others got the message
    1   permanent failure: a 5xx reply; recipients refused, every one of them for good
    2   authentication failed, temporary (4xx to AUTH)
    3   authentication failed, permanent (5xx to AUTH, or no mechanism in common)
    4   TLS failed: STARTTLS required but not offered or refused, or the handshake failed
    5   refused locally before sending (smtplib refused the input: an address it cannot send, bad options)
"""

import argparse
import smtplib
import socket
import ssl
import sys

DELIVERED, PERMANENT, AUTH_TEMP, AUTH_PERM, TLS_FAILED, LOCAL_REJECT, TEMPORARY = 0, 1, 2, 3, 4, 5, 75


def options():
    parser = argparse.ArgumentParser(description="Send one message with smtplib.")
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--smtps-port", type=int, default=-1)
    parser.add_argument("--security", default="none",
                        choices=["none", "starttls", "starttls-required", "implicit-tls"])
    parser.add_argument("--from", dest="sender", default="")
    parser.add_argument("--to", required=True)
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="")
    parser.add_argument("--cafile", default="")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--helo", default="")
    parser.add_argument("--notify", default="")
    parser.add_argument("--ret", default="")
    parser.add_argument("--envid", default="")
    parser.add_argument("message")
    return parser.parse_args()


def tls_context(cafile):
    # Certificate and host name checks on (smtplib's own default context checks neither for STARTTLS
    # before Python 3.12 unless given one); the runner's server certificate is the only trust anchor.
    return ssl.create_default_context(cafile=cafile or None)


class Exit(Exception):
    """Ends the run with this exit status (after smtplib's QUIT, when the session is still up)."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def xtext(value):
    """RFC 3461 §4: '+', '=', controls and spaces as +XX."""
    return "".join(c if 33 <= ord(c) <= 126 and c not in "+=" else "+%02X" % ord(c) for c in value)


def refused_for_now(code):
    return 400 <= code < 500 or code == 552  # RFC 5321 §4.5.3.1.10: 552 to RCPT is "too many recipients"


def by_class(code):
    return TEMPORARY if 400 <= code < 500 else PERMANENT


def start_tls(smtp, args, context):
    required = args.security == "starttls-required"
    if not smtp.has_extn("starttls"):
        if required:
            raise Exit(TLS_FAILED)
        return
    try:
        smtp.starttls(context=context)  # smtplib forgets the old EHLO reply and sends EHLO again itself
    except smtplib.SMTPResponseException:  # STARTTLS refused: go on in clear only when TLS is optional
        if required:
            raise Exit(TLS_FAILED)


def log_in(smtp, args):
    try:
        smtp.login(args.user, args.password)
    except smtplib.SMTPAuthenticationError as failure:
        raise Exit(AUTH_TEMP if 400 <= failure.smtp_code < 500 else AUTH_PERM)
    except smtplib.SMTPNotSupportedError:  # no AUTH offered
        raise Exit(AUTH_PERM)
    except smtplib.SMTPResponseException:
        raise
    except smtplib.SMTPException:  # "No suitable authentication method found."
        raise Exit(AUTH_PERM)


def send(args, message):
    recipients = [address for address in args.to.split(",") if address]
    helo = args.helo or None
    context = tls_context(args.cafile)
    if args.security == "implicit-tls":
        smtp = smtplib.SMTP_SSL(args.host, args.smtps_port, local_hostname=helo, timeout=args.timeout,
                                context=context)
    else:
        smtp = smtplib.SMTP(args.host, args.port, local_hostname=helo, timeout=args.timeout)
    with smtp:  # QUIT on the way out, whatever happened
        smtp.ehlo_or_helo_if_needed()
        if args.security in ("starttls", "starttls-required"):
            start_tls(smtp, args, context)
        if args.user:
            log_in(smtp, args)
        mail_options, rcpt_options = [], []
        if smtp.has_extn("dsn"):  # smtplib passes options as given: offering them is the caller's job
            if args.ret:
                mail_options.append("RET=" + args.ret)
            if args.envid:
                mail_options.append("ENVID=" + xtext(args.envid))
            if args.notify:
                rcpt_options.append("NOTIFY=" + args.notify)
        refused = smtp.sendmail(args.sender, recipients, message, mail_options, rcpt_options)
    if refused:  # delivered to some, refused for others: the refusal is what the caller must hear
        return TEMPORARY if any(refused_for_now(code) for code, _ in refused.values()) else PERMANENT
    return DELIVERED


def main():
    args = options()
    with open(args.message, "rb") as file:
        message = file.read()
    try:
        return send(args, message)
    except Exit as end:
        return end.status
    except smtplib.SMTPRecipientsRefused as refused:  # every recipient refused
        return TEMPORARY if any(refused_for_now(code) for code, _ in refused.recipients.values()) else PERMANENT
    except smtplib.SMTPResponseException as failure:  # a 4xx or 5xx to the greeting, EHLO, MAIL, DATA...
        return by_class(failure.smtp_code)
    except smtplib.SMTPServerDisconnected:
        return TEMPORARY
    except smtplib.SMTPNotSupportedError:  # for example SMTPUTF8 needed but not offered
        return LOCAL_REJECT
    except ssl.SSLError:
        return TLS_FAILED
    except OSError:  # refused connection, timeout, reset
        return TEMPORARY
    except smtplib.SMTPException:  # anything else smtplib gives up on
        return PERMANENT
    except (ValueError, UnicodeError):  # smtplib refused the input, for example a non-ASCII address
        return LOCAL_REJECT


if __name__ == "__main__":
    sys.exit(main())
