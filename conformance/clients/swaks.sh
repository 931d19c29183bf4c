#!/usr/bin/env bash
# swaks as a conformance client (docs/conformance.md, "Results"): turns the runner's placeholders into
# swaks' options, then runs swaks; swaks' own exit status is the outcome.
#
#   swaks.sh --security S --host H --port P --smtps-port P --from F --to T[,T...] --message FILE
#            --user U --password P --timeout SECONDS --helo NAME
#
# --security: none; starttls (--tls-optional-strict: STARTTLS when offered, fail if the handshake fails);
# starttls-required (--tls); implicit-tls (--tls-on-connect on the SMTPS port). Credentials only when --user
# is not empty (--auth: any mechanism both offer). swaks' defaults otherwise, among them no certificate
# check (it verifies only with --tls-verify).
set -euo pipefail
security=none host='' port='' smtps_port='' from='' to='' message='' user='' password='' timeout=300 helo=''
while (($# >= 2)); do
    case $1 in
        --security) security=$2 ;; --host) host=$2 ;; --port) port=$2 ;; --smtps-port) smtps_port=$2 ;;
        --from) from=$2 ;; --to) to=$2 ;; --message) message=$2 ;; --user) user=$2 ;; --password) password=$2 ;;
        --timeout) timeout=$2 ;; --helo) helo=$2 ;;
        *) echo "swaks.sh: unknown option $1" >&2; exit 64 ;;
    esac
    shift 2
done

# swaks takes "<>" for the null sender (an empty --from means its default, user@host).
args=(--from "${from:-<>}" --to "$to" --helo "$helo" --timeout "$timeout" --data "@$message")
case $security in
    none) args+=(--server "$host:$port") ;;
    starttls) args+=(--server "$host:$port" --tls-optional-strict) ;;
    starttls-required) args+=(--server "$host:$port" --tls) ;;
    implicit-tls) args+=(--server "$host:$smtps_port" --tls-on-connect) ;;
    *) echo "swaks.sh: unknown security $security" >&2; exit 64 ;;
esac
[[ -n $user ]] && args+=(--auth --auth-user "$user" --auth-password "$password")
exec swaks "${args[@]}"
