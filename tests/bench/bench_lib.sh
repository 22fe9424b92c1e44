# Shared helpers for the side-by-side benchmarks (sourced): a private broker
# from a given build directory with its state seeded directly in SQLite, the
# counting shim preloaded, and the broker's CPU, memory and counters read
# from /proc and the shim's file. Benchmarks only; never run from ctest.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BT=$(mktemp -d "${TMPDIR:-/tmp}/hotline-bench.XXXXXX")
BPID=""
HZ=$(getconf CLK_TCK)
bl_cleanup() {
	[ -n "$BPID" ] && kill "$BPID" 2>/dev/null && wait "$BPID" 2>/dev/null
	jobs -p | xargs -r kill 2>/dev/null || true
	rm -rf "$BT"
}
trap bl_cleanup EXIT
printf 'bench-admin-pw\n' >"$BT/admin.pw"
printf 'bench-agent-pw\n' >"$BT/agent.pw"
# One load machine: the per-source limits are for the public (bench_sim.sh).
printf '[web]\nmax_conns = 50000\nmax_conns_per_addr = 50000\naddr_rate_factor = 10000\n[limits]\nprelogin_per_address = 5000\n' >"$BT/broker.ini"

# bl_shim_path: the counting shim, from HL_SHIM or the first build given
# that has one (the baseline predates it; the same shim serves both).
bl_shim_path() {
	local b
	if [ -n "${HL_SHIM:-}" ]; then echo "$HL_SHIM"; return; fi
	for b in "$@"; do
		[ -f "$b/tests/bench/countshim.so" ] && { echo "$b/tests/bench/countshim.so"; return; }
	done
	echo ""
}

bl_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# bl_init BUILD NAME: a fresh state directory $BT/NAME with admin "admin";
# sets BUILD, SD (state dir), PIN.
bl_init() {
	BUILD=$1; SD="$BT/$2"
	rm -rf "$SD"
	"$BUILD/server/hotline-broker" init --state "$SD" --admin admin --password-file "$BT/admin.pw" >/dev/null
	PIN=$("$BUILD/server/hotline-broker" fingerprint --state "$SD")
}

# bl_start [SHIMFILE]: runs the broker of BUILD on SD with the web channel
# and, given a file, the counting shim writing to it; waits for "ready".
# Sets BPID, BURL, WEBPORT.
bl_start() {
	local shim_out=${1:-} shim
	WEBPORT=$(bl_port)
	BURL="ipc://$SD/b.sock"
	shim=$(bl_shim_path "$BUILD")
	if [ -n "$shim_out" ] && [ -n "$shim" ]; then
		env LD_PRELOAD="$shim" HL_COUNTSHIM="$shim_out" \
			"$BUILD/server/hotline-broker" run --state "$SD" --listen "$BURL" \
			--web "http://127.0.0.1:$WEBPORT" --config "$BT/broker.ini" 2>"$SD/broker.log" &
	else
		"$BUILD/server/hotline-broker" run --state "$SD" --listen "$BURL" \
			--web "http://127.0.0.1:$WEBPORT" --config "$BT/broker.ini" 2>"$SD/broker.log" &
	fi
	BPID=$!
	for _ in $(seq 600); do
		grep -q ready "$SD/broker.log" && return 0
		kill -0 "$BPID" 2>/dev/null || { echo "broker died:" >&2; tail "$SD/broker.log" >&2; return 1; }
		sleep 0.1
	done
	echo "broker did not become ready" >&2; return 1
}

bl_stop() {
	[ -n "$BPID" ] || return 0
	kill "$BPID" 2>/dev/null || true
	wait "$BPID" 2>/dev/null || true
	BPID=""
}

# bl_ctl ARGS...: hotline-ctl of BUILD as admin against the running broker.
bl_ctl() {
	HOTLINE_BROKER="$BURL" HOTLINE_PIN="$PIN" HOTLINE_USER=admin HOTLINE_PASSWORD_FILE="$BT/admin.pw" \
		"$BUILD/tools/hotline-ctl" --session "$SD/admin.session" "$@"
}

# bl_setup AGENTS CAPACITY: queue "sales" made through the broker, then the
# broker stopped and AGENTS agents simagent1..N (skill sales=5) written
# straight into the database. Their password hash uses libsodium's minimum
# cost, so thousands of logins are not a benchmark of Argon2; the broker
# verifies whatever cost a stored hash names.
bl_setup() {
	local n=$1 cap=$2
	bl_start
	bl_ctl queue add sales --strategy longest_idle --label-en Enquiry --label-zh 业务咨询 >/dev/null
	bl_stop
	python3 "$BENCH_DIR/bench_seed.py" agents "$SD/hotline.db" "$n" "$cap" bench-agent-pw
}

# bl_seed_contacts N: N finished contacts of today in queue sales (broker stopped).
bl_seed_contacts() { python3 "$BENCH_DIR/bench_seed.py" contacts "$SD/hotline.db" "$1"; }

bl_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
bl_rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
bl_now() { date +%s.%N; }

# bl_counters FILE: the shim's counters as "name=value ..." (zeros without a file).
bl_counters() {
	python3 - "$1" <<'PY'
import struct, sys
names = ["steps", "stmts", "execs", "commits", "fsyncs", "fdatasyncs",
         "pwrites", "pwrite_bytes", "file_writes", "file_write_bytes"]
try:
    b = open(sys.argv[1], "rb").read(8 * len(names))
    v = struct.unpack("<%dQ" % len(names), b)
except (OSError, struct.error):
    v = [0] * len(names)
print(" ".join("%s=%d" % kv for kv in zip(names, v)))
PY
}

# bl_label BUILD: a short name for a build directory: its tree's commit.
bl_label() {
	local src
	src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$1/CMakeCache.txt" 2>/dev/null)
	if [ -n "$src" ]; then git -C "$src" rev-parse --short HEAD 2>/dev/null || basename "$1"; else basename "$1"; fi
}

# bl_ratio NEW OLD: NEW / OLD with two decimals, "-" when OLD is 0.
bl_ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print('%.3g' % (a/b) if b else '-')" "$1" "$2"; }
