#!/bin/bash
# Routing replay contract: runs every tests/routing/*.jsonl scenario through
# `hotline-sim replay --json` and compares standard output with NAME.expected.
# A scenario with NAME.stderr must fail with exit code 1 and print exactly
# those errors (each naming its line); every other one must exit 0 silently.
set -u

SIM="${HL_BIN:?HL_BIN must name the build directory}/tools/hotline-sim"
DIR="${HL_SRC:?HL_SRC must name the source directory}/tests/routing"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
count=0

note() { echo "test_routing_replay: $*" >&2; }

[ -x "$SIM" ] || { note "no $SIM: build hotline-sim first"; exit 1; }

# Relative names, so the error lines read "NAME.jsonl:LINE: ...".
cd "$DIR" || exit 1
for scenario in *.jsonl; do
	name=${scenario%.jsonl}
	count=$((count + 1))
	if [ ! -f "$name.expected" ]; then
		note "$name: no $name.expected"
		fail=1
		continue
	fi
	"$SIM" replay --json "$scenario" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if ! diff -u "$name.expected" "$TMP/out" >"$TMP/diff"; then
		note "$name: output differs from $name.expected:"
		cat "$TMP/diff" >&2
		fail=1
	fi
	if [ -f "$name.stderr" ]; then
		if [ "$rc" -ne 1 ]; then
			note "$name: exit code $rc, want 1 for a file with bad lines"
			fail=1
		fi
		if ! diff -u "$name.stderr" "$TMP/err" >&2; then
			note "$name: errors differ from $name.stderr"
			fail=1
		fi
		# Every error names its line.
		if grep -vq "^hotline-sim: $scenario:[0-9][0-9]*: " "$TMP/err"; then
			note "$name: an error does not name its line"
			fail=1
		fi
	elif [ "$rc" -ne 0 ] || [ -s "$TMP/err" ]; then
		note "$name: exit code $rc, errors:"
		cat "$TMP/err" >&2
		fail=1
	fi
done

if [ "$count" -lt 10 ]; then
	note "only $count scenarios, want at least 10"
	fail=1
fi

# The readable form runs the same scenario and ends with its summary.
if ! "$SIM" replay basic.jsonl >"$TMP/text" 2>&1 || ! tail -n 3 "$TMP/text" | grep -q "summary"; then
	note "readable output of basic.jsonl failed"
	fail=1
fi

# Standard input works as "-".
if ! "$SIM" replay --json - <basic.jsonl | diff -q basic.expected - >/dev/null; then
	note "replay of standard input differs"
	fail=1
fi

# Usage errors and unreadable files exit 2.
"$SIM" replay >/dev/null 2>&1
[ $? -eq 2 ] || { note "missing FILE: want exit code 2"; fail=1; }
"$SIM" replay "$TMP/does-not-exist.jsonl" >/dev/null 2>&1
[ $? -eq 2 ] || { note "unreadable FILE: want exit code 2"; fail=1; }
"$SIM" replay basic.jsonl --bogus >/dev/null 2>&1
[ $? -eq 2 ] || { note "unknown option: want exit code 2"; fail=1; }

[ "$fail" -eq 0 ] && echo "test_routing_replay: $count scenarios pass"
exit "$fail"
