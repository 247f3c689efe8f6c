#!/usr/bin/env bats
# filters.bats: list filters as SPEC's `list` states them, on every record
# type: one filter given twice or with values joined by commas holds for
# any of its values, different filters all hold, text is matched ignoring
# case in every alphabet, --sort name sorts as a Danish or Norwegian reader
# does, and a list field's option answers to its field name as well.
#
# The scenario: a municipality's bus tour of its villages (invented names).

load helpers

tour() {
	cat > people.csv <<-'EOF'
	name,group,organisation,town,roles,tags,influence,interest
	Åse Nørgaard,citizen,,Karup,participant,bustur;landsby,low,high
	Zacharias Berg,employee,Børn og Unge,Viborg,working;lead,bustur,medium,medium
	Ærø Andersen,politician,Byrådet,Viborg,steering,,high,high
	Øjvind Hansen,citizen,,KARUP,participant,Landsby,low,medium
	Anders Aagaard,business,"Aagaard & Søn, tømrer",Bjerringbro,,erhverv,medium,low
	Bo Ølgaard,employee,BØRN OG UNGE,karup,secretary,,low,low
	Ida Ødegård,association,Karup Borgerforening,Karup,participant,landsby;forening,medium,high
	EOF
	vk-stakeholder import people.csv >/dev/null 2>&1
	cat > engagements.csv <<-'EOF'
	date,kind,title,town,participants,headcount,themes
	2020-05-04,meeting,Bustur: Karup,Karup,1;4;7,citizen=12,landsbyliv;Mobilitet
	2020-05-05,meeting,Bustur: Bjerringbro,Bjerringbro,5,business=4,erhverv
	2020-05-12,workshop,Værksted om busser,Viborg,2;6,employee=5,mobilitet
	2020-05-20,survey,Spørgeskema til landsbyerne,,,,landsbyliv
	EOF
	vk-stakeholder engagement import engagements.csv >/dev/null 2>&1
}

names() {
	sed -nE 's/.*"name":"([^"]*)".*/\1/p' | paste -sd'|' -
}

@test "one filter given twice holds for either value" {
	tour
	[ "$(vk-stakeholder list --group citizen --group employee | ids)" = "1 2 4 6" ]
	[ "$(vk-stakeholder list --group citizen,employee | ids)" = "1 2 4 6" ]
	[ "$(vk-stakeholder list --group 'citizen, employee' | ids)" = "1 2 4 6" ]
	[ "$(vk-stakeholder list --group citizen,employee --group politician | ids)" = "1 2 3 4 6" ]
	[ "$(vk-stakeholder list --influence low,high | ids)" = "1 3 4 6" ]
	[ "$(vk-stakeholder list --town Viborg --town Bjerringbro | ids)" = "2 3 5" ]
	[ "$(vk-stakeholder list --town viborg,bjerringbro | ids)" = "2 3 5" ]
	[ "$(vk-stakeholder list --role lead --role secretary | ids)" = "2 6" ]
	[ "$(vk-stakeholder list --role lead,secretary | ids)" = "2 6" ]
	[ "$(vk-stakeholder list --tag erhverv --tag forening | ids)" = "5 7" ]
	[ "$(vk-stakeholder list --name åse --name ida | ids)" = "1 7" ]
}

@test "different filters must all hold" {
	tour
	[ "$(vk-stakeholder list --group citizen,employee --town karup | ids)" = "1 4 6" ]
	[ "$(vk-stakeholder list --group citizen --town Viborg | ids)" = "" ]
	[ "$(vk-stakeholder list --group citizen,association --tag landsby --interest high | ids)" = "1 7" ]
}

@test "a value with a comma of its own still matches whole" {
	tour
	[ "$(vk-stakeholder list --organisation 'Aagaard & Søn, tømrer' | ids)" = "5" ]
	[ "$(vk-stakeholder list --organisation 'aagaard & søn, TØMRER' | ids)" = "5" ]
}

@test "text is matched ignoring case in every alphabet" {
	tour
	[ "$(vk-stakeholder list --name åse | ids)" = "1" ]
	[ "$(vk-stakeholder list --name ÅSE | ids)" = "1" ]
	[ "$(vk-stakeholder list --name 'ØJVIND' | ids)" = "4" ]
	[ "$(vk-stakeholder list --name ærø | ids)" = "3" ]
	[ "$(vk-stakeholder list --name ødegård | ids)" = "7" ]
	# Å written as A and a combining ring
	[ "$(vk-stakeholder list --name "$(printf 'A\xcc\x8ase')" | ids)" = "1" ]
	[ "$(vk-stakeholder list --town karup | ids)" = "1 4 6 7" ]
	[ "$(vk-stakeholder list --town KARUP | ids)" = "1 4 6 7" ]
	[ "$(vk-stakeholder list --organisation "børn og unge" | ids)" = "2 6" ]
	[ "$(vk-stakeholder list --tag LANDSBY | ids)" = "1 4 7" ]
	# a town is matched whole, a name in part
	[ "$(vk-stakeholder list --town kar | ids)" = "" ]
	[ "$(vk-stakeholder list --name gaard | ids)" = "1 5 6" ]
}

@test "--sort name puts Æ, Ø, Å after Z, in every format" {
	tour
	want='Anders Aagaard|Bo Ølgaard|Ida Ødegård|Zacharias Berg|Ærø Andersen|Øjvind Hansen|Åse Nørgaard'
	[ "$(vk-stakeholder list --sort name | names)" = "$want" ]
	[ "$(vk-stakeholder list --sort name -o json | tr '{' '\n' | names)" = "$want" ]
	[ "$(vk-stakeholder list --sort name -o csv | sed 1d | cut -d, -f2 | paste -sd'|' -)" = "$want" ]
	[ "$(vk-stakeholder list --sort name -o tsv | sed 1d | cut -f2 | paste -sd'|' -)" = "$want" ]
	run vk-stakeholder list --sort name -o table
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | sed 1d | awk '{ print $2 }' | paste -sd' ' -)" = "Anders Bo Ida Zacharias Ærø Øjvind Åse" ]
	want_desc='Åse Nørgaard|Øjvind Hansen|Ærø Andersen|Zacharias Berg|Ida Ødegård|Bo Ølgaard|Anders Aagaard'
	[ "$(vk-stakeholder list --sort -name | names)" = "$want_desc" ]
	# towns too: any text field
	[ "$(vk-stakeholder list --sort town --limit 1 | ids)" = "5" ]
}

@test "engagements: kind, town, with, theme and headcount take several values" {
	tour
	[ "$(vk-stakeholder engagements --kind workshop,survey | ids)" = "3 4" ]
	[ "$(vk-stakeholder engagements --kind workshop --kind survey | ids)" = "3 4" ]
	[ "$(vk-stakeholder engagements --town karup,VIBORG | ids)" = "1 3" ]
	[ "$(vk-stakeholder engagements --with 5,6 | ids)" = "2 3" ]
	[ "$(vk-stakeholder engagements --with 5 --with 6 | ids)" = "2 3" ]
	[ "$(vk-stakeholder engagements --participants 7 | ids)" = "1" ]
	[ "$(vk-stakeholder engagements --theme mobilitet | ids)" = "1 3" ]
	[ "$(vk-stakeholder engagements --themes LANDSBYLIV,erhverv | ids)" = "1 2 4" ]
	[ "$(vk-stakeholder engagements --headcount business,employee | ids)" = "2 3" ]
	[ "$(vk-stakeholder engagements --title BUSTUR | ids)" = "1 2" ]
	[ "$(vk-stakeholder engagements --kind meeting --town bjerringbro | ids)" = "2" ]
}

@test "inputs: engagement, stakeholder and theme take several values; text ignores case" {
	tour
	vk-stakeholder input add --engagement 1 --stakeholder 1 --text "Bussen kører for sjældent om aftenen." --theme mobilitet >/dev/null
	vk-stakeholder input add --engagement 1 --stakeholder 4 --text "Vi mangler et mødested i landsbyen." --theme landsbyliv >/dev/null
	vk-stakeholder input add --engagement 3 --stakeholder 2 --text "Ældre kan ikke læse køreplanen på nettet." --theme Mobilitet >/dev/null
	[ "$(vk-stakeholder inputs --engagement 1,3 | ids)" = "1 2 3" ]
	[ "$(vk-stakeholder inputs --engagement 3 --engagement 1 | ids)" = "1 2 3" ]
	[ "$(vk-stakeholder inputs --stakeholder 4,2 | ids)" = "2 3" ]
	[ "$(vk-stakeholder inputs --theme MOBILITET | ids)" = "1 3" ]
	[ "$(vk-stakeholder inputs --themes mobilitet --themes landsbyliv | ids)" = "1 2 3" ]
	[ "$(vk-stakeholder inputs --text 'ÆLDRE' | ids)" = "3" ]
	[ "$(vk-stakeholder inputs --text bussen --text mødested | ids)" = "1 2" ]
}

@test "trials and learnings: status, department, author and round take several values" {
	tour
	t1=$(vk-trial add "Landsbybus om aftenen" --department "Teknik og Miljø" --round 1 --owner 2 --theme mobilitet)
	t2=$(vk-trial add "Mødested i den gamle skole" --department "Kultur og Fritid" --round 2 --owner 6)
	t3=$(vk-trial add "Køreplan på papir" --department "teknik og miljø" --round 2 --owner 2)
	vk-trial move "$t1" proposed >/dev/null 2>&1
	vk-trial move "$t2" proposed >/dev/null 2>&1
	vk-trial move "$t2" approved >/dev/null 2>&1
	[ "$(vk-trial list --status proposed,approved | ids)" = "1 2" ]
	[ "$(vk-trial list --status idea --status approved | ids)" = "2 3" ]
	[ "$(vk-trial list --department 'TEKNIK OG MILJØ' | ids)" = "1 3" ]
	[ "$(vk-trial list --round 1,2 --owner 2 | ids)" = "1 3" ]
	[ "$(vk-trial list --title 'landsbybus,køreplan' | ids)" = "" ]
	[ "$(vk-trial list --title landsbybus --title KØREPLAN | ids)" = "1 3" ]
	vk-trial learn "$t1" "Bussen blev brugt af unge fra Karup." --author 1 >/dev/null
	vk-trial learn "$t2" "Borgerforeningen vil selv låse op." --author 7 >/dev/null
	vk-trial learn "$t3" "Papirplanen blev hængt op i Brugsen." --author 6 >/dev/null
	[ "$(vk-trial learnings --author 1,7 | ids)" = "1 2" ]
	[ "$(vk-trial learnings --trial 1 --trial 3 | ids)" = "1 3" ]
	[ "$(vk-trial learnings --text 'BORGERFORENINGEN' | ids)" = "2" ]
}

@test "milestones: kind, status and depends take several values" {
	tour
	vk-milestone add "Bustur i landsbyerne" --kind gathering --due 2020-05-20 >/dev/null
	vk-milestone add "Beslutning om landsbybussen" --kind decision --due 2020-08-30 --depend 1 >/dev/null
	vk-milestone add "Rapport til byrådet" --kind report --due 2020-09-30 --depends 1,2 >/dev/null
	[ "$(vk-milestone list --kind decision,report | ids)" = "2 3" ]
	[ "$(vk-milestone list --kind gathering --kind report | ids)" = "1 3" ]
	[ "$(vk-milestone list --depends 2 | ids)" = "3" ]
	[ "$(vk-milestone list --depend 1 | ids)" = "2 3" ]
	[ "$(vk-milestone list --title RAPPORT | ids)" = "3" ]
}

@test "a list field's option answers to its field name too" {
	tour
	id=$(vk-stakeholder add "Karen Ølholm" --roles working --roles lead --tags landsby)
	vk-stakeholder show "$id" -o json | grep -q '"roles":\["working","lead"\]'
	vk-stakeholder show "$id" -o json | grep -q '"tags":\["landsby"\]'
	vk-stakeholder set "$id" --roles steering
	vk-stakeholder show "$id" -o json | grep -q '"roles":\["steering"\]'
	e=$(vk-stakeholder engage --date 2020-06-01 --kind visit --title "Besøg i Frederiks" --participants 1,4 --themes landsbyliv)
	vk-stakeholder engagement show "$e" -o json | grep -q '"participants":\[1,4\]'
	vk-stakeholder engagement show "$e" -o json | grep -q '"themes":\["landsbyliv"\]'
	run vk-stakeholder list --help
	[[ "$output" == *"--role, --roles ROLE"* ]] || fail_with "help names the alias"
}

@test "an unknown option names the nearest known one" {
	run --separate-stderr vk-stakeholder list --rol citizen
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-stakeholder: unknown option '--rol'; did you mean --role?"* ]] || fail_with "suggestion"
	run --separate-stderr vk-stakeholder list --gruop citizen
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"did you mean --group?"* ]] || fail_with "suggestion"
	run --separate-stderr vk-trial list --departmnet x
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"did you mean --department?"* ]] || fail_with "suggestion"
	run --separate-stderr vk-stakeholder list --zzzzzz x
	[ "$status" -eq 2 ]
	[[ "$stderr" != *"did you mean"* ]] || fail_with "no suggestion for nothing near"
}

@test "a bad value among several is bad data, and names the option" {
	tour
	run --separate-stderr vk-stakeholder list --group citizen,pensioner
	[ "$status" -eq 65 ]
	[[ "$stderr" == "vk-stakeholder: --group: "*"pensioner"* ]] || fail_with "message"
	run --separate-stderr vk-trial list --status running,flying
	[ "$status" -eq 65 ]
	run --separate-stderr vk-stakeholder engagements --with 1,x
	[ "$status" -eq 65 ]
}

@test "--limit 0 prints no records, as head -n 0 does; a negative limit is usage" {
	tour
	[ "$(vk-stakeholder list --limit 0 | wc -l)" -eq 0 ]
	[ "$(vk-stakeholder list --limit 0 -o csv)" = "$(vk-stakeholder list --limit 1 -o csv | head -n 1)" ]
	[ "$(vk-stakeholder list --limit 0 -o json)" = "[]" ]
	[ "$(vk-stakeholder list --limit 2 | ids)" = "1 2" ]
	run --separate-stderr vk-stakeholder list --limit -1
	[ "$status" -eq 2 ]
}

@test "text typed with combining marks (as a Mac sends it) is stored as one name with the precomposed" {
	# René and Køge/Kø̈ge: e + U+0301, and A + U+030A for Å
	decomposed_rene=$(printf 'Rene\314\201 Lund')
	decomposed_aase=$(printf 'A\314\212se Holm')
	vk-stakeholder add "$decomposed_rene" --town "$(printf 'A\314\212rhus')" >/dev/null 2>&1
	vk-stakeholder add "René Lund" --town Århus --email rene@example.dk >/dev/null 2>&1
	vk-stakeholder add "$decomposed_aase" --town Århus >/dev/null 2>&1
	# stored in NFC: the bytes are the precomposed ones
	[ "$(vk-stakeholder show 1 -o json | jq -r .name)" = "René Lund" ]
	[ "$(vk-stakeholder show 1 -o json | jq -r .town)" = "Århus" ]
	# the same for filters, both ways
	[ "$(vk-stakeholder list --name "$decomposed_rene" | ids)" = "1 2" ]
	[ "$(vk-stakeholder list --name "René" | ids)" = "1 2" ]
	[ "$(vk-stakeholder list --town århus | ids)" = "1 2 3" ]
	# sorting: Åse after René, as Å is after Z
	[ "$(vk-stakeholder list --sort name | ids)" = "1 2 3" ]
	# grouping: one town, not two that look the same
	[ "$(vk-stakeholder list -o json | jq -r '[.[].town] | unique | length')" = 1 ]
	# and from JSON too
	printf '{"name":"%s","town":"Ko\\u0308ge"}\n' "$decomposed_rene" > p.jsonl
	vk-stakeholder import --from jsonl p.jsonl >/dev/null 2>&1
	[ "$(vk-stakeholder show 4 -o json | jq -r .town)" = "Köge" ]
	[ "$(vk-stakeholder show 4 -o json | jq -r .name)" = "René Lund" ]
	[ "$(vk-stakeholder list --name 'rené lund' | ids)" = "1 2 4" ]
}

@test "a name or title of only spaces is refused like an empty one, and nothing is written" {
	vk-stakeholder add "Åse Nørgaard" >/dev/null 2>&1
	before=$(db_digest)
	run --separate-stderr vk-stakeholder add "   "
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"name: must not be only spaces"* ]] || fail_with "message"
	run --separate-stderr vk-stakeholder add "$(printf '\302\240\t')"
	[ "$status" -eq 65 ]
	run --separate-stderr vk-stakeholder set 1 --name "  "
	[ "$status" -eq 65 ]
	run --separate-stderr vk-trial add "  " --start 2020-05-01 --end 2020-06-12
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"title: must not be only spaces"* ]] || fail_with "trial message"
	run --separate-stderr vk-milestone add " " --due 2020-06-01
	[ "$status" -eq 65 ]
	printf 'name,town\nBo Ølgaard,Karup\n"  ",Viborg\n' > blank.csv
	run --separate-stderr vk-stakeholder import blank.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"blank.csv:3: name: must not be only spaces"* ]] || fail_with "import message: $stderr"
	[ "$(db_digest)" = "$before" ]
}
