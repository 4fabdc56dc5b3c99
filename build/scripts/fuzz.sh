#!/usr/bin/env bash
# Runs every fuzz target under internal/ for a short while (FUZZTIME, 5s by
# default), one target at a time as go test requires. Targets are discovered,
# not listed: a new FuzzXxx is picked up on the next run. A failure leaves the
# crashing input under the package's testdata/fuzz/FuzzXxx/ to commit.
set -euo pipefail
cd "$(dirname "$0")/../.."

FUZZTIME="${FUZZTIME:-5s}"
n=0
for pkg in $(go list ./internal/...); do
	# -list prints the matching names, then "ok <pkg> <time>".
	targets="$(go test -list '^Fuzz' "$pkg" | grep -E '^Fuzz[A-Za-z0-9_]*$' || true)"
	for t in $targets; do
		echo "fuzz: $pkg $t ($FUZZTIME)"
		go test -run '^$' -fuzz "^${t}\$" -fuzztime "$FUZZTIME" "$pkg"
		n=$((n + 1))
	done
done
echo "fuzz: $n target(s) run"
