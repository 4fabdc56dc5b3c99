#!/usr/bin/env bash
# Regenerates the TypeScript bindings in frontend/wailsjs from the bound Go
# services (wails generate module, which never runs go mod tidy).
#
#   bindings.sh          update frontend/wailsjs; files whose content did not
#                        change keep their modification time, so make does not
#                        rebuild the frontend for nothing
#   bindings.sh --check  fail, leaving the tree as it was, if the committed
#                        bindings differ from what the Go code generates
set -euo pipefail
cd "$(dirname "$0")/../.."

check=false
[ "${1:-}" = "--check" ] && check=true

gobin="$(go env GOBIN)"
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
wails="$gobin/wails"

before="$(mktemp -d)"
trap 'rm -rf "$before"' EXIT
cp -a frontend/wailsjs/. "$before/" 2>/dev/null || true

if ! out="$("$wails" generate module -v 0 2>&1)"; then
	printf '%s\n' "$out" | grep -v '^Cannot stat file /proc/' >&2
	echo "bindings: wails generate module failed" >&2
	exit 1
fi
find frontend/wailsjs -type f -exec chmod 0644 {} +

if $check; then
	if ! diff -ru "$before" frontend/wailsjs; then
		rm -rf frontend/wailsjs && mkdir -p frontend/wailsjs && cp -a "$before/." frontend/wailsjs/
		echo "bindings: frontend/wailsjs is out of date with the Go services; run 'make bindings' and commit it" >&2
		exit 1
	fi
	echo "bindings: frontend/wailsjs is up to date"
	exit 0
fi

# Keep the old timestamp of every file whose bytes are unchanged.
(cd frontend/wailsjs && find . -type f) | while read -r f; do
	if [ -f "$before/$f" ] && cmp -s "$before/$f" "frontend/wailsjs/$f"; then
		touch -r "$before/$f" "frontend/wailsjs/$f"
	fi
done
echo "bindings: frontend/wailsjs generated"
