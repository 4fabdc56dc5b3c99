#!/usr/bin/env bash
# Integration tests against a real Secret Service: a private D-Bus session with
# an unlocked gnome-keyring, then the tests built with -tags keyring (the ones
# behind //go:build keyring). Only the packages that have such files are run;
# with none yet, the session is still started and checked, so a broken
# keyring setup shows up here rather than in the first real test.
set -euo pipefail
cd "$(dirname "$0")/../.."

pkgs="$({ grep -rlE '^//go:build.*\bkeyring\b' --include='*.go' --exclude-dir=testdata internal || true; } | xargs -r -n1 dirname | sort -u | sed 's|^|./|' | tr '\n' ' ')"

export TASRIH_KEYRING_PKGS="$pkgs"
# A throw-away HOME: gnome-keyring writes its keyrings under $XDG_DATA_HOME.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"
chmod 0700 "$tmp/runtime"
# Keep the Go caches where they are, not in the temporary HOME.
export GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)" GOPATH="$(go env GOPATH)"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
	XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime"

# dbus-daemon cannot raise its fd limit in a container and says so: harmless,
# filtered out.
dbus-run-session -- sh -c '
	set -e
	printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
	# The daemon forks and claims its bus name a moment later: wait for it
	# (up to 15 s), then ask it for its collections, as a client would.
	i=0
	until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
		i=$((i + 1))
		[ "$i" -le 150 ] || { echo "keyring: no Secret Service on the session bus" >&2; exit 1; }
		sleep 0.1
	done
	dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
		org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Service string:Collections |
		grep -q "/org/freedesktop/secrets/collection/" ||
		{ echo "keyring: the Secret Service has no collection" >&2; exit 1; }
	if [ -z "$TASRIH_KEYRING_PKGS" ]; then
		echo "keyring: Secret Service up; no //go:build keyring tests under internal/ yet"
		exit 0
	fi
	echo "keyring: go test -tags keyring $TASRIH_KEYRING_PKGS"
	go test -count=1 -tags keyring $TASRIH_KEYRING_PKGS
' 2> >(grep -v 'Failed to set fd limit' >&2)
