#!/usr/bin/env bats
# vk-goal: the themes of a process, its goals (a baseline and a target
# each) and their measurements; declared themes on every record; trials'
# goals; where a goal stands (list --status, show). Today is 2020-06-26
# (helpers.bash) unless a test says otherwise.

load helpers

# add_goals: a small coherence model over add_people, in the spirit of
# Viborg's: two themes, three goals, four measurements.
#  theme 1 Sundhed og trivsel   theme 2 Fællesskaber
#  goal 1 Flere borgere føler sig trygge   survey   up    62.5 (2019-05-01) -> 75 (2023-12-31)  owner 1
#  goal 2 Færre dagligrygere               register down  18 (2019-01-01)   -> 12 (2023-12-31)  owner 4
#  goal 3 Flere aktive i foreningslivet    survey   up    41 (2019-05-01)   -> 50 (2021-12-31)
#  measurement 1 goal 1 2020-05-01 64.2 (4012)   2 goal 1 2019-11-01 63 (812)
#  measurement 3 goal 2 2020-01-31 16.5          4 goal 3 2020-05-01 49.5 (4012)
add_goals() {
	add_people
	vk-goal theme add "Sundhed og trivsel" --description 'Trivsel, tryghed og sundhed – "hele livet"' >/dev/null
	vk-goal theme add "Fællesskaber" >/dev/null
	vk-goal add "Flere borgere føler sig trygge i deres nærområde" --theme "Sundhed og trivsel" \
		--indicator "andel der svarer tryg eller meget tryg" --unit % --source survey \
		--baseline 62,5 --baseline-date 2019-05-01 --target 75 --target-date 2023-12-31 \
		--owner 1 --notes 'Spørgsmål 14; "tryg" og "meget tryg"' >/dev/null
	vk-goal add "Færre dagligrygere" --theme "Sundhed og trivsel" --unit % --source register \
		--direction down --baseline 18 --baseline-date 2019-01 --target 12 --target-date 2023-12 \
		--owner 4 >/dev/null
	vk-goal add "Flere aktive i foreningslivet" --theme Fællesskaber --unit % --source survey \
		--baseline 41 --baseline-date 2019-05-01 --target 50 --target-date 2021-12-31 >/dev/null
	vk-goal measure 1 64,2 --date 2020-05-01 --respondents 4012 --source "Borgerundersøgelsen 2020" >/dev/null
	vk-goal measure 1 63 --date 2019-11-01 --respondents 812 --source "Borgerpanelet" >/dev/null
	vk-goal measure 2 16.5 --date 2020-01-31 --source "Sundhedsprofilen" >/dev/null
	vk-goal measure 3 49.5 --date 2020-05-01 --respondents 4012 >/dev/null
}

# ---- add, show ----

@test "add sets every field and prints the id; a decimal comma is read, a point is written" {
	add_people
	run --separate-stderr vk-goal add "Flere borgere føler sig trygge" --theme "Sundhed og trivsel" \
		--indicator "andel, der svarer \"tryg\"" --unit % --source Survey --direction UP \
		--baseline 62,5 --baseline-date 2019-W18 --target 75 --target-date 2023-12 \
		--owner 1 --notes $'Spørgsmål 14\nSe bilag'
	[ "$status" -eq 0 ] || fail_with "add"
	[ "$output" = 1 ]
	run vk-goal show 1 -o json
	[ "$output" = '{"type":"goal","id":1,"theme":"Sundhed og trivsel","title":"Flere borgere føler sig trygge","indicator":"andel, der svarer \"tryg\"","unit":"%","source":"survey","direction":"up","baseline":62.5,"baseline_date":"2019-04-29","target":75,"target_date":"2023-12-31","owner":1,"notes":"Spørgsmål 14\nSe bilag","latest":null,"latest_date":null,"progress":0,"status":"no data","measurements":[],"trials":[]}' ] ||
		fail_with "record"
	# a goal of a title alone goes up, and has nothing else
	run vk-goal add --title "Flere unge i uddannelse"
	[ "$output" = 2 ]
	run vk-goal show 2 -o jsonl
	[[ "$output" == '{"type":"goal","id":2,"theme":null,"title":"Flere unge i uddannelse","indicator":null,"unit":null,"source":null,"direction":"up","baseline":null,'* ]] ||
		fail_with "bare goal"
	run --separate-stderr vk-goal add
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"missing the TITLE"* ]] || fail_with "no title"
	run --separate-stderr vk-goal add "A" --title "B"
	[ "$status" -eq 2 ]
}

@test "show embeds the measurements in date order and the trials that serve it, and where it stands" {
	add_goals
	vk-trial add "Tryghedsvandringer i Bjerringbro" --goal 1 --goal 3 >/dev/null
	vk-trial add "Natteravne i Viborg midtby" --goals 1 >/dev/null
	vk-trial add "Røgfri skoletid" --goal 2 >/dev/null
	run vk-goal show 1 -o json
	[ "$(printf '%s' "$output" | jq -c '[.measurements[].id]')" = "[2,1]" ] || fail_with "order"
	[ "$(printf '%s' "$output" | jq -c '[.trials[].id]')" = "[1,2]" ] || fail_with "trials"
	# 64.2 is 1.7 of 12.5 points: 13.6%; 422 of 1705 days have passed (24.8%)
	[ "$(printf '%s' "$output" | jq -c '[.latest, .latest_date, .progress, .status]')" = '[64.2,"2020-05-01",13.6,"behind"]' ] ||
		fail_with "standing"
	run vk-goal show 1 -o table
	[ "$status" -eq 0 ]
	[[ "$output" == *$'baseline:      62.5\n'* ]] || fail_with "table baseline"
	[[ "$output" == *$'status:        behind\n'* ]] || fail_with "table status"
	[[ "$output" == *$'measurements:\n  measurement 2 2019-11-01: value 63, respondents 812, source Borgerpanelet\n  measurement 1 2020-05-01: value 64.2, respondents 4012, source Borgerundersøgelsen 2020\n'* ]] ||
		fail_with "table measurements"
	[[ "$output" == *$'trials:\n  trial 1: Tryghedsvandringer i Bjerringbro\n  trial 2: Natteravne i Viborg midtby'* ]] ||
		fail_with "table trials"
	run --separate-stderr vk-goal show 9
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-goal: no goal 9" ]
}

# ---- values and rules ----

@test "bad values of every goal field exit 65 and write nothing" {
	add_goals
	before=$(db_digest)
	bad() {
		run --separate-stderr vk-goal add "Et mål" "$@"
		[ "$status" -eq 65 ] || fail_with "$*: status"
		[[ "$stderr" == *"$want"* ]] || fail_with "$*: message"
		[ "$(db_digest)" = "$before" ] || fail_with "$*: written"
	}
	want='theme: "Kultur og fritid" is not a declared theme; the themes: Sundhed og trivsel, Fællesskaber'
	bad --theme "Kultur og fritid"
	want='source: "spørgeskema" is not a goal source; use one of: survey, register, other'
	bad --source spørgeskema
	want='direction: "op" is not a direction; use one of: up, down'
	bad --direction op
	want='baseline: "fire" is not a number (such as 42, 42.5 or 42,5)'
	bad --baseline fire
	want='baseline: "1.234,5" is not a number'
	bad --baseline 1.234,5
	want='target: "75%" is not a number'
	bad --target 75%
	want='target: 1e+20 is out of range'
	bad --target 1e20
	want='baseline_date: "2019-13-01" is not a date'
	bad --baseline-date 2019-13-01
	want='target_date: "snart" is not a date'
	bad --target-date snart
	want='baseline_date: 2024-01-01 is after target_date 2023-12-31'
	bad --baseline-date 2024-01-01 --target-date 2023-12-31
	want='owner: there is no stakeholder 99'
	bad --owner 99
	want='owner: "Aviaja" is not an id'
	bad --owner Aviaja
	run --separate-stderr vk-goal add "   "
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"title: must not be only spaces"* ]] || fail_with "blank title"
	[ "$(db_digest)" = "$before" ]
	# set keeps the rule of the dates against what the goal has
	run --separate-stderr vk-goal set 3 --baseline-date 2022-01-01
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"baseline_date: 2022-01-01 is after target_date 2021-12-31"* ]] || fail_with "set dates"
	run --separate-stderr vk-goal set 3 --clear direction
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

@test "bad values of every measurement field exit 65 and write nothing; the date defaults to today" {
	add_goals
	before=$(db_digest)
	bad() {
		run --separate-stderr vk-goal measurement add "$@"
		[ "$status" -eq 65 ] || fail_with "$*: status"
		[[ "$stderr" == *"$want"* ]] || fail_with "$*: message"
		[ "$(db_digest)" = "$before" ] || fail_with "$*: written"
	}
	want='goal: there is no goal 9'
	bad --goal 9 --value 3
	want='value: "halvtreds" is not a number'
	bad --goal 1 --value halvtreds
	want='date: 2020-06-27 is after today (2020-06-26): a measurement is of a day that has come'
	bad --goal 1 --value 3 --date tomorrow
	want='date: "2020-02-30" is not a date'
	bad --goal 1 --value 3 --date 2020-02-30
	want='respondents: 0 is out of range (1-100000000)'
	bad --goal 1 --value 3 --respondents 0
	want='respondents: "mange" is not a whole number'
	bad --goal 1 --value 3 --respondents mange
	want='respondents: "40,5" is not a whole number'
	bad --goal 1 --value 3 --respondents 40,5
	run --separate-stderr vk-goal measurement add --goal 1
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--value is required"* ]] || fail_with "no value"
	run --separate-stderr vk-goal measurement add 1 --goal 1 --value 3
	[ "$status" -eq 2 ]
	run --separate-stderr vk-goal measure 1
	[ "$status" -eq 2 ]
	run --separate-stderr vk-goal measure x 3
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
	# today is the default, and today is allowed
	run vk-goal measure 3 " 48,25 "
	[ "$output" = 5 ]
	[ "$(vk-goal measurement show 5 -o jsonl)" = '{"type":"measurement","id":5,"goal":3,"date":"2020-06-26","value":48.25,"respondents":null,"source":null,"notes":null}' ]
}

@test "numbers: a decimal comma in, a point out in every format, whatever the locale; whole numbers without .0" {
	add_goals
	vk-goal measure 2 15,75 --date 2020-06-01 >/dev/null
	[ "$(vk-goal measurements 2 -o csv)" = $'id,goal,date,value,respondents,source,notes\r\n3,2,2020-01-31,16.5,,Sundhedsprofilen,\r\n5,2,2020-06-01,15.75,,,\r' ]
	[ "$(vk-goal measurements 2 -o tsv | tail -1)" = $'5\t2\t2020-06-01\t15.75\t\t\t' ]
	[ "$(vk-goal measurements 2 -o jsonl | tail -1)" = '{"type":"measurement","id":5,"goal":2,"date":"2020-06-01","value":15.75,"respondents":null,"source":null,"notes":null}' ]
	[ "$(vk-goal list --title dagligrygere -o json | jq -c '.[0] | [.baseline, .target]')" = "[18,12]" ]
	# a Danish locale does not reach the output (tests/run makes da_DK.UTF-8)
	for loc in da_DK.UTF-8 nb_NO.UTF-8; do
		[ "$(LC_ALL=$loc vk-goal measurements 2 -o csv | tail -1)" = $'5,2,2020-06-01,15.75,,,\r' ] || fail_with "$loc csv"
		[ "$(LC_ALL=$loc vk-goal measurement show 5 -o json | jq .value)" = 15.75 ] || fail_with "$loc json"
		[[ "$(LC_ALL=$loc vk-goal measurements 2 -o table)" == *" 15.75"* ]] || fail_with "$loc table"
	done
	# 0.1 is written 0.1, not 0.10000000000000001; --excel's ';' leaves a number alone
	vk-goal measure 2 0,1 --date 2020-06-02 >/dev/null
	[ "$(vk-goal measurement show 6 -o json | jq -r .value)" = 0.1 ]
	[[ "$(vk-goal measurement export -o jsonl)" == *'"value":0.1,'* ]] || fail_with "0.1"
	[ "$(vk-goal measurements 2 --excel | tail -1)" = $'6;2;2020-06-02;0.1;;;\r' ]
	# a filter on a number takes a comma too
	[ "$(vk-goal measurement list --value 15,75 | ids)" = 5 ]
	[ "$(vk-goal list --baseline 62.5 | ids)" = 1 ]
	# and the store keeps REAL
	[ "$(sqlite3 "$VK_DB" "SELECT typeof(value) || ' ' || value FROM measurements WHERE id = 5")" = "real 15.75" ]
}

@test "rm of a goal that measurements or trials refer to is refused, naming them" {
	add_goals
	vk-trial add "Tryghedsvandringer i Bjerringbro" --goal 1 >/dev/null
	before=$(db_digest)
	run --separate-stderr vk-goal rm 1
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-goal: cannot remove goal 1: referred to by trial 1 (goals), measurement 1 (goal), measurement 2 (goal)" ] ||
		fail_with "refused"
	[ "$(db_digest)" = "$before" ]
	# a goal with only measurements, and one that is free, together: neither goes
	run --separate-stderr vk-goal rm 2 3
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
	vk-trial set 1 --clear goals
	vk-goal measurement rm 1 2
	run --separate-stderr vk-goal rm 1
	[ "$status" -eq 0 ] || fail_with "rm when free"
	run --separate-stderr vk-goal show 1
	[ "$status" -eq 1 ]
	run --separate-stderr vk-goal rm 1
	[ "$status" -eq 1 ]
}

# ---- where a goal stands ----

@test "list --status: reached, on track, behind, no data, as of today, in both directions" {
	add_goals
	# goal 1 up: 13.6% against 24.8% of the time: behind
	# goal 2 down: 18 -> 16.5 is 1.5 of 6: 25%, against 546 of 1825 days (29.9%): behind
	# goal 3 up: 41 -> 49.5 is 8.5 of 9: 94.4% against 422 of 975 days (43.3%): on track
	vk-goal add "Flere frivillige" --theme Fællesskaber --baseline 10 --target 12 >/dev/null
	[ "$(vk-goal list --status behind | ids)" = "1 2" ]
	[ "$(vk-goal list --status on-track | ids)" = "3" ]
	[ "$(vk-goal list --status "no data" | ids)" = "4" ]
	[ "$(vk-goal list --status reached | ids)" = "" ]
	[ "$(vk-goal list --status behind,no-data | ids)" = "1 2 4" ]
	[ "$(vk-goal list --status on-track --status No-Data | ids)" = "3 4" ]
	# a second smoking figure at the target: reached (less is better)
	vk-goal measure 2 11,9 --date 2020-06-01 >/dev/null
	[ "$(vk-goal list --status reached | ids)" = "2" ]
	[ "$(vk-goal show 2 -o json | jq -c '[.progress, .status]')" = '[100,"reached"]' ]
	# --limit counts the goals that have the status, after the filters
	[ "$(vk-goal list --status behind,no-data,on-track --limit 2 | ids)" = "1 3" ]
	[ "$(vk-goal list --status behind,no-data,on-track --theme fællesskaber --limit 1 | ids)" = "3" ]
	[ "$(vk-goal list --status on-track -o csv | head -1)" = $'id,theme,title,indicator,unit,source,direction,baseline,baseline_date,target,target_date,owner,notes\r' ]
	run --separate-stderr vk-goal list --status done
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'--status: "done" is not a goal status; use one of: reached, on-track, behind, no-data'* ]] || fail_with "bad status"
}

@test "a target already passed: behind unless reached; a baseline equal to the target" {
	add_goals
	# goal 3's target date, 2021-12-31, has passed by 2022: 94.4% is behind
	[ "$(VK_TODAY=2022-03-01 vk-goal list --status behind | ids)" = "1 2 3" ]
	[ "$(VK_TODAY=2022-03-01 vk-goal show 3 -o json | jq -c '[.progress, .status]')" = '[94.4,"behind"]' ]
	VK_TODAY=2022-03-01 vk-goal measure 3 50 --date 2021-11-01 >/dev/null
	[ "$(VK_TODAY=2022-03-01 vk-goal list --status reached | ids)" = "3" ]
	# keep every child in day care: 100 -> 100
	vk-goal add "Alle børn i dagtilbud" --baseline 100 --baseline-date 2019-01-01 --target 100 \
		--target-date 2023-12-31 >/dev/null
	vk-goal measure 4 99,5 --date 2020-01-01 >/dev/null
	[ "$(vk-goal show 4 -o json | jq -c '[.progress, .status]')" = '[0,"behind"]' ]
	vk-goal measure 4 100 --date 2020-06-01 >/dev/null
	[ "$(vk-goal show 4 -o json | jq -c '[.progress, .status]')" = '[100,"reached"]' ]
	# a measurement on the baseline date is the baseline, not progress
	vk-goal add "Flere på cykel" --baseline 20 --baseline-date 2020-01-01 --target 30 >/dev/null
	vk-goal measure 5 25 --date 2020-01-01 >/dev/null
	[ "$(vk-goal show 5 -o json | jq -r .status)" = "no data" ]
}

# ---- list ----

@test "list filters by theme, source and owner from the fields, sorts and limits" {
	add_goals
	[ "$(vk-goal list --theme "sundhed og trivsel" | ids)" = "1 2" ]
	[ "$(vk-goal list --theme FÆLLESSKABER | ids)" = "3" ]
	[ "$(vk-goal list --source survey | ids)" = "1 3" ]
	[ "$(vk-goal list --source register,other | ids)" = "2" ]
	[ "$(vk-goal list --owner 4 | ids)" = "2" ]
	[ "$(vk-goal list --direction down | ids)" = "2" ]
	[ "$(vk-goal list --title trygge | ids)" = "1" ]
	[ "$(vk-goal list --sort -target | ids)" = "1 3 2" ]
	[ "$(vk-goal list --sort target_date --limit 1 | ids)" = "3" ]
	run --separate-stderr vk-goal list --source spørgeskema
	[ "$status" -eq 65 ]
	run --separate-stderr vk-goal list --sort farve
	[ "$status" -eq 2 ]
	# measurements of one goal, by argument or option, and by date
	[ "$(vk-goal measurements 1 | ids)" = "1 2" ]
	[ "$(vk-goal measurement list --goal 1 --since 2020-01-01 | ids)" = "1" ]
	[ "$(vk-goal measurements --sort date | ids)" = "2 3 1 4" ]
	[ "$(vk-goal measurements --until 2019-12 | ids)" = "2" ]
	run --separate-stderr vk-goal measurements 1 --goal 2
	[ "$status" -eq 2 ]
	# themes, the table for people
	run vk-goal themes -o table
	[ "${lines[0]}" = "id  name                description" ]
	[ "${lines[2]}" = " 2  Fællesskaber" ]
}

@test "list prints every format: table, csv, tsv, json and jsonl" {
	add_goals
	run vk-goal list --theme fællesskaber -o table
	[ "${lines[0]}" = "id  theme         title                          unit  baseline  target  target_date" ]
	[ "${lines[1]}" = " 3  Fællesskaber  Flere aktive i foreningslivet  %           41      50  2021-12-31" ]
	[ "$(vk-goal list --theme fællesskaber -o csv)" = $'id,theme,title,indicator,unit,source,direction,baseline,baseline_date,target,target_date,owner,notes\r\n3,Fællesskaber,Flere aktive i foreningslivet,,%,survey,up,41,2019-05-01,50,2021-12-31,,\r' ]
	[ "$(vk-goal list --owner 1 -o tsv | tail -1)" = $'1\tSundhed og trivsel\tFlere borgere føler sig trygge i deres nærområde\tandel der svarer tryg eller meget tryg\t%\tsurvey\tup\t62.5\t2019-05-01\t75\t2023-12-31\t1\tSpørgsmål 14; "tryg" og "meget tryg"' ]
	three='{"type":"goal","id":3,"theme":"Fællesskaber","title":"Flere aktive i foreningslivet","indicator":null,"unit":"%","source":"survey","direction":"up","baseline":41,"baseline_date":"2019-05-01","target":50,"target_date":"2021-12-31","owner":null,"notes":null}'
	[ "$(vk-goal list --theme fællesskaber -o jsonl)" = "$three" ]
	[ "$(vk-goal list --theme fællesskaber -o json)" = "[
$three
]" ]
	[ "$(vk-goal list --theme fællesskaber)" = "$three" ]
	[ "$(vk-goal list --theme fællesskaber --status on-track -o json)" = "[
$three
]" ]
}

# ---- import, export, log ----

@test "export then import into an empty store gives the same themes, goals and measurements, in every format" {
	add_goals
	vk-trial add "Natteravne" --goal 1,3 --theme fællesskaber >/dev/null
	for f in csv tsv json jsonl; do
		rm -f copy.db
		vk-stakeholder export -o "$f" > people.$f
		vk-goal theme export -o "$f" > themes.$f
		vk-goal export -o "$f" > goals.$f
		vk-goal measurement export -o "$f" > measurements.$f
		vk-trial export -o "$f" > trials.$f
		vk-stakeholder --db copy.db import people.$f --from "$f" 2>/dev/null
		vk-goal --db copy.db theme import themes.$f --from "$f"
		vk-goal --db copy.db import goals.$f --from "$f"
		vk-goal --db copy.db measurement import measurements.$f --from "$f"
		vk-trial --db copy.db import trials.$f --from "$f"
		for noun in theme "" measurement; do
			[ "$(vk-goal --db copy.db $noun export -o jsonl)" = "$(vk-goal $noun export -o jsonl)" ] ||
				fail_with "$f ${noun:-goal}"
		done
		[ "$(vk-trial --db copy.db export -o jsonl)" = "$(vk-trial export -o jsonl)" ] || fail_with "$f trial"
	done
}

@test "import of a Danish spreadsheet: ';', decimal commas, all or nothing with every bad row named" {
	add_goals
	printf '%s\r\n' 'goal;date;value;respondents;source' \
		'1;2021-05-01;66,1;3987;Borgerundersøgelsen 2021' \
		'3;2021-05-01; 47,0 ;3987;Borgerundersøgelsen 2021' > survey.csv
	before=$(db_digest)
	VK_TODAY=2021-06-01 run --separate-stderr vk-goal measurement import --dry-run survey.csv
	[ "$status" -eq 0 ] || fail_with "dry run"
	[[ "$output" == *"would add 2, update 0, leave 0 unchanged"* ]] || fail_with "dry run says"
	[ "$(db_digest)" = "$before" ]
	printf '%s\r\n' 'goal;date;value;respondents;source' \
		'1;2020-05-01;66,1;3987;ok' \
		'9;2020-05-01;40;;ingen sådan' \
		'1;2020-05-01;fire;;' \
		'1;2021-05-01;40;;fremtiden' \
		'1;2020-05-01;40;-3;' > bad.csv
	run --separate-stderr vk-goal measurement import bad.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"bad.csv:3: goal: there is no goal 9"* ]] || fail_with "goal"
	[[ "$stderr" == *'bad.csv:4: value: "fire" is not a number'* ]] || fail_with "value"
	[[ "$stderr" == *"bad.csv:5: date: 2021-05-01 is after today (2020-06-26)"* ]] || fail_with "date"
	[[ "$stderr" == *"bad.csv:6: respondents: -3 is out of range"* ]] || fail_with "respondents"
	[ "$(db_digest)" = "$before" ]
	# VK_TODAY a year on: the survey comes in
	VK_TODAY=2021-06-01 vk-goal measurement import survey.csv
	[ "$(vk-goal measurements 3 -o csv | tail -1)" = $'6,3,2021-05-01,47,3987,Borgerundersøgelsen 2021,\r' ]
	# goals from JSON as other tools write it: a number as text, a whole one as 60.0
	printf '%s\n' '[{"title":"Flere i job","theme":"FÆLLESSKABER","baseline":"55,5","target":60.0,"direction":"Up"},' \
		'{"title":"Kortere ventetid","direction":"down","baseline":"21","target":14}]' > goals.json
	vk-goal import goals.json
	[ "$(vk-goal list --title job -o jsonl | jq -c '[.theme, .baseline, .target, .direction]')" = '["Fællesskaber",55.5,60,"up"]' ]
	printf '%s\n' '{"title":"Mere kultur","theme":"Kultur"}' '{"title":"Et mål","baseline":"mange"}' > bad.jsonl
	before=$(db_digest)
	run --separate-stderr vk-goal import bad.jsonl
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'bad.jsonl:1: theme: "Kultur" is not a declared theme'* ]] || fail_with "theme"
	[[ "$stderr" == *'bad.jsonl:2: baseline: "mange" is not a number'* ]] || fail_with "baseline"
	[ "$(db_digest)" = "$before" ]
}

@test "log prints the history of goals, themes and measurements" {
	add_goals
	vk-goal set 1 --target 80 --notes "Hævet af byrådet"
	vk-goal measurement set 3 --value 16,2
	vk-goal measurement rm 4
	run vk-goal log 1
	[ "$(count_lines "$output")" = 2 ]
	[ "$(printf '%s\n' "$output" | tail -1 | jq -c '[.action, .before, .after]')" = '["set",{"target":75,"notes":"Spørgsmål 14; \"tryg\" og \"meget tryg\""},{"target":80,"notes":"Hævet af byrådet"}]' ] ||
		fail_with "set"
	[ "$(vk-goal measurement log 3 | tail -1 | jq -c '[.action, .before, .after]')" = '["set",{"value":16.5},{"value":16.2}]' ]
	[ "$(vk-goal measurement log 4 | tail -1 | jq -r .action)" = rm ]
	[ "$(vk-goal theme log 2 | jq -r .action)" = add ]
	run --separate-stderr vk-goal log 99
	[ "$status" -eq 1 ]
}

# ---- declared themes ----

@test "with no theme declared themes are free words, as before" {
	add_people
	add_engagements
	vk-goal add "Et mål" --theme "hvad som helst" >/dev/null
	vk-trial add "Et forsøg" --theme "noget nyt" >/dev/null
	[ "$(vk-goal list -o jsonl | jq -r .theme)" = "hvad som helst" ]
	[ "$(vk-stakeholder engagements --theme fællesskab | ids)" = "1 2" ]
}

@test "declared themes: matched ignoring case in every alphabet, stored as declared, an unknown one refused" {
	add_people
	vk-goal theme add "Ældre og sundhed" >/dev/null
	vk-goal theme add "Børn og unge" >/dev/null
	vk-stakeholder engage "Dialogmøde på Ældrecentret" --date 2020-06-02 --kind dialogue \
		--theme "ÆLDRE OG SUNDHED" --theme "børn og UNGE" --theme "ældre og sundhed" >/dev/null
	[ "$(vk-stakeholder engagement show 1 -o json | jq -c .themes)" = '["Ældre og sundhed","Børn og unge"]' ]
	vk-stakeholder input add --engagement 1 --text "Vi vil have flere bænke." --theme "ældre OG sundhed" >/dev/null
	[ "$(vk-stakeholder input show 1 -o json | jq -c .themes)" = '["Ældre og sundhed"]' ]
	vk-trial add "Bænke langs åen" --theme "børn og unge" >/dev/null
	[ "$(vk-trial show 1 -o json | jq -c .themes)" = '["Børn og unge"]' ]
	vk-goal add "Færre ensomme ældre" --theme "ældre og sundhed" >/dev/null
	[ "$(vk-goal show 1 -o json | jq -r .theme)" = "Ældre og sundhed" ]
	before=$(db_digest)
	for cmd in "vk-stakeholder engage Møde --date 2020-06-03 --kind meeting --theme Kultur" \
		   "vk-stakeholder input add --engagement 1 --text Tekst --theme Kultur" \
		   "vk-trial add Forsøg --theme Kultur" "vk-trial set 1 --theme Kultur" \
		   "vk-goal add Mål --theme Kultur" "vk-goal set 1 --theme Kultur"; do
		run --separate-stderr $cmd
		[ "$status" -eq 65 ] || fail_with "$cmd: status"
		[[ "$stderr" == *'"Kultur" is not a declared theme; the themes: Ældre og sundhed, Børn og unge'* ]] ||
			fail_with "$cmd: message"
	done
	[ "$(db_digest)" = "$before" ]
	# theme names are unique ignoring case
	run --separate-stderr vk-goal theme add "ÆLDRE og Sundhed"
	[ "$status" -eq 65 ]
	[[ "$stderr" == *'name: theme 1 is "Ældre og sundhed" already'* ]] || fail_with "unique"
	run --separate-stderr vk-goal theme set 2 --name "ældre og sundhed"
	[ "$status" -eq 65 ]
	run --separate-stderr vk-goal theme add ""
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
}

@test "a theme a record had before themes were declared stays when the record changes otherwise" {
	add_people
	add_engagements
	vk-goal theme add "Fællesskab" >/dev/null
	run --separate-stderr vk-stakeholder engagement set 1 --town Paamiut
	[ "$status" -eq 0 ] || fail_with "unrelated set"
	[ "$(vk-stakeholder engagement show 1 -o json | jq -c .themes)" = '["det gode liv","fællesskab"]' ]
	# giving the themes again: the old free word stays, a new one must be declared
	vk-stakeholder engagement set 1 --theme "det gode liv" --theme FÆLLESSKAB
	[ "$(vk-stakeholder engagement show 1 -o json | jq -c .themes)" = '["det gode liv","Fællesskab"]' ]
	run --separate-stderr vk-stakeholder engagement set 1 --theme "det gode liv" --theme "ny"
	[ "$status" -eq 65 ]
}

@test "theme set --name renames it on every record that carries it, in one transaction, with history" {
	add_people
	vk-goal theme add "Fællesskab" >/dev/null
	vk-goal theme add "Ældre" >/dev/null
	vk-stakeholder engage "Workshop" --date 2020-03-11 --kind workshop --theme Fællesskab --theme Ældre >/dev/null
	vk-stakeholder input add --engagement 1 --text "Før delte vi fangsten." --theme fællesskab >/dev/null
	vk-trial add "Kaffemik" --theme Fællesskab >/dev/null
	vk-goal add "Flere i foreninger" --theme Fællesskab >/dev/null
	vk-goal add "Færre ensomme" --theme Ældre >/dev/null
	events=$(history_events)
	run --separate-stderr vk-goal theme set 1 --name "Fællesskaber og foreningsliv"
	[ "$status" -eq 0 ] || fail_with "rename"
	[ "$(vk-stakeholder engagement show 1 -o json | jq -c .themes)" = '["Fællesskaber og foreningsliv","Ældre"]' ]
	[ "$(vk-stakeholder input show 1 -o json | jq -c .themes)" = '["Fællesskaber og foreningsliv"]' ]
	[ "$(vk-trial show 1 -o json | jq -c .themes)" = '["Fællesskaber og foreningsliv"]' ]
	[ "$(vk-goal list -o jsonl | jq -r .theme | paste -sd/ -)" = "Fællesskaber og foreningsliv/Ældre" ]
	# the theme's own change and one for each of the four records
	[ "$(history_events)" = "$((events + 5))" ]
	[ "$(vk-trial log 1 | tail -1 | jq -c '[.action, .before, .after]')" = '["set",{"themes":["Fællesskab"]},{"themes":["Fællesskaber og foreningsliv"],"reason":"theme 1 renamed from \"Fællesskab\" to \"Fællesskaber og foreningsliv\""}]' ] ||
		fail_with "history"
	[ "$(vk-goal show 2 -o json | jq -r .theme)" = "Ældre" ]
	# a rename that a record's rules refuse changes nothing, the theme neither
	vk-goal theme set 2 --name "ÆLDRE"
	[ "$(vk-goal show 2 -o json | jq -r .theme)" = "ÆLDRE" ]
	before=$(db_digest)
	run --separate-stderr vk-goal theme set 2 --name "fællesskaber OG foreningsliv"
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
	# filters find the new name
	[ "$(vk-stakeholder engagements --theme "fællesskaber og foreningsliv" | ids)" = "1" ]
}

@test "theme rm of a theme in use is refused naming the records; an unused one goes" {
	add_people
	vk-goal theme add "Fællesskab" >/dev/null
	vk-goal theme add "Ældre" >/dev/null
	vk-goal theme add "Kultur" >/dev/null
	vk-stakeholder engage "Workshop" --date 2020-03-11 --kind workshop --theme Fællesskab >/dev/null
	vk-trial add "Kaffemik" --theme Fællesskab >/dev/null
	vk-goal add "Færre ensomme" --theme Ældre >/dev/null
	before=$(db_digest)
	run --separate-stderr vk-goal theme rm 1
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-goal: cannot remove theme 1: it is the theme of engagement 1, trial 1 (give them another theme first, or rename it with theme set ID --name)" ] ||
		fail_with "in use"
	run --separate-stderr vk-goal theme rm 3 2
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"cannot remove theme 2: it is the theme of goal 1"* ]] || fail_with "goal"
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-goal theme rm 3
	[ "$status" -eq 0 ]
	# once no theme is declared, themes are free words again
	vk-goal set 1 --clear theme
	vk-goal theme rm 2
	vk-stakeholder engagement set 1 --theme Fællesskab >/dev/null
	vk-trial set 1 --clear themes
	vk-stakeholder engagement set 1 --clear themes
	vk-goal theme rm 1
	vk-trial add "Frit forsøg" --theme "hvad som helst" >/dev/null
	[ "$(vk-trial show 2 -o json | jq -c .themes)" = '["hvad som helst"]' ]
}

# ---- trials' goals ----

@test "trials serve goals: --goal repeated or joined with commas, --goals, checked; list --goal" {
	add_goals
	vk-trial add "Tryghedsvandringer" --goal 1 --goal 3 >/dev/null
	vk-trial add "Røgfri skoletid" --goals 2 >/dev/null
	vk-trial add "Natteravne" --goal 1,2 >/dev/null
	vk-trial add "Uden mål" >/dev/null
	[ "$(vk-trial show 1 -o json | jq -c .goals)" = "[1,3]" ]
	[ "$(vk-trial list --goal 1 | ids)" = "1 3" ]
	[ "$(vk-trial list --goals 2 | ids)" = "2 3" ]
	[ "$(vk-trial list --goal 2,3 | ids)" = "1 2 3" ]
	before=$(db_digest)
	run --separate-stderr vk-trial add "Et forsøg" --goal 7
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: goals: there is no goal 7" ] || fail_with "no goal"
	run --separate-stderr vk-trial set 4 --goal 1 --goal x
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
	vk-trial set 4 --goal 3
	[ "$(vk-goal show 3 -o json | jq -c '[.trials[].id]')" = "[1,4]" ]
	[ "$(vk-trial export -o csv | sed -n 2p)" = $'1,Tryghedsvandringer,,idea,,,,,,,,,,,,1;3\r' ]
}

@test "--help of every verb, and of the nouns" {
	for verb in add show list set rm import export log measure measurements themes; do
		run vk-goal $verb --help
		[ "$status" -eq 0 ] || fail_with "$verb"
		[[ "${lines[0]}" == "usage: vk-goal $verb"* ]] || fail_with "$verb usage"
	done
	for noun in theme measurement; do
		run vk-goal $noun --help
		[ "$status" -eq 0 ]
		run vk-goal $noun add --help
		[ "$status" -eq 0 ]
	done
	[[ "$(vk-goal list --help)" == *"--status STATUS"* ]]
	[[ "$(vk-trial add --help)" == *"--goal, --goals ID"* ]]
}
