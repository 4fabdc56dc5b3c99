#!/usr/bin/env bash
# Scans the WebKit processes of the dev app for a passphrase, names and a
# CIN before and after a lock, checks the web process that held them is
# gone, that its replacement unlocks again and that the app's own process
# keeps at most a few copies (issue 12): see
# webmemscan.mjs. Needs root (reads /proc/<pid>/mem of another process),
# Xvfb, Chromium and the dev binary (make build-dev); port 34135 so as not
# to meet the e2e's. Part of make test (make webmemscan), ~30 s.
#
#   webmemscan.sh [-b BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=build/bin/tasrih-dev
[ "${1:-}" = "-b" ] && bin="$2"
[ "$(id -u)" = 0 ] || { echo "webmemscan: run as root (reads another process's memory)" >&2; exit 2; }
exec build/scripts/devapp.sh -b "$bin" -a 127.0.0.1:34135 -- node build/scripts/webmemscan.mjs
