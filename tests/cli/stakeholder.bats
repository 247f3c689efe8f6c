#!/usr/bin/env bats
# vk-stakeholder: the stakeholder records, every verb and option, the
# store (where it is, how it is created) and the conventions every vk
# program shares (--help, --version, exit codes, full disks).

load helpers

GROUPS_LIST='politician, management, manager, employee, citizen, association, business, education, partner, consultant, other'

# ---- add ----

@test "add prints only the new id on stdout, and the first one says it created the database" {
	run --separate-stderr vk-stakeholder add "Aviaja Kristiansen-Kleist"
	[ "$status" -eq 0 ] || fail_with "add failed"
	[ "$output" = "1" ]
	[ "$stderr" = "vk-stakeholder: created database $VK_DB" ]
	run --separate-stderr vk-stakeholder add "Søren Ødegård Åsheim"
	[ "$status" -eq 0 ]
	[ "$output" = "2" ]
	[ "$stderr" = "" ]
	id=$(vk-stakeholder add "Naja Lyberth-Møller")
	[ "$id" = 3 ]
}

@test "add sets every field, given as options" {
	vk-stakeholder add "Aviaja Kristiansen-Kleist" --group politician \
		--organisation "Kommuneqarfik Sermersooq, Kommunalbestyrelsen" \
		--town Nuuk --email aviaja.kk@example.gl --phone "+299 36 60 01" \
		--role owner --allocation 20 --influence high --interest medium \
		--tag vision --tag "det gode liv" \
		--notes $'Borgmester, "ejer" af processen.\nAnden linje: æ ø å' 2>/dev/null
	run vk-stakeholder show 1 -o jsonl
	[ "$status" -eq 0 ]
	[ "$(printf '%s' "$output" | norm_ts)" = '{"type":"stakeholder","id":1,"name":"Aviaja Kristiansen-Kleist","group":"politician","organisation":"Kommuneqarfik Sermersooq, Kommunalbestyrelsen","town":"Nuuk","email":"aviaja.kk@example.gl","phone":"+299 36 60 01","roles":["owner"],"allocation":20,"influence":"high","interest":"medium","tags":["vision","det gode liv"],"notes":"Borgmester, \"ejer\" af processen.\nAnden linje: æ ø å","created":"TS","updated":"TS","engagements":[],"inputs":[],"milestones":[],"goals":[],"trials":[],"learnings":[]}' ] ||
		fail_with "unexpected record"
	# created and updated are RFC 3339 UTC timestamps
	[[ "$output" =~ \"created\":\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\" ]]
}

@test "add --name sets the name instead of the argument; a record without fields gets nulls and empty lists" {
	id=$(vk-stakeholder add --name "Ane-Sofie Ødegaard" 2>/dev/null)
	[ "$id" = 1 ]
	run vk-stakeholder show 1 -o jsonl
	[ "$(printf '%s' "$output" | norm_ts)" = '{"type":"stakeholder","id":1,"name":"Ane-Sofie Ødegaard","group":null,"organisation":null,"town":null,"email":null,"phone":null,"roles":[],"allocation":null,"influence":null,"interest":null,"tags":[],"notes":null,"created":"TS","updated":"TS","engagements":[],"inputs":[],"milestones":[],"goals":[],"trials":[],"learnings":[]}' ]
}

@test "add --role repeated and comma-joined collects every role, in order, once each" {
	vk-stakeholder add "Søren Ødegård Åsheim" --role owner,steering --role lead --role owner 2>/dev/null
	run vk-stakeholder show 1 -o jsonl
	[[ "$output" == *'"roles":["owner","steering","lead"]'* ]] || fail_with "roles"
	# values are matched ignoring case and stored canonical
	vk-stakeholder add "Naja Lyberth-Møller" --group Citizen --role "Working, Secretary" --influence HIGH
	run vk-stakeholder show 2 -o jsonl
	[[ "$output" == *'"group":"citizen"'* ]]
	[[ "$output" == *'"roles":["working","secretary"]'* ]]
	[[ "$output" == *'"influence":"high"'* ]]
}

@test "add with a group outside the vocabulary exits 65 listing the groups, and writes nothing" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder add "Hans Hansen" --group borger
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-stakeholder: group: \"borger\" is not a group; use one of: $GROUPS_LIST" ]
	[ "$(db_digest)" = "$before" ]
}

@test "add with a bad influence or interest level exits 65 listing low, medium, high" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder add "Hans Hansen" --influence huge
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-stakeholder: influence: "huge" is not a level; use one of: low, medium, high' ]
	run --separate-stderr vk-stakeholder add "Hans Hansen" --interest "meget høj"
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-stakeholder: interest: "meget høj" is not a level; use one of: low, medium, high' ]
	[ "$(db_digest)" = "$before" ]
}

@test "add with a bad role exits 65 listing the roles" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder add "Hans Hansen" --role owner,boss
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-stakeholder: roles: "boss" is not a role; use one of: owner, steering, working, lead, secretary, participant' ]
	[ "$(db_digest)" = "$before" ]
}

@test "add with an allocation outside 0-100 or not a number exits 65" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder add "Hans Hansen" --allocation 101
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-stakeholder: allocation: 101 is out of range (0-100)' ]
	run --separate-stderr vk-stakeholder add "Hans Hansen" --allocation -1
	[ "$status" -eq 65 ]
	run --separate-stderr vk-stakeholder add "Hans Hansen" --allocation 50%
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-stakeholder: allocation: "50%" is not a whole number' ]
	[ "$(db_digest)" = "$before" ]
	# the bounds themselves are allowed
	[ "$(vk-stakeholder add "Nul Procent" --allocation 0)" = 7 ]
	[ "$(vk-stakeholder add "Hundrede Procent" --allocation 100)" = 8 ]
}

@test "add with a bad e-mail address exits 65 and writes nothing" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder add "Hans Hansen" --email hans.example.gl
	[ "$status" -eq 65 ]
	[ "$stderr" = 'vk-stakeholder: email: "hans.example.gl" is not an e-mail address' ]
	[ "$(db_digest)" = "$before" ]
}

@test "add with a bad value on a missing database does not create it" {
	run vk-stakeholder add "Hans Hansen" --group borger
	[ "$status" -eq 65 ]
	[ ! -e "$VK_DB" ]
}

@test "add without a NAME exits 2 with the usage on stderr" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder add --group citizen
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	[[ "$stderr" == "vk-stakeholder: missing the NAME"* ]] || fail_with "message"
	[[ "$stderr" == *"usage: vk-stakeholder add NAME [options]"* ]]
	run --separate-stderr vk-stakeholder add ""
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-stakeholder: name: is required" ]
	[ "$(db_digest)" = "$before" ]
}

@test "add with an unknown option, an option without its value or two names exits 2" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder add "Hans Hansen" --bogus
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-stakeholder: unknown option '--bogus'"* ]] || fail_with "message"
	run --separate-stderr vk-stakeholder add "Hans Hansen" --interest
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-stakeholder: option '--interest' needs a value (LEVEL)"* ]]
	run --separate-stderr vk-stakeholder add Hans Hansen
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder add "Hans Hansen" --name "Hans"
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

# ---- show ----

@test "show prints one record for a person, with its engagements and inputs" {
	add_people
	add_engagements
	run vk-stakeholder show 3 -o table
	[ "$status" -eq 0 ]
	expected='id:           3
name:         Naja Lyberth-Møller
group:        citizen
organisation:
town:         Tasiilaq
email:
phone:
roles:        participant
allocation:
influence:    low
interest:     high
tags:         østkysten
notes:        Første linje
              Anden linje, med komma; og semikolon
created:      TS
updated:      TS

engagements:
  engagement 2 2020-03-11: Workshop i forsamlingshuset, Tasiilaq

inputs:
  input 3: Før delte vi fangsten med naboerne.'
	[ "$(printf '%s' "$output" | norm_ts)" = "$expected" ] || fail_with "table differs"
}

@test "show -o json prints one object with the linked records under plural keys" {
	add_people
	add_engagements
	run vk-stakeholder show 1 -o json
	[ "$status" -eq 0 ]
	[ "$(printf '%s' "$output" | norm_ts)" = '{"type":"stakeholder","id":1,"name":"Aviaja Kristiansen-Kleist","group":"politician","organisation":"Kommuneqarfik Sermersooq, Kommunalbestyrelsen","town":"Nuuk","email":"aviaja.kk@example.gl","phone":"+299 36 60 01","roles":["owner","steering"],"allocation":null,"influence":"high","interest":"high","tags":["vision","politik"],"notes":"Borgmester. Sagde: \"Visionen skal forstås i Nuuk, Tasiilaq og Kapisillit.\"","created":"TS","updated":"TS","engagements":[{"type":"engagement","id":1,"date":"2020-02-24","kind":"seminar","title":"Opstartsseminar med kommunalbestyrelsen","town":"Nuuk","participants":[1,2],"headcount":{"politician":14,"management":2},"themes":["det gode liv","fællesskab"],"notes":null}],"inputs":[{"type":"input","id":1,"engagement":1,"stakeholder":1,"source":"borgmester","text":"Visionen skal kunne forstås lige godt i Nuuk, Tasiilaq og Kapisillit.","themes":["det gode liv"]}],"milestones":[],"goals":[],"trials":[],"learnings":[]}' ] ||
		fail_with "json differs"
	# one line: one object
	[ "$(count_lines "$output")" = 1 ]
	# a participant in two engagements
	run vk-stakeholder show 2 -o json
	[[ "$output" == *'"engagements":[{"type":"engagement","id":1,'*'},{"type":"engagement","id":2,'* ]] || fail_with "engagements of 2"
}

@test "show of a missing record exits 1 naming it; a bad id exits 2" {
	add_people
	run --separate-stderr vk-stakeholder show 99
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-stakeholder: no stakeholder 99" ]
	run --separate-stderr vk-stakeholder show Aviaja
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder show
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-stakeholder: missing the ID"* ]]
}

# ---- list ----

@test "list --not-heard: the stakeholders no engagement names, since a date with --since" {
	add_people
	add_engagements
	# named: 1, 2 (2020-02-24), 2, 3 (2020-03-11), 4 (2020-06-23); 5 and 6 never
	[ "$(vk-stakeholder list --not-heard | ids)" = "5 6" ]
	[ "$(vk-stakeholder list --not-heard --since 2020-03-01 | ids)" = "1 5 6" ]
	# on the day counts as heard; a week or month means its first day
	[ "$(vk-stakeholder list --not-heard --since 2020-06-23 | ids)" = "1 2 3 5 6" ]
	[ "$(vk-stakeholder list --not-heard --since 2020-06-24 | ids)" = "1 2 3 4 5 6" ]
	[ "$(vk-stakeholder list --not-heard --since 2020-03 | ids)" = "1 5 6" ]
	[ "$(vk-stakeholder list --not-heard --since 2020-W11 | ids)" = "1 5 6" ]
	# counted in a headcount is not named: still not heard
	vk-stakeholder engage "Kaffemik i Ittoqqortoormiit" --date 2020-06-25 --kind visit \
		--town Ittoqqortoormiit --headcount association=4 >/dev/null
	[ "$(vk-stakeholder list --not-heard | ids)" = "5 6" ]
	vk-stakeholder engagement set 4 --with 6 >/dev/null
	[ "$(vk-stakeholder list --not-heard | ids)" = "5" ]
	# with the other filters, sort, limit and every format
	[ "$(vk-stakeholder list --not-heard --since 2020-03-01 --town paamiut,nuuk | ids)" = "1 5" ]
	[ "$(vk-stakeholder list --not-heard --since 2020-03-01 --group business,politician --sort -name | ids)" = "5 1" ]
	[ "$(vk-stakeholder list --not-heard --since 2020-03-01 --sort name --limit 1 | ids)" = "1" ]
	run vk-stakeholder list --not-heard -o csv --excel
	[[ "$output" == $'\xef\xbb\xbfid;name;group'* ]] && [[ "$output" == *$'\r\n5;Kaalu Kreutzmann;business;'* ]] ||
		fail_with "--excel"
	[ "$(count_lines "$output")" = 2 ] || fail_with "csv rows"
	run vk-stakeholder list --not-heard -o tsv
	[ "$(printf '%s\n' "$output" | cut -f 2 | tail -n 1)" = "Kaalu Kreutzmann" ]
	# a forgotten stakeholder keeps its engagements: still heard
	vk-stakeholder forget 6 >/dev/null
	[ "$(vk-stakeholder list --not-heard | ids)" = "5" ]
}

@test "list --since without --not-heard exits 2; a bad --since date exits 65 as the other date options" {
	add_people
	add_engagements
	run --separate-stderr vk-stakeholder list --since 2020-03-01
	[ "$status" -eq 2 ] && [ "$output" = "" ] || fail_with "--since alone"
	[[ "$stderr" == "vk-stakeholder: --since: only with --not-heard"* ]] || fail_with "message"
	run --separate-stderr vk-stakeholder list --not-heard --since 2020-02-30
	[ "$status" -eq 65 ] && [ "$output" = "" ] || fail_with "a bad date"
	[[ "$stderr" == *'--since: "2020-02-30" is not a date: February 2020 has 29 days'* ]] || fail_with "date message"
	run --separate-stderr vk-stakeholder list --not-heard=yes
	[ "$status" -eq 2 ] || fail_with "--not-heard takes no value"
}

@test "list filters by group, town, role, tag, influence and interest" {
	add_people
	[ "$(vk-stakeholder list --group citizen | ids)" = "3" ]
	[ "$(vk-stakeholder list --group consultant | ids)" = "2" ]
	[ "$(vk-stakeholder list --town Paamiut | ids)" = "4 5" ]
	[ "$(vk-stakeholder list --town Ittoqqortoormiit | ids)" = "6" ]
	[ "$(vk-stakeholder list --role working | ids)" = "2 4" ]
	[ "$(vk-stakeholder list --role participant | ids)" = "3 6" ]
	[ "$(vk-stakeholder list --role owner | ids)" = "1" ]
	[ "$(vk-stakeholder list --tag østkysten | ids)" = "3" ]
	[ "$(vk-stakeholder list --tag fiskeri | ids)" = "5" ]
	[ "$(vk-stakeholder list --influence high | ids)" = "1 5" ]
	[ "$(vk-stakeholder list --influence low | ids)" = "3 4" ]
	[ "$(vk-stakeholder list --interest high | ids)" = "1 2 3" ]
	[ "$(vk-stakeholder list --interest medium | ids)" = "4 6" ]
}

@test "list filters by organisation, e-mail, phone and allocation, and all filters must hold" {
	add_people
	[ "$(vk-stakeholder list --organisation "Paamiut Skole" | ids)" = "4" ]
	[ "$(vk-stakeholder list --organisation 'Foreningen "Kaffemik"' | ids)" = "6" ]
	[ "$(vk-stakeholder list --email soren.asheim@example.dk | ids)" = "2" ]
	[ "$(vk-stakeholder list --phone "+299 36 60 01" | ids)" = "1" ]
	[ "$(vk-stakeholder list --allocation 20 | ids)" = "4" ]
	[ "$(vk-stakeholder list --town Paamiut --influence high | ids)" = "5" ]
	[ "$(vk-stakeholder list --town Paamiut --group citizen | ids)" = "" ]
	[ "$(vk-stakeholder list --interest high --role working | ids)" = "2" ]
}

@test "list --name matches a part of the name, ASCII case ignored" {
	add_people
	[ "$(vk-stakeholder list --name kristiansen | ids)" = "1" ]
	[ "$(vk-stakeholder list --name "Ødeg" | ids)" = "2 6" ]
	[ "$(vk-stakeholder list --name "-Møller" | ids)" = "3" ]
	[ "$(vk-stakeholder list --name HEIL | ids)" = "4" ]
	[ "$(vk-stakeholder list --name Ukendt | ids)" = "" ]
}

@test "list with a bad filter value exits 65 and names the allowed values; an unknown option exits 2" {
	add_people
	run --separate-stderr vk-stakeholder list --group borger
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == *"\"borger\" is not a group; use one of: $GROUPS_LIST"* ]] || fail_with "message"
	run --separate-stderr vk-stakeholder list --bogus
	[ "$status" -eq 2 ]
}

@test "list --sort FIELD sorts ascending, -FIELD descending; --limit N cuts" {
	add_people
	[ "$(vk-stakeholder list --sort name | ids)" = "6 1 5 3 4 2" ]
	[ "$(vk-stakeholder list --sort -name | ids)" = "2 4 3 5 1 6" ]
	[ "$(vk-stakeholder list --sort -id | ids)" = "6 5 4 3 2 1" ]
	[ "$(vk-stakeholder list --sort town | ids)" = "6 1 4 5 2 3" ]
	# records without a value come last
	[ "$(vk-stakeholder list --sort -allocation | ids)" = "2 4 1 3 5 6" ]
	[ "$(vk-stakeholder list --sort allocation --limit 2 | ids)" = "4 2" ]
	[ "$(vk-stakeholder list --limit 3 | ids)" = "1 2 3" ]
	[ "$(vk-stakeholder list --sort -id --limit 1 | ids)" = "6" ]
	[ "$(vk-stakeholder list --group citizen --limit 5 | ids)" = "3" ]
}

@test "list --sort by influence and interest follows low, medium, high" {
	add_people
	# influence: 1 high, 2 medium, 3 low, 4 low, 5 high, 6 medium
	[ "$(vk-stakeholder list --sort influence | ids)" = "3 4 2 6 1 5" ]
	[ "$(vk-stakeholder list --sort -influence | ids)" = "1 5 2 6 3 4" ]
	# interest: 1 high, 2 high, 3 high, 4 medium, 5 low, 6 medium
	[ "$(vk-stakeholder list --sort interest | ids)" = "5 4 6 1 2 3" ]
}

@test "list --sort of an unknown or list field and a bad --limit exit 2" {
	add_people
	run --separate-stderr vk-stakeholder list --sort shoe
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'cannot sort by "shoe"'* ]]
	run --separate-stderr vk-stakeholder list --sort roles
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder list --limit mange
	[ "$status" -eq 2 ]
}

@test "list -o table aligns columns by characters, not bytes" {
	add_people
	run vk-stakeholder list -o table
	[ "$status" -eq 0 ]
	expected='id  name                       group        organisation                              town              roles
 1  Aviaja Kristiansen-Kleist  politician   Kommuneqarfik Sermersooq, Kommunalbesty…  Nuuk              owner;steering
 2  Søren Ødegård Åsheim       consultant   Arktisk Procesrådgivning ApS              Qaqortoq          working;lead
 3  Naja Lyberth-Møller        citizen                                                Tasiilaq          participant
 4  Pipaluk Heilmann           employee     Paamiut Skole                             Paamiut           working;secretary
 5  Kaalu Kreutzmann           business     Paamiut Fisk ApS                          Paamiut
 6  Ane-Sofie Ødegaard         association  Foreningen "Kaffemik"                     Ittoqqortoormiit  participant'
	[ "$output" = "$expected" ] || fail_with "table differs"
}

@test "list -o csv is RFC 4180 with CRLF line ends and every field" {
	vk-stakeholder add "Søren Ødegård Åsheim" --group consultant \
		--organisation "Arktisk Procesrådgivning ApS" --town Qaqortoq \
		--role working --role lead --allocation 50 --tag proces --tag "det gode liv" 2>/dev/null
	vk-stakeholder add "Naja Lyberth-Møller" --group citizen --town Tasiilaq \
		--organisation 'Foreningen "Kaffemik", Tasiilaq' \
		--notes $'Første linje\nAnden linje' >/dev/null
	vk-stakeholder list -o csv | norm_ts > out.csv
	printf '%s\r\n' \
		'id,name,group,organisation,town,email,phone,roles,allocation,influence,interest,tags,notes,created,updated' \
		'1,Søren Ødegård Åsheim,consultant,Arktisk Procesrådgivning ApS,Qaqortoq,,,working;lead,50,,,proces;det gode liv,,TS,TS' \
		$'2,Naja Lyberth-Møller,citizen,"Foreningen ""Kaffemik"", Tasiilaq",Tasiilaq,,,,,,,,"Første linje\nAnden linje",TS,TS' \
		> expected.csv
	diff expected.csv out.csv
}

@test "list -o tsv separates with tabs and ends lines with LF" {
	vk-stakeholder add "Søren Ødegård Åsheim" --group consultant --town Qaqortoq \
		--role working --role lead --allocation 50 2>/dev/null
	vk-stakeholder add "Pipaluk Heilmann" --group employee --town Paamiut >/dev/null
	vk-stakeholder list -o tsv | norm_ts > out.tsv
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
		id name group organisation town email phone roles allocation influence interest tags notes created updated \
		1 "Søren Ødegård Åsheim" consultant "" Qaqortoq "" "" "working;lead" 50 "" "" "" "" TS TS \
		2 "Pipaluk Heilmann" employee "" Paamiut "" "" "" "" "" "" "" "" TS TS \
		> expected.tsv
	diff expected.tsv out.tsv
}

@test "list -o json prints one array; -o jsonl one object a line" {
	vk-stakeholder add "Søren Ødegård Åsheim" --group consultant 2>/dev/null
	vk-stakeholder add "Pipaluk Heilmann" --town Paamiut >/dev/null
	one='{"type":"stakeholder","id":1,"name":"Søren Ødegård Åsheim","group":"consultant","organisation":null,"town":null,"email":null,"phone":null,"roles":[],"allocation":null,"influence":null,"interest":null,"tags":[],"notes":null,"created":"TS","updated":"TS"}'
	two='{"type":"stakeholder","id":2,"name":"Pipaluk Heilmann","group":null,"organisation":null,"town":"Paamiut","email":null,"phone":null,"roles":[],"allocation":null,"influence":null,"interest":null,"tags":[],"notes":null,"created":"TS","updated":"TS"}'
	run vk-stakeholder list -o json
	[ "$status" -eq 0 ]
	[ "$(printf '%s' "$output" | norm_ts)" = "[
$one,
$two
]" ] || fail_with "json differs"
	run vk-stakeholder list --format jsonl
	[ "$status" -eq 0 ]
	[ "$(printf '%s' "$output" | norm_ts)" = "$one
$two" ] || fail_with "jsonl differs"
	# nothing found: an empty array, and no line at all
	[ "$(vk-stakeholder list --town Nuuk -o json | tr -d '\n ')" = "[]" ]
	[ "$(vk-stakeholder list --town Nuuk -o jsonl | wc -c)" -eq 0 ]
}

@test "list prints JSON Lines when stdout is no terminal, a table when it is one" {
	add_people
	vk-stakeholder list > piped.out
	vk-stakeholder list -o jsonl > jsonl.out
	cmp piped.out jsonl.out
	command -v script >/dev/null 2>&1 || skip "script(1) is not installed"
	script -qec "vk-stakeholder list" /dev/null > tty.out
	head -1 tty.out | grep -q '^id  name  *group  *organisation  *town  *roles'
}

@test "list -o with an unknown format exits 2" {
	add_people
	run --separate-stderr vk-stakeholder list -o xml
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'"xml" is not a format'* ]]
}

# ---- set ----

@test "set changes the fields given, replaces lists, keeps the rest and moves updated" {
	add_people
	created=$(vk-stakeholder show 4 -o jsonl | sed -E 's/.*"created":"([^"]*)".*/\1/')
	run --separate-stderr vk-stakeholder set 4 --town Nuuk --role lead --role steering \
		--allocation 80 --tag skole,ledelse --notes 'Ny leder, "konstitueret"' --email pipaluk@example.gl
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	run vk-stakeholder show 4 -o jsonl
	[ "$(printf '%s' "$output" | norm_ts)" = '{"type":"stakeholder","id":4,"name":"Pipaluk Heilmann","group":"employee","organisation":"Paamiut Skole","town":"Nuuk","email":"pipaluk@example.gl","phone":null,"roles":["lead","steering"],"allocation":80,"influence":"low","interest":"medium","tags":["skole,ledelse"],"notes":"Ny leder, \"konstitueret\"","created":"TS","updated":"TS","engagements":[],"inputs":[],"milestones":[],"goals":[],"trials":[],"learnings":[]}' ] ||
		fail_with "record after set"
	[[ "$output" == *"\"created\":\"$created\""* ]]
	run vk-stakeholder set 4 --name "Pipaluk Heilmann-Olsen" --group manager
	[ "$status" -eq 0 ]
	[ "$(vk-stakeholder list --group manager | ids)" = "4" ]
	[ "$(vk-stakeholder list --name Heilmann-Olsen | ids)" = "4" ]
}

@test "set --clear empties fields, repeated" {
	add_people
	run vk-stakeholder set 2 --clear email --clear allocation --clear roles --clear tags --clear organisation
	[ "$status" -eq 0 ]
	run vk-stakeholder show 2 -o jsonl
	[[ "$output" == *'"organisation":null,"town":"Qaqortoq","email":null,"phone":"+45 20 30 40 50","roles":[],"allocation":null,'* ]] || fail_with "cleared"
	[[ "$output" == *'"tags":[],'* ]]
}

@test "set of a missing record exits 1 and writes nothing" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder set 99 --town Nuuk
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-stakeholder: no stakeholder 99" ]
	[ "$(db_digest)" = "$before" ]
}

@test "set with nothing to change exits 2; --clear of a required or unknown field exits 2" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder set 1
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-stakeholder: nothing to change"* ]] || fail_with "message"
	run --separate-stderr vk-stakeholder set 1 --clear name
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder set 1 --clear shoe
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder set 1 --clear id
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder set --town Nuuk
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

@test "set with a bad value exits 65 and writes nothing, not even the good fields" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder set 3 --town Nuuk --group borger
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-stakeholder: group: \"borger\" is not a group; use one of: $GROUPS_LIST" ]
	run --separate-stderr vk-stakeholder set 3 --allocation 150
	[ "$status" -eq 65 ]
	run --separate-stderr vk-stakeholder set 3 --email "naja at example.gl"
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
	[ "$(vk-stakeholder list --town Tasiilaq | ids)" = "3" ]
}

# ---- rm ----

@test "rm removes a record no one refers to; its id is not given again" {
	add_people
	add_engagements
	run --separate-stderr vk-stakeholder rm 6
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	run vk-stakeholder show 6
	[ "$status" -eq 1 ]
	[ "$(vk-stakeholder list | ids)" = "1 2 3 4 5" ]
	[ "$(vk-stakeholder add "Ny Person")" = 7 ]
}

@test "rm of several ids removes them all" {
	add_people
	run vk-stakeholder rm 5 6
	[ "$status" -eq 0 ]
	[ "$(vk-stakeholder list | ids)" = "1 2 3 4" ]
}

@test "rm of a participant exits 65 naming the engagement and input that refer, and writes nothing" {
	add_people
	add_engagements
	before=$(db_digest)
	run --separate-stderr vk-stakeholder rm 3
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == "vk-stakeholder: cannot remove stakeholder 3: referred to by engagement 2 (participants), input 3 (stakeholder)"* ]] ||
		fail_with "message"
	[[ "$stderr" == *"forget"* ]]
	run --separate-stderr vk-stakeholder rm 1
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"engagement 1 (participants), input 1 (stakeholder)"* ]]
	# all or nothing: 6 is free, 4 is not
	run --separate-stderr vk-stakeholder rm 6 4
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"cannot remove stakeholder 4: referred to by engagement 3 (participants)"* ]]
	[ "$(db_digest)" = "$before" ]
	[ "$(vk-stakeholder list | ids)" = "1 2 3 4 5 6" ]
}

@test "rm of a missing record exits 1 and writes nothing" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder rm 99
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-stakeholder: no stakeholder 99" ]
	run --separate-stderr vk-stakeholder rm
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

# ---- export and import ----

round_trip() { # FORMAT
	add_people
	add_engagements
	vk-stakeholder set 4 --notes '=SUM(A1)' >/dev/null
	vk-stakeholder set 5 --notes $'-5 grader i dag\r\nog\tfaneblad' --phone "+299 99 88 77" >/dev/null
	vk-stakeholder rm 6
	vk-stakeholder export -o "$1" > export.out
	vk-stakeholder export -o jsonl > original.jsonl
	run --separate-stderr vk-stakeholder --db "$TEST_DIR/copy.db" import export.out
	[ "$status" -eq 0 ] || fail_with "import of the $1 export failed"
	vk-stakeholder --db "$TEST_DIR/copy.db" export -o jsonl > copy.jsonl
	diff original.jsonl copy.jsonl
	[ "$(count_lines "$(cat copy.jsonl)")" = 5 ]
}

@test "export -o csv then import into an empty database gives the same records" {
	round_trip csv
}

@test "export -o json then import into an empty database gives the same records" {
	round_trip json
}

@test "export -o jsonl then import into an empty database gives the same records" {
	round_trip jsonl
}

@test "export -o tsv then import into an empty database gives the same records" {
	round_trip tsv
}

@test "export prints every field of every record; the default is JSON Lines" {
	add_people
	vk-stakeholder export > default.out
	vk-stakeholder export -o jsonl > jsonl.out
	cmp default.out jsonl.out
	[ "$(wc -l < default.out)" -eq 6 ]
	vk-stakeholder export -o csv > all.csv
	[ "$(head -1 all.csv)" = $'id,name,group,organisation,town,email,phone,roles,allocation,influence,interest,tags,notes,created,updated\r' ]
}

# ---- log ----

@test "log records add, set and rm with the fields before and after" {
	vk-stakeholder add "Kaalu Kreutzmann" --group business --town Paamiut --tag fiskeri 2>/dev/null
	vk-stakeholder set 1 --town Nuuk --influence high --clear tags
	vk-stakeholder rm 1
	run vk-stakeholder log 1 -o jsonl
	[ "$status" -eq 0 ]
	expected='{"type":"event","id":1,"at":"TS","user":"vk-test","entity":"stakeholder","entity_id":1,"action":"add","before":null,"after":{"name":"Kaalu Kreutzmann","group":"business","town":"Paamiut","tags":["fiskeri"]}}
{"type":"event","id":2,"at":"TS","user":"vk-test","entity":"stakeholder","entity_id":1,"action":"set","before":{"town":"Paamiut","influence":null,"tags":["fiskeri"]},"after":{"town":"Nuuk","influence":"high","tags":[]}}
{"type":"event","id":3,"at":"TS","user":"vk-test","entity":"stakeholder","entity_id":1,"action":"rm","before":{"name":"Kaalu Kreutzmann","group":"business","town":"Nuuk","influence":"high"},"after":null}'
	[ "$(printf '%s' "$output" | norm_ts)" = "$expected" ] || fail_with "log differs"
}

@test "log without an id prints the history of every stakeholder, as a table too" {
	add_people
	vk-stakeholder set 2 --town Nuuk
	run vk-stakeholder log
	[ "$status" -eq 0 ]
	[ "$(count_lines "$output")" = 7 ]
	# a table: one line an event, with what changed
	run vk-stakeholder log -o table
	[ "$status" -eq 0 ]
	[ "$(count_lines "$output")" = 7 ]
	[ "$(printf '%s\n' "${lines[6]}" | norm_ts)" = 'TS  vk-test  set stakeholder 2  town: "Qaqortoq" -> "Nuuk"' ] || fail_with "set line"
	[[ "${lines[0]}" == *"  vk-test  add stakeholder 1  name: \"Aviaja Kristiansen-Kleist\"; group: \"politician\";"* ]] || fail_with "add line"
	USER=kirsten vk-stakeholder set 2 --town Qaqortoq
	[[ "$(vk-stakeholder log 2 | tail -1)" == *'"user":"kirsten",'* ]]
}

@test "log of a removed record still shows its history; log of an id never used exits 1" {
	add_people
	vk-stakeholder rm 5
	run vk-stakeholder log 5
	[ "$status" -eq 0 ]
	[ "$(count_lines "$output")" = 2 ]
	[[ "${lines[1]}" == *'"action":"rm","before":{"name":"Kaalu Kreutzmann",'* ]] || fail_with "rm event"
	run --separate-stderr vk-stakeholder log 99
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-stakeholder: no history for stakeholder 99" ]
}

@test "log shows a record as it was added, after it changed, went, or was never touched" {
	vk-stakeholder add "Nivi Ærbø-Lynge" --group citizen --town Qaqortoq --tag "fiskeri, fangst" 2>/dev/null
	vk-stakeholder add "Hans-Peter Ødegård" --group business --organisation 'Brødrene "Hav", Nuuk' --town Nuuk
	vk-stakeholder add "Ole Åkjær" --group politician --town Sisimiut
	# the store keeps no copy of a record that has not changed since:
	# its add is in a run of adds (one a transaction here), not a row
	[ "$(sqlite3 "$VK_DB" "SELECT count(*) FROM events")" = 0 ]
	[ "$(sqlite3 "$VK_DB" "SELECT group_concat(first_id || '+' || count) FROM added_runs")" = "1+1,2+1,3+1" ]
	vk-stakeholder set 1 --town Nuuk --name "Nivi Lynge"
	vk-stakeholder rm 2
	# the changed and the removed one have their copy in a row now, under the add's own id
	[ "$(sqlite3 "$VK_DB" "SELECT group_concat(id || ':' || entity_id) FROM events WHERE action = 'add' AND after IS NOT NULL")" = "1:1,2:2" ]
	run -0 vk-stakeholder log -o jsonl
	expected='{"type":"event","id":1,"at":"TS","user":"vk-test","entity":"stakeholder","entity_id":1,"action":"add","before":null,"after":{"name":"Nivi Ærbø-Lynge","group":"citizen","town":"Qaqortoq","tags":["fiskeri, fangst"]}}
{"type":"event","id":2,"at":"TS","user":"vk-test","entity":"stakeholder","entity_id":2,"action":"add","before":null,"after":{"name":"Hans-Peter Ødegård","group":"business","organisation":"Brødrene \"Hav\", Nuuk","town":"Nuuk"}}
{"type":"event","id":3,"at":"TS","user":"vk-test","entity":"stakeholder","entity_id":3,"action":"add","before":null,"after":{"name":"Ole Åkjær","group":"politician","town":"Sisimiut"}}
{"type":"event","id":4,"at":"TS","user":"vk-test","entity":"stakeholder","entity_id":1,"action":"set","before":{"name":"Nivi Ærbø-Lynge","town":"Qaqortoq"},"after":{"name":"Nivi Lynge","town":"Nuuk"}}
{"type":"event","id":5,"at":"TS","user":"vk-test","entity":"stakeholder","entity_id":2,"action":"rm","before":{"name":"Hans-Peter Ødegård","group":"business","organisation":"Brødrene \"Hav\", Nuuk","town":"Nuuk"},"after":null}'
	[ "$(printf '%s' "$output" | norm_ts)" = "$expected" ] || fail_with "log differs: $output"
}

# ---- --help, --version ----

@test "--version prints the program and its version on stdout and exits 0" {
	run --separate-stderr vk-stakeholder --version
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^vk-stakeholder\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail_with "version"
	[ "$stderr" = "" ]
}

@test "--help and every verb's --help print to stdout and exit 0" {
	run --separate-stderr vk-stakeholder --help
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "${lines[0]}" = "usage: vk-stakeholder COMMAND [options] [arguments]" ]
	help=$output
	for verb in add show list set rm import export log forget engagement input engage engagements inputs; do
		[[ "$help" == *"  $verb "* ]] || fail_with "--help does not name $verb"
	done
	for verb in add show list set rm import export log forget engage engagements inputs; do
		run --separate-stderr vk-stakeholder "$verb" --help
		[ "$status" -eq 0 ] || fail_with "$verb --help"
		[ "$stderr" = "" ]
		[[ "${lines[0]}" == "usage: vk-stakeholder $verb"* ]] || fail_with "$verb --help usage line"
		[[ "$output" == *"--db FILE"* ]]
		run vk-stakeholder "$verb" -h
		[ "$status" -eq 0 ]
	done
	for noun in engagement input; do
		for verb in add show list set rm import export log; do
			run --separate-stderr vk-stakeholder "$noun" "$verb" --help
			[ "$status" -eq 0 ] || fail_with "$noun $verb --help"
			[[ "${lines[0]}" == "usage: vk-stakeholder $noun $verb"* ]] || fail_with "$noun $verb usage line"
		done
	done
	[ ! -e "$VK_DB" ]
}

@test "an unknown command or no command at all exits 2" {
	run --separate-stderr vk-stakeholder frobnicate
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	[[ "$stderr" == "vk-stakeholder: 'frobnicate' is not a command"* ]]
	run --separate-stderr vk-stakeholder
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	run --separate-stderr vk-stakeholder engagement frobnicate
	[ "$status" -eq 2 ]
}

# ---- the store ----

@test "--db FILE wins over VK_DB, which wins over ./vk.db" {
	unset VK_DB
	mkdir work && cd work
	vk-stakeholder add "I vk.db" 2>/dev/null
	[ -f vk.db ]
	VK_DB="$TEST_DIR/env.db" vk-stakeholder add "I env.db" 2>/dev/null
	VK_DB="$TEST_DIR/env.db" vk-stakeholder --db "$TEST_DIR/opt.db" add "I opt.db" 2>/dev/null
	VK_DB="$TEST_DIR/env.db" vk-stakeholder add "Også i env.db" --db "$TEST_DIR/env.db"
	[ "$(vk-stakeholder list | ids)" = "1" ]
	[[ "$(vk-stakeholder list)" == *'"name":"I vk.db"'* ]]
	[[ "$(VK_DB="$TEST_DIR/env.db" vk-stakeholder list)" == *'"name":"I env.db"'*'"name":"Også i env.db"'* ]]
	[[ "$(VK_DB="$TEST_DIR/env.db" vk-stakeholder list --db ../opt.db)" == *'"name":"I opt.db"'* ]]
	[ "$(vk-stakeholder --db ../opt.db list | ids)" = "1" ]
}

@test "a reading verb on a missing database exits 66 naming the path and creates nothing" {
	mkdir empty && cd empty
	export VK_DB="$TEST_DIR/empty/vk.db"
	for cmd in "list" "show 1" "export" "log" "engagements" "inputs" "engagement show 1" "input export"; do
		# shellcheck disable=SC2086
		run --separate-stderr vk-stakeholder $cmd
		[ "$status" -eq 66 ] || fail_with "$cmd"
		[ "$output" = "" ]
		[[ "$stderr" == "vk-stakeholder: $VK_DB: "* ]] || fail_with "$cmd does not name the path"
	done
	run --separate-stderr vk-stakeholder list --db "$TEST_DIR/empty/other.db"
	[ "$status" -eq 66 ]
	[[ "$stderr" == *"$TEST_DIR/empty/other.db"* ]]
	unset VK_DB
	run --separate-stderr vk-stakeholder list
	[ "$status" -eq 66 ]
	[[ "$stderr" == "vk-stakeholder: vk.db: "* ]]
	[ -z "$(ls -A "$TEST_DIR/empty")" ] || fail_with "files were created: $(ls -A "$TEST_DIR/empty")"
}

@test "a writing verb creates the database with mode 0600 and says so on stderr" {
	umask 000
	run --separate-stderr vk-stakeholder add "Aviaja Kristiansen-Kleist"
	[ "$status" -eq 0 ]
	[ "$stderr" = "vk-stakeholder: created database $VK_DB" ]
	[ "$(stat -c %a "$VK_DB")" = 600 ]
	for f in "$VK_DB"-wal "$VK_DB"-shm "$VK_DB"-journal; do
		[ ! -e "$f" ] || [ "$(stat -c %a "$f")" = 600 ]
	done
	umask 022
	vk-stakeholder --db "$TEST_DIR/b.db" import - <<< $'name\nSøren' 2>/dev/null
	[ "$(stat -c %a "$TEST_DIR/b.db")" = 600 ]
}

@test "a database that cannot be created exits 73" {
	run --separate-stderr vk-stakeholder add "Aviaja" --db "$TEST_DIR/no/such/dir/vk.db"
	[ "$status" -eq 73 ]
	[[ "$stderr" == *"$TEST_DIR/no/such/dir/vk.db"* ]]
}

@test "a full disk on stdout exits 74 for list, show, export and log" {
	[ -w /dev/full ] || skip "no /dev/full"
	add_people
	add_engagements
	for cmd in "list" "list -o csv" "list -o table" "show 1" "show 1 -o json" "export" "export -o csv" \
		"log" "log -o table" "engagements" "inputs" "engagement show 2" "input export -o json"; do
		# shellcheck disable=SC2086
		run --separate-stderr vk-stakeholder $cmd
		[ "$status" -eq 0 ] || fail_with "$cmd to a pipe"
		# shellcheck disable=SC2086
		run --separate-stderr bash -c "vk-stakeholder $cmd > /dev/full"
		[ "$status" -eq 74 ] || fail_with "$cmd > /dev/full"
		[[ "$stderr" == "vk-stakeholder: write error"* ]] || fail_with "$cmd message"
	done
	run --separate-stderr bash -c "vk-stakeholder --help > /dev/full"
	[ "$status" -eq 74 ]
}

@test "log -o csv writes before and after as JSON text, one cell each, that reads back" {
	vk-stakeholder add "Åse Nørgaard" --group citizen --town Karup --tag bustur --tag "a=b" >/dev/null 2>&1
	vk-stakeholder set 1 --town "Frederiks, Karup" --tag landsby >/dev/null
	run --separate-stderr vk-stakeholder log 1 -o csv
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | python3 -c '
import csv, json, sys
rows = list(csv.DictReader(sys.stdin))
assert len(rows) == 2, rows
assert json.loads(rows[0]["after"])["tags"] == ["bustur", "a=b"], rows[0]
assert rows[0]["before"] == ""
assert json.loads(rows[1]["before"]) == {"town": "Karup", "tags": ["bustur", "a=b"]}, rows[1]
assert json.loads(rows[1]["after"]) == {"town": "Frederiks, Karup", "tags": ["landsby"]}, rows[1]
' || fail_with "csv cells are not JSON"
}

@test "with \$USER unset (cron) the history names the account, or its uid when it has no name" {
	env -u USER vk-stakeholder add "Åse Nørgaard" --group citizen >/dev/null 2>&1
	want=$(id -un)
	[ "$(vk-stakeholder log 1 -o jsonl | sed -nE 's/.*"user":"([^"]*)".*/\1/p')" = "$want" ] ||
		fail_with "not the account's name"
	if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
		skip "needs root and setpriv to run as a uid with no passwd entry"
	fi
	uid=54321
	! getent passwd "$uid" >/dev/null || skip "uid $uid has a passwd entry here"
	# a place the other uid can reach (the test's own directory may be under a 0700 one)
	shared=$(mktemp -d /tmp/vk-uid.XXXXXX)
	chmod 777 "$shared"
	cp "$VK_DB" "$shared/vk.db"
	chmod 666 "$shared/vk.db"
	env -u USER VK_DB="$shared/vk.db" setpriv --reuid=$uid --regid=$uid --clear-groups \
		vk-stakeholder set 1 --town Karup >/dev/null 2>"$TEST_DIR/err" || { cat "$TEST_DIR/err"; rm -rf "$shared"; false; }
	user=$(VK_DB="$shared/vk.db" vk-stakeholder log 1 -o jsonl | sed -n 2p | sed -nE 's/.*"user":"([^"]*)".*/\1/p')
	rm -rf "$shared"
	[ "$user" = "uid $uid" ] || fail_with "not uid $uid: $user"
}
