#!/usr/bin/env bats
# vk-trial: the trial records (prøvehandlinger), every verb and option but
# move (lifecycle.bats) and the learnings (learning.bats): add with every
# field and its checks, show with its learnings, list with every filter,
# --sort, --limit and every format, set and --clear, rm, import and export,
# log.

load helpers

STATUSES='idea, proposed, approved, running, done, evaluated, rejected, stopped'

# add_milestones: the two rounds of trials on the timeline.
#  1 Første runde prøvehandlinger  2020-04-01 .. 2020-05-29
#  2 Anden runde prøvehandlinger   2020-08-03 .. 2020-10-30
add_milestones() {
	printf '%s\n' 'title,kind,start,due' \
		'Første runde prøvehandlinger,round,2020-04-01,2020-05-29' \
		'Anden runde prøvehandlinger,round,2020-08-03,2020-10-30' |
		vk-milestone import - >/dev/null 2>&1
}

# add_trials: a round of trials over add_people and add_milestones, in
# the status each has on 2020-06-26 (import sets a status directly).
#  id status    owner department        round start      end        with milestone
#  1  running   4     Børn og Familie   1     2020-04-13 2020-05-17 3;4  1  (late)
#  2  running   2     Kultur og Fritid  1     2020-04-06 2020-07-31 3;6  1
#  3  evaluated 4     Uddannelse        1     2020-05-11 2020-05-15 4;5  1  adopt
#  4  proposed  2     Ældre og Sundhed  2     2020-08-03 2020-10-30 1;2  2
#  5  idea      -     Børn og Familie   2     -          -          -    -
#  6  rejected  2     Teknik og Miljø   1     2020-05-04 2020-05-31 -    -
#  7  approved  4     Kultur og Fritid  1     2020-06-01 2020-06-26 3    1
add_trials() {
	add_people
	add_milestones
	cat > trials.csv <<-'EOF'
	title,description,status,owner,unit,department,round,track,themes,start,end,participants,outcome,milestone
	En borger tilbringer en dag i børnehaven,"En borger følger hverdagen en hel dag – ""en del af os for en dag"".
	Lederen gennemfører én af borgerens idéer.",running,4,"Daginstitutionen Paarnaq, Paamiut",Børn og Familie,1,træningsbaner,børn og unge;fællesskab,2020-04-13,2020-05-17,3;4,,1
	Ungdomsråd i Tasiilaq,Møderne holdes i ungdomsrådets eget lokale om aftenen.,running,2,Ungdomsrådet i Tasiilaq,Kultur og Fritid,1,facilitering,børn og unge;det gode liv,2020-04-06,2020-07-31,3;6,,1
	Åben skole-dag i Paamiut,,evaluated,4,Skolen i Paamiut,Uddannelse,1,find og forstør,børn og unge;arbejdspladsen,2020-05-11,2020-05-15,4;5,adopt,1
	Plejehjem og jobcenter sammen,"Ledige går ture, læser højt og drikker kaffe med beboerne; jobcentret følger op hver uge.",proposed,2,"Plejehjemmet Naasut, Nuuk",Ældre og Sundhed,2,træningsbaner,arbejdspladsen;det gode liv,2020-08-03,2020-10-30,1;2,,2
	Kaffemik for nye tilflyttere,,idea,,,Børn og Familie,2,,fællesskab,,,,,
	Gratis bus til hallen,Kræver en politisk beslutning om takster.,rejected,2,Teknisk Forvaltning,Teknik og Miljø,1,,det gode liv,2020-05-04,2020-05-31,,,
	Fodbold og sundhedssnak i Tasiilaq,,approved,4,Tasiilaq Idrætsforening,Kultur og Fritid,1,find og forstør,det gode liv,2020-06-01,2020-06-26,3,,1
	EOF
	vk-trial import trials.csv >/dev/null
}

# ---- add ----

@test "add prints only the new id on stdout; the first one says it created the database" {
	run --separate-stderr vk-trial add "En borger tilbringer en dag i børnehaven"
	[ "$status" -eq 0 ] || fail_with "add failed"
	[ "$output" = "1" ]
	[ "$stderr" = "vk-trial: created database $VK_DB" ]
	run --separate-stderr vk-trial add "Ungdomsråd i Tasiilaq"
	[ "$status" -eq 0 ]
	[ "$output" = "2" ]
	[ "$stderr" = "" ]
	id=$(vk-trial add "Åben skole-dag")
	[ "$id" = 3 ]
}

@test "add sets every field; a new trial is an idea" {
	add_people
	add_milestones
	run --separate-stderr vk-trial add "En borger tilbringer en dag i børnehaven" \
		--description $'En borger følger hverdagen – "en del af os for en dag".\nBagefter: interview, kaffe; og kage' \
		--owner 4 --unit "Daginstitutionen Paarnaq, Paamiut" --department "Børn og Familie" \
		--round 1 --track træningsbaner --theme "børn og unge" --theme fællesskab \
		--start 2020-04-14 --end 2020-04-30 --with 3 --with 5,6 --outcome Adopt --milestone 1
	[ "$status" -eq 0 ] || fail_with "add failed"
	[ "$output" = 1 ]
	run vk-trial show 1 -o jsonl
	[ "$status" -eq 0 ]
	[ "$output" = '{"type":"trial","id":1,"title":"En borger tilbringer en dag i børnehaven","description":"En borger følger hverdagen – \"en del af os for en dag\".\nBagefter: interview, kaffe; og kage","status":"idea","owner":4,"unit":"Daginstitutionen Paarnaq, Paamiut","department":"Børn og Familie","round":1,"track":"træningsbaner","themes":["børn og unge","fællesskab"],"start":"2020-04-14","end":"2020-04-30","participants":[3,5,6],"outcome":"adopt","milestone":1,"goals":[],"learnings":[]}' ] ||
		fail_with "unexpected record"
}

@test "add --title sets the title instead of the argument; a trial without fields gets nulls and empty lists" {
	[ "$(vk-trial add --title "Ungdomsråd i Tasiilaq" 2>/dev/null)" = 1 ]
	run vk-trial show 1 -o jsonl
	[ "$output" = '{"type":"trial","id":1,"title":"Ungdomsråd i Tasiilaq","description":null,"status":"idea","owner":null,"unit":null,"department":null,"round":null,"track":null,"themes":[],"start":null,"end":null,"participants":[],"outcome":null,"milestone":null,"goals":[],"learnings":[]}' ] ||
		fail_with "unexpected record"
}

@test "add: a week is Monday to Sunday, a month first to last day, and relative dates count from VK_TODAY" {
	vk-trial add "Ungdomsråd i Tasiilaq" --start 2020-W16 --end 2020-W20 2>/dev/null
	vk-trial add "Åben skole-dag" --start 2020-05 --end 2020-05 >/dev/null
	vk-trial add "Kaffemik" --start 2020-02 --end 2020-02 >/dev/null
	vk-trial add "Fodbold i hallen" --start today --end +2w >/dev/null
	vk-trial add "Læsemakker" --start -3d --end tomorrow >/dev/null
	vk-trial add "Nytårsløb" --start 2020-W53 --end 2021-W01 >/dev/null
	run vk-trial list -o csv
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -d, -f1,11,12 | tr -d '\r')" = 'id,start,end
1,2020-04-13,2020-05-17
2,2020-05-01,2020-05-31
3,2020-02-01,2020-02-29
4,2020-06-26,2020-07-10
5,2020-06-23,2020-06-27
6,2020-12-28,2021-01-10' ] || fail_with "dates differ"
	# only a start, or only an end: a week is still its Monday or its Sunday
	vk-trial add "Kun start" --start 2020-W26 >/dev/null
	vk-trial add "Kun slut" --end 2020-W26 >/dev/null
	[[ "$(vk-trial show 7 -o jsonl)" == *'"start":"2020-06-22","end":null,'* ]]
	[[ "$(vk-trial show 8 -o jsonl)" == *'"start":null,"end":"2020-06-28",'* ]]
}

@test "add with a start after the end exits 65 and writes nothing; the same day is allowed" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-trial add "Åben skole-dag" --start 2020-05-15 --end 2020-05-11
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: start: 2020-05-15 is after end 2020-05-11" ]
	run --separate-stderr vk-trial add "Åben skole-dag" --start 2020-W21 --end 2020-W20
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: start: 2020-05-18 is after end 2020-05-17" ]
	[ "$(db_digest)" = "$before" ]
	[ "$(vk-trial add "Åben skole-dag" --start 2020-05-15 --end 2020-05-15)" = 1 ]
}

@test "add with a date in no accepted form exits 65 quoting it and the forms" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-trial add "Åben skole-dag" --start 15-05-2020
	[ "$status" -eq 65 ]
	[[ "$stderr" == 'vk-trial: start: "15-05-2020" is not a date'*'use YYYY-MM-DD, YYYY-Www, YYYY-MM, today, yesterday, tomorrow, +Nd, -Nd, +Nw or -Nw' ]] ||
		fail_with "message"
	run --separate-stderr vk-trial add "Åben skole-dag" --end 2020-W54
	[ "$status" -eq 65 ]
	[[ "$stderr" == 'vk-trial: end: "2020-W54" is not a date'* ]] || fail_with "week message"
	[ "$(db_digest)" = "$before" ]
}

@test "add with an owner or participant who is no stakeholder exits 65 naming them, and writes nothing" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-trial add "Ungdomsråd i Tasiilaq" --owner 9
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: owner: there is no stakeholder 9" ]
	run --separate-stderr vk-trial add "Ungdomsråd i Tasiilaq" --owner 2 --with 3,17
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: participants: there is no stakeholder 17" ]
	run --separate-stderr vk-trial add "Ungdomsråd i Tasiilaq" --owner Søren
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-trial: owner: "Søren" is not an id (a whole number)' ]
	[ "$(db_digest)" = "$before" ]
}

@test "add with a milestone that does not exist exits 65; an existing one is taken" {
	add_people
	add_milestones
	before=$(db_digest)
	run --separate-stderr vk-trial add "Ungdomsråd i Tasiilaq" --milestone 3
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: milestone: there is no milestone 3" ]
	[ "$(db_digest)" = "$before" ]
	[ "$(vk-trial add "Ungdomsråd i Tasiilaq" --milestone 2)" = 1 ]
	[ "$(vk-trial list --milestone 2 | ids)" = 1 ]
}

@test "add with a bad outcome or round exits 65; --status is no option of add" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-trial add "Ungdomsråd i Tasiilaq" --outcome spread
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-trial: outcome: "spread" is not an outcome; use one of: adopt, adapt, drop' ]
	run --separate-stderr vk-trial add "Ungdomsråd i Tasiilaq" --round 0
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-trial: round: 0 is out of range (1-999)' ]
	run --separate-stderr vk-trial add "Ungdomsråd i Tasiilaq" --round første
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-trial: round: "første" is not a whole number' ]
	run --separate-stderr vk-trial add "Ungdomsråd i Tasiilaq" --status running
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: unknown option '--status'"* ]] || fail_with "message"
	[ "$(db_digest)" = "$before" ]
}

@test "add without a title exits 2; an empty title or a bad value exits 65 and creates no database" {
	run --separate-stderr vk-trial add --owner 1
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: missing the TITLE"* ]] || fail_with "message"
	[[ "$stderr" == *"usage: vk-trial add TITLE [options]"* ]]
	run --separate-stderr vk-trial add "Åben skole-dag" --round 0
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: round: 0 is out of range (1-999)" ]
	[ ! -e "$VK_DB" ]
	run --separate-stderr vk-trial add ""
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: title: is required" ] || fail_with "empty title"
	[ ! -e "$VK_DB" ]
}

# ---- show ----

@test "show prints one trial as a table, with its learnings" {
	add_trials
	vk-trial learn 1 "Forældrene bliver stående i døren; der er ikke plads." --author 4 --date 2020-04-30 >/dev/null
	vk-trial learn 1 'Børnene vil have en "fortællestund" med de ældre.' --date 2020-05-04 >/dev/null
	run vk-trial show 1 -o table
	[ "$status" -eq 0 ]
	expected='id:           1
title:        En borger tilbringer en dag i børnehaven
description:  En borger følger hverdagen en hel dag – "en del af os for en dag".
              Lederen gennemfører én af borgerens idéer.
status:       running
owner:        4
unit:         Daginstitutionen Paarnaq, Paamiut
department:   Børn og Familie
round:        1
track:        træningsbaner
themes:       børn og unge, fællesskab
start:        2020-04-13
end:          2020-05-17
participants: 3, 4
outcome:
milestone:    1
goals:

learnings:
  learning 1 2020-04-30: Forældrene bliver stående i døren; der er ikke plads.
  learning 2 2020-05-04: Børnene vil have en "fortællestund" med de ældre.'
	[ "$output" = "$expected" ] || fail_with "table differs"
}

@test "show -o json prints one object with its learnings embedded under \"learnings\"" {
	add_trials
	vk-trial learn 3 "Fiskefabrikken vil gerne komme igen." --author 5 --date 2020-05-15 >/dev/null
	vk-trial learn 3 'Eleverne: "Paamiut om 20 år" skal hænge på rådhuset.' --date 2020-05-20 >/dev/null
	vk-trial learn 2 "Unge kommer om aftenen, ikke klokken 16." >/dev/null
	run vk-trial show 3 -o json
	[ "$status" -eq 0 ]
	[ "$output" = '{"type":"trial","id":3,"title":"Åben skole-dag i Paamiut","description":null,"status":"evaluated","owner":4,"unit":"Skolen i Paamiut","department":"Uddannelse","round":1,"track":"find og forstør","themes":["børn og unge","arbejdspladsen"],"start":"2020-05-11","end":"2020-05-15","participants":[4,5],"outcome":"adopt","milestone":1,"goals":[],"learnings":[{"type":"learning","id":1,"trial":3,"date":"2020-05-15","author":5,"text":"Fiskefabrikken vil gerne komme igen."},{"type":"learning","id":2,"trial":3,"date":"2020-05-20","author":null,"text":"Eleverne: \"Paamiut om 20 år\" skal hænge på rådhuset."}]}' ] ||
		fail_with "json differs"
	[ "$(count_lines "$output")" = 1 ]
	# jsonl is the same one object
	[ "$(vk-trial show 3 -o jsonl)" = "$output" ]
}

@test "show -o csv prints the record alone; --excel and --raw as for list" {
	add_trials
	vk-trial set 6 --description '=1+1 kroner pr. tur' >/dev/null
	vk-trial show 6 -o csv > out.csv
	printf '%s\r\n' \
		'id,title,description,status,owner,unit,department,round,track,themes,start,end,participants,outcome,milestone,goals' \
		"6,Gratis bus til hallen,'=1+1 kroner pr. tur,rejected,2,Teknisk Forvaltning,Teknik og Miljø,1,,det gode liv,2020-05-04,2020-05-31,,,," \
		> expected.csv
	diff expected.csv out.csv
	vk-trial show 6 -o csv --raw | grep -q '^6,Gratis bus til hallen,=1+1 kroner pr. tur,'
	[ "$(vk-trial show 6 --excel | head -c 3 | od -An -tx1 | tr -d ' ')" = efbbbf ]
}

@test "show of a missing trial exits 1 naming it; a bad or missing id exits 2" {
	add_trials
	run --separate-stderr vk-trial show 99
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: no trial 99" ]
	run --separate-stderr vk-trial show børnehaven
	[ "$status" -eq 2 ]
	run --separate-stderr vk-trial show
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: missing the ID"* ]] || fail_with "message"
}

# ---- list ----

@test "list filters by status, owner, unit, department and round" {
	add_trials
	[ "$(vk-trial list --status running | ids)" = "1 2" ]
	[ "$(vk-trial list --status Approved | ids)" = "7" ]
	[ "$(vk-trial list --status done | ids)" = "" ]
	[ "$(vk-trial list --owner 4 | ids)" = "1 3 7" ]
	[ "$(vk-trial list --owner 2 | ids)" = "2 4 6" ]
	[ "$(vk-trial list --owner '' | ids)" = "5" ]
	[ "$(vk-trial list --unit "Daginstitutionen Paarnaq, Paamiut" | ids)" = "1" ]
	[ "$(vk-trial list --unit "Skolen i Paamiut" | ids)" = "3" ]
	# a unit is matched whole
	[ "$(vk-trial list --unit Skolen | ids)" = "" ]
	[ "$(vk-trial list --department "Børn og Familie" | ids)" = "1 5" ]
	[ "$(vk-trial list --department "Kultur og Fritid" | ids)" = "2 7" ]
	# case is ignored in every alphabet (SPEC: list)
	[ "$(vk-trial list --department "børn og familie" | ids)" = "1 5" ]
	[ "$(vk-trial list --department "BØRN OG FAMILIE" | ids)" = "1 5" ]
	[ "$(vk-trial list --round 1 | ids)" = "1 2 3 6 7" ]
	[ "$(vk-trial list --round 2 | ids)" = "4 5" ]
}

@test "list filters by track, theme, participant, outcome, milestone and description" {
	add_trials
	[ "$(vk-trial list --track træningsbaner | ids)" = "1 4" ]
	[ "$(vk-trial list --track "find og forstør" | ids)" = "3 7" ]
	[ "$(vk-trial list --theme fællesskab | ids)" = "1 5" ]
	[ "$(vk-trial list --theme "det gode liv" | ids)" = "2 4 6 7" ]
	# a theme is matched whole
	[ "$(vk-trial list --theme børn | ids)" = "" ]
	[ "$(vk-trial list --with 3 | ids)" = "1 2 7" ]
	[ "$(vk-trial list --with 1 | ids)" = "4" ]
	[ "$(vk-trial list --outcome adopt | ids)" = "3" ]
	[ "$(vk-trial list --outcome drop | ids)" = "" ]
	[ "$(vk-trial list --milestone 1 | ids)" = "1 2 3 7" ]
	[ "$(vk-trial list --milestone 2 | ids)" = "4" ]
	[ "$(vk-trial list --description "Kræver en politisk beslutning om takster." | ids)" = "6" ]
}

@test "list --title matches a part of the title, ASCII case ignored; all filters must hold" {
	add_trials
	[ "$(vk-trial list --title skole | ids)" = "3" ]
	[ "$(vk-trial list --title BORGER | ids)" = "1" ]
	[ "$(vk-trial list --title "i Tasiilaq" | ids)" = "2 7" ]
	[ "$(vk-trial list --title "skole-dag" | ids)" = "3" ]
	[ "$(vk-trial list --title Nuuk | ids)" = "" ]
	[ "$(vk-trial list --round 1 --owner 4 | ids)" = "1 3 7" ]
	[ "$(vk-trial list --title "i Tasiilaq" --status approved | ids)" = "7" ]
	[ "$(vk-trial list --department "Børn og Familie" --round 1 --theme fællesskab | ids)" = "1" ]
}

@test "list --start and --end match the day; a week or month is read as the side of the window it filters" {
	add_trials
	[ "$(vk-trial list --start 2020-04-13 | ids)" = "1" ]
	[ "$(vk-trial list --start 2020-W16 | ids)" = "1" ]
	[ "$(vk-trial list --start 2020-06 | ids)" = "7" ]
	[ "$(vk-trial list --end 2020-05-17 | ids)" = "1" ]
	[ "$(vk-trial list --end 2020-W20 | ids)" = "1" ]
	[ "$(vk-trial list --end 2020-05 | ids)" = "6" ]
	[ "$(vk-trial list --end today | ids)" = "7" ]
	[ "$(vk-trial list --start '' | ids)" = "5" ]
}

@test "list --active-on DATE: start <= DATE <= end, in any date form" {
	add_trials
	# 5 has neither a start nor an end: it runs on no day yet; 6 came in
	# rejected, with no move to date it: it is rejected on every day
	[ "$(vk-trial list --active-on 2020-05-12 | ids)" = "1 2 3" ]
	[ "$(vk-trial list --active-on 2020-W20 | ids)" = "1 2 3" ]
	[ "$(vk-trial list --active-on 2020-04-13 | ids)" = "1 2" ]
	[ "$(vk-trial list --active-on 2020-04-12 | ids)" = "2" ]
	[ "$(vk-trial list --active-on today | ids)" = "2 7" ]
	[ "$(vk-trial list --active-on +1d | ids)" = "2" ]
	[ "$(vk-trial list --active-on 2020-09 | ids)" = "4" ]
	[ "$(vk-trial list --active-on 2021-01-01 | ids)" = "" ]
	[ "$(vk-trial list --active-on 2020-05-12 --department Uddannelse | ids)" = "3" ]
}

@test "list --active-on: a trial with only a start runs from its start on" {
	vk-trial add "Kaffemik for nye tilflyttere" --start 2020-06-01 2>/dev/null
	vk-trial add "Læsemakker" --end 2020-06-30 >/dev/null
	[ "$(vk-trial list --active-on 2020-05-31 | ids)" = "2" ]
	[ "$(vk-trial list --active-on 2020-06-15 | ids)" = "1 2" ]
	[ "$(vk-trial list --active-on 2020-07-01 | ids)" = "1" ]
}

@test "list --active-on DATE leaves out trials rejected or stopped on or before DATE, by their move's date" {
	add_trials
	# 2 runs 2020-04-06 to 2020-07-31 and stops on 2020-05-20; 4 (proposed
	# for 2020-08-03 to 2020-10-30) is rejected on 2020-06-15
	vk-trial move 2 stopped --date 2020-05-20 --reason "Lokalet lukket; \"vi prøver igen\"" >/dev/null
	vk-trial move 4 rejected --date 2020-06-15 >/dev/null
	[ "$(vk-trial list --active-on 2020-05-19 | ids)" = "2" ]
	[ "$(vk-trial list --active-on 2020-05-20 | ids)" = "" ]
	[ "$(vk-trial list --active-on 2020-W21 | ids)" = "2" ]
	[ "$(vk-trial list --active-on 2020-W22 | ids)" = "" ]
	[ "$(vk-trial list --active-on 2020-04-20 | ids)" = "1 2" ]
	[ "$(vk-trial list --active-on 2020-06-14 --department "Kultur og Fritid" | ids)" = "7" ]
	[ "$(vk-trial list --active-on 2020-08-03 | ids)" = "" ]
	# forced back to running on 2020-06-01: stopped in between only
	vk-trial move 2 running --force --date 2020-06-01 >/dev/null
	[ "$(vk-trial list --active-on 2020-05-25 | ids)" = "" ]
	[ "$(vk-trial list --active-on 2020-06-01 | ids)" = "2 7" ]
	[ "$(vk-trial list --active-on today | ids)" = "2 7" ]
	# a stop by set is a move of today: active until yesterday
	vk-trial set 7 --status stopped
	[ "$(vk-trial list --active-on yesterday | ids)" = "2 7" ]
	[ "$(vk-trial list --active-on today | ids)" = "2" ]
	# a stop by import too, and the other filters, --sort and --limit still hold
	printf '%s\n' 'id,status' '2,stopped' | vk-trial import - 2>/dev/null
	[ "$(vk-trial list --active-on today | ids)" = "" ]
	[ "$(vk-trial list --active-on 2020-06-20 --sort -id --limit 1 | ids)" = "7" ]
	[ "$(vk-trial list --active-on 2020-06-20 --status stopped | ids)" = "2 7" ]
}

@test "list --late: end passed and not done, evaluated, rejected or stopped" {
	add_trials
	# 1 running ended 2020-05-17; 3 evaluated and 6 rejected ended too;
	# 7 ends today, which has not passed
	[ "$(vk-trial list --late | ids)" = "1" ]
	vk-trial set 7 --end 2020-06-25
	[ "$(vk-trial list --late | ids)" = "1 7" ]
	[ "$(vk-trial list --late --status approved | ids)" = "7" ]
	[ "$(vk-trial list --late --department "Børn og Familie" | ids)" = "1" ]
	vk-trial move 1 done >/dev/null
	[ "$(vk-trial list --late | ids)" = "7" ]
	vk-trial move 7 stopped --reason "Hallen lukket for sæsonen" >/dev/null
	[ "$(vk-trial list --late | ids)" = "" ]
	# today moves with VK_TODAY
	[ "$(VK_TODAY=2020-08-01 vk-trial list --late | ids)" = "2" ]
}

@test "list with a filter value the field cannot hold exits 65 naming the allowed values; an unknown option exits 2" {
	add_trials
	run --separate-stderr vk-trial list --status igang
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: --status: \"igang\" is not a trial status; use one of: $STATUSES" ] || fail_with "status"
	run --separate-stderr vk-trial list --outcome spread
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-trial: --outcome: "spread" is not an outcome; use one of: adopt, adapt, drop' ] || fail_with "outcome"
	run --separate-stderr vk-trial list --owner Søren
	[ "$status" -eq 65 ]
	run --separate-stderr vk-trial list --with 3,x
	[ "$status" -eq 65 ]
	run --separate-stderr vk-trial list --round 0
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-trial: --round: 0 is out of range (1-999)' ]
	run --separate-stderr vk-trial list --start 2020-02-30
	[ "$status" -eq 65 ]
	[[ "$stderr" == 'vk-trial: --start: "2020-02-30" is not a date: February 2020 has 29 days'* ]] || fail_with "start"
	run --separate-stderr vk-trial list --active-on 2020-13
	[ "$status" -eq 65 ] || fail_with "--active-on with a bad date"
	[[ "$stderr" == 'vk-trial: --active-on: "2020-13" is not a date'* ]] || fail_with "active-on"
	run --separate-stderr vk-trial list --late yes
	[ "$status" -eq 2 ]
	run --separate-stderr vk-trial list --bogus
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: unknown option '--bogus'"* ]]
}

@test "list --sort FIELD ascending, -FIELD descending, status in lifecycle order; --limit N" {
	add_trials
	[ "$(vk-trial list --sort title | ids)" = "1 7 6 5 4 2 3" ]
	[ "$(vk-trial list --sort -title | ids)" = "3 2 4 5 6 7 1" ]
	# records without a value come last
	[ "$(vk-trial list --sort -start | ids)" = "4 7 3 6 1 2 5" ]
	[ "$(vk-trial list --sort start | ids)" = "2 1 6 3 7 4 5" ]
	[ "$(vk-trial list --sort status | ids)" = "5 4 7 1 2 3 6" ]
	[ "$(vk-trial list --sort -status | ids)" = "6 3 1 2 7 4 5" ]
	[ "$(vk-trial list --sort end --limit 3 | ids)" = "3 1 6" ]
	[ "$(vk-trial list --limit 2 | ids)" = "1 2" ]
	[ "$(vk-trial list --sort -id --limit 1 | ids)" = "7" ]
	[ "$(vk-trial list --round 2 --limit 5 | ids)" = "4 5" ]
}

@test "list --sort by a list or unknown field, or a bad --limit, exits 2" {
	add_trials
	run --separate-stderr vk-trial list --sort themes
	[ "$status" -eq 2 ]
	[[ "$stderr" == 'vk-trial: --sort: cannot sort by "themes"; use one of: id, title, description, status, owner, unit, department, round, track, start, end, outcome, milestone'* ]] ||
		fail_with "message"
	run --separate-stderr vk-trial list --sort farve
	[ "$status" -eq 2 ]
	run --separate-stderr vk-trial list --limit mange
	[ "$status" -eq 2 ]
}

@test "list -o table shows the main columns, aligned by characters" {
	add_trials
	run vk-trial list -o table
	[ "$status" -eq 0 ]
	expected='id  title                                     status     owner  department        round  start       end
 1  En borger tilbringer en dag i børnehaven  running        4  Børn og Familie       1  2020-04-13  2020-05-17
 2  Ungdomsråd i Tasiilaq                     running        2  Kultur og Fritid      1  2020-04-06  2020-07-31
 3  Åben skole-dag i Paamiut                  evaluated      4  Uddannelse            1  2020-05-11  2020-05-15
 4  Plejehjem og jobcenter sammen             proposed       2  Ældre og Sundhed      2  2020-08-03  2020-10-30
 5  Kaffemik for nye tilflyttere              idea              Børn og Familie       2
 6  Gratis bus til hallen                     rejected       2  Teknik og Miljø       1  2020-05-04  2020-05-31
 7  Fodbold og sundhedssnak i Tasiilaq        approved       4  Kultur og Fritid      1  2020-06-01  2020-06-26'
	[ "$output" = "$expected" ] || fail_with "table differs"
}

@test "list -o csv is RFC 4180 with CRLF and every field; --excel adds a BOM and uses ;" {
	add_trials
	vk-trial list --round 2 -o csv > out.csv
	printf '%s\r\n' \
		'id,title,description,status,owner,unit,department,round,track,themes,start,end,participants,outcome,milestone,goals' \
		'4,Plejehjem og jobcenter sammen,"Ledige går ture, læser højt og drikker kaffe med beboerne; jobcentret følger op hver uge.",proposed,2,"Plejehjemmet Naasut, Nuuk",Ældre og Sundhed,2,træningsbaner,arbejdspladsen;det gode liv,2020-08-03,2020-10-30,1;2,,2,' \
		'5,Kaffemik for nye tilflyttere,,idea,,,Børn og Familie,2,,fællesskab,,,,,,' \
		> expected.csv
	diff expected.csv out.csv
	vk-trial list --status proposed -o csv --excel > excel.csv
	{
		printf '\xef\xbb\xbf'
		printf '%s\r\n' \
			'id;title;description;status;owner;unit;department;round;track;themes;start;end;participants;outcome;milestone;goals' \
			'4;Plejehjem og jobcenter sammen;"Ledige går ture, læser højt og drikker kaffe med beboerne; jobcentret følger op hver uge.";proposed;2;Plejehjemmet Naasut, Nuuk;Ældre og Sundhed;2;træningsbaner;"arbejdspladsen;det gode liv";2020-08-03;2020-10-30;"1;2";;2;'
	} > expected-excel.csv
	diff expected-excel.csv excel.csv
	# --excel alone means CSV
	vk-trial list --status proposed --excel | cmp - excel.csv
}

@test "list -o tsv separates with tabs and ends lines with LF" {
	add_trials
	vk-trial list --status rejected -o tsv > out.tsv
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
		id title description status owner unit department round track themes start end participants outcome milestone goals \
		6 "Gratis bus til hallen" "Kræver en politisk beslutning om takster." rejected 2 "Teknisk Forvaltning" "Teknik og Miljø" 1 "" "det gode liv" 2020-05-04 2020-05-31 "" "" "" "" \
		> expected.tsv
	diff expected.tsv out.tsv
}

@test "list -o json prints one array; -o jsonl one object a line; JSON Lines when piped" {
	add_trials
	four='{"type":"trial","id":4,"title":"Plejehjem og jobcenter sammen","description":"Ledige går ture, læser højt og drikker kaffe med beboerne; jobcentret følger op hver uge.","status":"proposed","owner":2,"unit":"Plejehjemmet Naasut, Nuuk","department":"Ældre og Sundhed","round":2,"track":"træningsbaner","themes":["arbejdspladsen","det gode liv"],"start":"2020-08-03","end":"2020-10-30","participants":[1,2],"outcome":null,"milestone":2,"goals":[]}'
	five='{"type":"trial","id":5,"title":"Kaffemik for nye tilflyttere","description":null,"status":"idea","owner":null,"unit":null,"department":"Børn og Familie","round":2,"track":null,"themes":["fællesskab"],"start":null,"end":null,"participants":[],"outcome":null,"milestone":null,"goals":[]}'
	run vk-trial list --round 2 -o json
	[ "$status" -eq 0 ]
	[ "$output" = "[
$four,
$five
]" ] || fail_with "json differs"
	run vk-trial list --round 2 --format jsonl
	[ "$output" = "$four
$five" ] || fail_with "jsonl differs"
	[ "$(vk-trial list --round 2)" = "$output" ]
	[ "$(vk-trial list --round 3 -o json | tr -d '\n ')" = "[]" ]
	[ "$(vk-trial list --round 3 -o jsonl | wc -c)" -eq 0 ]
	run --separate-stderr vk-trial list -o xml
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'"xml" is not a format'* ]]
}

@test "a department's trials piped as JSON Lines are records another program reads" {
	add_trials
	vk-trial list --department "Børn og Familie" -o jsonl > dept.jsonl
	[ "$(ids < dept.jsonl)" = "1 5" ]
	# every line is one trial object
	[ "$(grep -c '^{"type":"trial","id":[0-9]*,.*}$' dept.jsonl)" = 2 ]
	if command -v vk-report >/dev/null 2>&1; then
		# the report counts the department's two trials only, not all seven
		run --separate-stderr vk-report trials --input - < dept.jsonl
		[ "$status" -eq 0 ] || fail_with "vk-report trials --input -"
		[ "${lines[0]}" = "The trial portfolio: 2 trials" ] || fail_with "report heading"
	fi
}

# ---- set ----

@test "set changes the fields given, replaces lists and keeps the rest" {
	add_trials
	run --separate-stderr vk-trial set 2 --title "Ungdomsrådet i Tasiilaq læser med" \
		--with 3 --with 1,6 --theme fællesskab --end 2020-W33 --track "find og forstør" \
		--description $'Aftenmøder med mad.\n"Med unges ord."' --unit "Ungdomsrådet" --round 2 --milestone 2 --owner 1
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	run vk-trial show 2 -o jsonl
	[ "$output" = '{"type":"trial","id":2,"title":"Ungdomsrådet i Tasiilaq læser med","description":"Aftenmøder med mad.\n\"Med unges ord.\"","status":"running","owner":1,"unit":"Ungdomsrådet","department":"Kultur og Fritid","round":2,"track":"find og forstør","themes":["fællesskab"],"start":"2020-04-06","end":"2020-08-16","participants":[3,1,6],"outcome":null,"milestone":2,"goals":[],"learnings":[]}' ] ||
		fail_with "record after set"
	vk-trial set 2 --department "Børn og Familie" --outcome adapt --start 2020-04 >/dev/null
	[ "$(vk-trial list --department "Børn og Familie" --outcome adapt --start 2020-04-01 | ids)" = "2" ]
}

@test "set --clear empties fields, repeated; title and status cannot be emptied" {
	add_trials
	run vk-trial set 1 --clear owner --clear participants --clear themes --clear end --clear milestone --clear description
	[ "$status" -eq 0 ]
	run vk-trial show 1 -o jsonl
	[ "$output" = '{"type":"trial","id":1,"title":"En borger tilbringer en dag i børnehaven","description":null,"status":"running","owner":null,"unit":"Daginstitutionen Paarnaq, Paamiut","department":"Børn og Familie","round":1,"track":"træningsbaner","themes":[],"start":"2020-04-13","end":null,"participants":[],"outcome":null,"milestone":null,"goals":[],"learnings":[]}' ] ||
		fail_with "cleared"
	before=$(db_digest)
	run --separate-stderr vk-trial set 1 --clear title
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: --clear: title is required and cannot be emptied"* ]] || fail_with "title"
	run --separate-stderr vk-trial set 1 --clear status
	[ "$status" -eq 2 ]
	run --separate-stderr vk-trial set 1 --clear farve
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

@test "set --status is a move (lifecycle.bats has the rest); a status not in the vocabulary exits 65" {
	add_trials
	before=$(db_digest)
	run --separate-stderr vk-trial set 4 --status flying
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: status: \"flying\" is not a trial status; use one of: $STATUSES" ] || fail_with "message"
	run --separate-stderr vk-trial set 4 --status running
	[ "$status" -eq 65 ]
	[[ "$stderr" == "vk-trial: status: trial 4 is proposed and cannot move to running;"* ]] || fail_with "refused"
	[ "$(db_digest)" = "$before" ]
	vk-trial set 4 --status approved
	[[ "$(vk-trial show 4 -o jsonl)" == *'"status":"approved",'* ]]
	[ "$(vk-trial log 4 -o jsonl | grep -c '"action":"move"')" = 1 ]
}

@test "set checks references and dates: exits 65 and writes nothing, not even the good fields" {
	add_trials
	before=$(db_digest)
	run --separate-stderr vk-trial set 2 --unit Nuuk --owner 9
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: owner: there is no stakeholder 9" ]
	run --separate-stderr vk-trial set 2 --with 3,9
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: participants: there is no stakeholder 9" ]
	run --separate-stderr vk-trial set 2 --milestone 7
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: milestone: there is no milestone 7" ]
	# the new start against the end it has, and the other way round
	run --separate-stderr vk-trial set 2 --start 2020-08
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: start: 2020-08-01 is after end 2020-07-31" ]
	run --separate-stderr vk-trial set 2 --end 2020-W14
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: start: 2020-04-06 is after end 2020-04-05" ]
	run --separate-stderr vk-trial set 2 --outcome spread
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
}

@test "set of a missing trial exits 1; no change at all exits 2; nothing is written" {
	add_trials
	before=$(db_digest)
	run --separate-stderr vk-trial set 99 --unit Nuuk
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-trial: no trial 99" ]
	run --separate-stderr vk-trial set 2
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: nothing to change"* ]] || fail_with "message"
	run --separate-stderr vk-trial set --unit Nuuk
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

# ---- rm ----

@test "rm removes a trial with its learnings; its id is not given again" {
	add_trials
	vk-trial learn 1 "Forældrene bliver stående i døren." --author 4 >/dev/null
	vk-trial learn 3 "Fiskefabrikken vil gerne komme igen." >/dev/null
	vk-trial learn 1 "Børnene spurgte om fangst." >/dev/null
	before=$(db_digest)
	run --separate-stderr vk-trial rm 1 --dry-run
	[ "$status" -eq 0 ]
	[ "$output" = "would remove trial 1 and its 2 learnings" ] || fail_with "dry run"
	[ "$stderr" = "" ]
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-trial rm 1
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: removed trial 1 and its 2 learnings" ] || fail_with "what went"
	run vk-trial show 1
	[ "$status" -eq 1 ]
	[ "$(vk-trial list | ids)" = "2 3 4 5 6 7" ]
	[ "$(vk-trial learnings | ids)" = "2" ]
	run vk-trial learning show 1
	[ "$status" -eq 1 ]
	[ "$(vk-trial add "En borger en dag i vuggestuen")" = 8 ]
	# the owner and participants of a removed trial can go now
	run vk-stakeholder rm 3
	[ "$status" -eq 65 ]
	# trials without learnings go without a word
	run --separate-stderr vk-trial rm 2 7
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	run vk-stakeholder rm 3
	[ "$status" -eq 0 ]
}

@test "rm of several trials is all or nothing; a missing one exits 1 and writes nothing" {
	add_trials
	before=$(db_digest)
	run --separate-stderr vk-trial rm 5 99
	[ "$status" -eq 1 ]
	[[ "$stderr" == "vk-trial: no trial 99"* ]] || fail_with "message"
	run --separate-stderr vk-trial rm
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
	run vk-trial rm 5 6
	[ "$status" -eq 0 ]
	[ "$(vk-trial list | ids)" = "1 2 3 4 7" ]
}

@test "removing a stakeholder who owns a trial is refused with exit 65 naming the trials" {
	add_trials
	before=$(db_digest)
	run --separate-stderr vk-stakeholder rm 4
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == "vk-stakeholder: cannot remove stakeholder 4: referred to by trial 1 (owner), trial 3 (owner), trial 7 (owner)"* ]] ||
		fail_with "message"
	# a participant is refused likewise
	run --separate-stderr vk-stakeholder rm 6
	[ "$status" -eq 65 ]
	[[ "$stderr" == "vk-stakeholder: cannot remove stakeholder 6: referred to by trial 2 (participants)"* ]] ||
		fail_with "participant message"
	# and a milestone a trial belongs to
	run --separate-stderr vk-milestone rm 2
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"trial 4 (milestone)"* ]] || fail_with "milestone message"
	# --dry-run is refused alike, and prints nothing it would do
	run --separate-stderr vk-stakeholder rm 4 --dry-run
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == "vk-stakeholder: cannot remove stakeholder 4: referred to by trial 1 (owner)"* ]] ||
		fail_with "dry-run message"
	run --separate-stderr vk-milestone rm 2 --dry-run
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == *"trial 4 (milestone)"* ]] || fail_with "milestone dry-run message"
	[ "$(db_digest)" = "$before" ]
}

# ---- export and import ----

# round_trip FORMAT: exports everything in FORMAT, imports it into an
# empty database in the order the references need, and compares.
round_trip() {
	add_trials
	vk-trial set 4 --description '=HYPERLINK("http://example.gl")' >/dev/null
	vk-trial set 5 --description $'-5 grader i hallen\r\nog\tfaneblad' --unit "+ ekstra" >/dev/null
	vk-trial set 6 --description "'citat' fra udvalget" >/dev/null
	vk-trial learn 3 'Fiskefabrikken: "vi kommer igen", sagde de.' --author 5 --date 2020-05-15 >/dev/null
	vk-trial learn 1 $'To linjer:\nførst den ene, så den anden' --date 2020-W18 >/dev/null
	vk-trial learn 2 '@alle: mødet er flyttet' >/dev/null
	vk-trial learning rm 2
	vk-trial rm 6
	vk-stakeholder export -o "$1" > s.out
	vk-milestone export -o "$1" > m.out
	vk-trial export -o "$1" > t.out
	vk-trial learning export -o "$1" > l.out
	vk-trial export -o jsonl > original-trials.jsonl
	vk-trial learning export -o jsonl > original-learnings.jsonl
	export VK_DB="$TEST_DIR/copy.db"
	vk-stakeholder import s.out 2>/dev/null
	vk-milestone import m.out
	run --separate-stderr vk-trial import t.out
	[ "$status" -eq 0 ] || fail_with "import of the $1 export of trials failed"
	run --separate-stderr vk-trial learning import l.out
	[ "$status" -eq 0 ] || fail_with "import of the $1 export of learnings failed"
	vk-trial export -o jsonl > copy-trials.jsonl
	vk-trial learning export -o jsonl > copy-learnings.jsonl
	diff original-trials.jsonl copy-trials.jsonl
	diff original-learnings.jsonl copy-learnings.jsonl
	[ "$(ids < copy-trials.jsonl)" = "1 2 3 4 5 7" ]
	[ "$(ids < copy-learnings.jsonl)" = "1 3" ]
}

@test "export -o csv then import into an empty database gives the same trials and learnings" {
	round_trip csv
}

@test "export -o json then import into an empty database gives the same trials and learnings" {
	round_trip json
}

@test "export -o jsonl then import into an empty database gives the same trials and learnings" {
	round_trip jsonl
}

@test "export prints every field of every trial; the default is JSON Lines" {
	add_trials
	vk-trial export > default.out
	vk-trial export -o jsonl > jsonl.out
	cmp default.out jsonl.out
	[ "$(ids < default.out)" = "1 2 3 4 5 6 7" ]
	vk-trial export -o csv > all.csv
	[ "$(head -1 all.csv)" = $'id,title,description,status,owner,unit,department,round,track,themes,start,end,participants,outcome,milestone,goals\r' ]
	# the formula guard, and --raw without it
	vk-trial set 5 --description '=2+2' >/dev/null
	grep -q "^5,Kaffemik for nye tilflyttere,'=2+2,idea," <(vk-trial export -o csv)
	grep -q "^5,Kaffemik for nye tilflyttere,=2+2,idea," <(vk-trial export -o csv --raw)
	[ "$(vk-trial export --excel | head -c 3 | od -An -tx1 | tr -d ' ')" = efbbbf ]
}

@test "import may set any valid status directly, and brings in a portfolio as it stands" {
	add_people
	add_milestones
	cat > portfolio.csv <<-'EOF'
	title,status,owner,outcome,milestone
	Åben skole-dag i Paamiut,evaluated,4,adopt,1
	Ungdomsråd i Tasiilaq,running,2,,1
	Gratis bus til hallen,rejected,2,,
	Fodbold og sundhedssnak,stopped,,,
	Plejehjem og jobcenter sammen,approved,,,
	Kaffemik for nye tilflyttere,,,,
	EOF
	run --separate-stderr vk-trial import portfolio.csv
	[ "$status" -eq 0 ] || fail_with "import failed"
	[ "$output" = "" ]
	[ "$(vk-trial list -o csv | cut -d, -f1,4 | tr -d '\r' | paste -sd' ' -)" = "id,status 1,evaluated 2,running 3,rejected 4,stopped 5,approved 6,idea" ]
	[ "$(vk-trial list --outcome adopt | ids)" = 1 ]
}

@test "import of an invalid status exits 65 with FILE:LINE: status: and writes nothing" {
	add_trials
	before=$(db_digest)
	printf '%s\n' 'title,status' 'Læsemakker,running' 'Nyt ungdomsråd,igangværende' > bad.csv
	run --separate-stderr vk-trial import bad.csv
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "bad.csv:3: status: \"igangværende\" is not a trial status; use one of: $STATUSES
vk-trial: bad.csv: 1 bad row: nothing was imported" ] || fail_with "message"
	printf '[{"title":"Læsemakker","status":"stoppet"}]' > bad.json
	run --separate-stderr vk-trial import bad.json
	[ "$status" -eq 65 ]
	[[ "$stderr" == "bad.json:1: [0]: status: \"stoppet\" is not a trial status; use one of: $STATUSES"* ]] || fail_with "json message"
	# an update cannot empty the status
	printf '%s\n' 'id,status' '2,' > empty.csv
	run --separate-stderr vk-trial import empty.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "empty.csv:2: status: is required"* ]] || fail_with "empty status"
	[ "$(db_digest)" = "$before" ]
}

@test "import is all or nothing: every bad row as FILE:LINE: field: problem, exit 65, nothing written" {
	add_trials
	before=$(db_digest)
	cat > round2.csv <<-'EOF'
	title,owner,start,end,milestone,round,outcome,participants
	Læsemakker i Kapisillit,4,2020-08-03,2020-09-25,2,2,,3;4
	"Fiskeri, skole og ""praktik""",9,2020-W33,2020-W40,2,2,,
	Nyt ungdomsråd,2,2020-10-01,2020-09-01,2,2,,
	Kaffemik,2,,,5,2,,
	Sprogcafé,2,2020-W99,,2,x,spread,
	Læsemakker i Tasiilaq,2,2020-08-03,2020-09-25,2,2,,3;17
	,2,,,,,,
	EOF
	run --separate-stderr vk-trial import round2.csv
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	expected='round2.csv:3: owner: there is no stakeholder 9
round2.csv:4: start: 2020-10-01 is after end 2020-09-01
round2.csv:5: milestone: there is no milestone 5
round2.csv:6: start: "2020-W99" is not a date: 2020 has 53 ISO weeks; use YYYY-MM-DD, YYYY-Www, YYYY-MM, today, yesterday, tomorrow, +Nd, -Nd, +Nw or -Nw
round2.csv:6: round: "x" is not a whole number
round2.csv:6: outcome: "spread" is not an outcome; use one of: adopt, adapt, drop
round2.csv:7: participants: there is no stakeholder 17
round2.csv:8: title: is required
vk-trial: round2.csv: 6 bad rows: nothing was imported'
	[ "$stderr" = "$expected" ] || fail_with "messages differ"
	[ "$(db_digest)" = "$before" ]
}

@test "import --dry-run prints what it would add and change, and writes nothing" {
	add_trials
	before=$(db_digest)
	printf '%s\n' 'id,title,status,end' \
		'2,Ungdomsråd i Tasiilaq,done,2020-06-19' \
		',Læsemakker i Kapisillit,proposed,2020-W40' \
		'5,Kaffemik for nye tilflyttere,idea,' > changes.csv
	run --separate-stderr vk-trial import changes.csv --dry-run
	[ "$status" -eq 0 ]
	[ "$output" = 'update trial 2 (line 2): status: "running" -> "done"; end: "2020-07-31" -> "2020-06-19"
add trial 8 (line 3): "Læsemakker i Kapisillit"
would add 1, update 1, leave 1 unchanged' ] || fail_with "dry run differs"
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-trial import changes.csv
	[ "$status" -eq 0 ]
	[[ "$(vk-trial show 2 -o jsonl)" == *'"status":"done",'*'"end":"2020-06-19",'* ]]
	[[ "$(vk-trial show 8 -o jsonl)" == *'"title":"Læsemakker i Kapisillit","description":null,"status":"proposed",'*'"end":"2020-10-04",'* ]]
}

@test "import reads ; separated CSV with a BOM from stdin, and checks columns and UTF-8" {
	add_trials
	printf '\xef\xbb\xbftitle;department;themes\r\nÅben hal om aftenen;Kultur og Fritid;"fællesskab;det gode liv"\r\n' |
		vk-trial import -
	[[ "$(vk-trial show 8 -o jsonl)" == *'"title":"Åben hal om aftenen",'*'"department":"Kultur og Fritid",'*'"themes":["fællesskab","det gode liv"],'* ]] ||
		fail_with "imported record"
	before=$(db_digest)
	printf '%s\n' 'title,farve' 'Læsemakker,rød' > unknown.csv
	run --separate-stderr vk-trial import unknown.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "unknown.csv:1: farve: no such field in a trial (--ignore-unknown skips it)"* ]] || fail_with "unknown"
	printf 'title,unit\nL\xe6semakker,Sk\xf8len\n' > latin1.csv
	run --separate-stderr vk-trial import latin1.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "latin1.csv:2: title: invalid UTF-8"* ]] || fail_with "utf-8"
	printf '%s\n' 'type,title' 'learning,Læsemakker' > wrongtype.csv
	run --separate-stderr vk-trial import wrongtype.csv
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-trial import unknown.csv --ignore-unknown
	[ "$status" -eq 0 ]
	[ "$(vk-trial list --title Læsemakker | ids)" = 9 ]
}

@test "import of a missing file exits 66; --from and --delimiter are taken" {
	add_trials
	before=$(db_digest)
	run --separate-stderr vk-trial import nosuch.csv
	[ "$status" -eq 66 ]
	[[ "$stderr" == "vk-trial: nosuch.csv: "* ]] || fail_with "message"
	[ "$(db_digest)" = "$before" ]
	printf '{"title":"Sprogcafé i Tasiilaq","status":"proposed","with":null}\n' > one.jsonl
	run --separate-stderr vk-trial import one.jsonl --from jsonl --ignore-unknown
	[ "$status" -eq 0 ]
	printf 'title|round\nLæsemakker|2\n' | tr '|' '\t' > one.tsv
	run --separate-stderr vk-trial import one.tsv --delimiter tab
	[ "$status" -eq 0 ]
	[ "$(vk-trial list --round 2 | ids)" = "4 5 9" ]
	[ "$(vk-trial list --status proposed | ids)" = "4 8" ]
}

# ---- log ----

@test "log records add, set, move and rm with the fields before and after" {
	add_people
	vk-trial add "Ungdomsråd i Tasiilaq" --owner 2 --department "Kultur og Fritid" --theme "børn og unge" 2>/dev/null
	vk-trial set 1 --unit "Ungdomsrådet" --clear themes
	vk-trial move 1 proposed --reason "Forslag fra ungdomsrådet" --date 2020-04-01
	vk-trial rm 1
	run vk-trial log 1 -o jsonl
	[ "$status" -eq 0 ]
	expected='{"type":"event","id":7,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"add","before":null,"after":{"title":"Ungdomsråd i Tasiilaq","status":"idea","owner":2,"department":"Kultur og Fritid","themes":["børn og unge"]}}
{"type":"event","id":8,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"set","before":{"unit":null,"themes":["børn og unge"]},"after":{"unit":"Ungdomsrådet","themes":[]}}
{"type":"event","id":9,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"move","before":{"status":"idea"},"after":{"status":"proposed","date":"2020-04-01","reason":"Forslag fra ungdomsrådet"}}
{"type":"event","id":10,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"rm","before":{"title":"Ungdomsråd i Tasiilaq","status":"proposed","owner":2,"unit":"Ungdomsrådet","department":"Kultur og Fritid"},"after":null}'
	[ "$(printf '%s' "$output" | norm_ts)" = "$expected" ] || fail_with "log differs"
}

@test "log without an id prints the history of every trial, as a table too; a missing id exits 1" {
	add_trials
	vk-trial set 5 --unit "Foreningen \"Kaffemik\"" >/dev/null
	run vk-trial log
	[ "$status" -eq 0 ]
	[ "$(count_lines "$output")" = 8 ]
	run vk-trial log -o table
	[ "$status" -eq 0 ]
	[ "$(count_lines "$output")" = 8 ]
	[ "$(printf '%s\n' "${lines[7]}" | norm_ts)" = 'TS  vk-test  set trial 5  unit: (none) -> "Foreningen \"Kaffemik\""' ] || fail_with "set line"
	run --separate-stderr vk-trial log 99
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-trial: no history for trial 99" ]
	# the learnings have a history of their own
	run --separate-stderr vk-trial learning log
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
}

# ---- --help, the store ----

@test "--help, every verb's --help and --version print to stdout and exit 0" {
	run --separate-stderr vk-trial --help
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "${lines[0]}" = "usage: vk-trial COMMAND [options] [arguments]" ]
	help=$output
	for verb in add show list set rm import export log move learning learn learnings; do
		[[ "$help" == *"  $verb "* ]] || fail_with "--help does not name $verb"
	done
	for verb in add show list set rm import export log move learn learnings; do
		run --separate-stderr vk-trial "$verb" --help
		[ "$status" -eq 0 ] || fail_with "$verb --help"
		[ "$stderr" = "" ]
		[[ "${lines[0]}" == "usage: vk-trial $verb"* ]] || fail_with "$verb usage line"
		[[ "$output" == *"--db FILE"* ]]
	done
	for verb in add show list set rm import export log; do
		run --separate-stderr vk-trial learning "$verb" --help
		[ "$status" -eq 0 ] || fail_with "learning $verb --help"
		[[ "${lines[0]}" == "usage: vk-trial learning $verb"* ]] || fail_with "learning $verb usage line"
	done
	run --separate-stderr vk-trial --version
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^vk-trial\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	[ ! -e "$VK_DB" ]
}

@test "an unknown command exits 2; a reading verb on a missing database exits 66 naming it" {
	run --separate-stderr vk-trial frobnicate
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: 'frobnicate' is not a command"* ]] || fail_with "message"
	for cmd in "list" "show 1" "export" "log" "learnings" "learning show 1" "learning export"; do
		# shellcheck disable=SC2086
		run --separate-stderr vk-trial $cmd
		[ "$status" -eq 66 ] || fail_with "$cmd"
		[ "$output" = "" ]
		[[ "$stderr" == "vk-trial: $VK_DB: "* ]] || fail_with "$cmd does not name the path"
	done
	[ ! -e "$VK_DB" ]
}
