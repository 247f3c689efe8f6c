# helpers.bash: what every command-line test of vk shares. Each .bats file
# starts with `load helpers`.
#
# Every test runs in a fresh directory of its own with its own database
# ($VK_DB), a fixed "today" (VK_TODAY=2020-06-26, a Friday in ISO week
# 2020-W26) and a fixed user for the history. The programs are found on
# PATH: tests/run puts the build's bin first and sets VK_ROOT and VK_BIN
# (that bin). Run by hand, the programs are those of $VK_BUILD/bin when
# VK_BUILD (a build directory of the project) is given, else those on
# PATH, else those of build/check (the build make check and make test
# make):
#
#	bats tests/cli/
#	VK_BUILD=build/asan bats tests/cli/FILE.bats
#
# Every person, e-mail address and phone number here is invented.

bats_require_minimum_version 1.5.0

: "${VK_ROOT:=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}"
export VK_ROOT
if [ -z "${VK_BIN:-}" ]; then
	if [ -n "${VK_BUILD:-}" ] || ! command -v vk-stakeholder >/dev/null 2>&1; then
		put_first=1
	fi
	case ${VK_BUILD:=build/check} in
	/*) VK_BIN=$VK_BUILD/bin ;;
	*) VK_BIN=$VK_ROOT/$VK_BUILD/bin ;;
	esac
	[ -z "${put_first:-}" ] || PATH="$VK_BIN:$PATH"
	unset put_first
fi
export VK_BIN
EXAMPLES="$VK_ROOT/examples"

vk_setup() {
	if [ -n "${BATS_TEST_TMPDIR:-}" ]; then
		TEST_DIR=$BATS_TEST_TMPDIR
		VK_OWN_TMPDIR=
	else
		TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/vk-test.XXXXXX")
		VK_OWN_TMPDIR=$TEST_DIR
	fi
	export TEST_DIR
	export VK_DB="$TEST_DIR/vk.db"
	export VK_TODAY=2020-06-26
	export USER=vk-test
	export LC_ALL=C.UTF-8
	unset VK_LOCK_TIMEOUT COLUMNS
	cd "$TEST_DIR" || return 1
}

vk_teardown() {
	cd / || true
	if [ -n "${VK_OWN_TMPDIR:-}" ]; then
		rm -rf "$VK_OWN_TMPDIR"
	fi
}

setup() { vk_setup; }
teardown() { vk_teardown; }

# db_digest [DB]: a digest of everything the database holds (every table,
# the history in events included, and the schema version), or "absent"
# when there is no database file. Equal digests before and after a
# command prove that it wrote nothing.
db_digest() {
	local db=${1:-$VK_DB}
	if [ ! -e "$db" ]; then
		echo absent
		return
	fi
	{ sqlite3 "$db" .dump; sqlite3 "$db" 'PRAGMA user_version;'; } | sha256sum | cut -d' ' -f1
}

# ids: reads JSON Lines records on stdin, prints their ids on one line.
ids() {
	sed -nE 's/^\{"type":"[a-z]+","id":([0-9]+)[,}].*/\1/p' | paste -sd' ' -
}

# norm_ts: replaces RFC 3339 timestamps (created, updated, at) with TS.
norm_ts() {
	sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TS/g'
}

# count_lines TEXT: the number of lines of TEXT (0 for "").
# history_events: how many events the store's history holds: its rows,
# and the adds kept as runs (schema 7) that no row stands for.
history_events() {
	sqlite3 "$VK_DB" "SELECT (SELECT count(*) FROM events)
		+ (SELECT coalesce(sum(count), 0) FROM added_runs)
		- (SELECT count(*) FROM events e JOIN added_runs r
		   ON e.id >= r.first_event AND e.id < r.first_event + r.count)"
}

count_lines() {
	if [ -z "$1" ]; then echo 0; else printf '%s\n' "$1" | wc -l | tr -d ' '; fi
}

# fail_with MESSAGE: fails the test with MESSAGE and the last output.
fail_with() {
	{
		echo "$1"
		echo "status: ${status:-}"
		echo "output: ${output:-}"
		[ -z "${stderr:-}" ] || echo "stderr: $stderr"
	} >&2
	return 1
}

# add_people: the register most tests start from (ids 1-6).
#  1 Aviaja Kristiansen-Kleist  politician  Nuuk      owner, steering
#  2 Søren Ødegård Åsheim       consultant  Qaqortoq  working, lead, 50 %
#  3 Naja Lyberth-Møller        citizen     Tasiilaq  participant
#  4 Pipaluk Heilmann           employee    Paamiut   working, secretary, 20 %
#  5 Kaalu Kreutzmann           business    Paamiut   -
#  6 Ane-Sofie Ødegaard         association Ittoqqortoormiit participant
add_people() {
	vk-stakeholder add "Aviaja Kristiansen-Kleist" --group politician \
		--organisation "Kommuneqarfik Sermersooq, Kommunalbestyrelsen" \
		--town Nuuk --email aviaja.kk@example.gl --phone "+299 36 60 01" \
		--role owner,steering --influence high --interest high \
		--tag vision --tag politik \
		--notes 'Borgmester. Sagde: "Visionen skal forstås i Nuuk, Tasiilaq og Kapisillit."' \
		>/dev/null 2>&1
	vk-stakeholder add "Søren Ødegård Åsheim" --group consultant \
		--organisation "Arktisk Procesrådgivning ApS" --town Qaqortoq \
		--email soren.asheim@example.dk --phone "+45 20 30 40 50" \
		--role working --role lead --allocation 50 --influence medium \
		--interest high --tag proces >/dev/null
	vk-stakeholder add "Naja Lyberth-Møller" --group citizen --town Tasiilaq \
		--role participant --influence low --interest high --tag østkysten \
		--notes $'Første linje\nAnden linje, med komma; og semikolon' >/dev/null
	vk-stakeholder add "Pipaluk Heilmann" --group employee \
		--organisation "Paamiut Skole" --town Paamiut \
		--role working,secretary --allocation 20 --influence low \
		--interest medium --tag skole >/dev/null
	vk-stakeholder add "Kaalu Kreutzmann" --group business \
		--organisation "Paamiut Fisk ApS" --town Paamiut \
		--influence high --interest low --tag fiskeri --tag erhverv >/dev/null
	vk-stakeholder add "Ane-Sofie Ødegaard" --group association \
		--organisation 'Foreningen "Kaffemik"' --town Ittoqqortoormiit \
		--role participant --influence medium --interest medium >/dev/null
}

# add_engagements: engagements and inputs over the register of add_people.
#  engagement 1 2020-02-24 seminar  Nuuk      with 1,2     politician=14;management=2
#  engagement 2 2020-03-11 workshop Tasiilaq  with 2,3     citizen=23;employee=6
#  engagement 3 2020-06-23 dialogue Paamiut   with 4       citizen=12
#  input 1 (engagement 1, stakeholder 1), 2 (2, anonymous), 3 (2, stakeholder 3),
#  input 4 (3, anonymous)
add_engagements() {
	vk-stakeholder engage "Opstartsseminar med kommunalbestyrelsen" \
		--date 2020-02-24 --kind seminar --town Nuuk --with 1,2 \
		--headcount politician=14 --headcount management=2 \
		--theme "det gode liv" --theme fællesskab >/dev/null
	vk-stakeholder engage "Workshop i forsamlingshuset, Tasiilaq" \
		--date 2020-03-11 --kind workshop --town Tasiilaq --with 2 --with 3 \
		--headcount citizen=23 --headcount employee=6 \
		--theme fællesskab --theme "børn og unge" \
		--notes 'Kaffemik bagefter; "tak for kaffe"' >/dev/null
	vk-stakeholder engage "Borgermøde i Paamiut" --date 2020-06-23 \
		--kind dialogue --town Paamiut --with 4 --headcount citizen=12 \
		--theme arbejdspladsen >/dev/null
	vk-stakeholder input add "Visionen skal kunne forstås lige godt i Nuuk, Tasiilaq og Kapisillit." \
		--engagement 1 --stakeholder 1 --source borgmester \
		--theme "det gode liv" >/dev/null
	vk-stakeholder input add 'Jeg vil gerne hjem igen bagefter. "Der skal være noget at komme hjem til."' \
		--engagement 2 --source "ung kvinde, 19 år, Tasiilaq" \
		--theme "børn og unge" --theme "det gode liv" >/dev/null
	vk-stakeholder input add "Før delte vi fangsten med naboerne." \
		--engagement 2 --stakeholder 3 --source "kvinde, Tasiilaq" \
		--theme fællesskab >/dev/null
	vk-stakeholder input add "Vi mangler lærere og pædagoger." \
		--engagement 3 --source "mandlig fisker, Paamiut" \
		--theme arbejdspladsen --theme "børn og unge" >/dev/null
}

# found_in FILE: how many of the strings in the caller's ERASED array FILE
# holds (0 when FILE is absent): the test of forget's "no copy anywhere".
found_in() {
	local n=0 s c
	[ -e "$1" ] || { echo 0; return; }
	for s in "${ERASED[@]}"; do
		c=$(grep -a -c -F -- "$s" "$1" || true)
		n=$((n + c))
	done
	echo "$n"
}

# files_hold: the ERASED strings found in the database file, its WAL and
# any rollback journal, as "db wal journal".
files_hold() {
	echo "$(found_in "$VK_DB") $(found_in "$VK_DB-wal") $(found_in "$VK_DB-journal")"
}
