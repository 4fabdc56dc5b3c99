#!/usr/bin/env bash
# Smoke test of a built binary (default build/bin/tasrih):
#  1. the headless path works without a display and never touches GTK;
#  2. the real window starts under Xvfb, renders the page, and stays up;
#     a screenshot (SMOKE_SHOT, default build/bin/smoke.png) is taken and must
#     not be blank: the rendered page has anti-aliased text, hence many
#     colours, where an empty window or an empty screen has one or two.
# HOME and XDG_* point at a temporary directory: the test never reads or
# writes the user's real configuration, keyring or data.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="$(realpath "${1:-build/bin/tasrih}")"
shot="$(realpath -m "${SMOKE_SHOT:-build/bin/smoke.png}")"
timeout_s="${SMOKE_TIMEOUT:-60}"
min_colours="${SMOKE_MIN_COLOURS:-64}"

fail() { echo "smoke: FAIL: $*" >&2; exit 1; }

tmp="$(mktemp -d)"
app_pid=""
cleanup() {
	if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill "$app_pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state" "$tmp/runtime"
chmod 0700 "$tmp/runtime"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
	XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/runtime"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

# --- 1. headless ------------------------------------------------------------
out="$("$bin" version)" || fail "tasrih version exited $?"
[[ "$out" =~ ^tasrih\ [^[:space:]]+ ]] || fail "tasrih version printed: $out"
echo "smoke: $out"
"$bin" help >/dev/null || fail "tasrih help exited $?"
set +e
"$bin" no-such-command >/dev/null 2>&1; rc=$?
err="$("$bin" 2>&1 >/dev/null)"; rc_nodisplay=$?
set -e
[ "$rc" -eq 2 ] || fail "an unknown command exited $rc, want 2"
[ "$rc_nodisplay" -eq 2 ] || fail "the window without a display exited $rc_nodisplay, want 2"
[[ "$err" == *"aucun affichage"* ]] || fail "no clear message without a display: $err"
[[ "$err" != *panic* ]] || fail "panic without a display: $err"
echo "smoke: headless OK (version, help, unknown command → 2, no display → 2 with a message)"

# --- 2. the window under Xvfb -----------------------------------------------
command -v xvfb-run >/dev/null || fail "xvfb-run missing (make deps)"
command -v import >/dev/null || fail "ImageMagick import missing (make deps)"
mkdir -p "$(dirname "$shot")"
export SMOKE_BIN="$bin" SMOKE_SHOT_PATH="$shot" SMOKE_TIMEOUT_S="$timeout_s" SMOKE_MIN="$min_colours" SMOKE_LOG="$tmp/app.log"
# No accessibility bus in a bare X server; without this GTK warns at length.
export NO_AT_BRIDGE=1
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" bash -c '
	set -euo pipefail
	"$SMOKE_BIN" >"$SMOKE_LOG" 2>&1 &
	pid=$!
	trap "kill $pid 2>/dev/null || true" EXIT
	deadline=$((SECONDS + SMOKE_TIMEOUT_S))
	colours=0
	while [ "$SECONDS" -lt "$deadline" ]; do
		kill -0 "$pid" 2>/dev/null || { echo "smoke: the app exited early:" >&2; cat "$SMOKE_LOG" >&2; exit 1; }
		if import -window root "$SMOKE_SHOT_PATH" 2>/dev/null; then
			colours="$(identify -format "%k" "$SMOKE_SHOT_PATH")"
			[ "$colours" -ge "$SMOKE_MIN" ] && break
		fi
		sleep 0.5
	done
	[ "$colours" -ge "$SMOKE_MIN" ] || { echo "smoke: screen still blank after ${SMOKE_TIMEOUT_S}s ($colours colours)" >&2; cat "$SMOKE_LOG" >&2; exit 1; }
	# Let the bound calls (version) answer, then take the final picture.
	sleep 2
	import -window root "$SMOKE_SHOT_PATH"
	colours="$(identify -format "%k" "$SMOKE_SHOT_PATH")"
	kill -0 "$pid" 2>/dev/null || { echo "smoke: the app died after rendering:" >&2; cat "$SMOKE_LOG" >&2; exit 1; }
	echo "smoke: window rendered ($colours colours), screenshot $SMOKE_SHOT_PATH"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	trap - EXIT
'
echo "smoke: OK"
