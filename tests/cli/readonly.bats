#!/usr/bin/env bats
# Reading is read-only: a verb that only reads opens the store with
# SQLite's read-only open, so that a report user or a cron job under
# another account who may read the file, but not write it or its
# directory, gets its answer; it creates no -wal or -shm of its own and
# never changes the file. At rest a store is in rollback-journal mode
# (the last writer to close puts it back), which is what makes that
# possible. File problems say what they are: 66 with the system's reason
# for what cannot be read, 73 for a store that cannot be written.
#
# The other account is uid 54321 through setpriv when the tests run as
# root (root may read and write anything); otherwise the tests' own
# account, with permissions taken from it by chmod.

load helpers

READERS=("vk-stakeholder list" "vk-stakeholder show 1" "vk-stakeholder log"
	"vk-stakeholder export -o csv" "vk-stakeholder engagements" "vk-stakeholder inputs"
	"vk-trial list" "vk-trial learnings" "vk-milestone list" "vk-milestone ics"
	"vk-report weekly" "vk-report coverage" "vk-report grid" "vk-report themes"
	"vk-report trials" "vk-report timeline")

setup() {
	vk_setup
	if [ "$(id -u)" = 0 ]; then
		command -v setpriv >/dev/null || skip "needs setpriv to run as another account"
		OTHER=(setpriv --reuid=54321 --regid=54321 --clear-groups)
	else
		OTHER=()
	fi
	# a place the other account can reach (the test's own directory may be under a 0700 one)
	SHARED=$(mktemp -d /tmp/vk-readonly.XXXXXX)
	chmod 755 "$SHARED"
	mkdir "$SHARED/p"
	STORE=$SHARED/p/vk.db
}

teardown() {
	chmod -R u+rwX "$SHARED" 2>/dev/null || true
	rm -rf "$SHARED"
	vk_teardown
}

# as_other CMD...: runs CMD as the other account (see above), as `run` does
as_other() {
	run --separate-stderr env VK_DB="$STORE" "${OTHER[@]}" "$@"
}

process() {
	vk-stakeholder add "Åse Nørgaard" --group citizen --town Karup --email aase@example.dk >/dev/null 2>&1
	vk-stakeholder add "Bo Ølgaard" --group employee --town Viborg >/dev/null
	vk-stakeholder engage "Bustur: Karup" --date 2020-06-22 --kind meeting --town Karup --with 1,2 >/dev/null
	vk-stakeholder input add "Flere busser, tak" --engagement 1 --stakeholder 1 --theme mobilitet >/dev/null
	vk-trial add "Fælles madpakker" --start 2020-05-01 --end 2020-06-12 --owner 2 >/dev/null
	vk-milestone add "Borgermøde i Karup" --due 2020-07-03 >/dev/null
	cp "$VK_DB" "$STORE"
}

# lock_down: the store readable by all, the file and its directory writable by none
lock_down() {
	chmod 644 "$STORE"
	chmod 555 "$SHARED/p"
}

@test "a writer leaves the store at rest in rollback mode, with nothing beside it" {
	process
	[ "$(sqlite3 "$VK_DB" 'PRAGMA journal_mode')" = delete ]
	vk-stakeholder set 1 --town Viborg >/dev/null
	[ "$(sqlite3 "$VK_DB" 'PRAGMA journal_mode')" = delete ]
	for end in -wal -shm -journal; do
		[ ! -e "$VK_DB$end" ] || fail_with "$VK_DB$end left"
	done
}

@test "every reader works for an account that may read the store but not write it or its directory" {
	process
	lock_down
	cp "$STORE" "$SHARED/copy"
	local cmd
	for cmd in "${READERS[@]}"; do
		# shellcheck disable=SC2086
		as_other $cmd
		[ "$status" -eq 0 ] || fail_with "$cmd: exit $status: $stderr"
		[[ "$stderr" != *"attempt to write"* && "$stderr" != *"statement"* ]] || fail_with "$cmd: $stderr"
		[ "$(ls "$SHARED/p")" = vk.db ] || fail_with "$cmd left $(ls "$SHARED/p")"
		cmp -s "$STORE" "$SHARED/copy" || fail_with "$cmd changed the store"
	done
	as_other vk-stakeholder list -o csv
	[[ "$output" == *"Åse Nørgaard"* ]] || fail_with "the records"
	as_other vk-report weekly --week 2020-W26 -o json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq '.engagement.activities | length')" = 1 ] || fail_with "weekly"
}

@test "a reader that may write makes no -wal or -shm either, and changes nothing" {
	process
	cp "$VK_DB" before.db
	local cmd
	for cmd in "${READERS[@]}"; do
		# shellcheck disable=SC2086
		run --separate-stderr $cmd
		[ "$status" -eq 0 ] || fail_with "$cmd: exit $status"
		for end in -wal -shm -journal; do
			[ ! -e "$VK_DB$end" ] || fail_with "$cmd made $VK_DB$end"
		done
		cmp -s "$VK_DB" before.db || fail_with "$cmd changed the store"
	done
}

@test "a store an older vk left in WAL mode is read by another account, and nothing is made beside it" {
	process
	sqlite3 "$STORE" 'PRAGMA journal_mode = WAL' >/dev/null
	[ ! -e "$STORE-wal" ]
	lock_down
	as_other vk-stakeholder list -o csv
	[ "$status" -eq 0 ] || fail_with "exit $status: $stderr"
	[ "${#lines[@]}" -eq 3 ]
	as_other vk-report grid -o json
	[ "$status" -eq 0 ]
	[ "$(ls "$SHARED/p")" = vk.db ] || fail_with "left $(ls "$SHARED/p")"
}

@test "while a writer has the store open in WAL mode, another account reads its latest commit" {
	process
	chmod 644 "$STORE"
	chmod 755 "$SHARED/p"
	# a writer at work: the store in WAL mode with its -wal and -shm (made with the file's mode)
	mkfifo "$SHARED/fifo"
	sqlite3 "$STORE" < "$SHARED/fifo" > /dev/null 2>&1 &
	local holder=$!
	exec 9> "$SHARED/fifo"
	echo "PRAGMA journal_mode = WAL; SELECT count(*) FROM sqlite_master;" >&9
	local _
	for _ in $(seq 1 100); do
		[ -e "$STORE-shm" ] && break
		sleep 0.05
	done
	VK_DB=$STORE vk-stakeholder add "Cecilie Åkjær" --group business >/dev/null 2>&1
	[ -e "$STORE-wal" ] || fail_with "the writer's WAL"
	chmod 555 "$SHARED/p"
	as_other vk-stakeholder list --name cecilie -o csv
	exec 9>&-
	wait "$holder" || true
	[ "$status" -eq 0 ] || fail_with "exit $status: $stderr"
	[[ "$output" == *"Cecilie Åkjær"* ]] || fail_with "the commit in the WAL: $output"
}

@test "another program's SQLite file: every reader refuses it and leaves it as it was, in its mode" {
	sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1)"
	cp other.db copy.db
	local cmd
	for cmd in "${READERS[@]}"; do
		# shellcheck disable=SC2086
		run --separate-stderr $cmd --db other.db
		[ "$status" -eq 65 ] || fail_with "$cmd: exit $status"
		[[ "$stderr" == *"other.db: not a vk database" ]] || fail_with "$cmd: $stderr"
		cmp -s other.db copy.db || fail_with "$cmd changed it"
		[ "$(sqlite3 other.db 'PRAGMA journal_mode')" = delete ] || fail_with "$cmd switched it to WAL"
		[ ! -e other.db-wal ] && [ ! -e other.db-shm ] || fail_with "$cmd left -wal or -shm"
	done
	run --separate-stderr vk-stakeholder add "Åse" --db other.db
	[ "$status" -eq 65 ]
	cmp -s other.db copy.db
}

@test "a store that cannot be read: 66 with the system's reason" {
	[ ${#OTHER[@]} -gt 0 ] || [ "$(id -u)" != 0 ] || skip "root reads anything"
	process
	chmod 600 "$STORE"
	as_other vk-stakeholder list
	[ "$status" -eq 66 ] || fail_with "exit $status"
	[ "$stderr" = "vk-stakeholder: $STORE: Permission denied" ] || fail_with "$stderr"
	as_other vk-report weekly
	[ "$status" -eq 66 ]
	[ "$stderr" = "vk-report: $STORE: Permission denied" ] || fail_with "$stderr"
	as_other vk-stakeholder add "Åse"
	[ "$status" -eq 66 ] || fail_with "add: exit $status"
	[ "$stderr" = "vk-stakeholder: $STORE: Permission denied" ] || fail_with "add: $stderr"
}

@test "a directory given as the store or as an input file: 66, is a directory" {
	mkdir adir
	run --separate-stderr vk-stakeholder list --db adir
	[ "$status" -eq 66 ]
	[[ "$stderr" == "vk-stakeholder: adir: is a directory"* ]] || fail_with "$stderr"
	run --separate-stderr vk-stakeholder add "Åse" --db adir
	[ "$status" -eq 66 ]
	vk-stakeholder add "Åse Nørgaard" >/dev/null 2>&1
	before=$(db_digest)
	run --separate-stderr vk-stakeholder import adir
	[ "$status" -eq 66 ]
	[ "$stderr" = "vk-stakeholder: adir: is a directory" ] || fail_with "$stderr"
	run --separate-stderr vk-report weekly --input adir
	[ "$status" -eq 66 ]
	[ "$stderr" = "vk-report: adir: is a directory" ] || fail_with "$stderr"
	[ "$(db_digest)" = "$before" ]
}

@test "an input file that cannot be read: 66 with the system's reason, nothing written" {
	[ ${#OTHER[@]} -gt 0 ] || [ "$(id -u)" != 0 ] || skip "root reads anything"
	process
	chmod 666 "$STORE"
	chmod 777 "$SHARED/p"
	printf 'name\nCecilie Åkjær\n' > "$SHARED/people.csv"
	chmod 600 "$SHARED/people.csv"
	cp "$STORE" "$SHARED/copy"
	as_other vk-stakeholder import "$SHARED/people.csv"
	[ "$status" -eq 66 ] || fail_with "exit $status"
	[ "$stderr" = "vk-stakeholder: $SHARED/people.csv: Permission denied" ] || fail_with "$stderr"
	as_other vk-report weekly --input "$SHARED/people.csv"
	[ "$status" -eq 66 ]
	cmp -s "$STORE" "$SHARED/copy"
}

@test "a store that cannot be written: 73 with the reason, for the file and for its directory" {
	[ ${#OTHER[@]} -gt 0 ] || [ "$(id -u)" != 0 ] || skip "root writes anything"
	process
	lock_down
	cp "$STORE" "$SHARED/copy"
	local cmd
	for cmd in "vk-stakeholder add Cecilie" "vk-stakeholder set 1 --town Skive" "vk-trial move 1 proposed" \
		   "vk-milestone done 1" "vk-stakeholder forget 1"; do
		# shellcheck disable=SC2086
		as_other $cmd
		[ "$status" -eq 73 ] || fail_with "$cmd: exit $status: $stderr"
		[ "$stderr" = "${cmd%% *}: $STORE: cannot write the store: Permission denied" ] || fail_with "$cmd: $stderr"
	done
	# the file writable, its directory not: the journal cannot be made
	chmod 666 "$STORE"
	as_other vk-stakeholder add Cecilie
	[ "$status" -eq 73 ]
	[ "$stderr" = "vk-stakeholder: $STORE: cannot write in $SHARED/p, where the store keeps its journal while it changes: Permission denied" ] ||
		fail_with "$stderr"
	chmod 644 "$STORE"
	cmp -s "$STORE" "$SHARED/copy"
	[ "$(ls "$SHARED/p")" = vk.db ]
}
