#!/bin/sh
# deps.sh build|test|valgrind|fuzz|bench: makes sure what vk needs is on this machine.
# For each missing piece it names the Debian package. As root it installs
# them with apt-get; otherwise it prints the apt-get line and fails.
set -u
what=${1:-build}
missing=""

need_pc() { pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
need_header() {
	printf '#include <%s>\n' "$1" | ${CC:-cc} -E -x c - >/dev/null 2>&1 ||
		missing="$missing $2"
}

need_cmd ${CC:-cc} gcc
need_cmd make make
need_cmd pkg-config pkg-config
if command -v pkg-config >/dev/null 2>&1; then
	need_pc jansson libjansson-dev
	need_pc sqlite3 libsqlite3-dev
	need_pc icu-i18n libicu-dev	# Unicode case folding and collation
fi
need_header csv.h libcsv-dev	# Debian ships no .pc file for libcsv
if [ "$what" = test ]; then
	command -v pkg-config >/dev/null 2>&1 && need_pc cmocka libcmocka-dev
	need_cmd bats bats
	need_cmd prove perl
	need_cmd mandoc mandoc
	need_cmd sqlite3 sqlite3
	need_cmd localedef libc-bin
	command -v pkg-config >/dev/null 2>&1 && need_pc libical libical-dev
	need_cmd chromium chromium
	need_cmd python3 python3
	need_cmd jq jq		# JSON as other tools write it (tests/cli/input.bats)
	need_cmd mlr miller	# tsv.bats, input.bats: Miller reads what vk writes
	[ -f /usr/share/i18n/locales/da_DK ] || missing="$missing locales"
fi
if [ "$what" = bench ]; then
	[ -x /usr/bin/time ] || missing="$missing time"	# GNU time: peak memory (%M)
	need_cmd sqlite3 sqlite3
	need_cmd jq jq
	need_cmd bash bash
fi
if [ "$what" = fuzz ]; then
	# make fuzz: clang with libFuzzer and the sanitizers' runtime
	if command -v clang >/dev/null 2>&1; then
		printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)%s\n' \
			' { (void)d; (void)n; return 0; }' |
			clang -fsanitize=fuzzer,address,undefined -x c - -o /dev/null \
				>/dev/null 2>&1 || missing="$missing libclang-rt-14-dev"
	else
		missing="$missing clang libclang-rt-14-dev"
	fi
fi

if [ "$what" = valgrind ]; then
	need_cmd valgrind valgrind
fi

[ -z "$missing" ] && exit 0
# one package may be named twice (pkg-config and its users)
missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ')
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "vk: installing missing packages: $missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get update -qq && apt-get install -y -qq $missing; } >&2 ||
		{ echo "vk: apt-get failed; run: apt-get install -y $missing" >&2; exit 1; }
	exit 0
fi
echo "vk: missing packages; run:" >&2
echo "  sudo apt-get install -y $missing" >&2
exit 1
