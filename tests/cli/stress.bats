#!/usr/bin/env bats
# Stress: 8 writers (adds, sets and moves across vk-stakeholder, vk-trial
# and vk-milestone) and 2 readers (reports and lists) on one store at once
# for VK_STRESS_SECONDS (default 30). No error reaches a user (every exit
# 0, nothing on stderr), no write is lost (each writer's count of what it
# did is what the store and its history hold), and the counts add up.
#
#  writer 1  vk-stakeholder add             (tag w1)
#  writer 2  vk-stakeholder engage, input add
#  writer 3  vk-stakeholder set             (stakeholders 2-6)
#  writer 4  vk-trial add, learn
#  writer 5  vk-trial move, round the lifecycle (trials 1-4)
#  writer 6  vk-milestone add
#  writer 7  vk-milestone move              (milestones 1-3)
#  writer 8  vk-trial set                   (trials 5-8)
#  reader 1  vk-report weekly -o json, vk-report coverage
#  reader 2  list of stakeholders, trials and milestones
#
# Each writer appends "VERB ID VALUE EXIT" per run to wN.ops, its stderr
# to wN.err; the readers their outputs to rN.*.

load helpers

STRESS=${VK_STRESS_SECONDS:-30}

setup() {
	vk_setup
	export VK_LOCK_TIMEOUT=60
	pids=()
}

teardown() {
	local p
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	vk_teardown
}

# The store they start from: stakeholders 1-6, trials 1-8 (idea),
# milestones 1-3.
base() {
	add_people
	{
		echo 'title,department,round,themes'
		for t in $(seq 1 8); do
			printf '"Prøvehandling %d: ""Åbent hus"", Paamiut",Kultur og Fritid,1,fællesskab\n' "$t"
		done
	} | vk-trial import - >/dev/null
	vk-milestone add "Første samling i Nuuk" --kind gathering --due 2020-07-10 --owner 2 >/dev/null
	vk-milestone add "Workshop, Tasiilaq" --kind workshop --due 2020-08-14 --place Tasiilaq >/dev/null
	vk-milestone add "Beslutning i udvalget" --kind decision --due 2020-09-18 >/dev/null
}

# run1 N VERB KEY VALUE CMD...: runs CMD for writer N, appends "VERB OUT
# VALUE EXIT" to wN.ops (OUT: what it printed, such as a new id; else
# KEY) and its stderr to wN.err; sets out.
run1() {
	local n=$1 verb=$2 key=$3 value=$4 code=0
	shift 4
	out=$("$@" 2>>"$TEST_DIR/w$n.err") || code=$?
	printf '%s\t%s\t%s\t%s\n' "$verb" "${out:-$key}" "$value" "$code" >> "$TEST_DIR/w$n.ops"
}

writer1() {
	local k=0
	while [ "$k" -eq 0 ] || [ "$EPOCHSECONDS" -lt "$end" ]; do
		k=$((k + 1))
		run1 1 add - - vk-stakeholder add "Deltager $k fra Tasiilaq, \"W1\" Ødegård" \
			--group citizen --town Tasiilaq --tag w1 --role participant
	done
	return 0
}

writer2() {
	local k=0 e
	while [ "$k" -eq 0 ] || [ "$EPOCHSECONDS" -lt "$end" ]; do
		k=$((k + 1))
		run1 2 engage - - vk-stakeholder engage "W2 møde $k, Nuuk" --date 2020-06-$((k % 5 + 22)) \
			--kind workshop --town Nuuk --with 1,$((k % 5 + 2)) --headcount citizen=$k --theme fællesskab
		e=$out
		case $e in
		'' | *[!0-9]*) continue ;;
		esac
		run1 2 input - "$e" vk-stakeholder input add --engagement "$e" --stakeholder 1 \
			--source "W2 kilde $k" --text "Vi skal være med, nr. $k" --theme fællesskab
	done
	return 0
}

writer3() {
	local k=0 id
	while [ "$k" -eq 0 ] || [ "$EPOCHSECONDS" -lt "$end" ]; do
		k=$((k + 1))
		id=$((k % 5 + 2))
		run1 3 set "$id" "W3 note $k: \"æøå\", ok" vk-stakeholder set "$id" \
			--notes "W3 note $k: \"æøå\", ok" --town "By $((k % 7))" --allocation $((k % 101))
	done
	return 0
}

writer4() {
	local k=0 t
	while [ "$k" -eq 0 ] || [ "$EPOCHSECONDS" -lt "$end" ]; do
		k=$((k + 1))
		run1 4 trial - - vk-trial add "W4 prøve $k" --department "Børn og Familie" --round 2
		t=$out
		case $t in
		'' | *[!0-9]*) continue ;;
		esac
		run1 4 learn - "$t" vk-trial learn "$t" "W4 læring $k: det virkede" --author 4
	done
	return 0
}

writer5() {
	local k=0 id to force
	local -a at=(idea idea idea idea)
	while [ "$k" -eq 0 ] || [ "$EPOCHSECONDS" -lt "$end" ]; do
		k=$((k + 1))
		id=$((k % 4 + 1))
		force=
		case ${at[$((id - 1))]} in
		idea) to=proposed ;;
		proposed) to=approved ;;
		approved) to=running ;;
		running) to='done' ;;
		done) to=idea force=--force ;;
		esac
		run1 5 move "$id" "$to" vk-trial move "$id" "$to" $force --reason "W5 skridt $k"
		# the status it is in now, as far as this writer knows
		[ "$(tail -1 "$TEST_DIR/w5.ops" | cut -f4)" = 0 ] && at[id - 1]=$to
	done
	return 0
}

writer6() {
	local k=0
	while [ "$k" -eq 0 ] || [ "$EPOCHSECONDS" -lt "$end" ]; do
		k=$((k + 1))
		run1 6 milestone - - vk-milestone add "W6 milepæl $k, \"Nuuk\"" --kind workshop \
			--due "2020-09-$(printf %02d $((k % 28 + 1)))" --place Nuuk
	done
	return 0
}

writer7() {
	local k=0 id day
	while [ "$k" -eq 0 ] || [ "$EPOCHSECONDS" -lt "$end" ]; do
		k=$((k + 1))
		id=$((k % 3 + 1))
		day=$(printf '2020-10-%02d' $((k / 3 % 28 + 1)))
		run1 7 move "$id" "$day" vk-milestone move "$id" "$day" --reason "W7 flyttet $k"
	done
	return 0
}

writer8() {
	local k=0 id
	while [ "$k" -eq 0 ] || [ "$EPOCHSECONDS" -lt "$end" ]; do
		k=$((k + 1))
		id=$((k % 4 + 5))
		run1 8 set "$id" "W8 beskrivelse $k" vk-trial set "$id" \
			--description "W8 beskrivelse $k" --unit "Enhed $((k % 5))"
	done
	return 0
}

reader1() {
	local k=0 code
	while [ "$k" -eq 0 ] || [ "$EPOCHSECONDS" -lt "$end" ]; do
		k=$((k + 1))
		code=0
		vk-report weekly -o json > "$TEST_DIR/r1.weekly.$k" 2>>"$TEST_DIR/r1.err" || code=$?
		echo "weekly $k $code" >> "$TEST_DIR/r1.codes"
		code=0
		vk-report coverage > /dev/null 2>>"$TEST_DIR/r1.err" || code=$?
		echo "coverage $k $code" >> "$TEST_DIR/r1.codes"
	done
	return 0
}

reader2() {
	local k=0 code what
	while [ "$k" -eq 0 ] || [ "$EPOCHSECONDS" -lt "$end" ]; do
		k=$((k + 1))
		for what in stakeholder trial milestone; do
			code=0
			vk-$what list -o jsonl > "$TEST_DIR/r2.$what" 2>>"$TEST_DIR/r2.err" || code=$?
			echo "$what $k $code $(wc -l < "$TEST_DIR/r2.$what") $(grep -v -c "^{\"type\":\"$what\",\"id\":[0-9]*,.*}\$" "$TEST_DIR/r2.$what")" \
				>> "$TEST_DIR/r2.codes"
		done
	done
	return 0
}

# check: what the writers and readers did against the store (python).
check() {
	python3 - "$TEST_DIR" <<'PY'
import glob, json, os, sys

d = sys.argv[1]
problems = []

def jsonl(name):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        return [json.loads(l) for l in f.read().split("\n") if l.strip()]

def ops(n):
    path = os.path.join(d, "w%d.ops" % n)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip()]

recs = {t: {r["id"]: r for r in jsonl(t + ".jsonl")}
        for t in ("stakeholder", "engagement", "input", "trial", "learning", "milestone")}
events = jsonl("events.jsonl")
base_events = int(open(os.path.join(d, "base.events")).read())
ev = {}
for e in events:
    ev.setdefault((e["entity"], e["entity_id"]), []).append(e)

done = {}
for n in range(1, 9):
    for verb, out, value, code in ops(n):
        if code != "0":
            problems.append("writer %d: %s %s exited %s" % (n, verb, out, code))
    done[n] = [o for o in ops(n) if o[3] == "0"]

def added(n, verb, entity, title_key, prefix):
    """The ids writer n printed for verb are exactly the records of entity
    whose title_key starts with prefix, each with its add event."""
    ids = sorted(int(o[1]) for o in done[n] if o[0] == verb)
    found = sorted(i for i, r in recs[entity].items() if str(r.get(title_key) or "").startswith(prefix))
    if ids != found:
        problems.append("writer %d: added %d %ss, the store holds %d (%s)"
                        % (n, len(ids), entity, len(found), sorted(set(ids) ^ set(found))[:10]))
    for i in ids:
        adds = [e for e in ev.get((entity, i), []) if e["action"] == "add"]
        if len(adds) != 1:
            problems.append("%s %d: %d add events" % (entity, i, len(adds)))
    return ids

def changed(n, verb, entity, check, action, mark):
    """Each record writer n changed: as the last change left it (check),
    and with as many events of the writer (mark) as changes that worked."""
    last, count = {}, {}
    for o in done[n]:
        if o[0] == verb:
            i = int(o[1])
            last[i] = o[2]
            count[i] = count.get(i, 0) + 1
    for i, v in last.items():
        got = check(recs[entity][i])
        if got != v:
            problems.append("writer %d: %s %d holds %r, the last %s gave %r" % (n, entity, i, got, verb, v))
        evs = [e for e in ev.get((entity, i), []) if e["action"] == action and mark(e)]
        if len(evs) != count[i]:
            problems.append("writer %d: %d %ss of %s %d worked, its history has %d"
                            % (n, count[i], verb, entity, i, len(evs)))
    return sum(count.values())

w1 = added(1, "add", "stakeholder", "name", "Deltager ")
for i in w1:
    if recs["stakeholder"][i]["tags"] != ["w1"]:
        problems.append("stakeholder %d: tags %r" % (i, recs["stakeholder"][i]["tags"]))
w2e = added(2, "engage", "engagement", "title", "W2 ")
w2i = added(2, "input", "input", "source", "W2 ")
for o in done[2]:
    if o[0] == "input" and recs["input"][int(o[1])]["engagement"] != int(o[2]):
        problems.append("input %s: engagement %r, want %s" % (o[1], recs["input"][int(o[1])]["engagement"], o[2]))
w3 = changed(3, "set", "stakeholder", lambda r: r["notes"], "set",
             lambda e: str((e.get("after") or {}).get("notes", "")).startswith("W3 "))
w4t = added(4, "trial", "trial", "title", "W4 ")
w4l = added(4, "learn", "learning", "text", "W4 ")
for o in done[4]:
    if o[0] == "learn" and recs["learning"][int(o[1])]["trial"] != int(o[2]):
        problems.append("learning %s: trial %r, want %s" % (o[1], recs["learning"][int(o[1])]["trial"], o[2]))
w5 = changed(5, "move", "trial", lambda r: r["status"], "move",
             lambda e: str((e.get("after") or {}).get("reason", "")).startswith("W5 "))
w6 = added(6, "milestone", "milestone", "title", "W6 ")
w7 = changed(7, "move", "milestone", lambda r: r["due"], "move",
             lambda e: str((e.get("after") or {}).get("reason", "")).startswith("W7 "))
w8 = changed(8, "set", "trial", lambda r: r["description"], "set",
             lambda e: str((e.get("after") or {}).get("description", "")).startswith("W8 "))

writes = len(w1) + len(w2e) + len(w2i) + w3 + len(w4t) + len(w4l) + w5 + len(w6) + w7 + w8
if len(events) != base_events + writes:
    problems.append("the history has %d events: %d before and %d writes make %d"
                    % (len(events), base_events, writes, base_events + writes))
want = {"stakeholder": 6 + len(w1), "engagement": len(w2e), "input": len(w2i),
        "trial": 8 + len(w4t), "learning": len(w4l), "milestone": 3 + len(w6)}
for t, n in want.items():
    if len(recs[t]) != n:
        problems.append("%d %ss, want %d" % (len(recs[t]), t, n))

# the readers: every run exited 0, every output whole
reads = 0
for line in open(os.path.join(d, "r1.codes")):
    verb, k, code = line.split()
    reads += 1
    if code != "0":
        problems.append("reader 1: %s exited %s" % (verb, code))
    elif verb == "weekly":
        try:
            w = json.load(open(os.path.join(d, "r1.weekly." + k), encoding="utf-8"))
            if not all(key in w for key in ("week", "attention", "milestones", "trials", "engagement")):
                problems.append("reader 1: weekly %s lacks keys: %s" % (k, sorted(w)))
        except ValueError as e:
            problems.append("reader 1: weekly %s is no JSON: %s" % (k, e))
seen = {}
for line in open(os.path.join(d, "r2.codes")):
    what, k, code, n, bad = line.split()
    reads += 1
    if code != "0" or bad != "0":
        problems.append("reader 2: list of %ss exited %s with %s bad lines" % (what, code, bad))
    # records are only added: a list never holds fewer than the one before
    if int(n) < seen.get(what, 0):
        problems.append("reader 2: %d %ss after %d" % (int(n), what, seen[what]))
    seen[what] = max(seen.get(what, 0), int(n))

print("%d writes (%d stakeholder adds, %d engagements, %d inputs, %d stakeholder sets, "
      "%d trial adds, %d learnings, %d trial moves, %d milestone adds, %d milestone moves, "
      "%d trial sets), %d reads"
      % (writes, len(w1), len(w2e), len(w2i), w3, len(w4t), len(w4l), w5, len(w6), w7, w8, reads))
for p in problems[:20]:
    print("PROBLEM " + p)
sys.exit(1 if problems else 0)
PY
}

@test "8 writers and 2 readers at once for VK_STRESS_SECONDS: no error, no write lost, the counts add up" {
	base
	history_events > base.events
	[ "$(cat base.events)" -gt 0 ]
	end=$((EPOCHSECONDS + STRESS))
	for n in 1 2 3 4 5 6 7 8; do
		"writer$n" &
		pids+=($!)
	done
	reader1 &
	pids+=($!)
	reader2 &
	pids+=($!)
	for p in "${pids[@]}"; do
		wait "$p" || fail_with "a writer or reader stopped with exit $?"
	done
	pids=()

	# no error reached a user: nothing on stderr but a "created database"
	errors=$(cat w*.err r*.err 2>/dev/null | grep -v 'created database' | sort | uniq -c | sort -rn | head -5)
	[ -z "$errors" ] || fail_with "on stderr: $errors"

	# the store is whole, and holds what every writer did
	[ "$(sqlite3 "$VK_DB" 'PRAGMA integrity_check')" = ok ]
	vk-stakeholder export -o jsonl > stakeholder.jsonl
	vk-stakeholder engagement export -o jsonl > engagement.jsonl
	vk-stakeholder input export -o jsonl > input.jsonl
	vk-trial export -o jsonl > trial.jsonl
	vk-trial learning export -o jsonl > learning.jsonl
	vk-milestone export -o jsonl > milestone.jsonl
	{
		vk-stakeholder log -o jsonl
		vk-stakeholder engagement log -o jsonl
		vk-stakeholder input log -o jsonl
		vk-trial log -o jsonl
		vk-trial learning log -o jsonl
		vk-milestone log -o jsonl
	} > events.jsonl
	run check
	echo "# $STRESS s: $output" | head -1 >&3
	[ "$status" -eq 0 ] || fail_with "the store against what the writers did"
	# every writer got work done
	for n in 1 2 3 4 5 6 7 8; do
		[ "$(grep -c "	0\$" "w$n.ops")" -gt 0 ] || fail_with "writer $n did nothing"
	done
}
