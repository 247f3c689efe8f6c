#!/usr/bin/env bats
# JSON as other tools write it, into import and --input: jq, Miller
# (mlr --icsv --ojson), Python's csv and json. A whole number as "60",
# 60.0 or 1e1; "" for no value; a list as one string; a whole array on
# one line (jq -c -s), its bad records named by their place in it; the
# ' that vk's CSV writes before a cell a spreadsheet would run, which
# Miller keeps; and the round trip export -o csv | mlr | import.

load helpers

# need_mlr: Miller, which scripts/deps.sh test installs (Debian: miller).
need_mlr() {
	command -v mlr >/dev/null 2>&1 || skip "no mlr: the Debian package miller (scripts/deps.sh test installs it)"
}

# example_process: the example process of examples/ in $VK_DB.
example_process() {
	vk-stakeholder import "$EXAMPLES/stakeholders.csv" 2>/dev/null
	vk-stakeholder engagement import "$EXAMPLES/engagements.csv"
	vk-stakeholder input import "$EXAMPLES/inputs.csv"
	vk-milestone import "$EXAMPLES/milestones.csv"
	vk-trial import "$EXAMPLES/trials.csv"
	vk-trial learning import "$EXAMPLES/learnings.csv"
}

NOUNS=("vk-stakeholder" "vk-stakeholder engagement" "vk-stakeholder input" "vk-milestone" "vk-trial" "vk-trial learning")

# dump_all: every record of every type as JSON Lines (vk's own, exactly).
dump_all() {
	local noun
	for noun in "${NOUNS[@]}"; do
		$noun export -o jsonl
	done
}

# round_trip CONVERT: exports every record type as CSV, runs it through
# the shell command CONVERT (CSV on stdin, JSON out), imports that into an
# empty store copy.db, and fails unless it holds the same records.
round_trip() {
	local n
	rm -f "$TEST_DIR/copy.db"
	dump_all > original.jsonl
	for n in "${!NOUNS[@]}"; do
		${NOUNS[$n]} export -o csv | bash -c "$1" > "converted$n.json" || fail_with "$1 failed"
		run --separate-stderr ${NOUNS[$n]} import --from jsonl - --db "$TEST_DIR/copy.db" < "converted$n.json"
		[ "$status" -eq 0 ] || fail_with "${NOUNS[$n]} import of $1"
	done
	VK_DB="$TEST_DIR/copy.db" dump_all > copy.jsonl
	diff original.jsonl copy.jsonl || fail_with "export -o csv | $1 | import differs"
}

# Records with what Danish and Norwegian data holds: æ ø å, quotes, commas
# and ';' in text, telephone numbers of digits or with +45, notes that
# begin with '-', a tag of digits, empty cells.
nordic_people() {
	vk-stakeholder add 'Bjørn "Bager" Ærøe, jr.' --group citizen --town "Tromsø" \
		--phone 32101000 --tag 2020 --tag "bolig, ældre" --allocation 60 \
		--notes '- vil kun kontaktes på SMS; "helst efter kl. 16"' >/dev/null 2>&1
	vk-stakeholder add "Åse Ødegård" --group employee --organisation "Ørsted Kommune, Børn og Unge" \
		--phone "+45 20 30 40 50" --email "aase@example.dk" --role working,lead \
		--influence high --interest medium --notes "=SUM(A1) er ikke en formel her" >/dev/null
	vk-stakeholder add "Kåre Lærkesen" --town "Ål" --notes "3.50 kr. pr. kop" >/dev/null
}

# ---- whole numbers, "" and lists as other tools write them ----

@test "import of JSON: a whole number as \"60\", 60.0 or 1e1 is 60; a fraction or text is still an error" {
	printf '%s\n' '{"name":"Åse Ødegård","allocation":"60","id":"3"}' \
		'{"name":"Bjørn Ærøe","allocation":60.0}' \
		'{"name":"Kåre Lærkesen","allocation":1e1}' \
		'{"name":"Sølvi Åsheim","allocation":6E1}' > numbers.jsonl
	run --separate-stderr vk-stakeholder import numbers.jsonl
	[ "$status" -eq 0 ] || fail_with "whole numbers"
	run vk-stakeholder list -o jsonl
	[[ "${lines[0]}" == '{"type":"stakeholder","id":3,"name":"Åse Ødegård",'*'"allocation":60,'* ]] || fail_with "\"60\""
	[[ "${lines[1]}" == *'"name":"Bjørn Ærøe",'*'"allocation":60,'* ]] || fail_with "60.0"
	[[ "${lines[2]}" == *'"name":"Kåre Lærkesen",'*'"allocation":10,'* ]] || fail_with "1e1"
	[[ "${lines[3]}" == *'"allocation":60,'* ]] || fail_with "6E1"
	before=$(db_digest)
	printf '%s\n' '{"name":"Åse","allocation":60.5}' '{"name":"Bjørn","allocation":"seksti"}' \
		'{"name":"Kåre","allocation":"60.0"}' '{"name":"Sølvi","allocation":1e3}' \
		'{"name":"Øystein","id":7.5}' > bad.jsonl
	run --separate-stderr -65 vk-stakeholder import bad.jsonl
	[ "${stderr_lines[0]}" = "bad.jsonl:1: allocation: 60.5 is not a whole number" ]
	[ "${stderr_lines[1]}" = 'bad.jsonl:2: allocation: "seksti" is not a whole number' ]
	[ "${stderr_lines[2]}" = 'bad.jsonl:3: allocation: "60.0" is not a whole number' ]
	[ "${stderr_lines[3]}" = "bad.jsonl:4: allocation: 1000 is out of range (0-100)" ]
	[ "${stderr_lines[4]}" = "bad.jsonl:5: id: 7.5 is not an id (a whole number)" ]
	[ "$(db_digest)" = "$before" ]
}

@test "import of JSON: \"\" for a vocabulary, number, date or id field is no value, as an empty CSV cell" {
	add_people
	vk-stakeholder engage "Borgermøde i Ålesund" --date 2020-03-02 --kind meeting --with 1,2 >/dev/null
	printf '%s\n' '{"title":"Lektiecafé i Æbelø","status":"","owner":"","round":"","start":"","end":"","outcome":"","milestone":"","unit":""}' \
		> empty.jsonl
	run --separate-stderr vk-trial import empty.jsonl
	[ "$status" -eq 0 ] || fail_with "\"\" values"
	run vk-trial show 1 -o jsonl
	[[ "$output" == '{"type":"trial","id":1,"title":"Lektiecafé i Æbelø","description":null,"status":"idea","owner":null,"unit":null,"department":null,"round":null,"track":null,"themes":[],"start":null,"end":null,"participants":[],"outcome":null,"milestone":null'* ]] ||
		fail_with "trial"
	# "" in an update clears, as an empty cell does; "" for an id adds
	printf '%s\n' '{"id":"","name":"Ny Person"}' '{"id":2,"group":"","allocation":"","town":""}' > clear.jsonl
	run --separate-stderr vk-stakeholder import clear.jsonl
	[ "$status" -eq 0 ] || fail_with "clear"
	[[ "$(vk-stakeholder show 2 -o jsonl)" == *'"group":null,"organisation":"Arktisk Procesrådgivning ApS","town":null,'*'"allocation":null,'* ]] ||
		fail_with "cleared"
	[ "$(vk-stakeholder list --name "Ny Person" | ids)" = 7 ]
	# a required text given as "" is missing, as in CSV
	run --separate-stderr -65 vk-stakeholder import - <<< '{"name":""}'
	[ "$stderr" = $'stdin:1: name: is required\nvk-stakeholder: stdin: 1 bad row: nothing was imported' ]
}

@test "import of JSON: a list given as one string is split as a CSV cell is, and a reference list \"3,7\" too" {
	add_people
	printf '%s\n' '{"date":"2020-03-11","kind":"workshop","title":"Værksted på Ærø, \"Fremtidens skole\"","participants":"3,5","headcount":"citizen=17;employee=8","themes":"børn og unge; det gode liv"}' \
		'{"date":"2020-03-12","kind":"meeting","title":"Møde i Tromsø","participants":"1;2; 4","themes":"skole"}' \
		'{"date":"2020-03-13","kind":"visit","title":"Besøg","participants":6}' > lists.jsonl
	run --separate-stderr vk-stakeholder engagement import lists.jsonl
	[ "$status" -eq 0 ] || fail_with "lists"
	run vk-stakeholder engagements -o jsonl
	[[ "${lines[0]}" == *'"participants":[3,5],"headcount":{"citizen":17,"employee":8},"themes":["børn og unge","det gode liv"]'* ]] ||
		fail_with "first"
	[[ "${lines[1]}" == *'"participants":[1,2,4],'*'"themes":["skole"]'* ]] || fail_with "second"
	[[ "${lines[2]}" == *'"participants":[6],'* ]] || fail_with "one id as a number"
	printf '%s\n' '{"name":"Åse Ødegård","roles":"owner;Steering","tags":"bolig, ældre;2020"}' > roles.jsonl
	vk-stakeholder import roles.jsonl
	[[ "$(vk-stakeholder list --name Åse -o jsonl)" == *'"roles":["owner","steering"],'*'"tags":["bolig, ældre","2020"]'* ]] ||
		fail_with "roles and tags"
	# each item is checked as a cell's is
	before=$(db_digest)
	run --separate-stderr -65 vk-stakeholder import - <<< '{"name":"Kåre","roles":"owner;chef"}'
	[[ "${stderr_lines[0]}" == 'stdin:1: roles: "chef" is not a role; use one of: '* ]] || fail_with "bad role"
	run --separate-stderr -65 vk-stakeholder engagement import - <<< '{"date":"2020-03-14","kind":"visit","title":"X","participants":"3,syv"}'
	[ "${stderr_lines[0]}" = 'stdin:1: participants: "syv" is not an id (a whole number)' ] || fail_with "bad id"
	[ "$(db_digest)" = "$before" ]
}

@test "import of JSON: a text given as a whole number is its digits; one given as a real is refused, naming mlr -S" {
	printf '%s\n' '{"name":"Åse Ødegård","phone":32101000,"town":3900}' > digits.jsonl
	run --separate-stderr vk-stakeholder import digits.jsonl
	[ "$status" -eq 0 ] || fail_with "digits"
	[[ "$(vk-stakeholder show 1 -o jsonl)" == *'"town":"3900","email":null,"phone":"32101000",'* ]] || fail_with "kept"
	before=$(db_digest)
	run --separate-stderr -65 vk-stakeholder import - <<< '{"name":"Kåre Lærkesen","notes":3.50}'
	[ "${stderr_lines[0]}" = 'stdin:1: notes: 3.5 is a number, not text: give text as a JSON string ("3.5"; Miller keeps every value a string with mlr -S)' ]
	[ "$(db_digest)" = "$before" ]
}

# ---- a JSON array on one line ----

@test "errors in a JSON array name the element (arr.json:1: [17]: allocation: ...), as jq -c -s writes it on one line" {
	for i in $(seq 0 19); do
		a=$((i * 5))
		[ "$i" -eq 17 ] && a=170
		[ "$i" -eq 3 ] && a='"tre"'
		printf '{"name":"Åse Ødegård %d","town":"Tromsø","allocation":%s}\n' "$i" "$a"
	done | jq -c -s . > arr.json
	[ "$(wc -l < arr.json)" -eq 1 ]
	vk-stakeholder add "Sidsel Ødegaard" --town "Ålesund" >/dev/null 2>&1
	run --separate-stderr -65 vk-stakeholder import arr.json
	[ "${stderr_lines[0]}" = 'arr.json:1: [3]: allocation: "tre" is not a whole number' ] || fail_with "[3]"
	[ "${stderr_lines[1]}" = "arr.json:1: [17]: allocation: 170 is out of range (0-100)" ] || fail_with "[17]"
	[ "${stderr_lines[2]}" = "vk-stakeholder: arr.json: 2 bad rows: nothing was imported" ]
	[ "$(vk-stakeholder list | ids)" = 1 ]
	# a good one: --dry-run says where each record is
	jq -c 'del(.[3], .[17])' arr.json > good.json
	run --separate-stderr vk-stakeholder import --dry-run good.json
	[ "$status" -eq 0 ] || fail_with "dry run"
	[ "${lines[0]}" = 'add stakeholder 2 (line 1, [0]): "Åse Ødegård 0"' ] || fail_with "dry-run line"
	[ "${lines[17]}" = 'add stakeholder 19 (line 1, [17]): "Åse Ødegård 19"' ] || fail_with "dry-run [17]"
}

# ---- the formula guard's ', which Miller keeps ----

@test "import of JSON removes the ' that vk's CSV writes before = + - @; --raw keeps it; any other ' is the text's own" {
	printf '%s\n' "{\"name\":\"'Aqqaluk' Olsen\",\"phone\":\"'+299 36 60 01\",\"notes\":\"'- ring efter kl. 16\",\"tags\":\"''citeret;+plus\"}" > guarded.jsonl
	run --separate-stderr vk-stakeholder import guarded.jsonl
	[ "$status" -eq 0 ] || fail_with "guarded"
	[[ "$(vk-stakeholder show 1 -o jsonl)" == *"\"name\":\"'Aqqaluk' Olsen\","*"\"phone\":\"+299 36 60 01\","*"\"tags\":[\"'citeret\",\"+plus\"],\"notes\":\"- ring efter kl. 16\""* ]] ||
		fail_with "unguarded"
	printf '%s\n' "{\"name\":\"Ivalo Kleist\",\"notes\":\"'=SUM(A1)\"}" > raw.jsonl
	vk-stakeholder import --raw raw.jsonl
	[[ "$(vk-stakeholder show 2 -o jsonl)" == *"\"notes\":\"'=SUM(A1)\""* ]] || fail_with "--raw"
}

# ---- round trips through other tools ----

@test "vk-stakeholder export -o csv | mlr --icsv --ojsonl cat | vk-stakeholder import --from jsonl - gives the same records" {
	need_mlr
	example_process
	nordic_people
	# the example's telephone numbers (+299 ...) and a note that begins with - are guarded
	[ "$(vk-stakeholder export -o csv | grep -c ",'")" -gt 5 ] || fail_with "no guarded cells"
	rm -f "$TEST_DIR/copy.db"
	vk-stakeholder export -o csv | mlr --icsv --ojsonl cat | vk-stakeholder import --from jsonl - --db "$TEST_DIR/copy.db" 2>/dev/null
	vk-stakeholder export -o jsonl > original.jsonl
	vk-stakeholder export -o jsonl --db "$TEST_DIR/copy.db" > copy.jsonl
	diff original.jsonl copy.jsonl || fail_with "stakeholders differ"
	# Miller made numbers of ids, allocations and digits, and "" of empty cells
	vk-stakeholder export -o csv | mlr --icsv --ojsonl cat | grep -q '"phone": 32101000,' || fail_with "no number"
	vk-stakeholder export -o csv | mlr --icsv --ojsonl cat | grep -q '"organisation": "",' || fail_with "no \"\""
	# every record type, through Miller as JSON Lines, as one array, with
	# every value a string (-S), through Python's csv and json, through jq -s
	round_trip "mlr --icsv --ojsonl cat"
	round_trip "mlr --icsv --ojson cat"
	round_trip "mlr -S --icsv --ojsonl cat"
	round_trip "python3 -c 'import csv, json, sys
for r in csv.DictReader(sys.stdin): print(json.dumps(r, ensure_ascii=False))'"
	round_trip "mlr --icsv --ojsonl cat | jq -c -s ."
}

@test "--input reads what Miller and jq make of the programs' CSV" {
	need_mlr
	example_process
	vk-report trials -o json > db.json
	run --separate-stderr bash -c "vk-trial export -o csv | mlr --icsv --ojsonl put '\$type = \"trial\"' | vk-report trials -o json --input -"
	[ "$status" -eq 0 ] || fail_with "mlr --ojsonl"
	[ "$output" = "$(cat db.json)" ] || fail_with "another report"
	run --separate-stderr bash -c "vk-trial export -o csv | mlr --icsv --ojson put '\$type = \"trial\"' | jq -c . | vk-report trials -o json --input -"
	[ "$status" -eq 0 ] && [ "$output" = "$(cat db.json)" ] || fail_with "one-line array"
}
