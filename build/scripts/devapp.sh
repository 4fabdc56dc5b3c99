#!/usr/bin/env bash
# Runs a command against the real Go services of a dev-tagged binary
# (default build/bin/tasrih-dev, built with -tags dev,webkit2_41), for the
# browser tests of the frontend (architecture.md, "The machine"):
#
#   devapp.sh [-b BINARY] [-a ADDR] -- COMMAND [ARGS…]
#
# The app runs under Xvfb with -assetdir frontend/dist -devserver ADDR
# (default 127.0.0.1:34115) on a fresh temporary data folder (TASRIH_DATA)
# with cheap Argon2id (TASRIH_TEST_CHEAP_KDF=1, honoured by dev builds only)
# and a throw-away HOME/XDG_*; COMMAND runs once the dev server answers,
# with TASRIH_DEV_URL (http://ADDR), TASRIH_DATA and TASRIH_TEST_TMP (a
# scratch folder for fixtures) in its environment. The app is stopped and
# the folders removed afterwards; the exit status is COMMAND's. The app's
# output is in $TASRIH_TEST_TMP/app.log while it runs, and is printed when
# COMMAND fails (DEVAPP_LOG=1 prints it always).
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=build/bin/tasrih-dev
addr=127.0.0.1:34115
while [ $# -gt 0 ]; do
	case "$1" in
	-b) bin="$2"; shift 2 ;;
	-a) addr="$2"; shift 2 ;;
	--) shift; break ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || { echo "usage: devapp.sh [-b BINARY] [-a ADDR] -- COMMAND [ARGS…]" >&2; exit 2; }
[ -x "$bin" ] || { echo "devapp: $bin missing (go build -tags dev,webkit2_41 -o $bin .)" >&2; exit 2; }
[ -f frontend/dist/index.html ] || { echo "devapp: frontend/dist not built (make frontend)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "devapp: xvfb-run missing (make deps)" >&2; exit 2; }
if curl -s -o /dev/null --max-time 1 "http://$addr/"; then
	echo "devapp: something already answers on $addr" >&2
	exit 2
fi

tmp="$(mktemp -d)"
pidfile="$tmp/app.pid"
xvfb_pid=""
cleanup() {
	if [ -s "$pidfile" ]; then
		pid="$(cat "$pidfile")"
		if kill -0 "$pid" 2>/dev/null; then
			kill "$pid" 2>/dev/null || true
			for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
			kill -9 "$pid" 2>/dev/null || true
		fi
	fi
	[ -n "$xvfb_pid" ] && wait "$xvfb_pid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state" "$tmp/runtime" "$tmp/tasrih" "$tmp/fixtures"
chmod 0700 "$tmp/runtime"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
	XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/runtime"
export TASRIH_DATA="$tmp/tasrih" TASRIH_TEST_CHEAP_KDF=1 TASRIH_TEST_TMP="$tmp/fixtures"
export TASRIH_DEV_URL="http://$addr" NO_AT_BRIDGE=1
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
export DEVAPP_BIN="$(realpath "$bin")" DEVAPP_ADDR="$addr" DEVAPP_PIDFILE="$pidfile" DEVAPP_LOG_FILE="$tmp/fixtures/app.log"

xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" bash -c '
	"$DEVAPP_BIN" -assetdir frontend/dist -devserver "$DEVAPP_ADDR" >"$DEVAPP_LOG_FILE" 2>&1 &
	echo $! >"$DEVAPP_PIDFILE"
	wait
' &
xvfb_pid=$!

up=false
for _ in $(seq 1 300); do
	if curl -s -o /dev/null --max-time 1 "$TASRIH_DEV_URL/"; then up=true; break; fi
	if [ -s "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then break; fi
	sleep 0.1
done
if ! $up; then
	echo "devapp: the app did not serve $TASRIH_DEV_URL:" >&2
	cat "$DEVAPP_LOG_FILE" >&2 || true
	exit 1
fi

set +e
"$@"
rc=$?
set -e
if [ "$rc" -ne 0 ] || [ "${DEVAPP_LOG:-}" = 1 ]; then
	echo "devapp: app output:" >&2
	grep -v -e 'AssetHandler\] Handling request' "$DEVAPP_LOG_FILE" >&2 || true
fi
exit "$rc"
