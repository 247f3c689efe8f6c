#!/usr/bin/env bats
# vk-stakeholder forget: a person's data erased from the records, the
# history and the database file itself (free pages and WAL included),
# while group, town and every count stay.

load helpers

# Distinctive strings, so that a grep of the raw file finds only them.
NAME='Søren Ødegård-Testperson-7731'
EMAIL='soren.testperson7731@example.gl'
PHONE='+299 77 31 77'
NOTES='Hemmelig-note-7731 om helbred'
OLD_NOTES='Tidligere-note-7731'
OLD_EMAIL='gammel.adresse7731@example.gl'
SOURCE='Fanger-Kilde-7731, Ittoqqortoormiit'
RM_SOURCE='Slettet-Kilde-7731'
ERASED=("Ødegård-Testperson-7731" "testperson7731@" "gammel.adresse7731" "77 31 77"
	"Hemmelig-note-7731" "Tidligere-note-7731" "Fanger-Kilde-7731" "Slettet-Kilde-7731")

# The person (id 2) with history: an old e-mail and notes, two inputs
# (one of them removed again), an engagement with a colleague (id 1).
add_person() {
	vk-stakeholder add "Aviaja Kristiansen-Kleist" --group politician --town Nuuk >/dev/null 2>&1
	vk-stakeholder add "$NAME" --group citizen --town Ittoqqortoormiit \
		--organisation "Fangerforeningen" --email "$OLD_EMAIL" --phone "$PHONE" \
		--notes "$OLD_NOTES" --role participant --tag fanger \
		--influence low --interest high >/dev/null
	vk-stakeholder set 2 --email "$EMAIL" --notes "$NOTES"
	vk-stakeholder engage "Besøg i Ittoqqortoormiit" --date 2020-03-12 --kind visit \
		--town Ittoqqortoormiit --with 1,2 --headcount citizen=9 --theme "det gode liv" >/dev/null
	vk-stakeholder input add "Isen kommer senere hvert år, og fangsten er blevet sværere." \
		--engagement 1 --stakeholder 2 --source "$SOURCE" --theme "det gode liv" --theme fangst >/dev/null
	vk-stakeholder input add "Et citat der blev slettet igen." \
		--engagement 1 --stakeholder 2 --source "$RM_SOURCE" >/dev/null
	vk-stakeholder input add "Vi har brug for en ny skole." --engagement 1 --stakeholder 1 \
		--source borgmester --theme "børn og unge" >/dev/null
	vk-stakeholder input rm 2
}

@test "forget replaces the name, empties e-mail, phone and notes, and keeps group, town and counts" {
	add_person
	run --separate-stderr vk-stakeholder forget 2
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	run vk-stakeholder show 2 -o jsonl
	[[ "$(printf '%s' "$output" | norm_ts)" == '{"type":"stakeholder","id":2,"name":"forgotten","group":"citizen","organisation":"Fangerforeningen","town":"Ittoqqortoormiit","email":null,"phone":null,"roles":["participant"],"allocation":null,"influence":"low","interest":"high","tags":["fanger"],"notes":null,"created":"TS","updated":"TS","engagements":[{"type":"engagement","id":1,"date":"2020-03-12","kind":"visit","title":"Besøg i Ittoqqortoormiit","town":"Ittoqqortoormiit","participants":[1,2],"headcount":{"citizen":9},"themes":["det gode liv"],"notes":null}]'* ]] ||
		fail_with "forgotten record"
	# statistics still add up
	[ "$(vk-stakeholder list --group citizen | ids)" = "2" ]
	[ "$(vk-stakeholder list --town Ittoqqortoormiit | ids)" = "2" ]
	[ "$(vk-stakeholder engagements --with 2 | ids)" = "1" ]
	[ "$(vk-stakeholder list | ids)" = "1 2" ]
	# the colleague is untouched
	[[ "$(vk-stakeholder show 1)" == *'"name":"Aviaja Kristiansen-Kleist"'* ]]
}

@test "forget keeps the text and themes of the person's inputs but drops the link and attribution" {
	add_person
	vk-stakeholder forget 2
	run vk-stakeholder inputs -o jsonl
	expected='{"type":"input","id":1,"engagement":1,"stakeholder":null,"source":null,"text":"Isen kommer senere hvert år, og fangsten er blevet sværere.","themes":["det gode liv","fangst"]}
{"type":"input","id":3,"engagement":1,"stakeholder":1,"source":"borgmester","text":"Vi har brug for en ny skole.","themes":["børn og unge"]}'
	[ "$output" = "$expected" ] || fail_with "inputs after forget"
	[ "$(vk-stakeholder inputs --theme fangst | ids)" = "1" ]
	[ "$(vk-stakeholder inputs --stakeholder 2 | ids)" = "" ]
}

@test "forget leaves no byte of the erased values in the database file, its WAL or a journal" {
	add_person
	# the check can fail: before forget the values are in the file
	[ "$(found_in "$VK_DB")" -gt 0 ] || [ "$(found_in "$VK_DB-wal")" -gt 0 ]
	run --separate-stderr vk-stakeholder forget 2
	[ "$status" -eq 0 ]
	[ "$(files_hold)" = "0 0 0" ] || fail_with "still in db/wal/journal: $(files_hold)"
	# nor after another write and a reader
	vk-stakeholder add "Ivalo Kleist" >/dev/null
	vk-stakeholder list >/dev/null
	[ "$(files_hold)" = "0 0 0" ] || fail_with "after another write: $(files_hold)"
}

@test "forget scrubs the WAL too while another process keeps the database open" {
	add_person
	mkfifo reader.fifo
	sqlite3 "$VK_DB" < reader.fifo > reader.out 2>&1 &
	reader=$!
	exec 9> reader.fifo
	echo "SELECT count(*) FROM stakeholders;" >&9
	for _ in $(seq 1 50); do [ -e "$VK_DB-shm" ] && break; sleep 0.1; done
	# with the reader's connection open the WAL stays, and grows
	vk-stakeholder set 2 --notes "Hemmelig-note-7731 igen" >/dev/null
	vk-stakeholder input add "Endnu et citat" --engagement 1 --stakeholder 2 --source "$RM_SOURCE" >/dev/null
	[ -s "$VK_DB-wal" ] || { exec 9>&-; wait "$reader"; skip "the reader did not keep the WAL"; }
	[ "$(found_in "$VK_DB-wal")" -gt 0 ]
	run --separate-stderr vk-stakeholder forget 2
	held=$(files_hold)
	exec 9>&-
	wait "$reader" || true
	[ "$status" -eq 0 ] || fail_with "forget failed"
	[ "$held" = "0 0 0" ] || fail_with "while open, still in db/wal/journal: $held"
	[ "$(files_hold)" = "0 0 0" ]
}

@test "after forget the log shows none of the erased values, but still the events" {
	add_person
	vk-stakeholder forget 2
	run vk-stakeholder log 2
	[ "$status" -eq 0 ]
	for s in "${ERASED[@]}"; do
		[[ "$output" != *"$s"* ]] || fail_with "log shows $s"
	done
	[[ "${lines[0]}" == *'"action":"add"'* ]] || fail_with "add event"
	[[ "${lines[-1]}" == *'"action":"forget"'* ]] || fail_with "forget event"
	[[ "$output" == *'"group":"citizen"'* ]]
	run vk-stakeholder log -o table
	for s in "${ERASED[@]}"; do
		[[ "$output" != *"$s"* ]] || fail_with "log table shows $s"
	done
	for noun in input engagement; do
		run vk-stakeholder "$noun" log
		[ "$status" -eq 0 ]
		for s in "${ERASED[@]}"; do
			[[ "$output" != *"$s"* ]] || fail_with "$noun log shows $s"
		done
	done
	# the text of the removed input stays in its history
	[[ "$(vk-stakeholder input log 2)" == *"Et citat der blev slettet igen."* ]]
	# and nowhere in the database
	run bash -c "sqlite3 '$VK_DB' .dump | grep -c -F 7731"
	[ "$output" = 0 ]
}

@test "export after forget holds none of the erased values" {
	add_person
	vk-stakeholder forget 2
	for noun in "" engagement input; do
		for f in csv json jsonl; do
			# shellcheck disable=SC2086
			out=$(vk-stakeholder $noun export -o $f)
			[[ "$out" != *7731* ]] || fail_with "$noun export -o $f: $out"
		done
	done
}

@test "forget of a missing id exits 1 and writes nothing; without an id exits 2" {
	add_person
	before=$(db_digest)
	run --separate-stderr vk-stakeholder forget 99
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-stakeholder: no stakeholder 99" ]
	run --separate-stderr vk-stakeholder forget
	[ "$status" -eq 2 ]
	run --separate-stderr vk-stakeholder forget Søren
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}
