#!/bin/sh
# tests/fuzz/replay.sh BUILD [LABEL]: replays every kept fuzz input
# (tests/fuzz/seeds/NAME/* and tests/fuzz/regressions/NAME/*) through
# BUILD/tests/fuzz-replay-NAME, one process per file, each a test: it
# passes when the harness returns (no abort, no sanitizer report) within
# 60 seconds. Appends "LABEL passed failed" (LABEL: fuzz-replay) to
# build/results (or $VK_RESULTS), as tests/run does. Called by make check
# and make test.
set -u
build=$1
label=${2:-fuzz-replay}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$root/$build" && pwd)
passed=0 failed=0
for dir in "$root"/tests/fuzz/seeds/* "$root"/tests/fuzz/regressions/*; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	prog="$build/tests/fuzz-replay-$name"
	for f in "$dir"/*; do
		[ -f "$f" ] || continue
		if [ ! -x "$prog" ]; then
			echo "not ok - fuzz $name ${f#"$root"/}: no $prog"
			failed=$((failed + 1))
			continue
		fi
		if timeout 60 "$prog" "$f" >/dev/null 2>"$build/fuzz-replay.err"; then
			passed=$((passed + 1))
		else
			echo "not ok - fuzz $name ${f#"$root"/}"
			sed 's/^/# /' "$build/fuzz-replay.err" | head -40
			failed=$((failed + 1))
		fi
	done
done
rm -f "$build/fuzz-replay.err"
echo "fuzz replay ($label): $passed passed, $failed failed"
results=${VK_RESULTS:-$root/build/results}
mkdir -p "$(dirname "$results")"
echo "$label $passed $failed" >> "$results"
exit 0
