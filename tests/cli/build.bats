#!/usr/bin/env bats
# build.bats: what `make`, `make install` and `make bench` build carries
# none of the test builds' self-checks (Makefile, SELF_CHECK); the test
# builds do carry them.

load helpers

# change_c_line MAKE-ARGUMENTS...: the command make would run for
# lib/change.c, asked of the Makefile with make -n (nothing is built).
change_c_line() {
	(cd "$VK_ROOT" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -n -B --no-print-directory "$@") |
		grep -E -- '-c -o [^ ]*lib/change\.o lib/change\.c$' | head -n 1
}

# preprocessed LINE: lib/change.c as that command's flags make it
preprocessed() {
	local cmd=${1% -c -o *}
	cmd=${cmd//-MMD/}
	cmd=${cmd//-MP/}
	# shellcheck disable=SC2086
	(cd "$VK_ROOT" && $cmd -E lib/change.c)
}

# what the self-check does: read the added record back and compare
READ_BACK='vk_record_history_text(e, stored)'

@test "make and make install compile no read-back of every added record" {
	for target in all "install PREFIX=$TEST_DIR/usr DESTDIR="; do
		# shellcheck disable=SC2086
		line=$(change_c_line $target)
		[ -n "$line" ] || fail_with "make $target: no command for lib/change.c"
		[[ "$line" != *VK_SELF_CHECK* ]] || fail_with "make $target: $line"
		run preprocessed "$line"
		[ "$status" -eq 0 ] || fail_with "make $target: cannot preprocess"
		[[ "$output" == *"vk_change_add"* ]] || fail_with "make $target: not lib/change.c"
		[[ "$output" != *"$READ_BACK"* ]] || fail_with "make $target: the self-check is built in"
	done
	[ ! -e "$TEST_DIR/usr" ]
}

@test "the test builds (make check, make test) compile the self-check" {
	for build in build/check build/asan; do
		line=$(change_c_line BUILD=$build programs)
		[[ "$line" == *-DVK_SELF_CHECK* ]] || fail_with "$build: $line"
		run preprocessed "$line"
		[ "$status" -eq 0 ]
		[[ "$output" == *"$READ_BACK"* ]] || fail_with "$build: no self-check"
	done
}
