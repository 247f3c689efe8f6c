#!/usr/bin/env bats
# The file the store is in: --db "" is a usage error; a file that is not
# a vk database (an empty file, another program's SQLite database, a
# text file, a device) is refused with exit 65 and left as it was, byte
# for byte, with no journal beside it. Only a verb that adds records may
# make a store in an empty file, as it would in a missing one.

load helpers

READERS=("vk-stakeholder list" "vk-stakeholder show 1" "vk-stakeholder log"
	"vk-stakeholder export -o csv" "vk-stakeholder engagements" "vk-stakeholder inputs"
	"vk-trial list" "vk-trial learnings" "vk-milestone list" "vk-milestone ics"
	"vk-report weekly" "vk-report coverage" "vk-report grid" "vk-report themes"
	"vk-report trials" "vk-report timeline")
CHANGERS=("vk-stakeholder set 1 --town Sisimiut" "vk-stakeholder rm 1" "vk-stakeholder forget 1"
	"vk-trial move 1 proposed" "vk-milestone done 1" "vk-milestone move 1 +1w --reason Regn")

# refused_untouched FILE COPY CMD...: CMD --db FILE exits 65 saying
# "FILE: not a vk database" alone, and FILE is still COPY, with no
# -wal, -shm or -journal beside it.
refused_untouched() {
	local file=$1 copy=$2
	shift 2
	run --separate-stderr "$@" --db "$file"
	[ "$status" -eq 65 ] || fail_with "$* on $file: exit $status"
	[ "$stderr" = "${1%% *}: $file: not a vk database" ] || fail_with "$* on $file: message"
	[ -z "$output" ] || fail_with "$* on $file: stdout"
	cmp -s "$file" "$copy" || fail_with "$* changed $file"
	for end in -wal -shm -journal; do
		[ ! -e "$file$end" ] || fail_with "$* left $file$end"
	done
}

# every_verb_refuses FILE: the readers, the changers and the adders all
# refuse FILE and leave it as it was.
every_verb_refuses() {
	local file=$1 cmd
	cp -p "$file" copy
	for cmd in "${READERS[@]}" "${CHANGERS[@]}"; do
		# shellcheck disable=SC2086
		refused_untouched "$file" copy $cmd
	done
	refused_untouched "$file" copy vk-stakeholder add "Aviaja Ærbø" --group citizen
	refused_untouched "$file" copy vk-trial add "Fælles madpakker"
	refused_untouched "$file" copy vk-trial learn 1 "Børnene lærte, at æbler er gode"
	refused_untouched "$file" copy vk-stakeholder engage "Møde i Kapisillit" \
		--date 2020-06-01 --kind meeting
	printf 'name,group,town\n"Søren Åkjær, jr.",citizen,Nuuk\n' > people.csv
	refused_untouched "$file" copy vk-stakeholder import people.csv
	refused_untouched "$file" copy vk-stakeholder import --dry-run people.csv
	[ "$(stat -c %a "$file")" = "$(stat -c %a copy)" ]
}

@test "store: --db with an empty name is a usage error, in each place it can be given" {
	run --separate-stderr vk-stakeholder list --db ""
	[ "$status" -eq 2 ] || fail_with "--db \"\""
	[[ "$stderr" == "vk-stakeholder: --db: "* ]] || fail_with "message"
	[[ "$stderr" == *"usage: vk-stakeholder list"* ]] || fail_with "no usage line"
	run --separate-stderr vk-stakeholder list --db=
	[ "$status" -eq 2 ] || fail_with "--db="
	run --separate-stderr vk-stakeholder --db "" add "Aviaja Ærbø"
	[ "$status" -eq 2 ] || fail_with "--db \"\" before the verb"
	[ -z "$output" ]
	run --separate-stderr vk-report weekly --db ""
	[ "$status" -eq 2 ] || fail_with "vk-report --db \"\""
	run --separate-stderr vk-trial add "Åben skolegård" --db ""
	[ "$status" -eq 2 ] || fail_with "vk-trial add --db \"\""
	# nothing was made anywhere
	[ ! -e "$VK_DB" ]
	[ -z "$(ls -A | grep -v '^separate-stderr-')" ] || fail_with "files made: $(ls -A)"
}

@test "store: an empty VK_DB counts as unset: ./vk.db" {
	run -0 --separate-stderr env VK_DB= vk-stakeholder add "Naja Ærbø" --group citizen
	[ "$output" = 1 ]
	[ "$stderr" = "vk-stakeholder: created database vk.db" ] || fail_with "$stderr"
	[ -s "$TEST_DIR/vk.db" ]
	run -0 env VK_DB= vk-stakeholder list -o jsonl
	[ "$(echo "$output" | jq -r .name)" = "Naja Ærbø" ]
}

@test "store: an empty file is refused by every verb that reads or changes, and left empty" {
	touch empty.db
	chmod 644 empty.db
	cp -p empty.db copy
	for cmd in "${READERS[@]}" "${CHANGERS[@]}"; do
		# shellcheck disable=SC2086
		refused_untouched empty.db copy $cmd
	done
	[ ! -s empty.db ]
	[ "$(stat -c %a empty.db)" = 644 ]
	# by its full path too
	refused_untouched "$TEST_DIR/empty.db" copy vk-report weekly
	run --separate-stderr env VK_DB="$TEST_DIR/empty.db" vk-stakeholder list
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-stakeholder: $TEST_DIR/empty.db: not a vk database" ] || fail_with "VK_DB"
	cmp empty.db copy
}

@test "store: an add makes a store in an empty file and says so; reads then work" {
	touch empty.db
	chmod 600 empty.db
	run -0 --separate-stderr vk-stakeholder add "Aviaja Ærbø" --group citizen --town Nuuk --db empty.db
	[ "$output" = 1 ]
	[ "$stderr" = "vk-stakeholder: created database empty.db" ] || fail_with "$stderr"
	run -0 --separate-stderr vk-stakeholder list --db empty.db -o jsonl
	[ "$(echo "$output" | jq -r .name)" = "Aviaja Ærbø" ]
	[ -z "$stderr" ]
	# an import does the same
	touch second.db
	chmod 600 second.db
	printf 'name,group,town\n"Søren Åkjær, jr.",citizen,Nuuk\n' > people.csv
	run -0 --separate-stderr vk-stakeholder import people.csv --db second.db
	[[ "$stderr" == *"created database second.db"* ]] || fail_with "$stderr"
	[ "$(vk-stakeholder list --db second.db -o jsonl | jq -r .name)" = "Søren Åkjær, jr." ]
}

@test "store: an add or import that fails leaves an empty file empty" {
	touch empty.db
	chmod 600 empty.db
	cp -p empty.db copy
	run --separate-stderr vk-stakeholder add "Aviaja Ærbø" --group borgerinde --db empty.db
	[ "$status" -eq 65 ] || fail_with "bad group"
	cmp empty.db copy
	run --separate-stderr vk-trial learn 1 "Børnene lærte, at æbler er gode" --db empty.db
	[ "$status" -eq 65 ] || fail_with "learn of no trial"
	cmp empty.db copy || fail_with "the learning left $(stat -c %s empty.db) bytes"
	printf 'name,group\n"Søren Åkjær",citizen\n"Naja Ærbø",nobody\n' > bad.csv
	run --separate-stderr vk-stakeholder import bad.csv --db empty.db
	[ "$status" -eq 65 ] || fail_with "bad import"
	cmp empty.db copy || fail_with "the failed import left $(stat -c %s empty.db) bytes"
	# a dry run writes nothing either
	printf 'name,group\n"Søren Åkjær",citizen\n' > good.csv
	run -0 --separate-stderr vk-stakeholder import --dry-run good.csv --db empty.db
	[[ "$output" == *"would add 1,"* ]] || fail_with "dry run"
	cmp empty.db copy || fail_with "the dry run wrote $(stat -c %s empty.db) bytes"
	for end in -wal -shm -journal; do
		[ ! -e "empty.db$end" ] || fail_with "left empty.db$end"
	done
}

@test "store: another program's SQLite database is refused by every verb, and left as it was" {
	sqlite3 other.db "CREATE TABLE kunder (navn TEXT, by TEXT);
		INSERT INTO kunder VALUES ('Åse Ødegård', 'Århus'), ('Bjørn \"Bamse\" Æbelø', 'Ålesund');
		PRAGMA user_version = 3;"
	chmod 600 other.db
	every_verb_refuses other.db
	[ "$(sqlite3 other.db 'SELECT count(*) FROM kunder')" = 2 ]
}

@test "store: another program's SQLite database in WAL mode is refused and left as it was" {
	sqlite3 other.db "PRAGMA journal_mode = WAL; CREATE TABLE stakeholders (navn TEXT);
		INSERT INTO stakeholders VALUES ('Åse Ødegård');" >/dev/null
	chmod 600 other.db
	[ ! -e other.db-wal ]
	every_verb_refuses other.db
}

@test "store: an SQLite database with no tables is refused by a reader and made a store by an add" {
	sqlite3 blank.db "CREATE TABLE t (a); DROP TABLE t;"
	chmod 600 blank.db
	[ -s blank.db ]
	cp -p blank.db copy
	refused_untouched blank.db copy vk-stakeholder list
	refused_untouched blank.db copy vk-report weekly
	run -0 --separate-stderr vk-stakeholder add "Pipaluk Ærbø" --db blank.db
	[ "$output" = 1 ]
	[ "$stderr" = "vk-stakeholder: created database blank.db" ] || fail_with "$stderr"
}

@test "store: a text file is refused by every verb, and left as it was" {
	printf 'navn;by\nÅse Ødegård;Århus\n"Bjørn, Æbelø";Ålesund\n' > people.db
	chmod 600 people.db
	every_verb_refuses people.db
	# one byte is no database either
	printf 'x' > x.db
	chmod 600 x.db
	every_verb_refuses x.db
}

@test "store: /dev/null and a named pipe are refused by every verb" {
	local cmd
	for cmd in "${READERS[@]}" "${CHANGERS[@]}" "vk-stakeholder add Åse" "vk-trial learn 1 Æbler"; do
		# shellcheck disable=SC2086
		run --separate-stderr $cmd --db /dev/null
		[ "$status" -eq 65 ] || fail_with "$cmd on /dev/null: exit $status"
		[ "$stderr" = "${cmd%% *}: /dev/null: not a vk database" ] || fail_with "$cmd: message"
	done
	[ -c /dev/null ]
	[ ! -e /dev/null-journal ] && [ ! -e /dev/null-wal ]
	mkfifo pipe.db
	run --separate-stderr timeout 10 vk-stakeholder list --db pipe.db
	[ "$status" -eq 65 ] || fail_with "fifo"
	[ -p pipe.db ]
}

@test "store: a refused file readable by others gets the refusal alone, no warning about its mode" {
	touch empty.db
	chmod 644 empty.db
	run --separate-stderr vk-stakeholder list --db empty.db
	[ "$status" -eq 65 ]
	[ "${#stderr_lines[@]}" -eq 1 ] || fail_with "more than one line"
}
