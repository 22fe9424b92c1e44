# System lines stored as events and rendered in the reader's language:
# the web page gets codes with names and labels, `chat transcript` reads
# Chinese in zh_CN and English in C, old rows stay as they were written;
# a visitor who picks a menu item is told where they stand at once, and an
# offer made before the customer's first line is updated with it.
. "$(dirname "$0")/lib.sh"

# The Chinese reader: zh_CN.UTF-8 when the machine has it, else gettext's
# LANGUAGE over C.UTF-8 (the same catalogue).
if locale -a 2>/dev/null | grep -qiE '^zh_CN\.utf-?8$'; then
	ZH_ENV='{"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8", "LANGUAGE": ""}'
else
	echo "# zh_CN.UTF-8 locale missing: using LANGUAGE=zh_CN over C.UTF-8"
	ZH_ENV='{"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": "zh_CN"}'
fi
export ZH_ENV

init_state || exit 1
WEBPORT=$(free_port)
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
export CTL T WEBPORT
timeout 180 python3 "$(dirname "$0")/syslines.py" >"$T/py.out" 2>&1
prc=$?
grep -E '^(ok|FAIL) - |^  \| ' "$T/py.out"
PASSES=$((PASSES + $(grep -c '^ok - ' "$T/py.out")))
FAILS=$((FAILS + $(grep -c '^FAIL - ' "$T/py.out")))
[ "$prc" -eq 0 ] || [ "$FAILS" -gt 0 ] || { fail "syslines.py exited $prc"; tail -20 "$T/py.out"; }

# A line stored before system lines had codes is shown as it was written.
CID=$(cat "$T/contact" 2>/dev/null)
stop_broker
python3 - "$T/state" "${CID#c}" <<'PY'
import glob, sqlite3, sys
db = [p for p in glob.glob(sys.argv[1] + "/*.db") + glob.glob(sys.argv[1] + "/*.sqlite")][0]
con = sqlite3.connect(db)
seq = con.execute("SELECT max(seq) FROM message WHERE contact_id=?", (int(sys.argv[2]),)).fetchone()[0]
con.execute("INSERT INTO message(contact_id,seq,sender,name,text,ts_ms) VALUES(?,?,?,?,?,?)",
            (int(sys.argv[2]), seq + 1, "system", "", "Transferred to legacy_queue", 1))
con.commit()
PY
start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
old_row_as_is() {
	LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 ctl chat transcript "$CID" >"$T/old.out" 2>&1 &&
		grep -q 'Transferred to legacy_queue' "$T/old.out"
}
check "an old system row without a code reads as it was written" old_row_as_is
finish
