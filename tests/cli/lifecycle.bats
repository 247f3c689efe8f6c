#!/usr/bin/env bats
# vk-trial move: the lifecycle of a trial (prøvehandling).
#
#	idea -> proposed -> approved -> running -> done -> evaluated
#	proposed -> rejected; approved -> stopped; running -> stopped
#
# Every allowed step is recorded in the history with its date and reason;
# every other step is refused (exit 65) with the allowed next steps named,
# and writes nothing, unless --force; evaluated needs a learning and an
# outcome, --force or not.

load helpers

STATUSES='idea, proposed, approved, running, done, evaluated, rejected, stopped'

# one_in_each_status: eight trials, trial N in the N-th status (import sets
# a status directly), and the people of add_people.
#  1 idea  2 proposed  3 approved  4 running  5 done  6 evaluated (adopt)
#  7 rejected  8 stopped
one_in_each_status() {
	add_people
	cat > portfolio.csv <<-'EOF'
	title,status,owner,department,outcome
	Kaffemik for nye tilflyttere,idea,,Børn og Familie,
	Plejehjem og jobcenter sammen,proposed,2,Ældre og Sundhed,
	Ungdomsråd i Tasiilaq,approved,2,Kultur og Fritid,
	En borger tilbringer en dag i børnehaven,running,4,Børn og Familie,
	Åben skole-dag i Paamiut,done,4,Uddannelse,
	"Læsemakker: ""store"" læser for små",evaluated,4,Uddannelse,adopt
	Gratis bus til hallen,rejected,2,Teknik og Miljø,
	Fodbold og sundhedssnak i Tasiilaq,stopped,4,Kultur og Fritid,
	EOF
	vk-trial import portfolio.csv >/dev/null
}

# id_of STATUS: the trial of one_in_each_status in STATUS.
id_of() {
	case $1 in
	idea) echo 1 ;; proposed) echo 2 ;; approved) echo 3 ;; running) echo 4 ;;
	done) echo 5 ;; evaluated) echo 6 ;; rejected) echo 7 ;; stopped) echo 8 ;;
	esac
}

# next_of STATUS: the steps the lifecycle allows from STATUS, as the
# refusal names them.
next_of() {
	case $1 in
	idea) echo proposed ;;
	proposed) echo "approved or rejected" ;;
	approved) echo "running or stopped" ;;
	running) echo "done or stopped" ;;
	done) echo evaluated ;;
	*) echo none ;;
	esac
}

# last_event ID: the last event of trial ID as JSON, its id and time
# replaced by N and TS.
last_event() {
	vk-trial log "$1" -o jsonl | tail -n 1 | norm_ts | sed -E 's/^\{"type":"event","id":[0-9]+,/{"type":"event","id":N,/'
}

# refuse ID FROM TO: moving trial ID from FROM to TO exits 65 with the
# message that names the allowed next steps, and writes nothing.
refuse() {
	local before
	before=$(db_digest)
	run --separate-stderr vk-trial move "$1" "$3"
	[ "$status" -eq 65 ] || fail_with "$2 -> $3 was not refused with 65"
	[ "$output" = "" ]
	if [ "$(next_of "$2")" = none ]; then
		[ "$stderr" = "vk-trial: trial $1 is $2 and cannot move to $3: $2 is final (--force overrides)" ] ||
			fail_with "$2 -> $3: message"
	else
		[ "$stderr" = "vk-trial: trial $1 is $2 and cannot move to $3; from $2 it may move to $(next_of "$2") (--force overrides)" ] ||
			fail_with "$2 -> $3: message"
	fi
	[ "$(db_digest)" = "$before" ] || fail_with "$2 -> $3 wrote to the database"
	[[ "$(vk-trial show "$1" -o jsonl)" == *"\"status\":\"$2\","* ]]
}

# ---- the allowed steps ----

@test "a trial walks its whole life with moves of today, each recorded in the history" {
	add_people
	t=$(vk-trial add "Åben hal om aftenen i Tasiilaq" --owner 2 --department "Kultur og Fritid")
	for s in proposed approved running done; do
		run --separate-stderr vk-trial move "$t" "$s"
		[ "$status" -eq 0 ] || fail_with "move to $s"
		[ "$output" = "" ]
		[ "$stderr" = "" ]
		[[ "$(vk-trial show "$t" -o jsonl)" == *"\"status\":\"$s\","* ]] || fail_with "status after move to $s"
	done
	vk-trial learn "$t" "Drengene kom, pigerne ikke: prøv en pigeaften." --author 2 >/dev/null
	run --separate-stderr vk-trial move "$t" evaluated --outcome adapt
	[ "$status" -eq 0 ] || fail_with "move to evaluated"
	[[ "$(vk-trial show "$t" -o jsonl)" == *'"status":"evaluated",'*'"outcome":"adapt",'* ]]
	run vk-trial log "$t" -o jsonl
	[ "$(printf '%s\n' "$output" | norm_ts)" = '{"type":"event","id":7,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"add","before":null,"after":{"title":"Åben hal om aftenen i Tasiilaq","status":"idea","owner":2,"department":"Kultur og Fritid"}}
{"type":"event","id":8,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"move","before":{"status":"idea"},"after":{"status":"proposed","date":"2020-06-26"}}
{"type":"event","id":9,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"move","before":{"status":"proposed"},"after":{"status":"approved","date":"2020-06-26"}}
{"type":"event","id":10,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"move","before":{"status":"approved"},"after":{"status":"running","date":"2020-06-26"}}
{"type":"event","id":11,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"move","before":{"status":"running"},"after":{"status":"done","date":"2020-06-26"}}
{"type":"event","id":13,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"move","before":{"status":"done","outcome":null},"after":{"status":"evaluated","outcome":"adapt","date":"2020-06-26"}}' ] ||
		fail_with "history differs"
}

@test "every allowed step succeeds and is recorded with its --date and --reason" {
	one_in_each_status
	vk-trial learn 5 "Forældre, pensionister og fiskefabrikken underviste sammen med lærerne." >/dev/null
	while read -r from to date reason; do
		id=$(id_of "$from")
		run --separate-stderr vk-trial move "$id" "$to" --date "$date" --reason "$reason"
		[ "$status" -eq 0 ] || fail_with "$from -> $to"
		[ "$output" = "" ]
		[[ "$(vk-trial show "$id" -o jsonl)" == *"\"status\":\"$to\","* ]] || fail_with "$from -> $to: status"
		[ "$(last_event "$id")" = "{\"type\":\"event\",\"id\":N,\"at\":\"TS\",\"user\":\"vk-test\",\"entity\":\"trial\",\"entity_id\":$id,\"action\":\"move\",\"before\":{\"status\":\"$from\"},\"after\":{\"status\":\"$to\",\"date\":\"$date\",\"reason\":\"$reason\"}}" ] ||
			fail_with "$from -> $to: history $(last_event "$id")"
		# back where it was, for the next step from there
		vk-trial move "$id" "$from" --force >/dev/null
	done <<-'EOF'
	idea proposed 2020-03-02 Enheden foreslår den på arbejdsgruppemødet
	proposed approved 2020-03-20 Styregruppen godkendte den 20. marts
	proposed rejected 2020-03-20 Kræver en politisk beslutning om takster
	approved running 2020-04-14 Første dag i børnehaven
	approved stopped 2020-04-01 Holdet skulle bruges andetsteds, før vi kom i gang
	running done 2020-05-29 Sidste møde holdt; æ, ø og å går med
	running stopped 2020-05-04 Hallen lukket, vi stopper
	EOF
	# done -> evaluated: with its learning and an outcome
	run --separate-stderr vk-trial move 5 evaluated --outcome adopt --date 2020-06-19 --reason "Evalueret i styregruppen; spredes til Nuuk"
	[ "$status" -eq 0 ] || fail_with "done -> evaluated"
	[ "$(last_event 5)" = '{"type":"event","id":N,"at":"TS","user":"vk-test","entity":"trial","entity_id":5,"action":"move","before":{"status":"done","outcome":null},"after":{"status":"evaluated","outcome":"adopt","date":"2020-06-19","reason":"Evalueret i styregruppen; spredes til Nuuk"}}' ] ||
		fail_with "done -> evaluated: history"
}

@test "move --date takes every date form and defaults to VK_TODAY; a bad date exits 65 and writes nothing" {
	one_in_each_status
	vk-trial move 1 proposed --date 2020-W14 >/dev/null
	[[ "$(last_event 1)" == *'"after":{"status":"proposed","date":"2020-03-30"}}' ]] || fail_with "week"
	vk-trial move 2 approved --date yesterday >/dev/null
	[[ "$(last_event 2)" == *'"after":{"status":"approved","date":"2020-06-25"}}' ]] || fail_with "yesterday"
	vk-trial move 3 running --date 2020-04 >/dev/null
	[[ "$(last_event 3)" == *'"after":{"status":"running","date":"2020-04-01"}}' ]] || fail_with "month"
	VK_TODAY=2020-07-08 vk-trial move 4 done >/dev/null
	[[ "$(last_event 4)" == *'"after":{"status":"done","date":"2020-07-08"}}' ]] || fail_with "today"
	before=$(db_digest)
	run --separate-stderr vk-trial move 1 approved --date 2020-02-30
	[ "$status" -eq 65 ]
	[[ "$stderr" == 'vk-trial: --date: "2020-02-30" is not a date: February 2020 has 29 days'* ]] || fail_with "message"
	[ "$(db_digest)" = "$before" ]
}

@test "a move is shown in the history table with its date and reason" {
	one_in_each_status
	vk-trial move 2 approved --reason 'Styregruppen: "godt forslag"' --date 2020-07-08
	run vk-trial log 2 -o table
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[1]}" | norm_ts)" = 'TS  vk-test  move trial 2  status: "proposed" -> "approved"; date: "2020-07-08"; reason: "Styregruppen: \"godt forslag\""' ] ||
		fail_with "table line"
}

@test "a status is matched ignoring ASCII case" {
	one_in_each_status
	run vk-trial move 2 Approved
	[ "$status" -eq 0 ]
	[[ "$(vk-trial show 2 -o jsonl)" == *'"status":"approved",'* ]]
}

# ---- the refused steps ----

@test "idea -> approved is refused with exit 65 naming proposed, and writes nothing" {
	one_in_each_status
	refuse 1 idea approved
}

@test "idea -> running is refused" {
	one_in_each_status
	refuse 1 idea running
}

@test "proposed -> running is refused, naming approved or rejected" {
	one_in_each_status
	refuse 2 proposed running
}

@test "approved -> done is refused, naming running or stopped" {
	one_in_each_status
	refuse 3 approved done
}

@test "running -> evaluated is refused, naming done or stopped" {
	one_in_each_status
	vk-trial learn 4 "Vi lærte noget undervejs." >/dev/null
	before=$(db_digest)
	run --separate-stderr vk-trial move 4 evaluated --outcome adopt
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: trial 4 is running and cannot move to evaluated; from running it may move to done or stopped (--force overrides)" ]
	[ "$(db_digest)" = "$before" ]
}

@test "done -> running is refused, naming evaluated" {
	one_in_each_status
	refuse 5 done running
}

@test "rejected -> approved is refused: rejected is an end" {
	one_in_each_status
	refuse 7 rejected approved
}

@test "stopped -> running is refused: stopped is an end" {
	one_in_each_status
	refuse 8 stopped running
}

@test "evaluated -> done is refused: evaluated is an end" {
	one_in_each_status
	refuse 6 evaluated done
}

@test "every step the lifecycle does not list is refused with 65, and none of them writes anything" {
	one_in_each_status
	before=$(db_digest)
	n=0
	for from in idea proposed approved running done evaluated rejected stopped; do
		for to in idea proposed approved running done evaluated rejected stopped; do
			[ "$from" != "$to" ] || continue
			case "$from $to" in
			"idea proposed" | "proposed approved" | "proposed rejected" | \
				"approved running" | "approved stopped" | "running done" | \
				"running stopped" | "done evaluated") continue ;;
			esac
			id=$(id_of "$from")
			run --separate-stderr vk-trial move "$id" "$to" --reason "prøv alligevel"
			[ "$status" -eq 65 ] || fail_with "$from -> $to"
			if [ "$(next_of "$from")" = none ]; then
				want="vk-trial: trial $id is $from and cannot move to $to: $from is final (--force overrides)"
			else
				want="vk-trial: trial $id is $from and cannot move to $to; from $from it may move to $(next_of "$from") (--force overrides)"
			fi
			[ "$stderr" = "$want" ] || fail_with "$from -> $to: message"
			n=$((n + 1))
		done
	done
	[ "$n" -eq 48 ]
	[ "$(db_digest)" = "$before" ]
}

# ---- --force ----

@test "--force lets a refused step through, and the history marks it as forced" {
	one_in_each_status
	run --separate-stderr vk-trial move 1 running --force --reason "Skolen gik bare i gang" --date 2020-04-14
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[[ "$(vk-trial show 1 -o jsonl)" == *'"status":"running",'* ]]
	[ "$(last_event 1)" = '{"type":"event","id":N,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"move","before":{"status":"idea"},"after":{"status":"running","date":"2020-04-14","reason":"Skolen gik bare i gang","forced":true}}' ] ||
		fail_with "forced event"
	# out of an end status
	run vk-trial move 8 running --force
	[ "$status" -eq 0 ]
	[[ "$(last_event 8)" == *'"before":{"status":"stopped"},"after":{"status":"running","date":"2020-06-26","forced":true}}' ]] || fail_with "from stopped"
	# a step the lifecycle allows is not marked, --force or not
	vk-trial move 2 approved --force
	[[ "$(last_event 2)" == *'"after":{"status":"approved","date":"2020-06-26"}}' ]] || fail_with "allowed step marked"
}

# ---- evaluated ----

@test "evaluated without a learning exits 65, even with --outcome and --force, and writes nothing" {
	one_in_each_status
	before=$(db_digest)
	run --separate-stderr vk-trial move 5 evaluated --outcome adopt
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: trial 5 has no learning yet: write down what was learned first (vk-trial learn 5 TEXT)" ]
	run --separate-stderr vk-trial move 5 evaluated --outcome adopt --force
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"trial 5 has no learning yet"* ]]
	# forced from running, the learning is still needed
	run --separate-stderr vk-trial move 4 evaluated --outcome drop --force
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"trial 4 has no learning yet"* ]]
	[ "$(db_digest)" = "$before" ]
	# a learning of another trial does not count
	vk-trial learn 4 "Det virkede ikke om vinteren." >/dev/null
	run vk-trial move 5 evaluated --outcome adopt
	[ "$status" -eq 65 ]
}

@test "evaluated without --outcome, and no outcome set, exits 65 and writes nothing" {
	one_in_each_status
	vk-trial learn 5 "Forældrene vil gerne undervise igen." --author 4 >/dev/null
	before=$(db_digest)
	run --separate-stderr vk-trial move 5 evaluated
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: an evaluated trial needs an outcome: --outcome adopt, adapt or drop" ]
	[ "$(db_digest)" = "$before" ]
}

@test "evaluated with a learning and --outcome adopt: the outcome is stored" {
	one_in_each_status
	vk-trial learn 5 "Forældrene vil gerne undervise igen." --author 4 >/dev/null
	run --separate-stderr vk-trial move 5 evaluated --outcome adopt --reason "Spredes til alle skoler"
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	run vk-trial show 5 -o jsonl
	[[ "$output" == *'"status":"evaluated",'*'"outcome":"adopt",'* ]] || fail_with "stored"
	[ "$(vk-trial list --outcome adopt | ids)" = "5 6" ]
}

@test "evaluated with an outcome set before needs no --outcome" {
	one_in_each_status
	vk-trial learn 5 "Forældrene vil gerne undervise igen." >/dev/null
	vk-trial set 5 --outcome drop
	run vk-trial move 5 evaluated
	[ "$status" -eq 0 ]
	[[ "$(vk-trial show 5 -o jsonl)" == *'"status":"evaluated",'*'"outcome":"drop",'* ]]
	[ "$(last_event 5)" = '{"type":"event","id":N,"at":"TS","user":"vk-test","entity":"trial","entity_id":5,"action":"move","before":{"status":"done"},"after":{"status":"evaluated","date":"2020-06-26"}}' ] ||
		fail_with "event"
}

@test "an evaluated trial's outcome may be changed by moving it to evaluated again" {
	one_in_each_status
	vk-trial learn 6 "De store læste, de små lyttede: begge grupper ville fortsætte." >/dev/null
	run --separate-stderr vk-trial move 6 evaluated --outcome adopt
	[ "$status" -eq 1 ]
	[ "$stderr" = "vk-trial: trial 6 is evaluated already: nothing to do" ]
	run vk-trial move 6 evaluated --outcome adapt --reason "Skal prøves igen i Kapisillit"
	[ "$status" -eq 0 ]
	[[ "$(vk-trial show 6 -o jsonl)" == *'"status":"evaluated",'*'"outcome":"adapt",'* ]]
	[ "$(last_event 6)" = '{"type":"event","id":N,"at":"TS","user":"vk-test","entity":"trial","entity_id":6,"action":"move","before":{"outcome":"adopt"},"after":{"outcome":"adapt","date":"2020-06-26","reason":"Skal prøves igen i Kapisillit"}}' ] ||
		fail_with "event"
}

# ---- usage and not found ----

@test "--outcome with a move to another status than evaluated exits 2, a bad outcome 65, and neither writes" {
	one_in_each_status
	before=$(db_digest)
	run --separate-stderr vk-trial move 4 done --outcome adopt
	[ "$status" -eq 2 ]
	[ "$output" = "" ]
	[[ "$stderr" == "vk-trial: --outcome goes with a move to evaluated"* ]] || fail_with "message"
	run --separate-stderr vk-trial move 2 rejected --outcome drop
	[ "$status" -eq 2 ]
	run --separate-stderr vk-trial move 5 evaluated --outcome spread
	[ "$status" -eq 65 ]
	[[ "$stderr" == 'vk-trial: --outcome: "spread" is not an outcome; use one of: adopt, adapt, drop'* ]] || fail_with "bad outcome"
	[ "$(db_digest)" = "$before" ]
}

@test "a move to the status the trial has exits 1: nothing to do" {
	one_in_each_status
	before=$(db_digest)
	for s in idea proposed approved running done rejected stopped; do
		id=$(id_of "$s")
		run --separate-stderr vk-trial move "$id" "$s" --reason "igen"
		[ "$status" -eq 1 ] || fail_with "$s -> $s"
		[ "$output" = "" ]
		[ "$stderr" = "vk-trial: trial $id is $s already: nothing to do" ] || fail_with "$s message"
	done
	run vk-trial move 4 running --force
	[ "$status" -eq 1 ]
	[ "$(db_digest)" = "$before" ]
}

@test "a status not in the vocabulary exits 65 like any bad value, in one line listing the statuses, and writes nothing" {
	one_in_each_status
	before=$(db_digest)
	run --separate-stderr vk-trial move 2 flying
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: \"flying\" is not a trial status; use one of: $STATUSES" ] || fail_with "message"
	run --separate-stderr vk-trial move 2 "på vej" --force
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: \"på vej\" is not a trial status; use one of: $STATUSES" ] || fail_with "message"
	# an unknown option is still a usage error
	run --separate-stderr vk-trial move 2 approved --force --bogus
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

@test "a move of a missing trial exits 1; a missing or bad argument exits 2" {
	one_in_each_status
	before=$(db_digest)
	run --separate-stderr vk-trial move 99 proposed
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: no trial 99" ]
	run --separate-stderr vk-trial move 2
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-trial: give the ID and the STATUS"* ]] || fail_with "message"
	[[ "$stderr" == *"usage: vk-trial move ID STATUS [options]"* ]]
	run --separate-stderr vk-trial move
	[ "$status" -eq 2 ]
	run --separate-stderr vk-trial move børnehaven proposed
	[ "$status" -eq 2 ]
	run --separate-stderr vk-trial move 2 approved rejected
	[ "$status" -eq 2 ]
	[ "$(db_digest)" = "$before" ]
}

@test "moves are in the history of the trial, and the trial keeps its other fields" {
	one_in_each_status
	before=$(vk-trial show 2 -o jsonl)
	vk-trial move 2 approved --reason "Styregruppen 2020-07-08" --date 2020-07-08
	after=$(vk-trial show 2 -o jsonl)
	[ "${after/\"status\":\"approved\"/\"status\":\"proposed\"}" = "$before" ] || fail_with "other fields changed"
	[ "$(vk-trial log 2 -o jsonl | wc -l)" -eq 2 ]
	[ "$(vk-trial log -o jsonl | grep -c '"action":"move"')" -eq 1 ]
}

# ---- every path: set ----

# set_refuse ID FROM TO: set ID --status TO exits 65 with the message of
# move (the field named), and writes nothing.
set_refuse() {
	local before want
	before=$(db_digest)
	run --separate-stderr vk-trial set "$1" --status "$3"
	[ "$status" -eq 65 ] || fail_with "set $2 -> $3 was not refused with 65"
	[ "$output" = "" ]
	if [ "$(next_of "$2")" = none ]; then
		want="vk-trial: status: trial $1 is $2 and cannot move to $3: $2 is final (--force overrides)"
	else
		want="vk-trial: status: trial $1 is $2 and cannot move to $3; from $2 it may move to $(next_of "$2") (--force overrides)"
	fi
	[ "$stderr" = "$want" ] || fail_with "set $2 -> $3: message"
	[ "$(db_digest)" = "$before" ] || fail_with "set $2 -> $3 wrote to the database"
}

@test "set --status takes an allowed step as a move, dated today, recorded as move records it" {
	one_in_each_status
	run --separate-stderr vk-trial set 2 --status approved
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	[[ "$(vk-trial show 2 -o jsonl)" == *'"status":"approved",'* ]]
	[ "$(last_event 2)" = '{"type":"event","id":N,"at":"TS","user":"vk-test","entity":"trial","entity_id":2,"action":"move","before":{"status":"proposed"},"after":{"status":"approved","date":"2020-06-26"}}' ] ||
		fail_with "event $(last_event 2)"
	# with other fields: one move that changes them too
	VK_TODAY=2020-07-01 vk-trial set 2 --status Running --unit "Plejehjemmet Naasut, Nuuk"
	[ "$(last_event 2)" = '{"type":"event","id":N,"at":"TS","user":"vk-test","entity":"trial","entity_id":2,"action":"move","before":{"status":"approved","unit":null},"after":{"status":"running","unit":"Plejehjemmet Naasut, Nuuk","date":"2020-07-01"}}' ] ||
		fail_with "event with a field $(last_event 2)"
	# the weekly status lists it among the moves of its week
	run env VK_TODAY=2020-07-01 vk-report weekly -o json
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | jq -c '[.trials.moves[] | [.trial.id, .from, .to, .date]]')" = '[[2,"approved","running","2020-07-01"]]' ] ||
		fail_with "weekly"
}

@test "set --status refuses every step the lifecycle does not list (exit 65, move's message), and writes nothing" {
	one_in_each_status
	before=$(db_digest)
	n=0
	for from in idea proposed approved running done evaluated rejected stopped; do
		for to in idea proposed approved running done evaluated rejected stopped; do
			[ "$from" != "$to" ] || continue
			case "$from $to" in
			"idea proposed" | "proposed approved" | "proposed rejected" | \
				"approved running" | "approved stopped" | "running done" | \
				"running stopped" | "done evaluated") continue ;;
			esac
			set_refuse "$(id_of "$from")" "$from" "$to"
			n=$((n + 1))
		done
	done
	[ "$n" -eq 48 ]
	[ "$(db_digest)" = "$before" ]
	# the refusal holds with the other changes of the set: none is written
	run --separate-stderr vk-trial set 1 --status running --department "Kultur og Fritid"
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
}

@test "set --status --force takes any step; the history marks the move as forced" {
	one_in_each_status
	run --separate-stderr vk-trial set 1 --status running --force
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[[ "$(vk-trial show 1 -o jsonl)" == *'"status":"running",'* ]]
	[ "$(last_event 1)" = '{"type":"event","id":N,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"move","before":{"status":"idea"},"after":{"status":"running","date":"2020-06-26","forced":true}}' ] ||
		fail_with "forced event $(last_event 1)"
	vk-trial set 8 --status running --force
	[[ "$(last_event 8)" == *'"action":"move","before":{"status":"stopped"},"after":{"status":"running","date":"2020-06-26","forced":true}}' ]] ||
		fail_with "from stopped"
	# an allowed step is not marked, --force or not
	vk-trial set 2 --status approved --force
	[[ "$(last_event 2)" == *'"after":{"status":"approved","date":"2020-06-26"}}' ]] || fail_with "allowed step marked"
}

@test "set --status to the status the trial has is no move: nothing is recorded" {
	one_in_each_status
	before=$(db_digest)
	for s in idea proposed approved running done evaluated rejected stopped; do
		run --separate-stderr vk-trial set "$(id_of "$s")" --status "$s"
		[ "$status" -eq 0 ] || fail_with "$s -> $s"
		[ "$stderr" = "" ]
	done
	[ "$(db_digest)" = "$before" ]
	# with another change, that change is a set, not a move
	vk-trial set 4 --status running --unit "Daginstitutionen Paarnaq"
	[[ "$(last_event 4)" == *'"action":"set","before":{"unit":null},"after":{"unit":"Daginstitutionen Paarnaq"}}' ]] ||
		fail_with "set $(last_event 4)"
}

@test "set --status evaluated needs a learning and an outcome, --force or not, as move does" {
	one_in_each_status
	before=$(db_digest)
	run --separate-stderr vk-trial set 5 --status evaluated --outcome adopt
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: status: trial 5 has no learning yet: write down what was learned first (vk-trial learn 5 TEXT)" ] ||
		fail_with "no learning"
	run --separate-stderr vk-trial set 5 --status evaluated --outcome adopt --force
	[ "$status" -eq 65 ]
	run --separate-stderr vk-trial set 4 --status evaluated --outcome drop --force
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: status: trial 4 has no learning yet: write down what was learned first (vk-trial learn 4 TEXT)" ]
	[ "$(db_digest)" = "$before" ]
	vk-trial learn 5 "Forældre og pensionister underviste sammen med lærerne; eleverne spurgte mest om fangst." >/dev/null
	before=$(db_digest)
	run --separate-stderr vk-trial set 5 --status evaluated
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-trial: outcome: an evaluated trial needs an outcome: --outcome adopt, adapt or drop" ] ||
		fail_with "no outcome"
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-trial set 5 --status evaluated --outcome adapt
	[ "$status" -eq 0 ]
	[ "$(last_event 5)" = '{"type":"event","id":N,"at":"TS","user":"vk-test","entity":"trial","entity_id":5,"action":"move","before":{"status":"done","outcome":null},"after":{"status":"evaluated","outcome":"adapt","date":"2020-06-26"}}' ] ||
		fail_with "event $(last_event 5)"
}

@test "an evaluated trial keeps its outcome: set --clear outcome exits 65 saying why, --force too" {
	one_in_each_status
	before=$(db_digest)
	run --separate-stderr vk-trial set 6 --clear outcome
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "vk-trial: outcome: trial 6 is evaluated, and an evaluated trial keeps its outcome: give another (adopt, adapt or drop), not none" ] ||
		fail_with "message"
	run --separate-stderr vk-trial set 6 --clear outcome --force
	[ "$status" -eq 65 ]
	run --separate-stderr vk-trial set 6 --clear outcome --department "Kultur og Fritid"
	[ "$status" -eq 65 ]
	[ "$(db_digest)" = "$before" ]
	# another outcome is a change like any other
	vk-trial set 6 --outcome drop
	[ "$(last_event 6)" = '{"type":"event","id":N,"at":"TS","user":"vk-test","entity":"trial","entity_id":6,"action":"set","before":{"outcome":"adopt"},"after":{"outcome":"drop"}}' ] ||
		fail_with "event $(last_event 6)"
	# a trial that is not evaluated may lose its outcome
	vk-trial set 5 --outcome adopt
	vk-trial set 5 --clear outcome
	[[ "$(vk-trial show 5 -o jsonl)" == *'"outcome":null,'* ]]
}

# ---- every path: import ----

@test "import of an existing trial with another status is a move: checked and recorded as move does" {
	one_in_each_status
	cat > moves.csv <<-'EOF'
	id,title,status,department
	1,Kaffemik for nye tilflyttere,proposed,Børn og Familie
	3,Ungdomsråd i Tasiilaq,Running,"Kultur og Fritid; Ungdom"
	4,En borger tilbringer en dag i børnehaven,running,Børn og Familie
	,"Bus til hallen, ""gratis"" om vinteren",stopped,Teknik og Miljø
	EOF
	run --separate-stderr vk-trial import moves.csv
	[ "$status" -eq 0 ] || fail_with "import: $stderr"
	[ "$(last_event 1)" = '{"type":"event","id":N,"at":"TS","user":"vk-test","entity":"trial","entity_id":1,"action":"move","before":{"status":"idea"},"after":{"status":"proposed","date":"2020-06-26"}}' ] ||
		fail_with "event 1 $(last_event 1)"
	[ "$(last_event 3)" = '{"type":"event","id":N,"at":"TS","user":"vk-test","entity":"trial","entity_id":3,"action":"move","before":{"status":"approved","department":"Kultur og Fritid"},"after":{"status":"running","department":"Kultur og Fritid; Ungdom","date":"2020-06-26"}}' ] ||
		fail_with "event 3 $(last_event 3)"
	# the same status is no move: trial 4 did not change
	[ "$(vk-trial log 4 -o jsonl | wc -l)" -eq 1 ]
	# a new record comes in with any status, as it stands
	[[ "$(vk-trial show 9 -o jsonl)" == *'"status":"stopped",'* ]]
	[ "$(vk-trial log 9 -o jsonl | grep -c '"action":"move"')" -eq 0 ]
	# JSON as well
	printf '[{"id":2,"status":"approved"}]' | vk-trial import - 2>/dev/null
	[[ "$(last_event 2)" == *'"action":"move","before":{"status":"proposed"},"after":{"status":"approved","date":"2020-06-26"}}' ]] ||
		fail_with "json"
}

@test "import refuses a step the lifecycle does not list as FILE:LINE: status:, --dry-run too, and writes nothing" {
	one_in_each_status
	before=$(db_digest)
	cat > moves.csv <<-'EOF'
	id,title,status
	1,Kaffemik for nye tilflyttere,proposed
	2,"Plejehjem og jobcenter ""sammen""",running
	8,Fodbold og sundhedssnak i Tasiilaq,running
	EOF
	want='moves.csv:3: status: trial 2 is proposed and cannot move to running; from proposed it may move to approved or rejected (--force overrides)
moves.csv:4: status: trial 8 is stopped and cannot move to running: stopped is final (--force overrides)
vk-trial: moves.csv: 2 bad rows: nothing was imported'
	run --separate-stderr vk-trial import moves.csv
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "$want" ] || fail_with "messages"
	run --separate-stderr vk-trial import moves.csv --dry-run
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	[ "$stderr" = "$want" ] || fail_with "dry-run messages"
	[ "$(db_digest)" = "$before" ]
}

@test "import --force lets the steps through, each a move marked forced; --dry-run --force shows them" {
	one_in_each_status
	printf '%s\n' 'id,status' '1,proposed' '2,running' '8,running' > moves.csv
	before=$(db_digest)
	run --separate-stderr vk-trial import moves.csv --dry-run --force
	[ "$status" -eq 0 ]
	[ "$output" = 'update trial 1 (line 2): status: "idea" -> "proposed"
update trial 2 (line 3): status: "proposed" -> "running"
update trial 8 (line 4): status: "stopped" -> "running"
would add 0, update 3, leave 0 unchanged' ] || fail_with "dry run"
	[ "$(db_digest)" = "$before" ]
	run --separate-stderr vk-trial import moves.csv --force
	[ "$status" -eq 0 ]
	[[ "$(last_event 1)" == *'"action":"move","before":{"status":"idea"},"after":{"status":"proposed","date":"2020-06-26"}}' ]] || fail_with "allowed"
	[[ "$(last_event 2)" == *'"action":"move","before":{"status":"proposed"},"after":{"status":"running","date":"2020-06-26","forced":true}}' ]] || fail_with "forced 2"
	[[ "$(last_event 8)" == *'"action":"move","before":{"status":"stopped"},"after":{"status":"running","date":"2020-06-26","forced":true}}' ]] || fail_with "forced 8"
}

@test "import to evaluated needs a learning and an outcome; an evaluated trial's outcome cannot be emptied" {
	one_in_each_status
	before=$(db_digest)
	printf '%s\n' 'id,status,outcome' '5,evaluated,adopt' > eval.csv
	run --separate-stderr vk-trial import eval.csv --force
	[ "$status" -eq 65 ]
	[ "$stderr" = 'eval.csv:2: status: trial 5 has no learning yet: write down what was learned first (vk-trial learn 5 TEXT)
vk-trial: eval.csv: 1 bad row: nothing was imported' ] || fail_with "no learning"
	printf '%s\n' 'id,outcome' '6,' > clear.csv
	run --separate-stderr vk-trial import clear.csv
	[ "$status" -eq 65 ]
	[ "$stderr" = 'clear.csv:2: outcome: trial 6 is evaluated, and an evaluated trial keeps its outcome: give another (adopt, adapt or drop), not none
vk-trial: clear.csv: 1 bad row: nothing was imported' ] || fail_with "cleared outcome"
	printf '{"id":6,"outcome":null}\n' > clear.jsonl
	run --separate-stderr vk-trial import clear.jsonl
	[ "$status" -eq 65 ]
	[[ "$stderr" == 'clear.jsonl:1: outcome: trial 6 is evaluated'* ]] || fail_with "JSON null"
	[ "$(db_digest)" = "$before" ]
	vk-trial learn 5 "Fiskefabrikken vil gerne komme igen." >/dev/null
	printf '%s\n' 'id,status' '5,evaluated' > eval.csv
	run --separate-stderr vk-trial import eval.csv
	[ "$status" -eq 65 ]
	[[ "$stderr" == 'eval.csv:2: outcome: an evaluated trial needs an outcome: --outcome adopt, adapt or drop'* ]] || fail_with "no outcome"
	printf '%s\n' 'id,status,outcome' '5,evaluated,adopt' > eval.csv
	run --separate-stderr vk-trial import eval.csv
	[ "$status" -eq 0 ]
	[[ "$(last_event 5)" == *'"action":"move","before":{"status":"done","outcome":null},"after":{"status":"evaluated","outcome":"adopt","date":"2020-06-26"}}' ]] ||
		fail_with "event"
}
