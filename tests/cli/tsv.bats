#!/usr/bin/env bats
# tsv.bats: -o tsv is the IANA text/tab-separated-values form that cut,
# sort, mlr --itsv and PostgreSQL's text COPY read (one record a line, a
# tab, line feed, carriage return or backslash in a field written \t, \n,
# \r, \\, nothing quoted, no formula guard), and import reads it back.

load helpers

# add_nordic: text that CSV would quote or guard, in every program.
#  stakeholder 1 a tab in the name, line breaks (LF, CRLF) in the notes
#  stakeholder 2 quotes, backslashes (a literal \n and \\ among them)
#  stakeholder 3 a spreadsheet's formula starts: = + - @ '
#  stakeholder 4 a long name; a tag with a tab; the name "\N"
#  trial 1, learning 1, milestones 1-2 and engagement 1 the same kinds
add_nordic() {
	vk-stakeholder add $'Åse\tØstergård' --group citizen --town Tasiilaq \
		--notes $'Første linje\nAnden linje, med komma; og semikolon\r\nTredje\r' \
		>/dev/null 2>&1
	vk-stakeholder add 'Bjørn "Bamse" Ødegård' --group employee --town Nuuk \
		--notes 'C:\Users\bjorn\noter og \\ dobbelt, slut\' --email 'bjorn@example.no' >/dev/null
	vk-stakeholder add '=Ærø Kommune' --group business --organisation '+45 Fyn' \
		--town '-Nordby' --phone '+299 36 60 01' --notes "@alle 'citat' fra mødet" \
		--role participant >/dev/null
	vk-stakeholder add "$(printf 'Kristiansen-Kleist Ødegård Åsheim %.0s' $(seq 1 12))" \
		--group politician --tag $'fane\tblad' --tag 'ø;å' --tag vision --allocation 20 >/dev/null
	vk-stakeholder add '\N' --group citizen --notes '\t er ikke en tabulator' >/dev/null
	vk-stakeholder engage $'Workshop\ti Paamiut' --date 2020-03-17 --kind workshop \
		--town Paamiut --with 1,2 --headcount citizen=17 --headcount employee=8 \
		--theme 'det gode liv' --notes $'"Tak for kaffe"\nsagde de' >/dev/null
	vk-stakeholder input add $'Fabrikken var byens hjerte.\n– og er det stadig' --engagement 1 \
		--stakeholder 2 --source '=mandlig pensionist' --theme 'det gode liv' >/dev/null
	vk-milestone add $'Første samling\ti Tasiilaq' --kind gathering --due 2020-03-20 \
		--owner 1 --place 'C:\Mødelokale' --notes $'Uge 11–12.\r\nHøjst 50 deltagere.' \
		--deliverables '-referat; billeder' >/dev/null
	vk-milestone add '+Anden runde' --kind round --start 2020-08 --due 2020-10 --owner 3 \
		--depends 1 --notes '"citat"\' >/dev/null
	vk-trial add $'Ungdomsråd\ti Tasiilaq' --description $'Møderne holdes om aftenen.\nOg "altid" med kaffe \\o/' \
		--unit '=Skolen' --department 'Kultur og Fritid' --round 1 --owner 2 --with 1,3 \
		--theme 'børn og unge' --milestone 2 >/dev/null
	vk-trial learn 1 $'@alle: C:\\temp\\ny\tfane\r\nslut' --author 3 --date 2020-05-15 >/dev/null
}

# tsv_jsonl: reads TSV on stdin as the IANA form with the escapes of
# PostgreSQL's text COPY (an independent reader, not vk's) and prints one
# JSON object a record, every value a string.
tsv_jsonl() {
	python3 -c '
import json, sys
esc = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
def unescape(f):
    out, i = [], 0
    while i < len(f):
        if f[i] == "\\" and i + 1 < len(f) and f[i + 1] in esc:
            out.append(esc[f[i + 1]]); i += 2
        else:
            out.append(f[i]); i += 1
    return "".join(out)
lines = sys.stdin.buffer.read().decode("utf-8").split("\n")
if lines and lines[-1] == "":
    lines.pop()
head = [unescape(f) for f in lines[0].split("\t")]
for line in lines[1:]:
    fields = line.split("\t")
    if len(fields) != len(head):
        sys.exit("a line of %d fields under a header of %d" % (len(fields), len(head)))
    print(json.dumps(dict(zip(head, map(unescape, fields))), ensure_ascii=False))
'
}

# text_fields FIELD...: JSON Lines on stdin, each record cut to FIELDs as
# strings (null and absent as "", a list joined with ';'), so that vk's
# JSON and a TSV reading compare.
text_fields() {
	local keys
	keys=$(printf '"%s",' "$@")
	jq -c "[${keys%,}] as \$k | [\$k[] as \$f | (.[\$f] // \"\" |
		if type == \"string\" then . elif type == \"array\" then join(\";\") else tostring end)]"
}

# one_record_a_line FILE RECORDS: FILE is a header and RECORDS lines, each
# with as many tab-separated fields as the header, and no CR anywhere.
one_record_a_line() {
	[ "$(wc -l < "$1")" -eq $(($2 + 1)) ] || { echo "$1: $(wc -l < "$1") lines, not $(($2 + 1))"; return 1; }
	[ "$(awk -F'\t' '{ print NF }' "$1" | sort -u | wc -l)" -eq 1 ] ||
		{ echo "$1: lines of different field counts"; awk -F'\t' '{ print NF }' "$1"; return 1; }
	! grep -q $'\r' "$1" || { echo "$1 holds a CR"; return 1; }
}

# tsv_round_trip PROGRAM [NOUN] RECORDS: exports PROGRAM's NOUN as TSV, checks
# the form, imports it into copy.db and exports again: the same bytes.
tsv_round_trip() {
	local prog=$1 noun=() n
	if [ $# -eq 3 ]; then noun=("$2"); n=$3; else n=$2; fi
	"$prog" "${noun[@]}" export -o tsv > "$prog${noun[*]}.tsv"
	one_record_a_line "$prog${noun[*]}.tsv" "$n"
	"$prog" "${noun[@]}" export -o jsonl > "$prog${noun[*]}.jsonl"
	# the values as an independent TSV reader sees them are the records' values
	diff <(text_fields id name title text notes description place deliverables unit < "$prog${noun[*]}.jsonl") \
		<(tsv_jsonl < "$prog${noun[*]}.tsv" | text_fields id name title text notes description place deliverables unit)
	run --separate-stderr "$prog" --db "$TEST_DIR/copy.db" "${noun[@]}" import "$prog${noun[*]}.tsv"
	[ "$status" -eq 0 ] || fail_with "import of the TSV export of $prog ${noun[*]} failed"
	"$prog" --db "$TEST_DIR/copy.db" "${noun[@]}" export -o tsv | cmp - "$prog${noun[*]}.tsv"
	"$prog" --db "$TEST_DIR/copy.db" "${noun[@]}" export -o jsonl | diff - "$prog${noun[*]}.jsonl"
}

# ---- the form ----

@test "export -o tsv: one record a line; tab, LF, CR and backslash written as \\t \\n \\r \\\\" {
	add_nordic
	vk-stakeholder export -o tsv > s.tsv
	one_record_a_line s.tsv 5
	grep -qF 'Åse\tØstergård' s.tsv
	grep -qF 'Første linje\nAnden linje, med komma; og semikolon\r\nTredje\r' s.tsv
	grep -qF 'C:\\Users\\bjorn\\noter og \\\\ dobbelt, slut\\' s.tsv
	# the name that is \N is written \\N: it is text, not PostgreSQL's NULL
	[ "$(sed -n 6p s.tsv | cut -f2)" = '\\N' ]
	# a list is one field joined with ';', its items escaped
	[ "$(sed -n 5p s.tsv | cut -f12)" = 'fane\tblad;ø;å;vision' ]
	vk-milestone list -o tsv > m.tsv
	one_record_a_line m.tsv 2
	vk-trial learnings 1 -o tsv > l.tsv
	one_record_a_line l.tsv 1
	grep -qF '@alle: C:\\temp\\ny\tfane\r\nslut' l.tsv
}

@test "TSV has no quoting and no formula guard; CSV keeps its guard" {
	add_nordic
	vk-stakeholder export -o tsv > s.tsv
	[ "$(sed -n 3p s.tsv | cut -f2)" = 'Bjørn "Bamse" Ødegård' ]
	[ "$(sed -n 4p s.tsv | cut -f2,4,5,7,13)" = $'=Ærø Kommune\t+45 Fyn\t-Nordby\t+299 36 60 01\t@alle \'citat\' fra mødet' ]
	! grep -q $'\t\'' s.tsv
	! grep -q $'\t"' s.tsv
	# --raw changes nothing in TSV
	vk-stakeholder export -o tsv --raw | cmp - s.tsv
	vk-stakeholder export -o csv | grep -qF "'=Ærø Kommune,business,'+45 Fyn,'-Nordby"
}

@test "cut and sort see one record a line" {
	add_nordic
	vk-stakeholder list -o tsv --sort name > s.tsv
	[ "$(sed 1d s.tsv | cut -f2 | wc -l)" -eq 5 ]
	[ "$(sed 1d s.tsv | cut -f1 | sort -n | paste -sd' ' -)" = "1 2 3 4 5" ]
	# sorted by the name field as text, every line stays whole
	sed 1d s.tsv | sort -t $'\t' -k2,2 > sorted.tsv
	[ "$(wc -l < sorted.tsv)" -eq 5 ]
	[ "$(awk -F'\t' '{ print NF }' sorted.tsv | sort -u | wc -l)" -eq 1 ]
	[ "$(vk-trial list -o tsv | sed 1d | cut -f2)" = 'Ungdomsråd\ti Tasiilaq' ]
}

@test "mlr --itsv reads the values vk wrote" {
	command -v mlr >/dev/null || skip "no mlr (Miller): sh scripts/deps.sh test installs it"
	add_nordic
	vk-stakeholder export -o tsv > s.tsv
	vk-stakeholder export -o jsonl | text_fields id name organisation town phone tags notes > want
	mlr -S --itsv --ojsonl cat s.tsv | text_fields id name organisation town phone tags notes > got
	diff want got
	vk-trial learning export -o tsv | mlr -S --itsv --ojsonl cat | text_fields text > got
	vk-trial learning export -o jsonl | text_fields text | diff - got
}

# ---- round trips ----

@test "stakeholders, engagements and inputs: export -o tsv, import into an empty store, export again: the same" {
	add_nordic
	tsv_round_trip vk-stakeholder 5
	tsv_round_trip vk-stakeholder engagement 1
	tsv_round_trip vk-stakeholder input 1
}

@test "trials and learnings: export -o tsv, import into an empty store, export again: the same" {
	add_nordic
	vk-stakeholder export -o jsonl | vk-stakeholder --db "$TEST_DIR/copy.db" import - 2>/dev/null
	vk-milestone export -o jsonl | vk-milestone --db "$TEST_DIR/copy.db" import - 2>/dev/null
	tsv_round_trip vk-trial 1
	tsv_round_trip vk-trial learning 1
}

@test "milestones: export -o tsv, import into an empty store, export again: the same" {
	add_nordic
	vk-stakeholder export -o jsonl | vk-stakeholder --db "$TEST_DIR/copy.db" import - 2>/dev/null
	tsv_round_trip vk-milestone 2
}

@test "log -o tsv: before and after are JSON text in one field each, whole after unescaping" {
	add_nordic
	vk-stakeholder set 2 --notes $'ny\tlinje\n"citat" C:\\x' >/dev/null
	vk-stakeholder log 2 -o tsv > log.tsv
	one_record_a_line log.tsv 2
	[ "$(tsv_jsonl < log.tsv | sed -n 2p | jq -r '.after | fromjson | .notes')" = $'ny\tlinje\n"citat" C:\\x' ]
	[ "$(tsv_jsonl < log.tsv | sed -n 2p | jq -r '.before | fromjson | .notes')" = 'C:\Users\bjorn\noter og \\ dobbelt, slut\' ]
}

@test "vk-report -o tsv escapes a tab in a value" {
	vk-stakeholder add $'Ivalo\tKleist' --group citizen --town $'Nuuk\tVest' \
		--influence high --interest high >/dev/null 2>&1
	vk-report grid -o tsv > g.tsv
	one_record_a_line g.tsv 1
	[ "$(sed -n 2p g.tsv)" = $'manage closely\t1\tIvalo\\tKleist\tcitizen\tNuuk\\tVest\thigh\thigh' ]
}

# ---- reading TSV that others wrote ----

@test "import reads TSV as others write it: quotes are text, escapes undone, CRLF, \\N and empty no value" {
	{
		printf 'name\tgroup\ttown\tallocation\tnotes\r\n'
		printf '"Ivalo" Kleist\tcitizen\t\\N\t\tsagde "ja"\\tog "nej"\r\n'
		printf '\r\n'
		printf 'Malik\temployee\tNuuk\t25\tC:\\Users\\malik \\x41 og \\\\ og \\n ny linje\\\r\n'
	} > others.tsv
	run --separate-stderr vk-stakeholder import others.tsv
	[ "$status" -eq 0 ] || fail_with "import failed"
	vk-stakeholder show 1 -o jsonl > one.jsonl
	[ "$(jq -r .name one.jsonl)" = '"Ivalo" Kleist' ]
	[ "$(jq -r .town one.jsonl)" = null ]
	[ "$(jq -r .allocation one.jsonl)" = null ]
	[ "$(jq -r .notes one.jsonl)" = $'sagde "ja"\tog "nej"' ]
	vk-stakeholder show 2 -o jsonl > two.jsonl
	[ "$(jq -r .allocation two.jsonl)" = 25 ]
	# a backslash before anything but t n r \ stays, as at the end
	[ "$(jq -r .notes two.jsonl)" = $'C:\\Users\\malik \\x41 og \\ og \n ny linje\\' ]
	# --from tsv reads the same
	vk-stakeholder --db "$TEST_DIR/b.db" import others.tsv --from tsv 2>/dev/null
	[ "$(vk-stakeholder --db "$TEST_DIR/b.db" export -o tsv | cut -f2,13)" = "$(vk-stakeholder export -o tsv | cut -f2,13)" ]
}

@test "a TSV line with the wrong number of fields: FILE:LINE, exit 65, nothing written" {
	printf 'name\ttown\tnotes\nAviaja\tNuuk\n"Ivalo\tKleist"\tNuuk\tx\ty\nMalik\tNuuk\t\n' > bad.tsv
	run --separate-stderr vk-stakeholder import bad.tsv
	[ "$status" -eq 65 ] || fail_with "a bad TSV was taken"
	[[ "$stderr" == *"bad.tsv:2: the record has 2 fields, the header has 3"* ]] || fail_with "line 2"
	[[ "$stderr" == *"bad.tsv:3: the record has 5 fields, the header has 3 (TSV has no quoting"* ]] ||
		fail_with "line 3"
	[[ "$stderr" == *"bad.tsv: 2 bad rows: nothing was imported"* ]] || fail_with "the count"
	[ ! -e "$VK_DB" ]
}

@test "--delimiter tab reads tab-separated CSV with its quotes; --from tsv takes no other separator" {
	printf 'name\tnotes\n"Kleist\tIvalo"\t"to\nlinjer"\n' > quoted.txt
	run --separate-stderr vk-stakeholder import quoted.txt --delimiter tab
	[ "$status" -eq 0 ] || fail_with "--delimiter tab"
	[ "$(vk-stakeholder show 1 -o jsonl | jq -r .name)" = $'Kleist\tIvalo' ]
	[ "$(vk-stakeholder show 1 -o jsonl | jq -r .notes)" = $'to\nlinjer' ]
	run --separate-stderr vk-stakeholder import quoted.txt --from tsv --delimiter ';'
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--delimiter is CSV's: TSV is separated by tabs"* ]] || fail_with "the usage error"
}

# Needs a PostgreSQL server to write to: VK_TEST_PGHOST (a host or socket
# directory), VK_TEST_PGPORT and VK_TEST_PGUSER; skipped without them.
@test "PostgreSQL's text COPY loads vk's TSV with NULL '', and vk imports what COPY writes" {
	[ -n "${VK_TEST_PGHOST:-}" ] || skip "no VK_TEST_PGHOST: no PostgreSQL to try"
	command -v psql >/dev/null || skip "no psql"
	add_nordic
	local pg=(psql -h "$VK_TEST_PGHOST" -p "${VK_TEST_PGPORT:-5432}" -U "${VK_TEST_PGUSER:-postgres}"
		-v ON_ERROR_STOP=1 -q -A -t)
	local table="vk_tsv_$$"
	vk-stakeholder export -o tsv > s.tsv
	"${pg[@]}" -c "CREATE TABLE $table (id int, name text, \"group\" text, organisation text,
		town text, email text, phone text, roles text, allocation int, influence text,
		interest text, tags text, notes text, created timestamptz, updated timestamptz)"
	run "${pg[@]}" -c "\\copy $table FROM 's.tsv' WITH (FORMAT text, HEADER true, NULL '')"
	[ "$status" -eq 0 ] || { "${pg[@]}" -c "DROP TABLE $table"; fail_with "COPY refused vk's TSV"; }
	"${pg[@]}" -c "\\copy (SELECT id, name, town, allocation, notes FROM $table ORDER BY id) TO 'pg.tsv' WITH (FORMAT text, HEADER true)"
	"${pg[@]}" -c "DROP TABLE $table"
	# COPY wrote NULL as \N: vk reads that as no value
	vk-stakeholder --db "$TEST_DIR/copy.db" import pg.tsv 2>/dev/null
	diff <(vk-stakeholder export -o jsonl | text_fields id name town allocation notes) \
		<(vk-stakeholder --db "$TEST_DIR/copy.db" export -o jsonl | text_fields id name town allocation notes)
	[ "$(vk-stakeholder --db "$TEST_DIR/copy.db" show 1 -o jsonl | jq -r .allocation)" = null ]
}
