# Tasrih — build, run and test from a fresh clone on Debian/Ubuntu.
#
#   make run     install what is missing, build, start the app
#   make test    install what is missing, then every check CI runs
#   make build   build/bin/tasrih (Linux, webkit2gtk-4.1)
#   make build-windows   build/bin/tasrih.exe, cross-built from Linux
#   make build-cli       build/bin/tasrih-cli: headless, static, CGO off, no GTK/WebKit
#                        (build-cli-windows, build-cli-macos: the same for Windows and macOS)
#   make bench   the Go benchmarks of internal/
#
# Each step of `make test` is also a target of its own (lint, test-go, test-firm,
# test-fuzz, test-keyring, test-frontend, check-bindings, e2e, webmemscan, smoke).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
MAKEFLAGS += --no-print-directory

GO      ?= go
NPM     ?= npm
VERSION ?= $(shell git describe --tags --dirty 2>/dev/null || echo dev)
# -race multiplies test time by ~3 here (2 cores); RACE= turns it off.
RACE    ?= -race
FUZZTIME ?= 5s

BIN     := build/bin/tasrih
EXE     := build/bin/tasrih.exe
# The dev-tagged binary the browser tests drive (cheap KDF on request, dialogs
# answered from a queue): never shipped.
DEV_BIN := build/bin/tasrih-dev
LDFLAGS := -s -w -X github.com/tasrih/tasrih/internal/cli.Version=$(VERSION)
# The desktop binaries' default GODEBUG (issue 12, internal/memwipe): the
# garbage collector overwrites every object it frees (clobberfree), so the
# freed copies of names, CINs and the passphrase that share a span with live
# objects do not survive a lock. //go:debug does not accept this runtime
# setting, hence the linker; a GODEBUG in the environment still overrides it.
GODEBUG_LDFLAGS := -X runtime.godebugDefault=clobberfree=1
# What `wails build` passes on Linux, plus webkit2_41 (Debian 12 ships
# webkit2gtk-4.1, not 4.0). Building with go directly keeps the VCS stamp
# (the commit shown in the window; -buildvcs=auto overrides a GOFLAGS that
# turns it off) and never runs `go mod tidy` on the shared go.mod.
LINUX_TAGS := desktop,production,webkit2_41

FRONTEND_DIST := frontend/dist/index.html
FRONTEND_SRC  := $(shell find frontend/src frontend/public frontend/wailsjs -type f 2>/dev/null) \
                 frontend/index.html frontend/vite.config.ts frontend/tsconfig.json \
                 frontend/tsconfig.node.json frontend/package.json frontend/package-lock.json
# Go files the bound services and their types come from.
BINDINGS_SRC  := $(shell find app internal -name '*.go' -not -name '*_test.go' -not -path '*/testdata/*' 2>/dev/null) go.mod
# bindings.sh keeps the timestamps of unchanged files, so the frontend is
# rebuilt only when the bindings really change; this stamp (untracked) records
# when they were last generated.
BINDINGS_STAMP := build/bin/.bindings

.PHONY: all deps build run test lint test-go test-fuzz test-keyring test-frontend \
        check-bindings bindings frontend smoke bench build-windows clean FORCE \
        build-dev test-devbridge build-cli build-cli-windows build-cli-macos test-cli \
        test-firm bench-firm webmemscan

all: build

## deps: Debian packages, Wails CLI and node_modules, each only when missing.
deps:
	@build/scripts/deps.sh

## bindings: regenerate frontend/wailsjs from the Go services.
bindings: deps
	@build/scripts/bindings.sh

$(BINDINGS_STAMP): $(BINDINGS_SRC)
	@build/scripts/bindings.sh
	@mkdir -p $(@D) && touch $@

## frontend: type-check and build frontend/dist (only when a source changed).
frontend: deps $(FRONTEND_DIST)

$(FRONTEND_DIST): $(FRONTEND_SRC) | $(BINDINGS_STAMP)
	cd frontend && $(NPM) run --silent build

## build: the Linux desktop binary.
build: deps
	@$(MAKE) $(BIN)

$(BIN): $(FRONTEND_DIST) FORCE
	CGO_ENABLED=1 $(GO) build -tags $(LINUX_TAGS) -trimpath -buildvcs=auto -ldflags "$(LDFLAGS) $(GODEBUG_LDFLAGS)" -o $@ .

## build-dev: the dev-tagged binary for the browser tests (build/scripts/devapp.sh).
build-dev: deps
	@$(MAKE) $(DEV_BIN)

$(DEV_BIN): $(FRONTEND_DIST) FORCE
	CGO_ENABLED=1 $(GO) build -tags dev,webkit2_41 -ldflags "$(GODEBUG_LDFLAGS)" -o $@ .

## build-cli: the headless binary (the same commands, no window): the main
## package with the "headless" tag, CGO off, hence static and free of
## GTK/WebKit; it needs neither the frontend nor the Wails CLI.
CLI_BIN := build/bin/tasrih-cli
CLI_FLAGS := -tags headless -trimpath -buildvcs=auto -ldflags "$(LDFLAGS)"
build-cli:
	CGO_ENABLED=0 $(GO) build $(CLI_FLAGS) -o $(CLI_BIN) .

## build-cli-windows, build-cli-macos: cross-built headless binaries.
build-cli-windows:
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 $(GO) build $(CLI_FLAGS) -o $(CLI_BIN).exe .

build-cli-macos:
	CGO_ENABLED=0 GOOS=darwin GOARCH=arm64 $(GO) build $(CLI_FLAGS) -o $(CLI_BIN)-macos-arm64 .
	CGO_ENABLED=0 GOOS=darwin GOARCH=amd64 $(GO) build $(CLI_FLAGS) -o $(CLI_BIN)-macos-amd64 .

## test-cli: the headless binary is static (no interpreter, no shared
## library, no Wails module) and runs declare/validate end to end.
test-cli: build-cli
	TASRIH_CLI=$(CURDIR)/$(CLI_BIN) $(GO) test -count=1 -run '^TestHeadlessBinary' ./internal/cli

## run: build and start the app.
run: build
	./$(BIN)

## build-windows: cross-build the Windows binary (no cgo on Windows). Wails
## adds the icon, the manifest (DPI awareness) and the version resource.
build-windows: deps
	@$(MAKE) $(FRONTEND_DIST)
	"$$($(GO) env GOPATH)/bin/wails" build -platform windows/amd64 -m -nosyncgomod -s -skipbindings \
		-trimpath -ldflags "-X github.com/tasrih/tasrih/internal/cli.Version=$(VERSION) $(GODEBUG_LDFLAGS)" \
		-o tasrih.exe 2>&1 | { grep -v '^Cannot stat file /proc/' || true; }
	@test -s $(EXE)

## test: everything CI checks, in order.
test: deps
	@$(MAKE) lint
	@$(MAKE) test-go
	@$(MAKE) test-cli
	@$(MAKE) test-fuzz
	@$(MAKE) test-keyring
	@$(MAKE) check-bindings
	@$(MAKE) test-frontend
	@$(MAKE) test-devbridge
	@$(MAKE) e2e
	@$(MAKE) webmemscan
	@$(MAKE) $(BIN)
	@$(MAKE) smoke
	@$(MAKE) test-firm
	@echo "make test: all checks passed"

lint:
	@files="$$(find . -name '*.go' -not -path './frontend/*' -not -path './.git/*' -print0 | xargs -0 gofmt -l)"; \
	if [ -n "$$files" ]; then echo "gofmt needed:"; echo "$$files"; exit 1; fi
	$(GO) vet ./...

test-go:
	$(GO) test $(RACE) -timeout 30m ./...
	@# The dev-only code of the app (cheap KDF, Testing service) and its tests.
	$(GO) test $(RACE) -tags dev ./app

test-fuzz:
	FUZZTIME=$(FUZZTIME) build/scripts/fuzz.sh

test-keyring:
	@build/scripts/keyring.sh

check-bindings:
	@build/scripts/bindings.sh --check

test-frontend:
	cd frontend && $(NPM) run --silent typecheck && npx --no-install vitest run
	@# Personal data never goes to web storage (security.md, "Running app").
	@# Tests may name it to check that nothing was put there.
	@if grep -rnE --exclude='*.test.ts' --exclude='*.test.tsx' '\b(localStorage|sessionStorage|indexedDB)\b' frontend/src; then \
		echo "web storage is not allowed in the frontend: keep state in memory, persist through Go"; exit 1; fi
	@grep -q 'http-equiv="Content-Security-Policy"' frontend/index.html || \
		{ echo "frontend/index.html lost its Content-Security-Policy"; exit 1; }

## test-devbridge: the bound services answer Chromium over the dev server.
test-devbridge:
	@$(MAKE) $(DEV_BIN)
	build/scripts/devapp.sh -b $(DEV_BIN) -- node build/scripts/devbridge.mjs

## e2e: the desktop workflow end to end in Chromium against the dev binary.
e2e: deps
	build/scripts/e2e.sh

smoke:
	build/scripts/smoke.sh $(BIN)

## webmemscan: the app's WebKit processes scanned for a passphrase, names, a
## CIN, a RIB and a salary before a lock (they must be found) and after it (none may be left,
## the old web process must be gone, the new one must unlock again), and the
## app's own process after it (at most a few copies, no salary): issue
## 12; Xvfb, ~30 s. It reads another process's memory, hence root: skipped
## with a line otherwise (CI runs as root).
webmemscan: deps
	@if [ "$$(id -u)" != 0 ]; then echo "webmemscan: SKIPPED (not root: reading the web process's memory needs root)"; exit 0; fi; \
	$(MAKE) $(DEV_BIN) && build/scripts/webmemscan.sh -b $(DEV_BIN)

## test-firm: the firm mode against a real S3 server (SeaweedFS built once
## from the Go module proxy, started on 127.0.0.1 only, stopped after).
test-firm:
	build/scripts/s3server.sh run -- bash -c '$(GO) test $(RACE) -timeout 20m ./internal/firm/... && $(GO) test $(RACE) -timeout 10m -run "^TestFirm" ./internal/desktop/'

## bench-firm: the firm mode's benchmarks against the real S3 server.
bench-firm:
	build/scripts/s3server.sh run -- $(GO) test -run '^$$' -bench . -benchtime 1x -timeout 30m ./internal/firm/...

## bench: the Go benchmarks.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...

clean:
	rm -rf build/bin
	find frontend/dist -mindepth 1 -not -name .placeholder -exec rm -rf {} +

FORCE:
