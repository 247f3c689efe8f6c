#!/usr/bin/env bats
# vk-stakeholder import and export: all or nothing, FILE:LINE reports,
# CSV from Danish spreadsheets, JSON and JSON Lines, the formula guard.

load helpers

GROUPS_LIST='politician, management, manager, employee, citizen, association, business, education, partner, consultant, other'

# ---- all or nothing ----

@test "import reports every bad row as FILE:LINE: field: problem, exits 65 and writes nothing" {
	add_people
	before=$(db_digest)
	# line 5 starts a record whose notes run over two lines, so the
	# record after it starts on line 7
	printf '%s\r\n' 'name,group,town,notes,allocation' \
		'Malik Berthelsen,citizen,Nuuk,ok,10' \
		'Hans Hansen,borger,Tasiilaq,"med komma, og ""citat""",' \
		'Pipaluk Jensen,employee,Paamiut,,' \
		'"Nuka Lynge","citizen","Paamiut","linje 1' \
		'linje 2",5' \
		',citizen,Nuuk,intet navn,' \
		'Ivalo Kleist,citizen,Qaqortoq,,200' \
		'Aqqaluk Olsen,citizen,Ittoqqortoormiit,,halvtreds' > bad.csv
	run --separate-stderr vk-stakeholder import bad.csv
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	expected="bad.csv:3: group: \"borger\" is not a group; use one of: $GROUPS_LIST
bad.csv:7: name: is required
bad.csv:8: allocation: 200 is out of range (0-100)
bad.csv:9: allocation: \"halvtreds\" is not a whole number
vk-stakeholder: bad.csv: 4 bad rows: nothing was imported"
	[ "$stderr" = "$expected" ] || fail_with "report differs"
	[ "$(db_digest)" = "$before" ]
}

@test "import reports at most 50 bad rows and counts the rest" {
	add_people
	before=$(db_digest)
	{
		echo "name,group"
		for i in $(seq 1 60); do echo "Person $i,gruppe$i"; done
		echo "Sidste Person,citizen"
	} > many.csv
	run --separate-stderr vk-stakeholder import many.csv
	[ "$status" -eq 65 ]
	reported=$(printf '%s\n' "$stderr" | grep -c '^many\.csv:[0-9]*: group: ')
	[ "$reported" -eq 50 ] || fail_with "$reported reported"
	[ "${stderr_lines[0]}" = "many.csv:2: group: \"gruppe1\" is not a group; use one of: $GROUPS_LIST" ]
	[ "${stderr_lines[49]}" = "many.csv:51: group: \"gruppe50\" is not a group; use one of: $GROUPS_LIST" ]
	[[ "$stderr" == *"10 more bad rows not shown"* ]] || fail_with "no count of the rest"
	[[ "$stderr" == *"60 bad rows: nothing was imported" ]] || fail_with "no total"
	[ "$(db_digest)" = "$before" ]
}

@test "import refuses invalid UTF-8 and names its line" {
	add_people
	before=$(db_digest)
	# latin-1: ø is the single byte 0xf8
	printf 'name,town\nMalik Berthelsen,Nuuk\nS\370ren Ødegård,Tasiilaq\nIvalo,Qaqortoq\nAne,Paamiut \346\n' > latin1.csv
	run --separate-stderr vk-stakeholder import latin1.csv
	[ "$status" -eq 65 ]
	[[ "${stderr_lines[0]}" == "latin1.csv:3: name: invalid UTF-8"* ]] || fail_with "line 3"
	[[ "${stderr_lines[1]}" == "latin1.csv:5: town: invalid UTF-8"* ]] || fail_with "line 5"
	[ "$(db_digest)" = "$before" ]
	printf '{"name":"Malik"}\n{"name":"S\370ren"}\n' > latin1.jsonl
	run --separate-stderr vk-stakeholder import latin1.jsonl
	[ "$status" -eq 65 ]
	[[ "$stderr" == "latin1.jsonl:2: "*"UTF-8"* ]] || fail_with "jsonl"
	[ "$(db_digest)" = "$before" ]
	run grep -a -c -F 'Malik' "$VK_DB"
	[ "$output" = 0 ]
}

@test "import refuses bad CSV quoting with its line" {
	add_people
	before=$(db_digest)
	printf 'name,notes\nMalik,ok\nHans,b"c\n' > quote.csv
	run --separate-stderr vk-stakeholder import quote.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "quote.csv:3: bad quoting"* ]] || fail_with "quoting"
	printf 'name,notes\nMalik,"ikke lukket\nHans,x\n' > open.csv
	run --separate-stderr vk-stakeholder import open.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "open.csv:2: bad quoting"* ]] || fail_with "open quote"
	printf 'name,notes\nMalik,a,b\n' > fields.csv
	run --separate-stderr vk-stakeholder import fields.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "fields.csv:2: "* ]]
	[ "$(db_digest)" = "$before" ]
}

@test "import refuses an unknown column unless --ignore-unknown" {
	add_people
	before=$(db_digest)
	printf 'name,town,skostørrelse\nMalik Berthelsen,Nuuk,42\n' > unknown.csv
	run --separate-stderr vk-stakeholder import unknown.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "unknown.csv:1: skostørrelse: no such field in a stakeholder"* ]] || fail_with "message"
	[ "$(db_digest)" = "$before" ]
	printf '{"name":"Ivalo","hat":"rød"}\n' > unknown.jsonl
	run --separate-stderr vk-stakeholder import unknown.jsonl
	[ "$status" -eq 65 ]
	[[ "$stderr" == "unknown.jsonl:1: hat: no such field"* ]] || fail_with "json message"
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-stakeholder import unknown.csv --ignore-unknown
	[ "$status" -eq 0 ]
	run vk-stakeholder list --name Malik -o jsonl
	[[ "$output" == '{"type":"stakeholder","id":7,"name":"Malik Berthelsen","group":null,"organisation":null,"town":"Nuuk",'* ]] || fail_with "imported"
	# (timestamps out first: they may hold a 42 of their own)
	[[ "$(printf '%s' "$output" | norm_ts)" != *42* ]]
}

@test "import of a header of 1000 columns, 999 of them no field, says so in one message" {
	add_people
	before=$(db_digest)
	{
		printf 'name'; for i in $(seq 1 999); do printf ',felt_%s' "$i"; done; printf '\n'
		printf '"Søren Ødegård, Åkirkeby"'; for i in $(seq 1 999); do printf ',x'; done; printf '\n'
	} > bred.csv
	run --separate-stderr -65 vk-stakeholder import bred.csv
	[ "${#stderr_lines[@]}" -eq 2 ] || fail_with "more than one message for the header"
	[[ "${stderr_lines[0]}" == 'bred.csv:1: 999 columns are no field of a stakeholder: "felt_1", "felt_2", "felt_3", "felt_4", "felt_5" and 994 more (--ignore-unknown skips them); the fields: id, name, group,'* ]] ||
		fail_with "message"
	[ "${stderr_lines[1]}" = "vk-stakeholder: bred.csv: 1 bad row: nothing was imported" ]
	[ "$(db_digest)" = "$before" ]
	# a JSON record of many keys that are no field: one message too
	printf '{"name":"Åse","sko":38,"hat":"rød","frakke":"blå"}\n' > bred.jsonl
	run --separate-stderr -65 vk-stakeholder import bred.jsonl
	[[ "${stderr_lines[0]}" == 'bred.jsonl:1: 3 keys are no field of a stakeholder: "sko", "hat" and "frakke" (--ignore-unknown skips them); the fields: '* ]] ||
		fail_with "json message"
	[ "${#stderr_lines[@]}" -eq 2 ]
	run --separate-stderr vk-stakeholder import bred.csv --ignore-unknown
	[ "$status" -eq 0 ] || fail_with "--ignore-unknown"
	[[ "$(vk-stakeholder list --name Åkirkeby -o jsonl)" == *'"name":"Søren Ødegård, Åkirkeby"'* ]]
}

@test "import reads several JSON arrays one after another, and arrays mixed with JSON Lines" {
	cat > to.json <<-'EOF'
	[
	{"name": "Åse Ødegård", "town": "Tromsø", "notes": "\"Vi må ha flere møter\", sa hun"}
	]
	[{"name": "Bjørn Æbeltoft", "group": "citizen"}, {"name": "Kåre Lærkesen, jr.", "group": "employee"}]
	{"name": "Søren Ørsted", "town": "Årøsund"}
	[]
	EOF
	add_people
	had=$(vk-stakeholder list -o jsonl | wc -l)
	run --separate-stderr vk-stakeholder import to.json
	[ "$status" -eq 0 ] && [ -z "$stderr" ] || fail_with "mixed"
	[ "$(vk-stakeholder list -o jsonl | wc -l)" -eq $((had + 4)) ] || fail_with "not 4 added"
	run vk-stakeholder list -o jsonl
	[[ "$output" == *'"name":"Kåre Lærkesen, jr.","group":"employee"'* ]] || fail_with "second array"
	[[ "$output" == *'"notes":"\"Vi må ha flere møter\", sa hun"'* ]] || fail_with "quotes"
	# --from json and --from jsonl take the same mix
	fresh=$(db_digest)
	for from in json jsonl; do
		run --separate-stderr vk-stakeholder import --dry-run --from $from to.json
		[ "$status" -eq 0 ] || fail_with "--from $from"
	done
	[ "$(db_digest)" = "$fresh" ]
}

@test "import reports problems of rows far past the first with their own lines, in order" {
	add_people
	before=$(db_digest)
	# more rows than are read ahead: the bad ones are converted on the
	# reading thread and must still come in line order with their lines
	{
		echo 'name,group,town,allocation'
		for i in $(seq 1 3000); do
			case $i in
			700) echo "Aviaja Ødegård $i,borger,Nuuk,5" ;;
			1500) printf '"Nuka ""Kalaaleq"" Lynge %s",citizen,"Qaqortoq,\nSydgrønland",200\n' "$i" ;;
			2999) echo ",citizen,Tasiilaq," ;;
			*) echo "Pipaluk Kleist $i,citizen,Paamiut,$((i % 100))" ;;
			esac
		done
	} > far.csv
	run --separate-stderr vk-stakeholder import far.csv
	[ "$status" -eq 65 ]
	expected="far.csv:701: group: \"borger\" is not a group; use one of: $GROUPS_LIST
far.csv:1501: allocation: 200 is out of range (0-100)
far.csv:3001: name: is required
vk-stakeholder: far.csv: 3 bad rows: nothing was imported"
	[ "$stderr" = "$expected" ] || fail_with "report differs"
	[ "$(db_digest)" = "$before" ]
}

@test "import of a row for another record type exits 65" {
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder import - <<< '{"type":"engagement","title":"Møde"}'
	[ "$status" -eq 65 ]
	[[ "$stderr" == "stdin:1: type: "* ]]
	[ "$(db_digest)" = "$before" ]
}

# ---- --dry-run ----

@test "import --dry-run prints what would be added and changed, and writes nothing" {
	add_people
	before=$(db_digest)
	printf '%s\n' 'id,name,group,town' \
		'3,Naja Lyberth-Møller,citizen,Kuummiit' \
		'4,Pipaluk Heilmann,employee,Paamiut' \
		',Malik Berthelsen,citizen,Nuuk' \
		'5,Kaalu Kreutzmann,business,Nuuk' \
		',"Ivalo ""Ivi"" Kleist",association,Qaqortoq' > dry.csv
	run --separate-stderr vk-stakeholder import dry.csv --dry-run
	[ "$status" -eq 0 ]
	expected='update stakeholder 3 (line 2): town: "Tasiilaq" -> "Kuummiit"
add stakeholder 7 (line 4): "Malik Berthelsen"
update stakeholder 5 (line 5): town: "Paamiut" -> "Nuuk"
add stakeholder 8 (line 6): "Ivalo \"Ivi\" Kleist"
would add 2, update 2, leave 1 unchanged'
	[ "$output" = "$expected" ] || fail_with "dry run differs"
	[ "$(db_digest)" = "$before" ]
	# and then for real
	run --separate-stderr vk-stakeholder import dry.csv
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$(vk-stakeholder list --town Nuuk | ids)" = "1 5 7" ]
	[ "$(vk-stakeholder list --town Kuummiit | ids)" = "3" ]
}

@test "import --dry-run of a bad file reports the rows and exits 65" {
	add_people
	before=$(db_digest)
	printf 'name,group\nMalik,citizen\nHans,borger\n' > bad.csv
	run --separate-stderr vk-stakeholder import bad.csv --dry-run
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == "bad.csv:3: group: \"borger\" is not a group"* ]] || fail_with "report"
	[ "$(db_digest)" = "$before" ]
	# a dry run creates no database
	run --separate-stderr vk-stakeholder import bad.csv --dry-run --db "$TEST_DIR/ny.db"
	[ "$status" -eq 65 ]
	[ ! -e "$TEST_DIR/ny.db" ]
	printf 'name\nMalik\n' > good.csv
	run --separate-stderr vk-stakeholder import good.csv --dry-run --db "$TEST_DIR/ny.db"
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "would add 1, update 0, leave 0 unchanged" ] || fail_with "count"
	[ ! -e "$TEST_DIR/ny.db" ]
}

# ---- long values in messages ----

# big_text: 5.3 MB of Danish text on one line (valid UTF-8 throughout)
big_text() {
	yes 'Fællesskab på tværs af bygderne, sagde hun. ' | head -n 120000 | tr -d '\n'
}

@test "import --dry-run of a 5 MB text shows it on one short line, cut at a character" {
	add_people
	add_engagements
	big=$(big_text)
	[ "${#big}" -gt 5000000 ]
	printf 'engagement,source,text\n2,"kvinde, Qaqortoq","Åse sagde:\n%s"\n' "$big" > big.csv
	before=$(db_digest)
	run --separate-stderr vk-stakeholder input import big.csv --dry-run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 'add input 5 (line 2): "Åse sagde:\nFællesskab på tværs af bygderne, sagde hun. Fælle…"' ] ||
		fail_with "add line"
	[ "${#lines[@]}" -eq 2 ]
	[ "${#output}" -lt 200 ]
	# an update shows both sides cut (the old text is 73 characters)
	printf 'id,text\n2,"%s"\n' "$big" > update.csv
	run --separate-stderr vk-stakeholder input import update.csv --dry-run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 'update input 2 (line 2): text: "Jeg vil gerne hjem igen bagefter. \"Der skal være noget at ko…" -> "Fællesskab på tværs af bygderne, sagde hun. Fællesskab på tv…"' ] ||
		fail_with "update line"
	printf '%s' "$output" | iconv -f UTF-8 -t UTF-8 >/dev/null
	[ "$(db_digest)" = "$before" ]
	# the import itself keeps the whole text, and the log shows it whole
	vk-stakeholder input import update.csv
	[ "$(vk-stakeholder input show 2 -o jsonl | jq -r .text)" = "$big" ]
	[ "$(vk-stakeholder input log 2 -o table | tail -n 1 | wc -c)" -gt 5000000 ]
}

@test "a message that quotes a 5 MB value stays one short line" {
	add_people
	big=$(big_text)
	before=$(db_digest)
	# a problem of a row
	printf 'name,email\nMalik Berthelsen,"%s"\n' "$big" > bad.csv
	run --separate-stderr vk-stakeholder import bad.csv
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = 'bad.csv:2: email: "Fællesskab på tværs af bygderne, sagde hun. Fællesskab på tv…" is not an e-mail address' ] ||
		fail_with "row problem"
	[ "${#stderr}" -lt 300 ]
	# a date quoted by the date module's message, in a file and as an option
	printf 'title,start\nLegepladsen i Qaqortoq,"%s"\n' "$big" > dates.csv
	run --separate-stderr vk-trial import dates.csv
	[ "$status" -eq 65 ]
	[[ "${stderr_lines[0]}" == 'dates.csv:2: start: "Fællesskab på tværs af bygderne, sagde hun. Fællesskab på tv…" is not '* ]] ||
		fail_with "date in a file"
	[ "${#stderr_lines[0]}" -lt 400 ]
	arg=${big:0:100000}	# an argument can hold 128 KB
	run --separate-stderr vk-trial add "Legepladsen i Qaqortoq" --start "$arg"
	[ "$status" -eq 65 ]
	[[ "$stderr" == 'vk-trial: start: "Fællesskab på tværs af bygderne, sagde hun. Fællesskab på tv…" is not '* ]] ||
		fail_with "date option"
	[ "${#stderr}" -lt 400 ]
	# a vocabulary value, an id, a format, a command: each one line, cut
	# a filter's values are split at commas: the message names the bad one
	run --separate-stderr vk-stakeholder list --group "$arg"
	[ "$status" -eq 65 ] || fail_with "--group: exit"
	[[ "${stderr_lines[0]}" == 'vk-stakeholder: --group: "Fællesskab på tværs af bygderne" is not a group;'* ]] ||
		fail_with "--group: the first bad value"
	[ "${#stderr_lines[0]}" -lt 400 ] || fail_with "--group: a long line"
	for cmd in "vk-stakeholder show" "vk-stakeholder list -o" \
		   "vk-stakeholder" "vk-report weekly --week" "vk-stakeholder list --sort"; do
		run --separate-stderr $cmd "$arg"
		[ "$status" -eq 2 ] || [ "$status" -eq 65 ] || fail_with "$cmd: exit"
		[[ "${stderr_lines[0]}" == *"Fællesskab på tværs af bygderne, sagde hun. Fællesskab på tv…"* ]] ||
			fail_with "$cmd: not quoted as messages quote"
		[ "${#stderr_lines[0]}" -lt 400 ] || fail_with "$cmd: a long line"
	done
	# a column named with the whole text
	printf 'name,"%s"\nMalik Berthelsen,x\n' "$big" > header.csv
	run --separate-stderr vk-stakeholder import header.csv
	[ "$status" -eq 65 ]
	[[ "${stderr_lines[0]}" == 'header.csv:1: Fællesskab på tværs af bygderne, sagde hun. Fællesskab på tv…: no such field'* ]] ||
		fail_with "column"
	[ "${#stderr}" -lt 400 ]
	[ "$(db_digest)" = "$before" ]
}

# ---- updates ----

@test "import of a row with an existing id updates only the fields it has, and the log says so" {
	add_people
	printf 'id,town,interest\n2,Nuuk,low\n' > update.csv
	run --separate-stderr vk-stakeholder import update.csv
	[ "$status" -eq 0 ]
	run vk-stakeholder show 2 -o jsonl
	[[ "$output" == '{"type":"stakeholder","id":2,"name":"Søren Ødegård Åsheim","group":"consultant","organisation":"Arktisk Procesrådgivning ApS","town":"Nuuk","email":"soren.asheim@example.dk","phone":"+45 20 30 40 50","roles":["working","lead"],"allocation":50,"influence":"medium","interest":"low","tags":["proces"],'* ]] ||
		fail_with "record after update"
	[[ "$(vk-stakeholder log 2 | tail -1)" == *'"before":{"town":"Qaqortoq","interest":"high"},"after":{"town":"Nuuk","interest":"low"}}' ]] || fail_with "log"
	[ "$(vk-stakeholder list | ids)" = "1 2 3 4 5 6" ]
	# an empty cell empties the field
	printf 'id,organisation\n2,\n' > clear.csv
	vk-stakeholder import clear.csv
	[[ "$(vk-stakeholder show 2)" == *'"organisation":null,'* ]]
}

@test "import of a new id keeps it; an id that was removed is not given again" {
	add_people
	vk-stakeholder rm 6
	printf 'id,name\n50,Halvtreds Hansen\n' > new.csv
	vk-stakeholder import new.csv
	[ "$(vk-stakeholder list | ids)" = "1 2 3 4 5 50" ]
	before=$(db_digest)
	printf 'id,name\n6,Genbrugt Id\n' > reuse.csv
	run --separate-stderr vk-stakeholder import reuse.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "reuse.csv:2: id: "* ]] || fail_with "message"
	[ "$(db_digest)" = "$before" ]
}

@test "import of one id twice in one file exits 65 and writes nothing" {
	add_people
	before=$(db_digest)
	printf 'id,name\n9,Malik\n9,Malik igen\n' > dup.csv
	run --separate-stderr vk-stakeholder import dup.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "dup.csv:3: id: 9 appears twice in this import"* ]] || fail_with "new id twice"
	printf 'id,town\n2,Nuuk\n2,Tasiilaq\n' > dup2.csv
	run --separate-stderr vk-stakeholder import dup2.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "dup2.csv:3: id: 2 appears twice in this import"* ]] || fail_with "existing id twice"
	[ "$(db_digest)" = "$before" ]
}

# ---- CSV dialects ----

@test "import reads a Danish Excel CSV: byte-order mark, ';', CRLF, quoted ';' and line breaks" {
	printf '\357\273\277name;group;town;organisation;roles;allocation;notes\r\n' > excel.csv
	{
		printf '"Aviaja Kristiansen-Kleist";politician;Nuuk;"Kommuneqarfik Sermersooq; Kommunalbestyrelsen";"owner;steering";;"Borgmester.\nSagde: ""ja; tak"""\r\n'
		printf 'Søren Ødegård Åsheim;consultant;Qaqortoq;Arktisk Procesrådgivning ApS;working;50;\r\n'
		printf 'Naja Lyberth-Møller;citizen;Tasiilaq;;participant;;"Komma, semikolon; æøå ÆØÅ"\r\n'
	} >> excel.csv
	run --separate-stderr vk-stakeholder import excel.csv
	[ "$status" -eq 0 ] || fail_with "import failed"
	run vk-stakeholder export -o jsonl
	[ "$(printf '%s' "$output" | norm_ts)" = '{"type":"stakeholder","id":1,"name":"Aviaja Kristiansen-Kleist","group":"politician","organisation":"Kommuneqarfik Sermersooq; Kommunalbestyrelsen","town":"Nuuk","email":null,"phone":null,"roles":["owner","steering"],"allocation":null,"influence":null,"interest":null,"tags":[],"notes":"Borgmester.\nSagde: \"ja; tak\"","created":"TS","updated":"TS"}
{"type":"stakeholder","id":2,"name":"Søren Ødegård Åsheim","group":"consultant","organisation":"Arktisk Procesrådgivning ApS","town":"Qaqortoq","email":null,"phone":null,"roles":["working"],"allocation":50,"influence":null,"interest":null,"tags":[],"notes":null,"created":"TS","updated":"TS"}
{"type":"stakeholder","id":3,"name":"Naja Lyberth-Møller","group":"citizen","organisation":null,"town":"Tasiilaq","email":null,"phone":null,"roles":["participant"],"allocation":null,"influence":null,"interest":null,"tags":[],"notes":"Komma, semikolon; æøå ÆØÅ","created":"TS","updated":"TS"}' ] ||
		fail_with "records differ"
}

@test "import of the example files gives the example process" {
	vk-stakeholder import "$EXAMPLES/stakeholders.csv" 2>/dev/null
	vk-stakeholder engagement import "$EXAMPLES/engagements.csv"
	vk-stakeholder input import "$EXAMPLES/inputs.csv"
	[ "$(vk-stakeholder list | wc -l)" -eq "$(($(grep -c '^[0-9]' "$EXAMPLES/stakeholders.csv")))" ]
	[ "$(vk-stakeholder engagements | wc -l)" -eq "$(($(grep -c '^[0-9]' "$EXAMPLES/engagements.csv")))" ]
	[ "$(vk-stakeholder list --name "Aviaja Kristiansen-Kleist" | ids)" = 1 ]
}

@test "import --delimiter gives the separator the header cannot tell" {
	printf 'name\nHeilmann, Kaalu\n' > one.csv
	run --separate-stderr vk-stakeholder import one.csv --delimiter ';'
	[ "$status" -eq 0 ] || fail_with "--delimiter ;"
	printf 'name;notes\nBerthelsen, Malik;"a; b"\n' > semi.csv
	run --separate-stderr vk-stakeholder import semi.csv --delimiter ';'
	[ "$status" -eq 0 ]
	printf 'name\tnotes\nKleist, Ivalo\tc, d; e\n' > tab.tsv
	run --separate-stderr vk-stakeholder import tab.tsv --delimiter "$(printf '\t')"
	[ "$status" -eq 0 ] || fail_with "--delimiter TAB"
	run --separate-stderr vk-stakeholder import tab.tsv --from tsv
	[ "$status" -eq 0 ] || fail_with "--from tsv"
	run vk-stakeholder export -o tsv
	[ "$(printf '%s\n' "$output" | cut -f2 | tail -n +2 | paste -sd'|' -)" = '"Heilmann, Kaalu"|"Berthelsen, Malik"|"Kleist, Ivalo"|"Kleist, Ivalo"' ] ||
		[ "$(printf '%s\n' "$output" | cut -f2 | tail -n +2 | paste -sd'|' -)" = 'Heilmann, Kaalu|Berthelsen, Malik|Kleist, Ivalo|Kleist, Ivalo' ] ||
		fail_with "names"
	[[ "$(vk-stakeholder show 2)" == *'"notes":"a; b"'* ]]
	[[ "$(vk-stakeholder show 3)" == *'"notes":"c, d; e"'* ]]
	# a comma file read with ';' has one unknown column
	printf 'name,town\nMalik,Nuuk\n' > comma.csv
	run --separate-stderr vk-stakeholder import comma.csv --delimiter ';'
	[ "$status" -eq 65 ]
	run --separate-stderr vk-stakeholder import comma.csv --delimiter '|'
	[ "$status" -eq 2 ]
}

@test "import detects the delimiter from the header: ',' ';' and tab" {
	printf 'name,town\nMalik Berthelsen,Nuuk\n' > comma.csv
	printf 'name;town\nIvalo Kleist;Qaqortoq\n' > semi.csv
	printf 'name\ttown\nAqqaluk Olsen\tPaamiut\n' > tab.tsv
	vk-stakeholder import comma.csv 2>/dev/null
	vk-stakeholder import semi.csv
	vk-stakeholder import tab.tsv
	[ "$(vk-stakeholder list --town Nuuk | ids)" = 1 ]
	[ "$(vk-stakeholder list --town Qaqortoq | ids)" = 2 ]
	[ "$(vk-stakeholder list --town Paamiut | ids)" = 3 ]
}

# ---- JSON, JSON Lines, --from, stdin ----

@test "import reads a JSON array and JSON Lines, from a file or from stdin" {
	cat > people.json <<-'EOF'
	[
	  {"name": "Aviaja Kristiansen-Kleist", "group": "politician", "roles": ["owner", "steering"],
	   "allocation": 20, "tags": ["vision"], "notes": "Linje 1\nLinje 2, \"citat\""},
	  {"name": "Søren Ødegård Åsheim", "town": "Qaqortoq"}
	]
	EOF
	run --separate-stderr vk-stakeholder import people.json
	[ "$status" -eq 0 ]
	printf '{"name":"Naja Lyberth-Møller","group":"citizen","town":"Tasiilaq"}\n{"name":"Pipaluk Heilmann","interest":"high"}\n' |
		vk-stakeholder import -
	run vk-stakeholder export -o jsonl
	[ "$(count_lines "$output")" = 4 ]
	[[ "${lines[0]}" == '{"type":"stakeholder","id":1,"name":"Aviaja Kristiansen-Kleist","group":"politician","organisation":null,"town":null,"email":null,"phone":null,"roles":["owner","steering"],"allocation":20,"influence":null,"interest":null,"tags":["vision"],"notes":"Linje 1\nLinje 2, \"citat\"",'* ]] ||
		fail_with "json array record"
	[[ "${lines[2]}" == '{"type":"stakeholder","id":3,"name":"Naja Lyberth-Møller","group":"citizen","organisation":null,"town":"Tasiilaq",'* ]] || fail_with "jsonl record"
	[[ "${lines[3]}" == *'"interest":"high"'* ]]
	# CSV from stdin
	printf 'name,town\nIvalo Kleist,Paamiut\n' | vk-stakeholder import -
	[ "$(vk-stakeholder list --town Paamiut | ids)" = 5 ]
}

@test "import reports JSON problems with the line a record starts on, and stdin as the name" {
	add_people
	before=$(db_digest)
	printf '[\n {"name": "Malik"},\n {"name": "Hans",\n  "group": "borger"},\n {"name": true}\n]\n' > bad.json
	run --separate-stderr vk-stakeholder import bad.json
	[ "$status" -eq 65 ]
	# in an array, the element too (from 0, as jq counts)
	[[ "${stderr_lines[0]}" == 'bad.json:3: [1]: group: "borger" is not a group'* ]] || fail_with "array line 3"
	[ "${stderr_lines[1]}" = 'bad.json:5: [2]: name: must be a string' ] || fail_with "array line 5"
	printf '{"name":"Malik"}\n{"name": "Hans", "group":\n "borger"}\n{ikke json}\n{"name":"Ivalo"}\n' > bad.jsonl
	run --separate-stderr vk-stakeholder import - < bad.jsonl
	[ "$status" -eq 65 ]
	[[ "${stderr_lines[0]}" == 'stdin:2: group: "borger" is not a group'* ]] || fail_with "jsonl line 2"
	[[ "${stderr_lines[1]}" == 'stdin:4: '* ]] || fail_with "jsonl line 4"
	[[ "$stderr" == *"vk-stakeholder: stdin: 2 bad rows: nothing was imported" ]] || fail_with "summary"
	[ "$(db_digest)" = "$before" ]
}

@test "import --from names the format when the content is not enough" {
	# a one-column CSV whose value looks like JSON
	printf 'name\n{Malik}\n' > brace.csv
	run --separate-stderr vk-stakeholder import brace.csv --from csv
	[ "$status" -eq 0 ] || fail_with "--from csv"
	[[ "$(vk-stakeholder show 1)" == *'"name":"{Malik}"'* ]]
	printf '[{"name":"Ivalo"}]' > one.json
	run --separate-stderr vk-stakeholder import one.json --from json
	[ "$status" -eq 0 ]
	printf '{"name":"Aqqaluk"}\n' > one.jsonl
	run --separate-stderr vk-stakeholder import one.jsonl --from jsonl
	[ "$status" -eq 0 ]
	[ "$(vk-stakeholder list | ids)" = "1 2 3" ]
	before=$(db_digest)
	printf 'name\nNuka\n' > plain.csv
	run --separate-stderr vk-stakeholder import plain.csv --from json
	[ "$status" -eq 65 ]
	run --separate-stderr vk-stakeholder import plain.csv --from xml
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

@test "import of a missing file exits 66 naming it and creates no database" {
	run --separate-stderr vk-stakeholder import "$TEST_DIR/findes-ikke.csv"
	[ "$status" -eq 66 ]
	[[ "$stderr" == "vk-stakeholder: $TEST_DIR/findes-ikke.csv: "* ]] || fail_with "message"
	[ ! -e "$VK_DB" ]
	add_people
	before=$(db_digest)
	run --separate-stderr vk-stakeholder engagement import findes-ikke.csv
	[ "$status" -eq 66 ]
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-stakeholder import
	[ "$status" -eq 2 ]
}

@test "import of a header without rows, or of an empty file, adds nothing" {
	add_people
	before=$(db_digest)
	printf 'name,town\r\n' > header.csv
	run --separate-stderr vk-stakeholder import header.csv
	[ "$status" -eq 0 ]
	: > empty.csv
	run --separate-stderr vk-stakeholder import empty.csv
	[ "$status" -eq 0 ]
	[ "$(db_digest)" = "$before" ]
}

# ---- the formula guard ----

guard_people() {
	vk-stakeholder add "Malik Berthelsen" --notes '=SUM(A1)' --allocation 20 \
		--phone "+299 32 10 00" --organisation "@Nuuk Forening" >/dev/null 2>&1
	vk-stakeholder add "Ivalo Kleist" --notes '-5 grader i Paamiut' --allocation 0 \
		--tag "'citeret" --tag "+plus" >/dev/null
	vk-stakeholder add "'Aqqaluk' Olsen" --notes $'\tindrykket' --town "Nuuk" >/dev/null
}

@test "export -o csv puts a ' before cells a spreadsheet would run, never before numbers" {
	guard_people
	vk-stakeholder export -o csv | norm_ts > guarded.csv
	printf '%s\r\n' 'id,name,group,organisation,town,email,phone,roles,allocation,influence,interest,tags,notes,created,updated' \
		"1,Malik Berthelsen,,'@Nuuk Forening,,,'+299 32 10 00,,20,,,,'=SUM(A1),TS,TS" \
		"2,Ivalo Kleist,,,,,,,0,,,''citeret;+plus,'-5 grader i Paamiut,TS,TS" \
		"3,''Aqqaluk' Olsen,,,Nuuk,,,,,,,,'	indrykket,TS,TS" > expected.csv
	diff expected.csv guarded.csv
}

@test "import of a guarded export restores the original values" {
	guard_people
	vk-stakeholder export -o jsonl > original.jsonl
	vk-stakeholder export -o csv > guarded.csv
	vk-stakeholder --db "$TEST_DIR/copy.db" import guarded.csv 2>/dev/null
	vk-stakeholder --db "$TEST_DIR/copy.db" export -o jsonl > copy.jsonl
	diff original.jsonl copy.jsonl
	grep -q -F '"notes":"=SUM(A1)"' copy.jsonl
	grep -q -F '"notes":"-5 grader i Paamiut"' copy.jsonl
	grep -q -F '"tags":["'"'"'citeret","+plus"]' copy.jsonl
	# so does TSV, and the guarded Excel CSV
	vk-stakeholder export -o tsv > guarded.tsv
	vk-stakeholder --db "$TEST_DIR/tsv.db" import guarded.tsv 2>/dev/null
	diff original.jsonl <(vk-stakeholder --db "$TEST_DIR/tsv.db" export -o jsonl)
	vk-stakeholder export -o csv --excel > excel.csv
	vk-stakeholder --db "$TEST_DIR/excel.db" import excel.csv 2>/dev/null
	diff original.jsonl <(vk-stakeholder --db "$TEST_DIR/excel.db" export -o jsonl)
}

@test "export --raw writes cells unguarded; import --raw keeps a leading '" {
	guard_people
	vk-stakeholder export -o csv --raw > raw.csv
	norm_ts < raw.csv > raw-norm.csv
	printf '%s\r\n' 'id,name,group,organisation,town,email,phone,roles,allocation,influence,interest,tags,notes,created,updated' \
		"1,Malik Berthelsen,,@Nuuk Forening,,,+299 32 10 00,,20,,,,=SUM(A1),TS,TS" \
		"2,Ivalo Kleist,,,,,,,0,,,'citeret;+plus,-5 grader i Paamiut,TS,TS" \
		"3,'Aqqaluk' Olsen,,,Nuuk,,,,,,,,	indrykket,TS,TS" > expected.csv
	diff expected.csv raw-norm.csv
	# read back raw, the values are the same
	vk-stakeholder --db "$TEST_DIR/copy.db" import raw.csv --raw 2>/dev/null
	diff <(vk-stakeholder export -o jsonl) <(vk-stakeholder --db "$TEST_DIR/copy.db" export -o jsonl)
	# without --raw, import takes one leading ' away
	printf "name,notes\nNuka,'=1+1\n" > quoted.csv
	vk-stakeholder import quoted.csv
	[[ "$(vk-stakeholder show 4)" == *'"notes":"=1+1"'* ]]
	vk-stakeholder import quoted.csv --raw
	[[ "$(vk-stakeholder show 5)" == *"\"notes\":\"'=1+1\""* ]]
}

@test "export --excel writes a byte-order mark and ';' and still guards formulas" {
	guard_people
	vk-stakeholder export -o csv --excel | norm_ts > excel.csv
	printf '\357\273\277' > expected.csv
	printf '%s\r\n' 'id;name;group;organisation;town;email;phone;roles;allocation;influence;interest;tags;notes;created;updated' \
		"1;Malik Berthelsen;;'@Nuuk Forening;;;'+299 32 10 00;;20;;;;'=SUM(A1);TS;TS" \
		"2;Ivalo Kleist;;;;;;;0;;;\"''citeret;+plus\";'-5 grader i Paamiut;TS;TS" \
		"3;''Aqqaluk' Olsen;;;Nuuk;;;;;;;;'	indrykket;TS;TS" >> expected.csv
	diff expected.csv excel.csv
	# list and show take --excel too; show guards like export
	[ "$(vk-stakeholder list -o csv --excel | head -c 3 | od -An -tx1 | tr -d ' ')" = efbbbf ]
	[ "$(vk-stakeholder show 1 -o csv --excel | head -c 3 | od -An -tx1 | tr -d ' ')" = efbbbf ]
	[[ "$(vk-stakeholder show 1 -o csv)" == *",'=SUM(A1),"* ]]
	[[ "$(vk-stakeholder show 1 -o csv --raw)" == *",=SUM(A1),"* ]]
}

@test "export --excel without -o writes the spreadsheet CSV" {
	guard_people
	vk-stakeholder export --excel > excel.out
	[ "$(head -c 3 excel.out | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail_with "no byte-order mark: $(head -c 60 excel.out)"
	[ "$(head -1 excel.out | tr -d '\r' | tail -c +4)" = 'id;name;group;organisation;town;email;phone;roles;allocation;influence;interest;tags;notes;created;updated' ]
}

@test "import into a new store writes it without WAL, and leaves it at rest in rollback mode" {
	printf 'name,group,town\n"Kleist, Aviaja",citizen,Nuuk\nÅge Ødegård,employee,Sisimiut\n' > people.csv
	run -0 vk-stakeholder import people.csv
	[ "$(sqlite3 "$VK_DB" 'PRAGMA journal_mode')" = delete ]
	[ ! -e "$VK_DB-journal" ]
	# a second process while the first holds the new store waits, then goes on
	printf 'name,group\nMalik Berthelsen,business\n' > more.csv
	rm -f "$VK_DB" "$VK_DB-wal" "$VK_DB-shm"
	mkfifo slow
	{ cat people.csv; cat slow; } | vk-stakeholder import - &
	importer=$!
	for _ in $(seq 100); do
		[ -s "$VK_DB" ] && [ "$(sqlite3 "$VK_DB" 'PRAGMA user_version' 2>/dev/null)" != 0 ] && break
		sleep 0.1
	done
	# the file's header says rollback journal (1), not WAL (2), while it imports
	header=$(od -An -tu1 -j18 -N2 "$VK_DB" | tr -s ' ')
	VK_LOCK_TIMEOUT=20 vk-stakeholder import more.csv &
	second=$!
	sleep 0.5
	# let the import end whatever happened above: a test must not hang
	echo 'Nuka Lynge,citizen,Qaqortoq' > slow
	first_status=0 second_status=0
	wait "$importer" || first_status=$?
	wait "$second" || second_status=$?
	[ "$first_status" = 0 ] && [ "$second_status" = 0 ] || fail_with "exits $first_status $second_status"
	[ "$header" = " 1 1" ] || fail_with "file format bytes while importing: $header"
	run -0 vk-stakeholder list -o csv
	[ "${#lines[@]}" = 5 ]
	[ "$(sqlite3 "$VK_DB" 'PRAGMA journal_mode')" = delete ]
	[ "$(sqlite3 "$VK_DB" 'PRAGMA integrity_check')" = ok ]
}

@test "an import keeps its adds as runs: the log has an add a row, with its own id, and later changes after them" {
	{
		echo 'id,name,group,town,notes'
		for i in $(seq 1 40); do
			echo "$i,\"Ærbø-Lynge, Nivi $i\",citizen,Qaqortoq,\"linje 1
linje 2\""
		done
		# a gap in the ids starts another run
		echo '45,Hans-Peter Ødegård,business,Nuuk,'
		echo '46,Ole Åkjær,politician,Sisimiut,'
	} > runs.csv
	run -0 vk-stakeholder import runs.csv
	[ "$(sqlite3 "$VK_DB" "SELECT count(*) FROM events")" = 0 ]
	[ "$(sqlite3 "$VK_DB" "SELECT sum(count) FROM added_runs")" = 42 ]
	run -0 vk-stakeholder set 45 --town Ilulissat
	run -0 vk-stakeholder add "Aviaja Kleist" --group citizen
	[ "$output" = 47 ]
	run -0 vk-stakeholder log -o jsonl
	[ "${#lines[@]}" = 44 ]
	# event ids 1..42 for the adds in file order, then the set, then the add
	[ "$(printf '%s\n' "$output" | jq -r '"\(.id):\(.action):\(.entity_id)"' | tr '\n' ' ')" = "$(for i in $(seq 1 40); do printf '%s:add:%s ' "$i" "$i"; done)41:add:45 42:add:46 43:set:45 44:add:47 " ]
	[ "$(printf '%s\n' "${lines[2]}" | jq -c .after)" = '{"name":"Ærbø-Lynge, Nivi 3","group":"citizen","town":"Qaqortoq","notes":"linje 1\nlinje 2"}' ]
	[ "$(printf '%s\n' "${lines[40]}" | jq -c .after)" = '{"name":"Hans-Peter Ødegård","group":"business","town":"Nuuk"}' ]
	run -0 vk-stakeholder log 45 -o jsonl
	[ "${#lines[@]}" = 2 ]
	[ "$(printf '%s\n' "${lines[0]}" | jq -r '"\(.id) \(.after.town)"')" = "41 Nuuk" ]
	# an id a run holds is never given again, even after rm
	run -0 vk-stakeholder rm 40
	printf 'id,name,group\n40,Igen,citizen\n' > again.csv
	run -65 --separate-stderr vk-stakeholder import again.csv
	[[ "$stderr" == *"again.csv:2: id: stakeholder 40 exists or existed; ids are never reused"* ]] || fail_with "$stderr"
}
