#!/bin/bash
# bench/run.sh: the benchmark of issue 7 (`make bench` runs it).
#
# Installs the programs with `make install PREFIX=build/bench/prefix
# DESTDIR=` (so what is timed is what a user installs, built as `make`
# builds it), builds the generator and bench/floor in build/bench, generates
# the data sets once (build/bench/data/{1k,100k,1m}, reused while newer than
# the generator), then runs each vk job next to a reference doing the same
# work on the same data, alternating (vk, ref, vk, ref, ...), and prints the
# medians, the ratio vk/ref, CPU time and peak memory (GNU time's %M), the
# cost per row at each scale, and writes it all to build/bench/results.md.
#
# Environment: VK_BENCH_SCALES (default "1k 100k 1m"), VK_BENCH_REPS (runs
# of each side, default 5), VK_BENCH_REPS_SLOW (the slow 1M jobs, default
# 5: two threads' pace on this machine varies more than one's), and
# VK_BENCH_REPS_STARTUP (default 21).
set -u
export LC_ALL=C

cd "$(dirname "$0")/.." || exit 1
BUILD=build/bench
PREFIX_DIR=$BUILD/prefix	# make install's PREFIX: the programs timed are these
BIN=$PREFIX_DIR/bin
GEN=$BUILD/gen
FLOOR=$BUILD/floor
DATA=$BUILD/data
STORES=$BUILD/stores
RESULTS=$BUILD/results.md
SCALES=${VK_BENCH_SCALES:-"1k 100k 1m"}
REPS=${VK_BENCH_REPS:-5}
REPS_SLOW=${VK_BENCH_REPS_SLOW:-5}
REPS_STARTUP=${VK_BENCH_REPS_STARTUP:-21}
MEM_LIMIT_KIB=$((64 * 1024))

export VK_TODAY=2020-06-26	# the week of the report: 2020-W26
export VK_LOCK_TIMEOUT=30	# every store is private: a wait means trouble
export USER=${USER:-bench}
unset VK_DB

die() { echo "bench: $*" >&2; exit 1; }

for tool in /usr/bin/time sqlite3 jq; do
	command -v "$tool" >/dev/null || die "$tool is missing: run sh scripts/deps.sh bench"
done

# which sources were measured (the tree may change while others work on it)
SOURCES=$(cat lib/*.[ch] bin/*.c Makefile | md5sum | cut -c1-12)
echo "bench: make install PREFIX=$PREFIX_DIR DESTDIR=, and the generator" >&2
make -s --no-print-directory install PREFIX="$PWD/$PREFIX_DIR" DESTDIR= >/dev/null ||
	die "make install failed"
make -s --no-print-directory $GEN $FLOOR || die "the build of the generator failed"
# what make builds (build/bin) and installs, with the flags it was built with
BUILT_WITH=$(cat build/flags) || die "make left no build/flags"
case $BUILT_WITH in *VK_SELF_CHECK*) die "build/ carries the test builds' self-checks" ;; esac
for p in "$BIN"/vk-*; do
	cmp -s "$p" "build/bin/${p##*/}" || die "$p is not what make built (build/bin/${p##*/})"
done

TMPD=$(mktemp -d "${TMPDIR:-/tmp}/vk-bench.XXXXXX") || die "no temporary directory"
trap 'rm -rf "$TMPD"' EXIT
trap 'exit 130' INT TERM

rows_of() {
	case $1 in 1k) echo 1000 ;; 100k) echo 100000 ;; 1m) echo 1000000 ;; *) die "unknown scale $1" ;; esac
}

# ---- the data ----

for scale in $SCALES; do
	d=$DATA/$scale
	if [ -f "$d/.complete" ] && [ "$d/.complete" -nt "$GEN" ]; then
		continue
	fi
	echo "bench: generating $d ($(rows_of "$scale") stakeholders)" >&2
	rm -rf "$d" && mkdir -p "$d" || die "cannot create $d"
	"$GEN" "$(rows_of "$scale")" "$d" || die "the generator failed"
	touch "$d/.complete"
done

# ---- measuring ----

# measure IN OUT CMD...: runs CMD once under /usr/bin/time, stdin from IN and
# stdout to OUT; sets M_WALL, M_CPU (user + system, s), M_RSS (KiB), M_RC.
# With BARE=1 it runs CMD without /usr/bin/time (for start-up, where its
# own exec would count) and M_RSS is empty.
measure() {
	local in=$1 out=$2 start end TIMEFORMAT='%3U %3S'
	shift 2
	start=$EPOCHREALTIME
	if [ "${BARE:-0}" = 1 ]; then
		{ time "$@" <"$in" >"$out" 2>"$TMPD/err"; } 2>"$TMPD/time"
	else
		{ time /usr/bin/time -f %M -o "$TMPD/rss" "$@" <"$in" >"$out" 2>"$TMPD/err"; } 2>"$TMPD/time"
	fi
	M_RC=$?
	end=$EPOCHREALTIME
	M_WALL=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')
	M_CPU=$(awk '{ printf "%.3f", $1 + $2 }' "$TMPD/time")
	M_RSS=
	[ "${BARE:-0}" = 1 ] || M_RSS=$(tail -n 1 "$TMPD/rss")
	if [ "$M_RC" != 0 ]; then
		echo "bench: exit $M_RC from: $*" >&2
		sed -n '1,20p' "$TMPD/err" | sed 's/^/    /' >&2
		FAILURES="${FAILURES:-}  - \`$*\` exited $M_RC: $(head -n 3 "$TMPD/err" | tr '\n' ' ')"$'\n'
	fi
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
	if (NR == 0) { print "-"; exit }
	if (NR % 2) printf "%.4f\n", v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxof() { printf '%s\n' "$@" | sort -g | tail -n 1; }

ROWS_OUT=()	# job|scale|rows|runs|vk|ref|ratio|vkcpu|refcpu|vkrss|refrss
ALL_OR_NOTHING=()	# scale|rows|bad line|exit|wall|rss|store
LINEAR=()	# job|scale|rows|vk|ref|vkcpu|refcpu

# pair JOB SCALE ROWS REPS: runs vk_prep; VK_CMD and ref_prep; REF_CMD
# alternately REPS times each (the functions and arrays set by the caller).
pair() {
	local job=$1 scale=$2 rows=$3 reps=$4 i
	local vw=() vc=() vr=() rw=() rc=() rr=() vk_ok=1 ref_ok=1
	echo "bench: $job at $scale: $reps runs each (vk, ref, vk, ...)" >&2
	for ((i = 0; i < reps; i++)); do
		vk_prep
		measure "${VK_IN:-/dev/null}" /dev/null "${VK_CMD[@]}"
		[ "$M_RC" = 0 ] || vk_ok=0
		vw+=("$M_WALL"); vc+=("$M_CPU"); [ -n "$M_RSS" ] && vr+=("$M_RSS")
		ref_prep
		measure "${REF_IN:-/dev/null}" /dev/null "${REF_CMD[@]}"
		[ "$M_RC" = 0 ] || ref_ok=0
		rw+=("$M_WALL"); rc+=("$M_CPU"); [ -n "$M_RSS" ] && rr+=("$M_RSS")
	done
	if [ "${BARE:-0}" = 1 ]; then
		# peak memory from one more run each under /usr/bin/time
		BARE=0
		vk_prep; measure "${VK_IN:-/dev/null}" /dev/null "${VK_CMD[@]}"; vr+=("$M_RSS")
		ref_prep; measure "${REF_IN:-/dev/null}" /dev/null "${REF_CMD[@]}"; rr+=("$M_RSS")
		BARE=1
	fi
	local v r ratio
	v=$(median "${vw[@]}"); r=$(median "${rw[@]}")
	ratio=$(awk -v a="$v" -v b="$r" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
	[ $vk_ok = 1 ] || { v="FAIL"; ratio="-"; }
	[ $ref_ok = 1 ] || { r="FAIL"; ratio="-"; }
	local vcpu rcpu
	vcpu=$(median "${vc[@]}"); rcpu=$(median "${rc[@]}")
	ROWS_OUT+=("$job|$scale|$rows|$reps|$v|$r|$ratio|$vcpu|$rcpu|$(maxof "${vr[@]}")|$(maxof "${rr[@]}")")
	LINEAR+=("$job|$scale|$rows|$v|$r|$vcpu|$rcpu")
}

# setup LABEL SCALE CMD...: one timed run of a step that builds a store (no reference)
SETUP=()
setup() {
	local label=$1 scale=$2
	shift 2
	measure /dev/null /dev/null "$@"
	SETUP+=("$label|$scale|$M_WALL|$M_CPU|$M_RSS|$M_RC")
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)

for scale in $SCALES; do
	d=$DATA/$scale
	st=$STORES/$scale
	rows=$(rows_of "$scale")
	rm -rf "$st" && mkdir -p "$st" || die "cannot create $st"
	reps=$REPS
	[ "$scale" = 1m ] && reps=$REPS_SLOW

	# 1. import of the stakeholders into a fresh store
	cat >"$st/ref-import.sql" <<-EOF
	CREATE TABLE stakeholders (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "group" TEXT,
	  organisation TEXT, town TEXT, email TEXT, phone TEXT, roles TEXT, allocation INTEGER,
	  influence TEXT, interest TEXT, tags TEXT, notes TEXT);
	.import --csv --skip 1 $d/stakeholders.csv stakeholders
	EOF
	vk_prep() { rm -f "$st"/import-vk.db*; }
	ref_prep() { rm -f "$st"/import-ref.db*; }
	VK_CMD=("$BIN/vk-stakeholder" --db "$st/import-vk.db" import "$d/stakeholders.csv")
	REF_CMD=(sqlite3 "$st/import-ref.db"); REF_IN=$st/ref-import.sql
	pair "import stakeholders.csv" "$scale" "$rows" "$reps"
	REF_IN=
	for f in "$st"/import-vk.db*; do
		[ -e "$f" ] && mv "$f" "$st/vk.db${f#"$st"/import-vk.db}"
	done
	rm -f "$st"/import-ref.db*

	# 1b. the same import next to bench/floor: vk's writes alone (the row,
	# the town index, the history's runs of adds) in one thread, parsing the CSV
	# but checking and converting nothing, into an empty store vk made
	head -n 1 "$d/stakeholders.csv" >"$st/header.csv"
	vk_prep() { rm -f "$st"/import-vk.db*; }
	ref_prep() {
		rm -f "$st"/floor.db*
		"$BIN/vk-stakeholder" --db "$st/floor.db" import "$st/header.csv" 2>/dev/null ||
			die "cannot make an empty store for bench/floor"
	}
	REF_CMD=("$FLOOR" "$st/floor.db" "$d/stakeholders.csv")
	pair "import vs its writes alone (floor)" "$scale" "$rows" "$reps"
	rm -f "$st"/import-vk.db* "$st"/floor.db* "$st/header.csv"

	# 2. export of the stakeholders as CSV, from the store vk imported
	vk_prep() { :; }; ref_prep() { :; }
	VK_CMD=("$BIN/vk-stakeholder" --db "$st/vk.db" export -o csv)
	REF_CMD=(sqlite3 -csv "$st/vk.db" 'SELECT id, name, "group", organisation, town, email, phone, roles, allocation, influence, interest, tags, notes, created, updated FROM stakeholders ORDER BY id')
	pair "export -o csv" "$scale" "$rows" "$REPS"

	# all or nothing: every row again and one bad row after the last; the
	# import must exit 65, name that row, and leave the store as it was
	bad=$TMPD/last-row-bad.csv
	cp "$d/stakeholders.csv" "$bad" || die "cannot copy $d/stakeholders.csv"
	bad_line=$(($(wc -l <"$bad") + 1))
	echo ',Sidste Række,borger,,Nuuk,,,,,,,,' >>"$bad"
	store_state() {
		sqlite3 "$st/vk.db" 'SELECT count(*), max(id), (SELECT count(*) FROM events),
			(SELECT max(id) FROM events), (SELECT group_concat(key || "=" || value) FROM meta) FROM stakeholders'
	}
	before=$(store_state)
	echo "bench: import of $rows rows and a bad last row at $scale: once" >&2
	start=$EPOCHREALTIME
	/usr/bin/time -f %M -o "$TMPD/rss" "$BIN/vk-stakeholder" --db "$st/vk.db" import "$bad" \
		>/dev/null 2>"$TMPD/err"
	rc=$?
	wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f", b - a }')
	after=$(store_state)
	verdict="✓"
	if [ "$rc" != 65 ] || [ "$after" != "$before" ] ||
	   ! grep -q "last-row-bad.csv:$bad_line: group: " "$TMPD/err"; then
		verdict="✗"
		FAILURES="${FAILURES:-}  - import with a bad last row at $scale: exit $rc, store $([ "$after" = "$before" ] && echo unchanged || echo CHANGED), $(head -n 2 "$TMPD/err" | tr '\n' ' ')"$'\n'
	fi
	ALL_OR_NOTHING+=("$scale|$((rows + 1))|$bad_line|$rc|$wall|$(tail -n 1 "$TMPD/rss")|$([ "$after" = "$before" ] && echo unchanged || echo changed) $verdict")
	rm -f "$bad"

	# the rest of the process, for the report (one run each, no reference)
	setup "engagement import" "$scale" "$BIN/vk-stakeholder" --db "$st/vk.db" engagement import "$d/engagements.csv"
	setup "input import" "$scale" "$BIN/vk-stakeholder" --db "$st/vk.db" input import "$d/inputs.csv"
	setup "milestone import" "$scale" "$BIN/vk-milestone" --db "$st/vk.db" import "$d/milestones.csv"
	setup "trial import" "$scale" "$BIN/vk-trial" --db "$st/vk.db" import "$d/trials.csv"
	setup "learning import" "$scale" "$BIN/vk-trial" --db "$st/vk.db" learning import "$d/learnings.csv"

	# 3. the weekly report on the whole store (1M: the target is < 1 s)
	if [ "$scale" = 1m ]; then
		VK_CMD=("$BIN/vk-report" --db "$st/vk.db" weekly --week 2020-W26)
		REF_CMD=(sqlite3 "$st/vk.db"); REF_IN=bench/weekly.sql
		pair "weekly (store)" "$scale" "$rows" "$REPS"
		REF_IN=

		# 4. the weekly report over a stream of every record vs jq picking the stakeholders
		VK_CMD=("$BIN/vk-report" weekly --input "$d/all.jsonl" --week 2020-W26)
		REF_CMD=(jq -c 'select(.type=="stakeholder")' "$d/all.jsonl")
		pair "weekly --input all.jsonl" "$scale" "$(wc -l <"$d/all.jsonl")" "$REPS_SLOW"
	fi

	# 5. start-up: the smallest query on the small store
	if [ "$scale" = 1k ]; then
		VK_CMD=("$BIN/vk-stakeholder" --db "$st/vk.db" list --limit 1)
		REF_CMD=(sqlite3 "$st/vk.db" 'SELECT * FROM stakeholders LIMIT 1')
		BARE=1
		pair "start-up: list --limit 1" "$scale" "$rows" "$REPS_STARTUP"
		BARE=0
	fi
done

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the report ----

mib() { if [ -n "$1" ] && [ "$1" != - ]; then awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; else echo -; fi; }
memmark() {
	if [ -z "$1" ] || [ "$1" = - ]; then echo -; elif [ "$1" -lt $MEM_LIMIT_KIB ]; then echo "✓"; else echo "✗"; fi
}
per_row() { awk -v t="$1" -v n="$2" 'BEGIN { if (t + 0 > 0) printf "%.2f", t * 1e6 / n; else print "-" }'; }

# the three tables, as lines of cells joined with |, the header first
T_SETUP=("step|scale|s|CPU s|peak MiB|exit")
for r in "${SETUP[@]}"; do
	IFS='|' read -r label scale wall cpu rss rc <<<"$r"
	T_SETUP+=("$label|$scale|$wall|$cpu|$(mib "$rss")|$rc")
done
T_LINEAR=("job|scale|rows|vk µs/row|ref µs/row|vk CPU µs/row|ref CPU µs/row|vk µs/row vs previous scale")
prev_job='' prev=''
for job in "import stakeholders.csv" "import vs its writes alone (floor)" "export -o csv"; do
	for r in "${LINEAR[@]}"; do
		IFS='|' read -r j scale rows v ref vcpu rcpu <<<"$r"
		[ "$j" = "$job" ] || continue
		vu=$(per_row "$v" "$rows")
		growth=-
		if [ "$job" = "$prev_job" ]; then
			growth=$(awk -v a="$vu" -v b="$prev" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "×%.2f", a / b; else print "-" }')
		fi
		T_LINEAR+=("$job|$scale|$rows|$vu|$(per_row "$ref" "$rows")|$(per_row "$vcpu" "$rows")|$(per_row "$rcpu" "$rows")|$growth")
		prev_job=$job prev=$vu
	done
done
T_ALL=("scale|rows|bad row's line|exit|s|peak MiB|the store")
for r in "${ALL_OR_NOTHING[@]}"; do
	IFS='|' read -r scale rows line rc wall rss store <<<"$r"
	T_ALL+=("$scale|$rows|$line|$rc|$wall|$(mib "$rss")|$store")
done
T_RESULTS=("job|scale|rows|runs|vk s|ref s|vk/ref|vk CPU s|ref CPU s|vk peak MiB|ref peak MiB")
for r in "${ROWS_OUT[@]}"; do
	IFS='|' read -r job scale rows runs v ref ratio vc rc vr rr <<<"$r"
	T_RESULTS+=("$job|$scale|$rows|$runs|$v|$ref|$ratio|$vc|$rc|$(mib "$vr") $(memmark "$vr")|$(mib "$rr")")
done

# markdown: the first two columns left, the others right
markdown() {
	printf '%s\n' "$@" | awk -F'|' '{ line = "|"; for (i = 1; i <= NF; i++) line = line " " $i " |"; print line
		if (NR == 1) { line = "|"; for (i = 1; i <= NF; i++) line = line (i <= 2 ? "---|" : "---:|"); print line } }'
}
# text: aligned columns (widths in characters, not bytes)
aligned() {
	printf '%s\n' "$@" | awk -F'|' '
	function width(s) { return length(s) - gsub(/[\200-\277]/, "", s) }
	{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; w = width($i); len[NR, i] = w; if (w > wd[i]) wd[i] = w }
	  if (NF > cols) cols = NF }
	END { for (r = 1; r <= NR; r++) { line = "  "
		for (i = 1; i <= cols; i++) { pad = ""; for (k = len[r, i]; k < wd[i]; k++) pad = pad " "
			line = line (i <= 2 ? cell[r, i] pad : pad cell[r, i]) (i < cols ? "  " : "") }
		print line
		if (r == 1) { line = "  "; for (i = 1; i <= cols; i++) { for (k = 0; k < wd[i]; k++) line = line "-"; if (i < cols) line = line "  " }
			print line } } }'
}

HEAD="Started $STARTED on $(uname -srm), $(nproc) CPUs; load average $LOAD_BEFORE before, $LOAD_AFTER after.
vk $(git rev-parse --short HEAD 2>/dev/null || echo '?')$([ -n "$(git status --porcelain -- lib bin Makefile 2>/dev/null)" ] && echo ' with changes in lib/, bin/ or Makefile') (sources md5 $SOURCES), as make install installs it ($PREFIX_DIR/bin), built: $BUILT_WITH
sqlite3 $(sqlite3 --version | cut -d' ' -f1), $(jq --version).
VK_TODAY=$VK_TODAY, VK_LOCK_TIMEOUT=$VK_LOCK_TIMEOUT; stores in $STORES, data in $DATA.
Times: the median wall-clock seconds of the runs (vk and reference alternating); CPU: user + system.
Peak: the largest maximum RSS of the runs (GNU time %M), ✓ under 64 MiB, ✗ over.
Start-up is timed without /usr/bin/time (its own exec would count); its peak from one more run.
References: import: sqlite3 CREATE TABLE (the same columns) and .import --csv --skip 1; and bench/floor,
vk's writes alone (row, town index, the history's runs of adds; the CSV parsed with libcsv, nothing checked) into an empty vk store;
export: sqlite3 -csv SELECT of the same 15 columns from vk's store; weekly (store): sqlite3 STORE < bench/weekly.sql;
weekly --input: jq -c 'select(.type==\"stakeholder\")' all.jsonl; start-up: sqlite3 STORE 'SELECT * FROM stakeholders LIMIT 1'."

{
	echo "# vk benchmark"
	echo
	printf '%s\n' "$HEAD" | sed 's/$/  /'
	echo
	echo "## Setup of the stores for the report (one run each, no reference)"
	echo
	markdown "${T_SETUP[@]}"
	echo
	echo "## Cost per row (median wall and CPU time / rows)"
	echo
	markdown "${T_LINEAR[@]}"
	echo
	echo "## All or nothing: an import whose last row is bad writes nothing"
	echo
	markdown "${T_ALL[@]}"
	if [ -n "${FAILURES:-}" ]; then
		echo
		echo "## Failures"
		echo
		printf '%s' "$FAILURES"
	fi
	echo
	echo "## Results"
	echo
	markdown "${T_RESULTS[@]}"
} >"$RESULTS"

echo
printf '%s\n' "$HEAD"
echo
echo "Setup of the stores for the report (one run each, no reference):"
aligned "${T_SETUP[@]}"
echo
echo "Cost per row (median wall and CPU time / rows):"
aligned "${T_LINEAR[@]}"
echo
echo "All or nothing: an import whose last row is bad writes nothing:"
aligned "${T_ALL[@]}"
if [ -n "${FAILURES:-}" ]; then
	echo
	echo "Failures:"
	printf '%s' "$FAILURES"
fi
echo
echo "Results (also in $RESULTS):"
aligned "${T_RESULTS[@]}"
[ -z "${FAILURES:-}" ]
