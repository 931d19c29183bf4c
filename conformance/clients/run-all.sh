#!/usr/bin/env bash
# Runs the whole conformance catalogue against the clients that docs/conformance.md ("Results") reports on:
# the standalone jar's built-in Java clients and the command line clients, one after the other,
# each into OUT/<client>/ (report.json, junit.xml, report.html) with the console table in
# OUT/<client>/console.txt. Command line clients that are not installed are skipped.
#
#   conformance/clients/run-all.sh [OUT] [CLIENT...]    (default OUT: target/conformance-results; clients:
#       angus angus-hardened spring simple-java-mail commons-email commons-net curl swaks msmtp python)
#
# Exits with 0 when every client ran, whatever the verdicts, and with the conformance command's status when it
# could not run a client. CASES=GLOB[,GLOB...] runs only those cases (the conformance command's --case; default:
# all). A relative OUT is relative to the repository root.
#
# Needs the fat jar: mvn -B -pl standalone -am package -DskipTests
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/conformance-results}
shift || true
clients=("$@")
((${#clients[@]})) || clients=(angus angus-hardened spring simple-java-mail commons-email commons-net curl swaks msmtp python)
jar=standalone/target/twofifty-standalone.jar
cases=${CASES:-*}
dir=conformance/clients

run() { # NAME, then the options of `conformance`
    local name=$1
    shift
    mkdir -p "$out/$name"
    echo "== $name"
    # The table only (libraries log to stderr).
    java -jar "$jar" conformance --quiet --case "$cases" --report-dir "$out/$name" "$@" 2>/dev/null | tee "$out/$name/console.txt" | tail -3
    local status=${PIPESTATUS[0]}
    # 1 says some case failed: a result like any other. 2 and 3 say the run itself went wrong.
    if ((status > 1)); then
        echo "$name: the conformance command exited with $status" >&2
        exit "$status"
    fi
}

for client in "${clients[@]}"; do
    case $client in
        angus | angus-hardened | spring | simple-java-mail | commons-email | commons-net)
            run "$client" --client "$client"
            ;;
        curl)
            command -v curl >/dev/null || { echo "curl: not installed"; continue; }
            # curl's exit codes (curl(1), EXIT CODES): 7 could not connect, 28 timeout and 56 receive failure are
            # temporary; 67 login denied; 35, 60 and 64 TLS; 3 a value curl refuses in the URL. curl gives 55 to
            # any refused MAIL, RCPT or DATA and 8 to a refused greeting or end of data, 4xx and 5xx alike: those
            # stay permanent (the default).
            run curl --name curl --features STARTTLS,IMPLICIT_TLS,AUTH,RAW_CONTENT,CONNECTION_PER_MESSAGE \
                --temp-fail-codes 7,28,56 --exit-code 67=AUTH_FAILED_PERMANENT --exit-code 35=TLS_FAILED \
                --exit-code 60=TLS_FAILED --exit-code 64=TLS_FAILED --exit-code 3=LOCAL_REJECT \
                --client-command "$dir/curl.sh --security {security} --host {host} --port {port} --smtps-port {smtpsPort} --from {from} --to {to} --message {message} --user {user} --password {password} --cafile {cafile} --timeout {timeout} --helo {helo}"
            ;;
        swaks)
            command -v swaks >/dev/null || { echo "swaks: not installed"; continue; }
            # swaks' exit codes (swaks(1), EXIT CODES): 2 cannot connect and 6 connection closed unexpectedly are
            # temporary; 27 is an error after the QUIT of a finished transaction (the message was accepted); 28
            # AUTH; 29 TLS. 21 to 26 name the step that failed, 4xx and 5xx alike: permanent (the default).
            run swaks --name swaks --features STARTTLS,IMPLICIT_TLS,AUTH,CONNECTION_PER_MESSAGE \
                --temp-fail-codes 2,6 --exit-code 27=DELIVERED --exit-code 28=AUTH_FAILED_PERMANENT \
                --exit-code 29=TLS_FAILED \
                --client-command "$dir/swaks.sh --security {security} --host {host} --port {port} --smtps-port {smtpsPort} --from {from} --to {to} --message {message} --user {user} --password {password} --timeout {timeout} --helo {helo}"
            ;;
        msmtp)
            command -v msmtp >/dev/null || { echo "msmtp: not installed"; continue; }
            # msmtp's exit codes are sysexits.h: 75 EX_TEMPFAIL (a 4xx reply) is temporary by default; every other
            # status permanent.
            run msmtp --name msmtp --features STARTTLS,IMPLICIT_TLS,AUTH,DSN,RAW_CONTENT,CONNECTION_PER_MESSAGE \
                --client-command "$dir/msmtp.sh --security {security} --host {host} --port {port} --smtps-port {smtpsPort} --from {from} --to {to} --message {message} --user {user} --password {password} --cafile {cafile} --timeout {timeout} --helo {helo} --notify {notify} --ret {ret}"
            ;;
        python)
            command -v python3 >/dev/null || { echo "python3: not installed"; continue; }
            # send.py's own exit statuses (its docstring): 75 temporary, 1 permanent, 2 and 3 AUTH, 4 TLS, 5 local.
            run python --name "python smtplib" --features STARTTLS,IMPLICIT_TLS,AUTH,DSN,RAW_CONTENT,CONNECTION_PER_MESSAGE \
                --exit-code 2=AUTH_FAILED_TEMPORARY --exit-code 3=AUTH_FAILED_PERMANENT --exit-code 4=TLS_FAILED \
                --exit-code 5=LOCAL_REJECT \
                --client-command "python3 $dir/send.py --security {security} --host {host} --port {port} --smtps-port {smtpsPort} --from {from} --to {to} --user {user} --password {password} --cafile {cafile} --timeout {timeout} --helo {helo} --notify {notify} --ret {ret} --envid {envid} {message}"
            ;;
        *) echo "unknown client $client (angus, angus-hardened, spring, simple-java-mail, commons-email, commons-net, curl, swaks, msmtp, python)" >&2; exit 2 ;;
    esac
done
