#!/usr/bin/env bats
# Hostile input: a catalogue of bad data, each case with the exit code it
# gets and proof (db_digest) that nothing changed. Fields of megabytes,
# 10,000 columns, a million rows with one bad row at the end, deep JSON,
# invalid UTF-8 of every kind, NUL bytes, CR-only line ends, a repeated
# header, ids twice, ids that do not exist, dates that do not exist,
# numbers out of range, formula cells in every text field, and every
# printing verb writing to a full disk.
#
# VK_HOSTILE_ROWS sets the rows of the long file (default 1000000; 20000
# under valgrind, where a million rows take too long).
#
# Every test starts from a copy of one process built once for the file:
#  stakeholders 1-6 and engagements 1-3, inputs 1-4 (helpers.bash)
#  trial 1 idea (owner 4), 2 running (owner 2), 3 done (owner 4)
#  learning 1 (trial 2, author 4, 2020-05-04), 2 (trial 3, 2020-05-15)
#  milestone 1 planned due 2020-07-10, 2 planned due 2020-08-14 (depends 1)

load helpers

if [ -n "${VK_HOSTILE_ROWS:-}" ]; then
	ROWS=$VK_HOSTILE_ROWS
elif [ "${VK_VALGRIND:-}" = 1 ]; then
	ROWS=20000
else
	ROWS=1000000
fi

FORMATS="table csv tsv json jsonl"

setup_file() {
	export VK_HOSTILE_DB="$BATS_FILE_TMPDIR/process.db"
	(
		set -e
		export VK_DB="$VK_HOSTILE_DB" VK_TODAY=2020-06-26 USER=vk-test LC_ALL=C.UTF-8
		cd "$BATS_FILE_TMPDIR"
		add_people
		add_engagements
		printf '%s\n' 'title,status,owner,department,round,start,end,themes' \
			'Ældre i børnehaven,idea,4,Børn og Familie,1,,,børn og unge' \
			'Ungdomsråd i Tasiilaq,running,2,Kultur og Fritid,1,2020-04-01,2020-09-30,børn og unge' \
			'Åben skole-dag i Paamiut,done,4,Uddannelse,1,2020-05-01,2020-05-31,' |
			vk-trial import -
		vk-trial learn 2 "Unge kommer om aftenen, ikke klokken 16." --author 4 --date 2020-05-04
		vk-trial learn 3 "Fiskefabrikken underviste sammen med lærerne." --date 2020-05-15
		vk-milestone add "Anden samling" --kind gathering --due 2020-07-10 --owner 2 --place Nuuk
		vk-milestone add "Styregruppemøde" --kind decision --due 2020-08-14 --owner 1 --depends 1
	) >/dev/null 2>&1 || rm -f "$VK_HOSTILE_DB"
}

setup() {
	vk_setup
	[ -f "$VK_HOSTILE_DB" ] || fail_with "the process could not be built"
	cp -p "$VK_HOSTILE_DB" "$VK_DB"
	before=$(db_digest)
	wrong=()
}

# unchanged: fails unless the database is as setup left it.
unchanged() {
	[ "$(db_digest)" = "$before" ] || fail_with "the database changed"
}

# expect CODE COMMAND...: runs COMMAND; when it exits with another code
# than CODE, or prints on stdout while failing, adds a line to $wrong, so
# that a test of a catalogue reports every case that fails at once
# (check_wrong).
expect() {
	local code=$1
	shift
	last_cmd=$(printf '%q ' "$@")
	last_ok=
	run --separate-stderr "$@"
	if [ "$status" -ne "$code" ]; then
		wrong+=("$last_cmd-> $status, expected $code: ${stderr_lines[0]:-}")
	elif [ "$code" -ne 0 ] && [ -n "$output" ]; then
		wrong+=("$last_cmd-> printed on stdout: ${lines[0]}")
	else
		last_ok=1
	fi
}

# expect_stderr PATTERN: after an expect that went right, adds a line to
# $wrong unless stderr matches the glob PATTERN.
expect_stderr() {
	[ -n "$last_ok" ] || return 0
	# shellcheck disable=SC2053
	[[ "$stderr" == $1 ]] || wrong+=("$last_cmd-> stderr is not $1: ${stderr_lines[0]:-}")
}

# check_wrong: fails the test with every case expect found wrong.
check_wrong() {
	[ "${#wrong[@]}" -eq 0 ] && return 0
	printf '%s\n' "${#wrong[@]} cases wrong:" "${wrong[@]}" >&2
	return 1
}

# value_of FIELD: the FIELD of the JSON object on stdin, as raw text.
value_of() {
	perl -MJSON::PP -0777 -e 'my $in = <STDIN>; binmode STDOUT, ":utf8"; print JSON::PP->new->utf8->decode($in)->{$ARGV[0]}' "$1"
}

# five_mb: 5 MiB of text on stdout (no line break), ending in æøå.
five_mb() {
	awk 'BEGIN { s = "Lang note om helbred, og mere; "; while (length(s) < 5242880) s = s s; printf "%s", substr(s, 1, 5242880) }'
	printf ' æøå ÆØÅ'
}

# ---- fields of several megabytes ----

@test "a 5 MB notes cell in CSV is imported whole and exported again" {
	{ printf 'name,town,notes\r\nMalik Berthelsen,Nuuk,"'; five_mb; printf '"\r\n'; } > big.csv
	run --separate-stderr vk-stakeholder import big.csv
	[ "$status" -eq 0 ] || fail_with "import of a 5 MB cell"
	five_mb | sha256sum > want.sum
	vk-stakeholder show 7 -o json | value_of notes | sha256sum > got.sum
	diff want.sum got.sum
	# and out again, as CSV, then in elsewhere
	vk-stakeholder export -o csv > all.csv
	run --separate-stderr vk-stakeholder import all.csv --db "$TEST_DIR/copy.db"
	[ "$status" -eq 0 ] || fail_with "import of the exported 5 MB cell"
	vk-stakeholder show 7 -o json --db "$TEST_DIR/copy.db" | value_of notes | sha256sum > copy.sum
	diff want.sum copy.sum
}

@test "a 5 MB notes string in JSON and JSON Lines is imported whole; reports and tables cope" {
	{ printf '[{"name": "Ivalo Kleist", "notes": "'; five_mb; printf '"}]\n'; } > big.json
	run --separate-stderr vk-stakeholder import big.json
	[ "$status" -eq 0 ] || fail_with "import of a 5 MB JSON string"
	five_mb | sha256sum > want.sum
	vk-stakeholder show 7 -o json | value_of notes | sha256sum > got.sum
	diff want.sum got.sum
	# an input of 5 MB: quoted by the themes report, listed as a table
	{ printf '{"engagement": 1, "source": "kvinde", "themes": ["lang"], "text": "'; five_mb; printf '"}\n'; } > big.jsonl
	run --separate-stderr vk-stakeholder input import big.jsonl
	[ "$status" -eq 0 ] || fail_with "import of a 5 MB input"
	vk-stakeholder input show 5 -o json | value_of text | sha256sum > input.sum
	diff want.sum input.sum
	for f in text html json; do
		run --separate-stderr bash -c "vk-report themes -o $f > themes.out"
		[ "$status" -eq 0 ] || fail_with "themes -o $f over a 5 MB input"
	done
	run --separate-stderr bash -c "vk-stakeholder inputs -o table > inputs.out"
	[ "$status" -eq 0 ] || fail_with "inputs -o table"
}

# ---- 10,000 columns ----

@test "10,000 columns: the unknown ones exit 65 in one message that counts them; with --ignore-unknown the row is imported" {
	awk 'BEGIN { printf "name"; for (i = 1; i < 10000; i++) printf ",x%d", i; printf "\r\nMalik Berthelsen"
		for (i = 1; i < 10000; i++) printf ",v%d", i; printf "\r\n" }' > wide.csv
	run --separate-stderr vk-stakeholder import wide.csv
	[ "$status" -eq 65 ] || fail_with "10,000 columns"
	[ "$output" = "" ]
	# one message for the header, not 9999
	[[ "${stderr_lines[0]}" == 'wide.csv:1: 9999 columns are no field of a stakeholder: "x1", "x2", "x3", "x4", "x5" and 9994 more (--ignore-unknown skips them); the fields: id, name, '* ]] ||
		fail_with "first"
	[ "${#stderr_lines[@]}" -eq 2 ] || fail_with "more than one message"
	unchanged
	run --separate-stderr vk-stakeholder import wide.csv --ignore-unknown
	[ "$status" -eq 0 ] || fail_with "--ignore-unknown"
	[[ "$(vk-stakeholder show 7 -o jsonl)" == '{"type":"stakeholder","id":7,"name":"Malik Berthelsen","group":null,'* ]]
	# the same in JSON Lines
	awk 'BEGIN { printf "{\"name\":\"Ivalo Kleist\""; for (i = 1; i < 10000; i++) printf ",\"x%d\":%d", i, i; printf "}\n" }' > wide.jsonl
	before=$(db_digest)
	run --separate-stderr vk-stakeholder import wide.jsonl
	[ "$status" -eq 65 ]
	[[ "${stderr_lines[0]}" == 'wide.jsonl:1: 9999 keys are no field of a stakeholder: "x1", "x2", "x3", "x4", "x5" and 9994 more '* ]] ||
		fail_with "jsonl"
	[ "${#stderr_lines[@]}" -eq 2 ] || fail_with "jsonl: more than one message"
	unchanged
	run --separate-stderr vk-stakeholder import wide.jsonl --ignore-unknown
	[ "$status" -eq 0 ]
	[ "$(vk-stakeholder list --name Ivalo | ids)" = 8 ]
}

@test "a row of 10,000 fields under a header of two exits 65 with its line" {
	awk 'BEGIN { printf "name,town\r\nMalik,Nuuk\r\nIvalo"; for (i = 1; i < 10000; i++) printf ",v%d", i; printf "\r\n" }' > row.csv
	run --separate-stderr vk-stakeholder import row.csv
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "row.csv:3: the record has 10000 fields, the header has 2" ] || fail_with "message"
	unchanged
}

# ---- a million rows, one bad ----

@test "a file of $ROWS rows with one bad row at the end exits 65 naming its line, and writes nothing" {
	awk -v n="$ROWS" 'BEGIN { print "name,group,town,allocation,tags"
		for (i = 1; i < n; i++) printf "Deltager %d,citizen,Nuuk,%d,proces\n", i, i % 101
		print "Sidste Deltager,citizen,Nuuk,101,proces" }' > long.csv
	[ "$(wc -l < long.csv)" -eq $((ROWS + 1)) ]
	run --separate-stderr vk-stakeholder import long.csv
	[ "$status" -eq 65 ] || fail_with "long file"
	[ "$output" = "" ]
	[ "$stderr" = "long.csv:$((ROWS + 1)): allocation: 101 is out of range (0-100)
vk-stakeholder: long.csv: 1 bad row: nothing was imported" ] || fail_with "report"
	unchanged
	[ ! -e "$VK_DB-wal" ] || [ ! -s "$VK_DB-wal" ] || fail_with "a WAL was left"
}

# ---- deeply nested JSON ----

@test "100,000 '[' exit 65 without a crash, as a file, as JSON, as JSON Lines and as report input" {
	head -c 100000 /dev/zero | tr '\0' '[' > deep.json
	head -c 100000 /dev/zero | tr '\0' '{' > brace.json
	for f in deep.json brace.json; do
		for from in "" "--from json" "--from jsonl"; do
			# shellcheck disable=SC2086
			run --separate-stderr vk-stakeholder import "$f" $from
			[ "$status" -eq 65 ] || fail_with "import $f $from"
			[[ "$stderr" == "$f:1: "* ]] || fail_with "import $f $from: line"
		done
		run --separate-stderr vk-trial import "$f"
		[ "$status" -eq 65 ] || fail_with "vk-trial import $f"
		run --separate-stderr vk-report grid --input "$f"
		[ "$status" -eq 65 ] || fail_with "report --input $f"
	done
	unchanged
}

@test "a record with a 10,000-deep object value exits 65 without a crash" {
	awk 'BEGIN { printf "{\"name\":\"Malik\",\"notes\":"; for (i = 0; i < 10000; i++) printf "{\"a\":"
		printf "1"; for (i = 0; i < 10000; i++) printf "}"; print "}" }' > deep.jsonl
	{ echo '[{"name":"Ivalo"},'; cat deep.jsonl; echo ']'; } > deep.json
	run --separate-stderr vk-stakeholder import deep.jsonl
	[ "$status" -eq 65 ] || fail_with "jsonl"
	[[ "$stderr" == "deep.jsonl:1: "* ]] || fail_with "jsonl line"
	run --separate-stderr vk-stakeholder import deep.json
	[ "$status" -eq 65 ] || fail_with "json"
	[[ "$stderr" == "deep.json:2: "* ]] || fail_with "json line"
	run --separate-stderr vk-report themes --input deep.jsonl
	[ "$status" -eq 65 ] || fail_with "report --input"
	# an array 10,000 deep as a list value
	awk 'BEGIN { printf "{\"name\":\"Malik\",\"tags\":"; for (i = 0; i < 10000; i++) printf "["
		for (i = 0; i < 10000; i++) printf "]"; print "}" }' > deeplist.jsonl
	run --separate-stderr vk-stakeholder import deeplist.jsonl
	[ "$status" -eq 65 ] || fail_with "deep list"
	unchanged
}

# ---- invalid UTF-8 ----

# The byte sequences that are not UTF-8, as printf escapes: overlong forms,
# UTF-16 surrogates, a stray continuation byte, bytes that never occur
# (F5-FF), past U+10FFFF, latin-1 æ alone.
BAD_UTF8=('\300\257' '\301\277' '\300\200' '\340\200\257' '\360\200\200\257'
	'\355\240\200' '\355\277\277' '\200' '\277'
	'\365\200\200\200' '\366' '\367' '\370' '\371' '\372' '\373' '\374' '\375' '\376' '\377'
	'\364\220\200\200' '\346 og')
# Sequences cut short, for the end of a cell and the end of the file.
TRUNCATED=('\346' '\303' '\342\202' '\360\237\230')

@test "invalid UTF-8 of every kind in a CSV cell is reported with its line, nothing stored" {
	local i seq
	{
		printf 'name,town,notes\n'
		for seq in "${BAD_UTF8[@]}"; do
			printf "Malik Berthelsen,Nuuk,f${seq}r\n"
		done
	} > mid.csv
	run --separate-stderr vk-stakeholder import mid.csv
	[ "$status" -eq 65 ] || fail_with "mid.csv"
	for i in "${!BAD_UTF8[@]}"; do
		[[ "${stderr_lines[$i]}" == "mid.csv:$((i + 2)): notes: invalid UTF-8"* ]] ||
			fail_with "${BAD_UTF8[$i]}: line $((i + 2))"
	done
	[ "${stderr_lines[${#BAD_UTF8[@]}]}" = "vk-stakeholder: mid.csv: ${#BAD_UTF8[@]} bad rows: nothing was imported" ]
	# cut short at the end of a cell, quoted or not, and in the name
	{
		printf 'name,town,notes\n'
		for seq in "${TRUNCATED[@]}"; do
			printf "Malik,Nuuk,\"f${seq}\"\n"
			printf "Ivalo${seq},Nuuk,\n"
		done
	} > end.csv
	run --separate-stderr vk-stakeholder import end.csv
	[ "$status" -eq 65 ] || fail_with "end.csv"
	for i in "${!TRUNCATED[@]}"; do
		[[ "${stderr_lines[$((2 * i))]}" == "end.csv:$((2 * i + 2)): notes: invalid UTF-8"* ]] ||
			fail_with "${TRUNCATED[$i]}: end of a quoted cell"
		[[ "${stderr_lines[$((2 * i + 1))]}" == "end.csv:$((2 * i + 3)): name: invalid UTF-8"* ]] ||
			fail_with "${TRUNCATED[$i]}: end of a cell"
	done
	# cut short at the end of the file
	for seq in "${TRUNCATED[@]}"; do
		printf "name,town,notes\nMalik,Nuuk,ok\nIvalo,Nuuk,f${seq}" > eof.csv
		run --separate-stderr vk-stakeholder import eof.csv
		[ "$status" -eq 65 ] || fail_with "$seq at the end of the file"
		[[ "$stderr" == "eof.csv:3: notes: invalid UTF-8"* ]] || fail_with "$seq at the end of the file: line"
	done
	# in the header
	printf 'name,t\346wn\nMalik,Nuuk\n' > header.csv
	run --separate-stderr vk-stakeholder import header.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "header.csv:1: "*"UTF-8"* ]] || fail_with "header"
	unchanged
	run grep -a -c -F 'Ivalo' "$VK_DB"
	[ "$output" = 0 ]
}

@test "invalid UTF-8 of every kind in a JSON string is reported with its line, nothing stored" {
	local i seq
	for seq in "${BAD_UTF8[@]}"; do
		printf "{\"name\":\"Malik\",\"notes\":\"f${seq}r\"}\n"
	done > mid.jsonl
	run --separate-stderr vk-stakeholder import mid.jsonl
	[ "$status" -eq 65 ] || fail_with "mid.jsonl"
	for i in "${!BAD_UTF8[@]}"; do
		[[ "${stderr_lines[$i]}" == "mid.jsonl:$((i + 1)): "*"UTF-8"* ]] || fail_with "${BAD_UTF8[$i]}: line $((i + 1))"
	done
	# in a JSON array, in a key, in a list, cut short at the end of a string
	{
		printf '[\n{"name":"Malik"},\n'
		printf '{"name":"Ivalo","tags":["a\355\240\200"]},\n'
		printf '{"name":"Aqqaluk","n\346otes":"x"},\n'
		printf '{"name":"Nuka\346"}\n]\n'
	} > arr.json
	run --separate-stderr vk-stakeholder import arr.json
	[ "$status" -eq 65 ] || fail_with "arr.json"
	[[ "${stderr_lines[0]}" == "arr.json:3: "*"UTF-8"* ]] || fail_with "array: list"
	[[ "${stderr_lines[1]}" == "arr.json:4: "*"UTF-8"* ]] || fail_with "array: key"
	[[ "${stderr_lines[2]}" == "arr.json:5: "*"UTF-8"* ]] || fail_with "array: end of a string"
	# cut short at the end of the file
	for seq in "${TRUNCATED[@]}"; do
		printf "{\"name\":\"Malik\"}\n{\"name\":\"Ivalo${seq}" > eof.jsonl
		run --separate-stderr vk-stakeholder import eof.jsonl
		[ "$status" -eq 65 ] || fail_with "$seq at the end of the file"
		[[ "$stderr" == "eof.jsonl:2: "* ]] || fail_with "$seq at the end of the file: line"
	done
	# the same for the other programs, and for a report's --input
	printf '{"title":"Pr\370vehandling"}\n' > trial.jsonl
	run --separate-stderr vk-trial import trial.jsonl
	[ "$status" -eq 65 ]
	[[ "$stderr" == "trial.jsonl:1: "*"UTF-8"* ]]
	printf '{"title":"M\370de","due":"2020-09-01"}\n' > milestone.jsonl
	run --separate-stderr vk-milestone import milestone.jsonl
	[ "$status" -eq 65 ]
	printf '{"type":"trial","id":1,"title":"Pr\370ve","status":"idea"}\n' > report.jsonl
	run --separate-stderr vk-report trials --input report.jsonl
	[ "$status" -eq 65 ] || fail_with "report --input"
	[[ "$stderr" == "report.jsonl:1: "*"UTF-8"* ]] || fail_with "report --input message"
	unchanged
}

@test "invalid UTF-8 in a command-line value exits 65 naming UTF-8, and stores nothing" {
	local seq v cmd
	expect 65 vk-stakeholder add $'\xe6'
	expect_stderr "*UTF-8*"
	# one of each kind: latin-1 æ, overlong, surrogate, stray continuation,
	# a byte that never occurs, cut short at the end
	for seq in '\346 og' '\300\257' '\355\240\200' '\200' '\377' '\346'; do
		# shellcheck disable=SC2059
		v=$(printf "f${seq}")
		for cmd in "vk-stakeholder add" "vk-stakeholder add Malik --notes" "vk-stakeholder add Malik --town" \
			"vk-stakeholder add Malik --tag" "vk-stakeholder set 1 --notes" "vk-stakeholder set 1 --name" \
			"vk-stakeholder engage --date 2020-06-01 --kind visit" "vk-stakeholder engagement set 1 --theme" \
			"vk-stakeholder input add --engagement 1" "vk-stakeholder input add Tekst --engagement 1 --source" \
			"vk-trial add" "vk-trial set 1 --description" "vk-trial learn 1" "vk-trial move 1 proposed --reason" \
			"vk-milestone add --due 2020-09-01" "vk-milestone set 1 --place" "vk-milestone move 1 2020-07-17 --reason"; do
			# shellcheck disable=SC2086
			expect 65 $cmd "$v"
			expect_stderr "*UTF-8*"
		done
		[ "$(db_digest)" = "$before" ] || { wrong+=("the database changed with $seq"); cp -p "$VK_HOSTILE_DB" "$VK_DB"; }
	done
	# a filter or a title that is no UTF-8 is bad input too, not a crash
	for cmd in "vk-stakeholder list --town" "vk-stakeholder list --name" "vk-trial list --department" \
		"vk-milestone list --title" "vk-milestone ics --name" "vk-report weekly --title"; do
		# shellcheck disable=SC2086
		expect 65 $cmd $'\xe6'
		expect_stderr "*UTF-8*"
	done
	check_wrong
	unchanged
}

# ---- NUL bytes ----

@test "a NUL byte in a CSV cell or a JSON string exits 65 with its line" {
	printf 'name,notes\nMalik,ok\nIvalo,a\000b\n' > nul.csv
	printf 'name,notes\nMalik,ok\nIvalo,"a\000b"\n' > nulq.csv
	printf 'name,notes\nMalik,ok\nIv\000alo,x\n' > nulname.csv
	for f in nul.csv nulq.csv nulname.csv; do
		run --separate-stderr vk-stakeholder import "$f"
		[ "$status" -eq 65 ] || fail_with "$f"
		[[ "$stderr" == "$f:3: "*"NUL"* ]] || fail_with "$f: message"
	done
	printf '{"name":"Malik"}\n{"name":"Ivalo","notes":"a\\u0000b"}\n' > escaped.jsonl
	printf '{"name":"Malik"}\n{"name":"Ivalo","notes":"a\000b"}\n' > raw.jsonl
	printf '{"name":"Malik"}\n{"name":"Ivalo","tags":["a\\u0000b"]}\n' > list.jsonl
	printf '{"name":"Malik"}\n{"name\\u0000x":"Ivalo"}\n' > key.jsonl
	printf '[{"name":"Malik"},\n{"name":"Ivalo\\u0000"}]\n' > escaped.json
	printf '[{"name":"Malik"},\n{"name":"Ivalo\000"}]\n' > raw.json
	for f in escaped.jsonl raw.jsonl list.jsonl key.jsonl escaped.json raw.json; do
		run --separate-stderr vk-stakeholder import "$f"
		[ "$status" -eq 65 ] || fail_with "$f"
		[[ "$stderr" == "$f:2: "* ]] || fail_with "$f: line"
	done
	run --separate-stderr vk-trial learning import - <<< '{"trial":1,"text":"a\u0000b"}'
	[ "$status" -eq 65 ]
	run --separate-stderr vk-report grid --input escaped.jsonl
	[ "$status" -eq 65 ] || fail_with "report --input"
	unchanged
}

# ---- CR-only line ends ----

@test "CR-only line ends are read as line ends, a CR inside quotes kept, and a bad row named by its line" {
	printf 'name,town,notes\rMalik Berthelsen,Nuuk,ok\rIvalo Kleist,Tasiilaq,"to\rlinjer"\r' > cr.csv
	run --separate-stderr vk-stakeholder import cr.csv
	[ "$status" -eq 0 ] || fail_with "CR-only CSV"
	[[ "$(vk-stakeholder show 7 -o jsonl)" == *'"name":"Malik Berthelsen",'*'"town":"Nuuk",'*'"notes":"ok",'* ]] || fail_with "row 1"
	[[ "$(vk-stakeholder show 8 -o jsonl)" == *'"name":"Ivalo Kleist",'*'"town":"Tasiilaq",'*'"notes":"to\rlinjer",'* ]] || fail_with "row 2"
	[ "$(vk-stakeholder list | ids)" = "1 2 3 4 5 6 7 8" ]
	before=$(db_digest)
	printf 'name,group\rAqqaluk,citizen\rNuka,borger\rHans,citizen\r' > crbad.csv
	run --separate-stderr vk-stakeholder import crbad.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == "crbad.csv:3: group: \"borger\" is not a group"* ]] || fail_with "line of a CR-only file"
	unchanged
	printf '{"name":"Aqqaluk"}\r{"name":"Nuka"}\r' > cr.jsonl
	run --separate-stderr vk-stakeholder import cr.jsonl
	[ "$status" -eq 0 ] || fail_with "CR-only JSON Lines"
	[ "$(vk-stakeholder list | ids)" = "1 2 3 4 5 6 7 8 9 10" ]
}

# ---- a header repeated as a data row ----

@test "a header repeated as a data row exits 65 naming the fields whose values fail, for every record type" {
	local noun n
	for noun in "vk-stakeholder" "vk-stakeholder engagement" "vk-stakeholder input" \
		"vk-trial" "vk-trial learning" "vk-milestone"; do
		$noun export -o csv > export.csv
		n=$(grep -c '' export.csv)
		head -1 export.csv >> export.csv
		run --separate-stderr $noun import export.csv
		[ "$status" -eq 65 ] || fail_with "$noun: header as a row"
		[[ "${stderr_lines[0]}" == "export.csv:$((n + 1)): id: \"id\" is not an id"* ]] || fail_with "$noun: id named"
		[ "${stderr_lines[-1]}" = "${noun%% *}: export.csv: 1 bad row: nothing was imported" ] || fail_with "$noun: summary"
	done
	vk-stakeholder export -o csv > export.csv
	n=$(grep -c '' export.csv)
	head -1 export.csv >> export.csv
	run --separate-stderr vk-stakeholder import export.csv
	for field in group email phone roles allocation influence interest created updated; do
		[[ "$stderr" == *"export.csv:$((n + 1)): $field: \"$field\" is not"* ]] || fail_with "$field not named"
	done
	# without the id column, the header of a new record
	printf 'name,group,allocation\nMalik,citizen,5\nname,group,allocation\n' > again.csv
	run --separate-stderr vk-stakeholder import again.csv
	[ "$status" -eq 65 ]
	[ "$stderr" = "again.csv:3: group: \"group\" is not a group; use one of: politician, management, manager, employee, citizen, association, business, education, partner, consultant, other
again.csv:3: allocation: \"allocation\" is not a whole number
vk-stakeholder: again.csv: 1 bad row: nothing was imported" ] || fail_with "report"
	unchanged
}

# ---- ids ----

@test "one id twice in one import exits 65 for every record type" {
	local lines=(
		'vk-stakeholder|{"id":9,"name":"A"}|{"id":9,"name":"B"}'
		'vk-stakeholder engagement|{"id":2,"town":"Nuuk"}|{"id":2,"town":"Paamiut"}'
		'vk-stakeholder input|{"id":9,"engagement":1,"text":"a"}|{"id":9,"engagement":1,"text":"b"}'
		'vk-trial|{"id":1,"unit":"x"}|{"id":1,"unit":"y"}'
		'vk-trial learning|{"id":9,"trial":1,"text":"a"}|{"id":9,"trial":1,"text":"b"}'
		'vk-milestone|{"id":9,"title":"A","due":"2020-09-01"}|{"id":9,"title":"B","due":"2020-09-02"}')
	local l noun
	for l in "${lines[@]}"; do
		IFS='|' read -r noun a b <<< "$l"
		printf '%s\n%s\n' "$a" "$b" > dup.jsonl
		run --separate-stderr $noun import dup.jsonl
		[ "$status" -eq 65 ] || fail_with "$noun: an id twice"
		[[ "$stderr" == "dup.jsonl:2: id: "*" appears twice in this import"* ]] || fail_with "$noun: message"
	done
	unchanged
}

@test "an id never used is kept; the id of a removed record is refused: ids are never reused" {
	export VK_DB="$TEST_DIR/empty.db"
	printf 'name\n' | vk-stakeholder import - 2>/dev/null
	printf 'id,name\n99,Malik Berthelsen\n' > s.csv
	run --separate-stderr vk-stakeholder import s.csv
	[ "$status" -eq 0 ]
	[ "$(vk-stakeholder list | ids)" = 99 ]
	[ "$(vk-stakeholder add Ivalo)" = 100 ]
	printf '{"id":99,"date":"2020-05-01","kind":"visit","title":"Besøg","participants":[99]}\n' | vk-stakeholder engagement import -
	printf '{"id":99,"engagement":99,"stakeholder":99,"text":"Sagt"}\n' | vk-stakeholder input import -
	printf '{"id":99,"title":"Samling","due":"2020-09-01"}\n' | vk-milestone import -
	printf '{"id":99,"title":"Prøve","owner":99,"milestone":99}\n' | vk-trial import -
	printf '{"id":99,"trial":99,"author":99,"text":"Lært"}\n' | vk-trial learning import -
	[ "$(vk-stakeholder engage Igen --date 2020-05-02 --kind visit)" = 100 ]
	[ "$(vk-stakeholder input add Mere --engagement 99)" = 100 ]
	[ "$(vk-milestone add Igen --due 2020-09-02)" = 100 ]
	[ "$(vk-trial add Igen)" = 100 ]
	[ "$(vk-trial learn 99 Mere)" = 100 ]
	# removed, then imported again with the same id
	vk-trial learning rm 100
	vk-trial rm 100
	vk-milestone rm 100
	vk-stakeholder input rm 100
	vk-stakeholder engagement rm 100
	vk-stakeholder rm 100
	before=$(db_digest)
	local l noun
	for l in 'vk-stakeholder|{"id":100,"name":"Genbrug"}' \
		'vk-stakeholder engagement|{"id":100,"date":"2020-05-01","kind":"visit","title":"Genbrug"}' \
		'vk-stakeholder input|{"id":100,"engagement":99,"text":"Genbrug"}' \
		'vk-milestone|{"id":100,"title":"Genbrug","due":"2020-09-01"}' \
		'vk-trial|{"id":100,"title":"Genbrug"}' \
		'vk-trial learning|{"id":100,"trial":99,"text":"Genbrug"}'; do
		noun=${l%%|*}
		printf '%s\n' "${l#*|}" > reuse.jsonl
		run --separate-stderr $noun import reuse.jsonl
		[ "$status" -eq 65 ] || fail_with "$noun: a removed id"
		[[ "$stderr" == "reuse.jsonl:1: id: "*"ids are never reused"* ]] || fail_with "$noun: message"
	done
	unchanged
}

@test "a reference to an id that does not exist exits 65 naming the field" {
	printf '%s\n' '{"date":"2020-05-01","kind":"visit","title":"X","participants":[1,99]}' > e.jsonl
	run --separate-stderr vk-stakeholder engagement import e.jsonl
	[ "$status" -eq 65 ]
	[[ "$stderr" == "e.jsonl:1: participants: there is no stakeholder 99"* ]] || fail_with "participants"
	printf '%s\n' '{"engagement":99,"text":"x"}' '{"engagement":1,"stakeholder":99,"text":"x"}' > i.jsonl
	run --separate-stderr vk-stakeholder input import i.jsonl
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "i.jsonl:1: engagement: there is no engagement 99" ] || fail_with "engagement"
	[ "${stderr_lines[1]}" = "i.jsonl:2: stakeholder: there is no stakeholder 99" ] || fail_with "stakeholder"
	printf '%s\n' '{"title":"X","owner":99}' '{"title":"X","milestone":99}' '{"title":"X","participants":[99]}' > t.jsonl
	run --separate-stderr vk-trial import t.jsonl
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "t.jsonl:1: owner: there is no stakeholder 99" ] || fail_with "owner"
	[ "${stderr_lines[1]}" = "t.jsonl:2: milestone: there is no milestone 99" ] || fail_with "milestone"
	[ "${stderr_lines[2]}" = "t.jsonl:3: participants: there is no stakeholder 99" ] || fail_with "trial participants"
	printf '%s\n' '{"trial":99,"text":"x"}' '{"trial":1,"author":99,"text":"x"}' > l.jsonl
	run --separate-stderr vk-trial learning import l.jsonl
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "l.jsonl:1: trial: there is no trial 99" ] || fail_with "trial"
	[ "${stderr_lines[1]}" = "l.jsonl:2: author: there is no stakeholder 99" ] || fail_with "author"
	printf '%s\n' '{"title":"X","due":"2020-09-01","depends":[99]}' '{"title":"X","due":"2020-09-01","owner":99}' > m.jsonl
	run --separate-stderr vk-milestone import m.jsonl
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "m.jsonl:1: depends: there is no milestone 99" ] || fail_with "depends"
	[ "${stderr_lines[1]}" = "m.jsonl:2: owner: there is no stakeholder 99" ] || fail_with "milestone owner"
	# and as options
	for cmd in "vk-trial add X --owner 99" "vk-trial add X --milestone 99" "vk-trial learn 1 x --author 99" \
		"vk-stakeholder engage X --date 2020-05-01 --kind visit --with 99" \
		"vk-stakeholder input add x --engagement 99" "vk-stakeholder input add x --engagement 1 --stakeholder 99" \
		"vk-milestone add X --due 2020-09-01 --depends 99" "vk-milestone set 1 --owner 99"; do
		run --separate-stderr $cmd
		[ "$status" -eq 65 ] || fail_with "$cmd"
		[[ "$stderr" == *"there is no "*" 99"* ]] || fail_with "$cmd: message"
	done
	unchanged
}

# ---- dates that do not exist ----

@test "2020-02-30 and 2021-W53 in every date field of an import exit 65 quoting the value" {
	local d
	for d in 2020-02-30 2021-W53; do
		printf 'date,kind,title\n2020-05-01,visit,ok\n%s,visit,X\n' "$d" > e.csv
		run --separate-stderr vk-stakeholder engagement import e.csv
		[ "$status" -eq 65 ] || fail_with "engagement date $d"
		[[ "$stderr" == "e.csv:3: date: \"$d\" is not a date"* ]] || fail_with "engagement date $d: message"
		for f in start end; do
			printf 'title,%s\nX,%s\n' "$f" "$d" > t.csv
			run --separate-stderr vk-trial import t.csv
			[ "$status" -eq 65 ] || fail_with "trial $f $d"
			[[ "$stderr" == "t.csv:2: $f: \"$d\" is not a date"* ]] || fail_with "trial $f $d: message"
		done
		printf 'trial,date,text\n1,%s,X\n' "$d" > l.csv
		run --separate-stderr vk-trial learning import l.csv
		[ "$status" -eq 65 ] || fail_with "learning date $d"
		[[ "$stderr" == "l.csv:2: date: \"$d\" is not a date"* ]] || fail_with "learning date $d: message"
		printf 'title,start,due\nX,%s,2020-12-31\n' "$d" > m1.csv
		printf 'title,due\nX,%s\n' "$d" > m2.csv
		printf 'title,due,baseline\nX,2020-12-31,%s\n' "$d" > m3.csv
		printf 'title,due,status,done\nX,2020-12-31,done,%s\n' "$d" > m4.csv
		printf 'id,due\n1,%s\n' "$d" > m5.csv
		for f in m1:start m2:due m3:baseline m4:done m5:due; do
			run --separate-stderr vk-milestone import "${f%%:*}.csv"
			[ "$status" -eq 65 ] || fail_with "milestone ${f#*:} $d"
			[[ "$stderr" == "${f%%:*}.csv:2: ${f#*:}: \"$d\" is not a date"* ]] || fail_with "milestone ${f#*:} $d: message"
		done
		printf '{"date":"%s","kind":"visit","title":"X"}\n' "$d" > e.jsonl
		run --separate-stderr vk-stakeholder engagement import e.jsonl
		[ "$status" -eq 65 ] || fail_with "engagement date $d in JSON"
	done
	unchanged
}

@test "2020-02-30 and 2021-W53 in every date option exit 65 quoting the value" {
	local d cmd
	for d in 2020-02-30 2021-W53; do
		for cmd in "vk-stakeholder engage X --kind visit --date" "vk-stakeholder engagement set 1 --date" \
			"vk-stakeholder engagements --date" "vk-stakeholder engagements --since" "vk-stakeholder engagements --until" \
			"vk-trial add X --start" "vk-trial add X --end" "vk-trial set 2 --start" "vk-trial set 2 --end" \
			"vk-trial list --start" "vk-trial list --end" "vk-trial list --active-on" \
			"vk-trial learn 2 x --date" "vk-trial learning set 1 --date" "vk-trial learnings --date" \
			"vk-trial learnings --since" "vk-trial learnings --until" "vk-trial move 1 proposed --date" \
			"vk-milestone add X --due" "vk-milestone add X --due 2020-12-01 --start" \
			"vk-milestone add X --due 2020-05-01 --status done --done" "vk-milestone set 1 --start" \
			"vk-milestone done 1 --date" "vk-milestone move 1 --reason r" \
			"vk-milestone list --start" "vk-milestone list --due" "vk-milestone list --done" \
			"vk-milestone list --due-before" "vk-milestone list --due-after" \
			"vk-milestone list --between 2020-01-01" "vk-milestone ics --due-before" \
			"vk-report coverage --since" "vk-report coverage --until"; do
			# shellcheck disable=SC2086
			expect 65 $cmd "$d"
			expect_stderr "*\"$d\" is not a date*"
		done
	done
	expect 65 vk-report weekly --week 2021-W53
	expect_stderr "*\"2021-W53\"*52 ISO weeks*"
	check_wrong
	unchanged
}

# ---- numbers out of range ----

@test "numbers out of range exit 65: allocation, round, headcount, and ids in cells and options" {
	local v cmd
	for v in 101 -1 99999999999999999999 1.5 1e2; do
		expect 65 vk-stakeholder add "Malik" --allocation "$v"
		expect_stderr "vk-stakeholder: allocation: *"
		expect 65 vk-stakeholder set 2 --allocation "$v"
		printf 'name,allocation\nMalik,"%s"\n' "$v" > "a$v.csv"
		expect 65 vk-stakeholder import "a$v.csv"
		expect_stderr "a$v.csv:2: allocation: *"
	done
	for v in 0 -1 1000 99999999999999999999 1.5; do
		expect 65 vk-trial add X --round "$v"
		expect_stderr "vk-trial: round: *"
		expect 65 vk-trial set 1 --round "$v"
		printf 'title,round\nX,"%s"\n' "$v" > "r$v.csv"
		expect 65 vk-trial import "r$v.csv"
		expect_stderr "r$v.csv:2: round: *"
	done
	for v in citizen=-1 citizen=99999999999999999999 citizen=1.5; do
		expect 65 vk-stakeholder engage X --date 2020-05-01 --kind visit --headcount "$v"
		expect_stderr "vk-stakeholder: headcount: *"
	done
	printf 'date,kind,title,headcount\n2020-05-01,visit,X,citizen=-1\n' > h.csv
	expect 65 vk-stakeholder engagement import h.csv
	expect_stderr "h.csv:2: headcount: *"
	for v in 0 -3 1e3 3.5 "3 " " 3" 99999999999999999999 9223372036854775807 abc; do
		printf 'id,name\n"%s",Malik\n' "$v" > id.csv
		expect 65 vk-stakeholder import id.csv
		expect_stderr "id.csv:2: id: * is not an id*"
		printf '{"id":"%s","title":"X"}\n' "$v" > id.jsonl
		expect 65 vk-trial import id.jsonl
		for cmd in "vk-trial add X --owner" "vk-trial add X --milestone" "vk-trial learn 1 x --author" \
			"vk-stakeholder input add x --engagement" "vk-stakeholder inputs --stakeholder" \
			"vk-stakeholder engage X --date 2020-05-01 --kind visit --with" \
			"vk-milestone add X --due 2020-09-01 --depends"; do
			# a list of ids (--with 3,7) may have spaces around an id
			[[ "$cmd" != *--with && "$cmd" != *--depends ]] || [[ "$v" != *" "* ]] || continue
			# shellcheck disable=SC2086
			expect 65 $cmd "$v"
			expect_stderr "*is not an id*"
		done
	done
	# (1e3 and 3.0 are the whole numbers 1000 and 3, as JSON may write them)
	for v in -3 3.5 1e-3 0 0.0 1e20 99999999999999999999; do
		printf '{"id":%s,"title":"X"}\n' "$v" > num.jsonl
		expect 65 vk-trial import num.jsonl
		expect_stderr "num.jsonl:1: *"
	done
	# an ID argument that is no id is a usage error (as forget.bats and
	# the README have it), never a crash or a record
	for v in 0 -3 1e3 3.5 "3 " 99999999999999999999; do
		for cmd in "vk-stakeholder show" "vk-stakeholder rm" "vk-stakeholder forget" "vk-trial show" \
			"vk-milestone done" "vk-stakeholder engagement show" "vk-trial learning rm"; do
			# shellcheck disable=SC2086
			expect 2 $cmd "$v"
			expect_stderr "*is not an id*"
		done
		expect 2 vk-stakeholder set "$v" --town Nuuk
		expect 2 vk-trial learn "$v" "Lært"
		expect 2 vk-trial move "$v" proposed
	done
	check_wrong
	unchanged
}

# ---- formula cells in every text field ----

# The starts a spreadsheet would run or eat, as JSON string text.
LEADS=('=' '+' '-' '@' '\t' '\r' '\n' "'")
NOUNS=("vk-stakeholder" "vk-stakeholder engagement" "vk-stakeholder input" "vk-milestone" "vk-trial" "vk-trial learning")

# formula_process: records of every type in the empty database $VK_DB whose
# every text field begins with one of LEADS (8 of each type, ids 1-8).
formula_process() {
	local i=0 p v email
	rm -f s.jsonl e.jsonl i.jsonl m.jsonl t.jsonl l.jsonl
	for p in "${LEADS[@]}"; do
		i=$((i + 1))
		v="${p}1+1, \\\"x\\\"; y"
		case $p in [=+\'-]) email="\"${p}p$i@example.gl\"" ;; *) email=null ;; esac
		printf '{"id":%d,"name":"%sname %d","organisation":"%s","town":"%s","email":%s,"phone":"+299 %d","tags":["%stag","x"],"notes":"%s"}\n' \
			"$i" "$p" "$i" "$v" "$v" "$email" "$i" "$p" "$v" >> s.jsonl
		printf '{"id":%d,"date":"2020-03-0%d","kind":"visit","title":"%s","town":"%s","participants":[%d],"themes":["%stheme"],"notes":"%s"}\n' \
			"$i" "$i" "$v" "$v" "$i" "$p" "$v" >> e.jsonl
		printf '{"id":%d,"engagement":%d,"stakeholder":%d,"source":"%s","text":"%s","themes":["%stheme"]}\n' \
			"$i" "$i" "$i" "$v" "$v" "$p" >> i.jsonl
		printf '{"id":%d,"title":"%s","kind":"other","due":"2020-07-0%d","place":"%s","deliverables":"%s","notes":"%s"}\n' \
			"$i" "$v" "$i" "$v" "$v" "$v" >> m.jsonl
		printf '{"id":%d,"title":"%s","description":"%s","owner":%d,"unit":"%s","department":"%s","round":1,"track":"%s","themes":["%stheme"],"milestone":%d}\n' \
			"$i" "$v" "$v" "$i" "$v" "$v" "$v" "$p" "$i" >> t.jsonl
		printf '{"id":%d,"trial":%d,"date":"2020-05-0%d","text":"%s"}\n' "$i" "$i" "$i" "$v" >> l.jsonl
	done
	vk-stakeholder import s.jsonl 2>/dev/null
	vk-stakeholder engagement import e.jsonl
	vk-stakeholder input import i.jsonl
	vk-milestone import m.jsonl
	vk-trial import t.jsonl
	vk-trial learning import l.jsonl
}

# dump_all [OPTIONS]: every record of every type as JSON Lines, timestamps
# as TS.
dump_all() {
	local noun
	for noun in "${NOUNS[@]}"; do
		$noun export -o jsonl "$@"
	done | norm_ts
}

# guard_check CSV JSONL TEXT_FIELDS guarded|raw [excel]: every text field
# of every row of CSV is the value in JSONL (lists joined with ';'), with
# one ' before it when guarded and the value starts with = + - @ TAB CR
# LF or '.
guard_check() {
	python3 - "$@" <<'PY'
import csv, json, sys
path, jsonl, fields, mode = sys.argv[1:5]
excel = len(sys.argv) > 5
recs = {}
for line in open(jsonl, encoding="utf-8"):
    r = json.loads(line)
    recs[r["id"]] = r
with open(path, encoding="utf-8", newline="") as f:
    data = f.read()
if excel:
    assert data.startswith("\ufeff"), "no byte-order mark"
    data = data[1:]
rows = list(csv.DictReader(data.splitlines(keepends=True), delimiter=";" if excel else ","))
assert len(rows) == len(recs), "%d rows, %d records" % (len(rows), len(recs))
bad = 0
for row in rows:
    rec = recs[int(row["id"])]
    for f in fields.split():
        v = rec[f]
        if v is None:
            v = ""
        elif isinstance(v, list):
            v = ";".join(v)
        want = v
        if mode == "guarded" and v[:1] in ("=", "+", "-", "@", "\t", "\r", "\n", "'"):
            want = "'" + v
        if row[f] != want:
            print("id %s %s: cell %r, expected %r" % (row["id"], f, row[f], want))
            bad += 1
sys.exit(1 if bad else 0)
PY
}

TEXT_FIELDS=("name organisation town email phone tags notes" "title town themes notes" "source text themes"
	"title place deliverables notes" "title description unit department track themes" "text")

@test "formula cells in every text field of every record type: guarded CSV cells start with ', raw ones do not" {
	export VK_DB="$TEST_DIR/formula.db"
	formula_process
	dump_all > original.jsonl
	[ "$(grep -c '' original.jsonl)" -eq 48 ]
	local n
	for n in "${!NOUNS[@]}"; do
		${NOUNS[$n]} export -o jsonl > records.jsonl
		${NOUNS[$n]} export -o csv > guarded.csv
		guard_check guarded.csv records.jsonl "${TEXT_FIELDS[$n]}" guarded || fail_with "${NOUNS[$n]} export -o csv"
		${NOUNS[$n]} export --excel > excel.csv
		guard_check excel.csv records.jsonl "${TEXT_FIELDS[$n]}" guarded excel || fail_with "${NOUNS[$n]} export --excel"
		${NOUNS[$n]} export -o csv --raw > raw.csv
		guard_check raw.csv records.jsonl "${TEXT_FIELDS[$n]}" raw || fail_with "${NOUNS[$n]} export -o csv --raw"
	done
	# list and show guard like export
	vk-stakeholder show 1 -o csv | grep -q -F "1,'=name 1,," || fail_with "show -o csv"
	vk-trial list -o csv | grep -q -F "1,\"'=1+1, \"\"x\"\"; y\",\"'=1+1" || fail_with "list -o csv"
	vk-trial list -o csv --raw | grep -q -F "1,\"=1+1, \"\"x\"\"; y\",\"=1+1" || fail_with "list -o csv --raw"
}

@test "formula cells survive export -o csv, --excel and --raw then import exactly" {
	export VK_DB="$TEST_DIR/formula.db"
	formula_process
	dump_all > original.jsonl
	local mode n imp
	for mode in "-o csv" "--excel" "-o csv --raw"; do
		imp=
		[[ "$mode" != *--raw* ]] || imp=--raw
		rm -f "$TEST_DIR/copy.db"
		for n in "${!NOUNS[@]}"; do
			# shellcheck disable=SC2086
			${NOUNS[$n]} export $mode > "export$n.csv"
		done
		for n in "${!NOUNS[@]}"; do
			run --separate-stderr ${NOUNS[$n]} import "export$n.csv" $imp --db "$TEST_DIR/copy.db"
			[ "$status" -eq 0 ] || fail_with "${NOUNS[$n]} import of export $mode"
		done
		VK_DB="$TEST_DIR/copy.db" dump_all > copy.jsonl
		diff original.jsonl copy.jsonl || fail_with "export $mode then import differs"
	done
}

# ---- a full disk ----

# full_disk PROGRAM COMMAND...: each COMMAND of PROGRAM in every format
# writes to /dev/full and must exit 74 with a write error.
full_disk() {
	local prog=$1 cmd f
	shift
	for cmd in "$@"; do
		for f in $FORMATS; do
			expect 74 bash -c "$prog $cmd -o $f > /dev/full"
			expect_stderr "$prog: write error*"
		done
	done
}

@test "every printing verb of vk-stakeholder to /dev/full exits 74" {
	[ -w /dev/full ] || skip "no /dev/full"
	full_disk vk-stakeholder "list" "show 1" "export" "log" "log 1" \
		"engagements" "engagement list" "engagement show 2" "engagement export" "engagement log" \
		"inputs" "inputs 2" "input list" "input show 1" "input export" "input log 3"
	for cmd in "list --excel" "export --excel" "export --excel --raw" "show 1 --excel" "inputs --excel"; do
		expect 74 bash -c "vk-stakeholder $cmd > /dev/full"
		expect_stderr "vk-stakeholder: write error*"
	done
	expect 74 bash -c "printf 'id,town\n2,Nuuk\n' | vk-stakeholder import - --dry-run > /dev/full"
	check_wrong
	unchanged
}

@test "an add whose new id cannot be written (a full disk) adds nothing, so that a retry adds it once" {
	[ -w /dev/full ] || skip "no /dev/full"
	for cmd in "vk-stakeholder add 'Aviaja Ødegård' --group citizen --town Nuuk" \
		"vk-stakeholder engage 'Borgermøde i Qaqortoq' --date 2020-06-10 --kind meeting" \
		"vk-stakeholder input add --engagement 2 --text 'Mere lys på stien, tak'" \
		"vk-trial add 'Lektiecafé på biblioteket'" \
		"vk-trial learn 1 'Børnene kom, forældrene ikke'" \
		"vk-milestone add 'Styregruppemøde' --due 2020-09-01"; do
		expect 74 bash -c "$cmd > /dev/full"
		expect_stderr "*write error on standard output*nothing was added*"
	done
	check_wrong
	unchanged
}

@test "every printing verb of vk-trial and vk-milestone to /dev/full exits 74" {
	[ -w /dev/full ] || skip "no /dev/full"
	full_disk vk-trial "list" "list --status running" "show 2" "export" "log" "log 2" \
		"learnings" "learnings 2" "learning list" "learning show 1" "learning export" "learning log"
	full_disk vk-milestone "list" "list --upcoming 30d" "show 2" "export" "log" "log 1"
	for cmd in "ics" "ics --kind decision" "ics --name Kalender"; do
		expect 74 bash -c "vk-milestone $cmd > /dev/full"
		expect_stderr "vk-milestone: write error*"
	done
	check_wrong
	unchanged
}

@test "every vk-report report in every format to /dev/full exits 74, from the database and from --input" {
	[ -w /dev/full ] || skip "no /dev/full"
	local r f
	for r in weekly coverage grid themes trials timeline; do
		for f in text markdown html json csv tsv jsonl; do
			[ "$r" != weekly ] || [[ " text markdown html json " == *" $f "* ]] || continue
			expect 74 bash -c "vk-report $r -o $f > /dev/full"
			expect_stderr "vk-report: write error*"
		done
	done
	vk-trial export -o jsonl > records.jsonl
	vk-milestone export -o jsonl >> records.jsonl
	for r in weekly trials timeline; do
		expect 74 bash -c "vk-report $r --input records.jsonl -o html > /dev/full"
	done
	check_wrong
	unchanged
}
