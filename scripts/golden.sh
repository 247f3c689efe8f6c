#!/bin/sh
# scripts/golden.sh BINDIR OUTDIR: builds the example process (examples/)
# with the programs in BINDIR and writes what every program, verb and
# format prints of it into OUTDIR, one file a command. Two builds are
# compared by diffing their OUTDIRs (diff -r): a refactor that changes
# nothing a user sees leaves no difference.
#
# Timestamps of the moment a record was made are replaced by
# <TIMESTAMP>, the calendar's DTSTAMP by <NOW>, the store's random id in
# its UIDs by <STORE>, and the temporary directory by <DIR>: they differ
# from run to run and say nothing of the build.
set -eu
[ $# -eq 2 ] || { echo "usage: scripts/golden.sh BINDIR OUTDIR" >&2; exit 2; }
bin=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")/../examples" && pwd)
PATH="$bin:$PATH"
export VK_TODAY=2020-06-26 USER=coordinator LC_ALL=C.UTF-8 COLUMNS=120
unset VK_LANG VK_ORGANIZER VK_LOCK_TIMEOUT
dir=$(mktemp -d "${TMPDIR:-/tmp}/vk-golden.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
export VK_DB="$dir/vk.db"
n=0

# run NAME COMMAND...: the command's stdout, stderr and exit status
run() {
	name=$1
	shift
	n=$((n + 1))
	status=0
	"$@" > "$dir/stdout" 2> "$dir/stderr" || status=$?
	{
		echo "\$ $*"
		echo "-- exit $status"
		cat "$dir/stdout"
		echo "-- stderr"
		cat "$dir/stderr"
	} | sed -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z/<TIMESTAMP>/g' \
 \
		-e 's/^DTSTAMP:[0-9TZ]*/DTSTAMP:<NOW>/' -e 's/^\(UID:vk-[a-z]*-[0-9]*-\)[0-9a-f]*/\1<STORE>/' \
		-e "s|$dir|<DIR>|g" > "$out/$(printf %03d "$n")-$name"
}

run import-stakeholders vk-stakeholder import "$here/stakeholders.csv"
run import-engagements vk-stakeholder engagement import "$here/engagements.csv"
run import-inputs vk-stakeholder input import "$here/inputs.csv"
run import-milestones vk-milestone import "$here/milestones.csv"
run move vk-milestone move 8 2020-06-19 --reason "Kommunalbestyrelsens junimøde blev flyttet en uge"
run set vk-milestone set 8 --start 2020-06-15
run done vk-milestone done 8 --date 2020-06-19
run import-trials vk-trial import "$here/trials.csv"
run import-learnings vk-trial learning import "$here/learnings.csv"

for f in table csv tsv json jsonl; do
	run "stakeholder-list-$f" vk-stakeholder list -o "$f"
	run "stakeholder-list-filtered-$f" vk-stakeholder list --group citizen,employee --sort name -o "$f"
	run "stakeholder-show-$f" vk-stakeholder show 3 -o "$f"
	run "stakeholder-export-$f" vk-stakeholder export -o "$f"
	run "stakeholder-log-$f" vk-stakeholder log -o "$f"
	run "engagements-$f" vk-stakeholder engagements -o "$f"
	run "engagement-show-$f" vk-stakeholder engagement show 1 -o "$f"
	run "inputs-$f" vk-stakeholder inputs --theme 'børn og unge' -o "$f"
	run "input-export-$f" vk-stakeholder input export -o "$f"
	run "trial-list-$f" vk-trial list -o "$f"
	run "trial-list-sorted-$f" vk-trial list --sort -end --limit 7 -o "$f"
	run "trial-show-$f" vk-trial show 2 -o "$f"
	run "trial-export-$f" vk-trial export -o "$f"
	run "trial-log-$f" vk-trial log -o "$f"
	run "learnings-$f" vk-trial learnings -o "$f"
	run "milestone-list-$f" vk-milestone list -o "$f"
	run "milestone-overdue-$f" vk-milestone list --overdue -o "$f"
	run "milestone-upcoming-$f" vk-milestone list --upcoming 3w -o "$f"
	run "milestone-show-$f" vk-milestone show 8 -o "$f"
	run "milestone-export-$f" vk-milestone export -o "$f"
	run "milestone-log-$f" vk-milestone log -o "$f"
done
run stakeholder-excel vk-stakeholder export -o csv --excel
run milestone-ics vk-milestone ics
for r in weekly coverage grid themes trials timeline; do
	for f in text markdown html json svg; do
		# not every report has every format: the refusal is output too
		run "report-$r-$f" vk-report "$r" -o "$f"
	done
done
run report-weekly-w12 vk-report weekly --week 2020-W12
vk-trial export -o jsonl > "$dir/trials.jsonl"
vk-milestone export -o jsonl >> "$dir/trials.jsonl"
run report-weekly-input vk-report weekly --input "$dir/trials.jsonl"
for p in vk-stakeholder vk-trial vk-milestone vk-report; do
	run "$p-help" "$p" --help
done
for v in add show list set rm import export log forget engage engagements inputs; do
	run "stakeholder-$v-help" vk-stakeholder "$v" --help
done
for v in add list move learn learnings; do
	run "trial-$v-help" vk-trial "$v" --help
done
for v in add list done move ics; do
	run "milestone-$v-help" vk-milestone "$v" --help
done
for r in weekly coverage grid themes trials timeline; do
	run "report-$r-help" vk-report "$r" --help
done
# errors are output too
run bad-option vk-stakeholder list --grup citizen
run bad-value vk-trial list --status flying
run bad-move vk-trial move 1 flying
run missing vk-milestone show 999
printf 'name,group\nÅse Nørgaard,citizen\n"",pensioner\n' > "$dir/bad.csv"
run bad-import vk-stakeholder import "$dir/bad.csv"
run rm-dry vk-stakeholder engagement rm 1 --dry-run
run forget vk-stakeholder forget 3
run after-forget vk-stakeholder show 3 -o json
# the goals model, after everything above so that those outputs read as
# they did before goals existed
run import-themes vk-goal theme import "$here/themes.csv"
run import-goals vk-goal import "$here/goals.csv"
run import-measurements vk-goal measurement import "$here/measurements.csv"
run import-trial-goals vk-trial import "$here/trial_goals.csv"
for f in text markdown html json csv tsv jsonl svg; do
	run "report-barometer-$f" vk-report barometer -o "$f"
done
run report-barometer-theme vk-report barometer --theme 'BØRN OG UNGE' -o json
run report-barometer-as-of vk-report barometer --as-of 2019-12-31
run report-weekly-goals vk-report weekly
run report-weekly-goals-json vk-report weekly -o json
run report-trials-goals vk-report trials
vk-goal themes -o jsonl > "$dir/goals.jsonl"
vk-goal list -o jsonl >> "$dir/goals.jsonl"
vk-goal measurements -o jsonl >> "$dir/goals.jsonl"
run report-barometer-input vk-report barometer --input "$dir/goals.jsonl"
run report-barometer-help vk-report barometer --help
echo "golden: $n outputs in $out" >&2
