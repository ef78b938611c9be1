#!/usr/bin/env bash
# verify.sh: check every scenario patch of one project against the committed
# example (testdata/scenarios/<project> -> examples/<project>).
#
# For each NN-*.patch: copy the project into a scratch git repository,
# `git apply --check` then `git apply` the patch, run the whole suite with
# `uv run --locked pytest`, and compare the result with the `# breaks:` header:
# exit 0 is "no"; exit 1 (failed tests), 2 (collection errors) and 4 (a
# conftest.py that cannot be imported, so no test can run) are "yes".
# Prints one line per scenario and exits non-zero if any patch does not apply
# or any `breaks:` header is wrong.
#
# Usage: verify.sh PROJECT [PATTERN]     e.g. verify.sh shop 'registry'
set -euo pipefail

project=${1:?usage: verify.sh PROJECT [PATTERN]}
here=$(cd "$(dirname "$0")/$project" && pwd)
proj=$(cd "$here/../../../../../examples/$project" && pwd)
pattern=${2:-}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

fresh_copy() {
	local dst=$1
	mkdir -p "$dst"
	(cd "$proj" && tar --exclude=.venv --exclude=.pytest_cache --exclude=__pycache__ \
		--exclude='.coverage*' --exclude=.cache -cf - .) | tar -C "$dst" -xf -
	git -C "$dst" init -q
	git -C "$dst" add -A
	git -C "$dst" -c user.name=verify -c user.email=verify@example.invalid commit -qm base
}

run_suite() {
	(cd "$1" && env -u VIRTUAL_ENV -u PYTEST_ADDOPTS -u UV_PROJECT_ENVIRONMENT \
		uv run --quiet --locked pytest -q -p no:cacheprovider >"$1.log" 2>&1)
}

fresh_copy "$scratch/base"
if ! run_suite "$scratch/base"; then
	echo "examples/$project itself fails its suite:" >&2
	tail -20 "$scratch/base.log" >&2
	exit 1
fi

bad=0
for patch in "$here"/[0-9][0-9]-*.patch; do
	name=$(basename "$patch" .patch)
	[[ -n $pattern && $name != *$pattern* ]] && continue
	kind=$(sed -n 's/^# kind: *//p' "$patch" | head -1)
	declared=$(sed -n 's/^# breaks: *\([a-z]*\).*/\1/p' "$patch" | head -1)
	work="$scratch/$name"
	fresh_copy "$work"
	if ! git -C "$work" apply --check "$patch" 2>"$work.apply" || ! git -C "$work" apply "$patch" 2>>"$work.apply"; then
		printf '%-40s %-18s APPLY FAILED: %s\n' "$name" "$kind" "$(head -1 "$work.apply")"
		bad=1
		continue
	fi
	status=0 summary_extra=""
	run_suite "$work" || status=$?
	case $status in
	0) observed=no ;;
	1 | 2) observed=yes ;;
	4) observed=yes summary_extra="(exit 4: $(grep -m1 -E 'Error' "$work.log" || true))" ;;
	*) observed="exit-$status" ;;
	esac
	summary=$(grep -E '^(=+ )?[0-9]+ (passed|failed|error)|^(=+ )?[0-9]+ .*(passed|failed|error).* in [0-9.]+s|Interrupted' "$work.log" | tail -1 | tr -d '=' | sed 's/^ *//' || true)
	verdict=ok
	if [[ $observed != "$declared" ]]; then
		verdict="WRONG (declared breaks: $declared)"
		bad=1
	fi
	printf '%-40s %-18s breaks=%-3s %-4s %s%s\n' "$name" "$kind" "$observed" "$verdict" "$summary" "$summary_extra"
done
exit $bad
