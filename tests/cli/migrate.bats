#!/usr/bin/env bats
# A store written by an older vk is upgraded when a newer one opens it,
# and every answer stays the same: schema 4 reads lists of words (roles,
# tags, themes) from the record's own column instead of side tables.

load helpers

setup() {
	vk_setup
	cp "$BATS_TEST_DIRNAME/fixtures/store-v3.db" "$VK_DB"
	chmod 600 "$VK_DB"
}

@test "migrate: a schema 3 store is upgraded to the current schema on open" {
	[ "$(sqlite3 "$VK_DB" 'PRAGMA user_version')" = 3 ]
	run -0 vk-stakeholder list -o csv
	[ "$(sqlite3 "$VK_DB" 'PRAGMA user_version')" = 4 ]
	run -0 sqlite3 "$VK_DB" "SELECT count(*) FROM sqlite_master WHERE name IN
		('stakeholder_roles', 'stakeholder_tags', 'engagement_themes', 'input_themes', 'trial_themes')"
	[ "$output" = 0 ]
	[ "$(sqlite3 "$VK_DB" 'PRAGMA integrity_check')" = ok ]
}

@test "migrate: filters on roles, tags and themes give the answers they gave before" {
	run -0 vk-stakeholder list --tag skole -o csv
	[ "${lines[1]}" = $'1,Aviaja Ærbø,citizen,,Nuuk,,,participant;working,,,,fangst;fiskeri;skole,,2026-11-23T00:10:08Z,2026-11-23T00:10:08Z\r' ]
	[ "${lines[2]}" = $'2,Søren Åkjær,politician,,Sisimiut,,,steering,,,,skole,,2026-11-23T00:10:08Z,2026-11-23T00:10:08Z\r' ]
	[ "${#lines[@]}" = 3 ]
	run -0 vk-stakeholder list --role steering -o jsonl
	[ "$(echo "$output" | jq -r .name)" = "Søren Åkjær" ]
	run -0 vk-stakeholder list --tag fiskeri -o jsonl
	[ "$(echo "$output" | jq -r .id)" = 1 ]
	run -0 vk-stakeholder engagements --theme skole -o jsonl
	[ "$output" = '{"type":"engagement","id":1,"date":"2020-06-10","kind":"workshop","title":"Værksted om skolevejen","town":"Nuuk","participants":[1,2],"headcount":{"citizen":12},"themes":["skole","trafik"],"notes":null}' ]
	run -0 vk-stakeholder inputs --theme trafik -o jsonl
	[ "$(echo "$output" | jq -r .text)" = "Flere cykelstier, tak" ]
	run -0 vk-trial list --theme "leg, bevægelse" -o jsonl
	[ "$(echo "$output" | jq -r .title)" = "Åben skolegård" ]
	run -0 vk-stakeholder list --tag nothing-like-this -o jsonl
	[ -z "$output" ]
}

@test "migrate: the themes report counts as before" {
	run -0 vk-report themes -o jsonl
	[ "${lines[0]}" = '{"theme":"trafik","inputs":1,"trials":0,"engagements":1,"quotes":["Flere cykelstier, tak"]}' ]
	[ "${lines[1]}" = '{"theme":"leg, bevægelse","inputs":0,"trials":1,"engagements":0,"quotes":[]}' ]
	[ "${lines[2]}" = '{"theme":"skole","inputs":0,"trials":1,"engagements":1,"quotes":[]}' ]
}

@test "migrate: the upgraded store takes new records and keeps the history" {
	run -0 vk-stakeholder add "Malik Ødegaard" --group business --town Ilulissat --tag skole --role lead
	[ "$output" = 4 ]
	run -0 vk-stakeholder list --tag skole -o jsonl
	[ "${#lines[@]}" = 3 ]
	run -0 vk-stakeholder set 1 --tag trafik
	run -0 vk-stakeholder list --tag skole -o jsonl
	[ "${#lines[@]}" = 2 ]
	run -0 vk-stakeholder log 1 -o jsonl
	[ "${#lines[@]}" = 2 ]
}
