#!/usr/bin/env bats
# vk-report: the steering group's weekly status and the reports around it
# (coverage, grid, themes, trials, timeline), in every format, on the
# example process of examples/ and on edge cases; --input streams; exit
# codes. The rendering of HTML in a browser is tested in html.bats.
#
# The example process is built once for the file (setup_file, as
# examples/demo.sh builds it, with VK_TODAY=2020-06-26, a Friday in ISO
# week 2020-W26) and every test starts from a copy of it. What the example
# holds for 2020-W26:
#   milestone 9 overdue (due 2020-06-19, 7 days late); milestone 8 moved
#   from 2020-06-12 to 2020-06-19 this week, with its reason; milestone 10
#   done 2020-06-23; milestones 11 and 12 due in the next 3 weeks;
#   trial 6 past its end (2020-05-29, 28 days) and running; proposals
#   15 16 17 19 21 waiting; 5 learnings dated in the week; one engagement
#   (15, 2020-06-23, Nuuk); groups business, education and partner and
#   towns Kapisillit, Qaqortoq and Tasiilaq not reached in 4 weeks.

load helpers

REPORTS="weekly coverage grid themes trials timeline"
TABULAR="coverage grid themes trials timeline"

setup_file() {
	export VK_EXAMPLE_DB="$BATS_FILE_TMPDIR/example.db"
	(
		set -e
		export VK_DB="$VK_EXAMPLE_DB" VK_TODAY=2020-06-26 USER=vk-test LC_ALL=C.UTF-8
		cd "$BATS_FILE_TMPDIR"
		vk-stakeholder import "$EXAMPLES/stakeholders.csv"
		vk-stakeholder engagement import "$EXAMPLES/engagements.csv"
		vk-stakeholder input import "$EXAMPLES/inputs.csv"
		vk-milestone import "$EXAMPLES/milestones.csv"
		vk-milestone move 8 2020-06-19 --reason "Kommunalbestyrelsens junimøde blev flyttet en uge"
		vk-milestone set 8 --start 2020-06-15
		vk-milestone done 8 --date 2020-06-19
		vk-trial import "$EXAMPLES/trials.csv"
		vk-trial learning import "$EXAMPLES/learnings.csv"
	) >/dev/null 2>&1 || rm -f "$VK_EXAMPLE_DB"
}

setup() {
	vk_setup
	[ -f "$VK_EXAMPLE_DB" ] || fail_with "the example process could not be built"
	cp -p "$VK_EXAMPLE_DB" "$VK_DB"
}

# fresh_db: points VK_DB at a database that does not exist yet.
fresh_db() {
	export VK_DB="$TEST_DIR/fresh.db"
	rm -f "$VK_DB"
}

# json EXPR: reads the JSON text in $output (or on stdin with "-" as a
# second argument) and prints what the Perl expression EXPR gives, $j being
# the decoded text: a list joined by spaces, a structure as canonical JSON,
# undef as null.
json() {
	local src=${2:-}
	if [ "$src" = - ]; then cat; else printf '%s\n' "$output"; fi |
		perl -CSDA -MJSON::PP -0777 -e '
			my $in = <STDIN>;
			my $j = JSON::PP->new->decode($in);
			my @r = eval $ARGV[0];
			die $@ if $@;
			my $c = JSON::PP->new->canonical;
			print join(" ", map { !defined $_ ? "null" : ref $_ ? $c->encode($_) : $_ } @r), "\n";' "$1"
}

# canon: each JSON Lines record on stdin as canonical JSON, one a line.
canon() {
	perl -CSD -MJSON::PP -ne 'print JSON::PP->new->canonical->encode(JSON::PP->new->decode($_)), "\n"'
}

# unwrap: joins the continuation lines of wrapped text items (indented by
# four spaces) to the line they continue.
unwrap() {
	perl -0pe 's/\n {4}(?=\S)/ /g'
}

# section HEADING NEXT: the lines of $output from HEADING up to NEXT.
section() {
	printf '%s\n' "$output" | sed -n "/^$1\$/,/^$2\$/p"
}

# too_wide: the lines of stdin wider than 80 columns that are not table
# rows of cells (split at two or more spaces) at most 40 columns wide.
too_wide() {
	perl -CSD -ne 'chomp; next if length($_) <= 80;
		my @cells = grep { length } split /  +/;
		print "$.: ", length($_), ": $_\n" if grep { length($_) > 40 } @cells'
}

# exports: every record of the store as JSON Lines, the history included.
exports() {
	vk-stakeholder export -o jsonl
	vk-stakeholder engagement export -o jsonl
	vk-stakeholder input export -o jsonl
	vk-milestone export -o jsonl
	vk-milestone log -o jsonl
	vk-trial export -o jsonl
	vk-trial learning export -o jsonl
	vk-trial log -o jsonl
}

# formats_of REPORT: the formats REPORT prints.
formats_of() {
	if [ "$1" = weekly ]; then
		echo "text markdown html json"
	else
		echo "text markdown html json csv tsv jsonl"
	fi
}

# check_format REPORT FORMAT: $output looks like REPORT in FORMAT.
check_format() {
	local report=$1 format=$2 first
	first=$(printf '%s\n' "$output" | head -n 1)
	[ -n "$output" ] || { echo "$report -o $format: no output"; return 1; }
	case $format in
	text)
		# a title, underlined
		printf '%s\n' "$output" | sed -n 2p | grep -qE '^=+$' ||
			{ echo "$report: text has no underlined title"; return 1; } ;;
	markdown)
		[[ "$first" == "# "?* ]] || { echo "$report: markdown starts with '$first'"; return 1; } ;;
	html)
		[ "$first" = "<!DOCTYPE html>" ] || { echo "$report: html starts with '$first'"; return 1; }
		[[ "$output" == *"</html>" ]] || { echo "$report: html does not end with </html>"; return 1; } ;;
	json)
		[ "$(json '$j->{type}')" = "$report" ] || { echo "$report: json type"; return 1; } ;;
	csv)
		[[ "$first" == *$'\r' ]] || { echo "$report: csv header without CR LF"; return 1; }
		[[ "$first" == *,* ]] || { echo "$report: csv header '$first'"; return 1; } ;;
	tsv)
		[[ "$first" == *$'\t'* ]] || { echo "$report: tsv header '$first'"; return 1; }
		[[ "$first" != *$'\r' ]] || { echo "$report: tsv with CR"; return 1; } ;;
	jsonl)
		printf '%s\n' "$output" | perl -CSD -MJSON::PP -ne \
			'my $r = JSON::PP->new->decode($_); die "line $.: not an object\n" unless ref $r eq "HASH"' ||
			{ echo "$report: jsonl"; return 1; } ;;
	esac
}

# ---- every report, every format ----

@test "every report prints in every format it takes, on the example process, and writes nothing" {
	before=$(db_digest)
	for report in $REPORTS; do
		for format in $(formats_of "$report"); do
			run --separate-stderr vk-report "$report" -o "$format"
			[ "$status" -eq 0 ] || fail_with "$report -o $format"
			[ -z "$stderr" ] || fail_with "$report -o $format wrote to stderr"
			check_format "$report" "$format" || fail_with "$report -o $format"
		done
		# --format is -o
		run --separate-stderr vk-report "$report" --format=json
		[ "$status" -eq 0 ] && [ "$(json '$j->{type}')" = "$report" ] || fail_with "$report --format=json"
	done
	# reports only read
	[ "$(db_digest)" = "$before" ]
}

@test "the default format is text, also into a pipe or a file" {
	for report in $REPORTS; do
		vk-report "$report" > "$report.default"
		vk-report "$report" -o text > "$report.text"
		cmp "$report.default" "$report.text" || fail_with "$report: default is not text"
		head -n 1 "$report.default" | grep -qv '^[{<#]' || fail_with "$report: default"
	done
}

@test "weekly takes no tabular format: -o csv, tsv, jsonl, table exit 2 naming the formats it takes" {
	for format in csv tsv jsonl table yaml; do
		run --separate-stderr vk-report weekly -o "$format"
		[ "$status" -eq 2 ] || fail_with "weekly -o $format"
		[ -z "$output" ] || fail_with "weekly -o $format printed"
		[[ "$stderr" == *"\"$format\" is not a format of this report; use text, markdown, html or json"* ]] ||
			fail_with "weekly -o $format: message"
	done
	run --separate-stderr vk-report grid -o yaml
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"text, markdown, html, json, csv, tsv or jsonl"* ]]
}

# ---- weekly on the example process, 2020-W26 ----

@test "weekly, text: the title, the week's dates, and 'Needs attention' as the first section" {
	run --separate-stderr vk-report weekly --week 2020-W26
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | sed -n 1p)" = "Weekly status, week 26" ]
	[ "$(printf '%s\n' "$output" | sed -n 3p)" = "22 June 2020 to 28 June 2020 (2020-W26)" ]
	# the first heading after the title is the attention list
	[ "$(printf '%s\n' "$output" | sed -n '4,$p' | grep -v '^$' | head -n 1)" = "Needs attention" ] ||
		fail_with "attention is not first"
	# then the other sections, in order
	headings=$(printf '%s\n' "$output" | grep -xE 'Needs attention|Milestones|Trials|Engagement' | paste -sd,)
	[ "$headings" = "Needs attention,Milestones,Trials,Engagement" ] || fail_with "sections: $headings"
}

@test "weekly, text: attention names the overdue milestone 9, the late trial 6 and the moved milestone 8, with how late" {
	run vk-report weekly --week 2020-W26
	[ "$status" -eq 0 ]
	att=$(section "Needs attention" "Milestones" | unwrap)
	m9=$(printf '%s\n' "$att" | grep '^  ! Milestone 9 ')
	[[ "$m9" == *'"Midtvejsrapport til kommunalbestyrelsen"'* ]] || fail_with "milestone 9: $m9"
	[[ "$m9" == *"2020-06-19"* && "$m9" == *"7 days late"* ]] || fail_with "milestone 9: $m9"
	t6=$(printf '%s\n' "$att" | grep '^  ! Trial 6 ')
	[[ "$t6" == *'"Fodbold og sundhedssnak efter skoletid"'* ]] || fail_with "trial 6: $t6"
	[[ "$t6" == *"2020-05-29"* && "$t6" == *"running"* && "$t6" == *"28 days"* ]] || fail_with "trial 6: $t6"
	m8=$(printf '%s\n' "$att" | grep '^  ! Milestone 8 ')
	[[ "$m8" == *'"Anden samling"'* && "$m8" == *"2020-06-12"* && "$m8" == *"2020-06-19"* ]] ||
		fail_with "milestone 8: $m8"
	[[ "$m8" == *"7 days"* ]] || fail_with "milestone 8 without its slip: $m8"
	[[ "$m8" == *"Kommunalbestyrelsens junimøde blev flyttet en uge"* ]] || fail_with "milestone 8 without its reason"
	# nothing else is overdue or late
	[ "$(printf '%s\n' "$att" | grep -c '^  ! Milestone ')" -eq 2 ]
	[ "$(printf '%s\n' "$att" | grep -c '^  ! Trial ')" -eq 1 ]
}

@test "weekly, text: attention lists the proposals waiting for a decision, 15 16 17 19 21" {
	run vk-report weekly --week 2020-W26
	att=$(section "Needs attention" "Milestones" | unwrap)
	waiting=$(printf '%s\n' "$att" | sed -nE 's/^  \? Trial ([0-9]+) .*waits for a decision$/\1/p' | sort -n | paste -sd' ')
	[ "$waiting" = "15 16 17 19 21" ] || fail_with "waiting: $waiting"
	[[ "$att" == *'Trial 21 "Tilbudsmesse for familier i Tasiilaq" is proposed'* ]]
}

@test "weekly: a proposal decided this week no longer waits, and its move is listed with the reason" {
	vk-trial move 19 approved --date 2020-06-24 --reason "Styregruppen godkendte den 24. juni"
	run vk-report weekly --week 2020-W26
	att=$(section "Needs attention" "Milestones" | unwrap)
	waiting=$(printf '%s\n' "$att" | sed -nE 's/^  \? Trial ([0-9]+) .*/\1/p' | sort -n | paste -sd' ')
	[ "$waiting" = "15 16 17 21" ] || fail_with "waiting: $waiting"
	moves=$(section "Moves this week" "Past their end date and not done")
	[[ "$moves" == *"19  Bygdens egen anlægsliste"*"proposed  approved  2020-06-24  Styregruppen godkendte den 24. juni"* ]] ||
		fail_with "moves: $moves"
	run vk-report weekly --week 2020-W26 -o json
	[ "$(json 'map { "$_->{trial}{id}:$_->{from}>$_->{to}:$_->{date}" } @{$j->{trials}{moves}}')" = "19:proposed>approved:2020-06-24" ]
	[ "$(json '$j->{trials}{moves}[0]{reason}')" = "Styregruppen godkendte den 24. juni" ]
	[ "$(json 'join ",", sort { $a <=> $b } map { $_->{id} } @{$j->{trials}{waiting}}')" = "15,16,17,21" ]
	# a move of another week is not this week's
	run vk-report weekly --week 2020-W25 -o json
	[ "$(json 'scalar @{$j->{trials}{moves}}')" = 0 ]
}

@test "weekly, text: attention lists the groups (business, education, partner) and towns (Kapisillit, Qaqortoq, Tasiilaq) not reached" {
	run vk-report weekly --week 2020-W26
	att=$(section "Needs attention" "Milestones" | unwrap)
	groups=$(printf '%s\n' "$att" | sed -nE 's/^  ! Group ([a-z]+) (not|never) reached.*/\1/p' | paste -sd' ')
	[ "$groups" = "business education partner" ] || fail_with "groups: $groups"
	towns=$(printf '%s\n' "$att" | sed -nE 's/^  ! Town ([^ ]+) (not|never) reached.*/\1/p' | paste -sd' ')
	[ "$towns" = "Kapisillit Qaqortoq Tasiilaq" ] || fail_with "towns: $towns"
	# with the day last reached, or never
	[[ "$att" == *"Town Tasiilaq not reached since 2020-03-11 (15 weeks)"* ]]
	[[ "$att" == *"Town Qaqortoq never reached"* ]]
	# and the same in the engagement section's table
	gaps=$(section "Not reached in the last 4 weeks" "XXX")
	[[ "$gaps" == *"group  education   2020-03-18"* ]] || fail_with "gaps: $gaps"
	[[ "$gaps" == *"town   Qaqortoq"* ]] || fail_with "gaps: $gaps"
	[ "$(printf '%s\n' "$gaps" | grep -cE '^  (group|town) ')" -eq 6 ]
}

@test "weekly, text: milestones done this week (10), due in the next 3 weeks (11, 12), overdue (9), moved (8)" {
	run vk-report weekly --week 2020-W26
	done_=$(section "Done this week" "Due in the next 3 weeks")
	[ "$(printf '%s\n' "$done_" | sed -nE 's/^ +([0-9]+)  [0-9-]{10}  .*/\1/p' | paste -sd' ')" = "10" ] ||
		fail_with "done: $done_"
	# a meeting's hour beside its day
	[[ "$done_" == *"2020-06-23  13:00  Styregruppemøde: status og anden runde"* ]] || fail_with "done: $done_"
	[[ "$(section "Due in the next 3 weeks" "Overdue")" == *"2020-07-08  10:00  Styregruppens beslutning"* ]] ||
		fail_with "due: the hour"
	due=$(section "Due in the next 3 weeks" "Overdue")
	[ "$(printf '%s\n' "$due" | sed -nE 's/^ +([0-9]+)  [0-9-]{10}  .*/\1/p' | paste -sd' ')" = "11 12" ] ||
		fail_with "due: $due"
	overdue=$(section "Overdue" "Moved this week")
	[ "$(printf '%s\n' "$overdue" | sed -nE 's/^ +([0-9]+)  [0-9-]{10}  .*/\1/p' | paste -sd' ')" = "9" ] ||
		fail_with "overdue: $overdue"
	moved=$(section "Moved this week" "Trials")
	[[ "$moved" == *"8  Anden samling  2020-06-12  2020-06-19"*" 7  Kommunalbestyrelsens"* ]] || fail_with "moved: $moved"
}

@test "weekly, text: trials by status, with the counts vk-trial lists" {
	run vk-report weekly --week 2020-W26
	trials=$(section "Trials" "Moves this week")
	for st in idea proposed approved running done evaluated rejected stopped; do
		want=$(vk-trial list --status "$st" -o jsonl | wc -l | tr -d ' ')
		have=$(printf '%s\n' "$trials" | sed -nE "s/^  $st +([0-9]+)( .*)?\$/\\1/p")
		[ "$have" = "$want" ] || fail_with "$st: $have, vk-trial lists $want"
	done
	# the example: 4 ideas, 5 proposed, 6 evaluated
	printf '%s\n' "$trials" | grep -qE '^  proposed +5 #+$'
	[[ "$(section "Moves this week" "Past their end date and not done")" == *"None."* ]]
	late=$(section "Past their end date and not done" "Proposals waiting for a decision")
	[[ "$late" == *"6  Fodbold og sundhedssnak efter skoletid  running  2020-05-29  Kultur og Fritid"* ]] ||
		fail_with "late: $late"
}

@test "weekly: the learnings of week 26 are the 5 dated in the week" {
	want=$(vk-trial learnings -o jsonl | perl -CSD -MJSON::PP -ne \
		'my $l = JSON::PP->new->decode($_); print "$l->{id}\n" if $l->{date} ge "2020-06-22" && $l->{date} le "2020-06-28"' |
		sort -n | paste -sd' ')
	[ "$(echo "$want" | wc -w)" -eq 5 ] || fail_with "the example has changed: $want"
	run vk-report weekly --week 2020-W26 -o json
	[ "$(json 'join " ", sort { $a <=> $b } map { $_->{id} } @{$j->{trials}{learnings}}')" = "$want" ]
	run vk-report weekly --week 2020-W26
	learn=$(section "Learnings written this week" "Engagement")
	[ "$(printf '%s\n' "$learn" | grep -cE '^ +[0-9]+  2020-06-2[2-8]  ')" -eq 5 ] || fail_with "learnings: $learn"
	# a learning is printed whole, wrapped under itself
	[[ "$(printf '%s\n' "$learn" | tr '\n' ' ' | tr -s ' ')" == *"halvdelen tilflyttere. Biblioteket fortsætter, hvis en frivillig vil stå for det."* ]] ||
		fail_with "learning 11 is cut: $learn"
}

@test "weekly, text: engagement this week, and the people reached by group and town with a total" {
	run vk-report weekly --week 2020-W26
	act=$(section "This week's activities" "People reached, by group and town")
	[[ "$act" == *"2020-06-23  meeting  Styregruppemøde: status og anden runde"*"Nuuk"* ]] || fail_with "activities: $act"
	reached=$(section "People reached, by group and town" "Not reached in the last 4 weeks")
	# engagement 15 had 6 named participants (1 5 6 8 40 41) and no headcount
	[[ "$reached" == *"consultant  København      2          0      2"* ]] || fail_with "reached: $reached"
	printf '%s\n' "$reached" | grep -qE '^  all +6 +0 +6$' || fail_with "total: $reached"
}

# ---- weekly as JSON ----

@test "weekly -o json: one object with week, from, to, today, attention, milestones, trials, engagement" {
	run --separate-stderr vk-report weekly --week 2020-W26 -o json
	[ "$status" -eq 0 ]
	[ "$(json 'ref $j')" = HASH ]
	[ "$(json 'join ",", map { exists $j->{$_} ? $_ : "NO-$_" } qw(week from to attention milestones trials engagement)')" = \
		"week,from,to,attention,milestones,trials,engagement" ]
	[ "$(json '$j->{type}, $j->{week}, $j->{from}, $j->{to}, $j->{today}, $j->{ahead}, $j->{gap}, $j->{title}')" = \
		"weekly 2020-W26 2020-06-22 2020-06-28 2020-06-26 3 4 Weekly status" ]
	[ "$(json 'map { $_->{id} } @{$j->{milestones}{done}}')" = "10" ]
	[ "$(json 'map { $_->{id} } @{$j->{milestones}{due}}')" = "11 12" ]
	[ "$(json 'map { $_->{id} } @{$j->{milestones}{overdue}}')" = "9" ]
	[ "$(json 'map { "$_->{milestone}{id}:$_->{from}>$_->{to}:$_->{slip}" } @{$j->{milestones}{moved}}')" = \
		"8:2020-06-12>2020-06-19:7" ]
	[ "$(json '$j->{milestones}{moved}[0]{reason}')" = "Kommunalbestyrelsens junimøde blev flyttet en uge" ]
	[ "$(json 'join ",", map { "$_=$j->{trials}{by_status}{$_}" } qw(idea proposed approved running done evaluated rejected stopped)')" = \
		"idea=4,proposed=5,approved=3,running=1,done=3,evaluated=6,rejected=1,stopped=1" ]
	[ "$(json 'map { $_->{id} } @{$j->{trials}{late}}')" = "6" ]
	[ "$(json 'sort { $a <=> $b } map { $_->{id} } @{$j->{trials}{waiting}}')" = "15 16 17 19 21" ]
	[ "$(json 'scalar @{$j->{trials}{learnings}}')" = 5 ]
	[ "$(json 'map { $_->{id} } @{$j->{engagement}{activities}}')" = "15" ]
	[ "$(json '$j->{engagement}{total}')" = '{"headcount":0,"named":6,"total":6}' ]
	[ "$(json 'map { $_->{group} } @{$j->{engagement}{gaps}{groups}}')" = "business education partner" ]
	[ "$(json 'map { $_->{town} } @{$j->{engagement}{gaps}{towns}}')" = "Kapisillit Qaqortoq Tasiilaq" ]
	[ "$(json 'map { $_->{last} } @{$j->{engagement}{gaps}{towns}}')" = "2020-05-19 null 2020-03-11" ]
}

@test "weekly -o json: attention items have kind, text, days and the record" {
	run vk-report weekly --week 2020-W26 -o json
	[ "$(json 'my %n; $n{$_->{kind}}++ for @{$j->{attention}}; join ",", map { "$_=$n{$_}" } sort keys %n')" = \
		"group not reached=3,late trial=1,moved milestone=1,overdue milestone=1,town not reached=3,waiting proposal=5" ] ||
		fail_with "kinds"
	[ "$(json 'map { "$_->{record}{type}:$_->{record}{id}:$_->{days}" } grep { $_->{kind} eq "overdue milestone" } @{$j->{attention}}')" = "milestone:9:7" ]
	[ "$(json 'map { "$_->{record}{type}:$_->{record}{id}:$_->{days}" } grep { $_->{kind} eq "late trial" } @{$j->{attention}}')" = "trial:6:28" ]
	[ "$(json 'map { "$_->{record}{type}:$_->{record}{id}" } grep { $_->{kind} eq "moved milestone" } @{$j->{attention}}')" = "milestone:8" ]
	[ "$(json 'sort { $a <=> $b } map { $_->{record}{id} } grep { $_->{kind} eq "waiting proposal" } @{$j->{attention}}')" = "15 16 17 19 21" ]
	# every item has a line for a person
	[ "$(json 'scalar grep { !defined $_->{text} || $_->{text} eq "" } @{$j->{attention}}')" = 0 ]
}

@test "weekly -o json: a moved milestone says its slip in days, and a gap how many weeks (report.h)" {
	# report.h: "days": how late (or weeks not reached, as "weeks")
	run vk-report weekly --week 2020-W26 -o json
	[ "$(json 'map { $_->{days} } grep { $_->{kind} eq "moved milestone" } @{$j->{attention}}')" = 7 ] ||
		fail_with "the moved milestone has no days"
	# business last reached 2020-05-26, Tasiilaq 2020-03-11: 4 and 15 whole weeks before the week's end
	[ "$(json 'map { exists $_->{weeks} ? $_->{weeks} : "none" } grep { $_->{text} =~ /business/ } @{$j->{attention}}')" = 4 ] ||
		fail_with "group business: no weeks"
	[ "$(json 'map { exists $_->{weeks} ? $_->{weeks} : "none" } grep { $_->{text} =~ /^Town Tasiilaq/ } @{$j->{attention}}')" = 15 ] ||
		fail_with "town Tasiilaq: no weeks"
}

@test "weekly -o json: every record in it is the whole record, as the programs export it" {
	exports | grep -v '"type":"event"' | canon > records.jsonl
	vk-report weekly --week 2020-W26 -o json > weekly.json
	run perl -CSD -MJSON::PP -e '
		my $c = JSON::PP->new->canonical;
		my %want;
		open my $f, "<", "records.jsonl" or die;
		while (<$f>) { my $r = JSON::PP->new->decode($_); $want{"$r->{type} $r->{id}"} = $c->encode($r); }
		local $/; open my $w, "<", "weekly.json" or die;
		my $j = JSON::PP->new->decode(<$w>);
		my ($n, @bad) = (0);
		sub walk { my $x = shift;
			if (ref $x eq "HASH") {
				if (defined $x->{type} && $x->{type} =~ /^(stakeholder|engagement|input|trial|learning|milestone)$/) {
					$n++; my $k = "$x->{type} $x->{id}";
					push @bad, $k unless defined $want{$k} && $want{$k} eq $c->encode($x);
					return;
				}
				walk($_) for values %$x;
			} elsif (ref $x eq "ARRAY") { walk($_) for @$x }
		}
		walk($j->{$_}) for qw(attention milestones trials engagement);
		print "records: $n\n"; print "not whole: $_\n" for @bad;
		exit(@bad ? 1 : 0);'
	[ "$status" -eq 0 ] || fail_with "records differ from the exports"
	# attention 8 records, milestones 5, trials 11, engagement 1
	[ "$output" = "records: 25" ] || fail_with "count"
}

# ---- weekly: which week, and from which day ----

@test "weekly: the default week is the week of VK_TODAY" {
	vk-report weekly --week 2020-W26 -o json > w26.json
	vk-report weekly -o json > default.json
	cmp w26.json default.json
	# Monday and Sunday of the week belong to it
	for day in 2020-06-22 2020-06-28; do
		run env VK_TODAY=$day vk-report weekly -o json
		[ "$(json '$j->{week}, $j->{from}, $j->{to}, $j->{today}')" = "2020-W26 2020-06-22 2020-06-28 $day" ] ||
			fail_with "VK_TODAY=$day"
	done
	run env VK_TODAY=2020-06-29 vk-report weekly -o json
	[ "$(json '$j->{week}')" = "2020-W27" ]
}

@test "weekly: lateness counts from today in the week, else from the week's Sunday" {
	# today (2020-06-26) is in week 26: milestone 9, due 2020-06-19, is 7 days late
	run vk-report weekly --week 2020-W26 -o json
	[ "$(json 'map { "$_->{id}" } @{$j->{milestones}{overdue}}')" = 9 ]
	# a past week is seen from its Sunday, 2020-06-21: 2 days late
	run vk-report weekly --week 2020-W25 -o json
	[ "$(json '$j->{today}')" = 2020-06-21 ]
	[ "$(json 'map { "$_->{record}{id}:$_->{days}" } grep { $_->{kind} eq "overdue milestone" } @{$j->{attention}}')" = "9:2" ]
	run vk-report weekly --week 2020-W25
	[[ "$(section "Needs attention" "Milestones" | unwrap)" == *"Milestone 9 "*"2 days late"* ]]
	# a week to come from its Sunday, 2020-07-05: milestone 11 (due 2020-07-03) is 2 days late too
	run vk-report weekly --week 2020-W27 -o json
	[ "$(json '$j->{today}')" = 2020-07-05 ]
	[ "$(json 'map { "$_->{record}{id}:$_->{days}" } grep { $_->{kind} eq "overdue milestone" } @{$j->{attention}}')" = "9:16 11:2" ]
	[ "$(json 'map { "$_->{record}{id}:$_->{days}" } grep { $_->{kind} eq "late trial" } @{$j->{attention}}')" = "6:37" ]
}

@test "weekly: moved this week means a move dated in the week" {
	fresh_db
	vk-milestone add "Anden samling" --kind gathering --due 2020-06-12 2>/dev/null
	vk-milestone add "Midtvejsrapport" --kind report --due 2020-06-19
	VK_TODAY=2020-06-10 vk-milestone move 1 2020-06-19 --reason "Mødet blev flyttet"
	VK_TODAY=2020-06-24 vk-milestone move 2 2020-07-03 --reason "Venter på samlingen"
	run vk-report weekly --week 2020-W26 -o json
	[ "$(json 'map { "$_->{milestone}{id}:$_->{date}:$_->{slip}" } @{$j->{milestones}{moved}}')" = "2:2020-06-24:14" ]
	run vk-report weekly --week 2020-W24 -o json
	[ "$(json 'map { "$_->{milestone}{id}:$_->{date}:$_->{slip}" } @{$j->{milestones}{moved}}')" = "1:2020-06-10:7" ]
	run vk-report weekly --week 2020-W25 -o json
	[ "$(json 'scalar @{$j->{milestones}{moved}}')" = 0 ]
	run vk-report weekly --week 2020-W24
	[[ "$(section "Moved this week" "Trials")" == *"1  Anden samling  2020-06-12  2020-06-19"*"7  Mødet blev flyttet"* ]] ||
		fail_with "moved"
}

@test "weekly: each move of the week shows its own slip; attention names a milestone once, with its latest move" {
	fresh_db
	vk-milestone add "Anden samling i Tasiilaq" --kind gathering --due 2020-06-12 2>/dev/null
	vk-milestone add "Midtvejsrapport" --kind report --due 2020-06-19
	# two moves of milestone 1 in week 26: +7, then +9 from its baseline
	VK_TODAY=2020-06-22 vk-milestone move 1 2020-06-19 --reason "Kommunalbestyrelsens møde flyttet en uge"
	VK_TODAY=2020-06-23 vk-milestone move 2 2020-06-26 --reason "Venter på samlingen"
	VK_TODAY=2020-06-24 vk-milestone move 1 2020-06-21 --reason "Fly aflyst; ny dato, aftalt med Tasiilaq"
	run vk-report weekly --week 2020-W26 -o json
	[ "$(json 'map { "$_->{milestone}{id}:$_->{from}>$_->{to}:$_->{slip}" } @{$j->{milestones}{moved}}')" = \
		"1:2020-06-12>2020-06-19:7 2:2020-06-19>2020-06-26:7 1:2020-06-19>2020-06-21:9" ] || fail_with "moved"
	[ "$(json 'map { "$_->{record}{id}:$_->{days}" } grep { $_->{kind} eq "moved milestone" } @{$j->{attention}}')" = "2:7 1:9" ] ||
		fail_with "attention"
	m1=$(json 'map { $_->{text} } grep { $_->{kind} eq "moved milestone" && $_->{record}{id} == 1 } @{$j->{attention}}')
	[ "$m1" = 'Milestone 1 "Anden samling i Tasiilaq" moved from 2020-06-19 to 2020-06-21 (+9 days from its baseline): Fly aflyst; ny dato, aftalt med Tasiilaq' ] ||
		fail_with "the latest move: $m1"
	run vk-report weekly --week 2020-W26
	moved=$(section "Moved this week" "Trials")
	printf '%s\n' "$moved" | grep -qE '^ +1 +Anden samling i Tasiilaq +2020-06-12 +2020-06-19 +7 +Kommunalbestyrelsens' || fail_with "text: $moved"
	printf '%s\n' "$moved" | grep -qE '^ +1 +Anden samling i Tasiilaq +2020-06-19 +2020-06-21 +9 +Fly aflyst' || fail_with "text: $moved"
	[ "$(section "Needs attention" "Milestones" | unwrap | grep -c '^  ! Milestone 1 .* moved from ')" = 1 ] ||
		fail_with "attention twice"
}

@test "weekly: people reached count a stakeholder in two engagements of the week once, plus the headcounts" {
	fresh_db
	vk-stakeholder add "Naja Lyberth-Møller" --group citizen --town Paamiut 2>/dev/null
	vk-stakeholder add "Pipaluk Heilmann" --group employee --town Nuuk >/dev/null
	# Naja takes part in both engagements of week 26, Pipaluk in one and in one of week 25
	vk-stakeholder engage "Borgermøde i Paamiut" --date 2020-06-22 --kind meeting --town Paamiut \
		--with 1,2 --headcount citizen=5 >/dev/null
	vk-stakeholder engage "Workshop i Nuuk" --date 2020-06-25 --kind workshop --town Nuuk \
		--with 1 --headcount citizen=3 --headcount employee=2 >/dev/null
	vk-stakeholder engage "Dialogmøde" --date 2020-06-17 --kind dialogue --town Nuuk --with 2 >/dev/null
	run vk-report weekly --week 2020-W26 -o json
	[ "$(json '$j->{engagement}{total}')" = '{"headcount":10,"named":2,"total":12}' ] || fail_with "total"
	[ "$(json 'map { $_->{id} } @{$j->{engagement}{activities}}')" = "1 2" ]
	[ "$(json 'join ",", map { "$_->{group}/$_->{town}=$_->{named}+$_->{headcount}" } sort { "$a->{group}$a->{town}" cmp "$b->{group}$b->{town}" } @{$j->{engagement}{reached}}')" = \
		"citizen/Nuuk=0+3,citizen/Paamiut=1+5,employee/Nuuk=1+2" ] || fail_with "reached"
	run vk-report weekly --week 2020-W26
	printf '%s\n' "$output" | grep -qE '^  all +2 +10 +12$' || fail_with "text total"
	# coverage over the same week agrees; over both weeks Pipaluk still counts once
	run vk-report coverage --since 2020-W26 --until 2020-W26 -o json
	[ "$(json '$j->{total}')" = '{"headcount":10,"named":2,"total":12}' ]
	run vk-report coverage -o json
	[ "$(json '$j->{total}')" = '{"headcount":10,"named":2,"total":12}' ]
}

@test "weekly --ahead N: milestones due in the next N weeks" {
	run vk-report weekly --week 2020-W26 --ahead 1 -o json
	[ "$(json '$j->{ahead}')" = 1 ]
	[ "$(json 'map { $_->{id} } @{$j->{milestones}{due}}')" = "11" ]
	run vk-report weekly --week 2020-W26 --ahead 0 -o json
	[ "$(json 'scalar @{$j->{milestones}{due}}')" = 0 ]
	run vk-report weekly --week 2020-W26 --ahead 20 -o json
	[ "$(json 'map { $_->{id} } @{$j->{milestones}{due}}')" = "11 12 14 13 15" ]
	run vk-report weekly --week 2020-W26 --ahead 1
	[ "$(section "Due in the next 1 weeks*" "Overdue" | sed -nE 's/^ +([0-9]+)  [0-9-]{10}  .*/\1/p')" = 11 ] ||
		fail_with "--ahead 1 in text"
	for bad in x -1 521 1.5; do
		run --separate-stderr vk-report weekly --ahead "$bad"
		[ "$status" -eq 2 ] || fail_with "--ahead $bad"
		[[ "$stderr" == "vk-report: --ahead: "* ]] || fail_with "--ahead $bad: message"
	done
}

@test "weekly --gap N: groups and towns not reached for N weeks" {
	run vk-report weekly --week 2020-W26 --gap 20 -o json
	[ "$(json '$j->{gap}')" = 20 ]
	[ "$(json 'scalar @{$j->{engagement}{gaps}{groups}}')" = 0 ]
	[ "$(json 'map { $_->{town} } @{$j->{engagement}{gaps}{towns}}')" = "Qaqortoq" ]
	run vk-report weekly --week 2020-W26 --gap 1 -o json
	[ "$(json 'map { $_->{group} } @{$j->{engagement}{gaps}{groups}}')" = \
		"employee citizen association business education partner other" ]
	[ "$(json 'map { $_->{town} } @{$j->{engagement}{gaps}{towns}}')" = "Kapisillit Paamiut Qaqortoq Tasiilaq" ]
	run vk-report weekly --week 2020-W26 --gap 20
	[[ "$output" == *"Not reached in the last 20 weeks"* ]]
	[ "$(section "Needs attention" "Milestones" | grep -c 'reached')" -eq 1 ]
	for bad in x -1 521; do
		run --separate-stderr vk-report weekly --gap "$bad"
		[ "$status" -eq 2 ] || fail_with "--gap $bad"
	done
}

@test "weekly --title: the title of every format" {
	run vk-report weekly --title "Visionsproces Sermersooq" --week 2020-W26
	[ "$(printf '%s\n' "$output" | head -n 1)" = "Visionsproces Sermersooq, week 26" ]
	run vk-report weekly --title "Visionsproces Sermersooq" -o markdown
	[ "$(printf '%s\n' "$output" | head -n 1)" = "# Visionsproces Sermersooq, week 26" ]
	run vk-report weekly --title "Status <A&B>" -o html
	[[ "$output" == *"<title>Status &lt;A&amp;B&gt;, week 26</title>"* ]] || fail_with "html title"
	[[ "$output" == *"<h1>Status &lt;A&amp;B&gt;, week 26</h1>"* ]]
	[[ "$output" != *"<A&B>"* ]]
	run vk-report weekly --title "Visionsproces Sermersooq" -o json
	[ "$(json '$j->{title}')" = "Visionsproces Sermersooq" ]
}

@test "weekly --week that is no ISO week exits 65 with a message, and prints nothing" {
	run --separate-stderr vk-report weekly --week 2020-W54
	[ "$status" -eq 65 ] && [ -z "$output" ]
	[[ "$stderr" == "vk-report: --week: "*"2020-W54"*"2020 has 53 ISO weeks"* ]] || fail_with "W54"
	run --separate-stderr vk-report weekly --week 2021-W53
	[ "$status" -eq 65 ] && [ -z "$output" ]
	[[ "$stderr" == "vk-report: --week: "*"2021-W53"*"2021 has 52 ISO weeks"* ]] || fail_with "2021-W53"
	for bad in "next week" 2020-06-22 2020-06 2020-W00 W26 ""; do
		run --separate-stderr vk-report weekly --week "$bad"
		[ "$status" -eq 65 ] || fail_with "--week '$bad'"
		[ -z "$output" ] || fail_with "--week '$bad' printed"
		[[ "$stderr" == "vk-report: --week: "* ]] || fail_with "--week '$bad': message"
	done
	# no value at all is a usage error
	run --separate-stderr vk-report weekly --week
	[ "$status" -eq 2 ]
}

# ---- weekly: weeks of edge ----

@test "weekly: a week with nothing in it says so, section by section" {
	# 2020-W30: nothing done, moved, learned or held; milestones 9, 11, 12 overdue
	run --separate-stderr vk-report weekly --week 2020-W30
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[[ "$(section "Done this week" "Due in the next 3 weeks")" == *"None."* ]]
	[[ "$(section "Moved this week" "Trials")" == *"None."* ]]
	[[ "$(section "Moves this week" "Past their end date and not done")" == *"None."* ]]
	[[ "$(section "Learnings written this week" "Engagement")" == *"None."* ]]
	[[ "$(section "This week's activities" "People reached, by group and town")" == *"None."* ]]
	[[ "$(section "People reached, by group and town" "Not reached in the last 4 weeks")" == *"Nobody this week."* ]]
	run vk-report weekly --week 2020-W30 -o json
	[ "$(json 'join ",", map { scalar @$_ } $j->{milestones}{done}, $j->{milestones}{moved}, $j->{trials}{moves}, $j->{trials}{learnings}, $j->{engagement}{activities}, $j->{engagement}{reached}')" = "0,0,0,0,0,0" ]
	[ "$(json '$j->{engagement}{total}')" = '{"headcount":0,"named":0,"total":0}' ]
	[ "$(json 'map { $_->{id} } @{$j->{milestones}{overdue}}')" = "9 11 12" ]
}

@test "weekly: a week in the past, 2020-W10, is seen from its Sunday" {
	run --separate-stderr vk-report weekly --week 2020-W10
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(printf '%s\n' "$output" | sed -n 1p)" = "Weekly status, week 10" ]
	[ "$(printf '%s\n' "$output" | sed -n 3p)" = "2 March 2020 to 8 March 2020 (2020-W10)" ]
	run vk-report weekly --week 2020-W10 -o json
	[ "$(json '$j->{from}, $j->{to}, $j->{today}')" = "2020-03-02 2020-03-08 2020-03-08" ]
	# nothing was overdue or late then; the engagements of 2020-06 are not this week's
	[ "$(json 'scalar @{$j->{milestones}{overdue}}, scalar @{$j->{trials}{late}}, scalar @{$j->{engagement}{activities}}')" = "0 0 0" ]
	# the gaps are those of the four weeks before 2020-03-08
	[ "$(json 'map { "$_->{town}:" . ($_->{last} // "never") } @{$j->{engagement}{gaps}{towns}}')" = \
		"Kapisillit:never Paamiut:2020-02-03 Qaqortoq:never" ]
}

@test "weekly: a week of another year, 2021-W05" {
	run --separate-stderr vk-report weekly --week 2021-W05
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(printf '%s\n' "$output" | sed -n 3p)" = "1 February 2021 to 7 February 2021 (2021-W05)" ]
	run vk-report weekly --week 2021-W05 -o json
	[ "$(json '$j->{week}, $j->{from}, $j->{to}, $j->{today}')" = "2021-W05 2021-02-01 2021-02-07 2021-02-07" ]
	# every planned milestone is overdue by then: milestone 9 by 233 days
	[ "$(json 'scalar @{$j->{milestones}{overdue}}')" = "$(vk-milestone list --status planned -o jsonl | wc -l | tr -d ' ')" ]
	[ "$(json 'map { $_->{days} } grep { $_->{kind} eq "overdue milestone" && $_->{record}{id} == 9 } @{$j->{attention}}')" = 233 ]
	# and VK_TODAY in that year gives that week by default
	run env VK_TODAY=2021-02-03 vk-report weekly -o json
	[ "$(json '$j->{week}, $j->{today}')" = "2021-W05 2021-02-03" ]
}

@test "weekly: ISO week 53 of 2020 runs from 2020-12-28 to 2021-01-03" {
	run --separate-stderr vk-report weekly --week 2020-W53
	[ "$status" -eq 0 ] && [ -z "$stderr" ]
	[ "$(printf '%s\n' "$output" | sed -n 1p)" = "Weekly status, week 53" ]
	[ "$(printf '%s\n' "$output" | sed -n 3p)" = "28 December 2020 to 3 January 2021 (2020-W53)" ]
	run vk-report weekly --week 2020-W53 -o json
	[ "$(json '$j->{week}, $j->{from}, $j->{to}')" = "2020-W53 2020-12-28 2021-01-03" ]
	# its days belong to it by default, in both years; the next Monday is 2021-W01
	for day in 2020-12-28 2020-12-31 2021-01-01 2021-01-03; do
		run env VK_TODAY=$day vk-report weekly -o json
		[ "$(json '$j->{week}')" = 2020-W53 ] || fail_with "VK_TODAY=$day"
	done
	run env VK_TODAY=2021-01-04 vk-report weekly -o json
	[ "$(json '$j->{week}, $j->{from}')" = "2021-W01 2021-01-04" ]
	# and an engagement on 2021-01-02 is in it
	vk-stakeholder engage "Nytårskur" --date 2021-01-02 --kind event --town Nuuk --headcount citizen=40 >/dev/null
	run vk-report weekly --week 2020-W53 -o json
	[ "$(json 'map { $_->{title} } @{$j->{engagement}{activities}}')" = "Nytårskur" ]
	[ "$(json '$j->{engagement}{total}{total}')" = 40 ]
}

# ---- the empty store ----

@test "an empty store (a stakeholder added, then removed): every report in every format, without error" {
	fresh_db
	vk-stakeholder add "Hans Hansen" 2>/dev/null
	vk-stakeholder rm 1
	for report in $REPORTS; do
		for format in $(formats_of "$report"); do
			run --separate-stderr vk-report "$report" -o "$format"
			[ "$status" -eq 0 ] || fail_with "empty store: $report -o $format"
			[ -z "$stderr" ] || fail_with "empty store: $report -o $format wrote to stderr"
			case $format in
			csv | tsv | jsonl) ;;	# a header or nothing
			*) check_format "$report" "$format" || fail_with "empty store: $report -o $format" ;;
			esac
		done
	done
	run vk-report weekly -o json
	[ "$(json 'join ",", map { scalar @$_ } $j->{milestones}{done}, $j->{milestones}{due}, $j->{milestones}{overdue}, $j->{trials}{late}, $j->{trials}{waiting}, $j->{engagement}{activities}')" = "0,0,0,0,0,0" ]
	[ "$(json '$j->{trials}{by_status}{idea}, $j->{engagement}{total}{total}')" = "0 0" ]
	run vk-report weekly
	[[ "$(section "Done this week" "Due in the next 3 weeks")" == *"None."* ]]
	run vk-report trials -o json
	[ "$(json '$j->{total}')" = 0 ]
	run vk-report timeline -o json
	[ "$(json '$j->{from}, $j->{to}, scalar @{$j->{rows}}')" = "null null 0" ]
	run vk-report coverage -o csv
	[ "$output" = $'group,town,named,headcount,total\r' ] || fail_with "an empty CSV is its header"
}

@test "a store made by one add (a stakeholder without fields): every report, without error" {
	fresh_db
	vk-stakeholder add "Hans Hansen" 2>/dev/null
	for report in $REPORTS; do
		for format in $(formats_of "$report"); do
			run --separate-stderr vk-report "$report" -o "$format"
			[ "$status" -eq 0 ] || fail_with "$report -o $format"
			[ -z "$stderr" ] || fail_with "$report -o $format wrote to stderr"
		done
	done
	# not placed in the grid, but counted
	run vk-report grid -o json
	[ "$(json '$j->{unplaced}, join(",", map { $_->{count} } @{$j->{quadrants}})')" = "1 0,0,0,0" ]
	# a milestone without a start is a day on the timeline
	vk-milestone add "Beslutning" --due 2020-07-01 >/dev/null
	run vk-report timeline -o jsonl
	[ "$output" = '{"kind":"milestone","id":1,"title":"Beslutning","start":"2020-07-01","end":"2020-07-01","status":"planned","baseline":"2020-07-01"}' ]
}

# ---- the store: missing, read only ----

@test "every report on a missing database exits 66 naming it, and creates nothing" {
	fresh_db
	for report in $REPORTS; do
		run --separate-stderr vk-report "$report"
		[ "$status" -eq 66 ] || fail_with "$report"
		[ -z "$output" ]
		[[ "$stderr" == "vk-report: $VK_DB: "* ]] || fail_with "$report: message"
		[ ! -e "$VK_DB" ] || fail_with "$report created the database"
	done
	run --separate-stderr vk-report --db "$TEST_DIR/nowhere/vk.db" weekly
	[ "$status" -eq 66 ]
	[[ "$stderr" == *"$TEST_DIR/nowhere/vk.db"* ]]
}

@test "an unknown report, a missing report, an extra argument exit 2" {
	run --separate-stderr vk-report
	[ "$status" -eq 2 ]
	run --separate-stderr vk-report status
	[ "$status" -eq 2 ]
	[[ "$stderr" == "vk-report: 'status' is not a command"* ]]
	run --separate-stderr vk-report grid 2020-W26
	[ "$status" -eq 2 ]
	[[ "$stderr" == 'vk-report: unexpected argument "2020-W26"'* ]]
	run --separate-stderr vk-report weekly --bogus
	[ "$status" -eq 2 ]
	# a date that is no date is bad data, as in every date option
	run --separate-stderr vk-report coverage --since "last spring"
	[ "$status" -eq 65 ]
	[[ "$stderr" == "vk-report: --since: "* ]]
}

@test "a write error (/dev/full) exits 74 for every report" {
	[ -w /dev/full ] || skip "no /dev/full"
	for report in $REPORTS; do
		for format in text json html; do
			run --separate-stderr bash -c "vk-report $report -o $format > /dev/full"
			[ "$status" -eq 74 ] || fail_with "$report -o $format > /dev/full"
			[[ "$stderr" == "vk-report: write error"* ]] || fail_with "$report: message"
		done
	done
	for report in $TABULAR; do
		run --separate-stderr bash -c "vk-report $report -o csv > /dev/full"
		[ "$status" -eq 74 ] || fail_with "$report -o csv > /dev/full"
	done
}

# ---- text, markdown, html ----

@test "weekly, text: lines are at most 80 columns, but table rows of cells cut at 40" {
	for week in 2020-W26 2020-W53; do
		run vk-report weekly --week $week
		wide=$(printf '%s\n' "$output" | too_wide)
		[ -z "$wide" ] || fail_with "$week: too wide: $wide"
	done
	# a long attention line is wrapped, continued under its text
	run vk-report weekly --week 2020-W26
	att=$(section "Needs attention" "Milestones")
	printf '%s\n' "$att" | grep -qE '^    [^ !?]' || fail_with "no attention line is wrapped"
	printf '%s\n' "$att" | grep -qx '  ! Milestone 8 "Anden samling" moved from 2020-06-12 to 2020-06-19 (+7 days' ||
		fail_with "the moved milestone is not wrapped at 80"
	# the table cells are cut at 40 columns
	printf '%s\n' "$output" | grep -q 'Kommunalbestyrelsens junimøde blev flyt…' || fail_with "no cut cell"
}

@test "weekly, text: a long title is wrapped at 80 columns like every heading" {
	title="Visionsprocessen i Kommuneqarfik Sermersooq: ugentlig status til styregruppen og kommunalbestyrelsen"
	run vk-report weekly --week 2020-W26 --title "$title"
	[ "$status" -eq 0 ]
	wide=$(printf '%s\n' "$output" | too_wide)
	[ -z "$wide" ] || fail_with "too wide: $wide"
	# the whole title is there, over two lines
	[[ "$(printf '%s\n' "$output" | head -n 3 | tr '\n' ' ')" == *"kommunalbestyrelsen, week 26"* ]]
}

@test "timeline, text: the chart is drawn in 80 columns, with today marked" {
	run vk-report timeline
	[ "$status" -eq 0 ]
	chart=$(printf '%s\n' "$output" | sed -n '/^  kind  /q;p')
	wide=$(printf '%s\n' "$chart" | perl -CSD -ne 'chomp; print "$_\n" if length($_) > 80')
	[ -z "$wide" ] || fail_with "chart lines wider than 80: $wide"
	[[ "$chart" == *"2020-01-06"*"2020-12-10"* ]]
	printf '%s\n' "$chart" | grep -qE '^  M9 Midtvejsrapport.* +=+\|' || fail_with "milestone 9 before today"
	printf '%s\n' "$chart" | grep -qE '^  T19 Bygdens egen anlæg.* +\| +=+' || fail_with "trial 19 after today"
	[[ "$chart" == *"| today"* ]]
}

@test "markdown: '#' headings, list items and pipe tables, with | escaped" {
	run vk-report weekly --week 2020-W26 -o markdown
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -qx '# Weekly status, week 26'
	printf '%s\n' "$output" | grep -qx '## Needs attention'
	printf '%s\n' "$output" | grep -qx '## Milestones'
	printf '%s\n' "$output" | grep -qx '### Done this week'
	printf '%s\n' "$output" | grep -qE '^- .*Milestone 9 "Midtvejsrapport til kommunalbestyrelsen" was due 2020-06-19: 7 days late$'
	printf '%s\n' "$output" | grep -qx '| id | done | time | title | kind | place |'
	printf '%s\n' "$output" | grep -qxE '\| -+:? \| -+ \| -+ \| -+ \| -+ \| -+ \|'
	printf '%s\n' "$output" | grep -qx '| 10 | 2020-06-23 | 13:00 | Styregruppemøde: status og anden runde | decision | Nuuk |'
	# cells are not cut in markdown
	printf '%s\n' "$output" | grep -q '| Kommunalbestyrelsens junimøde blev flyttet en uge |'
	# a | in a cell does not split it
	vk-milestone set 12 --title "Beslutning | anden runde" >/dev/null
	run vk-report weekly --week 2020-W26 -o markdown
	printf '%s\n' "$output" | grep -qF '| 12 | 2020-07-08 | 10:00 | Beslutning \| anden runde | decision | Nuuk |' ||
		fail_with "pipe in a cell"
	for report in $TABULAR; do
		run vk-report "$report" -o markdown
		printf '%s\n' "$output" | grep -q '^# ' || fail_with "$report: no heading"
		printf '%s\n' "$output" | grep -qE '^\| .* \|$' || fail_with "$report: no pipe table"
	done
}

@test "html: one self-contained document with tables and inline SVG, nothing to fetch" {
	for report in $REPORTS; do
		run vk-report "$report" -o html
		[ "$status" -eq 0 ]
		[ "$(printf '%s\n' "$output" | head -n 1)" = "<!DOCTYPE html>" ] || fail_with "$report: doctype"
		[[ "$output" == *"<meta charset=\"utf-8\">"* ]] || fail_with "$report: charset"
		[[ "$output" == *"<table>"* ]] || fail_with "$report: no table"
		# every report but themes has a chart
		[ "$report" = themes ] || [[ "$output" == *"<svg"* ]] || fail_with "$report: no svg"
		[[ "$output" == *"</html>" ]] || fail_with "$report: not ended"
		# nothing from outside: no scripts, style sheets, images or fonts to fetch
		if printf '%s\n' "$output" | grep -qiE '<script|<link|<img|<iframe|src=|@import|url\('; then
			fail_with "$report: refers to something outside"
		fi
		[[ "$output" == *"@page{size:A4"* ]] || fail_with "$report: not set for A4"
	done
	run vk-report weekly -o html
	[[ "$output" == *"Milestone 9 &quot;Midtvejsrapport til kommunalbestyrelsen&quot; was due 2020-06-19: 7 days late"* ]]
}

# ---- coverage, grid, themes, trials, timeline ----

@test "coverage: named participants once each and headcounts, by group and town, as vk-stakeholder records them" {
	want=$(vk-stakeholder engagements -o jsonl | perl -CSD -MJSON::PP -ne '
		my $e = JSON::PP->new->decode($_);
		$named{$_} = 1 for @{$e->{participants}};
		$head += $_ for values %{$e->{headcount}};
		END { my $n = keys %named; print "$n $head ", $n + $head, "\n" }')
	run vk-report coverage -o json
	[ "$(json '$j->{total}{named}, $j->{total}{headcount}, $j->{total}{total}')" = "$want" ] || fail_with "want $want"
	[ "$(json 'join ",", @{$j->{groups}}')" = "politician,management,manager,employee,citizen,association,business,education,partner,consultant,other" ]
	[ "$(json 'join ",", @{$j->{towns}}')" = "Kapisillit,København,Nuuk,Paamiut,Qaqortoq,Tasiilaq" ]
	[ "$(json '$j->{since}, $j->{until}')" = "null null" ]
	# rows add up to the total
	[ "$(json 'my $t = 0; $t += $_->{total} for @{$j->{rows}}; $t')" = "$(echo "$want" | cut -d' ' -f3)" ]
	run vk-report coverage
	printf '%s\n' "$output" | grep -qE "^  all +$(echo "$want" | sed 's/ / +/g')\$" || fail_with "text total, want $want"
	printf '%s\n' "$output" | grep -qE '^  citizen +Paamiut +2 +80 +82$' || fail_with "citizen Paamiut"
}

@test "coverage --since --until: only the engagements of the period; a month counts whole" {
	want=$(vk-stakeholder engagements --since 2020-03 --until 2020-06 -o jsonl | perl -CSD -MJSON::PP -ne '
		my $e = JSON::PP->new->decode($_);
		$named{$_} = 1 for @{$e->{participants}};
		$head += $_ for values %{$e->{headcount}};
		END { my $n = keys %named; print "$n $head\n" }')
	run vk-report coverage --since 2020-03 --until 2020-06 -o json
	[ "$(json '$j->{since}, $j->{until}')" = "2020-03-01 2020-06-30" ]
	[ "$(json '$j->{total}{named}, $j->{total}{headcount}')" = "$want" ]
	all=$(vk-report coverage -o json | json '$j->{total}{total}' -)
	[ "$(json '$j->{total}{total}')" -lt "$all" ] || fail_with "the period is all of it"
	# CSV for a spreadsheet: the same rows
	vk-report coverage --since 2020-03 --until 2020-06 -o csv > dækning.csv
	[ "$(head -n 1 dækning.csv)" = $'group,town,named,headcount,total\r' ]
	[ "$(tail -n +2 dækning.csv | wc -l | tr -d ' ')" = "$(json 'scalar @{$j->{rows}}')" ]
	[ "$(tail -n +2 dækning.csv | tr -d '\r' | awk -F, '{ t += $5 } END { print t }')" = "$(json '$j->{total}{total}')" ]
	run vk-report coverage --since 2020-03 --until 2020-06
	[[ "$output" == *"From 2020-03-01 to 2020-06-30"* ]]
	# nothing in a period without engagements
	run vk-report coverage --since 2021-01-01 --until 2021-12-31
	[ "$status" -eq 0 ]
	[[ "$output" == *"No engagement in this period."* ]]
}

@test "coverage: engagements by kind with citizens present, and who of each group was not heard in the period" {
	fresh_db
	add_people
	add_engagements
	# a headcount of 0 is no one; a stakeholder without a group has a row of its own
	vk-stakeholder engage "Borgermøde på rådhuset, \"hvad nu?\"" --date 2020-06-24 --kind dialogue \
		--town Nuuk --with 1 --headcount citizen=0 >/dev/null
	vk-stakeholder add "Malik Ødegaard-Olsen" --town Nuuk >/dev/null
	run vk-report coverage -o json
	[ "$(json 'map { "$_->{kind}=$_->{engagements}/$_->{with_citizens}" } @{$j->{kinds}}')" = \
		"workshop=1/1 seminar=1/0 dialogue=2/1" ] || fail_with "kinds"
	[ "$(json 'map { ($_->{group} // "none") . "=$_->{registered}/$_->{not_heard}" } @{$j->{not_heard}}')" = \
		"politician=1/0 employee=1/0 citizen=1/0 association=1/1 business=1/1 consultant=1/0 none=1/1" ] ||
		fail_with "not heard"
	# the period: 2020-06-01 to 2020-06-23 has engagement 3 alone (stakeholder 4, citizen=12)
	run vk-report coverage --since 2020-06-01 --until 2020-06-23 -o json
	[ "$(json 'map { "$_->{kind}=$_->{engagements}/$_->{with_citizens}" } @{$j->{kinds}}')" = "dialogue=1/1" ]
	[ "$(json 'map { ($_->{group} // "none") . "=$_->{not_heard}" } @{$j->{not_heard}}')" = \
		"politician=1 employee=0 citizen=1 association=1 business=1 consultant=1 none=1" ] || fail_with "period"
	# the same count as vk-stakeholder list --not-heard (2, 3, 5, 6 and 7)
	run vk-report coverage --since 2020-06-01 -o json
	[ "$(json 'my $t = 0; $t += $_->{not_heard} for @{$j->{not_heard}}; $t')" = 5 ] &&
		[ "$(vk-stakeholder list --not-heard --since 2020-06-01 | ids)" = "2 3 5 6 7" ] || fail_with "as list"
	# for people
	run vk-report coverage
	printf '%s\n' "$output" | grep -qE '^  dialogue +2 +1$' || fail_with "text kinds"
	printf '%s\n' "$output" | grep -qE '^  association +1 +1$' || fail_with "text not heard"
	[[ "$output" == *"Registered stakeholders not heard in this period"* ]]
	run vk-report coverage -o markdown
	printf '%s\n' "$output" | grep -qxF '| seminar | 1 | 0 |' || fail_with "markdown"
	run vk-report coverage -o html
	[[ "$output" == *'<tr><td>business</td><td class="n">1</td><td class="n">1</td></tr>'* ]] || fail_with "html"
	# the rows for programs stay the group x town table
	run vk-report coverage -o csv
	[ "$(printf '%s\n' "$output" | head -n 1)" = $'group,town,named,headcount,total\r' ]
	# over a stream: the same; without the stakeholders, no one registered
	{ vk-stakeholder export -o jsonl; vk-stakeholder engagement export -o jsonl; } > proces.jsonl
	vk-report coverage -o json > db.json
	vk-report coverage -o json --input proces.jsonl | cmp - db.json || fail_with "--input"
	vk-stakeholder engagement export -o jsonl > engagements.jsonl
	run --separate-stderr vk-report coverage --input engagements.jsonl -o json
	[ "$(json 'scalar @{$j->{not_heard}}')" = 0 ] &&
		[ "$(json 'map { "$_->{kind}=$_->{with_citizens}" } @{$j->{kinds}}')" = "workshop=1 seminar=0 dialogue=1" ] ||
		fail_with "--input without stakeholders"
	run --separate-stderr vk-report coverage --input engagements.jsonl
	[[ "$output" == *"No stakeholder in the register."* ]]
}

@test "coverage -o tsv and jsonl: one row a group and town" {
	run vk-report coverage -o tsv
	[ "$(printf '%s\n' "$output" | head -n 1)" = $'group\ttown\tnamed\theadcount\ttotal' ]
	printf '%s\n' "$output" | grep -qx $'citizen\tPaamiut\t2\t80\t82'
	run vk-report coverage -o jsonl
	printf '%s\n' "$output" | grep -qx '{"group":"citizen","town":"Paamiut","named":2,"headcount":80,"total":82}'
	n=$(vk-report coverage -o json | json 'scalar @{$j->{rows}}' -)
	[ "$(count_lines "$output")" = "$n" ]
}

@test "grid: the quadrants hold the stakeholders by influence and interest" {
	want=$(vk-stakeholder export -o jsonl | perl -CSD -MJSON::PP -ne '
		my $s = JSON::PP->new->decode($_);
		next unless defined $s->{influence} && defined $s->{interest};
		my $q = ($s->{influence} eq "high" ? 1 : 0) * 2 + ($s->{interest} eq "high" ? 1 : 0);
		$n[$q]++;
		END { print join(",", map { $_ // 0 } @n[3, 2, 1, 0]), "\n" }')
	run vk-report grid -o json
	[ "$(json 'join ",", map { $_->{count} } @{$j->{quadrants}}')" = "$want" ]
	[ "$(json 'join ",", map { $_->{quadrant} } @{$j->{quadrants}}')" = "manage closely,keep satisfied,keep informed,monitor" ]
	[ "$(json 'map { $_->{id} } @{$j->{quadrants}[0]{stakeholders}}')" = "1 3 8 5" ]
	[ "$(json '$j->{quadrants}[0]{stakeholders}[0]{type}')" = stakeholder ]
	[ "$(json '$j->{unplaced}')" = 0 ]
	run vk-report grid
	printf '%s\n' "$output" | grep -qx 'manage closely (4): influence high, interest high'
	printf '%s\n' "$output" | grep -qE '^   1  Aviaja Kristiansen-Kleist  politician  Nuuk +high +high$'
	run vk-report grid -o csv
	[ "$(printf '%s\n' "$output" | head -n 1)" = $'quadrant,id,name,group,town,influence,interest\r' ]
	[ "$(printf '%s\n' "$output" | sed -n 2p)" = $'manage closely,1,Aviaja Kristiansen-Kleist,politician,Nuuk,high,high\r' ]
	[ "$(($(count_lines "$output") - 1))" = "$((${want//,/+}))" ]
	run vk-report grid -o tsv
	printf '%s\n' "$output" | grep -qx $'keep informed\t25\tAqqalu Lennert\tcitizen\tTasiilaq\tlow\thigh'
	run vk-report grid -o jsonl
	[ "$(printf '%s\n' "$output" | head -n 1)" = '{"quadrant":"manage closely","id":1,"name":"Aviaja Kristiansen-Kleist","group":"politician","town":"Nuuk","influence":"high","interest":"high"}' ]
	# a stakeholder without a level is left out, and counted
	vk-stakeholder add "Hans Hansen" --influence high >/dev/null
	run vk-report grid -o json
	[ "$(json '$j->{unplaced}')" = 1 ]
}

@test "themes: inputs, trials and engagements by theme, with up to three quotes and their attribution" {
	for theme in "børn og unge" "det gode liv" fællesskab arbejdspladsen; do
		inputs=$(vk-stakeholder inputs --theme "$theme" -o jsonl | wc -l | tr -d ' ')
		trials=$(vk-trial list --theme "$theme" -o jsonl | wc -l | tr -d ' ')
		engagements=$(vk-stakeholder engagements --theme "$theme" -o jsonl | wc -l | tr -d ' ')
		run vk-report themes -o json
		[ "$(json "map { \"\$_->{inputs} \$_->{trials} \$_->{engagements}\" } grep { \$_->{theme} eq \"$theme\" } @{\$j->{themes}}")" = \
			"$inputs $trials $engagements" ] || fail_with "$theme: want $inputs $trials $engagements"
	done
	run vk-report themes -o json
	[ "$(json 'scalar grep { @{$_->{quotes}} > 3 || @{$_->{quotes}} == 0 } @{$j->{themes}}')" = 0 ]
	# a quote is an input of the theme, with its source
	vk-stakeholder inputs -o jsonl | canon > inputs.jsonl
	printf '%s\n' "$output" > themes.json
	run perl -CSD -MJSON::PP -e '
		my %in; open my $f, "<", "inputs.jsonl" or die;
		while (<$f>) { my $i = JSON::PP->new->decode($_); $in{$i->{text}} = $i }
		local $/; open my $t, "<", "themes.json" or die; my $j = JSON::PP->new->decode(<$t>);
		my $bad = 0;
		for my $th (@{$j->{themes}}) { for my $q (@{$th->{quotes}}) {
			my $i = $in{$q->{text}};
			unless ($i && grep({ $_ eq $th->{theme} } @{$i->{themes}}) && ($i->{source} // "") eq ($q->{source} // "")) {
				print "not an input of $th->{theme}: $q->{text}\n"; $bad++ } } }
		exit $bad ? 1 : 0'
	[ "$status" -eq 0 ] || fail_with "quotes"
	run vk-report themes
	[[ "$(printf '%s\n' "$output" | unwrap | tr -s ' ')" == *'- "Visionen skal kunne forstås lige godt i Nuuk, Tasiilaq og Kapisillit. Hvis den kun giver mening i hovedstaden, har vi fejlet." (borgmester)'* ]] ||
		fail_with "quote with attribution"
	printf '%s\n' "$output" | grep -qE '^  børn og unge +[0-9]+ +[0-9]+ +[0-9]+$'
	run vk-report themes -o csv
	[ "$(printf '%s\n' "$output" | head -n 1)" = $'theme,inputs,trials,engagements,quotes\r' ]
	run vk-report themes -o jsonl
	[ "$(count_lines "$output")" = 4 ]
	printf '%s\n' "$output" | grep -q '^{"theme":"fællesskab","inputs":[0-9]*,"trials":[0-9]*,"engagements":[0-9]*,"quotes":\["'
	run vk-report themes -o tsv
	[ "$(printf '%s\n' "$output" | head -n 1)" = $'theme\tinputs\ttrials\tengagements\tquotes' ]
}

@test "trials: the portfolio by status, round and department, with the counts vk-trial lists" {
	run vk-report trials -o json
	[ "$(json '$j->{total}')" = "$(vk-trial list -o jsonl | wc -l | tr -d ' ')" ]
	for st in idea proposed approved running done evaluated rejected stopped; do
		[ "$(json "\$j->{by_status}{$st}")" = "$(vk-trial list --status $st -o jsonl | wc -l | tr -d ' ')" ] ||
			fail_with "$st"
	done
	[ "$(json 'join ",", map { "$_->{round}=$_->{count}" } @{$j->{by_round}}')" = "1=12,2=12" ]
	[ "$(json 'map { $_->{count} } grep { $_->{department} eq "Børn og Familie" } @{$j->{by_department}}')" = \
		"$(vk-trial list --department "Børn og Familie" -o jsonl | wc -l | tr -d ' ')" ]
	[ "$(json 'my $t = 0; $t += $_->{count} for @{$j->{rows}}; $t')" = 24 ]
	run vk-report trials
	[ "$(printf '%s\n' "$output" | head -n 1)" = "The trial portfolio: 24 trials" ]
	printf '%s\n' "$output" | grep -qx 'By round'
	printf '%s\n' "$output" | grep -qx 'By department'
	printf '%s\n' "$output" | grep -qE '^  evaluated +6 #+$'
	printf '%s\n' "$output" | grep -qE '^      2 +12 +4 +5 +3 +0 +0 +0 +0 +0$' || fail_with "round 2"
	run vk-report trials -o csv
	[ "$(printf '%s\n' "$output" | head -n 1)" = $'round,status,department,count\r' ]
	[ "$(printf '%s\n' "$output" | tail -n +2 | tr -d '\r' | awk -F, '{ t += $4 } END { print t }')" = 24 ]
	run vk-report trials -o tsv
	printf '%s\n' "$output" | grep -qx $'1\trunning\tKultur og Fritid\t1'
	run vk-report trials -o jsonl
	printf '%s\n' "$output" | grep -qx '{"round":1,"status":"running","department":"Kultur og Fritid","count":1}'
}

@test "timeline: the milestones and trials with dates, in every tabular format" {
	nm=$(vk-milestone export -o jsonl | wc -l | tr -d ' ')
	nt=$(vk-trial export -o jsonl | perl -MJSON::PP -ne '$t = decode_json($_); $n++ if defined $t->{start} || defined $t->{end}; END { print $n + 0 }')
	run vk-report timeline -o json
	[ "$(json '$j->{from}, $j->{to}, $j->{today}')" = "2020-01-06 2020-12-10 2020-06-26" ]
	[ "$(json 'scalar grep { $_->{kind} eq "milestone" } @{$j->{rows}}')" = "$nm" ]
	[ "$(json 'scalar grep { $_->{kind} eq "trial" } @{$j->{rows}}')" = "$nt" ]
	[ "$(json 'map { "$_->{start}>$_->{end}:$_->{baseline}" } grep { $_->{kind} eq "milestone" && $_->{id} == 8 } @{$j->{rows}}')" = \
		"2020-06-15>2020-06-19:2020-06-12" ]
	[ "$(json 'map { "$_->{start}>$_->{end}:$_->{status}:$_->{round}" } grep { $_->{kind} eq "trial" && $_->{id} == 6 } @{$j->{rows}}')" = \
		"2020-04-20>2020-05-29:running:1" ]
	run vk-report timeline -o csv
	[ "$(printf '%s\n' "$output" | head -n 1)" = $'kind,id,title,start,end,status\r' ]
	printf '%s\n' "$output" | grep -qx $'milestone,9,Midtvejsrapport til kommunalbestyrelsen,2020-06-08,2020-06-19,planned\r'
	[ "$(($(count_lines "$output") - 1))" = "$((nm + nt))" ]
	run vk-report timeline -o tsv
	printf '%s\n' "$output" | grep -qx $'trial\t6\tFodbold og sundhedssnak efter skoletid\t2020-04-20\t2020-05-29\trunning'
	run vk-report timeline -o jsonl
	[ "$(count_lines "$output")" = "$((nm + nt))" ]
	# today is VK_TODAY
	run env VK_TODAY=2020-09-01 vk-report timeline -o json
	[ "$(json '$j->{today}')" = 2020-09-01 ]
}

@test "a CSV cell a spreadsheet would run as a formula is guarded in a report" {
	vk-milestone set 12 --title "=HYPERLINK(\"http://example.com\")" >/dev/null
	run vk-report timeline -o csv
	printf '%s\n' "$output" | grep -qF "milestone,12,\"'=HYPERLINK(\"\"http://example.com\"\")\",2020-07-08" ||
		fail_with "formula not guarded"
}

@test "--excel: a report's CSV opens in a spreadsheet (BOM, ';', ' before =SUM(1)); --raw leaves the ' off" {
	vk-trial set 1 --department "=SUM(1)" >/dev/null
	vk-report trials -o csv --excel > excel.csv
	[ "$(head -c 3 excel.csv | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail_with "no BOM"
	[ "$(head -n 1 excel.csv)" = $'\xef\xbb\xbfround;status;department;count\r' ] || fail_with "header"
	grep -qF ";'=SUM(1);" excel.csv || fail_with "formula not guarded"
	grep -q ";Børn og Familie;" excel.csv || fail_with "a department"
	# --excel alone is CSV, as for list
	vk-report trials --excel | cmp - excel.csv || fail_with "--excel without -o"
	vk-report trials -o csv --excel --raw > raw.csv
	grep -qF ";=SUM(1);" raw.csv && ! grep -qF "'=SUM" raw.csv || fail_with "--raw"
	# plain CSV: guarded, no BOM, commas
	run vk-report trials -o csv
	[[ "$output" == "round,status,department,count"* ]] && [[ "$output" == *",'=SUM(1),"* ]] ||
		fail_with "-o csv"
	run vk-report trials -o csv --raw
	[[ "$output" == *",=SUM(1),"* ]] || fail_with "-o csv --raw"
	# every tabular report takes them
	vk-milestone set 12 --title "=HYPERLINK(\"http://example.com\")" >/dev/null
	run vk-report timeline --excel
	printf '%s\n' "$output" | grep -qF "milestone;12;\"'=HYPERLINK(\"\"http://example.com\"\")\";2020-07-08" ||
		fail_with "timeline --excel"
	for report in $TABULAR barometer; do
		vk-report "$report" --excel | head -c 3 | od -An -tx1 | grep -q 'ef bb bf' ||
			fail_with "$report --excel"
	done
}

@test "--excel and --raw with a format other than CSV exit 2 as list's do; the weekly takes neither" {
	run --separate-stderr vk-report trials --excel -o json
	[ "$status" -eq 2 ] && [ "$stderr" = "vk-report: --excel writes CSV: leave out -o json" ] ||
		fail_with "--excel -o json"
	[ -z "$output" ]
	# the message list gives
	run --separate-stderr vk-trial list --excel -o json
	[ "$status" -eq 2 ] && [ "$stderr" = "vk-trial: --excel writes CSV: leave out -o json" ]
	for o in text tsv jsonl html; do
		run --separate-stderr vk-report coverage --raw -o "$o"
		[ "$status" -eq 2 ] && [[ "$stderr" == *"--raw keeps the ' off CSV cells: only with -o csv or --excel"* ]] ||
			fail_with "--raw -o $o"
	done
	run --separate-stderr vk-report grid --raw
	[ "$status" -eq 2 ] || fail_with "--raw with the default text"
	run --separate-stderr vk-report weekly --excel
	[ "$status" -eq 2 ] && [[ "$stderr" == *"unknown option '--excel'"* ]] || fail_with "weekly --excel"
}

# ---- --input ----

@test "--input -: 'vk-trial list --department X -o jsonl | vk-report trials --input -' reports on that department only" {
	run --separate-stderr bash -c 'vk-trial list --department "Børn og Familie" -o jsonl | vk-report trials --input -'
	[ "$status" -eq 0 ] && [ -z "$stderr" ] || fail_with "pipe"
	n=$(vk-trial list --department "Børn og Familie" -o jsonl | wc -l | tr -d ' ')
	[ "$(printf '%s\n' "$output" | head -n 1)" = "The trial portfolio: $n trials" ]
	[[ "$output" == *"Børn og Familie"* ]]
	[[ "$output" != *"Uddannelse"* && "$output" != *"Kultur og Fritid"* ]] || fail_with "other departments"
	run bash -c 'vk-trial list --department "Børn og Familie" -o jsonl | vk-report trials --input - -o json'
	[ "$(json 'map { $_->{department} } @{$j->{by_department}}')" = "Børn og Familie" ]
	[ "$(json '$j->{total}')" = "$n" ]
	# and the timeline of those trials alone
	run bash -c 'vk-trial list --department "Børn og Familie" -o jsonl | vk-report timeline --input - -o jsonl'
	[ "$(count_lines "$output")" = "$n" ]
}

@test "--input: a mixed stream of every export and the history gives the reports of the database" {
	exports > all.jsonl
	for report in $REPORTS; do
		vk-report "$report" -o json > db.json
		vk-report "$report" -o json --input all.jsonl > stream.json || fail_with "$report --input"
		cmp db.json stream.json || fail_with "$report: the stream gives another report"
	done
	# in any order, from stdin
	tac all.jsonl > reversed.jsonl
	vk-report weekly -o json > db.json
	vk-report weekly -o json --input - < reversed.jsonl > stream.json
	cmp db.json stream.json || fail_with "reversed"
	# and as one JSON array
	perl -e 'my @l = <STDIN>; chomp @l; print "[\n", join(",\n", @l), "\n]\n"' < all.jsonl > all.json
	vk-report weekly -o json --input all.json > stream.json
	cmp db.json stream.json || fail_with "a JSON array"
	# the text report too
	[ "$(vk-report weekly)" = "$(vk-report weekly --input all.jsonl)" ]
}

@test "--input: -o json of several programs, one after another and mixed with JSON Lines, is one stream" {
	vk-report weekly --week 2020-W26 -o json > db.json
	# what the programs print, each its own array (or JSON Lines), back to back
	{
		vk-stakeholder export -o json
		vk-stakeholder engagement export -o json
		vk-stakeholder input export -o jsonl
		vk-milestone export -o json
		vk-milestone log -o jsonl
		vk-trial export -o json
		vk-trial learning export -o jsonl
		vk-trial log -o json
	} > mixed.json
	[ "$(grep -c '^\[$' mixed.json)" -ge 5 ] || fail_with "not several arrays"
	run --separate-stderr vk-report weekly --week 2020-W26 -o json --input mixed.json
	[ "$status" -eq 0 ] && [ -z "$stderr" ] || fail_with "mixed stream"
	[ "$output" = "$(cat db.json)" ] || fail_with "the mixed stream gives another report"
	# from a pipe, as the manual shows it, and arrays on one line each (jq -c)
	run --separate-stderr bash -c '{ vk-trial list -o json; vk-milestone list -o json; } | vk-report timeline --input - -o json'
	[ "$status" -eq 0 ] || fail_with "pipe"
	[ "$output" = "$(vk-report timeline -o json)" ] || fail_with "pipe: another timeline"
	run --separate-stderr bash -c '{ vk-trial list -o json | jq -c .; vk-milestone list -o jsonl; } | vk-report timeline --input - -o json'
	[ "$status" -eq 0 ] && [ "$output" = "$(vk-report timeline -o json)" ] || fail_with "jq -c"
}

@test "--input: a bad record of an array is named by its place in it, from 0 as jq counts" {
	vk-trial list -o json | jq -c '.[2].status = "flyvende" | .[4].owner = 0' > one-line.json
	{ vk-milestone list -o json | jq -c .; cat one-line.json; } > two.json
	run --separate-stderr -65 vk-report trials --input two.json
	[ -z "$output" ]
	[[ "${stderr_lines[0]}" == 'two.json:2: [2]: status: "flyvende" is not a trial status'* ]] || fail_with "element 2"
	[[ "${stderr_lines[1]}" == 'two.json:2: [4]: owner: 0 is not an id'* ]] || fail_with "element 4"
	[ "${stderr_lines[2]}" = "vk-report: two.json: 2 records it cannot use: no report" ]
	# JSON Lines keep FILE:LINE alone
	vk-trial list -o jsonl | jq -c 'if .id == 3 then .status = "flyvende" else . end' > lines.jsonl
	run --separate-stderr -65 vk-report trials --input lines.jsonl
	[[ "${stderr_lines[0]}" == 'lines.jsonl:3: status: "flyvende"'* ]] || fail_with "jsonl"
}

@test "--input: parse errors are shown up to 50, like bad records, then counted" {
	{
		vk-trial list -o jsonl | head -n 3
		for i in $(seq 1 70); do echo '{"type":"trial","id":'"$((100 + i))"',"title":"Lektiecafé i Ørsted",}'; done
		echo '{"type":"trial","id":500,"title":"Sidste"}'
	} > bad.jsonl
	run --separate-stderr -65 vk-report trials --input bad.jsonl
	[ -z "$output" ]
	[ "$(printf '%s\n' "$stderr" | grep -c '^bad\.jsonl:[0-9]*: ')" -eq 50 ] || fail_with "not 50 shown"
	[[ "${stderr_lines[0]}" == "bad.jsonl:4: "* ]] && [[ "${stderr_lines[49]}" == "bad.jsonl:53: "* ]] ||
		fail_with "the first 50"
	[ "${stderr_lines[50]}" = "vk-report: bad.jsonl: 20 more records it cannot use not shown" ]
	[ "${stderr_lines[51]}" = "vk-report: bad.jsonl: 70 records it cannot use: no report" ]
	[ "${#stderr_lines[@]}" -eq 52 ]
}

@test "--input: CSV gets one message that names the -o jsonl to use, not one a row" {
	for pair in "vk-trial export:vk-trial list -o jsonl" "vk-milestone list:vk-milestone list -o jsonl" \
		"vk-stakeholder export:vk-stakeholder list -o jsonl" \
		"vk-stakeholder engagements:vk-stakeholder engagements -o jsonl" \
		"vk-trial learnings:vk-trial learnings -o jsonl"; do
		maker=${pair%%:*} want=${pair#*:}
		$maker -o csv > records.csv
		[ "$(wc -l < records.csv)" -gt 5 ] || fail_with "$maker: few rows"
		run --separate-stderr -65 vk-report weekly --input records.csv
		[ -z "$output" ] || fail_with "$maker: a report"
		[ "$stderr" = "records.csv:1: --input reads JSON Lines or JSON, not CSV: make it with $want" ] ||
			fail_with "$maker: $stderr"
	done
	# Excel's CSV, from stdin; a header that names no one record type
	run --separate-stderr -65 bash -c 'vk-trial list -o csv --excel | vk-report trials --input -'
	[ "$stderr" = "stdin:1: --input reads JSON Lines or JSON, not CSV: make it with vk-trial list -o jsonl" ] ||
		fail_with "excel"
	run --separate-stderr -65 bash -c "printf 'id;title\r\n1;Æblehaven\r\n2;Øens skole\r\n' | vk-report trials --input -"
	[[ "$stderr" == "stdin:1: --input reads JSON Lines or JSON, not CSV or other text: make it with -o jsonl ("* ]] ||
		fail_with "unknown header"
	[ "${#stderr_lines[@]}" -eq 1 ]
}

@test "--input: records as show prints them, with their linked records, are read" {
	{ vk-trial show 6 -o jsonl; vk-trial show 13 -o jsonl; vk-milestone show 9 -o jsonl; } > some.jsonl
	run --separate-stderr vk-report weekly --week 2020-W26 --input some.jsonl -o json
	[ "$status" -eq 0 ] || fail_with "show output"
	[ "$(json 'map { $_->{id} } @{$j->{milestones}{overdue}}')" = 9 ]
	[ "$(json 'map { $_->{id} } @{$j->{trials}{late}}')" = 6 ]
	[ "$(json '$j->{trials}{by_status}{approved}, $j->{trials}{by_status}{running}')" = "1 1" ]
}

@test "--input needs no database" {
	exports > all.jsonl
	fresh_db
	for report in $REPORTS; do
		run --separate-stderr vk-report "$report" --input "$TEST_DIR/all.jsonl"
		[ "$status" -eq 0 ] || fail_with "$report --input without a database"
	done
	[ ! -e "$VK_DB" ]
}

@test "--input: an empty stream is an empty report" {
	for report in $REPORTS; do
		run --separate-stderr vk-report "$report" --input - </dev/null
		[ "$status" -eq 0 ] || fail_with "$report: empty stream"
		[ -n "$output" ]
		# only the weekly has something to say: who was not reached cannot be judged
		if [ "$report" = weekly ]; then
			[[ "$stderr" == *"coverage cannot be judged"* ]] || fail_with "weekly: $stderr"
		else
			[ -z "$stderr" ] || fail_with "$report: $stderr"
		fi
	done
}

# participants_without_record FILE: how many of the stakeholders named in
# the engagements of FILE (JSON Lines) have no stakeholder record in it.
participants_without_record() {
	perl -CSD -MJSON::PP -ne '
		my $r = JSON::PP->new->decode($_);
		if ($r->{type} eq "stakeholder") { $known{$r->{id}} = 1 }
		elsif ($r->{type} eq "engagement") { $named{$_} = 1 for @{$r->{participants}} }
		END { print scalar(grep { !$known{$_} } keys %named), "\n" }' "$1"
}

@test "--input: engagements without their participants' records count them under unknown, and say how many" {
	# what the issue saw: the engagements alone, from a pipe
	all=$(vk-report coverage -o json | json '$j->{total}' -)
	vk-stakeholder engagements -o jsonl > engagements.jsonl
	n=$(participants_without_record engagements.jsonl)
	[ "$n" -gt 1 ] || fail_with "the example has $n named participants"
	run --separate-stderr bash -c 'vk-stakeholder engagements -o jsonl | vk-report coverage --input - -o json'
	[ "$status" -eq 0 ] || fail_with "coverage --input -"
	[ "$stderr" = "vk-report: $n participants had no stakeholder record in the stream (counted as unknown)" ] ||
		fail_with "stderr"
	[ "$(json '$j->{total}')" = "$all" ] || fail_with "everyone who took part counts: $all"
	[ "$(json '$j->{unknown}')" = "$n" ]
	[ "$(json 'map { "$_->{group}/$_->{town}=$_->{named}+$_->{headcount}" } grep { ($_->{group} // "") eq "unknown" } @{$j->{rows}}')" = "unknown/unknown=$n+0" ] ||
		fail_with "the unknown row"
	# the heat map's axes have it too, last
	[ "$(json '$j->{groups}[-1], $j->{towns}[-1]')" = "unknown unknown" ]

	# a part of the register: the citizens' records are there, the others' not
	{ vk-stakeholder list --group citizen -o jsonl; cat engagements.jsonl; } > part.jsonl
	n=$(participants_without_record part.jsonl)
	citizens=$(vk-report coverage -o json | json 'my $t = 0; $t += $_->{named} for grep { ($_->{group} // "") eq "citizen" } @{$j->{rows}}; $t' -)
	[ "$citizens" -gt 0 ] && [ "$n" -gt 0 ] || fail_with "citizens $citizens, others $n"
	run --separate-stderr vk-report coverage --input part.jsonl -o json
	[ "$status" -eq 0 ]
	[ "$stderr" = "vk-report: $n participants had no stakeholder record in the stream (counted as unknown)" ] ||
		fail_with "stderr"
	[ "$(json '$j->{total}')" = "$all" ] || fail_with "total"
	[ "$(json 'my $t = 0; $t += $_->{named} for grep { ($_->{group} // "") eq "citizen" } @{$j->{rows}}; $t')" = "$citizens" ]
	[ "$(json 'map { $_->{named} } grep { ($_->{group} // "") eq "unknown" } @{$j->{rows}}')" = "$n" ]

	# for people: text, markdown and HTML tables and the heat map; a row for programs
	run --separate-stderr vk-report coverage --input part.jsonl
	printf '%s\n' "$output" | grep -qE "^  unknown +unknown +$n +0 +$n\$" || fail_with "text"
	run --separate-stderr vk-report coverage --input part.jsonl -o markdown
	printf '%s\n' "$output" | grep -qxF "| unknown | unknown | $n | 0 | $n |" || fail_with "markdown"
	run --separate-stderr vk-report coverage --input part.jsonl -o html
	[[ "$output" == *"<tr><td>unknown</td><td>unknown</td><td class=\"n\">$n</td>"* ]] || fail_with "html table"
	[[ "$output" == *">unknown</text>"* ]] || fail_with "html heat map"
	run --separate-stderr vk-report coverage --input part.jsonl -o csv
	printf '%s\n' "$output" | grep -qx "unknown,unknown,$n,0,$n"$'\r' || fail_with "csv"
	# a stream with every record says nothing of the kind
	run --separate-stderr vk-report coverage --input - -o json < <(exports)
	[ "$(json '$j->{unknown}')" = 0 ] && [ -z "$stderr" ] || fail_with "the whole process"
}

@test "--input: a participant without a record counts once, however many engagements; the weekly counts them too" {
	fresh_db
	vk-stakeholder add "Naja Lyberth-Møller" --group citizen --town Paamiut 2>/dev/null
	vk-stakeholder add "Pipaluk Heilmann" --group employee --town Nuuk >/dev/null
	vk-stakeholder add "Søren Ødegård" --group business --town Nuuk >/dev/null
	# Pipaluk takes part in both engagements, Søren in one: neither has a record in the stream
	vk-stakeholder engage "Borgermøde i Paamiut, \"Fremtidens bygd\"" --date 2020-06-22 --kind meeting \
		--town Paamiut --with 1,2 --headcount citizen=5 >/dev/null
	vk-stakeholder engage "Workshop i Nuuk" --date 2020-06-25 --kind workshop --town Nuuk \
		--with 2,3 --headcount employee=2 >/dev/null
	{ vk-stakeholder show 1 -o jsonl; vk-stakeholder engagements -o jsonl; } > stream.jsonl
	run --separate-stderr vk-report coverage --input stream.jsonl -o json
	[ "$stderr" = "vk-report: 2 participants had no stakeholder record in the stream (counted as unknown)" ] ||
		fail_with "stderr"
	[ "$(json '$j->{total}')" = '{"headcount":7,"named":3,"total":10}' ] || fail_with "total"
	[ "$(json 'join ",", map { "$_->{group}/$_->{town}=$_->{named}+$_->{headcount}" } @{$j->{rows}}')" = \
		"citizen/Paamiut=1+5,employee/Nuuk=0+2,unknown/unknown=2+0" ] || fail_with "rows"
	run --separate-stderr vk-report weekly --week 2020-W26 --input stream.jsonl -o json
	[ "$status" -eq 0 ]
	[ "$stderr" = "vk-report: 2 participants had no stakeholder record in the stream (counted as unknown)" ] ||
		fail_with "weekly stderr"
	[ "$(json '$j->{engagement}{total}')" = '{"headcount":7,"named":3,"total":10}' ] || fail_with "weekly total"
	[ "$(json '$j->{engagement}{unknown}')" = 2 ]
	run --separate-stderr vk-report weekly --week 2020-W26 --input stream.jsonl
	printf '%s\n' "$output" | grep -qE '^  unknown +unknown +2 +0 +2$' || fail_with "weekly text"
	printf '%s\n' "$output" | grep -qE '^  all +3 +7 +10$' || fail_with "weekly text total"
	# one of them: singular
	{ vk-stakeholder show 1 -o jsonl; vk-stakeholder show 2 -o jsonl; vk-stakeholder engagements -o jsonl; } > stream.jsonl
	run --separate-stderr vk-report coverage --input stream.jsonl
	[ "$stderr" = "vk-report: 1 participant had no stakeholder record in the stream (counted as unknown)" ] ||
		fail_with "one"
}

@test "--input: a weekly over a stream without stakeholders or without engagements does not judge who was not reached" {
	vk-stakeholder engagements -o jsonl > engagements.jsonl
	{ vk-stakeholder export -o jsonl; vk-milestone export -o jsonl; } > people.jsonl
	for f in engagements.jsonl people.jsonl; do
		case $f in
		engagements.jsonl) what=stakeholders ;;
		people.jsonl) what=engagements ;;
		esac
		run --separate-stderr vk-report weekly --week 2020-W26 --input "$f"
		[ "$status" -eq 0 ] || fail_with "$f"
		[[ "$stderr" == *"vk-report: the stream holds no $what: coverage cannot be judged, so the groups and towns not reached are left out"* ]] ||
			fail_with "$f: stderr"
		[[ "$output" != *"not reached since"* && "$output" != *"never reached"* ]] || fail_with "$f: gaps"
		gaps=$(section "Not reached in the last 4 weeks" "XXX")
		[[ "$gaps" == *"Not judged: the stream holds no $what."* ]] || fail_with "$f: gap section: $gaps"
		[[ "$gaps" != *"Every group and town was reached."* ]] || fail_with "$f: all reached?"
		run --separate-stderr vk-report weekly --week 2020-W26 --input "$f" -o json
		[ "$(json '$j->{engagement}{gaps}')" = null ] || fail_with "$f: json gaps"
		[ "$(json '$j->{engagement}{not_judged}')" = "the stream holds no $what" ] || fail_with "$f: not_judged"
		[ "$(json 'scalar grep { $_->{kind} =~ /not reached/ } @{$j->{attention}}')" = 0 ] ||
			fail_with "$f: attention"
		for format in markdown html; do
			run --separate-stderr vk-report weekly --week 2020-W26 --input "$f" -o $format
			[[ "$output" != *"never reached"* && "$output" == *"Not judged: the stream holds no $what."* ]] ||
				fail_with "$f -o $format"
		done
	done
	# the database, and a stream with both, are judged as before
	run --separate-stderr vk-report weekly --week 2020-W26 -o json
	[ "$(json 'scalar grep { $_->{kind} =~ /not reached/ } @{$j->{attention}}')" = 6 ] && [ -z "$stderr" ]
	[ "$(json 'exists $j->{engagement}{not_judged} ? 1 : 0')" = 0 ]
	{ vk-stakeholder export -o jsonl; cat engagements.jsonl; } > both.jsonl
	run --separate-stderr vk-report weekly --week 2020-W26 --input both.jsonl -o json
	[ "$(json 'scalar grep { $_->{kind} =~ /not reached/ } @{$j->{attention}}')" = 6 ] && [ -z "$stderr" ] ||
		fail_with "both"
}

@test "--input: a record of an unknown type or with a bad value exits 65 with stdin:LINE:, and no report" {
	run --separate-stderr bash -c 'printf "%s\n" "{\"type\":\"trial\",\"id\":1,\"title\":\"Lektiecafé\"}" "{\"type\":\"meeting\",\"id\":2}" | vk-report trials --input -'
	[ "$status" -eq 65 ] || fail_with "unknown type"
	[ -z "$output" ]
	[[ "$stderr" == "stdin:2: type: \"meeting\" is no record type"* ]] || fail_with "message"
	run --separate-stderr bash -c 'printf "%s\n" "{\"type\":\"trial\",\"id\":1,\"title\":\"Lektiecafé\",\"status\":\"flying\"}" | vk-report trials --input -'
	[ "$status" -eq 65 ] && [ -z "$output" ]
	[[ "$stderr" == "stdin:1: status: \"flying\" is not a trial status; use one of: idea, proposed, approved, running, done, evaluated, rejected, stopped"* ]] ||
		fail_with "bad status"
	# a date that is no date, a record without type or id, the same record twice
	for bad in '{"type":"milestone","id":1,"title":"X","due":"2020-13-01"}' '{"id":1,"title":"X"}' \
		'{"type":"trial","title":"X"}' '{"type":"trial","id":"seks","title":"X"}' \
		'{"type":"event","id":1}'; do
		run --separate-stderr bash -c "printf '%s\n' '$bad' | vk-report weekly --input -"
		[ "$status" -eq 65 ] || fail_with "$bad"
		[[ "$stderr" == "stdin:1: "* ]] || fail_with "$bad: message"
		[ -z "$output" ] || fail_with "$bad: a report"
	done
	run --separate-stderr bash -c "printf '%s\n' '{\"type\":\"trial\",\"id\":1,\"title\":\"X\"}' '{\"type\":\"trial\",\"id\":1,\"title\":\"X\"}' | vk-report trials --input -"
	[ "$status" -eq 65 ]
	[[ "$stderr" == "stdin:2: "* ]]
	# a file is named by its name
	printf '%s\n' '{"type":"trial","id":1,"title":"X"}' '{"type":"trial","id":2,"title":"Y","round":"en"}' > bad.jsonl
	run --separate-stderr vk-report trials --input bad.jsonl
	[ "$status" -eq 65 ]
	[[ "$stderr" == "bad.jsonl:2: round: "* ]] || fail_with "file name"
}

@test "--input: every bad record is reported, then the count" {
	printf '%s\n' '{"type":"trial","id":1,"title":"X","status":"flying"}' '{"type":"trial","id":2,"title":"Y"}' \
		'{"type":"nope","id":3}' > bad.jsonl
	run --separate-stderr vk-report trials --input bad.jsonl
	[ "$status" -eq 65 ]
	[ "$(printf '%s\n' "$stderr" | grep -c '^bad.jsonl:[0-9]*: ')" -eq 2 ]
	[[ "$stderr" == *"bad.jsonl:1: status:"*"bad.jsonl:3: type:"* ]]
	[[ "$(printf '%s\n' "$stderr" | tail -n 1)" == "vk-report: bad.jsonl: 2 records it cannot use"* ]]
}

@test "--input: text that is no JSON exits 65 with stdin:LINE:" {
	for text in 'hello' '42' 'null' 'id,title\n1,Lektiecafé' '{"type":"trial"' '[1,2]'; do
		run --separate-stderr bash -c "printf '$text\n' | vk-report trials --input -"
		[ "$status" -eq 65 ] || fail_with "'$text': not 65"
		[ -z "$output" ] || fail_with "'$text': a report"
		[[ "$stderr" =~ ^stdin:[0-9]+:\  ]] || fail_with "'$text': message"
	done
	# after good records
	run --separate-stderr bash -c "printf '%s\n' '{\"type\":\"trial\",\"id\":1,\"title\":\"X\"}' 'hello' | vk-report trials --input -"
	[ "$status" -eq 65 ]
	[[ "$stderr" == "stdin:2: "* ]]
}

@test "--input: events whose record is not in the stream do not print (null)" {
	run --separate-stderr bash -c 'vk-milestone log 8 -o jsonl | vk-report weekly --week 2020-W26 --input -'
	[ "$status" -eq 0 ] || [ "$status" -eq 65 ] || fail_with "status"
	[[ "$output$stderr" != *"(null)"* ]] || fail_with "(null) in the report"
	[[ "$output" != *"Milestone 0 "* ]] || fail_with "milestone 0"
}

@test "--input: a missing file exits 66 naming it" {
	run --separate-stderr vk-report trials --input "$TEST_DIR/ingen.jsonl"
	[ "$status" -eq 66 ]
	[ -z "$output" ]
	[[ "$stderr" == "vk-report: $TEST_DIR/ingen.jsonl: "* ]] || fail_with "message"
	run --separate-stderr vk-report trials --input
	[ "$status" -eq 2 ]
}

# ---- the manual ----

@test "man vk-report: lint-clean, with EXIT STATUS and the examples of the cron section" {
	command -v mandoc >/dev/null || skip "no mandoc"
	page="$VK_ROOT/man/vk-report.1"
	run mandoc -T lint -W warning "$page"
	[ "$status" -eq 0 ] && [ -z "$output" ] || fail_with "lint"
	text=$(mandoc -T ascii "$page" | sed 's/.\x08//g')
	[[ "$text" == *"EXIT STATUS"* ]]
	for code in 0 1 2 65 66 73 74 75; do
		printf '%s\n' "$text" | sed -n '/^EXIT STATUS/,/^EXAMPLES/p' | grep -qE "^ +$code( |$)" ||
			fail_with "EXIT STATUS without $code"
	done
	[[ "$text" == *"0 7 * * 1  VK_DB=/srv/vision/vk.db vk-report weekly -o markdown | mail"* ]]
	[[ "$text" == *"vk-report weekly -o html > /tmp/status.html"* ]]
	[[ "$text" == *"vk-report trials --input -"* ]]
}

@test "--input: a record given twice is refused, whether the ids come in order or not" {
	{
		echo '{"type":"stakeholder","id":3,"name":"Aviaja Ødegård","group":"citizen","town":"Nuuk"}'
		echo '{"type":"stakeholder","id":7,"name":"Malik Kleist","group":"employee","town":"Sisimiut"}'
		echo '{"type":"stakeholder","id":3,"name":"Aviaja Ødegård","group":"citizen","town":"Nuuk"}'
		echo '{"type":"stakeholder","id":5,"name":"Åge Berthelsen","group":"business","town":"Ilulissat"}'
		echo '{"type":"stakeholder","id":5,"name":"Åge Berthelsen","group":"business","town":"Ilulissat"}'
		echo '{"type":"engagement","id":3,"date":"2020-06-22","kind":"meeting","title":"Møde om skolen"}'
	} > twice.jsonl
	run --separate-stderr -65 vk-report weekly --input twice.jsonl
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "twice.jsonl:3: id: stakeholder 3 appears twice" ]
	[ "${stderr_lines[1]}" = "twice.jsonl:5: id: stakeholder 5 appears twice" ]
	[[ "${stderr_lines[2]}" == "vk-report: twice.jsonl: 2 records it cannot use: no report" ]]
}

@test "markdown: text that markdown would read as markup reads as the text it is" {
	vk-milestone set 12 --title "1. runde: *vigtigt* ~udsat~ [se](x) & <b>godt</b> _ja_ \`kode\` !" >/dev/null
	vk-milestone set 12 --place "- Nuuk" >/dev/null
	run vk-report weekly --week 2020-W26 -o markdown
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -qF '| 12 | 2020-07-08 | 10:00 | 1\. runde: \*vigtigt\* \~udsat\~ \[se\](x) \& \<b\>godt\</b\> \_ja\_ \`kode\` \! | decision | \- Nuuk |' ||
		fail_with "markup in a cell"
	run vk-report weekly --week 2020-W26 --title '# Status: *uge 26* <script>' -o markdown
	[ "${lines[0]}" = '# \# Status: \*uge 26\* \<script\>, week 26' ] || fail_with "title: ${lines[0]}"
}

# ---- goals (vk-goal): the weekly's measurements and late goals, the trials' goals ----

# add_goals: the example's goals model (examples/themes.csv, goals.csv,
# measurements.csv, trial_goals.csv). In week 26: measurements 14, 15 and
# 17 (goals 9, 10, 11); goal 6's target date 2020-06-01 has passed with
# 31 days against a target of 20: behind, 25 days past it.
add_goals() {
	vk-goal theme import "$EXAMPLES/themes.csv" 2>/dev/null
	vk-goal import "$EXAMPLES/goals.csv" 2>/dev/null
	vk-goal measurement import "$EXAMPLES/measurements.csv" 2>/dev/null
	vk-trial import "$EXAMPLES/trial_goals.csv" 2>/dev/null
}

@test "weekly: without goals, no measurements key and no Goals part" {
	run --separate-stderr vk-report weekly --week 2020-W26 -o json
	[ "$status" -eq 0 ]
	[ "$(json 'exists $j->{measurements} ? 1 : 0')" = 0 ] || fail_with "a measurements key without goals"
	run vk-report weekly --week 2020-W26
	[[ "$output" != *"Measurements this week"* ]] || fail_with "a Goals part without goals"
}

@test "weekly: the measurements dated in the week, in every format" {
	add_goals || fail_with "the goals model could not be imported"
	run --separate-stderr vk-report weekly --week 2020-W26 -o json
	[ "$status" -eq 0 ]
	[ "$(json 'map { "$_->{id}:$_->{goal}:$_->{date}" } @{$j->{measurements}}')" = "17:11:2020-06-22 14:9:2020-06-24 15:10:2020-06-24" ] ||
		fail_with "the week's measurements"
	[ "$(json '$j->{measurements}[0]{goal_title}')" = "Flere medarbejdere anbefaler kommunen som arbejdsplads" ] ||
		fail_with "with the goal's title"
	run vk-report weekly --week 2020-W26
	[[ "$output" == *"Measurements this week"* ]] || fail_with "text heading"
	[[ "$output" =~ 2020-06-22\ +11\ +Flere\ medarbejdere.*60\.4%\ +2251 ]] || fail_with "text row"
	[[ "$output" == *"1780 deltagere"* ]] || fail_with "a unit other than %"
	run vk-report weekly --week 2020-W26 -o markdown
	[[ "$output" == *"### Measurements this week"* ]] || fail_with "markdown"
	run vk-report weekly --week 2020-W26 -o html
	[[ "$output" == *"<h3>Measurements this week</h3>"* ]] || fail_with "html"
	# another week: none
	run vk-report weekly --week 2020-W12
	[[ "$output" == *"Measurements this week"*"None."* ]] || fail_with "a week without measurements"
}

@test "weekly: attention names a goal past its target date unreached, with what is late" {
	add_goals || fail_with "the goals model could not be imported"
	run --separate-stderr vk-report weekly --week 2020-W26 -o json
	[ "$(json 'map { $_->{kind} } @{$j->{attention}}' | tr ' ' '\n' | grep -c 'goal')" -ge 1 ]
	[ "$(json 'map { "$_->{record}{id}:$_->{days}:$_->{status}" } grep { $_->{kind} eq "goal past its target" } @{$j->{attention}}')" = "6:25:behind" ] ||
		fail_with "goal 6, 25 days past, behind"
	# after the milestones, before the trials
	kinds=$(json 'join ",", map { $_->{kind} } @{$j->{attention}}')
	[[ "$kinds" == "overdue milestone,moved milestone,goal past its target,late trial,"* ]] ||
		fail_with "the order: $kinds"
	run vk-report weekly --week 2020-W26
	[[ "$(printf '%s' "$output" | unwrap)" == *'! Goal 6 "Kortere ventetid på en plads i daginstitution" was to be reached by 2020-06-01 and is behind: 25 days past its target date'* ]] ||
		fail_with "the text line"
	# reached by now: no line
	vk-goal measure 6 18 --date 2020-06-25 >/dev/null
	run --separate-stderr vk-report weekly --week 2020-W26 -o json
	[ -z "$(json 'grep { $_->{kind} eq "goal past its target" } @{$j->{attention}}')" ] ||
		fail_with "a reached goal is no attention"
	# a week before the target date: not yet late
	run --separate-stderr vk-report weekly --week 2020-W21 -o json
	[ -z "$(json 'map { $_->{kind} } grep { $_->{kind} eq "goal past its target" } @{$j->{attention}}')" ] ||
		fail_with "week 21 is before the target date"
}

@test "trials: each trial with the goals it serves, only when the process has goals" {
	run --separate-stderr vk-report trials -o json
	[ "$(json 'exists $j->{goals} ? 1 : 0')" = 0 ] || fail_with "goals key without goals"
	add_goals || fail_with "the goals model could not be imported"
	run --separate-stderr vk-report trials -o json
	[ "$status" -eq 0 ]
	[ "$(json 'scalar @{$j->{goals}}')" = 24 ] || fail_with "every trial"
	[ "$(json 'my ($t) = grep { $_->{id} == 22 } @{$j->{goals}}; map { "$_->{id}=$_->{title}" } @{$t->{goals}}')" = "10=Lavere sygefravær 11=Flere medarbejdere anbefaler kommunen som arbejdsplads" ] ||
		fail_with "trial 22's goals"
	[ "$(json 'my ($t) = grep { $_->{id} == 9 } @{$j->{goals}}; scalar @{$t->{goals}}')" = 0 ] ||
		fail_with "trial 9 serves none"
	run vk-report trials
	[[ "$output" == *"The goals each trial serves"* ]] || fail_with "text heading"
	[[ "$output" =~ 22\ +Trivselsmåling\ på\ én\ side\ +approved\ +2\ +10\ Lavere\ sygefravær\;\ 11 ]] ||
		fail_with "text row of trial 22"
}
