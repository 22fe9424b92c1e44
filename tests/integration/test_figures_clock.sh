# The floor's 15-minute intervals and its day, driven through the broker's
# time zone (figures_clock.py): a closing interval's row is written while
# the broker runs, and at midnight the floor starts a new day, having
# written the old day's last interval.
. "$(dirname "$0")/lib.sh"

CLOCK="$(dirname "$0")/figures_clock.py"
init_state || exit 1
WEBPORT=$(free_port)
export CTL T WEBPORT DB="$T/state/hotline.db"

# Local time 10:14:45 a few seconds from now: the 10:00 interval closes soon.
TZ=$(python3 "$CLOCK" tz 10:14:45 3) start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
ctl queue add billing --label-en Billing >/dev/null || fail "add queue"
timeout 120 python3 "$CLOCK" interval || fail "interval boundary"
stop_broker

# Local time 23:59:45 a few seconds from now: midnight comes soon.
TZ=$(python3 "$CLOCK" tz 23:59:45 3) start_broker --web "http://127.0.0.1:$WEBPORT" || exit 1
timeout 120 python3 "$CLOCK" midnight || fail "midnight"
finish
