#!/usr/bin/env bash
# A real S3-compatible server (SeaweedFS's `weed`) on loopback for the firm
# mode's tests (/work/shared/spec/s3-server.md).
#
#   s3server.sh build          build weed once per version, print its path
#   s3server.sh start DIR      start a server whose data, pid, ports and
#                              credentials live in DIR (created if missing);
#                              a second start on the same DIR reuses its ports
#                              and data (a restart); prints the endpoint
#   s3server.sh stop DIR       stop the server started on DIR (by its pid)
#   s3server.sh run -- CMD...  build if missing, start a server in a temporary
#                              DIR, run CMD with TASRIH_S3_ENDPOINT,
#                              TASRIH_S3_ACCESS_KEY, TASRIH_S3_SECRET_KEY,
#                              TASRIH_S3_DIR (DIR, for stop/start from the
#                              tests) and TASRIH_S3_SCRIPT set, then stop it and
#                              remove DIR.
#
# The server binds 127.0.0.1 only. The binary is cached under
# $TASRIH_CACHE (default ~/.cache/tasrih)/weed-<version>/weed.
set -euo pipefail

WEED_MODULE=github.com/seaweedfs/seaweedfs
WEED_VERSION=v0.0.0-20261109003541-7506e5f91cd6
CACHE="${TASRIH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tasrih}"
WEED_BIN="$CACHE/weed-$WEED_VERSION/weed"
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"

log() { echo "s3server: $*" >&2; }

build() {
	if [ -x "$WEED_BIN" ]; then echo "$WEED_BIN"; return; fi
	command -v go >/dev/null || { log "go is needed to build weed"; exit 1; }
	log "building weed $WEED_VERSION (about 5 minutes on 2 cores, once)"
	local src out
	out="$(mktemp -d)"
	trap 'chmod -R u+w "$out" 2>/dev/null; rm -rf "$out"' RETURN
	# Outside any module, so that the download touches no go.mod.
	src="$(cd "$out" && GOFLAGS=-mod=mod go mod download -json "$WEED_MODULE@$WEED_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
	[ -d "$src" ] || { log "module download failed"; exit 1; }
	# The module cache is read-only and weed's go.mod has replace
	# directives (go install refuses them): build from a writable copy.
	cp -r "$src" "$out/src"
	chmod -R u+w "$out/src"
	mkdir -p "$(dirname "$WEED_BIN")"
	(cd "$out/src" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -o "$WEED_BIN.tmp" ./weed)
	mv "$WEED_BIN.tmp" "$WEED_BIN"
	echo "$WEED_BIN"
}

# Pure bash (no curl, no python on a fresh machine): a port is taken when
# something accepts a connection on it.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# answers_http PORT: the port answers an HTTP request with a status line.
answers_http() {
	(
		exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
		printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
		IFS= read -r -t 2 line <&3 || exit 1
		[[ "$line" == HTTP/* ]]
	) 2>/dev/null
}

start() {
	local dir="$1"
	[ -x "$WEED_BIN" ] || { log "weed is not built: run '$0 build' first"; exit 1; }
	mkdir -p "$dir/data"
	dir="$(cd "$dir" && pwd)"
	if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
		log "a server is already running on $dir"; exit 1
	fi
	if [ ! -f "$dir/ports" ]; then
		# weed also listens on port+10000 for gRPC: pick ports whose
		# gRPC twin is free too.
		local ports=() p
		while [ "${#ports[@]}" -lt 4 ]; do
			p=$((20000 + RANDOM % 25000))
			if ! listening "$p" && ! listening "$((p + 10000))" && [[ " ${ports[*]} " != *" $p "* ]]; then
				ports+=("$p")
			fi
		done
		echo "${ports[*]}" >"$dir/ports"
	fi
	if [ ! -f "$dir/s3.json" ]; then
		local ak sk
		ak="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
		sk="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
		printf '%s\n%s\n' "$ak" "$sk" >"$dir/keys"
		cat >"$dir/s3.json" <<JSON
{"identities":[{"name":"tasrih","credentials":[{"accessKey":"$ak","secretKey":"$sk"}],"actions":["Admin","Read","Write","List","Tagging"]}]}
JSON
		chmod 0600 "$dir/keys" "$dir/s3.json"
	fi
	local master volume filer s3
	read -r master volume filer s3 <"$dir/ports"
	"$WEED_BIN" server -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
		-master.port="$master" -volume.port="$volume" -filer.port="$filer" \
		-s3 -s3.port="$s3" -s3.config="$dir/s3.json" \
		-master.volumeSizeLimitMB=64 -volume.max=100 \
		>"$dir/weed.log" 2>&1 &
	echo $! >"$dir/pid"
	# Ready when S3 answers (an unsigned request gets 403 or 200).
	local i=0
	until answers_http "$s3"; do
		i=$((i + 1))
		if [ "$i" -gt 120 ] || ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
			log "weed did not become ready; its log:"; tail -n 30 "$dir/weed.log" >&2
			stop "$dir"; exit 1
		fi
		sleep 0.5
	done
	echo "http://127.0.0.1:$s3"
}

stop() {
	local dir="$1" pid
	[ -f "$dir/pid" ] || return 0
	pid="$(cat "$dir/pid")"
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid"
		local i=0
		while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
	fi
	rm -f "$dir/pid"
}

run() {
	build >/dev/null
	local dir endpoint rc=0
	dir="$(mktemp -d)"
	trap 'stop "'"$dir"'"; rm -rf "'"$dir"'"' EXIT
	endpoint="$(start "$dir")"
	{ read -r ak; read -r sk; } <"$dir/keys"
	TASRIH_S3_ENDPOINT="$endpoint" TASRIH_S3_ACCESS_KEY="$ak" TASRIH_S3_SECRET_KEY="$sk" \
		TASRIH_S3_DIR="$dir" TASRIH_S3_SCRIPT="$SELF" "$@" || rc=$?
	return "$rc"
}

case "${1:-}" in
build) build ;;
start) [ $# -eq 2 ] || { log "usage: $0 start DIR"; exit 2; }; start "$2" ;;
stop) [ $# -eq 2 ] || { log "usage: $0 stop DIR"; exit 2; }; stop "$2" ;;
run) shift; [ "${1:-}" = "--" ] && shift; [ $# -gt 0 ] || { log "usage: $0 run -- CMD..."; exit 2; }; run "$@" ;;
*) log "usage: $0 build | start DIR | stop DIR | run -- CMD..."; exit 2 ;;
esac
