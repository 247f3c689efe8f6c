#!/bin/sh
# examples/demo.sh BINDIR: imports the example process into a fresh
# database and prints what the programs show. Run by `make demo`.
set -eu
bin=$(cd "${1:-build/bin}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
PATH="$bin:$PATH"
export VK_TODAY=2020-06-26
dir=$(mktemp -d "${TMPDIR:-/tmp}/vk-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
export VK_DB="$dir/vk.db"

vk-stakeholder import "$here/stakeholders.csv" 2>/dev/null
vk-stakeholder engagement import "$here/engagements.csv"
vk-stakeholder input import "$here/inputs.csv"
for tool in vk-trial vk-milestone; do
	command -v "$tool" >/dev/null || continue
	noun=${tool#vk-}
	[ -f "$here/${noun}s.csv" ] && "$tool" import "$here/${noun}s.csv"
done
[ -f "$here/learnings.csv" ] && command -v vk-trial >/dev/null &&
	vk-trial learning import "$here/learnings.csv"

if command -v vk-report >/dev/null; then
	vk-report weekly --week 2020-W26
	exit 0
fi

echo "== The example process, as of $VK_TODAY =="
echo
echo "-- The steering group (vk-stakeholder list --role steering)"
vk-stakeholder list --role steering -o table
echo
echo "-- Citizens in Paamiut (vk-stakeholder list --group citizen --town Paamiut)"
vk-stakeholder list --group citizen --town Paamiut -o table
echo
echo "-- Engagements of the first gathering, weeks 11 and 12 (vk-stakeholder engagements --since 2020-W11 --until 2020-W12)"
vk-stakeholder engagements --since 2020-W11 --until 2020-W12 -o table
echo
echo "-- What was said about children and young people (vk-stakeholder inputs --theme 'børn og unge' --limit 5)"
vk-stakeholder inputs --theme 'børn og unge' --limit 5 -o table
echo
echo "-- One stakeholder with the engagements and inputs linked to them (vk-stakeholder show 3)"
vk-stakeholder show 3 -o table
