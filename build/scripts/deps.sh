#!/usr/bin/env bash
# Installs what building and testing Tasrih needs, and only what is missing:
# Debian packages (checked with dpkg -s; apt-get update only when something
# is missing), the pinned Wails CLI, and the frontend's node_modules (npm ci
# only when node_modules is missing or older than package-lock.json).
# Idempotent: a second run does nothing and takes about a second.
# Go (>= the go.mod version) and Node.js (>= 18) must already be there, as on
# the project's machines; Node is installed from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

WAILS_VERSION=v2.15.0
PACKAGES=(
	build-essential pkg-config
	libgtk-3-dev libwebkit2gtk-4.1-dev # the window (cgo, -tags webkit2_41)
	xvfb xauth imagemagick             # smoke test of the real window (xvfb-run needs xauth)
	dbus gnome-keyring                 # a real Secret Service for keyring tests
	chromium                           # browser tests of the frontend
	poppler-utils                      # looking at generated PDFs
	fonts-dejavu-core fonts-noto-core  # PDF and UI fonts (Latin + Arabic)
	git ca-certificates psmisc
)

log() { printf 'deps: %s\n' "$*"; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		log "need root to run: $*" >&2
		exit 1
	fi
}

# --- Debian packages --------------------------------------------------------
missing=()
for p in "${PACKAGES[@]}"; do
	# "install ok installed" only; a package that was removed keeps its conffiles.
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
		missing+=("$p")
	fi
done
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	missing+=(nodejs npm)
fi
if [ "${#missing[@]}" -gt 0 ]; then
	log "installing ${missing[*]}"
	# Another apt run (unattended upgrades, a parallel install) holds the lock: wait.
	if command -v fuser >/dev/null 2>&1; then
		for _ in $(seq 1 120); do
			fuser /var/lib/dpkg/lock-frontend >/dev/null 2>&1 || break
			sleep 5
		done
	fi
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
	log "Debian packages present"
fi

# --- Go and the Wails CLI ---------------------------------------------------
command -v go >/dev/null 2>&1 || { log "Go is not installed (need the version in go.mod)" >&2; exit 1; }
gobin="$(go env GOBIN)"
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
have="$("$gobin/wails" version 2>/dev/null | head -n 1 | tr -d '[:space:]' || true)"
if [ "$have" != "$WAILS_VERSION" ]; then
	log "installing Wails CLI $WAILS_VERSION (found: ${have:-none})"
	go install "github.com/wailsapp/wails/v2/cmd/wails@$WAILS_VERSION"
else
	log "Wails CLI $WAILS_VERSION present"
fi

# --- Frontend dependencies --------------------------------------------------
# npm writes node_modules/.package-lock.json on every install: it is the stamp.
if [ ! -f frontend/node_modules/.package-lock.json ] ||
	[ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
	log "npm ci"
	(cd frontend && npm ci --no-audit --no-fund --loglevel=error)
else
	log "frontend node_modules up to date"
fi
