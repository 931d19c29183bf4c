#!/usr/bin/env bash
# msmtp as a conformance client (docs/conformance.md, "Results"): turns the runner's placeholders into
# msmtp's options, then runs msmtp in sendmail mode with the message on its standard input; msmtp's own
# exit status (sysexits.h) is the outcome.
#
#   msmtp.sh --security S --host H --port P --smtps-port P --from F --to T[,T...] --message FILE
#            --user U --password P --cafile PEM --timeout SECONDS --helo NAME --notify N --ret R
#
# --security: none (--tls=off); starttls and starttls-required (--tls=on --tls-starttls=on: msmtp has no
# opportunistic STARTTLS, TLS on means required); implicit-tls (--tls-starttls=off on the SMTPS port). The
# server certificate is trusted through --tls-trust-file (msmtp checks certificates by default).
# Credentials only when --user is not empty (--auth=on: msmtp picks the mechanism); the password goes
# through --passwordeval, msmtp's way to take one without a configuration file. The message is sent as
# given: no From, Date or Message-ID header added (--set-*-header=off).
set -euo pipefail
security=none host='' port='' smtps_port='' from='' to='' message='' user='' password='' cafile='' timeout=300
helo='' notify='' ret=''
while (($# >= 2)); do
    case $1 in
        --security) security=$2 ;; --host) host=$2 ;; --port) port=$2 ;; --smtps-port) smtps_port=$2 ;;
        --from) from=$2 ;; --to) to=$2 ;; --message) message=$2 ;; --user) user=$2 ;; --password) password=$2 ;;
        --cafile) cafile=$2 ;; --timeout) timeout=$2 ;; --helo) helo=$2 ;; --notify) notify=$2 ;; --ret) ret=$2 ;;
        *) echo "msmtp.sh: unknown option $1" >&2; exit 64 ;;
    esac
    shift 2
done

args=(--host="$host" --domain="$helo" --timeout="$timeout" --from="$from"
    --set-from-header=off --set-date-header=off --set-msgid-header=off)
case $security in
    none) args+=(--port="$port" --tls=off) ;;
    starttls | starttls-required) args+=(--port="$port" --tls=on --tls-starttls=on --tls-trust-file="$cafile") ;;
    implicit-tls) args+=(--port="$smtps_port" --tls=on --tls-starttls=off --tls-trust-file="$cafile") ;;
    *) echo "msmtp.sh: unknown security $security" >&2; exit 64 ;;
esac
if [[ -n $user ]]; then
    export TWOFIFTY_PASSWORD=$password
    args+=(--auth=on --user="$user" --passwordeval='printf %s "$TWOFIFTY_PASSWORD"')
else
    args+=(--auth=off)
fi
[[ -n $notify ]] && args+=(--dsn-notify="$(tr '[:upper:]' '[:lower:]' <<< "$notify")")
[[ -n $ret ]] && args+=(--dsn-return="$(tr '[:upper:]' '[:lower:]' <<< "$ret")")
IFS=, read -r -d '' -a recipients < <(printf '%s' "$to") || true # the addresses may hold CR or LF: split on commas only
exec msmtp "${args[@]}" -- "${recipients[@]}" < "$message"
