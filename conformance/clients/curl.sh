#!/usr/bin/env bash
# curl as a conformance client (docs/conformance.md, "Results"): turns the runner's placeholders into
# curl's options, then runs curl; curl's own exit status is the outcome.
#
#   curl.sh --security S --host H --port P --smtps-port P --from F --to T[,T...] --message FILE
#           --user U --password P --cafile PEM --timeout SECONDS --helo NAME
#
# --security: none; starttls (curl --ssl: STARTTLS when offered, else clear); starttls-required (--ssl-reqd);
# implicit-tls (smtps:// on the SMTPS port). Credentials only when --user is not empty. The EHLO name is
# the URL's path, percent-encoded. --timeout bounds the connect (--connect-timeout) and any stall
# (--speed-limit 1 --speed-time: under one byte a second for that long); curl has no read timeout of its own.
set -euo pipefail
export LC_ALL=C # bytes, for the percent-encoding below
security=none host='' port='' smtps_port='' from='' to='' message='' user='' password='' cafile='' timeout=300 helo=''
while (($# >= 2)); do
    case $1 in
        --security) security=$2 ;; --host) host=$2 ;; --port) port=$2 ;; --smtps-port) smtps_port=$2 ;;
        --from) from=$2 ;; --to) to=$2 ;; --message) message=$2 ;; --user) user=$2 ;; --password) password=$2 ;;
        --cafile) cafile=$2 ;; --timeout) timeout=$2 ;; --helo) helo=$2 ;;
        *) echo "curl.sh: unknown option $1" >&2; exit 64 ;;
    esac
    shift 2
done

encoded=''
for ((i = 0; i < ${#helo}; i++)); do
    c=${helo:i:1}
    case $c in
        [A-Za-z0-9.-]) encoded+=$c ;;
        *) printf -v hex '%%%02X' "'$c"; encoded+=$hex ;;
    esac
done

args=(-sS --connect-timeout "$timeout" --speed-limit 1 --speed-time "$timeout" --mail-from "$from")
case $security in
    none) url="smtp://$host:$port/$encoded" ;;
    starttls) url="smtp://$host:$port/$encoded"; args+=(--ssl) ;;
    starttls-required) url="smtp://$host:$port/$encoded"; args+=(--ssl-reqd) ;;
    implicit-tls) url="smtps://$host:$smtps_port/$encoded" ;;
    *) echo "curl.sh: unknown security $security" >&2; exit 64 ;;
esac
[[ -n $cafile ]] && args+=(--cacert "$cafile")
[[ -n $user ]] && args+=(--user "$user:$password")
IFS=, read -r -d '' -a recipients < <(printf '%s' "$to") || true # the addresses may hold CR or LF: split on commas only
for recipient in "${recipients[@]}"; do
    args+=(--mail-rcpt "$recipient")
done
exec curl "${args[@]}" --upload-file "$message" "$url"
