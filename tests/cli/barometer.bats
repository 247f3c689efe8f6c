#!/usr/bin/env bats
# vk-report barometer: where each goal stands, theme by theme. The
# arithmetic of progress and status in both directions, a target already
# passed, a baseline equal to its target; the 95% margin and the
# significance of a change against figures worked out by hand below;
# --theme, --as-of, every format, --input. The HTML in a browser is
# tested in html.bats.
#
# Every test starts from an empty store with VK_TODAY=2020-06-26. Goals
# run from 2019-01-01 to 2023-01-01 unless a test says otherwise: 1461
# days, of which 542 have passed on 2020-06-26, so the share of the time
# passed is 542 / 1461 = 37.1%.

load helpers

# json EXPR: what the Perl expression EXPR gives of the JSON in $output
# ($j the decoded text): a list joined by spaces, undef as null, a
# structure as canonical JSON.
json() {
	printf '%s\n' "$output" | perl -CSDA -MJSON::PP -0777 -e '
		my $j = JSON::PP->new->decode(<STDIN>);
		my @r = eval $ARGV[0];
		die $@ if $@;
		my $c = JSON::PP->new->canonical;
		print join(" ", map { !defined $_ ? "null" : ref $_ ? $c->encode($_) : $_ } @r), "\n";' "$1"
}

# goal THEME TITLE DIRECTION BASELINE TARGET [OPTIONS...]: adds a goal
# (unit %, survey, 2019-01-01 to 2023-01-01 unless OPTIONS say otherwise)
# and prints its id.
goal() {
	local theme=$1 title=$2 dir=$3 base=$4 target=$5
	shift 5
	vk-goal add "$title" --theme "$theme" --direction "$dir" --baseline "$base" \
		--target "$target" --baseline-date 2019-01-01 --target-date 2023-01-01 \
		--unit % --source survey "$@"
}

# barometer_json [OPTIONS...]: runs vk-report barometer -o json, or fails.
barometer_json() {
	run --separate-stderr vk-report barometer -o json "$@"
	[ "$status" -eq 0 ] || fail_with "vk-report barometer -o json $* failed"
}

# the goal of id $1 in $output's barometer, as a Perl expression
g() {
	echo "(grep { \$_->{id} == $1 } map { @{\$_->{goals}} } @{\$j->{themes}})[0]"
}

setup() {
	vk_setup
	vk-goal theme add "Det gode liv" --description "Tryghed, bolig og sundhed" >/dev/null
	vk-goal theme add "Børn og unge" >/dev/null
	vk-goal theme add "Fællesskab" >/dev/null
}

# ---- progress and status ----

@test "barometer: more is better: progress is the share of the way, on track when ahead of the time passed" {
	id=$(goal "det gode liv" "Flere tilfredse borgere" up 60 70)
	vk-goal measure "$id" 65 --date 2020-05-01 >/dev/null
	barometer_json
	# (65 - 60) / (70 - 60) = 50.0% of the way, 37.1% of the time: on track
	[ "$(json "my \$x = $(g "$id"); (\$x->{latest}, \$x->{progress}, \$x->{expected}, \$x->{status})")" = "65 50 37.1 on track" ] ||
		fail_with "latest, progress, expected, status"
	vk-goal measure "$id" 62 --date 2020-06-01 >/dev/null
	barometer_json
	# the latest is the last by date: (62 - 60) / 10 = 20.0% < 37.1%: behind
	[ "$(json "my \$x = $(g "$id"); (\$x->{latest}, \$x->{latest_date}, \$x->{progress}, \$x->{status})")" = "62 2020-06-01 20 behind" ] ||
		fail_with "the latest measurement counts"
	vk-goal measure "$id" 71.5 --date 2020-06-20 >/dev/null
	barometer_json
	# past the target: reached, progress at most 100
	[ "$(json "my \$x = $(g "$id"); (\$x->{progress}, \$x->{status})")" = "100 reached" ] || fail_with "reached"
}

@test "barometer: less is better: a fall is progress, a rise is none" {
	id=$(goal "det gode liv" "Færre ensomme" down 10 6)
	vk-goal measure "$id" 9.5 --date 2020-05-20 >/dev/null
	barometer_json
	# (10 - 9.5) / (10 - 6) = 12.5% < 37.1%: behind
	[ "$(json "my \$x = $(g "$id"); (\$x->{direction}, \$x->{progress}, \$x->{status})")" = "down 12.5 behind" ] ||
		fail_with "down: 12.5% behind"
	vk-goal measure "$id" 8 --date 2020-06-01 >/dev/null
	barometer_json
	# (10 - 8) / 4 = 50.0% >= 37.1%: on track
	[ "$(json "my \$x = $(g "$id"); (\$x->{progress}, \$x->{status})")" = "50 on track" ] || fail_with "down: on track"
	vk-goal measure "$id" 11 --date 2020-06-10 >/dev/null
	barometer_json
	# worse than the baseline: no progress, never below 0
	[ "$(json "my \$x = $(g "$id"); (\$x->{progress}, \$x->{status})")" = "0 behind" ] || fail_with "down: worse"
	vk-goal measure "$id" 6 --date 2020-06-20 >/dev/null
	barometer_json
	# at the target: reached
	[ "$(json "my \$x = $(g "$id"); (\$x->{progress}, \$x->{status})")" = "100 reached" ] || fail_with "down: reached"
}

@test "barometer: a target date already passed: all the time has gone, behind unless reached" {
	id=$(goal "børn og unge" "Kortere ventetid" down 45 20 --unit dage --source register \
		--baseline-date 2019-12-31 --target-date 2020-06-01)
	vk-goal measure "$id" 31 --date 2020-03-31 >/dev/null
	barometer_json
	# (45 - 31) / (45 - 20) = 56.0% of the way, 100% of the time: behind
	[ "$(json "my \$x = $(g "$id"); (\$x->{progress}, \$x->{expected}, \$x->{status})")" = "56 100 behind" ] ||
		fail_with "passed and behind"
	vk-goal measure "$id" 19 --date 2020-06-20 >/dev/null
	barometer_json
	[ "$(json "my \$x = $(g "$id"); (\$x->{progress}, \$x->{status})")" = "100 reached" ] || fail_with "passed and reached"
}

@test "barometer: a baseline equal to its target: reached when held, behind when it slips" {
	up=$(goal "fællesskab" "Holde foreningslivet" up 80 80)
	down=$(goal "fællesskab" "Holde sygefraværet" down 5 5)
	vk-goal measure "$up" 80 --date 2020-05-01 >/dev/null
	vk-goal measure "$down" 4.8 --date 2020-05-01 >/dev/null
	barometer_json
	[ "$(json "my \$x = $(g "$up"); (\$x->{progress}, \$x->{status})")" = "100 reached" ] || fail_with "up held"
	[ "$(json "my \$x = $(g "$down"); (\$x->{progress}, \$x->{status})")" = "100 reached" ] || fail_with "down held"
	vk-goal measure "$up" 79 --date 2020-06-01 >/dev/null
	barometer_json
	[ "$(json "my \$x = $(g "$up"); (\$x->{progress}, \$x->{status})")" = "0 behind" ] || fail_with "up slipped"
}

@test "barometer: no data without a measurement after the baseline" {
	none=$(goal "det gode liv" "Intet målt" up 60 70)
	base=$(goal "det gode liv" "Kun baseline" up 60 70)
	vk-goal measure "$base" 60 --date 2019-01-01 --respondents 4012 >/dev/null
	barometer_json
	[ "$(json "my \$x = $(g "$none"); (\$x->{latest}, \$x->{progress}, \$x->{status}, scalar @{\$x->{measurements}})")" = "null null no data 0" ] ||
		fail_with "nothing measured"
	# the baseline's own measurement is listed, and is no data after the baseline
	[ "$(json "my \$x = $(g "$base"); (\$x->{status}, scalar @{\$x->{measurements}})")" = "no data 1" ] ||
		fail_with "only the baseline"
	run vk-report barometer
	[ "$status" -eq 0 ]
	[[ "$(printf '%s' "$output" | tr '\n' ' ')" == *"nothing measured since the baseline"* ]] ||
		fail_with "text says no data"
}

# ---- the margin and the significance of a change ----

@test "barometer: the 95% margin of a survey percentage, worked out by hand" {
	id=$(goal "det gode liv" "Tilfredse" up 61.5 70)
	vk-goal measure "$id" 61.5 --date 2019-01-01 --respondents 4012 >/dev/null
	vk-goal measure "$id" 63.8 --date 2020-05-20 --respondents 3104 >/dev/null
	reg=$(goal "det gode liv" "Sygefravær" down 5.8 4.5 --source register)
	vk-goal measure "$reg" 5.4 --date 2020-06-24 >/dev/null
	people=$(goal "det gode liv" "Deltagere" up 1450 2500 --unit deltagere --source other)
	vk-goal measure "$people" 1780 --date 2020-06-24 --respondents 900 >/dev/null
	barometer_json
	# 1.96 * sqrt(0.615 * 0.385 / 4012) = 1.96 * sqrt(0.0000590167) = 1.96 * 0.0076822 = 0.015057: 1.5 points
	# 1.96 * sqrt(0.638 * 0.362 / 3104) = 1.96 * sqrt(0.0000744059) = 1.96 * 0.0086259 = 0.016907: 1.7 points
	[ "$(json "map { \$_->{margin} } @{$(g "$id")->{measurements}}")" = "1.5 1.7" ] || fail_with "margins"
	# no respondents, or not a percentage: no margin
	[ "$(json "$(g "$reg")->{measurements}[0]{margin}")" = null ] || fail_with "register: no margin"
	[ "$(json "$(g "$people")->{measurements}[0]{margin}")" = null ] || fail_with "not %: no margin"
	run vk-report barometer
	[[ "$output" == *"±1.7"* ]] || fail_with "the text shows the margin"
	[[ "$output" == *"63.8%"* ]] || fail_with "the text shows the value with a point"
}

@test "barometer: a change is significant only past 1.96 * sqrt(p1(1-p1)/n1 + p2(1-p2)/n2)" {
	yes=$(goal "det gode liv" "Tilfredse A" up 61.5 70)
	vk-goal measure "$yes" 61.5 --date 2019-01-01 --respondents 4012 >/dev/null
	vk-goal measure "$yes" 63.8 --date 2020-05-20 --respondents 3104 >/dev/null
	no=$(goal "det gode liv" "Tilfredse B" up 61.5 70)
	vk-goal measure "$no" 61.5 --date 2019-01-01 --respondents 4012 >/dev/null
	vk-goal measure "$no" 63.7 --date 2020-05-20 --respondents 3104 >/dev/null
	unknown=$(goal "det gode liv" "Tilfredse C" up 61.5 70)
	vk-goal measure "$unknown" 61.5 --date 2019-01-01 >/dev/null
	vk-goal measure "$unknown" 70 --date 2020-05-20 --respondents 3104 >/dev/null
	barometer_json
	# A: 0.615*0.385/4012 + 0.638*0.362/3104 = 0.0000590167 + 0.0000744059 = 0.0001334226;
	#    1.96 * sqrt(0.0001334226) = 1.96 * 0.0115508 = 0.022640: 2.26 points < 2.3: significant
	[ "$(json "map { \$_->{change} // 'null', \$_->{significant} ? 'true' : defined \$_->{significant} ? 'false' : 'null' } @{$(g "$yes")->{measurements}}")" = "null null 2.3 true" ] ||
		fail_with "2.3 points of change is significant"
	# B: 0.0000590167 + 0.637*0.363/3104 (0.0000744939) = 0.0001335106; 1.96 * 0.0115547 = 0.022647:
	#    2.26 points > 2.2: not significant
	[ "$(json "map { \$_->{change} // 'null', \$_->{significant} ? 'true' : defined \$_->{significant} ? 'false' : 'null' } @{$(g "$no")->{measurements}}")" = "null null 2.2 false" ] ||
		fail_with "2.2 points of change is not significant"
	# C: the first has no respondents: not judged, however large the change
	[ "$(json "my \$m = $(g "$unknown")->{measurements}[1]; (\$m->{change}, defined \$m->{significant} ? 'judged' : 'null')")" = "8.5 null" ] ||
		fail_with "without respondents nothing is significant"
	run vk-report barometer
	[ "$status" -eq 0 ]
	[[ "$output" =~ 2020-05-20\ +63\.8%\ +±1\.7\ +3104\ +\+2\.3\ +yes ]] || fail_with "text row A"
	[[ "$output" =~ 2020-05-20\ +63\.7%\ +±1\.7\ +3104\ +\+2\.2\ +no ]] || fail_with "text row B"
}

# ---- themes, --theme, --as-of ----

@test "barometer: themes in the order declared, those without goals too, each goal under its own" {
	a=$(goal "fællesskab" "Flere frivillige" up 34.8 40)
	b=$(goal "det gode liv" "Flere tilfredse" up 61.5 70)
	barometer_json
	[ "$(json 'map { $_->{name} } @{$j->{themes}}')" = "Det gode liv Børn og unge Fællesskab" ] ||
		fail_with "declared order"
	[ "$(json 'map { scalar @{$_->{goals}} } @{$j->{themes}}')" = "1 0 1" ] || fail_with "goals by theme"
	[ "$(json '$j->{themes}[2]{goals}[0]{title}')" = "Flere frivillige" ] || fail_with "the goal's theme"
	[ "$(json '$j->{as_of}')" = 2020-06-26 ] || fail_with "as_of is today"
	# SPEC's keys, every one of them
	for k in id title unit direction baseline target latest progress status measurements trials; do
		[ "$(json "exists \$j->{themes}[0]{goals}[0]{$k} ? 1 : 0")" = 1 ] || fail_with "no key $k"
	done
	run vk-report barometer
	[[ "$output" == *"Børn og unge"*"No goals under this theme yet."* ]] || fail_with "an empty theme is shown"
	[ "$a" != "$b" ]
}

@test "barometer: --theme keeps one theme, matched ignoring case in every alphabet" {
	goal "børn og unge" "Trivsel i skolen" up 72 80 >/dev/null
	goal "det gode liv" "Flere tilfredse" up 61.5 70 >/dev/null
	barometer_json --theme "BØRN OG UNGE"
	[ "$(json 'map { $_->{name} } @{$j->{themes}}')" = "Børn og unge" ] || fail_with "one theme"
	[ "$(json '$j->{themes}[0]{goals}[0]{title}')" = "Trivsel i skolen" ] || fail_with "its goal"
	run vk-report barometer --theme "ingen"
	[ "$status" -eq 0 ]
	[[ "$output" == *'No theme is called "ingen".'* ]] || fail_with "an unknown theme says so"
	run vk-report barometer --theme
	[ "$status" -eq 2 ] || fail_with "--theme needs a value"
}

@test "barometer: --as-of DATE: the barometer as it stood then, later measurements left out" {
	id=$(goal "det gode liv" "Flere tilfredse" up 60 70)
	vk-goal measure "$id" 61 --date 2019-06-01 >/dev/null
	vk-goal measure "$id" 66 --date 2020-05-01 >/dev/null
	barometer_json --as-of 2019-12-31
	# 364 of 1461 days: 24.9%; (61 - 60) / 10 = 10.0%: behind
	[ "$(json "my \$x = $(g "$id"); (\$j->{as_of}, \$x->{latest}, \$x->{progress}, \$x->{expected}, \$x->{status}, scalar @{\$x->{measurements}})")" = "2019-12-31 61 10 24.9 behind 1" ] ||
		fail_with "as of 2019-12-31"
	barometer_json --as-of 2019-05-31
	[ "$(json "my \$x = $(g "$id"); (\$x->{status}, scalar @{\$x->{measurements}})")" = "no data 0" ] ||
		fail_with "as of before any measurement"
	# a month means its last day
	barometer_json --as-of 2019-06
	[ "$(json '$j->{as_of}')" = 2019-06-30 ] || fail_with "--as-of 2019-06"
	run --separate-stderr vk-report barometer --as-of 2019-13-01
	[ "$status" -eq 65 ] || fail_with "a bad date is bad data"
	[[ "$stderr" == *"--as-of"* ]] || fail_with "the message names --as-of"
}

@test "barometer: the trials serving a goal, counted by status" {
	id=$(goal "børn og unge" "Trivsel i skolen" up 72 80)
	other=$(goal "børn og unge" "Unge i job" up 78 85 --source register)
	# a new trial comes in by import with the status it has
	{ echo title,status,goals; printf '%s\n' "Lektiecafé med ældreforeningen,running,$id" \
		"Fodbold efter skoletid,running,\"$id;$other\"" "Åben skole-dag,idea,$id" \
		"Intet mål,idea,"; } > trials.csv
	vk-trial import trials.csv 2>/dev/null
	barometer_json
	[ "$(json "my \$t = $(g "$id")->{trials}; join ',', map { \"\$_=\$t->{\$_}\" } sort keys %\$t")" = "idea=1,running=2" ] ||
		fail_with "trials by status"
	[ "$(json "my \$t = $(g "$other")->{trials}; join ',', map { \"\$_=\$t->{\$_}\" } sort keys %\$t")" = "running=1" ] ||
		fail_with "the other goal's trials"
	run vk-report barometer
	[[ "$output" == *'Trial 1 "Lektiecafé med ældreforeningen" (running)'* ]] || fail_with "the text lists the trials"
}

# ---- formats ----

@test "barometer: text, markdown and html for people; csv, tsv and jsonl a row a goal" {
	id=$(goal "det gode liv" "Flere tilfredse, \"trygge\" borgere" up 61.5 66)
	vk-goal measure "$id" 63.8 --date 2020-05-20 --respondents 3104 >/dev/null
	run --separate-stderr vk-report barometer
	[ "$status" -eq 0 ]
	[[ "$output" == "Barometer: where the goals stand"* ]] || fail_with "text title"
	[[ "$output" == *"As of 26 June 2020"* ]] || fail_with "text subtitle"
	[[ "$output" == *"1 goal: 1 on track."* ]] || fail_with "text summary"
	run vk-report barometer -o markdown
	[[ "$output" == "# Barometer: where the goals stand"* ]] || fail_with "markdown title"
	run vk-report barometer -o html
	[[ "$output" == "<!DOCTYPE html>"* ]] || fail_with "html"
	[[ "$output" == *'<figure class="chart chart-goal">'* ]] || fail_with "html has the goal's chart"
	run vk-report barometer -o csv
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | head -1 | tr -d '\r')" = "theme,id,title,indicator,unit,direction,baseline,baseline_date,target,target_date,latest,latest_date,margin,progress,expected,status,measurements,trials" ] ||
		fail_with "csv header"
	[ "$(printf '%s\n' "$output" | sed -n 2p | tr -d '\r')" = "Det gode liv,$id,\"Flere tilfredse, \"\"trygge\"\" borgere\",,%,up,61.5,2019-01-01,66,2023-01-01,63.8,2020-05-20,1.7,51.1,37.1,on track,1,0" ] ||
		fail_with "csv row"
	run vk-report barometer -o tsv
	[ "$(printf '%s\n' "$output" | sed -n 2p | cut -f1,14,16)" = "$(printf 'Det gode liv\t51.1\ton track')" ] || fail_with "tsv"
	run vk-report barometer -o jsonl
	[ "$(json '($j->{title}, $j->{progress}, $j->{margin})')" = 'Flere tilfredse, "trygge" borgere 51.1 1.7' ] || fail_with "jsonl"
	# JSON's figures as typed and as rounded, not 63.799999999999997
	run vk-report barometer -o json
	[[ "$output" == *'"value": 63.8,'* ]] || fail_with "json value"
	[[ "$output" == *'"progress": 51.1,'* ]] || fail_with "json progress"
	run --separate-stderr vk-report barometer -o svg
	[ "$status" -eq 2 ] || fail_with "svg is no format of the barometer"
}

@test "barometer: an empty store, and a store with goals but no themes declared" {
	fresh=$TEST_DIR/fresh.db
	VK_DB=$fresh vk-stakeholder add "Aviaja Kristiansen-Kleist" >/dev/null 2>&1
	run --separate-stderr env VK_DB="$fresh" vk-report barometer -o json
	[ "$status" -eq 0 ]
	[ "$(json 'scalar @{$j->{themes}}')" = 0 ] || fail_with "no themes"
	run env VK_DB="$fresh" vk-report barometer
	[[ "$output" == *"No themes or goals yet"* ]] || fail_with "the text says there is nothing"
	# free themes: the goals' own words, in the order of their first goal
	VK_DB=$fresh goal "tryghed" "Trygge borgere" up 70 80 >/dev/null
	VK_DB=$fresh goal "sundhed" "Færre rygere" down 17 12 >/dev/null
	VK_DB=$fresh goal "tryghed" "Trygge skoleveje" up 50 75 >/dev/null
	run --separate-stderr env VK_DB="$fresh" vk-report barometer -o json
	[ "$(json 'map { $_->{name} . ":" . scalar @{$_->{goals}} } @{$j->{themes}}')" = "tryghed:2 sundhed:1" ] ||
		fail_with "free themes"
}

# ---- --input ----

@test "barometer: --input: a stream of themes, goals, measurements and trials reports as the store does" {
	id=$(goal "børn og unge" "Trivsel i skolen" up 72 80)
	vk-goal measure "$id" 72 --date 2019-03-31 --respondents 2146 >/dev/null
	vk-goal measure "$id" 71.2 --date 2020-03-31 --respondents 1988 >/dev/null
	printf 'title,status,goals\nLektiecafé,running,%s\n' "$id" > trials.csv
	vk-trial import trials.csv 2>/dev/null
	barometer_json
	from_db=$output
	{
		vk-goal themes -o jsonl
		vk-goal list -o jsonl
		vk-goal measurements -o jsonl
		vk-trial list -o jsonl
	} > stream.jsonl
	rm -f "$VK_DB"
	run --separate-stderr vk-report barometer -o json --input stream.jsonl
	[ "$status" -eq 0 ] || fail_with "--input failed"
	[ "$output" = "$from_db" ] || fail_with "the stream's barometer differs from the store's"
	# measurements of goals the stream lacks: nothing to report, and no error
	grep '"type":"measurement"' stream.jsonl > measurements.jsonl
	run --separate-stderr vk-report barometer -o json --input measurements.jsonl
	[ "$status" -eq 0 ] || fail_with "measurements alone"
	[ "$(json 'scalar @{$j->{themes}}')" = 0 ] || fail_with "no goals, no themes"
}

@test "barometer: --help names --theme and --as-of" {
	run vk-report barometer --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"--theme"* ]] || fail_with "--theme"
	[[ "$output" == *"--as-of"* ]] || fail_with "--as-of"
	run vk-report --help
	[[ "$output" == *"barometer"* ]] || fail_with "vk-report --help lists the barometer"
}
