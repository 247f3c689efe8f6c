#!/usr/bin/env bats
# vk-milestone: the timeline of the process, every verb and option: week
# and month windows, the baseline and the slip, moves with their reasons,
# depends (unknown ids, cycles, order), the filters of list, done, rm,
# import and export, the history. The calendar (ics) is in ics.bats.

load helpers

KINDS='gathering, workshop, seminar, decision, deliverable, round, report, other'

# add_timeline: the timeline most tests start from, over the register of
# add_people (owners are stakeholder ids 1-6). Today is 2020-06-26.
#  id kind         start       due         status     owner  depends
#   1 deliverable  2020-01-06  2020-02-21  done 02-20  2      -
#   2 seminar      -           2020-02-24  done 02-24  1      1
#   3 gathering    2020-03-09  2020-03-22  done 03-20  2      2      (2020-W11 to 2020-W12)
#   4 round        2020-04-01  2020-05-31  done 06-09  4      3      (2020-04 to 2020-05)
#   5 gathering    2020-06-08  2020-06-14  planned     2      4      overdue
#   6 decision     -           2020-06-30  planned     1      5      upcoming
#   7 report       2020-06-22  2020-07-10  planned     4      5      upcoming (day 14)
#   8 round        2020-08-01  2020-10-31  planned     4      6
#   9 gathering    -           2020-07-15  cancelled   3      -
#  10 decision     -           2020-12-10  planned     1      8
add_timeline() {
	vk-milestone add "Deskresearch og skitseoplæg" --kind deliverable \
		--start 2020-01-06 --due 2020-02-21 --status done --done 2020-02-20 \
		--owner 2 --place København \
		--deliverables "Eksisterende strategier samlet; skitse til grundfortællingen" \
		>/dev/null 2>&1
	vk-milestone add "Opstartsseminar med kommunalbestyrelsen" --kind seminar \
		--due 2020-02-24 --status done --done 2020-02-24 --owner 1 --place Nuuk \
		--depends 1 >/dev/null
	vk-milestone add "Første samling i Tasiilaq, Paamiut og Nuuk" --kind gathering \
		--start 2020-W11 --due 2020-W12 --status done --done 2020-03-20 --owner 2 \
		--place "Tasiilaq, Paamiut og Nuuk" --depends 2 \
		--notes $'Uge 11–12.\nWorkshoppen i Nuuk med højst 50 deltagere.' >/dev/null
	vk-milestone add "Første runde prøvehandlinger" --kind round \
		--start 2020-04 --due 2020-05 --status done --done 2020-06-09 --owner 4 \
		--depends 3 >/dev/null
	vk-milestone add "Anden samling" --kind gathering --start 2020-W24 --due 2020-W24 \
		--owner 2 --place Nuuk --depends 4 >/dev/null
	vk-milestone add "Styregruppemøde: status og anden runde" --kind decision \
		--due 2020-06-30 --owner 1 --place Nuuk --depends 5 >/dev/null
	vk-milestone add "Opsamling fra anden samling" --kind report \
		--start 2020-06-22 --due 2020-07-10 --owner 4 --depends 5 >/dev/null
	vk-milestone add "Anden runde prøvehandlinger" --kind round \
		--start 2020-08 --due 2020-10 --owner 4 --depends 6 >/dev/null
	vk-milestone add "Borgermøde i Ittoqqortoormiit" --kind gathering \
		--due 2020-07-15 --status cancelled --owner 3 --place Ittoqqortoormiit \
		--notes "Aflyst: ingen flyforbindelse." >/dev/null
	vk-milestone add "Kommunalbestyrelsens godkendelse af grundfortællingen" \
		--kind decision --due 2020-12-10 --owner 1 --place Nuuk --depends 8 >/dev/null
}

# ---- add ----

@test "add prints only the new id; the first one says it created the database" {
	run --separate-stderr vk-milestone add "Opstartsseminar med kommunalbestyrelsen" --due 2020-02-24
	[ "$status" -eq 0 ] || fail_with "add failed"
	[ "$output" = 1 ]
	[ "$stderr" = "vk-milestone: created database $VK_DB" ]
	run --separate-stderr vk-milestone add "Første samling i Tasiilaq, Paamiut og Nuuk" --due 2020-03-20
	[ "$status" -eq 0 ]
	[ "$output" = 2 ]
	[ "$stderr" = "" ]
}

@test "add sets every field; the baseline is the due date; status is planned by default" {
	add_people
	vk-milestone add "Første samling i Tasiilaq, Paamiut og Nuuk" --kind gathering \
		--start 2020-03-09 --due 2020-03-20 --owner 2 --place "Tasiilaq, Paamiut og Nuuk" \
		--deliverables "Interviews og workshops; udpegning af prøvehandlinger" \
		--notes $'Uge 11–12.\nHøjst 50 deltagere i Nuuk (covid-19).' 2>/dev/null
	run vk-milestone show 1 -o jsonl
	[ "$status" -eq 0 ]
	[ "$output" = '{"type":"milestone","id":1,"title":"Første samling i Tasiilaq, Paamiut og Nuuk","kind":"gathering","start":"2020-03-09","due":"2020-03-20","baseline":"2020-03-20","status":"planned","done":null,"owner":2,"place":"Tasiilaq, Paamiut og Nuuk","deliverables":"Interviews og workshops; udpegning af prøvehandlinger","depends":[],"notes":"Uge 11–12.\nHøjst 50 deltagere i Nuuk (covid-19).","time":null,"end_time":null,"slip":0,"moves":[],"milestones":[],"trials":[]}' ] ||
		fail_with "record 1"
	# the title may be given with --title instead of the argument
	run --separate-stderr vk-milestone add --title "Styregruppemøde: temaer og første runde" \
		--kind decision --due 2020-03-20 --status done --done 2020-03-20 --depends 1 --owner 1
	[ "$status" -eq 0 ] || fail_with "add --title"
	[ "$output" = 2 ]
	run vk-milestone list -o jsonl
	[ "$(printf '%s\n' "${lines[1]}")" = '{"type":"milestone","id":2,"title":"Styregruppemøde: temaer og første runde","kind":"decision","start":null,"due":"2020-03-20","baseline":"2020-03-20","status":"done","done":"2020-03-20","owner":1,"place":null,"deliverables":null,"depends":[1],"notes":null,"time":null,"end_time":null}' ] ||
		fail_with "record 2"
}

@test "add with a TITLE argument and --title as well exits 2 and writes nothing" {
	vk-milestone add "Anden samling" --due 2020-06-12 2>/dev/null
	before=$(db_digest)
	run --separate-stderr vk-milestone add "Anden samling" --title "Tredje samling" --due 2020-11-13
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	[ "$(db_digest)" = "$before" ]
}

@test "add reads a week as Monday to Sunday: 2020-W11 to 2020-W13 is 9 to 29 March 2020" {
	vk-milestone add "Første samling i Tasiilaq, Paamiut og Nuuk" --kind gathering \
		--start 2020-W11 --due 2020-W13 2>/dev/null
	run vk-milestone show 1 -o jsonl
	[[ "$output" == *'"start":"2020-03-09","due":"2020-03-29","baseline":"2020-03-29",'* ]] ||
		fail_with "week window"
	# one week: its Monday to its Sunday; a week across a new year
	vk-milestone add "Tredje samling" --start 2020-W46 --due 2020-W46 >/dev/null
	[[ "$(vk-milestone show 2 -o jsonl)" == *'"start":"2020-11-09","due":"2020-11-15",'* ]]
	vk-milestone add "Nytårsuge" --start 2020-W53 --due 2020-W53 >/dev/null
	[[ "$(vk-milestone show 3 -o jsonl)" == *'"start":"2020-12-28","due":"2021-01-03",'* ]]
}

@test "add reads a month as its first to its last day, February of a leap year too" {
	vk-milestone add "Første runde prøvehandlinger" --kind round --start 2020-04 --due 2020-05 2>/dev/null
	[[ "$(vk-milestone show 1 -o jsonl)" == *'"start":"2020-04-01","due":"2020-05-31","baseline":"2020-05-31",'* ]] ||
		fail_with "month window"
	vk-milestone add "Februar" --start 2020-02 --due 2020-02 >/dev/null
	[[ "$(vk-milestone show 2 -o jsonl)" == *'"start":"2020-02-01","due":"2020-02-29",'* ]]
	vk-milestone add "Februar 2021" --start 2021-02 --due 2021-02 >/dev/null
	[[ "$(vk-milestone show 3 -o jsonl)" == *'"start":"2021-02-01","due":"2021-02-28",'* ]]
	# relative dates are read from VK_TODAY (2020-06-26)
	vk-milestone add "Om to uger" --start today --due +2w >/dev/null
	[[ "$(vk-milestone show 4 -o jsonl)" == *'"start":"2020-06-26","due":"2020-07-10",'* ]]
}

@test "add with start after due exits 65 naming both, and writes nothing" {
	vk-milestone add "Anden samling" --due 2020-06-12 2>/dev/null
	before=$(db_digest)
	run --separate-stderr vk-milestone add "Omvendt" --start 2020-W14 --due 2020-W13
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-milestone: start: 2020-03-30 is after due 2020-03-29" ]
	run --separate-stderr vk-milestone add "Omvendt" --start 2020-07-01 --due 2020-06-30
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
	# one day is a window too
	run vk-milestone add "Én dag" --start 2020-06-30 --due 2020-06-30
	[ "$status" -eq 0 ]
}

@test "add without --due exits 2; a bad date exits 65 quoting it; --baseline cannot be given" {
	vk-milestone add "Anden samling" --due 2020-06-12 2>/dev/null
	before=$(db_digest)
	run --separate-stderr vk-milestone add "Tredje samling"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-milestone: --due is required"* ]] || fail_with "message"
	run --separate-stderr vk-milestone add "Tredje samling" --due 2020-13-01
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'"2020-13-01" is not a date'* ]] || fail_with "date message"
	[[ "$stderr" == *"YYYY-Www"* ]]
	run --separate-stderr vk-milestone add "Tredje samling" --due "næste uge"
	[ "$status" -eq 65 ]
	run --separate-stderr vk-milestone add "Tredje samling" --due 2020-11-13 --baseline 2020-10-01
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-milestone: unknown option '--baseline'"* ]]
	run --separate-stderr vk-milestone add --due 2020-11-13
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

@test "add with a kind or status outside the vocabulary exits 65 listing the allowed ones" {
	vk-milestone add "Anden samling" --due 2020-06-12 2>/dev/null
	before=$(db_digest)
	run --separate-stderr vk-milestone add "Møde" --due 2020-06-30 --kind møde
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-milestone: kind: \"møde\" is not a milestone kind; use one of: $KINDS" ]
	run --separate-stderr vk-milestone add "Møde" --due 2020-06-30 --status halvvejs
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-milestone: status: "halvvejs" is not a milestone status; use one of: planned, done, cancelled' ]
	[ "$(db_digest)" = "$before" ]
	# matched ignoring case, stored in lower case
	vk-milestone add "Møde" --due 2020-06-30 --kind Decision --status PLANNED >/dev/null
	[[ "$(vk-milestone show 2 -o jsonl)" == *'"kind":"decision",'*'"status":"planned",'* ]]
}

@test "add --status done needs --done, and --done needs status done (exit 65)" {
	vk-milestone add "Anden samling" --due 2020-06-12 2>/dev/null
	before=$(db_digest)
	run --separate-stderr vk-milestone add "Deskresearch" --due 2020-02-21 --status done
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-milestone: done: a milestone that is done needs its done date" ]
	run --separate-stderr vk-milestone add "Deskresearch" --due 2020-02-21 --done 2020-02-20
	[ "$status" -eq 65 ]
	[[ "$stderr" == "vk-milestone: done: "* ]]
	[ "$(db_digest)" = "$before" ]
}

@test "add with an owner who is not in the register exits 65 and writes nothing" {
	add_people
	vk-milestone add "Anden samling" --due 2020-06-12 --owner 2 2>/dev/null
	before=$(db_digest)
	run --separate-stderr vk-milestone add "Tredje samling" --due 2020-11-13 --owner 7
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-milestone: owner: there is no stakeholder 7" ]
	run --separate-stderr vk-milestone add "Tredje samling" --due 2020-11-13 --owner Aviaja
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
}

@test "add --depends takes repeated and comma-joined ids; an unknown id exits 65" {
	vk-milestone add "Deskresearch og skitseoplæg" --due 2020-02-21 2>/dev/null
	vk-milestone add "Opstartsseminar med kommunalbestyrelsen" --due 2020-02-24 >/dev/null
	vk-milestone add "Første samling" --due 2020-03-20 --depends 1,2 >/dev/null
	vk-milestone add "Styregruppemøde" --due 2020-03-20 --depends 2 --depends 3 >/dev/null
	[[ "$(vk-milestone show 3 -o jsonl)" == *'"depends":[1,2],'* ]]
	[[ "$(vk-milestone show 4 -o jsonl)" == *'"depends":[2,3],'* ]]
	before=$(db_digest)
	run --separate-stderr vk-milestone add "Anden samling" --due 2020-06-12 --depends 3,9
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-milestone: depends: there is no milestone 9" ]
	run --separate-stderr vk-milestone add "Anden samling" --due 2020-06-12 --depends x
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
}

@test "add due before a milestone it depends on warns on stderr and adds it (exit 0)" {
	vk-milestone add "Anden samling" --start 2020-W24 --due 2020-W24 2>/dev/null
	run --separate-stderr vk-milestone add "Midtvejsrapport til kommunalbestyrelsen" \
		--due 2020-06-12 --depends 1
	[ "$status" -eq 0 ]
	[ "$output" = 2 ]
	[ "$stderr" = 'vk-milestone: warning: "Midtvejsrapport til kommunalbestyrelsen" is due 2020-06-12, before milestone 1 (due 2020-06-14) it depends on' ] ||
		fail_with "warning"
	[[ "$(vk-milestone show 2 -o jsonl)" == *'"due":"2020-06-12",'*'"depends":[1],'* ]]
	# the same day, or after, is no warning
	run --separate-stderr vk-milestone add "Opsamling" --due 2020-06-14 --depends 1
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
}

# ---- show ----

@test "show -o table prints the fields, the slip in days and the moves with their reasons" {
	add_people
	add_timeline
	vk-milestone move 5 2020-W25 --reason "Kommunalbestyrelsens junimøde blev flyttet en uge"
	vk-milestone move 5 2020-06-26 --reason "Fly aflyst; ny dato, aftalt med Tasiilaq"
	run vk-milestone show 5 -o table
	[ "$status" -eq 0 ]
	[[ "$output" == "id:           5
title:        Anden samling
kind:         gathering
start:        2020-06-08
due:          2020-06-26
baseline:     2020-06-14
status:       planned
done:
owner:        2
place:        Nuuk
deliverables:
depends:      4
notes:"* ]] || fail_with "fields"
	printf '%s\n' "$output" | grep -Eq '^slip: +12$' || fail_with "slip"
	[ "$(printf '%s\n' "$output" | grep -c '  vk-test  2020-06-14  2020-06-21  Kommunalbestyrelsens junimøde blev flyttet en uge$')" = 1 ] ||
		fail_with "first move"
	[ "$(printf '%s\n' "$output" | grep -c '  vk-test  2020-06-21  2020-06-26  Fly aflyst; ny dato, aftalt med Tasiilaq$')" = 1 ] ||
		fail_with "second move"
	# the milestones that depend on it are linked
	[[ "$output" == *"milestone 6: Styregruppemøde: status og anden runde"* ]]
	[[ "$output" == *"milestone 7: Opsamling fra anden samling"* ]]
}

@test "show -o json is one object with slip, moves and the linked records under plural keys" {
	add_people
	add_timeline
	vk-milestone move 5 2020-W25 --reason "Kommunalbestyrelsens junimøde blev flyttet en uge"
	vk-trial add "Åben skole-dag i Paamiut" --milestone 5 >/dev/null
	run vk-milestone show 5 -o json
	[ "$status" -eq 0 ]
	[ "$(count_lines "$output")" = 1 ]
	[[ "$output" == '{"type":"milestone","id":5,"title":"Anden samling","kind":"gathering","start":"2020-06-08","due":"2020-06-21","baseline":"2020-06-14","status":"planned","done":null,"owner":2,"place":"Nuuk","deliverables":null,"depends":[4],"notes":null,"time":null,"end_time":null,"slip":7,"moves":[{"at":"'* ]] ||
		fail_with "record"
	[[ "$(printf '%s' "$output" | norm_ts)" == *'"moves":[{"at":"TS","user":"vk-test","from":"2020-06-14","to":"2020-06-21","reason":"Kommunalbestyrelsens junimøde blev flyttet en uge"'*'}],'* ]] ||
		fail_with "moves"
	[[ "$output" == *'"trials":[{"type":"trial","id":1,"title":"Åben skole-dag i Paamiut",'* ]] || fail_with "trials"
	[[ "$output" == *'"milestones":[{"type":"milestone","id":6,'*'{"type":"milestone","id":7,'* ]] || fail_with "dependents"
	# a milestone never moved: slip 0, no moves; the plural keys are always there
	run vk-milestone show 10 -o json
	[[ "$output" == *'"slip":0,"moves":[],"milestones":[],"trials":[]}' ]] || fail_with "unmoved"
	# a move earlier than the baseline is a negative slip
	vk-milestone move 8 2020-09-30 --reason "Runden afsluttes før efterårsferien"
	[[ "$(vk-milestone show 8 -o json)" == *'"baseline":"2020-10-31",'*'"slip":-31,'* ]] || fail_with "negative slip"
}

@test "show -o csv prints the record alone; show of a missing id exits 1, a bad id 2" {
	add_people
	add_timeline
	run vk-milestone show 3 -o csv
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = $'id,title,kind,start,due,baseline,status,done,owner,place,deliverables,depends,notes,time,end_time\r' ]
	[[ "$output" == *$'\r\n3,"Første samling i Tasiilaq, Paamiut og Nuuk",gathering,2020-03-09,2020-03-22,2020-03-22,done,2020-03-20,2,"Tasiilaq, Paamiut og Nuuk",,2,"Uge 11–12.\nWorkshoppen i Nuuk med højst 50 deltagere.",,\r' ]] ||
		fail_with "csv row"
	run --separate-stderr vk-milestone show 99
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-milestone: no milestone 99" ]
	run --separate-stderr vk-milestone show samling
	[ "$status" -eq 2 ]
	run --separate-stderr vk-milestone show
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-milestone: missing the ID"* ]]
}

# ---- list ----

@test "list filters by --status, --kind and --owner" {
	add_people
	add_timeline
	[ "$(vk-milestone list | ids)" = "1 2 3 4 5 6 7 8 9 10" ]
	[ "$(vk-milestone list --status done | ids)" = "1 2 3 4" ]
	[ "$(vk-milestone list --status planned | ids)" = "5 6 7 8 10" ]
	[ "$(vk-milestone list --status cancelled | ids)" = "9" ]
	[ "$(vk-milestone list --kind gathering | ids)" = "3 5 9" ]
	[ "$(vk-milestone list --kind decision | ids)" = "6 10" ]
	[ "$(vk-milestone list --kind workshop | ids)" = "" ]
	[ "$(vk-milestone list --owner 1 | ids)" = "2 6 10" ]
	[ "$(vk-milestone list --owner 4 | ids)" = "4 7 8" ]
	[ "$(vk-milestone list --owner 5 | ids)" = "" ]
	# all filters must hold
	[ "$(vk-milestone list --kind gathering --status planned | ids)" = "5" ]
	[ "$(vk-milestone list --owner 2 --kind gathering | ids)" = "3 5" ]
}

@test "list filters by title (a part), place, deliverables, depends, start, due and done" {
	add_people
	add_timeline
	[ "$(vk-milestone list --title SAMLING | ids)" = "3 5 7" ]
	[ "$(vk-milestone list --title "prøvehandlinger" | ids)" = "4 8" ]
	[ "$(vk-milestone list --place Nuuk | ids)" = "2 5 6 10" ]
	[ "$(vk-milestone list --place "Tasiilaq, Paamiut og Nuuk" | ids)" = "3" ]
	[ "$(vk-milestone list --deliverables "Eksisterende strategier samlet; skitse til grundfortællingen" | ids)" = "1" ]
	[ "$(vk-milestone list --depends 5 | ids)" = "6 7" ]
	[ "$(vk-milestone list --start 2020-W11 | ids)" = "3" ]
	[ "$(vk-milestone list --due 2020-W12 | ids)" = "3" ]
	[ "$(vk-milestone list --due 2020-05 | ids)" = "4" ]
	[ "$(vk-milestone list --done 2020-06-09 | ids)" = "4" ]
	[ "$(vk-milestone list --notes "Aflyst: ingen flyforbindelse." | ids)" = "9" ]
}

@test "list with a bad filter value or date exits 65 naming the allowed values; an unknown option exits 2" {
	add_people
	add_timeline
	run --separate-stderr vk-milestone list --status igang
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == *'"igang" is not a milestone status; use one of: planned, done, cancelled'* ]] || fail_with "status"
	run --separate-stderr vk-milestone list --kind møde
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"\"møde\" is not a milestone kind; use one of: $KINDS"* ]] || fail_with "kind"
	run --separate-stderr vk-milestone list --bogus
	[ "$status" -eq 2 ]
	# a date in no accepted form is bad data too
	run --separate-stderr vk-milestone list --due-before "i morgen"
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == *'"i morgen" is not a date'* ]]
}

@test "list --overdue: due before today, neither done nor cancelled" {
	add_people
	add_timeline
	[ "$(vk-milestone list --overdue | ids)" = "5" ]
	# another today: a cancelled milestone (9) is never overdue, nor a done one
	[ "$(VK_TODAY=2020-07-20 vk-milestone list --overdue | ids)" = "5 6 7" ]
	[ "$(VK_TODAY=2020-06-14 vk-milestone list --overdue | ids)" = "" ]
	[ "$(VK_TODAY=2020-06-15 vk-milestone list --overdue | ids)" = "5" ]
	vk-milestone done 5 --date 2020-06-25
	[ "$(vk-milestone list --overdue | ids)" = "" ]
	# a milestone moved past today is no longer overdue
	[ "$(VK_TODAY=2020-07-20 vk-milestone list --overdue | ids)" = "6 7" ]
	VK_TODAY=2020-07-20 vk-milestone move 7 2020-08-14 --reason "Venter på referatet fra Tasiilaq"
	[ "$(VK_TODAY=2020-07-20 vk-milestone list --overdue | ids)" = "6" ]
}

@test "list --upcoming 14d and 2w: due from today to 14 days on, not done" {
	add_people
	add_timeline
	[ "$(vk-milestone list --upcoming 14d | ids)" = "6 7" ]
	[ "$(vk-milestone list --upcoming 2w | ids)" = "6 7" ]
	# day 14 (2020-07-10) is in, day 15 is not yet; today is in
	[ "$(vk-milestone list --upcoming 13d | ids)" = "6" ]
	[ "$(vk-milestone list --upcoming 1w | ids)" = "6" ]
	[ "$(VK_TODAY=2020-06-30 vk-milestone list --upcoming 0d | ids)" = "6" ]
	# overdue is not upcoming
	[ "$(VK_TODAY=2020-07-01 vk-milestone list --upcoming 13d | ids)" = "7" ]
	# done is not upcoming
	vk-milestone done 6
	[ "$(vk-milestone list --upcoming 14d | ids)" = "7" ]
	run --separate-stderr vk-milestone list --upcoming 14
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'"14" is not a span such as 14d or 2w'* ]] || fail_with "span"
	run --separate-stderr vk-milestone list --upcoming to-uger
	[ "$status" -eq 2 ]
}

@test "list --upcoming leaves out cancelled milestones, as the weekly does" {
	add_people
	add_timeline
	# 9 (cancelled) is due 2020-07-15, in the next three weeks, and is no more to come
	[ "$(vk-milestone list --upcoming 3w | ids)" = "6 7" ] || fail_with "$(vk-milestone list --upcoming 3w | ids)"
	[ "$(vk-milestone list --upcoming 3w --status cancelled | ids)" = "" ]
	[ "$(vk-report weekly -o json | perl -MJSON::PP -0777 -ne 'print join " ", map { $_->{id} } @{decode_json($_)->{milestones}{due}}')" = "6 7" ]
	# planned again, it is upcoming
	vk-milestone set 9 --status planned
	[ "$(vk-milestone list --upcoming 3w | ids)" = "6 7 9" ]
}

@test "list --between DATE DATE: due from the first to the second, weeks and months as windows" {
	add_people
	add_timeline
	[ "$(vk-milestone list --between 2020-06-01 2020-07-31 | ids)" = "5 6 7 9" ]
	[ "$(vk-milestone list --between 2020-06 2020-07 | ids)" = "5 6 7 9" ]
	# 2020-W24 is from Monday 8 June, 2020-W27 to Sunday 5 July
	[ "$(vk-milestone list --between 2020-W24 2020-W27 | ids)" = "5 6" ]
	# both ends are in
	[ "$(vk-milestone list --between 2020-03-22 2020-05-31 | ids)" = "3 4" ]
	[ "$(vk-milestone list --between 2020-03-23 2020-05-30 | ids)" = "" ]
	[ "$(vk-milestone list --between 2020-06 2020-07 --status planned | ids)" = "5 6 7" ]
	run --separate-stderr vk-milestone list --between 2020-06
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"'--between' needs two values (DATE DATE)"* ]] || fail_with "one value"
	run --separate-stderr vk-milestone list --between 2020-07 2020-06
	[ "$status" -eq 2 ]
	run --separate-stderr vk-milestone list --between 2020-06 juli
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'"juli" is not a date'* ]]
}

@test "list --due-before and --due-after are strict" {
	add_people
	add_timeline
	[ "$(vk-milestone list --due-before 2020-03-22 | ids)" = "1 2" ]
	[ "$(vk-milestone list --due-before 2020-03-23 | ids)" = "1 2 3" ]
	# a week before: before its Monday; after: after its Sunday
	[ "$(vk-milestone list --due-before 2020-W13 | ids)" = "1 2 3" ]
	[ "$(vk-milestone list --due-after 2020-10-31 | ids)" = "10" ]
	[ "$(vk-milestone list --due-after 2020-W27 | ids)" = "7 8 9 10" ]
	[ "$(vk-milestone list --due-after 2020-06 --due-before 2020-08 | ids)" = "7 9" ]
}

@test "list --sort FIELD, -FIELD and --limit N" {
	add_people
	add_timeline
	[ "$(vk-milestone list --sort due | ids)" = "1 2 3 4 5 6 7 9 8 10" ]
	[ "$(vk-milestone list --sort -due | ids)" = "10 8 9 7 6 5 4 3 2 1" ]
	[ "$(vk-milestone list --sort -due --limit 3 | ids)" = "10 8 9" ]
	[ "$(vk-milestone list --limit 2 | ids)" = "1 2" ]
	# kinds and statuses sort in the order of their vocabulary
	[ "$(vk-milestone list --sort kind | ids)" = "3 5 9 2 6 10 1 4 8 7" ]
	[ "$(vk-milestone list --sort status | ids)" = "5 6 7 8 10 1 2 3 4 9" ]
	# records without a value come last
	[ "$(vk-milestone list --sort done | ids)" = "1 2 3 4 5 6 7 8 9 10" ]
	[ "$(vk-milestone list --sort -done | ids)" = "4 3 2 1 5 6 7 8 9 10" ]
	[ "$(vk-milestone list --sort start --limit 4 | ids)" = "1 3 4 5" ]
	[ "$(vk-milestone list --overdue --sort -id --limit 5 | ids)" = "5" ]
	run --separate-stderr vk-milestone list --sort depends
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'cannot sort by "depends"'* ]]
	run --separate-stderr vk-milestone list --sort slip
	[ "$status" -eq 2 ]
	run --separate-stderr vk-milestone list --limit fem
	[ "$status" -eq 2 ]
}

@test "list -o table aligns columns by characters, with the main fields" {
	add_people
	add_timeline
	run vk-milestone list -o table --limit 5
	[ "$status" -eq 0 ]
	expected='id  title                                     kind         start       due         status   done
 1  Deskresearch og skitseoplæg               deliverable  2020-01-06  2020-02-21  done     2020-02-20
 2  Opstartsseminar med kommunalbestyrelsen   seminar                  2020-02-24  done     2020-02-24
 3  Første samling i Tasiilaq, Paamiut og N…  gathering    2020-03-09  2020-03-22  done     2020-03-20
 4  Første runde prøvehandlinger              round        2020-04-01  2020-05-31  done     2020-06-09
 5  Anden samling                             gathering    2020-06-08  2020-06-14  planned'
	# a title wider than 40 characters is cut with …
	[ "$output" = "$expected" ] || {
		diff <(printf '%s\n' "$expected") <(printf '%s\n' "$output") >&2
		fail_with "table differs"
	}
}

@test "list -o csv is RFC 4180 with CRLF line ends; --excel adds a BOM and ';'" {
	add_people
	add_timeline
	vk-milestone list --kind gathering -o csv > out.csv
	printf '%s\r\n' \
		'id,title,kind,start,due,baseline,status,done,owner,place,deliverables,depends,notes,time,end_time' \
		$'3,"Første samling i Tasiilaq, Paamiut og Nuuk",gathering,2020-03-09,2020-03-22,2020-03-22,done,2020-03-20,2,"Tasiilaq, Paamiut og Nuuk",,2,"Uge 11–12.\nWorkshoppen i Nuuk med højst 50 deltagere.",,' \
		'5,Anden samling,gathering,2020-06-08,2020-06-14,2020-06-14,planned,,2,Nuuk,,4,,,' \
		'9,Borgermøde i Ittoqqortoormiit,gathering,,2020-07-15,2020-07-15,cancelled,,3,Ittoqqortoormiit,,,Aflyst: ingen flyforbindelse.,,' \
		> expected.csv
	diff expected.csv out.csv
	vk-milestone list --status done --kind round -o csv --excel > excel.csv
	printf '\xef\xbb\xbf%s\r\n' 'id;title;kind;start;due;baseline;status;done;owner;place;deliverables;depends;notes;time;end_time' > expected.csv
	printf '%s\r\n' '4;Første runde prøvehandlinger;round;2020-04-01;2020-05-31;2020-05-31;done;2020-06-09;4;;;3;;;' >> expected.csv
	diff expected.csv excel.csv
}

@test "list -o tsv ends lines with LF; depends is one cell joined with ';'" {
	add_people
	add_timeline
	vk-milestone set 7 --depends 5,6 >/dev/null
	vk-milestone list --owner 4 --status planned -o tsv > out.tsv
	printf '%s\n' \
		$'id\ttitle\tkind\tstart\tdue\tbaseline\tstatus\tdone\towner\tplace\tdeliverables\tdepends\tnotes\ttime\tend_time' \
		$'7\tOpsamling fra anden samling\treport\t2020-06-22\t2020-07-10\t2020-07-10\tplanned\t\t4\t\t\t5;6\t\t\t' \
		$'8\tAnden runde prøvehandlinger\tround\t2020-08-01\t2020-10-31\t2020-10-31\tplanned\t\t4\t\t\t6\t\t\t' \
		> expected.tsv
	diff expected.tsv out.tsv
}

@test "list -o json is one array, -o jsonl one object a line, the default when not a terminal" {
	add_people
	add_timeline
	run vk-milestone list --status cancelled -o json
	[ "$output" = '[
{"type":"milestone","id":9,"title":"Borgermøde i Ittoqqortoormiit","kind":"gathering","start":null,"due":"2020-07-15","baseline":"2020-07-15","status":"cancelled","done":null,"owner":3,"place":"Ittoqqortoormiit","deliverables":null,"depends":[],"notes":"Aflyst: ingen flyforbindelse.","time":null,"end_time":null}
]' ] || fail_with "json"
	run vk-milestone list --kind decision -o jsonl
	[ "$(count_lines "$output")" = 2 ]
	[ "${lines[0]}" = '{"type":"milestone","id":6,"title":"Styregruppemøde: status og anden runde","kind":"decision","start":null,"due":"2020-06-30","baseline":"2020-06-30","status":"planned","done":null,"owner":1,"place":"Nuuk","deliverables":null,"depends":[5],"notes":null,"time":null,"end_time":null}' ]
	[ "$(vk-milestone list --kind decision)" = "$output" ]
	run vk-milestone list --status done -o json
	[ "$(count_lines "$output")" = 6 ]
	run --separate-stderr vk-milestone list -o yaml
	[ "$status" -eq 2 ]
}

@test "list prints a table when stdout is a terminal" {
	command -v script >/dev/null || skip "no script(1)"
	add_people
	add_timeline
	run script -qec "vk-milestone list --limit 1" /dev/null
	[ "$status" -eq 0 ]
	[[ "$output" == "id  title"* ]] || fail_with "not a table"
}

# ---- set ----

@test "set changes fields, replaces depends, and leaves due and baseline alone" {
	add_people
	add_timeline
	run --separate-stderr vk-milestone set 5 --title "Anden samling i Nuuk" --kind workshop \
		--start 2020-06-10 --owner 3 --place "Katuaq, Nuuk" --deliverables "Referat; billeder" \
		--depends 3,4 --notes "Tasiilaq-delen udskudt"
	[ "$status" -eq 0 ] || fail_with "set"
	[ "$output" = "" ]
	[ "$(vk-milestone show 5 -o jsonl | sed 's/,"slip".*/}/')" = '{"type":"milestone","id":5,"title":"Anden samling i Nuuk","kind":"workshop","start":"2020-06-10","due":"2020-06-14","baseline":"2020-06-14","status":"planned","done":null,"owner":3,"place":"Katuaq, Nuuk","deliverables":"Referat; billeder","depends":[3,4],"notes":"Tasiilaq-delen udskudt","time":null,"end_time":null}' ] ||
		fail_with "record after set"
	vk-milestone set 5 --status cancelled
	[ "$(vk-milestone list --status cancelled | ids)" = "5 9" ]
	# --clear empties fields
	vk-milestone set 5 --clear start --clear depends --clear place
	[[ "$(vk-milestone show 5 -o jsonl)" == *'"start":null,'*'"place":null,'*'"depends":[],'* ]]
}

@test "set cannot change due, done or baseline: unknown options exit 2 and write nothing" {
	add_people
	add_timeline
	before=$(db_digest)
	for opt in "--due 2020-06-21" "--done 2020-06-20" "--baseline 2020-06-21"; do
		# shellcheck disable=SC2086
		run --separate-stderr vk-milestone set 5 $opt
		[ "$status" -eq 2 ] || fail_with "set $opt"
		[[ "$stderr" == "vk-milestone: unknown option '${opt%% *}'"* ]] || fail_with "set $opt message"
	done
	for f in due baseline done; do
		run --separate-stderr vk-milestone set 5 --clear "$f"
		[ "$status" -eq 2 ] || fail_with "--clear $f"
	done
	run --separate-stderr vk-milestone set 5 --clear title
	[ "$status" -eq 2 ]
	run --separate-stderr vk-milestone set 5
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-milestone: nothing to change"* ]]
	[ "$(db_digest)" = "$before" ]
}

@test "set --start after due exits 65; set of a missing id exits 1; both write nothing" {
	add_people
	add_timeline
	before=$(db_digest)
	run --separate-stderr vk-milestone set 6 --start 2020-07-01
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-milestone: start: 2020-07-01 is after due 2020-06-30" ]
	run --separate-stderr vk-milestone set 99 --place Nuuk
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-milestone: no milestone 99" ]
	run --separate-stderr vk-milestone set 6 --owner 42
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
}

@test "set --depends that makes a cycle exits 65 and writes nothing" {
	add_people
	add_timeline
	before=$(db_digest)
	# 10 depends on 8, 8 on 6, 6 on 5: 5 cannot depend on 10
	run --separate-stderr vk-milestone set 5 --depends 4,10
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == *"vk-milestone: depends: makes a cycle"* ]] || fail_with "message"
	[[ "$stderr" == *"cycle: milestone 5"* ]]
	# a direct cycle, and itself
	run --separate-stderr vk-milestone set 1 --depends 2
	[ "$status" -eq 65 ]
	run --separate-stderr vk-milestone set 6 --depends 6
	[ "$status" -eq 65 ]
	run --separate-stderr vk-milestone set 6 --depends 99
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-milestone: depends: there is no milestone 99" ]
	[ "$(db_digest)" = "$before" ]
	# depending on the same milestone along two paths is no cycle
	run vk-milestone set 10 --depends 8,6,5
	[ "$status" -eq 0 ]
}

@test "set --depends on a milestone due later warns on stderr and is done (exit 0)" {
	add_people
	add_timeline
	run --separate-stderr vk-milestone set 6 --depends 5,7
	[ "$status" -eq 0 ]
	[ "$stderr" = 'vk-milestone: warning: "Styregruppemøde: status og anden runde" is due 2020-06-30, before milestone 7 (due 2020-07-10) it depends on' ] ||
		fail_with "warning"
	[[ "$(vk-milestone show 6 -o jsonl)" == *'"depends":[5,7],'* ]]
}

# ---- done ----

@test "done marks a milestone done today, or on --date" {
	add_people
	add_timeline
	run --separate-stderr vk-milestone done 6
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	[[ "$(vk-milestone show 6 -o jsonl)" == *'"status":"done","done":"2020-06-26",'* ]] || fail_with "today"
	vk-milestone done 5 --date 2020-06-19
	[[ "$(vk-milestone show 5 -o jsonl)" == *'"due":"2020-06-14","baseline":"2020-06-14","status":"done","done":"2020-06-19",'* ]] ||
		fail_with "--date"
	vk-milestone done 7 --date yesterday
	[[ "$(vk-milestone show 7 -o jsonl)" == *'"done":"2020-06-25",'* ]]
	[ "$(vk-milestone list --status done | ids)" = "1 2 3 4 5 6 7" ]
	[[ "$(vk-milestone log 6 | tail -1)" == *'"user":"vk-test","entity":"milestone","entity_id":6,"action":"done","before":{"status":"planned","done":null},"after":{"status":"done","done":"2020-06-26"}}' ]] ||
		fail_with "done event: $(vk-milestone log 6 | tail -1)"
}

@test "done again exits 1; done of a missing id exits 1; a bad --date exits 65" {
	add_people
	add_timeline
	vk-milestone done 6
	before=$(db_digest)
	run --separate-stderr vk-milestone done 6
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-milestone: milestone 6 is done already: nothing to do" ]
	run --separate-stderr vk-milestone done 99
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-milestone: no milestone 99" ]
	run --separate-stderr vk-milestone done 6 --date igår
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'"igår" is not a date'* ]]
	run --separate-stderr vk-milestone done
	[ "$status" -eq 2 ]
	run --separate-stderr vk-milestone done 6 7
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

@test "done --date after today exits 65 and writes nothing" {
	add_people
	add_timeline
	before=$(db_digest)
	for d in tomorrow 2020-06-27 +1w 2020-W27 2021-01; do
		run --separate-stderr vk-milestone done 6 --date "$d"
		[ "$status" -eq 65 ] || fail_with "done --date $d"
		[ "$output" = "" ]
	done
	run --separate-stderr vk-milestone done 6 --date 2020-06-27
	[ "$stderr" = "vk-milestone: --date: 2020-06-27 is after today (2020-06-26): a milestone is done on a day that has come" ] ||
		fail_with "message"
	[ "$(db_digest)" = "$before" ]
	# today and the days before are taken
	vk-milestone done 6 --date today
	vk-milestone done 7 --date 2020-06-25
	[ "$(vk-milestone list --status done --done 2020-06-25 | ids)" = 7 ]
}

# ---- move ----

@test "move changes due, keeps the baseline, and the history keeps each move with its reason" {
	add_people
	add_timeline
	run --separate-stderr vk-milestone move 5 2020-W25 --reason "Kommunalbestyrelsens junimøde blev flyttet en uge"
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[[ "$(vk-milestone show 5 -o jsonl)" == *'"start":"2020-06-08","due":"2020-06-21","baseline":"2020-06-14",'* ]] ||
		fail_with "first move"
	vk-milestone move 5 2020-06-26 --reason "Fly aflyst; ny dato, aftalt med Tasiilaq"
	[[ "$(vk-milestone show 5 -o jsonl)" == *'"due":"2020-06-26","baseline":"2020-06-14",'*'"slip":12,'* ]] ||
		fail_with "second move"
	run vk-milestone log 5 -o jsonl
	[ "$(count_lines "$output")" = 3 ]
	[[ "$(printf '%s\n' "${lines[1]}" | norm_ts)" == *'"at":"TS","user":"vk-test","entity":"milestone","entity_id":5,"action":"move","before":{"due":"2020-06-14"},"after":{"due":"2020-06-21","reason":"Kommunalbestyrelsens junimøde blev flyttet en uge"'* ]] ||
		fail_with "first move event"
	[[ "${lines[2]}" == *'"action":"move","before":{"due":"2020-06-21"},"after":{"due":"2020-06-26","reason":"Fly aflyst; ny dato, aftalt med Tasiilaq"'* ]] ||
		fail_with "second move event"
	# the table of the history says it too
	run vk-milestone log 5 -o table
	[[ "${lines[2]}" == *'  vk-test  move milestone 5  due: "2020-06-21" -> "2020-06-26"; reason: "Fly aflyst; ny dato, aftalt med Tasiilaq"'* ]] ||
		fail_with "log table"
}

@test "move of a done or cancelled milestone exits 65 and writes nothing, unless --force" {
	add_people
	add_timeline
	before=$(db_digest)
	# 4 is done, 9 cancelled
	run --separate-stderr vk-milestone move 4 2020-06-30 --reason "Rapporten kom for sent"
	[ "$status" -eq 65 ] || fail_with "done"
	[ "$stderr" = "vk-milestone: milestone 4 is done: a done or cancelled milestone is moved only with --force" ] ||
		fail_with "message"
	run --separate-stderr vk-milestone move 9 2020-08-19 --reason "Ny flyforbindelse"
	[ "$status" -eq 65 ] || fail_with "cancelled"
	[ "$stderr" = "vk-milestone: milestone 9 is cancelled: a done or cancelled milestone is moved only with --force" ] ||
		fail_with "message"
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-milestone move 9 2020-08-19 --reason "Ny flyforbindelse" --force
	[ "$status" -eq 0 ] || fail_with "--force"
	[[ "$(vk-milestone show 9 -o jsonl)" == *'"due":"2020-08-19","baseline":"2020-07-15","status":"cancelled",'* ]] ||
		fail_with "moved"
	[[ "$(vk-milestone log 9 | tail -1)" == *'"action":"move","before":{"due":"2020-07-15"},"after":{"due":"2020-08-19","reason":"Ny flyforbindelse",'*'"forced":true'* ]] ||
		fail_with "history: $(vk-milestone log 9 | tail -1)"
	# a planned one needs no --force, and its move is not marked forced
	vk-milestone move 6 2020-07-02 --reason "Borgmesteren er på ferie"
	[[ "$(vk-milestone log 6 | tail -1)" != *forced* ]]
}

@test "move ID +1w counts from the due date it has, not from today; today and tomorrow from today" {
	add_people
	add_timeline
	# 5 is due 2020-06-14, today is 2020-06-26
	vk-milestone move 5 +1w --reason "Kommunalbestyrelsens junimøde blev flyttet en uge"
	[[ "$(vk-milestone show 5 -o jsonl)" == *'"due":"2020-06-21","baseline":"2020-06-14",'* ]] ||
		fail_with "+1w: $(vk-milestone show 5 -o jsonl)"
	vk-milestone move 5 -3d --reason "Tre dage tidligere, aftalt med Tasiilaq"
	[[ "$(vk-milestone show 5 -o jsonl)" == *'"due":"2020-06-18",'* ]] || fail_with "-3d"
	vk-milestone move 5 +10D --reason "Fly aflyst"
	[[ "$(vk-milestone show 5 -o jsonl)" == *'"due":"2020-06-28",'* ]] || fail_with "+10D"
	vk-milestone move 5 tomorrow --reason "Dagen efter"
	[[ "$(vk-milestone show 5 -o jsonl)" == *'"due":"2020-06-27",'* ]] || fail_with "tomorrow"
	# +0d is the due date it has: nothing to do
	run --separate-stderr vk-milestone move 5 +0d --reason "Ingen ændring"
	[ "$status" -eq 1 ]
	# a bad one is still bad data
	run --separate-stderr vk-milestone move 5 +1x --reason "Ny dato"
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'"+1x" is not a date'* ]] || fail_with "bad"
}

@test "move without --reason, or with an empty one, exits 2 and writes nothing" {
	add_people
	add_timeline
	before=$(db_digest)
	run --separate-stderr vk-milestone move 5 2020-06-21
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	[[ "$stderr" == "vk-milestone: --reason is required"* ]] || fail_with "message"
	[[ "$stderr" == *"usage: vk-milestone move ID DATE --reason TEXT"* ]]
	run --separate-stderr vk-milestone move 5 2020-06-21 --reason ""
	[ "$status" -eq 2 ]
	run --separate-stderr vk-milestone move 5 2020-06-21 --reason
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

@test "move with a bad date exits 65, with too few arguments 2; a missing id exits 1; all write nothing" {
	add_people
	add_timeline
	before=$(db_digest)
	run --separate-stderr vk-milestone move 5 2020-13-01 --reason "Ny dato"
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == *'"2020-13-01" is not a date'* ]] || fail_with "message"
	run --separate-stderr vk-milestone move 5 "efter sommerferien" --reason "Ny dato"
	[ "$status" -eq 65 ]
	run --separate-stderr vk-milestone move 5 --reason "Ny dato"
	[ "$status" -eq 2 ]
	run --separate-stderr vk-milestone move 99 2020-06-21 --reason "Ny dato"
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-milestone: no milestone 99" ]
	[ "$(db_digest)" = "$before" ]
}

@test "move to the due date it has exits 1; move before the start exits 65; both write nothing" {
	add_people
	add_timeline
	before=$(db_digest)
	run --separate-stderr vk-milestone move 5 2020-06-14 --reason "Ingen ændring"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"milestone 5"*"nothing to do"* ]] || fail_with "same"
	run --separate-stderr vk-milestone move 5 2020-06-01 --reason "Før start"
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-milestone: start: 2020-06-08 is after due 2020-06-01" ]
	[ "$(db_digest)" = "$before" ]
}

@test "move before a milestone it depends on warns on stderr and moves it (exit 0)" {
	add_people
	add_timeline
	run --separate-stderr vk-milestone move 6 2020-06-12 --reason "Styregruppen mødes før samlingen"
	[ "$status" -eq 0 ]
	[ "$stderr" = 'vk-milestone: warning: "Styregruppemøde: status og anden runde" is due 2020-06-12, before milestone 5 (due 2020-06-14) it depends on' ] ||
		fail_with "warning"
	[[ "$(vk-milestone show 6 -o jsonl)" == *'"due":"2020-06-12",'* ]]
}

@test "move past a milestone that depends on it warns on stderr about that one (exit 0)" {
	add_people
	add_timeline
	# 6 (due 2020-06-30) and 7 (due 2020-07-10) depend on 5
	run --separate-stderr vk-milestone move 5 2020-07-03 --reason "Kommunalbestyrelsens møde flyttet"
	[ "$status" -eq 0 ]
	[[ "$(vk-milestone show 5 -o jsonl)" == *'"due":"2020-07-03",'* ]]
	[[ "$stderr" == *"warning: "*"Styregruppemøde: status og anden runde"*"2020-06-30"* ]] ||
		fail_with "no warning that milestone 6 is now due before milestone 5 it depends on"
	[[ "$stderr" != *"Opsamling fra anden samling"* ]] || fail_with "7 is still due after 5"
}

# ---- rm ----

@test "rm removes a milestone no one refers to; its id is not given again" {
	add_people
	add_timeline
	run --separate-stderr vk-milestone rm 9
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	run vk-milestone show 9
	[ "$status" -eq 1 ]
	[ "$(vk-milestone add "Borgermøde i Kulusuk" --due 2020-08-20)" = 11 ]
	run vk-milestone rm 10 11
	[ "$status" -eq 0 ]
	[ "$(vk-milestone list | ids)" = "1 2 3 4 5 6 7 8" ]
}

@test "rm of a milestone that others depend on, or that a trial belongs to, exits 65 naming them" {
	add_people
	add_timeline
	vk-trial add "Åben skole-dag i Paamiut" --milestone 4 >/dev/null
	before=$(db_digest)
	run --separate-stderr vk-milestone rm 5
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-milestone: cannot remove milestone 5: referred to by milestone 6 (depends), milestone 7 (depends)" ] ||
		fail_with "depends"
	run --separate-stderr vk-milestone rm 4
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-milestone: cannot remove milestone 4: referred to by milestone 5 (depends), trial 1 (milestone)" ] ||
		fail_with "trial"
	# all or nothing: 9 is free, 8 is not
	run --separate-stderr vk-milestone rm 9 8
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"cannot remove milestone 8: referred to by milestone 10 (depends)"* ]]
	[ "$(db_digest)" = "$before" ]
	# removing the one that depends first frees it
	vk-milestone rm 10 8
	[ "$(vk-milestone list | ids)" = "1 2 3 4 5 6 7 9" ]
}

@test "rm of a missing id exits 1 and removes nothing" {
	add_people
	add_timeline
	before=$(db_digest)
	run --separate-stderr vk-milestone rm 99
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-milestone: no milestone 99" ]
	run --separate-stderr vk-milestone rm 9 99
	[ "$status" -eq 1 ]
	run --separate-stderr vk-milestone rm
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

# ---- a meeting at its hour ----

@test "add and set take --time and --end-time (HH:MM); show, list and export carry them" {
	add_people
	run -0 --separate-stderr vk-milestone add "Styregruppemøde på rådhuset" --kind decision \
		--due 2020-06-30 --time 10:00 --end-time 11:30 --place "Rådhuset, Nuuk" --owner 1
	[ "$output" = 1 ]
	run -0 --separate-stderr vk-milestone add "Borgermøde i Paamiut, \"Vores by\"" --due 2020-07-02 --time 9:05
	run -0 vk-milestone show 1 -o jsonl
	[[ "$output" == *'"notes":null,"time":"10:00","end_time":"11:30",'* ]] || fail_with "show"
	run -0 vk-milestone show 2 -o jsonl
	[[ "$output" == *'"time":"09:05","end_time":null,'* ]] || fail_with "an hour of one digit is written HH:MM"
	run -0 vk-milestone show 1 -o table
	[[ "$output" == *$'\ntime:         10:00\n'* ]] && [[ "$output" == *$'\nend_time:     11:30\n'* ]] || fail_with "show table: $output"
	run -0 vk-milestone list --time 10:00 -o jsonl
	[ "$(echo "$output" | jq -r .id)" = 1 ] || fail_with "list --time"
	run -0 vk-milestone list --end-time 11:30 -o jsonl
	[ "$(echo "$output" | jq -r .id)" = 1 ] || fail_with "list --end-time"
	run -0 vk-milestone export -o csv
	[ "${lines[2]}" = $'2,"Borgermøde i Paamiut, ""Vores by""",,,2020-07-02,2020-07-02,planned,,,,,,,09:05,\r' ] || fail_with "csv: ${lines[2]}"
	run -0 --separate-stderr vk-milestone set 2 --end-time 10:30
	[[ "$(vk-milestone show 2 -o jsonl)" == *'"time":"09:05","end_time":"10:30",'* ]]
	run -0 --separate-stderr vk-milestone set 2 --clear end_time
	[[ "$(vk-milestone show 2 -o jsonl)" == *'"time":"09:05","end_time":null,'* ]]
	run -0 vk-milestone log 2 -o jsonl
	[[ "${lines[1]}" == *'"after":{"end_time":"10:30"}'* ]] || fail_with "log: ${lines[1]}"
}

@test "a bad --time or --end-time exits 65 naming the field and the value, and writes nothing" {
	vk-milestone add "Styregruppemøde" --due 2020-06-30 --time 10:00 --end-time 11:00 2>/dev/null
	before=$(db_digest)
	run --separate-stderr vk-milestone add "Sent møde" --due 2020-06-30 --time 25:00
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-milestone: time: "25:00" is not a time (HH:MM, 00:00 to 23:59)' ] || fail_with "$stderr"
	run --separate-stderr vk-milestone add "Møde" --due 2020-06-30 --time "kl. 10"
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-milestone: time: "kl. 10" is not a time (HH:MM, 00:00 to 23:59)' ] || fail_with "$stderr"
	run --separate-stderr vk-milestone add "Møde" --due 2020-06-30 --end-time 12:00
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-milestone: end_time: 12:00 without a time: give the hour it starts (--time)" ] || fail_with "$stderr"
	run --separate-stderr vk-milestone add "Møde" --due 2020-06-30 --time 14:00 --end-time 13:59
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-milestone: end_time: 13:59 is not after the time it starts (14:00)" ] || fail_with "$stderr"
	# set is checked against what the record has
	run --separate-stderr vk-milestone set 1 --time 11:00
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-milestone: end_time: 11:00 is not after the time it starts (11:00)" ] || fail_with "$stderr"
	run --separate-stderr vk-milestone set 1 --end-time 24:00
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-milestone: end_time: "24:00" is not a time (HH:MM, 00:00 to 23:59)' ] || fail_with "$stderr"
	[ "$(db_digest)" = "$before" ]
}

@test "import reads time and end_time, and reports each bad one as FILE:LINE: field: problem" {
	cat > møder.csv <<-'EOF'
	title,kind,due,time,end_time,place
	Styregruppemøde,decision,2020-06-30,10:00,11:30,"Rådhuset, Nuuk"
	Borgermøde i Tasiilaq,gathering,2020-07-02,19:00,,Forsamlingshuset
	EOF
	run -0 --separate-stderr vk-milestone import møder.csv
	run -0 vk-milestone list -o jsonl
	[ "$(echo "$output" | jq -c '[.time, .end_time]' | paste -sd' ')" = '["10:00","11:30"] ["19:00",null]' ] || fail_with "$output"
	before=$(db_digest)
	cat > dårlige.csv <<-'EOF'
	title,due,time,end_time
	For sent,2020-07-01,24:30,
	Uden start,2020-07-01,,12:00
	Baglæns,2020-07-01,12:00,11:00
	Godt nok,2020-07-01,8:00,9:00
	EOF
	run --separate-stderr vk-milestone import dårlige.csv
	[ "$status" -eq 65 ]
	expected='dårlige.csv:2: time: "24:30" is not a time (HH:MM, 00:00 to 23:59)
dårlige.csv:3: end_time: 12:00 without a time: give the hour it starts (--time)
dårlige.csv:4: end_time: 11:00 is not after the time it starts (12:00)
vk-milestone: dårlige.csv: 3 bad rows: nothing was imported'
	[ "$stderr" = "$expected" ] || fail_with "$stderr"
	[ "$(db_digest)" = "$before" ]
	# JSON as well, a time being a string
	printf '%s\n' '{"title":"Møde","due":"2020-07-01","time":1000}' > m.jsonl
	run --separate-stderr vk-milestone import m.jsonl
	[ "$status" -eq 65 ]
	[ "$stderr" = $'m.jsonl:1: time: must be a string\nvk-milestone: m.jsonl: 1 bad row: nothing was imported' ] || fail_with "$stderr"
}

# ---- export and import ----

round_trip() { # FORMAT
	add_people
	add_timeline
	vk-milestone move 5 2020-W25 --reason "Junimødet flyttet" 2>/dev/null
	vk-milestone move 8 2020-09 --reason "Runden afsluttes før efterårsferien" 2>/dev/null
	vk-milestone set 7 --notes '=HYPERLINK("http://example.gl")' --deliverables $'-referat\r\nog billeder'
	# meetings at their hour: with an end, and without
	vk-milestone set 6 --time 10:00 --end-time 12:30
	vk-milestone set 9 --time 19:00
	# a milestone that depends on one with a higher id
	vk-milestone set 1 --depends 9 2>/dev/null
	vk-milestone rm 10
	vk-stakeholder export -o jsonl > people.jsonl
	vk-milestone export -o "$1" > export.out
	vk-milestone export -o jsonl > original.jsonl
	vk-stakeholder --db "$TEST_DIR/copy.db" import people.jsonl 2>/dev/null
	run --separate-stderr vk-milestone --db "$TEST_DIR/copy.db" import export.out
	[ "$status" -eq 0 ] || fail_with "import of the $1 export failed"
	vk-milestone --db "$TEST_DIR/copy.db" export -o jsonl > copy.jsonl
	diff original.jsonl copy.jsonl
	[ "$(wc -l < copy.jsonl)" -eq 9 ]
	# the baseline came along, and so the slip
	[[ "$(vk-milestone --db "$TEST_DIR/copy.db" show 5 -o jsonl)" == *'"due":"2020-06-21","baseline":"2020-06-14",'*'"slip":7,'* ]]
	# and the hours
	[[ "$(vk-milestone --db "$TEST_DIR/copy.db" show 6 -o jsonl)" == *'"time":"10:00","end_time":"12:30",'* ]]
	[[ "$(vk-milestone --db "$TEST_DIR/copy.db" show 9 -o jsonl)" == *'"time":"19:00","end_time":null,'* ]]
}

@test "export -o csv then import into an empty database gives the same records, baseline kept" {
	round_trip csv
}

@test "export -o json then import into an empty database gives the same records, baseline kept" {
	round_trip json
}

@test "export -o jsonl then import into an empty database gives the same records" {
	round_trip jsonl
}

@test "export -o tsv then import into an empty database gives the same records" {
	round_trip tsv
}

@test "export prints every field of every milestone; the default is JSON Lines" {
	add_people
	add_timeline
	vk-milestone export > default.out
	vk-milestone export -o jsonl > jsonl.out
	cmp default.out jsonl.out
	[ "$(wc -l < default.out)" -eq 10 ]
	[ "$(head -1 default.out)" = '{"type":"milestone","id":1,"title":"Deskresearch og skitseoplæg","kind":"deliverable","start":"2020-01-06","due":"2020-02-21","baseline":"2020-02-21","status":"done","done":"2020-02-20","owner":2,"place":"København","deliverables":"Eksisterende strategier samlet; skitse til grundfortællingen","depends":[],"notes":null,"time":null,"end_time":null}' ]
	vk-milestone export -o csv > all.csv
	[ "$(head -1 all.csv)" = $'id,title,kind,start,due,baseline,status,done,owner,place,deliverables,depends,notes,time,end_time\r' ]
}

@test "import reads the timetable from a CSV: week and month windows, baseline = due" {
	add_people
	cat > tidsplan.csv <<-'EOF'
	title;kind;start;due;owner;place;depends
	Første samling i Tasiilaq, Paamiut og Nuuk;gathering;2020-W11;2020-W12;2;Tasiilaq, Paamiut og Nuuk;
	Første runde prøvehandlinger;round;2020-04;2020-05;4;;1
	Anden samling;gathering;2020-W24;2020-W24;2;Nuuk;2
	EOF
	run --separate-stderr vk-milestone import tidsplan.csv
	[ "$status" -eq 0 ] || fail_with "import"
	[ "$output" = "" ]
	run vk-milestone list -o jsonl
	[ "${lines[0]}" = '{"type":"milestone","id":1,"title":"Første samling i Tasiilaq, Paamiut og Nuuk","kind":"gathering","start":"2020-03-09","due":"2020-03-22","baseline":"2020-03-22","status":"planned","done":null,"owner":2,"place":"Tasiilaq, Paamiut og Nuuk","deliverables":null,"depends":[],"notes":null,"time":null,"end_time":null}' ] ||
		fail_with "row 1"
	[[ "${lines[1]}" == *'"start":"2020-04-01","due":"2020-05-31","baseline":"2020-05-31",'*'"depends":[1],'* ]] || fail_with "row 2"
	[[ "${lines[2]}" == *'"start":"2020-06-08","due":"2020-06-14","baseline":"2020-06-14",'*'"depends":[2],'* ]] || fail_with "row 3"
	# the example timetable imports too
	vk-stakeholder --db "$TEST_DIR/eks.db" import "$EXAMPLES/stakeholders.csv" 2>/dev/null
	run --separate-stderr vk-milestone --db "$TEST_DIR/eks.db" import "$EXAMPLES/milestones.csv"
	[ "$status" -eq 0 ] || fail_with "examples/milestones.csv"
}

@test "import is all or nothing: every bad row is reported as FILE:LINE: field: problem, exit 65" {
	add_people
	add_timeline
	before=$(db_digest)
	cat > tidsplan.csv <<-'EOF'
	title,kind,start,due,owner,depends
	Tredje samling,gathering,2020-11-09,2020-11-13,2,8
	Fjerde samling,møde,,2020-12-01,,
	Omvendt vindue,round,2020-W30,2020-W29,,
	Uden dato,decision,,,1,
	Ukendt ejer,report,,2020-12-01,42,
	Ukendt afhængighed,report,,2020-12-01,,77
	"Rettidig, men ""forkert""",report,,2020-13-01,,
	EOF
	run --separate-stderr vk-milestone import tidsplan.csv
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	expected="tidsplan.csv:3: kind: \"møde\" is not a milestone kind; use one of: $KINDS
tidsplan.csv:4: start: 2020-07-20 is after due 2020-07-19
tidsplan.csv:5: due: is required
tidsplan.csv:6: owner: there is no stakeholder 42
tidsplan.csv:7: depends: there is no milestone 77
tidsplan.csv:8: due: \"2020-13-01\" is not a date: there is no month 13; use YYYY-MM-DD, YYYY-Www, YYYY-MM, today, yesterday, tomorrow, +Nd, -Nd, +Nw or -Nw
vk-milestone: tidsplan.csv: 6 bad rows: nothing was imported"
	[ "$stderr" = "$expected" ] || {
		diff <(printf '%s\n' "$expected") <(printf '%s\n' "$stderr") >&2
		fail_with "errors differ"
	}
	[ "$(db_digest)" = "$before" ]
}

@test "import refuses a cycle in depends and writes nothing" {
	add_people
	add_timeline
	before=$(db_digest)
	printf 'id,depends\n5,4;10\n' > cyklus.csv
	run --separate-stderr vk-milestone import cyklus.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"cyklus.csv:2: depends: makes a cycle"* ]] || fail_with "message"
	[ "$(db_digest)" = "$before" ]
}

@test "import --dry-run prints what would change and writes nothing" {
	add_people
	add_timeline
	before=$(db_digest)
	printf 'id,place\n9,Kulusuk\n' > rettelser.csv
	printf 'title,due,kind\nTredje samling,2020-W46,gathering\n' > nye.csv
	run --separate-stderr vk-milestone import rettelser.csv --dry-run
	[ "$status" -eq 0 ]
	[ "$output" = 'update milestone 9 (line 2): place: "Ittoqqortoormiit" -> "Kulusuk"
would add 0, update 1, leave 0 unchanged' ] || fail_with "update"
	run --separate-stderr vk-milestone import nye.csv --dry-run
	[ "$status" -eq 0 ]
	[ "$output" = 'add milestone 11 (line 2): "Tredje samling"
would add 1, update 0, leave 0 unchanged' ] || fail_with "add"
	# a bad row: the errors, and nothing that would be done
	printf 'title,due\nTredje samling,2020-W54\n' > forkert.csv
	run --separate-stderr vk-milestone import forkert.csv --dry-run
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == "forkert.csv:2: due: "* ]]
	[ "$(db_digest)" = "$before" ]
}

@test "import from stdin as JSON Lines or JSON; --from, --delimiter, --ignore-unknown" {
	add_people
	printf '%s\n' '{"title":"Tredje samling","kind":"gathering","start":"2020-W46","due":"2020-W46","owner":2}' |
		vk-milestone import - 2>/dev/null
	[[ "$(vk-milestone show 1 -o jsonl)" == *'"start":"2020-11-09","due":"2020-11-15","baseline":"2020-11-15",'* ]]
	printf '[{"title":"Den endelige grundfortælling","kind":"deliverable","due":"2020-11","depends":[1]}]' |
		vk-milestone import - --from json
	[[ "$(vk-milestone show 2 -o jsonl)" == *'"due":"2020-11-30",'*'"depends":[1],'* ]]
	printf 'title\tdue\tforklaring\nGodkendelse\t2020-12-10\tpå decembermødet\n' > godk.tsv
	run --separate-stderr vk-milestone import godk.tsv
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"forklaring"* ]] || fail_with "unknown column"
	run vk-milestone import godk.tsv --ignore-unknown --delimiter tab
	[ "$status" -eq 0 ]
	[ "$(vk-milestone list | ids)" = "1 2 3" ]
	run --separate-stderr vk-milestone import "$TEST_DIR/findes-ikke.csv"
	[ "$status" -eq 66 ]
}

@test "import of an update does not change the baseline: it never changes" {
	add_people
	add_timeline
	before=$(db_digest)
	printf 'id,baseline\n5,2020-06-01\n' > baseline.csv
	run --separate-stderr vk-milestone import baseline.csv
	[ "$status" -eq 65 ] || fail_with "the import changed the baseline"
	[[ "$stderr" == "baseline.csv:2: baseline: "* ]] || fail_with "message"
	[ "$(db_digest)" = "$before" ]
	[[ "$(vk-milestone show 5 -o jsonl)" == *'"baseline":"2020-06-14",'* ]]
	# the baseline of a row that adds a record is taken: that is how export then import keeps it
	printf 'title,due,baseline\nTredje samling,2020-11-20,2020-11-13\n' | vk-milestone import -
	[[ "$(vk-milestone show 11 -o jsonl)" == *'"due":"2020-11-20","baseline":"2020-11-13",'*'"slip":7,'* ]]
}

# ---- log ----

@test "log records add, set, move, done and rm with the fields before and after" {
	add_people
	vk-milestone add "Anden samling" --kind gathering --due 2020-06-12 --owner 2 2>/dev/null
	vk-milestone set 1 --place Nuuk
	vk-milestone move 1 2020-06-19 --reason "Junimødet flyttet"
	vk-milestone done 1 --date 2020-06-19
	vk-milestone rm 1
	run vk-milestone log 1 -o jsonl
	[ "$status" -eq 0 ]
	[ "$(count_lines "$output")" = 5 ] || fail_with "5 events"
	output=$(printf '%s' "$output" | norm_ts)
	[ "${output%%$'\n'*}" = '{"type":"event","id":7,"at":"TS","user":"vk-test","entity":"milestone","entity_id":1,"action":"add","before":null,"after":{"title":"Anden samling","kind":"gathering","due":"2020-06-12","baseline":"2020-06-12","status":"planned","owner":2}}' ] ||
		fail_with "add event"
	[[ "$output" == *$'\n''{"type":"event","id":8,"at":"TS","user":"vk-test","entity":"milestone","entity_id":1,"action":"set","before":{"place":null},"after":{"place":"Nuuk"}}'$'\n'* ]] ||
		fail_with "set event"
	[[ "$output" == *$'\n''{"type":"event","id":9,"at":"TS","user":"vk-test","entity":"milestone","entity_id":1,"action":"move","before":{"due":"2020-06-12"},"after":{"due":"2020-06-19","reason":"Junimødet flyttet"'* ]] ||
		fail_with "move event"
	[[ "$output" == *$'\n''{"type":"event","id":10,"at":"TS","user":"vk-test","entity":"milestone","entity_id":1,"action":"done","before":{"status":"planned","done":null},"after":{"status":"done","done":"2020-06-19"}}'$'\n'* ]] ||
		fail_with "done event"
	[[ "$output" == *$'\n''{"type":"event","id":11,"at":"TS","user":"vk-test","entity":"milestone","entity_id":1,"action":"rm","before":{"title":"Anden samling","kind":"gathering","due":"2020-06-19","baseline":"2020-06-12","status":"done","done":"2020-06-19","owner":2,"place":"Nuuk"},"after":null}' ]] ||
		fail_with "rm event"
}

@test "log without an id prints the history of every milestone; log of an id never used exits 1" {
	add_people
	add_timeline
	vk-milestone move 5 2020-W25 --reason "Junimødet flyttet"
	run vk-milestone log
	[ "$status" -eq 0 ]
	[ "$(count_lines "$output")" = 11 ]
	run vk-milestone log -o table
	[ "$(count_lines "$output")" = 11 ]
	[[ "${lines[10]}" == *'  vk-test  move milestone 5  due: "2020-06-14" -> "2020-06-21"; reason: "Junimødet flyttet"'* ]] ||
		fail_with "move line"
	run --separate-stderr vk-milestone log 99
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-milestone: no history for milestone 99" ]
}

# ---- --help, the store, I/O ----

@test "--help and every verb's --help print to stdout and exit 0" {
	run --separate-stderr vk-milestone --help
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "${lines[0]}" = "usage: vk-milestone COMMAND [options] [arguments]" ]
	help=$output
	for verb in add show list set rm import export log done move ics; do
		[[ "$help" == *"  $verb "* ]] || fail_with "--help does not name $verb"
		run --separate-stderr vk-milestone "$verb" --help
		[ "$status" -eq 0 ] || fail_with "$verb --help"
		[ "$stderr" = "" ]
		[[ "${lines[0]}" == "usage: vk-milestone $verb"* ]] || fail_with "$verb usage line"
		[[ "$output" == *"--db FILE"* ]]
	done
	run --separate-stderr vk-milestone --version
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^vk-milestone\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	run --separate-stderr vk-milestone postpone 1
	[ "$status" -eq 2 ]
	[ ! -e "$VK_DB" ]
}

@test "a verb other than add and import on a missing database exits 66 naming it and creates nothing" {
	for cmd in "list" "show 1" "export" "log" "ics" "list --overdue" "set 1 --place Nuuk" "rm 1" \
		"done 1" "move 1 2020-07-01 --reason Sommerferie"; do
		# shellcheck disable=SC2086
		run --separate-stderr vk-milestone $cmd
		[ "$status" -eq 66 ] || fail_with "$cmd"
		[ "$output" = "" ]
		[[ "$stderr" == "vk-milestone: $VK_DB: "* ]] || fail_with "$cmd does not name the path"
	done
	[ ! -e "$VK_DB" ]
}

@test "a full disk on stdout exits 74 for list, show, export and log" {
	[ -w /dev/full ] || skip "no /dev/full"
	add_people
	add_timeline
	for cmd in "list" "list -o csv" "list -o table" "show 5" "show 5 -o json" "export -o tsv" "log -o table"; do
		# shellcheck disable=SC2086
		run --separate-stderr bash -c "vk-milestone $cmd > /dev/full"
		[ "$status" -eq 74 ] || fail_with "$cmd > /dev/full"
		[[ "$stderr" == "vk-milestone: write error"* ]] || fail_with "$cmd message"
	done
}
