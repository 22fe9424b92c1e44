# Shared helpers for integration tests: a private broker in a temporary state
# directory, hotline-ctl against it, assertions, and cleanup that always runs.
# Sourced by each test_*.sh; HL_BIN is the build directory.
set -u

: "${HL_BIN:?HL_BIN must point at the build directory}"
BROKER="$HL_BIN/server/hotline-broker"
CTL_BIN="$HL_BIN/tools/hotline-ctl"
T=$(mktemp -d "${TMPDIR:-/tmp}/hotline-test.XXXXXX")
BROKER_PID=""
FAILS=0
PASSES=0

cleanup() {
	if [ -n "$BROKER_PID" ]; then kill "$BROKER_PID" 2>/dev/null; wait "$BROKER_PID" 2>/dev/null; fi
	jobs -p | xargs -r kill 2>/dev/null
	if [ "$FAILS" -ne 0 ] && [ -f "$T/broker.log" ]; then
		echo "--- broker log ---"; tail -n 40 "$T/broker.log"
	fi
	rm -rf "$T"
}
trap cleanup EXIT

# A free TCP port on loopback, picked by the kernel.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pass() { PASSES=$((PASSES + 1)); echo "ok - $*"; }
fail() { FAILS=$((FAILS + 1)); echo "FAIL - $*"; }

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() { local d=$1; shift; if "$@"; then pass "$d"; else fail "$d"; fi; }

# expect_exit CODE DESCRIPTION COMMAND...: passes when the exit code matches.
expect_exit() {
	local want=$1 d=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"; local got=$?
	if [ "$got" -eq "$want" ]; then pass "$d (exit $got)"; else
		fail "$d: exit $got, wanted $want"; sed 's/^/  | /' "$T/err" | head -5; fi
}

# Writes a password file and prints its path.
pwfile() { printf '%s\n' "$2" >"$T/$1.pw"; echo "$T/$1.pw"; }

# init_state: a state directory with admin "root"; sets PIN.
init_state() {
	ADMIN_PW=$(pwfile root 'root-secret-1')
	"$BROKER" init --state "$T/state" --admin root --password-file "$ADMIN_PW" >"$T/init.out" || return 1
	PIN=$("$BROKER" fingerprint --state "$T/state")
}

# start_broker [extra args]: runs the broker on a private ipc path and a
# private TCP port; waits until it says "ready" (10 s at most).
start_broker() {
	[ -n "${PORT:-}" ] || PORT=$(free_port)
	URL_TCP="tcp://127.0.0.1:$PORT"
	URL_IPC="ipc://$T/broker.sock"
	"$BROKER" run --state "$T/state" --listen "$URL_IPC" --listen "$URL_TCP" "$@" \
		>>"$T/broker.log" 2>&1 &
	BROKER_PID=$!
	for _ in $(seq 100); do
		if [ "$(grep -c 'hotline-broker: ready' "$T/broker.log")" -gt "${READY_SEEN:-0}" ]; then
			READY_SEEN=$(grep -c 'hotline-broker: ready' "$T/broker.log"); write_ctl; return 0; fi
		kill -0 "$BROKER_PID" 2>/dev/null || { echo "broker died"; cat "$T/broker.log"; return 1; }
		sleep 0.1
	done
	echo "broker did not become ready"; return 1
}

stop_broker() { kill "$BROKER_PID" 2>/dev/null; wait "$BROKER_PID" 2>/dev/null; BROKER_PID=""; }
kill9_broker() { kill -KILL "$BROKER_PID" 2>/dev/null; wait "$BROKER_PID" 2>/dev/null; BROKER_PID=""; }

# $CTL: hotline-ctl as root over ipc unless the environment says otherwise;
# a script, so `env VAR=… "$CTL" …` works too.
CTL="$T/ctl"
write_ctl() {
	cat >"$CTL" <<EOS
#!/bin/sh
export HOTLINE_BROKER="\${HOTLINE_BROKER:-$URL_IPC}" HOTLINE_PIN="\${HOTLINE_PIN:-$PIN}"
export HOTLINE_USER="\${HOTLINE_USER:-root}" HOTLINE_PASSWORD_FILE="\${HOTLINE_PASSWORD_FILE:-$ADMIN_PW}"
exec timeout 60 "$CTL_BIN" "\$@"
EOS
	chmod +x "$CTL"
}
ctl() { "$CTL" "$@"; }

# as USER PWFILE args: hotline-ctl as another user.
as() { local u=$1 p=$2; shift 2; HOTLINE_USER=$u HOTLINE_PASSWORD_FILE=$p "$CTL" "$@"; }

# finish: prints the tally in the plain form and exits non-zero on failure.
finish() {
	echo "$PASSES passed, $FAILS failed"
	[ "$FAILS" -eq 0 ]
}
