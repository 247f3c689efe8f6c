#!/usr/bin/env bats
# Many processes on one database: writers wait for each other and lose
# nothing; a writer that waits past VK_LOCK_TIMEOUT exits 75 and writes
# nothing.

load helpers

teardown() {
	exec 8>&- 2>/dev/null || true
	if [ -n "${holder:-}" ] && kill -0 "$holder" 2>/dev/null; then
		kill "$holder" 2>/dev/null || true
	fi
	vk_teardown
}

# writer P N: adds N stakeholders, writing each exit code to codes.P.
writer() {
	local p=$1 n=$2 i
	for i in $(seq 1 "$n"); do
		vk-stakeholder add "Deltager $p-$i fra Tasiilaq" --group citizen --town Tasiilaq \
			--tag "proces$p" >/dev/null 2>>"errors.$p"
		echo $? >> "codes.$p"
	done
}

# reader: lists until the file writers.done appears, writing each exit
# code to codes.reader and each listing's bad lines to bad.reader.
reader() {
	local n=0
	while [ ! -e writers.done ] || [ "$n" -eq 0 ]; do
		vk-stakeholder list -o jsonl > listing.out 2>>errors.reader
		echo $? >> codes.reader
		grep -v -c '^{"type":"stakeholder","id":[0-9]*,.*}$' listing.out >> bad.reader || true
		n=$((n + 1))
	done
}

# hold_lock: a separate sqlite3 process takes the write lock and keeps it
# until release_lock.
hold_lock() {
	mkfifo lock.fifo
	sqlite3 "$VK_DB" < lock.fifo > holder.out 2>&1 &
	holder=$!
	exec 8> lock.fifo
	echo "BEGIN IMMEDIATE;" >&8
	local _
	for _ in $(seq 1 100); do
		if ! sqlite3 "$VK_DB" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.05
	done
	echo "the lock was not taken" >&2
	return 1
}

release_lock() {
	echo "COMMIT;" >&8
	exec 8>&-
	wait "$holder"
	holder=
}

@test "four processes adding at once while another lists: none fails, nothing is lost" {
	# an empty database to start from: an import of a header only
	printf 'name\n' | vk-stakeholder import - 2>/dev/null
	[ "$(vk-stakeholder list | wc -l)" -eq 0 ]
	reader &
	rpid=$!
	pids=()
	for p in 1 2 3 4; do
		writer "$p" 50 &
		pids+=($!)
	done
	wait "${pids[@]}"
	touch writers.done
	wait "$rpid"
	cat errors.* >&2 || true
	for p in 1 2 3 4; do
		[ "$(wc -l < "codes.$p")" -eq 50 ] || fail_with "writer $p ran $(wc -l < "codes.$p") times"
		[ "$(sort -u "codes.$p")" = 0 ] || fail_with "writer $p failed: $(sort -u "codes.$p" | paste -sd' ' -)"
		[ "$(vk-stakeholder list --tag "proces$p" | wc -l)" -eq 50 ]
	done
	[ "$(sort -u codes.reader)" = 0 ] || fail_with "the reader failed: $(sort -u codes.reader | paste -sd' ' -)"
	[ "$(sort -u bad.reader)" = 0 ] || fail_with "a listing had bad lines"
	[ "$(vk-stakeholder list | wc -l)" -eq 200 ]
	[ "$(vk-stakeholder list | ids | tr ' ' '\n' | sort -un | wc -l)" -eq 200 ]
	[ "$(vk-stakeholder list --sort -id --limit 1 | ids)" = 200 ]
	[ "$(vk-stakeholder log | grep -c '"action":"add"')" -eq 200 ]
	[ "$(vk-stakeholder log | wc -l)" -eq 200 ]
}

@test "four processes creating the database at once: none fails" {
	pids=()
	for p in 1 2 3 4; do
		writer "$p" 5 &
		pids+=($!)
	done
	wait "${pids[@]}"
	for p in 1 2 3 4; do
		[ "$(sort -u "codes.$p")" = 0 ] || fail_with "writer $p failed: $(cat "errors.$p")"
	done
	[ "$(vk-stakeholder list | wc -l)" -eq 20 ]
	[ "$(stat -c %a "$VK_DB")" = 600 ]
	# exactly one of them said it created the database
	[ "$(cat errors.* | grep -c 'created database')" -eq 1 ] || fail_with "$(cat errors.*)"
}

@test "a writer waits at most VK_LOCK_TIMEOUT seconds for a lock, then exits 75 and writes nothing" {
	add_people
	before=$(db_digest)
	hold_lock
	start=$(date +%s%N)
	run --separate-stderr env VK_LOCK_TIMEOUT=1 vk-stakeholder add "Låst Ude"
	elapsed_ms=$((($(date +%s%N) - start) / 1000000))
	[ "$status" -eq 75 ] || fail_with "add under a held lock"
	[ "$output" = "" ]
	[[ "$stderr" == "vk-stakeholder: "*"locked"* ]] || fail_with "message"
	[[ "$stderr" == *"VK_LOCK_TIMEOUT"* ]]
	[ "$elapsed_ms" -ge 900 ] || fail_with "gave up after $elapsed_ms ms"
	# other writing verbs too
	run --separate-stderr env VK_LOCK_TIMEOUT=1 vk-stakeholder set 1 --town Nuuk
	[ "$status" -eq 75 ]
	run --separate-stderr env VK_LOCK_TIMEOUT=1 vk-stakeholder import - <<< $'name\nIvalo'
	[ "$status" -eq 75 ]
	# readers are not held up by a writer
	run --separate-stderr env VK_LOCK_TIMEOUT=1 vk-stakeholder list
	[ "$status" -eq 0 ]
	[ "$(count_lines "$output")" = 6 ]
	release_lock
	[ "$(db_digest)" = "$before" ]
	# the lock is free again
	[ "$(VK_LOCK_TIMEOUT=1 vk-stakeholder add "Ivalo Kleist")" = 7 ]
}

@test "a writer that gets the lock within VK_LOCK_TIMEOUT succeeds" {
	add_people
	hold_lock
	VK_LOCK_TIMEOUT=10 vk-stakeholder add "Tålmodig Person" > waited.out 2> waited.err &
	waiter=$!
	sleep 0.5
	kill -0 "$waiter"
	release_lock
	wait "$waiter" || fail_with "the waiting writer failed: $(cat waited.err)"
	[ "$(cat waited.out)" = 7 ]
	[ "$(vk-stakeholder list --name Tålmodig | ids)" = 7 ]
}

@test "a VK_LOCK_TIMEOUT that is no number of seconds is refused" {
	add_people
	before=$(db_digest)
	run --separate-stderr env VK_LOCK_TIMEOUT=lang vk-stakeholder add "Hans Hansen"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *VK_LOCK_TIMEOUT* ]]
	[ "$(db_digest)" = "$before" ]
}

@test "import --dry-run does not wait for a writer: it works on a copy of the store as it stands" {
	vk-stakeholder add "Åse Nørgaard" --group citizen --town Karup >/dev/null 2>&1
	vk-stakeholder add "Bo Ølgaard" --group employee >/dev/null
	printf 'id,name,town\n1,Åse Nørgaard,Frederiks\n,Karen Ølholm,Karup\n' > rows.csv
	before=$(db_digest)
	hold_lock
	export VK_LOCK_TIMEOUT=5
	start=$(date +%s)
	run --separate-stderr vk-stakeholder import --dry-run rows.csv
	took=$(( $(date +%s) - start ))
	release_lock
	[ "$status" -eq 0 ] || fail_with "dry run failed"
	[ "$took" -lt 4 ] || fail_with "waited $took s for the lock"
	[[ "$output" == *"would add 1, update 1, leave 0 unchanged"* ]] || fail_with "summary"
	[ "$(db_digest)" = "$before" ] || fail_with "the dry run wrote"
	# a real import waits as before, and then fails
	VK_LOCK_TIMEOUT=1
	rm -f lock.fifo
	hold_lock
	run --separate-stderr vk-stakeholder import rows.csv
	release_lock
	[ "$status" -eq 75 ]
}
