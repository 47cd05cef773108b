# pcmd — the two commands of the README are `make run` and `make test`.
# Everything else here is what they are made of; no target needs CMake flags remembered.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DATA ?= var/demo
LISTEN ?= 127.0.0.1:8080
UNITS ?= data/units/ninh-binh-units.csv

.PHONY: setup setup-test web build build-dev build-ci run test test-unit bench bench-reports format tidy clean

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

# The front end: dependencies from the lock file, then a type-checked production build.
web:
	@if [ -f web/package.json ]; then \
	  cd web && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run --silent build; \
	fi

# Release build; the binary is build/release/pcmd.
build: setup web
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)
	@cp build/release/src/app/pcmd build/release/pcmd

build-dev:
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev -j $(JOBS)

# The CI build: dev (ASan + UBSan) with warnings as errors.
build-ci:
	@cmake --preset ci >/dev/null
	@cmake --build --preset ci -j $(JOBS)

# Builds, creates or upgrades the embedded demo store in $(DATA) (Ninh Bình's units, an
# account for every role, records for 2021-2025 on the 2021 tree, then the reorganisations of
# 1 January and 1 July 2025 with Hà Nam and Nam Định; a second run changes nothing) and serves
# http://$(LISTEN). A real deployment starts from `pcmd init` instead (README).
run: build
	@build/release/pcmd demo --data $(DATA) --units $(UNITS) --trees data/units
	@build/release/pcmd serve --data $(DATA) --listen $(LISTEN) --web web/dist

# Every test: unit tests of each module on SQLite and PostgreSQL, API scenarios and
# crash tests against the real binary on both engines, browser tests in chromium.
# The test build runs with AddressSanitizer and UndefinedBehaviorSanitizer, warnings as errors.
test: setup-test web build-ci
	@tests/harness/with_postgres.sh ctest --test-dir build/ci --output-on-failure -j 2 --timeout 900

test-unit: build-dev
	@ctest --test-dir build/dev -L unit --output-on-failure -j $(JOBS)

# The indicator engine's benchmark (bench/README.md) on a release build: national data generated
# from a fixed seed into var/bench/EVENTS (kept and reused by the next run of the same size), the
# figures of issue 7 with PASS/MISS per goal, and build/release/bench/indicators-EVENTS.json; then
# the same store served by the release pcmd, timed over HTTP (bench/http_latency.py, http-EVENTS.json).
# EVENTS=2000000 or 20000000 for the issue's sizes; PG=1 also asks PostgreSQL the same questions.
EVENTS ?= 200000
bench: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target pcmd_indicator_benchmark pcmd
	@$(if $(filter 1,$(PG)),tests/harness/with_postgres.sh) build/release/bench/pcmd_indicator_benchmark \
	  --events $(EVENTS) --data var/bench/$(EVENTS) --json build/release/bench/indicators-$(EVENTS).json
	@bench/http_latency.py --bin build/release/src/app/pcmd --data var/bench/$(EVENTS) \
	  --json build/release/bench/http-$(EVENTS).json

# The consolidated report of a reporting round, every format, on the Ninh Bình demo store.
bench-reports: build
	@bench/round_documents.py --bin build/release/src/app/pcmd --data var/bench/demo

format:
	@find src -name '*.cc' -o -name '*.h' | xargs clang-format -i

tidy: build-dev
	@run-clang-tidy -quiet -p build/dev $$(find src -name '*.cc' -not -name '*_test.cc') 2>/dev/null | tail -20

clean:
	@rm -rf build web/dist
