#!/bin/bash
# scripts/ab.sh OLD NEW [RUNS]: times two installed builds of vk against
# each other, alternating (old, new, old, ...) so that the machine's
# changes of pace fall on both: the 1M import of `make bench`'s data into
# a fresh store, its export as CSV, and the weekly on the 1M store that
# `make bench` left. OLD and NEW are install prefixes (make PREFIX=DIR
# install). Prints one line a run: job, build, seconds. Run `make bench`
# once first, for the data and the store.
set -eu
[ $# -ge 2 ] || { echo "usage: scripts/ab.sh OLD-PREFIX NEW-PREFIX [RUNS]" >&2; exit 2; }
old=$1 new=$2 runs=${3:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/build/bench/data/1m
store=$root/build/bench/stores/1m/vk.db
[ -f "$data/stakeholders.csv" ] && [ -f "$store" ] || { echo "scripts/ab.sh: run make bench first" >&2; exit 66; }
export VK_TODAY=2020-06-26 VK_LOCK_TIMEOUT=30
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vk-ab.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# seconds COMMAND...: runs it (its output thrown away) and prints the
# wall-clock seconds it took
seconds() {
	local s e
	s=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	e=$(date +%s.%N)
	echo "$e - $s" | bc
}

for _ in $(seq "$runs"); do
	for b in old new; do
		prefix=$old
		[ "$b" = new ] && prefix=$new
		rm -f "$tmp/$b.db"
		echo "import $b $(VK_DB=$tmp/$b.db seconds "$prefix/bin/vk-stakeholder" import "$data/stakeholders.csv")"
		echo "export $b $(VK_DB=$tmp/$b.db seconds "$prefix/bin/vk-stakeholder" export -o csv)"
		echo "weekly $b $(VK_DB=$store seconds "$prefix/bin/vk-report" weekly)"
	done
done
