# Hostile input on the web chat's WebSocket (docs/webchat.md, "Framing"):
# on one connection malformed JSON, non-objects, an unknown type, a 100 KiB
# line, binary garbage, a bad field and a text over 4,000 characters are
# each answered with an `error` and the connection stays usable; a second
# visitor's conversation meanwhile proceeds undisturbed. Also the static
# files and a few bad HTTP requests. The WebSocket client is
# tests/e2e/wsprobe.mjs (node:net only, no packages).
HERE=$(cd "$(dirname "$0")" && pwd)

if ! command -v node >/dev/null 2>&1; then
	if [ -n "${HL_REQUIRE_BROWSER:-}" ]; then
		echo "FAIL - HL_REQUIRE_BROWSER is set but node is missing"
		echo "0 passed, 1 failed"
		exit 1
	fi
	echo "skipped: no node (install nodejs, or set HL_REQUIRE_BROWSER to make this a failure)"
	exit 77
fi

. "$HERE/../integration/lib.sh"

WEBPORT=$(free_port)
WEB="http://127.0.0.1:$WEBPORT"
init_state || { fail "broker init"; finish; exit 1; }
start_broker --web "$WEB" || { fail "broker with --web $WEB did not start"; finish; exit 1; }
quiet() {
	"$@" >"$T/q.out" 2>"$T/q.err" && return 0
	local rc=$?
	sed 's/^/  | /' "$T/q.err" "$T/q.out" | head -8
	return $rc
}
check "queue sales with menu labels" quiet ctl queue add sales --strategy longest_idle --label-en "Enquiry" --label-zh "业务咨询"

# http REQUEST: sends REQUEST raw to the web port, prints the status line
# and the headers and the first 2 KiB of the body.
http() {
	python3 - "$WEBPORT" "$1" <<'EOF'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(sys.argv[2].encode("latin-1"))
data = b""
try:
    while len(data) < 65536:
        c = s.recv(65536)
        if not c:
            break
        data += c
        head, sep, body = data.partition(b"\r\n\r\n")
        if sep:
            for l in head.split(b"\r\n"):
                if l.lower().startswith(b"content-length:") and len(body) >= int(l.split(b":")[1]):
                    raise StopIteration
except (socket.timeout, StopIteration, ConnectionResetError):
    pass
sys.stdout.write(data[:4096].decode("utf-8", "replace"))
EOF
}
get() { http "GET $1 HTTP/1.1"$'\r\n'"Host: 127.0.0.1:$WEBPORT"$'\r\n'"Connection: close"$'\r\n\r\n'; }
status_of() { head -n 1 | tr -d '\r' | awk '{print $2}'; }

get / >"$T/index.http"
check "GET / is 200" test "$(status_of <"$T/index.http")" = 200
check "GET / is text/html" grep -qi '^content-type: *text/html' "$T/index.http"
get /chat.js >"$T/js.http"
check "GET /chat.js is 200 JavaScript" sh -c 'test "$(head -n1 "$1" | tr -d "\r" | cut -d" " -f2)" = 200 && grep -Eqi "^content-type: *(text|application)/javascript" "$1"' _ "$T/js.http"
get /chat.css >"$T/css.http"
check "GET /chat.css is 200 text/css" sh -c 'test "$(head -n1 "$1" | tr -d "\r" | cut -d" " -f2)" = 200 && grep -qi "^content-type: *text/css" "$1"' _ "$T/css.http"
get /no-such-file.html >"$T/404.http"
check "an unknown path is 404" test "$(status_of <"$T/404.http")" = 404
for p in /../../../../etc/passwd /%2e%2e/%2e%2e/%2e%2e/etc/passwd /..%2f..%2f..%2fetc%2fpasswd; do
	get "$p" >"$T/trav.http"
	check "no way out of the static root: $p ($(status_of <"$T/trav.http"))" \
		sh -c '! grep -q "root:.*:0:0:" "$1" && ! head -n1 "$1" | grep -q " 200 "' _ "$T/trav.http"
done
get /chat >"$T/noupgrade.http"
check "GET /chat without an upgrade is refused ($(status_of <"$T/noupgrade.http"))" \
	sh -c 's=$(head -n1 "$1" | tr -d "\r" | cut -d" " -f2); [ -n "$s" ] && [ "$s" -ge 400 ]' _ "$T/noupgrade.http"
http "garbage that is not HTTP at all"$'\r\n\r\n' >"$T/garbage.http"
check "a non-HTTP request is answered with 4xx or closed" \
	sh -c 's=$(head -n1 "$1" | tr -d "\r" | cut -d" " -f2); [ -z "$s" ] || [ "$s" -ge 400 ]' _ "$T/garbage.http"

# The WebSocket probe: two connections, one misbehaving.
timeout 90 node "$HERE/wsprobe.mjs" malformed "ws://127.0.0.1:$WEBPORT/chat" >"$T/probe.out" 2>&1
prc=$?
while IFS= read -r line; do
	case $line in
	"ok - "*) pass "${line#ok - }" ;;
	"FAIL - "*) fail "${line#FAIL - }" ;;
	*) echo "  | $line" ;;
	esac
done <"$T/probe.out"
check "the probe finished cleanly (exit $prc)" test "$prc" -eq 0
check "the broker is still running" kill -0 "$BROKER_PID"
check "the broker still answers hotline-ctl" quiet ctl queue list
finish
