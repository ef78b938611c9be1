# impacted's own tasks. `just --list` shows them.

bin := justfile_directory() / ".cache/bin/impacted"

# Build the binary into .cache/bin/impacted.
build:
    go build -o {{bin}} ./cmd/impacted

# Wheels for Linux and macOS (amd64, arm64) into dist/; `--host` for this machine's only.
wheel *ARGS:
    scripts/wheel {{ARGS}}

# The whole test suite (what CI runs); extra arguments go to `go test`.
test *ARGS:
    scripts/test {{ARGS}}

# Formatting and vet.
lint:
    test -z "$(gofmt -l cmd pkg)" || (gofmt -l cmd pkg; exit 1)
    go vet ./...

# Go benchmarks of the hot paths, then the selector against the ADR's Python selector.
bench: build
    go test -run '^$' -bench . -benchmem ./pkg/...
    python3 scripts/bench_select.py --impacted {{bin}}

# The wrapper's overhead against bare `uv run pytest` on examples/shop.
bench-run: build
    python3 scripts/bench_run.py --impacted {{bin}}

# The map build against a plain run on examples/heavy.
bench-map: build
    python3 scripts/bench_map.py --impacted {{bin}}

# e.g. `just bench-map-ir --project DIR --compare OLD_BIN --pytest-args "tests/test_options.py tests/test_basic.py"`
# The map build's instructions (cachegrind: deterministic; needs valgrind, ~50x slower) against a plain run.
bench-map-ir *ARGS: build
    python3 scripts/bench_map.py --impacted {{bin}} --instructions --no-coverage {{ARGS}}

# Time to the first failure (-x): failing-first against pytest's order, over the breaking scenarios.
bench-order: build
    python3 scripts/bench_order.py --impacted {{bin}}

# End to end on examples/shop in a scratch copy.
demo:
    scripts/demo

# Refresh golden files (--help, metrics line).
update-golden:
    go test ./cmd/impacted -run Golden -update

# e.g. `just replay click --testmon --mutations 40` -> .cache/replay/results.jsonl
# Replays a real project's commits and seeded mutations through impacted and
# pytest-testmon, the full suite as the truth (recipes: scripts/replay_projects/).
replay PROJECT *ARGS: build
    scripts/replay run scripts/replay_projects/{{PROJECT}}.json --impacted {{bin}} {{ARGS}}

# The markdown table (and details) of replay results.
replay-table *FILES=".cache/replay/results.jsonl":
    scripts/replay table --details {{FILES}}

# scripts/replay's own unit test (mutations, matching, report); seconds.
replay-test:
    python3 scripts/replay_test.py
