#!/usr/bin/env bats
# A store written by an older vk is upgraded when a newer one first
# changes it (a verb that only reads reads an upgraded copy and leaves the
# file as it is), and every answer stays the same: schema 4 reads lists of words (roles,
# tags, themes) from the record's own column instead of side tables;
# schema 5 keeps the highest id of each type in meta, not AUTOINCREMENT;
# schema 6 lets an "add" event keep no copy of a record not yet changed;
# schema 7 keeps the adds of consecutive ids as runs; schema 8 adds the
# goals model (themes, goals, measurements, a trial's goals); schema 9 a
# milestone's time and end_time.

load helpers

setup() {
	vk_setup
	cp "$BATS_TEST_DIRNAME/fixtures/store-v3.db" "$VK_DB"
	chmod 600 "$VK_DB"
}

@test "migrate: a schema 3 store is upgraded to the current schema by the first change" {
	[ "$(sqlite3 "$VK_DB" 'PRAGMA user_version')" = 3 ]
	run -0 --separate-stderr vk-stakeholder set 2 --town Ilulissat
	[ "$(sqlite3 "$VK_DB" 'PRAGMA user_version')" = 9 ]
	run -0 sqlite3 "$VK_DB" "SELECT count(*) FROM sqlite_master WHERE name IN
		('stakeholder_roles', 'stakeholder_tags', 'engagement_themes', 'input_themes', 'trial_themes')"
	[ "$output" = 0 ]
	run -0 sqlite3 "$VK_DB" "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%'"
	[ "$output" = 0 ]
	# every index is still there
	run -0 sqlite3 "$VK_DB" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master
		WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name)"
	[ "$output" = "added_runs_entity engagement_participants_value engagements_date events_entity goals_owner inputs_engagement inputs_stakeholder learnings_author learnings_date learnings_trial measurements_goal milestone_depends_value milestones_due milestones_owner stakeholders_town trial_goals_value trial_participants_value trials_milestone trials_owner trials_status" ] || fail_with "indexes: $output"
	[ "$(sqlite3 "$VK_DB" 'PRAGMA integrity_check')" = ok ]
}

@test "migrate: a verb that reads leaves an older store as it is, reads it through an upgraded copy, and says so" {
	cp "$VK_DB" before.db
	for cmd in "vk-report grid -o json" "vk-stakeholder list" "vk-stakeholder export -o csv" \
		   "vk-trial list" "vk-milestone ics" "vk-stakeholder log"; do
		run -0 --separate-stderr $cmd
		[ "$stderr" = "${cmd%% *}: $VK_DB: schema 3, read through an upgraded copy; the next change upgrades the store to schema 9" ] ||
			fail_with "$cmd: $stderr"
		cmp "$VK_DB" before.db || fail_with "$cmd changed the file"
		[ ! -e "$VK_DB-wal" ] && [ ! -e "$VK_DB-shm" ] || fail_with "$cmd left -wal or -shm"
	done
	# import --dry-run reads too
	printf 'name\nNivi Ærbø\n' > one.csv
	run -0 --separate-stderr vk-stakeholder import --dry-run one.csv
	cmp "$VK_DB" before.db || fail_with "import --dry-run changed the file"
}

@test "migrate: the upgrade says so on stderr, once, whichever program changes the store first" {
	run -0 --separate-stderr vk-stakeholder add "Malik Ødegaard" --group business
	[ "$stderr" = "vk-stakeholder: $VK_DB: upgraded the store from schema 3 to 9" ] || fail_with "first change"
	[ "$(sqlite3 "$VK_DB" 'PRAGMA user_version')" = 9 ]
	run -0 --separate-stderr vk-report grid -o json
	[ -z "$stderr" ] || fail_with "a read after the upgrade"
	run -0 --separate-stderr vk-stakeholder add "Nivi Ærbø" --group business
	[ -z "$stderr" ] || fail_with "add after the upgrade"
	# a writer that opens it first says the same
	cp "$BATS_TEST_DIRNAME/fixtures/store-v3.db" second.db
	chmod 600 second.db
	run -0 --separate-stderr vk-trial add "Fælles madpakker" --db second.db
	[ "$output" = 2 ]
	[ "$stderr" = "vk-trial: second.db: upgraded the store from schema 3 to 9" ] || fail_with "writer"
}

@test "migrate: filters on roles, tags and themes give the answers they gave before" {
	run -0 --separate-stderr vk-stakeholder list --tag skole -o csv
	[ "${lines[1]}" = $'1,Aviaja Ærbø,citizen,,Nuuk,,,participant;working,,,,fangst;fiskeri;skole,,2026-11-23T00:10:08Z,2026-11-23T00:10:08Z\r' ]
	[ "${lines[2]}" = $'2,Søren Åkjær,politician,,Sisimiut,,,steering,,,,skole,,2026-11-23T00:10:08Z,2026-11-23T00:10:08Z\r' ]
	[ "${#lines[@]}" = 3 ]
	run -0 --separate-stderr vk-stakeholder list --role steering -o jsonl
	[ "$(echo "$output" | jq -r .name)" = "Søren Åkjær" ]
	run -0 --separate-stderr vk-stakeholder list --tag fiskeri -o jsonl
	[ "$(echo "$output" | jq -r .id)" = 1 ]
	run -0 --separate-stderr vk-stakeholder engagements --theme skole -o jsonl
	[ "$output" = '{"type":"engagement","id":1,"date":"2020-06-10","kind":"workshop","title":"Værksted om skolevejen","town":"Nuuk","participants":[1,2],"headcount":{"citizen":12},"themes":["skole","trafik"],"notes":null}' ]
	run -0 --separate-stderr vk-stakeholder inputs --theme trafik -o jsonl
	[ "$(echo "$output" | jq -r .text)" = "Flere cykelstier, tak" ]
	run -0 --separate-stderr vk-trial list --theme "leg, bevægelse" -o jsonl
	[ "$(echo "$output" | jq -r .title)" = "Åben skolegård" ]
	run -0 --separate-stderr vk-stakeholder list --tag nothing-like-this -o jsonl
	[ -z "$output" ]
}

@test "migrate: the themes report counts as before" {
	run -0 --separate-stderr vk-report themes -o jsonl
	[ "${lines[0]}" = '{"theme":"trafik","inputs":1,"trials":0,"engagements":1,"quotes":["Flere cykelstier, tak"]}' ]
	[ "${lines[1]}" = '{"theme":"leg, bevægelse","inputs":0,"trials":1,"engagements":0,"quotes":[]}' ]
	[ "${lines[2]}" = '{"theme":"skole","inputs":0,"trials":1,"engagements":1,"quotes":[]}' ]
}

@test "migrate: the upgraded store takes new records and keeps the history" {
	run -0 --separate-stderr vk-stakeholder add "Malik Ødegaard" --group business --town Ilulissat --tag skole --role lead
	[ "$output" = 4 ]
	run -0 --separate-stderr vk-stakeholder list --tag skole -o jsonl
	[ "${#lines[@]}" = 3 ]
	run -0 --separate-stderr vk-stakeholder set 1 --tag trafik
	run -0 --separate-stderr vk-stakeholder list --tag skole -o jsonl
	[ "${#lines[@]}" = 2 ]
	run -0 --separate-stderr vk-stakeholder log 1 -o jsonl
	[ "${#lines[@]}" = 2 ]
}

@test "migrate: a milestone of an older store has no time after the upgrade, and takes one" {
	# a milestone written by the vk of schema 3, behind this vk's back
	sqlite3 "$VK_DB" "INSERT INTO milestones (title, due, baseline, status, place)
		VALUES ('Anden samling i Nuuk', '2020-06-14', '2020-06-14', 'planned', 'Katuaq, Nuuk')"
	run -0 --separate-stderr vk-milestone show 1 -o jsonl
	[ "$(echo "$output" | jq -c '[.title, .time, .end_time]')" = '["Anden samling i Nuuk",null,null]' ] || fail_with "read through the copy"
	run -0 --separate-stderr vk-milestone set 1 --time 9:00 --end-time 16:00
	[ "$stderr" = "vk-milestone: $VK_DB: upgraded the store from schema 3 to 9" ] || fail_with "$stderr"
	run -0 --separate-stderr vk-milestone show 1 -o jsonl
	[ "$(echo "$output" | jq -c '[.title, .place, .time, .end_time]')" = '["Anden samling i Nuuk","Katuaq, Nuuk","09:00","16:00"]' ] || fail_with "$output"
	[ "$(sqlite3 "$VK_DB" "SELECT time || '-' || end_time FROM milestones WHERE id = 1")" = "09:00-16:00" ]
}

@test "migrate: the highest id AUTOINCREMENT kept is kept; a removed last id is not given again" {
	# stakeholder 3 removed behind vk's back, history and all: only
	# sqlite_sequence still knows that 3 was given
	sqlite3 "$VK_DB" "DELETE FROM stakeholders WHERE id = 3; DELETE FROM events WHERE entity = 'stakeholder' AND entity_id = 3"
	[ "$(sqlite3 "$VK_DB" "SELECT seq FROM sqlite_sequence WHERE name = 'stakeholders'")" = 3 ]
	run -0 --separate-stderr vk-stakeholder add "Nivi Ærbø" --group citizen
	[ "$output" = 4 ]
	[ "$(sqlite3 "$VK_DB" "SELECT value FROM meta WHERE key = 'last_id.stakeholders'")" = 4 ]
	run -0 --separate-stderr vk-stakeholder rm 4
	run -0 --separate-stderr vk-trial add "Fælles madpakker"
	[ "$output" = 2 ]
	run -0 --separate-stderr vk-stakeholder add "Ole Åkjær" --group citizen
	[ "$output" = 5 ]
}

@test "migrate: the events keep their ids and order" {
	before=$(sqlite3 "$VK_DB" "SELECT group_concat(id || ':' || entity || ':' || entity_id || ':' || action, ' ') FROM events")
	run -0 --separate-stderr vk-stakeholder list -o csv
	after=$(sqlite3 "$VK_DB" "SELECT group_concat(id || ':' || entity || ':' || entity_id || ':' || action, ' ') FROM events")
	[ "$after" = "$before" ]
	run -0 --separate-stderr vk-stakeholder set 2 --town Ilulissat
	[ "$(sqlite3 "$VK_DB" "SELECT max(id) FROM events")" = 7 ]
}

@test "migrate: a new store is made at the current schema, without AUTOINCREMENT" {
	rm -f "$VK_DB"
	run -0 --separate-stderr vk-stakeholder add "Aviaja Ærbø" --group citizen
	[ "$output" = 1 ]
	[ "$(sqlite3 "$VK_DB" 'PRAGMA user_version')" = 9 ]
	run -0 sqlite3 "$VK_DB" "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%' OR name = 'sqlite_sequence'"
	[ "$output" = 0 ]
	run -0 --separate-stderr vk-stakeholder rm 1
	run -0 --separate-stderr vk-stakeholder add "Søren Åkjær" --group politician
	[ "$output" = 2 ]
}

@test "migrate: the add events of an older store keep their copies, and log shows them" {
	run -0 --separate-stderr vk-stakeholder set 1 --town Nuuk
	[ "$(sqlite3 "$VK_DB" "SELECT count(*) FROM events WHERE action = 'add' AND after IS NULL")" = 0 ]
	run -0 --separate-stderr vk-stakeholder log 2 -o jsonl
	[[ "${lines[0]}" == *'"action":"add","before":null,"after":{"name":"Søren Åkjær",'* ]] || fail_with "add of 2: ${lines[0]}"
}

@test "migrate: a store of a newer schema is refused, and left as it is" {
	sqlite3 "$VK_DB" 'PRAGMA user_version = 99'
	run -65 --separate-stderr vk-stakeholder list
	[[ "$stderr" == *"schema version 99; this vk knows up to 9: use a newer vk"* ]] || fail_with "$stderr"
	[ "$(sqlite3 "$VK_DB" 'PRAGMA user_version')" = 99 ]
}
