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
vk-milestone import "$here/milestones.csv"
# the second gathering moved a week: the history keeps the move and its reason
vk-milestone move 8 2020-06-19 --reason "Kommunalbestyrelsens junimøde blev flyttet en uge"
vk-milestone set 8 --start 2020-06-15
vk-milestone done 8 --date 2020-06-19
vk-trial import "$here/trials.csv"
vk-trial learning import "$here/learnings.csv"
# the goals model: the four themes declared, goals with their 2019
# baselines, the yearly measurements, and the goals the trials serve
if command -v vk-goal >/dev/null; then
	vk-goal theme import "$here/themes.csv"
	vk-goal import "$here/goals.csv"
	vk-goal measurement import "$here/measurements.csv"
	vk-trial import "$here/trial_goals.csv"
fi

if command -v vk-report >/dev/null; then
	vk-report weekly --week 2020-W26
	if command -v vk-goal >/dev/null; then
		echo
		vk-report barometer
	fi
	echo
	echo "-- Who has not been heard since May (vk-stakeholder list --not-heard --since 2020-05-01)"
	vk-stakeholder list --not-heard --since 2020-05-01 -o table
	echo
	echo "-- Engagements without citizens (vk-stakeholder engagements --without citizen)"
	vk-stakeholder engagements --without citizen -o table
	echo
	vk-report coverage --since 2020-05 --until 2020-06
	echo
	echo "-- The steering group's next meetings at their hour, in the calendar in UTC from Nuuk's time (TZ=America/Nuuk vk-milestone ics --kind decision --status planned --limit 2)"
	TZ=America/Nuuk vk-milestone ics --kind decision --status planned --limit 2 |
		grep -E '^(DTSTART|DTEND|SUMMARY)'
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
echo
echo "-- Trials past their end date and not finished (vk-trial list --late)"
vk-trial list --late -o table
echo
echo "-- Proposals waiting for the steering group (vk-trial list --status proposed)"
vk-trial list --status proposed -o table
echo
echo "-- Overdue milestones, and what is due in the next three weeks (vk-milestone list --overdue; --upcoming 3w)"
vk-milestone list --overdue -o table
vk-milestone list --upcoming 3w -o table
echo
echo "-- The moved milestone, with its slip and the reason (vk-milestone show 8)"
vk-milestone show 8 -o table
