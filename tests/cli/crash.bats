#!/usr/bin/env bats
# Crashes: a writer killed with SIGKILL at any point leaves the store whole
# (PRAGMA integrity_check says ok) and its change done entirely or not at
# all: an import of many rows, a loop of sets, a loop of trial moves, a
# loop of forgets. After each kill the next program works on the store.
#
# VK_CRASH_ROWS: the rows of the import (default 200000; 50000 when the
# programs are built with AddressSanitizer, 2000 under valgrind).
# VK_SANITIZED=1 (found by itself from the programs when unset): fewer kill
# points, as everything runs about three times slower.
#
# The kill points are spread over a duration measured first, and the
# random ones come from a fixed seed: either outcome of a kill (before or
# after) passes, so the tests do not depend on the machine's speed.

load helpers

if [ -z "${VK_SANITIZED:-}" ]; then
	VK_SANITIZED=0
	vk_exe=$(command -v vk-stakeholder)
	grep -q -a __asan_init "$vk_exe" 2>/dev/null && VK_SANITIZED=1
fi
# ROWS: of the import; KILLS: its kill points; ROUNDS: of the loops of
# sets, moves and forgets, each over LOOP records
if [ "${VK_VALGRIND:-}" = 1 ]; then
	ROWS=${VK_CRASH_ROWS:-1000} KILLS=3 ROUNDS=2 LOOP=4
elif [ "$VK_SANITIZED" = 1 ]; then
	ROWS=${VK_CRASH_ROWS:-50000} KILLS=5 ROUNDS=5 LOOP=20
else
	ROWS=${VK_CRASH_ROWS:-200000} KILLS=10 ROUNDS=10 LOOP=20
fi

# people_csv N: N stakeholders as CSV, with Danish and Greenlandic names,
# commas and quotes in the cells; row i is the stakeholder of id i in an
# empty store.
people_csv() {
	awk -v n="$1" 'BEGIN {
		split("Aviaja Naja Pipaluk Ivalo Nivi Malik Inuk Kaalu Hans Søren Aká Ane-Sofie Bolethe Jørgen Ærenlund Åse", first, " ")
		split("Kristiansen-Kleist Lyberth-Møller Heilmann Kreutzmann Ødegaard Olsen Kleist Motzfeldt Berthelsen Lynge Enoksen Ødegård Åsheim Mølgaard", last, " ")
		split("Nuuk Paamiut Tasiilaq Ittoqqortoormiit Qaqortoq Sisimiut Ilulissat Kapisillit Aasiaat Maniitsoq", town, " ")
		split("politician management manager employee citizen association business education partner consultant other", grp, " ")
		split("low medium high", level, " ")
		printf "name,group,organisation,town,phone,roles,influence,interest,tags,notes\r\n"
		for (i = 1; i <= n; i++) {
			t = town[i % 10 + 1]
			printf "\"%s %s, nr. %d\",%s,\"Foreningen \"\"Kaffemik\"\", %s\",%s,+299 %02d %02d %02d,participant,%s,%s,crash;by %d,\"Sagde: \"\"Vi skal være med, også i %s.\"\"\"\r\n", \
				first[i % 16 + 1], last[int(i / 16) % 14 + 1], i, grp[i % 11 + 1], t, t,
				i % 100, int(i / 100) % 100, int(i / 10000) % 100,
				level[i % 3 + 1], level[int(i / 3) % 3 + 1], i % 7, t
		}
	}'
}

setup_file() {
	people_csv "$ROWS" > "$BATS_FILE_TMPDIR/people.csv"
}

teardown() {
	if [ -n "${loop_pid:-}" ]; then
		kill -9 -- "-$loop_pid" 2>/dev/null || true
	fi
	vk_teardown
}

# now_ms: milliseconds since the epoch.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# secs MS: MS milliseconds as seconds for sleep(1).
secs() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

# intact WHEN: the store passes PRAGMA integrity_check, and a program can
# read it.
intact() {
	local check
	check=$(sqlite3 "$VK_DB" 'PRAGMA integrity_check' 2>&1)
	[ "$check" = ok ] || fail_with "$1: integrity_check says: $check"
	vk-stakeholder list --limit 1 >/dev/null 2>"$TEST_DIR/list.err" ||
		fail_with "$1: list fails on the store: $(cat "$TEST_DIR/list.err")"
}

# count TABLE: the rows of a table of the store.
count() { sqlite3 "$VK_DB" "SELECT count(*) FROM $1"; }

# kill_loop MAX_MS SCRIPT: runs bash SCRIPT in a session of its own (so
# that the program it runs at the time dies with it), and kills the whole
# session with SIGKILL after a random time from 0 to MAX_MS ms; sets
# killed_at to that time.
kill_loop() {
	killed_at=$((RANDOM * 32768 + RANDOM))
	killed_at=$((killed_at % ($1 + 1)))
	setsid bash -c "$2" >/dev/null 2>>"$TEST_DIR/loop.err" &
	loop_pid=$!
	sleep "$(secs "$killed_at")"
	kill -9 -- "-$loop_pid" 2>/dev/null || true
	wait "$loop_pid" 2>/dev/null || true
	# the program the loop ran may outlive its shell for a moment: a write
	# or fsync under way finishes before SIGKILL takes it. Wait until the
	# whole session is gone, or what the test reads next may change under it
	local waited=0
	while kill -0 -- "-$loop_pid" 2>/dev/null && [ "$waited" -lt 500 ]; do
		sleep 0.01
		waited=$((waited + 1))
	done
	loop_pid=
}

# codes_ok: every program the loops finished exited 0 (the file codes
# holds "ID EXIT" per run).
codes_ok() {
	local bad
	# (a kill may cut the loop's last "ID EXIT" line short: only whole lines count)
	bad=$(awk 'NF == 2 && $2 != 0' "$TEST_DIR/codes" 2>/dev/null | head -3)
	[ -z "$bad" ] || fail_with "$1: a program after a crash failed (id exit): $bad; $(tail -3 "$TEST_DIR/loop.err")"
}

# verify KIND ARGS...: the checks of a round, in python (see below).
verify() {
	python3 - "$@" <<'PY'
import json, sys

def jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f.read().split("\n") if l.strip()]

def by_id(path):
    return {r["id"]: r for r in jsonl(path)}

def prefix(ids, done, what):
    """The records done must be the first ones of ids (one loop, in order)."""
    k = sum(1 for i in ids if done[i])
    if any(done[i] != (n < k) for n, i in enumerate(ids)):
        fail("%s: not in order: %s" % (what, "".join("x" if done[i] else "." for i in ids)))
    return k

def fail(msg):
    print(msg)
    sys.exit(1)

kind = sys.argv[1]

if kind == "set":
    # set BEFORE AFTER LOG ROUND: each stakeholder holds the fields of
    # before the round or those the round sets, never a mix; the history
    # has the round's set for exactly the changed ones
    before, after, log, r = by_id(sys.argv[2]), by_id(sys.argv[3]), jsonl(sys.argv[4]), int(sys.argv[5])
    if sorted(before) != sorted(after):
        fail("the stakeholders are %s, were %s" % (sorted(after), sorted(before)))
    fields = ["town", "notes", "tags", "roles", "allocation"]
    done = {}
    for i, a in after.items():
        new = {"town": "By %d" % r, "notes": 'Runde %d: "ændret", nr. %d' % (r, i),
               "tags": sorted(["r%d" % r, "runde, æøå"]),
               "roles": sorted(["working", "lead"] if r % 2 else ["participant"]), "allocation": r}
        got = {f: (sorted(a[f]) if f in ("tags", "roles") else a[f]) for f in fields}
        old = {f: (sorted(before[i][f]) if f in ("tags", "roles") else before[i][f]) for f in fields}
        if got == new:
            done[i] = True
        elif got == old:
            done[i] = False
        else:
            fail("stakeholder %d is half changed: %s (before %s, the set %s)" % (i, got, old, new))
        for f in a:
            if f not in fields and f != "updated" and a[f] != before[i][f]:
                fail("stakeholder %d: %s changed from %r to %r" % (i, f, before[i][f], a[f]))
        sets = [e for e in log if e["entity_id"] == i and e["action"] == "set"
                and (e.get("after") or {}).get("town") == "By %d" % r]
        if len(sets) != (1 if done[i] else 0):
            fail("stakeholder %d is %s, yet the history has %d sets of the round"
                 % (i, "changed" if done[i] else "unchanged", len(sets)))
    print(prefix(sorted(after), done, "the sets"))

elif kind == "move":
    # move AFTER LOG ROUND FROM TO: each trial is at FROM or TO; the
    # history has the round's move for exactly the moved ones
    after, log, r, frm, to = by_id(sys.argv[2]), jsonl(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
    done = {}
    for i, t in after.items():
        if t["status"] not in (frm, to):
            fail("trial %d is %s, neither %s nor %s" % (i, t["status"], frm, to))
        done[i] = t["status"] == to
        moves = [e for e in log if e["entity_id"] == i and e["action"] == "move"
                 and (e.get("after") or {}).get("reason") == "Runde %d" % r]
        if len(moves) != (1 if done[i] else 0):
            fail("trial %d is %s, yet the history has %d moves of the round"
                 % (i, t["status"], len(moves)))
        if done[i] and moves[0]["after"].get("status") != to:
            fail("trial %d: the history says it moved to %s" % (i, moves[0]["after"].get("status")))
    print(prefix(sorted(after), done, "the moves"))

elif kind == "forget":
    # forget PEOPLE INPUTS LOG FIRST_LOG N: stakeholders 1..N each wholly
    # forgotten or wholly as they were (FIRST_LOG: the history before any
    # forget); prints the ids forgotten
    people, inputs = by_id(sys.argv[2]), by_id(sys.argv[3])
    logtext = json.dumps(jsonl(sys.argv[4]), ensure_ascii=False).lower()
    firsttext = json.dumps(jsonl(sys.argv[5]), ensure_ascii=False).lower()
    n = int(sys.argv[6])
    done = {}
    for i in range(1, n + 1):
        tok = "tok%dx" % i
        p, inp = people[i], inputs[i]
        forgotten = (p["name"] == "forgotten" and p["email"] is None and p["phone"] is None
                     and p["notes"] is None and inp["stakeholder"] is None
                     and inp["source"] is None and tok not in logtext)
        whole = (p["name"] == "Tok%dx Ødegård-Åsheim, Ittoqqortoormiit" % i
                 and p["email"] == "tok%dx@example.gl" % i
                 and p["phone"] == "+299 55 %02d %02d" % (i, i)
                 and p["notes"] == 'Notat-tok%dx: "helbred, æøå"' % i
                 and inp["stakeholder"] == i and inp["source"] == "Kilde-tok%dx, fanger" % i
                 and logtext.count(tok) == firsttext.count(tok) > 0)
        if not forgotten and not whole:
            fail("stakeholder %d is half forgotten: %s; input %s; %d mentions in the history (were %d)"
                 % (i, json.dumps(p, ensure_ascii=False), json.dumps(inp, ensure_ascii=False),
                    logtext.count(tok), firsttext.count(tok)))
        done[i] = forgotten
        if p["group"] != "citizen" or p["town"] != "Ittoqqortoormiit" or p["tags"] != ["fanger"]:
            fail("stakeholder %d lost what forget keeps: %s" % (i, json.dumps(p, ensure_ascii=False)))
        if inp["text"] != "Isen kommer senere hvert år; nr. %d" % i or inp["themes"] != ["fangst"]:
            fail("input %d lost its text or themes: %s" % (i, json.dumps(inp, ensure_ascii=False)))
    prefix(list(range(1, n + 1)), done, "the forgets")
    print(" ".join(str(i) for i in range(1, n + 1) if done[i]))
PY
}

@test "an import killed with SIGKILL at many points leaves the store whole, with all of it or none" {
	csv=$BATS_FILE_TMPDIR/people.csv
	add_people
	[ ! -e "$VK_DB-wal" ]
	cp "$VK_DB" base.db
	n0=$(count stakeholders)
	e0=$(history_events)
	[ "$n0" -eq 6 ]

	# the whole import, timed
	start=$(now_ms)
	run --separate-stderr vk-stakeholder import "$csv"
	whole=$(($(now_ms) - start))
	[ "$status" -eq 0 ] || fail_with "the import"
	intact "the whole import"
	[ "$(count stakeholders)" -eq $((n0 + ROWS)) ]
	[ "$(history_events)" -eq $((e0 + ROWS)) ]

	# KILLS points spread over that time, the last one late, where the
	# import commits and the WAL is copied back into the store
	none=0 all=0 points=
	for k in $(seq 1 "$KILLS"); do
		ms=$((whole * k / (KILLS + 1)))
		[ "$k" -lt "$KILLS" ] || ms=$((whole * 97 / 100))
		rm -f "$VK_DB" "$VK_DB-wal" "$VK_DB-shm"
		cp base.db "$VK_DB"
		vk-stakeholder import "$csv" >/dev/null 2>import.err &
		pid=$!
		sleep "$(secs "$ms")"
		kill -9 "$pid" 2>/dev/null || true
		code=0
		wait "$pid" || code=$?
		[ "$code" -eq 0 ] || [ "$code" -eq 137 ] ||
			fail_with "killed after $ms ms, the import had exited $code: $(cat import.err)"
		intact "import killed after $ms ms"
		n=$(count stakeholders)
		e=$(history_events)
		last=$(vk-stakeholder list --sort -id --limit 1 | ids)
		if [ "$n" -eq "$n0" ] && [ "$e" -eq "$e0" ] && [ "$last" -eq "$n0" ]; then
			none=$((none + 1))
			points="$points ${ms}:none"
		elif [ "$n" -eq $((n0 + ROWS)) ] && [ "$e" -eq $((e0 + ROWS)) ] &&
		     [ "$last" -eq $((n0 + ROWS)) ]; then
			all=$((all + 1))
			points="$points ${ms}:all"
		else
			fail_with "import killed after $ms ms: $n stakeholders (last id $last), $e events; want $n0 and $e0, or $((n0 + ROWS)) and $((e0 + ROWS))"
		fi
		# the store takes a write again
		[ "$(vk-stakeholder add "Efter Nedbruddet $k")" -gt "$((last))" ] ||
			fail_with "an add after the import killed after $ms ms"
	done
	echo "# import of $ROWS rows: $whole ms whole; killed at (ms)$points" >&3
	# at least one kill came before the import committed
	[ "$none" -gt 0 ]
}

@test "an import into a new store killed while it creates the store leaves one that works" {
	some=$((ROWS < 1000 ? ROWS : 1000))
	head -n $((some + 1)) "$BATS_FILE_TMPDIR/people.csv" > some.csv
	points="0 2 5 10 20 40 80"
	[ "${VK_VALGRIND:-}" != 1 ] || points="0 20 80"
	for ms in $points; do
		rm -f "$VK_DB" "$VK_DB-wal" "$VK_DB-shm"
		vk-stakeholder import some.csv >/dev/null 2>import.err &
		pid=$!
		sleep "$(secs "$ms")"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" || true
		if [ -e "$VK_DB" ]; then
			check=$(sqlite3 "$VK_DB" 'PRAGMA integrity_check' 2>&1)
			[ "$check" = ok ] || fail_with "killed after $ms ms: integrity_check says: $check"
			[ "$(stat -c %a "$VK_DB")" = 600 ] || fail_with "killed after $ms ms: mode $(stat -c %a "$VK_DB")"
		fi
		# the next writer finishes the store and adds to it
		run --separate-stderr vk-stakeholder add "Ivalo Kleist"
		[ "$status" -eq 0 ] || fail_with "an add after the import killed after $ms ms"
		run --separate-stderr vk-stakeholder list -o jsonl
		[ "$status" -eq 0 ] || fail_with "list after the import killed after $ms ms"
		n=$(count_lines "$output")
		[ "$n" -eq 1 ] || [ "$n" -eq $((some + 1)) ] || fail_with "killed after $ms ms: $n stakeholders"
	done
}

@test "a loop of sets killed at random points: every record is as before the set or after it" {
	RANDOM=6
	n=$LOOP
	head -n $((n + 1)) "$BATS_FILE_TMPDIR/people.csv" | vk-stakeholder import - 2>/dev/null
	sets() { # sets ROUND IDS...: the script of a loop of sets
		local r=$1 i
		shift
		for i in "$@"; do
			printf 'vk-stakeholder set %d --town "By %d" --notes %q --tag r%d --tag "runde, æøå" --role %s --allocation %d; echo "%d $?" >> %q\n' \
				"$i" "$r" "Runde $r: \"ændret\", nr. $i" "$r" \
				"$( ((r % 2)) && echo working,lead || echo participant)" "$r" "$i" "$TEST_DIR/codes"
		done
	}
	# round 0, whole, measures a loop
	vk-stakeholder export -o jsonl > before.jsonl
	start=$(now_ms)
	bash -c "$(sets 0 $(seq 1 "$n"))" >/dev/null
	whole=$(($(now_ms) - start))
	vk-stakeholder export -o jsonl > after.jsonl
	vk-stakeholder log -o jsonl > log.jsonl
	[ "$(verify set before.jsonl after.jsonl log.jsonl 0)" = "$n" ] || fail_with "the whole round"
	codes_ok "round 0"

	points=
	for r in $(seq 1 "$ROUNDS"); do
		mv after.jsonl before.jsonl
		: > codes
		kill_loop "$whole" "$(sets "$r" $(seq 1 "$n"))"
		intact "round $r, killed after $killed_at ms"
		vk-stakeholder export -o jsonl > after.jsonl
		vk-stakeholder log -o jsonl > log.jsonl
		run verify set before.jsonl after.jsonl log.jsonl "$r"
		[ "$status" -eq 0 ] || fail_with "round $r, killed after $killed_at ms"
		done_n=$output
		codes_ok "round $r"
		points="$points $killed_at:$done_n"
		# the rest of the round, after the crash
		bash -c "$(sets "$r" $(seq $((done_n + 1)) "$n"))" >/dev/null
		codes_ok "the rest of round $r"
		vk-stakeholder export -o jsonl > after.jsonl
		vk-stakeholder log -o jsonl > log.jsonl
		[ "$(verify set before.jsonl after.jsonl log.jsonl "$r")" = "$n" ] ||
			fail_with "round $r finished after the crash"
	done
	echo "# sets: a loop of $n takes $whole ms; killed at (ms:done)$points" >&3
}

@test "a loop of trial moves killed at random points: every trial moved wholly or not at all" {
	RANDOM=7
	n=$LOOP
	{
		echo 'title,status,department,round,themes'
		for i in $(seq 1 "$n"); do
			printf '"Prøvehandling %d: ""Åbent hus"", Paamiut",idea,Børn og Familie,1,fællesskab;nr. %d\n' "$i" "$i"
		done
	} | vk-trial import - 2>/dev/null
	moves() { # moves ROUND STATUS [--force] IDS...
		local r=$1 to=$2 force='' i
		shift 2
		if [ "$1" = --force ]; then force=--force; shift; fi
		for i in "$@"; do
			printf 'vk-trial move %d %s %s --reason "Runde %d" --date 2020-06-%02d; echo "%d $?" >> %q\n' \
				"$i" "$to" "$force" "$r" $((r + 1)) "$i" "$TEST_DIR/codes"
		done
	}
	# round 0 moves every trial from idea to proposed, whole; each next
	# round one step on (or back, forced)
	steps=(approved running 'done' "idea --force" proposed rejected "idea --force" proposed approved running)
	start=$(now_ms)
	bash -c "$(moves 0 proposed $(seq 1 "$n"))" >/dev/null
	whole=$(($(now_ms) - start))
	vk-trial list -o jsonl > after.jsonl
	vk-trial log -o jsonl > log.jsonl
	[ "$(verify move after.jsonl log.jsonl 0 idea proposed)" = "$n" ] || fail_with "the whole round"
	codes_ok "round 0"
	from=proposed
	points=
	for r in $(seq 1 "$ROUNDS"); do
		step=${steps[$(((r - 1) % ${#steps[@]}))]}
		to=${step%% *}
		force=
		[ "$step" = "$to" ] || force=--force
		: > codes
		kill_loop "$whole" "$(moves "$r" "$to" $force $(seq 1 "$n"))"
		intact "round $r, killed after $killed_at ms"
		vk-trial list -o jsonl > after.jsonl
		vk-trial log -o jsonl > log.jsonl
		run verify move after.jsonl log.jsonl "$r" "$from" "$to"
		[ "$status" -eq 0 ] || fail_with "round $r ($from to $to), killed after $killed_at ms"
		done_n=$output
		codes_ok "round $r"
		points="$points $killed_at:$done_n"
		bash -c "$(moves "$r" "$to" $force $(seq $((done_n + 1)) "$n"))" >/dev/null
		codes_ok "the rest of round $r"
		vk-trial list -o jsonl > after.jsonl
		vk-trial log -o jsonl > log.jsonl
		[ "$(verify move after.jsonl log.jsonl "$r" "$from" "$to")" = "$n" ] ||
			fail_with "round $r finished after the crash"
		from=$to
	done
	echo "# moves: a loop of $n takes $whole ms; killed at (ms:done)$points" >&3
}

@test "forget killed at random points: nobody is half forgotten, and a second forget finishes the job" {
	RANDOM=8
	n=$((LOOP + 10))
	# people 1..n, each with a history (an old e-mail and notes), an input
	# with an attribution, and a part in one engagement; n + 1 for timing
	{
		echo 'name,group,town,email,phone,notes,tags'
		for i in $(seq 1 $((n + 1))); do
			printf '"Tok%dx Ødegård-Åsheim, Ittoqqortoormiit",citizen,Ittoqqortoormiit,gammel-tok%dx@example.gl,+299 55 %02d %02d,"Gammel-tok%dx",fanger\n' \
				"$i" "$i" "$i" "$i" "$i"
		done
	} | vk-stakeholder import - 2>/dev/null
	{
		echo 'id,email,notes'
		for i in $(seq 1 $((n + 1))); do
			printf '%d,tok%dx@example.gl,"Notat-tok%dx: ""helbred, æøå"""\n' "$i" "$i" "$i"
		done
	} | vk-stakeholder import - >/dev/null
	vk-stakeholder engage "Besøg i Ittoqqortoormiit" --date 2020-03-12 --kind visit \
		--town Ittoqqortoormiit --with "$(seq -s, 1 $((n + 1)))" --headcount citizen=9 >/dev/null
	{
		echo 'engagement,stakeholder,source,text,themes'
		for i in $(seq 1 $((n + 1))); do
			printf '1,%d,"Kilde-tok%dx, fanger",Isen kommer senere hvert år; nr. %d,fangst\n' "$i" "$i" "$i"
		done
	} | vk-stakeholder input import - >/dev/null
	snapshot() {
		vk-stakeholder list -o jsonl > people.jsonl
		vk-stakeholder inputs -o jsonl > inputs.jsonl
		vk-stakeholder log -o jsonl > log.jsonl
	}
	snapshot
	cp log.jsonl first-log.jsonl
	run verify forget people.jsonl inputs.jsonl log.jsonl first-log.jsonl "$n"
	[ "$status" -eq 0 ] && [ "$output" = "" ] || fail_with "the people before any forget"

	# one forget, timed (the extra person)
	start=$(now_ms)
	vk-stakeholder forget $((n + 1))
	one=$(($(now_ms) - start))
	[[ "$(vk-stakeholder show $((n + 1)))" == *'"name":"forgotten"'* ]]

	forgets() { # the script of a loop of forgets of IDS
		local i
		for i in "$@"; do
			printf 'vk-stakeholder forget %d; echo "%d $?" >> %q\n' "$i" "$i" "$TEST_DIR/codes"
		done
	}
	gone=0 points=
	for r in $(seq 1 "$ROUNDS"); do
		[ "$gone" -lt "$n" ] || break
		: > codes
		# each round is killed within its first three forgets or so
		kill_loop $((3 * one)) "$(forgets $(seq $((gone + 1)) "$n"))"
		intact "round $r, killed after $killed_at ms"
		snapshot
		run verify forget people.jsonl inputs.jsonl log.jsonl first-log.jsonl "$n"
		[ "$status" -eq 0 ] || fail_with "round $r, killed after $killed_at ms"
		codes_ok "round $r"
		gone=$(count_lines "$(printf '%s' "$output" | tr ' ' '\n')")
		points="$points $killed_at:$gone"
	done

	# a second forget of everyone finishes the job: 0 for those it does, 1
	# (nothing to do) for those forgotten already
	# (not $i: bats 1.8's run with flags sets a global i)
	for id in $(seq 1 "$n"); do
		run --separate-stderr vk-stakeholder forget "$id"
		if [ "$id" -le "$gone" ]; then
			[ "$status" -eq 1 ] || fail_with "a second forget of stakeholder $id"
		else
			[ "$status" -eq 0 ] || fail_with "forget of stakeholder $id after the crashes"
		fi
	done
	snapshot
	run verify forget people.jsonl inputs.jsonl log.jsonl first-log.jsonl "$n"
	[ "$status" -eq 0 ] && [ "$output" = "$(seq -s ' ' 1 "$n")" ] || fail_with "after the second forget"
	# nothing of them is left in the database file, its WAL or journal, or
	# an export
	vk-stakeholder export -o csv > export.csv
	vk-stakeholder input export -o csv >> export.csv
	for f in "$VK_DB" "$VK_DB-wal" "$VK_DB-journal" export.csv; do
		[ -e "$f" ] || continue
		found=$(grep -a -i -o -E 'tok[0-9]+x' "$f" | sort -u | paste -sd' ' -)
		[ -z "$found" ] || fail_with "${f##*/} still holds: $found"
	done
	echo "# forget: one takes $one ms; killed at (ms:forgotten so far)$points" >&3
}
