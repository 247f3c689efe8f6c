#!/usr/bin/env bats
# help_synopsis.bats: the SYNOPSIS of each program's man page and the
# program's --help agree.
#
# For every verb that 'PROGRAM --help' lists (a noun's verbs as "NOUN VERB"),
# the man page's SYNOPSIS has exactly one block, and that block names the
# same long options as 'PROGRAM [NOUN] VERB --help' (less --help). A block
# is the lines from one '.Nm' to the next: '.Cm' lines right after '.Nm'
# name the verb ('.Cm engagement add'), and every 'Fl \-name' in the block
# is an option (write options in their long form, -o as --format).
# A block without '.Cm' ('.Nm vk-x Fl \-help') is no verb's and is skipped.
#
# Another program: add a test that calls check_program with its name.

setup() {
	root=${VK_ROOT:-$BATS_TEST_DIRNAME/../..}
	mandir=$root/man
	[ -d "$mandir" ] || mandir=$BATS_TEST_DIRNAME/../../man
}

# The verbs of PROGRAM, one a line, as its --help lists them; the verbs of
# a noun (a command whose --help lists commands) as "NOUN VERB".
help_verbs() {
	local prog=$1 cmd sub
	for cmd in $(help_commands "$prog"); do
		if "$prog" "$cmd" --help 2>/dev/null | head -n 1 |
			grep -q "^usage: $prog $cmd COMMAND"; then
			for sub in $(help_commands "$prog" "$cmd"); do
				echo "$cmd $sub"
			done
		else
			echo "$cmd"
		fi
	done
}

# The commands listed under "commands:" by 'ARGS... --help'.
help_commands() {
	"$@" --help | awk '
		/^commands:/ { on = 1; next }
		on && /^$/ { exit }
		on && /^  [a-z][a-z0-9-]* / { print $1 }'
}

# The long options (but --help) of 'ARGS... --help', sorted, one a line.
help_options() {
	"$@" --help | awk '
		/^options:/ { on = 1; next }
		on && match($0, /^ +(-[A-Za-z0-9], )?--[a-z0-9][a-z0-9-]*/) {
			s = substr($0, RSTART, RLENGTH)
			sub(/^.*--/, "--", s)
			if (s != "--help" && s != "--version")
				print s
		}' | sort -u
}

# The SYNOPSIS blocks of the mdoc page PAGE, one a line: the verb, a tab,
# then the long options of the block separated by spaces.
synopsis_blocks() {
	awk '
		function flush() {
			if (inblock && verb != "")
				print verb "\t" opts
			inblock = 0
		}
		/^\.Sh / {
			if (insyn)
				flush()
			insyn = ($0 ~ /^\.Sh +"?SYNOPSIS"?[ \t]*$/)
			next
		}
		!insyn || /^\.\\"/ { next }
		/^\.Nm([ \t]|$)/ {
			flush()
			inblock = 1; head = 1; verb = ""; opts = ""
			next
		}
		!inblock { next }
		{
			if (head && $1 == ".Cm") {
				for (i = 2; i <= NF; i++) {
					if ($i == "Cm")
						continue
					if ($i !~ /^[a-z][a-z0-9-]*$/)
						break
					verb = verb (verb == "" ? "" : " ") $i
				}
				next
			}
			head = 0
			for (i = 1; i < NF; i++) {
				if ($i != "Fl" && $i != ".Fl")
					continue
				t = $(i + 1)
				gsub(/\\-/, "-", t)
				t = "-" t
				if (match(t, /^--[a-z0-9][a-z0-9-]*/))
					opts = opts " " substr(t, RSTART, RLENGTH)
			}
		}
		END { if (insyn) flush() }' "$1"
}

# Checks PROGRAM's --help against the SYNOPSIS of PAGE (default: its page
# in man/). Prints every disagreement and fails when there is one.
check_program() {
	local prog=$1 page=${2:-$mandir/$1.1}
	local verbs blocks verb line n want have problems=""

	command -v "$prog" >/dev/null || { echo "$prog: not on PATH"; return 1; }
	[ -f "$page" ] || { echo "$page: no such man page"; return 1; }
	verbs=$(help_verbs "$prog")
	[ -n "$verbs" ] || { echo "$prog --help: no commands found"; return 1; }
	blocks=$(synopsis_blocks "$page")
	[ -n "$blocks" ] || { echo "$page: no SYNOPSIS blocks found"; return 1; }

	while IFS= read -r verb; do
		n=$(printf '%s\n' "$blocks" | awk -F '\t' -v v="$verb" '$1 == v' | wc -l)
		if [ "$n" -eq 0 ]; then
			problems="$problems
'$prog $verb': no SYNOPSIS block in $page"
			continue
		fi
		if [ "$n" -gt 1 ]; then
			problems="$problems
'$prog $verb': $n SYNOPSIS blocks in $page"
			continue
		fi
		# shellcheck disable=SC2086 # the verb is one or two words
		if ! want=$(help_options "$prog" $verb) || [ -z "$want" ]; then
			problems="$problems
'$prog $verb --help': no options read"
			continue
		fi
		line=$(printf '%s\n' "$blocks" | awk -F '\t' -v v="$verb" '$1 == v { print $2 }')
		have=$(printf '%s\n' $line | sed '/^$/d' | sort -u)
		if [ "$want" != "$have" ]; then
			problems="$problems
'$prog $verb': --help and SYNOPSIS differ (< only in --help, > only in the page):
$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$have") | grep '^[<>]')"
		fi
	done <<<"$verbs"

	# a block for a verb the program does not have is stale
	while IFS=$'\t' read -r verb line; do
		if ! printf '%s\n' "$verbs" | grep -qxF -- "$verb"; then
			problems="$problems
'$prog $verb': in the SYNOPSIS of $page, but not in --help"
		fi
	done <<<"$blocks"

	if [ -n "$problems" ]; then
		printf '%s\n' "$problems"
		return 1
	fi
}

@test "vk-stakeholder: SYNOPSIS of vk-stakeholder(1) matches --help, verb by verb" {
	check_program vk-stakeholder
}

@test "vk-trial: SYNOPSIS of vk-trial(1) matches --help, verb by verb" {
	check_program vk-trial
}

@test "vk-milestone: SYNOPSIS of vk-milestone(1) matches --help, verb by verb" {
	check_program vk-milestone
}

@test "vk-goal: SYNOPSIS of vk-goal(1) matches --help, verb by verb" {
	check_program vk-goal
}

@test "vk-report: SYNOPSIS of vk-report(1) matches --help, report by report" {
	check_program vk-report
}

@test "the check finds an option missing from a SYNOPSIS block" {
	local page=$BATS_TEST_TMPDIR/vk-stakeholder.1
	# drop --excel from the block of 'engagement list' only
	awk '
		/^\.Cm engagement list$/ { inblock = 1 }
		/^\.Nm/ { if (seen) inblock = 0 }
		inblock { seen = 1 }
		inblock && /^\.Op Fl \\-excel$/ { next }
		{ print }' "$mandir/vk-stakeholder.1" >"$page"
	run check_program vk-stakeholder "$page"
	[ "$status" -ne 0 ]
	[[ "$output" == *"'vk-stakeholder engagement list': --help and SYNOPSIS differ"* ]]
	[[ "$output" == *"< --excel"* ]]
}

@test "the check finds a verb without a SYNOPSIS block, and a stale one" {
	local page=$BATS_TEST_TMPDIR/vk-stakeholder.1
	# rename the block of 'forget'
	sed 's/^\.Cm forget$/.Cm forgot/' "$mandir/vk-stakeholder.1" >"$page"
	run check_program vk-stakeholder "$page"
	[ "$status" -ne 0 ]
	[[ "$output" == *"'vk-stakeholder forget': no SYNOPSIS block"* ]]
	[[ "$output" == *"'vk-stakeholder forgot': in the SYNOPSIS"* ]]
}

@test "every --help lists --version" {
	for prog in vk-stakeholder vk-trial vk-milestone vk-report; do
		"$prog" --help | grep -q -- '--version' || { echo "# $prog --help" >&3; return 1; }
		for verb in $(help_verbs "$prog"); do
			# shellcheck disable=SC2086
			"$prog" $verb --help | grep -q -- '--version' ||
				{ echo "# $prog $verb --help has no --version" >&3; return 1; }
		done
		for noun in $(help_verbs "$prog" | awk 'NF == 2 { print $1 }' | sort -u); do
			"$prog" "$noun" --help | grep -q -- '--version' ||
				{ echo "# $prog $noun --help has no --version" >&3; return 1; }
		done
	done
}
