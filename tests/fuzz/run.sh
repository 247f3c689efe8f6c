#!/bin/sh
# tests/fuzz/run.sh FUZZBUILD SECONDS BINDIR NAME...: runs each libFuzzer
# harness FUZZBUILD/fuzz_NAME for SECONDS on its corpus FUZZBUILD/corpus/NAME,
# seeded from the project's own data (examples/*.csv, the example database
# exported as JSON Lines and JSON with the programs in BINDIR, and
# tests/fuzz/seeds/NAME). Prints one line per harness with the executions
# libFuzzer ran; copies what it found (crash-*, leak-*, timeout-*, oom-*)
# to tests/fuzz/regressions/NAME/ and then fails. Run by `make fuzz`.
set -u
build=$1
seconds=$2
bin=$3
shift 3
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$root/$build" && pwd)
bin=$(cd "$root/$bin" && pwd)
corpus="$build/corpus"
logs="$build/logs"
mkdir -p "$corpus" "$logs"

# The example process exported as every record type (as make demo imports it).
exports="$build/exports"
if [ ! -s "$exports/stakeholders.tsv" ]; then
	rm -rf "$exports"
	mkdir -p "$exports"
	(
		export VK_DB="$exports/vk.db" VK_TODAY=2020-06-26
		export PATH="$bin:$PATH"
		ex="$root/examples"
		vk-stakeholder import "$ex/stakeholders.csv" &&
		vk-stakeholder engagement import "$ex/engagements.csv" &&
		vk-stakeholder input import "$ex/inputs.csv" &&
		vk-milestone import "$ex/milestones.csv" &&
		vk-trial import "$ex/trials.csv" &&
		vk-trial learning import "$ex/learnings.csv" || exit 1
		vk-milestone move 8 2020-06-19 --reason "flyttet en uge" >/dev/null
		for what in stakeholder:stakeholders "stakeholder engagement:engagements" \
			"stakeholder input:inputs" trial:trials "trial learning:learnings" \
			milestone:milestones; do
			cmd=${what%%:*} name=${what#*:}
			# shellcheck disable=SC2086
			vk-$cmd export -o jsonl > "$exports/$name.jsonl" &&
			vk-$cmd export -o json > "$exports/$name.json" &&
			vk-$cmd export -o tsv > "$exports/$name.tsv" || exit 1
		done
		vk-milestone ics --name "Visionsproces" > "$exports/milestones.ics"
		rm -f "$VK_DB" "$VK_DB-wal" "$VK_DB-shm"
	) 2>"$logs/exports.log" ||
		echo "fuzz: exporting the example database failed (see $logs/exports.log)" >&2
fi

# seed DIR FILE...: copies the files into the corpus DIR (kept between runs)
seed() {
	dir=$1
	shift
	mkdir -p "$dir"
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$dir/seed-$(basename "$f")"
	done
}

found=0
for name in "$@"; do
	dir="$corpus/$name"
	case $name in
	csv) seed "$dir" "$root"/examples/*.csv ;;
	tsv) seed "$dir" "$exports"/*.tsv ;;
	json) seed "$dir" "$exports"/*.jsonl "$exports"/*.json ;;
	import) seed "$dir" "$root"/examples/*.csv "$exports"/*.jsonl ;;
	esac
	seed "$dir" "$root"/tests/fuzz/seeds/"$name"/*
	seed "$dir" "$root"/tests/fuzz/regressions/"$name"/*
	art="$build/artifacts/$name"
	rm -rf "$art"
	mkdir -p "$art"
	dict=""
	[ -f "$root/tests/fuzz/$name.dict" ] && dict="-dict=$root/tests/fuzz/$name.dict"
	log="$logs/$name.log"
	# shellcheck disable=SC2086
	"$build/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$art/" $dict "$dir" >"$log" 2>&1
	status=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 runs in \2 s/p' "$log" | tail -1)
	[ -n "$runs" ] ||
		runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1) runs"
	files=$(find "$dir" -type f | wc -l)
	crashes=$(find "$art" -type f | wc -l)
	if [ "$crashes" -gt 0 ] || [ "$status" -ne 0 ]; then
		found=1
		mkdir -p "$root/tests/fuzz/regressions/$name"
		for f in "$art"/*; do
			[ -f "$f" ] && cp "$f" "$root/tests/fuzz/regressions/$name/"
		done
		echo "fuzz $name: FOUND $crashes problem(s) after $runs (exit $status):" \
			"kept in tests/fuzz/regressions/$name; log $log"
		grep -m 3 -E '^==[0-9]+==ERROR|runtime error|invariant broken|vk_die' "$log" |
			sed 's/^/    /'
	else
		echo "fuzz $name: $runs, clean; corpus $files files"
	fi
done
exit $found
