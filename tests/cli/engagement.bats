#!/usr/bin/env bats
# vk-stakeholder: engagements (where stakeholders took part) and inputs
# (what was said), their verbs, filters and dates.
#
# The fixture (helpers.bash, add_people and add_engagements):
#  engagement 1 2020-02-24 seminar  Nuuk     with 1,2  politician=14;management=2  det gode liv;fællesskab
#  engagement 2 2020-03-11 workshop Tasiilaq with 2,3  citizen=23;employee=6       fællesskab;børn og unge
#  engagement 3 2020-06-23 dialogue Paamiut  with 4    citizen=12                  arbejdspladsen
#  input 1 e1 stakeholder 1 "borgmester"                    det gode liv
#  input 2 e2 anonymous     "ung kvinde, 19 år, Tasiilaq"   børn og unge;det gode liv
#  input 3 e2 stakeholder 3 "kvinde, Tasiilaq"              fællesskab
#  input 4 e3 anonymous     "mandlig fisker, Paamiut"       arbejdspladsen;børn og unge
# VK_TODAY is 2020-06-26.

load helpers

FORMS='use YYYY-MM-DD, YYYY-Www, YYYY-MM, today, yesterday, tomorrow, +Nd, -Nd, +Nw or -Nw'

# ---- engage ----

@test "engage records an engagement with participants, headcounts and themes, and prints its id" {
	add_people
	run --separate-stderr vk-stakeholder engage "Workshop i forsamlingshuset, Tasiilaq" \
		--date 2020-03-11 --kind workshop --town Tasiilaq --with 2,3 --with 6 \
		--headcount citizen=23 --headcount employee=6 --headcount association=3 \
		--theme fællesskab --theme "børn og unge" --notes $'Kaffemik bagefter;\n"tak for kaffe"'
	[ "$status" -eq 0 ]
	[ "$output" = "1" ]
	[ "$stderr" = "" ]
	run vk-stakeholder engagement show 1 -o jsonl
	[ "$output" = '{"type":"engagement","id":1,"date":"2020-03-11","kind":"workshop","title":"Workshop i forsamlingshuset, Tasiilaq","town":"Tasiilaq","participants":[2,3,6],"headcount":{"citizen":23,"employee":6,"association":3},"themes":["fællesskab","børn og unge"],"notes":"Kaffemik bagefter;\n\"tak for kaffe\"","inputs":[]}' ] ||
		fail_with "engagement differs"
	# engagement add is the same verb; --title may replace the argument
	[ "$(vk-stakeholder engagement add --title "Styregruppemøde" --date 2020-04-02 --kind meeting)" = 2 ]
	run vk-stakeholder engagement show 2 -o jsonl
	[ "$output" = '{"type":"engagement","id":2,"date":"2020-04-02","kind":"meeting","title":"Styregruppemøde","town":null,"participants":[],"headcount":{},"themes":[],"notes":null,"inputs":[]}' ] ||
		fail_with "engagement add"
}

@test "engage reads every date form of SPEC, relative to VK_TODAY" {
	vk-stakeholder add "Aviaja Kristiansen-Kleist" 2>/dev/null
	for d in 2020-03-11 2020-W11 2020-06 today yesterday tomorrow +3d -2w +1w -10d; do
		vk-stakeholder engage "Møde $d" --date "$d" --kind meeting > /dev/null
	done
	run vk-stakeholder engagements -o csv
	[ "$status" -eq 0 ]
	dates=$(printf '%s\n' "$output" | tail -n +2 | cut -d, -f2 | paste -sd' ' -)
	[ "$dates" = "2020-03-11 2020-03-09 2020-06-01 2020-06-26 2020-06-25 2020-06-27 2020-06-29 2020-06-12 2020-07-03 2020-06-16" ] ||
		fail_with "dates: $dates"
	# a leap day exists in 2020; week 53 in 2020
	vk-stakeholder engage "Skuddag" --date 2020-02-29 --kind other > /dev/null
	vk-stakeholder engage "Uge 53" --date 2020-W53 --kind other > /dev/null
	[[ "$(vk-stakeholder engagement show 12)" == *'"date":"2020-12-28"'* ]]
}

@test "engage with a date that does not exist exits 65 quoting it and listing the forms" {
	add_people
	add_engagements
	before=$(db_digest)
	run --separate-stderr vk-stakeholder engage "Møde" --date 2020-02-30 --kind meeting
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-stakeholder: date: \"2020-02-30\" is not a date: February 2020 has 29 days; $FORMS" ]
	run --separate-stderr vk-stakeholder engage "Møde" --date 2021-W53 --kind meeting
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-stakeholder: date: \"2021-W53\" is not a date: 2021 has 52 ISO weeks; $FORMS" ]
	run --separate-stderr vk-stakeholder engage "Møde" --date 2019-02-29 --kind meeting
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'"2019-02-29" is not a date'*"$FORMS" ]]
	run --separate-stderr vk-stakeholder engage "Møde" --date 24/02/2020 --kind meeting
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-stakeholder: date: \"24/02/2020\" is not a date; $FORMS" ]
	run --separate-stderr vk-stakeholder engage "Møde" --date 2020-13 --kind meeting
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'"2020-13" is not a date'* ]]
	run --separate-stderr vk-stakeholder engage "Møde" --date "i morgen" --kind meeting
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
}

@test "engage with an unknown stakeholder in --with exits 65 naming it, and writes nothing" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder engage "Workshop" --date 2020-03-11 --kind workshop --with 2,99
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-stakeholder: participants: there is no stakeholder 99" ]
	run --separate-stderr vk-stakeholder engage "Workshop" --date 2020-03-11 --kind workshop --with 1 --with 77,78
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"there is no stakeholder 77"* ]]
	[[ "$stderr" == *"there is no stakeholder 78"* ]]
	run --separate-stderr vk-stakeholder engage "Workshop" --date 2020-03-11 --kind workshop --with Aviaja
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
}

@test "engage with a bad kind or headcount exits 65 listing the allowed values" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder engage "Fest" --date 2020-06-21 --kind party
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-stakeholder: kind: "party" is not an engagement kind; use one of: interview, workshop, meeting, seminar, survey, dialogue, visit, event, other' ]
	run --separate-stderr vk-stakeholder engage "Fest" --date 2020-06-21 --kind event --headcount borger=12
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'"borger" is not a group; use one of: politician, management, manager, employee, citizen, association, business, education, partner, consultant, other' ]]
	run --separate-stderr vk-stakeholder engage "Fest" --date 2020-06-21 --kind event --headcount citizen=-4
	[ "$status" -eq 65 ]
	run --separate-stderr vk-stakeholder engage "Fest" --date 2020-06-21 --kind event --headcount citizen=mange
	[ "$status" -eq 65 ]
	run --separate-stderr vk-stakeholder engage "Fest" --date 2020-06-21 --kind event --headcount citizen
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
}

@test "engage without --date, --kind or a title exits 2" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder engage "Møde" --kind meeting
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--date"* ]]
	run --separate-stderr vk-stakeholder engage "Møde" --date 2020-06-01
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--kind"* ]]
	run --separate-stderr vk-stakeholder engage --date 2020-06-01 --kind meeting
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder engage "Møde" --date 2020-06-01 --kind meeting --bogus
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

# ---- engagements: list ----

@test "engagements --since and --until take dates, ISO weeks and months, inclusive" {
	add_people
	add_engagements
	[ "$(vk-stakeholder engagements | ids)" = "1 2 3" ]
	[ "$(vk-stakeholder engagements --since 2020-03-01 | ids)" = "2 3" ]
	[ "$(vk-stakeholder engagements --since 2020-03-11 | ids)" = "2 3" ]
	[ "$(vk-stakeholder engagements --since 2020-03-12 | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --until 2020-03-10 | ids)" = "1" ]
	[ "$(vk-stakeholder engagements --until 2020-03-11 | ids)" = "1 2" ]
	# a week as a start is its Monday, as an end its Sunday
	[ "$(vk-stakeholder engagements --until 2020-W10 | ids)" = "1" ]
	[ "$(vk-stakeholder engagements --until 2020-W11 | ids)" = "1 2" ]
	[ "$(vk-stakeholder engagements --since 2020-W11 | ids)" = "2 3" ]
	[ "$(vk-stakeholder engagements --since 2020-W12 | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --since 2020-W11 --until 2020-W11 | ids)" = "2" ]
	[ "$(vk-stakeholder engagements --since 2020-W09 --until 2020-W09 | ids)" = "1" ]
	# a month as a start is its 1st, as an end its last day
	[ "$(vk-stakeholder engagements --until 2020-02 | ids)" = "1" ]
	[ "$(vk-stakeholder engagements --since 2020-03 --until 2020-03 | ids)" = "2" ]
	[ "$(vk-stakeholder engagements --since 2020-06 | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --since 2020-04 --until 2020-05 | ids)" = "" ]
	# relative to VK_TODAY (2020-06-26)
	[ "$(vk-stakeholder engagements --since -1w | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --since -4d | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --since -3d | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --since -2d | ids)" = "" ]
	[ "$(vk-stakeholder engagements --since today | ids)" = "" ]
	[ "$(vk-stakeholder engagements --until yesterday | ids)" = "1 2 3" ]
}

@test "engagements filters by kind, town, participant, theme, title, headcount group and date" {
	add_people
	add_engagements
	[ "$(vk-stakeholder engagements --kind workshop | ids)" = "2" ]
	[ "$(vk-stakeholder engagements --kind interview | ids)" = "" ]
	[ "$(vk-stakeholder engagements --town Paamiut | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --with 2 | ids)" = "1 2" ]
	[ "$(vk-stakeholder engagements --with 4 | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --with 6 | ids)" = "" ]
	[ "$(vk-stakeholder engagements --theme fællesskab | ids)" = "1 2" ]
	[ "$(vk-stakeholder engagements --theme "børn og unge" | ids)" = "2" ]
	[ "$(vk-stakeholder engagements --title tasiilaq | ids)" = "2" ]
	[ "$(vk-stakeholder engagements --headcount citizen | ids)" = "2 3" ]
	[ "$(vk-stakeholder engagements --date 2020-06-23 | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --with 2 --theme "børn og unge" | ids)" = "2" ]
	[ "$(vk-stakeholder engagements --since 2020-03-01 --town Nuuk | ids)" = "" ]
	[ "$(vk-stakeholder engagement list --kind seminar | ids)" = "1" ]
}

@test "engagements --without GROUP: where no one of the group took part, named or counted" {
	add_people
	add_engagements
	# citizens: named (3) at 2, counted at 2 and 3
	[ "$(vk-stakeholder engagements --without citizen | ids)" = "1" ]
	# employees: counted at 2, named (4) at 3
	[ "$(vk-stakeholder engagements --without employee | ids)" = "1" ]
	# politicians: named and counted at 1
	[ "$(vk-stakeholder engagements --without politician | ids)" = "2 3" ]
	[ "$(vk-stakeholder engagements --without consultant | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --without business | ids)" = "1 2 3" ]
	# more than one: none of them
	[ "$(vk-stakeholder engagements --without politician,consultant | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --without politician --without consultant | ids)" = "3" ]
	[ "$(vk-stakeholder engagements --without citizen,politician | ids)" = "" ]
	# a headcount of 0 is no one present; the group is read as --group reads it
	vk-stakeholder engage "Åbent hus på rådhuset, \"kom og sig din mening\"" --date 2020-06-24 \
		--kind event --town Nuuk --headcount citizen=0 --with 6 >/dev/null
	[ "$(vk-stakeholder engagements --without Citizen | ids)" = "1 4" ]
	# with the other filters, sort and limit, in every format
	[ "$(vk-stakeholder engagements --without citizen --town nuuk --sort -date | ids)" = "4 1" ]
	[ "$(vk-stakeholder engagements --without citizen --since 2020-03-01 | ids)" = "4" ]
	[ "$(vk-stakeholder engagements --without citizen --limit 1 | ids)" = "1" ]
	run vk-stakeholder engagements --without citizen -o csv --excel
	[[ "$output" == $'\xef\xbb\xbfid;date;kind'* ]] && [[ "$output" == *$'\r\n4;2020-06-24;event;"Åbent hus på rådhuset, ""kom og sig din mening""";Nuuk;6;citizen=0;'* ]] ||
		fail_with "--excel"
	[ "$(vk-stakeholder engagements --without citizen -o json | grep -c '"type": *"engagement"')" = 2 ] ||
		fail_with "-o json"
}

@test "engagements --without with a group that does not exist exits 65 naming the groups" {
	add_people
	add_engagements
	run --separate-stderr vk-stakeholder engagements --without borger
	[ "$status" -eq 65 ] && [ "$output" = "" ] || fail_with "--without borger"
	[ "$stderr" = 'vk-stakeholder: --without: "borger" is not a group; use one of: politician, management, manager, employee, citizen, association, business, education, partner, consultant, other' ]
	run --separate-stderr vk-stakeholder engagements --without citizen,
	[ "$status" -eq 0 ] && [ "$(printf '%s\n' "$output" | ids)" = "1" ] || fail_with "a trailing comma"
	run --separate-stderr vk-stakeholder engagements --without ""
	[ "$status" -eq 65 ] || fail_with "an empty group"
	run --separate-stderr vk-stakeholder engagements --without
	[ "$status" -eq 2 ] || fail_with "no value"
}

@test "engagements --sort and --limit" {
	add_people
	add_engagements
	[ "$(vk-stakeholder engagements --sort -date | ids)" = "3 2 1" ]
	[ "$(vk-stakeholder engagements --sort title | ids)" = "3 1 2" ]
	[ "$(vk-stakeholder engagements --sort -date --limit 2 | ids)" = "3 2" ]
	[ "$(vk-stakeholder engagements --sort town | ids)" = "1 3 2" ]
}

@test "engagements with a bad filter value exits 65 and says what is wrong" {
	add_people
	add_engagements
	run --separate-stderr vk-stakeholder engagements --since 2020-02-30
	[ "$status" -eq 65 ] || fail_with "--since with a bad date"
	[ "$output" = "" ]
	[[ "$stderr" == *'"2020-02-30" is not a date: February 2020 has 29 days; '"$FORMS"* ]] || fail_with "message"
	run --separate-stderr vk-stakeholder engagements --until 2021-W53
	[ "$status" -eq 65 ] || fail_with "--until with a bad week"
	[[ "$stderr" == *'"2021-W53" is not a date: 2021 has 52 ISO weeks'* ]]
	run --separate-stderr vk-stakeholder engagements --date 2020-02-30
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'"2020-02-30" is not a date: February 2020 has 29 days; '"$FORMS"* ]]
	run --separate-stderr vk-stakeholder engagements --kind party
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'"party" is not an engagement kind; use one of: interview, workshop, meeting, seminar, survey, dialogue, visit, event, other'* ]]
	run --separate-stderr vk-stakeholder engagements --with nogen
	[ "$status" -eq 65 ]
	run --separate-stderr vk-stakeholder engagements --bogus
	[ "$status" -eq 2 ]
}

@test "engagements prints every format; its --help names the shortcut" {
	add_people
	add_engagements
	run vk-stakeholder engagements -o table
	[ "$status" -eq 0 ]
	expected='id  date        kind      title                                    town      participants  headcount
 1  2020-02-24  seminar   Opstartsseminar med kommunalbestyrelsen  Nuuk      1;2           politician=14;management=2
 2  2020-03-11  workshop  Workshop i forsamlingshuset, Tasiilaq    Tasiilaq  2;3           citizen=23;employee=6
 3  2020-06-23  dialogue  Borgermøde i Paamiut                     Paamiut   4             citizen=12'
	[ "$output" = "$expected" ] || fail_with "table"
	vk-stakeholder engagements -o csv > out.csv
	printf '%s\r\n' 'id,date,kind,title,town,participants,headcount,themes,notes' \
		'1,2020-02-24,seminar,Opstartsseminar med kommunalbestyrelsen,Nuuk,1;2,politician=14;management=2,det gode liv;fællesskab,' \
		'2,2020-03-11,workshop,"Workshop i forsamlingshuset, Tasiilaq",Tasiilaq,2;3,citizen=23;employee=6,fællesskab;børn og unge,"Kaffemik bagefter; ""tak for kaffe"""' \
		'3,2020-06-23,dialogue,Borgermøde i Paamiut,Paamiut,4,citizen=12,arbejdspladsen,' > expected.csv
	diff expected.csv out.csv
	[ "$(vk-stakeholder engagements -o json | head -1)" = "[" ]
	[ "$(vk-stakeholder engagements -o tsv | head -1)" = "$(printf 'id\tdate\tkind\ttitle\ttown\tparticipants\theadcount\tthemes\tnotes')" ]
	run vk-stakeholder engagements --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: vk-stakeholder engagements [options]" ]
}

# ---- inputs ----

@test "input add records what was said with attribution, stakeholder and themes" {
	add_people
	add_engagements
	run --separate-stderr vk-stakeholder input add 'Vi skal have "flere" lærere, også i bygderne.' \
		--engagement 2 --stakeholder 6 --source "kvinde, 45 år, Ittoqqortoormiit" \
		--theme "børn og unge" --theme arbejdspladsen
	[ "$status" -eq 0 ]
	[ "$output" = 5 ]
	run vk-stakeholder input show 5 -o jsonl
	[ "$output" = '{"type":"input","id":5,"engagement":2,"stakeholder":6,"source":"kvinde, 45 år, Ittoqqortoormiit","text":"Vi skal have \"flere\" lærere, også i bygderne.","themes":["børn og unge","arbejdspladsen"]}' ] ||
		fail_with "input differs"
	# --text instead of the argument, no attribution
	[ "$(vk-stakeholder input add --text $'Linje et\nLinje to' --engagement 3)" = 6 ]
	run vk-stakeholder input show 6 -o json
	[ "$output" = '{"type":"input","id":6,"engagement":3,"stakeholder":null,"source":null,"text":"Linje et\nLinje to","themes":[]}' ] ||
		fail_with "input 6"
}

@test "input add without --engagement or text exits 2; an unknown engagement or stakeholder exits 65" {
	add_people
	add_engagements
	before=$(db_digest)
	run --separate-stderr vk-stakeholder input add "Hej"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--engagement"* ]]
	run --separate-stderr vk-stakeholder input add --engagement 1
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder input add "Hej" --engagement 99
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-stakeholder: engagement: there is no engagement 99" ]
	run --separate-stderr vk-stakeholder input add "Hej" --engagement 1 --stakeholder 99
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-stakeholder: stakeholder: there is no stakeholder 99" ]
	[ "$(db_digest)" = "$before" ]
}

@test "inputs filters by theme, engagement, stakeholder, source and text" {
	add_people
	add_engagements
	[ "$(vk-stakeholder inputs | ids)" = "1 2 3 4" ]
	[ "$(vk-stakeholder inputs --theme "børn og unge" | ids)" = "2 4" ]
	[ "$(vk-stakeholder inputs --theme "det gode liv" | ids)" = "1 2" ]
	[ "$(vk-stakeholder inputs --engagement 2 | ids)" = "2 3" ]
	[ "$(vk-stakeholder inputs 2 | ids)" = "2 3" ]
	[ "$(vk-stakeholder inputs --stakeholder 3 | ids)" = "3" ]
	[ "$(vk-stakeholder inputs --source borgmester | ids)" = "1" ]
	[ "$(vk-stakeholder inputs --text fangsten | ids)" = "3" ]
	[ "$(vk-stakeholder inputs --text KAPISILLIT | ids)" = "1" ]
	[ "$(vk-stakeholder inputs --engagement 2 --theme fællesskab | ids)" = "3" ]
	[ "$(vk-stakeholder inputs --sort -id --limit 2 | ids)" = "4 3" ]
	[ "$(vk-stakeholder input list --engagement 3 | ids)" = "4" ]
	run --separate-stderr vk-stakeholder inputs --engagement første
	[ "$status" -eq 65 ]
}

@test "inputs prints a table and CSV" {
	add_people
	add_engagements
	run vk-stakeholder inputs -o table
	[ "$status" -eq 0 ]
	expected='id  engagement  source                       text                                      themes
 1           1  borgmester                   Visionen skal kunne forstås lige godt i…  det gode liv
 2           2  ung kvinde, 19 år, Tasiilaq  Jeg vil gerne hjem igen bagefter. "Der …  børn og unge;det gode liv
 3           2  kvinde, Tasiilaq             Før delte vi fangsten med naboerne.       fællesskab
 4           3  mandlig fisker, Paamiut      Vi mangler lærere og pædagoger.           arbejdspladsen;børn og unge'
	[ "$output" = "$expected" ] || fail_with "table"
	vk-stakeholder inputs --engagement 2 -o csv > out.csv
	printf '%s\r\n' 'id,engagement,stakeholder,source,text,themes' \
		'2,2,,"ung kvinde, 19 år, Tasiilaq","Jeg vil gerne hjem igen bagefter. ""Der skal være noget at komme hjem til.""",børn og unge;det gode liv' \
		'3,2,3,"kvinde, Tasiilaq",Før delte vi fangsten med naboerne.,fællesskab' > expected.csv
	diff expected.csv out.csv
}

# ---- rm ----

@test "engagement rm removes the engagement with its inputs, and the log shows both" {
	add_people
	add_engagements
	run --separate-stderr vk-stakeholder engagement rm 2
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-stakeholder: removed engagement 2 and its 2 inputs" ] || fail_with "what went"
	run vk-stakeholder engagement show 2
	[ "$status" -eq 1 ]
	[ "$(vk-stakeholder engagements | ids)" = "1 3" ]
	[ "$(vk-stakeholder inputs | ids)" = "1 4" ]
	run vk-stakeholder input show 3
	[ "$status" -eq 1 ]
	[[ "$(vk-stakeholder input log 2 | tail -1)" == *'"entity":"input","entity_id":2,"action":"rm","before":{"engagement":2,"source":"ung kvinde, 19 år, Tasiilaq",'* ]]
	[[ "$(vk-stakeholder input log 3 | tail -1)" == *'"entity":"input","entity_id":3,"action":"rm","before":{"engagement":2,"stakeholder":3,'* ]]
	[[ "$(vk-stakeholder engagement log 2 | tail -1)" == *'"entity":"engagement","entity_id":2,"action":"rm","before":{"date":"2020-03-11","kind":"workshop",'* ]]
	# a participant no longer referred to can now be removed
	run vk-stakeholder rm 3
	[ "$status" -eq 0 ]
}

@test "engagement rm says what went with it; rm --dry-run says it first and removes nothing" {
	add_people
	add_engagements
	for text in "Hallen er for lille til både fodbold og kaffemik." \
		"Bussen kører ikke om aftenen, så de unge bliver hjemme." \
		'"Vi vil gerne være med, hvis vi bliver spurgt," sagde Ane-Sofie.'; do
		vk-stakeholder input add --engagement 3 --source "borger, Paamiut" "$text" >/dev/null
	done
	vk-stakeholder engage "Telefonrunde til foreningerne" --date 2020-06-25 --kind dialogue >/dev/null
	before=$(db_digest)
	run --separate-stderr vk-stakeholder engagement rm 3 1 4 --dry-run
	[ "$status" -eq 0 ]
	[ "$output" = "would remove engagement 3 and its 4 inputs
would remove engagement 1 and its 1 input
would remove engagement 4" ] || fail_with "dry run"
	[ "$stderr" = "" ]
	[ "$(db_digest)" = "$before" ]
	# a dry run of what cannot be done fails as the removal would
	run --separate-stderr vk-stakeholder engagement rm 3 9 --dry-run
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[[ "$stderr" == "vk-stakeholder: no engagement 9"* ]] || fail_with "missing"
	run --separate-stderr vk-stakeholder rm 2 --dry-run
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == "vk-stakeholder: cannot remove stakeholder 2: referred to by engagement 1 (participants)"* ]] ||
		fail_with "refused"
	[ "$(db_digest)" = "$before" ]
	# and for real: what went with each on stderr, stdout empty
	run --separate-stderr vk-stakeholder engagement rm 3 1 4
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-stakeholder: removed engagement 3 and its 4 inputs
vk-stakeholder: removed engagement 1 and its 1 input" ] || fail_with "what went"
	[ "$(vk-stakeholder engagements | ids)" = "2" ]
	[ "$(vk-stakeholder inputs | ids)" = "2 3" ]
	# a record that owns nothing goes without a word, as set changes without one
	run --separate-stderr vk-stakeholder input rm 3 --dry-run
	[ "$output" = "would remove input 3" ]
	run --separate-stderr vk-stakeholder input rm 3
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	[ "$(vk-stakeholder inputs | ids)" = "2" ]
}

@test "engagement rm and input rm of a missing record exit 1 and write nothing" {
	add_people
	add_engagements
	before=$(db_digest)
	run --separate-stderr vk-stakeholder engagement rm 9
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-stakeholder: no engagement 9" ]
	run --separate-stderr vk-stakeholder input rm 9
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-stakeholder: no input 9" ]
	run --separate-stderr vk-stakeholder engagement rm 1 9
	[ "$status" -eq 1 ]
	[ "$(db_digest)" = "$before" ]
}

@test "input rm removes one input and keeps the engagement" {
	add_people
	add_engagements
	run vk-stakeholder input rm 3
	[ "$status" -eq 0 ]
	[ "$(vk-stakeholder inputs | ids)" = "1 2 4" ]
	[ "$(vk-stakeholder engagements | ids)" = "1 2 3" ]
	[[ "$(vk-stakeholder input log 3 | tail -1)" == *'"action":"rm"'* ]]
}

# ---- set, show ----

@test "engagement set changes fields, replaces participants and headcounts, --clear empties" {
	add_people
	add_engagements
	run vk-stakeholder engagement set 1 --date 2020-W10 --kind meeting --town Qaqortoq \
		--with 1,5 --headcount business=4 --theme arbejdspladsen --title "Opstartsmøde"
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	run vk-stakeholder engagement show 1 -o jsonl
	[[ "$output" == '{"type":"engagement","id":1,"date":"2020-03-02","kind":"meeting","title":"Opstartsmøde","town":"Qaqortoq","participants":[1,5],"headcount":{"business":4},"themes":["arbejdspladsen"],"notes":null,'* ]] ||
		fail_with "after set"
	run vk-stakeholder engagement set 1 --clear town --clear headcount --clear themes
	[ "$status" -eq 0 ]
	run vk-stakeholder engagement show 1 -o jsonl
	[[ "$output" == *'"town":null,"participants":[1,5],"headcount":{},"themes":[],'* ]] || fail_with "after clear"
	[ "$(vk-stakeholder engagements --with 2 | ids)" = "2" ]
	[ "$(vk-stakeholder engagements --with 5 | ids)" = "1" ]
}

@test "engagement set with a bad date, a missing id or an unknown participant writes nothing" {
	add_people
	add_engagements
	before=$(db_digest)
	run --separate-stderr vk-stakeholder engagement set 1 --date 2020-02-30
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-stakeholder: date: \"2020-02-30\" is not a date: February 2020 has 29 days; $FORMS" ]
	run --separate-stderr vk-stakeholder engagement set 1 --town Nuuk --date 2021-W53
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-stakeholder: date: \"2021-W53\" is not a date: 2021 has 52 ISO weeks; $FORMS" ]
	run --separate-stderr vk-stakeholder engagement set 1 --with 1,99
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-stakeholder: participants: there is no stakeholder 99" ]
	run --separate-stderr vk-stakeholder engagement set 99 --town Nuuk
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-stakeholder: no engagement 99" ]
	run --separate-stderr vk-stakeholder engagement set 1
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder engagement set 1 --clear date
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

@test "engagement show prints the engagement with its inputs, as text and as one JSON object" {
	add_people
	add_engagements
	run vk-stakeholder engagement show 2 -o table
	[ "$status" -eq 0 ]
	expected='id:           2
date:         2020-03-11
kind:         workshop
title:        Workshop i forsamlingshuset, Tasiilaq
town:         Tasiilaq
participants: 2, 3
headcount:    citizen=23, employee=6
themes:       fællesskab, børn og unge
notes:        Kaffemik bagefter; "tak for kaffe"

inputs:
  input 2: Jeg vil gerne hjem igen bagefter. "Der skal være noget at komme hjem til."
  input 3: Før delte vi fangsten med naboerne.'
	[ "$output" = "$expected" ] || fail_with "table"
	run vk-stakeholder engagement show 2 -o json
	[ "$output" = '{"type":"engagement","id":2,"date":"2020-03-11","kind":"workshop","title":"Workshop i forsamlingshuset, Tasiilaq","town":"Tasiilaq","participants":[2,3],"headcount":{"citizen":23,"employee":6},"themes":["fællesskab","børn og unge"],"notes":"Kaffemik bagefter; \"tak for kaffe\"","inputs":[{"type":"input","id":2,"engagement":2,"stakeholder":null,"source":"ung kvinde, 19 år, Tasiilaq","text":"Jeg vil gerne hjem igen bagefter. \"Der skal være noget at komme hjem til.\"","themes":["børn og unge","det gode liv"]},{"type":"input","id":3,"engagement":2,"stakeholder":3,"source":"kvinde, Tasiilaq","text":"Før delte vi fangsten med naboerne.","themes":["fællesskab"]}]}' ] ||
		fail_with "json"
	run --separate-stderr vk-stakeholder engagement show 9
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-stakeholder: no engagement 9" ]
}

@test "input set changes text, themes, source and stakeholder; --clear empties them" {
	add_people
	add_engagements
	run vk-stakeholder input set 2 --text "Der skal være noget at komme hjem til." --theme fællesskab \
		--stakeholder 6 --source "kvinde, 20 år"
	[ "$status" -eq 0 ]
	run vk-stakeholder input show 2 -o jsonl
	[ "$output" = '{"type":"input","id":2,"engagement":2,"stakeholder":6,"source":"kvinde, 20 år","text":"Der skal være noget at komme hjem til.","themes":["fællesskab"]}' ] ||
		fail_with "after set"
	run vk-stakeholder input set 2 --clear stakeholder --clear source --clear themes --engagement 3
	[ "$status" -eq 0 ]
	run vk-stakeholder input show 2 -o jsonl
	[ "$output" = '{"type":"input","id":2,"engagement":3,"stakeholder":null,"source":null,"text":"Der skal være noget at komme hjem til.","themes":[]}' ] ||
		fail_with "after clear"
	before=$(db_digest)
	run --separate-stderr vk-stakeholder input set 2 --stakeholder 99
	[ "$status" -eq 65 ]
	run --separate-stderr vk-stakeholder input set 2 --clear text
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder input set 2 --clear engagement
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder input set 99 --text x
	[ "$status" -eq 1 ]
	[ "$(db_digest)" = "$before" ]
}

# ---- log ----

@test "engagement log and input log show add and set with before and after" {
	add_people
	add_engagements
	vk-stakeholder engagement set 3 --town Nuuk --headcount citizen=15
	vk-stakeholder input set 4 --source "fisker"
	run vk-stakeholder engagement log 3
	[ "$status" -eq 0 ]
	[ "$(count_lines "$output")" = 2 ]
	[ "$(printf '%s\n' "${lines[0]}" | norm_ts)" = '{"type":"event","id":9,"at":"TS","user":"vk-test","entity":"engagement","entity_id":3,"action":"add","before":null,"after":{"date":"2020-06-23","kind":"dialogue","title":"Borgermøde i Paamiut","town":"Paamiut","participants":[4],"headcount":{"citizen":12},"themes":["arbejdspladsen"]}}' ] ||
		fail_with "add event"
	[ "$(printf '%s\n' "${lines[1]}" | norm_ts)" = '{"type":"event","id":14,"at":"TS","user":"vk-test","entity":"engagement","entity_id":3,"action":"set","before":{"town":"Paamiut","headcount":{"citizen":12}},"after":{"town":"Nuuk","headcount":{"citizen":15}}}' ] ||
		fail_with "set event"
	run vk-stakeholder input log 4
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == *'"action":"set","before":{"source":"mandlig fisker, Paamiut"},"after":{"source":"fisker"}}' ]] || fail_with "input set event"
	# every engagement's history without an id
	[ "$(vk-stakeholder engagement log | wc -l)" -eq 4 ]
	# the stakeholder log holds stakeholders only
	[ "$(vk-stakeholder log | wc -l)" -eq 6 ]
	run vk-stakeholder engagement log 99
	[ "$status" -eq 1 ]
}

# ---- export, import ----

engagement_round_trip() { # FORMAT
	add_people
	add_engagements
	vk-stakeholder engagement set 2 --notes $'=1+1 er to\nog "mere"' >/dev/null
	vk-stakeholder input rm 2
	for noun in "" engagement input; do
		# shellcheck disable=SC2086
		vk-stakeholder $noun export -o "$1" > "export$noun.out"
		# shellcheck disable=SC2086
		vk-stakeholder $noun export -o jsonl > "original$noun.jsonl"
	done
	for noun in "" engagement input; do
		# shellcheck disable=SC2086
		run --separate-stderr vk-stakeholder --db "$TEST_DIR/copy.db" $noun import "export$noun.out"
		[ "$status" -eq 0 ] || fail_with "$noun import of the $1 export failed"
	done
	for noun in "" engagement input; do
		# shellcheck disable=SC2086
		vk-stakeholder --db "$TEST_DIR/copy.db" $noun export -o jsonl > "copy$noun.jsonl"
		diff "original$noun.jsonl" "copy$noun.jsonl"
	done
	[ "$(vk-stakeholder --db "$TEST_DIR/copy.db" inputs | ids)" = "1 3 4" ]
}

@test "engagements and inputs: export -o csv then import into an empty database gives the same records" {
	engagement_round_trip csv
}

@test "engagements and inputs: export -o json then import into an empty database gives the same records" {
	engagement_round_trip json
}

@test "engagements and inputs: export -o jsonl then import into an empty database gives the same records" {
	engagement_round_trip jsonl
}

@test "engagement import checks dates, kinds, headcounts and participants row by row" {
	add_people
	before=$(db_digest)
	printf '%s\n' 'date,kind,title,town,participants,headcount' \
		'2020-02-30,workshop,Workshop,Nuuk,,' \
		'2021-W53,meeting,Møde,Nuuk,,' \
		'2020-W11,party,"Fest, med kaffemik",Tasiilaq,,borger=2' \
		'2020-03-12,visit,Besøg,Paamiut,1;99,' \
		'2020-03,workshop,"To' 'linjer",Nuuk,,citizen=mange' > bad.csv
	run --separate-stderr vk-stakeholder engagement import bad.csv
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == *"bad.csv:2: date: \"2020-02-30\" is not a date: February 2020 has 29 days; $FORMS"* ]] || fail_with "line 2"
	[[ "$stderr" == *"bad.csv:3: date: \"2021-W53\" is not a date: 2021 has 52 ISO weeks; $FORMS"* ]] || fail_with "line 3"
	[[ "$stderr" == *'bad.csv:4: kind: "party" is not an engagement kind'* ]] || fail_with "line 4 kind"
	[[ "$stderr" == *'bad.csv:4: headcount: "borger" is not a group'* ]] || fail_with "line 4 headcount"
	[[ "$stderr" == *'bad.csv:5: participants: there is no stakeholder 99'* ]] || fail_with "line 5"
	[[ "$stderr" == *'bad.csv:6: headcount: citizen: the count must be a whole number'* ]] || fail_with "line 6"
	[ "$(db_digest)" = "$before" ]
}

@test "input import refuses unknown engagements and stakeholders and a missing text" {
	add_people
	add_engagements
	before=$(db_digest)
	printf '%s\n' 'engagement,stakeholder,source,text,themes' \
		'9,,"kvinde, Nuuk",Hej,fællesskab' \
		'1,,,,' \
		'1,77,,Hej igen,' \
		'2,3,"kvinde, Tasiilaq","Godt, tak",fællesskab;børn og unge' > bad.csv
	run --separate-stderr vk-stakeholder input import bad.csv
	[ "$status" -eq 65 ]
	expected='bad.csv:2: engagement: there is no engagement 9
bad.csv:3: text: is required
bad.csv:4: stakeholder: there is no stakeholder 77'
	[[ "$stderr" == "$expected"* ]] || fail_with "problems"
	[ "$(db_digest)" = "$before" ]
}
