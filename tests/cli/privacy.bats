#!/usr/bin/env bats
# Privacy: what forget erased is in no output of any program in any format
# and in no byte of the database file, its WAL or journal, even while
# another process keeps the database open; the store is created 0600
# (with its -wal and -shm) and a store readable by others is warned about;
# error messages name the field and line, not the person.
#
# forget.bats tests forget itself (the record, the inputs, the file, the
# log of vk-stakeholder, exports as CSV and JSON); this file widens it.

load helpers

# Distinctive strings, so that a grep finds only them.
NAME='Nivi Privatsen-Testperson-4417'
EMAIL='nivi.privat4417@example.gl'
OLD_EMAIL='nivi.gammel4417@example.gl'
PHONE='+299 44 17 44'
NOTES='Fortrolig-note-4417 om familien'
OLD_NOTES='Tidligere-fortrolig-4417'
SOURCE='Privat-Kilde-4417, Kullorsuaq'
ERASED=("Privatsen-Testperson-4417" "privat4417@" "gammel4417@" "44 17 44"
	"Fortrolig-note-4417" "Tidligere-fortrolig-4417" "Privat-Kilde-4417")

PROGRAMS_NOUNS=("vk-stakeholder" "vk-stakeholder engagement" "vk-stakeholder input"
	"vk-trial" "vk-trial learning" "vk-milestone")
FORMATS="table csv tsv json jsonl"

teardown() {
	exec 9>&- 2>/dev/null || true
	if [ -n "${reader:-}" ] && kill -0 "$reader" 2>/dev/null; then
		kill "$reader" 2>/dev/null || true
	fi
	vk_teardown
}

# add_person: the person (stakeholder 2) with a history (an old e-mail and
# notes), an input with a source, a trial (2) and a milestone (1) of their
# own and a learning they wrote, beside a colleague (stakeholder 1).
add_person() {
	vk-stakeholder add "Aviaja Kristiansen-Kleist" --group politician --town Nuuk >/dev/null 2>&1
	vk-stakeholder add "$NAME" --group citizen --town Kullorsuaq --email "$OLD_EMAIL" \
		--phone "$PHONE" --notes "$OLD_NOTES" --role participant --influence high --interest high >/dev/null
	vk-stakeholder set 2 --email "$EMAIL" --notes "$NOTES"
	vk-stakeholder engage "Besøg i Kullorsuaq" --date 2020-06-23 --kind visit --town Kullorsuaq \
		--with 1,2 --headcount citizen=7 --theme fangst >/dev/null
	vk-stakeholder input add "Isen er usikker om foråret." --engagement 1 --stakeholder 2 \
		--source "$SOURCE" --theme fangst >/dev/null
	vk-milestone add "Borgermøde i Kullorsuaq" --kind gathering --due 2020-07-03 --owner 2 \
		--place Kullorsuaq >/dev/null
	vk-trial add "Fangerskole" --owner 1 --start 2020-05-01 --end 2020-06-20 --theme fangst >/dev/null
	vk-trial add "Fælles fryser" --owner 2 --with 1,2 --milestone 1 --start 2020-06-01 \
		--end 2020-08-31 --theme fangst --round 1 >/dev/null
	vk-trial move 2 proposed >/dev/null
	vk-trial learn 2 "Fryseren skal stå ved havnen." --author 2 --date 2020-06-22 >/dev/null
}

# hold_open: a sqlite3 process keeps a connection to the database open in
# WAL mode, as a vk writer at work does (so that the WAL is not
# checkpointed away and removed, and the store not put back in rollback
# mode when the next writer closes) until release.
hold_open() {
	mkfifo reader.fifo
	sqlite3 "$VK_DB" < reader.fifo > reader.out 2>&1 &
	reader=$!
	exec 9> reader.fifo
	echo "PRAGMA journal_mode = WAL; SELECT count(*) FROM sqlite_master;" >&9
	local _
	for _ in $(seq 1 100); do
		[ -e "$VK_DB-shm" ] && return 0
		sleep 0.05
	done
	echo "the reader did not open the database" >&2
	return 1
}

release() {
	exec 9>&-
	wait "$reader" || true
	reader=
}

# every_output: what every program prints about the process into the file
# outputs (stderr too): export and log of every record type in every
# format, show of every record of the person's, the calendar and every
# report (list writes as export does: one format of it).
every_output() {
	local noun f r
	{
		for noun in "${PROGRAMS_NOUNS[@]}"; do
			for f in $FORMATS; do
				$noun export -o "$f"
				$noun log -o "$f"
			done
			$noun export --excel
			$noun export -o csv --raw
			$noun list -o table
		done
		for f in table json csv; do
			vk-stakeholder show 2 -o "$f"
			vk-stakeholder engagement show 1 -o "$f"
			vk-stakeholder input show 1 -o "$f"
			vk-trial show 2 -o "$f"
			vk-milestone show 1 -o "$f"
		done
		vk-stakeholder log 2 -o table
		vk-stakeholder inputs -o table
		vk-stakeholder engagements --with 2 -o table
		vk-trial learnings -o table
		vk-milestone ics
		for r in weekly coverage grid themes trials timeline; do
			for f in text markdown html json csv; do
				[ "$r" != weekly ] || [ "$f" != csv ] || continue
				vk-report "$r" -o "$f"
			done
		done
	} > outputs 2>&1
}

# ---- forget: outputs, and the file while another process keeps it open ----

@test "before forget the outputs show the person (the check can fail)" {
	add_person
	{
		vk-stakeholder export -o csv
		vk-stakeholder log -o jsonl
		vk-stakeholder inputs -o table
		vk-report weekly -o text
	} > outputs
	for s in "${ERASED[@]}"; do
		grep -q -F -- "$s" outputs || fail_with "the outputs do not show $s"
	done
	# reports name the person (grid) and quote the source (themes)
	vk-report grid -o text | grep -q -F "$NAME" || fail_with "grid does not name the person"
	vk-report themes -o html | grep -q -F "Privat-Kilde-4417" || fail_with "themes does not quote the source"
}

@test "after forget no export, list, show, log, calendar or report in any format shows an erased value" {
	add_person
	run --separate-stderr vk-stakeholder forget 2
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ] || fail_with "forget wrote to stderr"
	every_output
	local s
	for s in "${ERASED[@]}"; do
		! grep -a -n -F -- "$s" outputs >&2 || fail_with "an output shows $s"
	done
	# and the counts still add up: the person is there, forgotten
	grep -q -F '"name":"forgotten"' outputs
	[ "$(vk-stakeholder engagements --with 2 | ids)" = 1 ]
	[ "$(vk-trial list --owner 2 | ids)" = 2 ]
}

@test "after forget, with another connection open, the database, WAL and journal hold no erased value, also after more writes" {
	add_person
	hold_open
	# with the connection open the WAL stays, and holds the person
	vk-stakeholder set 2 --notes "$NOTES igen"
	vk-stakeholder input add "Endnu et citat." --engagement 1 --stakeholder 2 --source "$SOURCE" >/dev/null
	[ -s "$VK_DB-wal" ] || fail_with "the WAL did not stay"
	[ "$(found_in "$VK_DB-wal")" -gt 0 ]
	run --separate-stderr vk-stakeholder forget 2
	[ "$status" -eq 0 ] || fail_with "forget with a reader open"
	[ "$(files_hold)" = "0 0 0" ] || fail_with "after forget: $(files_hold)"
	# more writes of every program while the connection stays
	vk-stakeholder set 1 --notes "Borgmester" >/dev/null
	vk-stakeholder add "Malik Berthelsen" >/dev/null
	vk-trial learn 2 "Endnu en læring." >/dev/null
	vk-milestone done 1 --date 2020-06-26 >/dev/null
	vk-stakeholder engagement set 1 --notes "Referat" >/dev/null
	[ "$(files_hold)" = "0 0 0" ] || fail_with "after more writes: $(files_hold)"
	release
	[ "$(files_hold)" = "0 0 0" ] || fail_with "after the reader closed: $(files_hold)"
	run sqlite3 "$VK_DB" 'PRAGMA integrity_check;'
	[ "$output" = ok ]
}

@test "forget of people whose history rows were written out of order leaves nothing in the file's unused space" {
	# an import adds them (runs), a second one changes them, which writes
	# each add's copy into the history under its early event id, between
	# rows already there; their inputs too. SQLite's balancing then leaves
	# old copies of rows in pages' unused space, which secure_delete does
	# not zero: forget rewrites the file (VACUUM)
	ERASED=()
	for i in $(seq 1 15); do
		ERASED+=("Tok${i}x" "tok${i}x")
	done
	{
		echo 'name,group,town,email,phone,notes,tags'
		for i in $(seq 1 15); do
			printf '"Tok%dx Ødegård-Åsheim, Ittoqqortoormiit",citizen,Ittoqqortoormiit,gammel-tok%dx@example.gl,+299 55 %02d %02d,"Gammel-tok%dx",fanger\n' "$i" "$i" "$i" "$i" "$i"
		done
	} | vk-stakeholder import - 2>/dev/null
	{
		echo 'id,email,notes'
		for i in $(seq 1 15); do
			printf '%d,tok%dx@example.gl,"Notat-tok%dx: ""helbred, æøå"""\n' "$i" "$i" "$i"
		done
	} | vk-stakeholder import - >/dev/null
	vk-stakeholder engage "Besøg i Ittoqqortoormiit" --date 2020-03-12 --kind visit \
		--town Ittoqqortoormiit --with "$(seq -s, 1 15)" --headcount citizen=9 >/dev/null
	{
		echo 'engagement,stakeholder,source,text,themes'
		for i in $(seq 1 15); do
			printf '1,%d,"Kilde-tok%dx, fanger",Isen kommer senere hvert år; nr. %d,fangst\n' "$i" "$i" "$i"
		done
	} | vk-stakeholder input import - >/dev/null
	[ "$(found_in "$VK_DB")" -gt 0 ] || fail_with "the check cannot fail: the file holds none of them before"
	for i in $(seq 1 15); do
		vk-stakeholder forget "$i"
	done
	[ "$(files_hold)" = "0 0 0" ] || fail_with "after forget: $(files_hold)"
	# a second forget has nothing to do (exit 1), and the file stays clean
	run -1 --separate-stderr vk-stakeholder forget 9
	[ "$(files_hold)" = "0 0 0" ] || fail_with "after a second forget: $(files_hold)"
	run sqlite3 "$VK_DB" 'PRAGMA integrity_check;'
	[ "$output" = ok ]
}

# ---- file modes ----

@test "the store is created 0600 by every program that creates it, whatever the umask" {
	local cmd n=0
	for cmd in "vk-stakeholder add Malik" "vk-stakeholder engage Møde --date 2020-06-01 --kind meeting" \
		"vk-trial add Prøve" "vk-milestone add Samling --due 2020-09-01"; do
		for mask in 000 022 077; do
			n=$((n + 1))
			# shellcheck disable=SC2086
			(umask "$mask" && $cmd --db "$TEST_DIR/new$n.db") >/dev/null 2>&1
			[ "$(stat -c %a "$TEST_DIR/new$n.db")" = 600 ] || fail_with "$cmd under umask $mask: $(stat -c %a "$TEST_DIR/new$n.db")"
		done
	done
	n=$((n + 1))
	(umask 000 && printf 'name\nMalik\n' | vk-stakeholder import - --db "$TEST_DIR/new$n.db") 2>/dev/null
	[ "$(stat -c %a "$TEST_DIR/new$n.db")" = 600 ] || fail_with "import under umask 000"
	# no file a writer leaves next to it is wider
	for f in "$TEST_DIR"/new*; do
		[ "$(stat -c %a "$f")" = 600 ] || fail_with "$f: $(stat -c %a "$f")"
	done
}

@test "the -wal and -shm files of the store are 0600 too" {
	umask 000
	vk-stakeholder add "Aviaja Kristiansen-Kleist" 2>/dev/null >/dev/null
	[ "$(stat -c %a "$VK_DB")" = 600 ]
	# while a vk program has the store open: a long import
	awk 'BEGIN { print "name,town"; for (i = 1; i <= 100000; i++) printf "Deltager %d,Nuuk\n", i }' > long.csv
	vk-stakeholder import long.csv &
	importer=$!
	seen=
	for _ in $(seq 1 400); do
		if [ -e "$VK_DB-wal" ] && [ -e "$VK_DB-shm" ]; then
			seen="$(stat -c %a "$VK_DB-wal") $(stat -c %a "$VK_DB-shm")"
			break
		fi
		kill -0 "$importer" 2>/dev/null || break
		sleep 0.02
	done
	wait "$importer"
	if [ -n "$seen" ]; then
		[ "$seen" = "600 600" ] || fail_with "-wal and -shm of vk-stakeholder import: $seen"
	fi
	# while another connection keeps them
	hold_open
	vk-stakeholder add "Ivalo Kleist" >/dev/null
	[ -e "$VK_DB-wal" ]
	[ "$(stat -c %a "$VK_DB-wal")" = 600 ] || fail_with "-wal: $(stat -c %a "$VK_DB-wal")"
	[ "$(stat -c %a "$VK_DB-shm")" = 600 ] || fail_with "-shm: $(stat -c %a "$VK_DB-shm")"
	release
	[ "$(stat -c %a "$VK_DB")" = 600 ]
}

@test "a store readable by others gets a warning naming the path and mode, and still works" {
	add_person
	local mode cmd
	for mode in 644 640 604 666; do
		chmod "$mode" "$VK_DB"
		for cmd in "vk-stakeholder list" "vk-trial list" "vk-milestone list" "vk-report grid -o json"; do
			# shellcheck disable=SC2086
			run --separate-stderr $cmd
			[ "$status" -eq 0 ] || fail_with "$cmd with mode $mode"
			[ -n "$output" ] || fail_with "$cmd with mode $mode printed nothing"
			[[ "$stderr" == *"$VK_DB"*"0$mode"* ]] || fail_with "$cmd with mode $mode: no warning naming path and mode"
			[ "${#stderr_lines[@]}" -eq 1 ] || fail_with "$cmd with mode $mode: more than the warning"
		done
		run --separate-stderr vk-stakeholder add "Malik Berthelsen"
		[ "$status" -eq 0 ] || fail_with "add with mode $mode"
		[[ "$stderr" == *"$VK_DB"*"0$mode"* ]] || fail_with "add with mode $mode: no warning"
		[[ "$output" =~ ^[0-9]+$ ]] || fail_with "add with mode $mode: stdout"
		# the warning does not change the mode behind the user's back
		[ "$(stat -c %a "$VK_DB")" = "$mode" ]
	done
	# owner-only modes get no warning
	for mode in 600 400; do
		chmod "$mode" "$VK_DB"
		run --separate-stderr vk-stakeholder list
		[ "$status" -eq 0 ]
		[ "$stderr" = "" ] || fail_with "mode $mode: $stderr"
	done
	chmod 600 "$VK_DB"
}

# ---- nothing personal in error messages ----

# personal_in_stderr: fails when $stderr shows the name, phone, notes or
# source of the rows below (the value of the field in error may show).
no_person_in_stderr() {
	local s
	for s in "$@"; do
		[[ "$stderr" != *"$s"* ]] || fail_with "stderr shows \"$s\""
	done
}

@test "a bad e-mail in an import row is reported by line and field, without the row's other values" {
	add_person
	before=$(db_digest)
	printf '%s\n' 'name,email,phone,notes,town' \
		'Malik Berthelsen,malik@example.gl,+299 11 22 33,ok,Nuuk' \
		'Hemmelig-Navn-Pipaluk,ikke-en-adresse,+299 98 76 54,Hemmelig-Note om helbred,Paamiut' > bad.csv
	run --separate-stderr vk-stakeholder import bad.csv
	[ "$status" -eq 65 ]
	[[ "${stderr_lines[0]}" == "bad.csv:3: email: "* ]] || fail_with "line and field"
	no_person_in_stderr "Hemmelig-Navn" "98 76 54" "Hemmelig-Note" "Paamiut" "Malik"
	printf '%s\n' '{"name":"Malik Berthelsen"}' \
		'{"name":"Hemmelig-Navn-Pipaluk","email":"pipaluk@","phone":"+299 98 76 54","notes":"Hemmelig-Note om helbred"}' > bad.jsonl
	run --separate-stderr vk-stakeholder import bad.jsonl
	[ "$status" -eq 65 ]
	[[ "${stderr_lines[0]}" == "bad.jsonl:2: email: "* ]] || fail_with "jsonl: line and field"
	no_person_in_stderr "Hemmelig-Navn" "98 76 54" "Hemmelig-Note" "Malik"
	printf '[{"name":"Malik Berthelsen"},\n {"name":"Hemmelig-Navn-Pipaluk","phone":"+299 98 76 54",\n  "notes":"Hemmelig-Note om helbred","email":"@example.gl"}]\n' > bad.json
	run --separate-stderr vk-stakeholder import bad.json
	[ "$status" -eq 65 ]
	[[ "${stderr_lines[0]}" == "bad.json:2: [1]: email: "* ]] || fail_with "json: line and field"
	no_person_in_stderr "Hemmelig-Navn" "98 76 54" "Hemmelig-Note" "Malik"
	[ "$(db_digest)" = "$before" ]
}

@test "other bad values in an import row are reported without the row's personal values" {
	add_person
	before=$(db_digest)
	local row
	for row in 'Hemmelig-Navn-Pipaluk,pipaluk@example.gl,+299 98 76 54,Hemmelig-Note om helbred,borger,' \
		'Hemmelig-Navn-Pipaluk,pipaluk@example.gl,telefon 98 76 54,Hemmelig-Note om helbred,citizen,' \
		'Hemmelig-Navn-Pipaluk,pipaluk@example.gl,+299 98 76 54,Hemmelig-Note om helbred,citizen,200' \
		$'Hemmelig-Navn-Pipaluk,pipaluk@example.gl,+299 98 76 54,Hemmelig-Note om helbred \xe6,citizen,' \
		$'Hemmelig-Navn-Pipaluk,pipaluk@example.gl,+299 98 76 54,Hemmelig-Note om helbred,citizen,5,x'; do
		printf '%s\n' 'name,email,phone,notes,group,allocation' "$row" > bad.csv
		run --separate-stderr vk-stakeholder import bad.csv
		[ "$status" -eq 65 ] || fail_with "$row"
		[[ "${stderr_lines[0]}" == "bad.csv:2: "* ]] || fail_with "$row: line"
		no_person_in_stderr "Hemmelig-Navn" "pipaluk@" "Hemmelig-Note"
		[[ "$row" == *telefon* ]] || no_person_in_stderr "98 76 54"
	done
	# in JSON: invalid UTF-8, a control character, a bad type, a reference
	for row in $'{"name":"Hemmelig-Navn-Pipaluk","phone":"+299 98 76 54","notes":"Hemmelig-Note \xe6"}' \
		$'{"name":"Hemmelig-Navn-Pipaluk","phone":"+299 98 76 54","notes":"Hemmelig-Note \x01"}' \
		'{"name":"Hemmelig-Navn-Pipaluk","phone":"+299 98 76 54","notes":"Hemmelig-Note","allocation":"meget"}' \
		'{"name":"Hemmelig-Navn-Pipaluk","phone":"+299 98 76 54","notes":"Hemmelig-Note","id":2,"town":"Nuuk"}'$'\n''{"id":2,"notes":"Hemmelig-Note igen"}'; do
		printf '%s\n' "$row" > bad.jsonl
		run --separate-stderr vk-stakeholder import bad.jsonl
		[ "$status" -eq 65 ] || fail_with "$row"
		[[ "${stderr_lines[0]}" == "bad.jsonl:"[12]": "* ]] || fail_with "$row: line"
		no_person_in_stderr "Hemmelig-Navn" "98 76 54"
	done
	# an input whose stakeholder does not exist
	printf '{"engagement":1,"stakeholder":99,"source":"Hemmelig-Kilde","text":"Hemmelig-Tekst"}\n' > input.jsonl
	run --separate-stderr vk-stakeholder input import input.jsonl
	[ "$status" -eq 65 ]
	[ "${stderr_lines[0]}" = "input.jsonl:1: stakeholder: there is no stakeholder 99" ] || fail_with "reference"
	no_person_in_stderr "Hemmelig-Kilde" "Hemmelig-Tekst"
	[ "$(db_digest)" = "$before" ]
}

@test "a bad option value names the field, not the person's other values" {
	add_person
	before=$(db_digest)
	run --separate-stderr vk-stakeholder add "Hemmelig-Navn-Pipaluk" --email ikke-en-adresse \
		--phone "+299 98 76 54" --notes "Hemmelig-Note om helbred"
	[ "$status" -eq 65 ]
	[[ "$stderr" == "vk-stakeholder: email: "* ]] || fail_with "field"
	no_person_in_stderr "Hemmelig-Navn" "98 76 54" "Hemmelig-Note"
	run --separate-stderr vk-stakeholder set 2 --email ikke-en-adresse
	[ "$status" -eq 65 ]
	no_person_in_stderr "${ERASED[@]}"
	run --separate-stderr vk-stakeholder set 2 --allocation 200
	[ "$status" -eq 65 ]
	no_person_in_stderr "${ERASED[@]}"
	run --separate-stderr vk-stakeholder input add "Hemmelig-Tekst" --engagement 9 --source "Hemmelig-Kilde"
	[ "$status" -eq 65 ]
	no_person_in_stderr "Hemmelig-Tekst" "Hemmelig-Kilde"
	[ "$(db_digest)" = "$before" ]
}

@test "a refused rm names the records by id, not by name or title" {
	add_person
	before=$(db_digest)
	run --separate-stderr vk-stakeholder rm 2
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[[ "$stderr" == *"stakeholder 2"* ]] || fail_with "the stakeholder's id"
	[[ "$stderr" == *"engagement 1"* ]] || fail_with "the engagement's id"
	[[ "$stderr" == *"trial 2"* ]] || fail_with "the trial's id"
	[[ "$stderr" == *"milestone 1"* ]] || fail_with "the milestone's id"
	no_person_in_stderr "${ERASED[@]}" "Besøg i Kullorsuaq" "Fælles fryser" "Borgermøde i Kullorsuaq" "Isen er usikker"
	run --separate-stderr vk-milestone rm 1
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"milestone 1"*"trial 2"* ]] || fail_with "milestone rm: ids"
	no_person_in_stderr "${ERASED[@]}" "Fælles fryser" "Borgermøde i Kullorsuaq"
	# show and set of a missing id name the id only
	run --separate-stderr vk-stakeholder show 99
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-stakeholder: no stakeholder 99" ]
	[ "$(db_digest)" = "$before" ]
}
