#!/usr/bin/env bash
# The end-to-end test of the desktop workflow (issue 6): frontend/e2e/scenario.mjs
# in Debian's Chromium (playwright-core, never `npx playwright install`)
# against the real Go services of the dev-tagged binary, on a temporary data
# folder (build/scripts/devapp.sh: Xvfb, TASRIH_DATA, cheap KDF, throw-away
# HOME). It builds what it needs first: frontend/dist with the packaged
# app's strict CSP, and build/bin/tasrih-dev.
#
#   build/scripts/e2e.sh            the scenario (make e2e, part of make test)
#   E2E_VERBOSE=1 build/scripts/e2e.sh   also every keystroke timing
#   E2E_ONLY=walks build/scripts/e2e.sh  only frontend/e2e/walks.mjs (or scenario)
#   E2E_ADDR=127.0.0.1:34215 …           another port for the dev server
#
# Then frontend/e2e/walks.mjs, on a fresh data folder: the walks off the
# happy path (issue 15: a new hire's CIN, Arabic at 1024×700, the idle
# lock, the platform down, a rejected deposit, the manual deposit, English).
#
# Screenshots of the main screens in French and Arabic go to
# build/bin/screens/ (gitignored); the figures (unlock → dashboard of 300
# employers, grid scroll frames and keystroke-to-paint for 2 000 employees)
# are printed on the "e2e: figures" line.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="${E2E_BIN:-build/bin/tasrih-dev}"
command -v /usr/bin/chromium >/dev/null || { echo "e2e: /usr/bin/chromium missing (make deps)" >&2; exit 2; }
[ -d frontend/node_modules/playwright-core ] && [ -d frontend/node_modules/exceljs ] ||
	{ echo "e2e: frontend/node_modules incomplete (make deps runs npm ci)" >&2; exit 2; }

# The dev binary and the built frontend (only what changed is rebuilt).
make --no-print-directory build-dev DEV_BIN="$bin"
rm -f build/bin/screens/*.png

addr="${E2E_ADDR:-127.0.0.1:34115}"
only="${E2E_ONLY:-}"
if [ -z "$only" ] || [ "$only" = scenario ]; then
	build/scripts/devapp.sh -b "$bin" -a "$addr" -- node frontend/e2e/scenario.mjs
fi
if [ -z "$only" ] || [ "$only" = walks ]; then
	build/scripts/devapp.sh -b "$bin" -a "$addr" -- node frontend/e2e/walks.mjs
fi
