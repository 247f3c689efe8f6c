#!/usr/bin/env bats
# vk-milestone ics: the timeline as an RFC 5545 calendar. The output is
# parsed by a real calendar library (libical, through tests/ical/check-ics,
# which runs libical's restriction checks for METHOD:PUBLISH), and its
# bytes are checked here: CRLF line ends, lines folded at 75 octets without
# splitting a UTF-8 character, text escaped, all-day dates, stable UIDs.

load helpers

# check-ics is built beside the programs: $BUILD/tests/check-ics ($VK_BIN:
# helpers.bash).
CHECK_ICS="$VK_BIN/../tests/check-ics"

# check_ics FILE: runs check-ics on FILE (output: one line a VEVENT,
# UID|DTSTART|DTEND|SUMMARY); fails the test when it is not built.
check_ics() {
	[ -x "$CHECK_ICS" ] || {
		echo "check-ics is not built: $CHECK_ICS (see tests/ical/README)" >&2
		return 1
	}
	"$CHECK_ICS" "$@"
}

# unfold FILE: the content lines of FILE, CR removed and folds joined.
unfold() {
	LC_ALL=C awk '
		{ sub(/\r$/, "") }
		/^[ \t]/ { line = line substr($0, 2); next }
		NR > 1 { print line }
		{ line = $0 }
		END { if (NR) print line }' "$1"
}

# event N FILE: the unfolded lines of the Nth VEVENT of FILE.
event() {
	unfold "$2" | awk -v n="$1" '
		/^BEGIN:VEVENT$/ { i++ }
		i == n { print }
		/^END:VEVENT$/ && i == n { exit }'
}

# prop NAME: from lines on stdin, the value of the first property NAME
# (with or without parameters).
prop() {
	awk -v name="$1" '
		index($0, name ":") == 1 || index($0, name ";") == 1 {
			sub(/^[^:]*:/, ""); print; exit
		}'
}

# A small timeline (VK_TODAY is 2020-06-26):
#  1 Første samling i Tasiilaq, Paamiut og Nuuk  2020-W11..2020-W12  done
#  2 Første runde prøvehandlinger                2020-04..2020-05     done
#  3 Anden samling                               2020-W24 (a week)    planned, overdue
#  4 Styregruppemøde: status og anden runde      2020-06-30           planned
#  5 Borgermøde i Ittoqqortoormiit               2020-07-15           cancelled
#  6 Den endelige grundfortælling                2020-11-16..2020-11-30 planned
add_milestones() {
	vk-milestone add "Første samling i Tasiilaq, Paamiut og Nuuk" --kind gathering \
		--start 2020-W11 --due 2020-W12 --status done --done 2020-03-20 \
		--place "Tasiilaq, Paamiut og Nuuk" \
		--notes $'Uge 11–12.\nWorkshoppen i Nuuk med højst 50 deltagere.' >/dev/null 2>&1
	vk-milestone add "Første runde prøvehandlinger" --kind round --start 2020-04 \
		--due 2020-05 --status done --done 2020-06-09 --depends 1 >/dev/null
	vk-milestone add "Anden samling" --kind gathering --start 2020-W24 --due 2020-W24 \
		--place Nuuk --depends 2 >/dev/null
	vk-milestone add "Styregruppemøde: status og anden runde" --kind decision \
		--due 2020-06-30 --place "Rådhuset, Nuuk" --depends 3 >/dev/null
	vk-milestone add "Borgermøde i Ittoqqortoormiit" --kind gathering --due 2020-07-15 \
		--status cancelled --place Ittoqqortoormiit >/dev/null
	vk-milestone add "Den endelige grundfortælling" --kind deliverable \
		--start 2020-11-16 --due 2020-11-30 \
		--deliverables "Tre til fem sider, på grønlandsk og dansk" --depends 4 >/dev/null
}

# ---- a real calendar library takes it ----

@test "check-ics itself refuses a calendar that breaks the rules" {
	printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 PRODID:-//test//EN METHOD:PUBLISH \
		BEGIN:VEVENT UID:a@test DTSTAMP:20200626T120000Z ORGANIZER:mailto:a@example.gl \
		'DTSTART;VALUE=DATE:20200630' 'DTEND;VALUE=DATE:20200701' SUMMARY:Godt \
		END:VEVENT END:VCALENDAR > good.ics
	run check_ics good.ics
	[ "$status" -eq 0 ] || fail_with "a good calendar is refused"
	[ "$output" = 'a@test|2020-06-30|2020-07-01|Godt' ]
	# no UID, no DTSTAMP
	grep -v -e '^UID:' -e '^DTSTAMP:' good.ics > bad.ics
	run check_ics bad.ics
	[ "$status" -eq 1 ] || fail_with "no UID, no DTSTAMP"
	# a date-time where an all-day date is wanted
	sed 's/^DTSTART;VALUE=DATE:20200630/DTSTART:20200630T100000Z/' good.ics > bad.ics
	run check_ics bad.ics
	[ "$status" -eq 1 ] || fail_with "DTSTART as a date-time"
	# an invitation, not a published calendar
	sed 's/^METHOD:PUBLISH/METHOD:REQUEST/' good.ics > bad.ics
	run check_ics bad.ics
	[ "$status" -eq 1 ] || fail_with "METHOD:REQUEST"
	# PUBLISH without an ORGANIZER breaks RFC 5546
	grep -v '^ORGANIZER:' good.ics > bad.ics
	run check_ics bad.ics
	[ "$status" -eq 1 ] || fail_with "PUBLISH without ORGANIZER"
	# neither: a plain RFC 5545 calendar
	grep -v -e '^METHOD:' -e '^ORGANIZER:' good.ics > plain.ics
	run check_ics plain.ics
	[ "$status" -eq 0 ] || fail_with "a plain calendar is refused"
	# DTEND before DTSTART
	sed 's/^DTEND;VALUE=DATE:20200701/DTEND;VALUE=DATE:20200629/' good.ics > bad.ics
	run check_ics bad.ics
	[ "$status" -eq 1 ] || fail_with "DTEND before DTSTART"
}

@test "ics is a calendar that libical takes under its restriction checks, one VEVENT a milestone" {
	add_milestones
	vk-milestone ics > tidsplan.ics
	run --separate-stderr check_ics tidsplan.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses it"
	[ "$stderr" = "" ]
	[ "$(count_lines "$output")" = 6 ]
	[ "$(grep -c '^BEGIN:VEVENT' tidsplan.ics)" = 6 ]
	[ "$(grep -c '^END:VEVENT' tidsplan.ics)" = 6 ]
	# all-day dates: the window when there is a start, DTEND the day after due
	[ "$(cut -d'|' -f2- <<<"$output")" = '2020-03-09|2020-03-23|Første samling i Tasiilaq, Paamiut og Nuuk
2020-04-01|2020-06-01|Første runde prøvehandlinger
2020-06-08|2020-06-15|Anden samling
2020-06-30|2020-07-01|Styregruppemøde: status og anden runde
2020-07-15|2020-07-16|Borgermøde i Ittoqqortoormiit
2020-11-16|2020-12-01|Den endelige grundfortælling' ] || fail_with "events differ"
	# every UID differs
	[ "$(cut -d'|' -f1 <<<"$output" | sort -u | wc -l)" = 6 ]
}

@test "ics names an ORGANIZER, and is then METHOD:PUBLISH, only when one is given" {
	add_milestones
	vk-milestone ics > plain.ics
	[ "$(grep -c '^ORGANIZER' plain.ics)" = 0 ] || fail_with "an ORGANIZER nobody gave"
	[ "$(grep -c '^METHOD' plain.ics)" = 0 ] || fail_with "PUBLISH without an ORGANIZER"
	run check_ics plain.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses the plain calendar"
	VK_ORGANIZER=sekretariat@example.gl vk-milestone ics > env.ics
	[ "$(grep -c '^ORGANIZER:mailto:sekretariat@example.gl' env.ics)" = 6 ] || fail_with "VK_ORGANIZER"
	[ "$(grep -c '^METHOD:PUBLISH' env.ics)" = 1 ]
	run check_ics env.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses the published calendar"
	VK_ORGANIZER=sekretariat@example.gl vk-milestone ics --organizer mailto:styregruppe@example.gl > opt.ics
	[ "$(grep -c '^ORGANIZER:mailto:styregruppe@example.gl' opt.ics)" = 6 ] || fail_with "--organizer"
}

@test "ics writes VERSION, PRODID, METHOD:PUBLISH and the calendar's name (--name)" {
	add_milestones
	export VK_ORGANIZER=sekretariat@example.gl
	vk-milestone ics > a.ics
	unfold a.ics > a.txt
	[ "$(head -1 a.txt)" = "BEGIN:VCALENDAR" ]
	[ "$(tail -1 a.txt)" = "END:VCALENDAR" ]
	[ "$(grep -c '^VERSION:2.0$' a.txt)" = 1 ]
	[ "$(grep -c '^PRODID:.' a.txt)" = 1 ]
	[ "$(grep -c '^METHOD:PUBLISH$' a.txt)" = 1 ]
	[ "$(prop X-WR-CALNAME < a.txt)" = "vk milestones" ]
	vk-milestone ics --name "Visionsproces, Kommuneqarfik Sermersooq" > b.ics
	[ "$(unfold b.ics | prop X-WR-CALNAME)" = 'Visionsproces\, Kommuneqarfik Sermersooq' ]
	run check_ics b.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses it"
}

@test "ics: DTSTART is the start when given, else the due date; DTEND is due + 1 day, across months and years" {
	vk-milestone add "Nytårskur" --due 2020-12-31 2>/dev/null
	vk-milestone add "Skuddag" --due 2020-02-28 >/dev/null
	vk-milestone add "Hele februar" --start 2020-02 --due 2020-02 >/dev/null
	vk-milestone ics > a.ics
	[ "$(event 1 a.ics | prop DTSTART)" = 20201231 ]
	[ "$(event 1 a.ics | prop DTEND)" = 20210101 ]
	[ "$(event 2 a.ics | prop DTSTART)" = 20200228 ]
	[ "$(event 2 a.ics | prop DTEND)" = 20200229 ]
	[ "$(event 3 a.ics | prop DTSTART)" = 20200201 ]
	[ "$(event 3 a.ics | prop DTEND)" = 20200301 ]
	# as dates: VALUE=DATE
	[ "$(event 1 a.ics | grep -c '^DTSTART;VALUE=DATE:')" = 1 ]
	[ "$(event 1 a.ics | grep -c '^DTEND;VALUE=DATE:')" = 1 ]
	run check_ics a.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses it"
}

@test "ics: DTSTAMP is a UTC date-time, ending with Z" {
	add_milestones
	vk-milestone ics > a.ics
	[ "$(unfold a.ics | grep -c '^DTSTAMP:')" = 6 ]
	[ "$(unfold a.ics | grep -c '^DTSTAMP:[0-9]\{8\}T[0-9]\{6\}Z$')" = 6 ]
}

@test "ics: the filters of list apply" {
	add_milestones
	vk-milestone ics --status planned > planned.ics
	run check_ics planned.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses it"
	[ "$(cut -d'|' -f4 <<<"$output")" = 'Anden samling
Styregruppemøde: status og anden runde
Den endelige grundfortælling' ] || fail_with "--status planned"
	vk-milestone ics --between 2020-06 2020-07 > sommer.ics
	run check_ics sommer.ics
	[ "$status" -eq 0 ]
	[ "$(cut -d'|' -f4 <<<"$output")" = 'Anden samling
Styregruppemøde: status og anden runde
Borgermøde i Ittoqqortoormiit' ] || fail_with "--between"
	[ "$(vk-milestone ics --kind gathering | grep -c '^BEGIN:VEVENT')" = 3 ]
	[ "$(vk-milestone ics --overdue | grep -c '^BEGIN:VEVENT')" = 1 ]
	[ "$(vk-milestone ics --upcoming 2w | grep -c '^BEGIN:VEVENT')" = 1 ]
	[ "$(vk-milestone ics --due-after 2020-07 | grep -c '^BEGIN:VEVENT')" = 1 ]
	[ "$(vk-milestone ics --sort -due --limit 2 | unfold /dev/stdin | grep '^SUMMARY:')" = 'SUMMARY:Den endelige grundfortælling
SUMMARY:Borgermøde i Ittoqqortoormiit' ]
	run --separate-stderr vk-milestone ics --status igang
	[ "$status" -eq 65 ]
	[ "$output" = "" ]
	run --separate-stderr vk-milestone ics -o json
	[ "$status" -eq 2 ]
}

@test "ics: a filter that matches nothing gives a calendar without events that libical still takes" {
	add_milestones
	VK_ORGANIZER=sekretariat@example.gl vk-milestone ics --kind workshop > tom.ics
	run check_ics tom.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses it"
	[ "$output" = "" ]
	[ "$(unfold tom.ics | grep -c '^METHOD:PUBLISH$')" = 1 ]
}

@test "ics: a cancelled milestone is an event with STATUS:CANCELLED" {
	add_milestones
	vk-milestone ics > a.ics
	[ "$(event 5 a.ics | prop SUMMARY)" = "Borgermøde i Ittoqqortoormiit" ]
	[ "$(event 5 a.ics | prop STATUS)" = CANCELLED ]
	[ "$(event 3 a.ics | prop STATUS)" != CANCELLED ]
}

# ---- meetings at their hour ----

@test "ics: a milestone with a time is a timed event in UTC from TZ, winter and summer (Europe/Copenhagen)" {
	vk-milestone add "Styregruppemøde om vinterens borgermøder" --kind decision --due 2020-01-15 \
		--time 10:00 --place "Rådhuset, Nuuk" 2>/dev/null
	vk-milestone add "Styregruppemøde: status og anden runde" --kind decision --due 2020-07-15 \
		--time 10:00 --end-time 12:30 >/dev/null
	vk-milestone add "Anden samling" --kind gathering --due 2020-07-16 >/dev/null
	TZ=Europe/Copenhagen vk-milestone ics > a.ics
	# CET is UTC+1, CEST UTC+2; no end_time: an hour after
	[ "$(event 1 a.ics | grep -E '^DT(START|END)')" = 'DTSTART:20200115T090000Z
DTEND:20200115T100000Z' ] || fail_with "January: $(event 1 a.ics | grep '^DT')"
	[ "$(event 2 a.ics | grep -E '^DT(START|END)')" = 'DTSTART:20200715T080000Z
DTEND:20200715T103000Z' ] || fail_with "July: $(event 2 a.ics | grep '^DT')"
	# a milestone without a time stays all day
	[ "$(event 3 a.ics | prop 'DTSTART;VALUE=DATE')" = 20200716 ]
	[ "$(event 3 a.ics | prop 'DTEND;VALUE=DATE')" = 20200717 ]
	run --separate-stderr check_ics a.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses it: $stderr"
	[ "$(cut -d'|' -f2-3 <<<"$output")" = '2020-01-15T09:00:00Z|2020-01-15T10:00:00Z
2020-07-15T08:00:00Z|2020-07-15T10:30:00Z
2020-07-16|2020-07-17' ] || fail_with "libical reads: $output"
	# the bytes as for every calendar: CRLF, nothing longer than 75 octets
	[ "$(LC_ALL=C awk '!/\r$/' a.ics | wc -l)" = 0 ] || fail_with "lines without CR"
	[ -z "$(LC_ALL=C awk '{ sub(/\r$/, "") } length($0) > 75' a.ics)" ] || fail_with "a line over 75 octets"
	VK_ORGANIZER=sekretariat@example.gl TZ=Europe/Copenhagen vk-milestone ics > p.ics
	run check_ics p.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses the published calendar"
}

@test "ics: America/Nuuk in 2020, winter (UTC-3) and summer (UTC-2), on rules every tzdata agrees on" {
	# Nuuk's rules changed in 2023 (standard time UTC-2 from then); tzdata
	# before and after agree on 2020
	vk-milestone add "Borgermøde i Nuuk, januar" --due 2020-01-15 --time 19:00 --end-time 21:00 2>/dev/null
	vk-milestone add "Borgermøde i Nuuk, juni" --due 2020-06-30 --time 19:00 --end-time 21:00 >/dev/null
	# a meeting over two days: from time on the start day to end_time on the due day
	vk-milestone add "Anden samling i Nuuk" --start 2020-06-08 --due 2020-06-09 --time 09:00 --end-time 16:00 >/dev/null
	TZ=America/Nuuk vk-milestone ics > a.ics
	run --separate-stderr check_ics a.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses it: $stderr"
	[ "$(cut -d'|' -f2-4 <<<"$output")" = '2020-01-15T22:00:00Z|2020-01-16T00:00:00Z|Borgermøde i Nuuk, januar
2020-06-30T21:00:00Z|2020-06-30T23:00:00Z|Borgermøde i Nuuk, juni
2020-06-08T11:00:00Z|2020-06-09T18:00:00Z|Anden samling i Nuuk' ] || fail_with "events: $output"
}

@test "ics: with TZ unset, the C library's zone (the system's, else UTC); TZ=UTC is UTC" {
	vk-milestone add "Styregruppemøde" --due 2020-06-30 --time 10:00 2>/dev/null
	TZ=UTC vk-milestone ics > utc.ics
	[ "$(event 1 utc.ics | prop DTSTART)" = 20200630T100000Z ]
	# unset: what localtime(3) reads, /etc/localtime; the same hour as date(1) gives
	want=$(env -u TZ date -u -d "$(env -u TZ date -d '2020-06-30 10:00' '+%Y-%m-%d %H:%M %z')" +%Y%m%dT%H%M%SZ)
	env -u TZ vk-milestone ics > local.ics
	[ "$(event 1 local.ics | prop DTSTART)" = "$want" ] || fail_with "unset TZ: $(event 1 local.ics | prop DTSTART), date says $want"
}

@test "ics: a time set later makes the event timed, --clear time all day again; the UID stays" {
	vk-milestone add "Styregruppemøde" --due 2020-06-30 2>/dev/null
	TZ=Europe/Copenhagen vk-milestone ics > 1.ics
	vk-milestone set 1 --time 13:15 --end-time 15:00
	TZ=Europe/Copenhagen vk-milestone ics > 2.ics
	[ "$(event 1 2.ics | prop DTSTART)" = 20200630T111500Z ]
	[ "$(event 1 2.ics | prop DTEND)" = 20200630T130000Z ]
	[ "$(event 1 2.ics | prop UID)" = "$(event 1 1.ics | prop UID)" ]
	[ "$(event 1 2.ics | prop SEQUENCE)" -gt "$(event 1 1.ics | prop SEQUENCE)" ]
	# end_time needs its time: clearing time alone is refused, both together is all day
	run --separate-stderr vk-milestone set 1 --clear time
	[ "$status" -eq 65 ]
	[ "$stderr" = "vk-milestone: end_time: 15:00 without a time: give the hour it starts (--time)" ] || fail_with "$stderr"
	vk-milestone set 1 --clear time --clear end_time
	TZ=Europe/Copenhagen vk-milestone ics > 3.ics
	[ "$(event 1 3.ics | prop 'DTSTART;VALUE=DATE')" = 20200630 ]
	run check_ics 3.ics
	[ "$status" -eq 0 ]
}

# ---- the bytes ----

@test "ics: every line ends with CR LF, and there is no bare CR or LF" {
	add_milestones
	vk-milestone ics > a.ics
	[ "$(LC_ALL=C awk '!/\r$/' a.ics | wc -l)" = 0 ] || fail_with "lines without CR"
	# the last line is ended too
	[ "$(tail -c 2 a.ics | od -An -tx1 | tr -d ' \n')" = 0d0a ]
	# as many CRs as LFs: a CR only before an LF
	[ "$(LC_ALL=C tr -cd '\r' < a.ics | wc -c)" = "$(wc -l < a.ics)" ] || fail_with "a stray CR"
}

@test "ics: no line is longer than 75 octets; continuation lines start with a space" {
	add_milestones
	vk-milestone set 6 --notes "$(printf 'Grundfortællingen skal kunne læses højt på et borgermøde i Tasiilaq, Paamiut og Nuuk. %.0s' 1 2 3 4)"
	vk-milestone ics --name "Visionsprocessen i Kommuneqarfik Sermersooq: tidsplan for samlinger, prøvehandlinger og beslutninger" > a.ics
	long=$(LC_ALL=C awk '{ sub(/\r$/, "") } length($0) > 75 { print NR ": " length($0) }' a.ics)
	[ -z "$long" ] || fail_with "lines longer than 75 octets: $long"
	# there are folds, and only continuation lines start with a space or tab
	[ "$(grep -c '^ ' a.ics)" -gt 3 ] || fail_with "nothing was folded"
	bad=$(LC_ALL=C grep -n -v -e '^ ' -e '^[A-Z][A-Z0-9-]*[;:]' a.ics || true)
	[ -z "$bad" ] || fail_with "lines that are neither a property nor a continuation: $bad"
	# unfolded, the long texts are whole again
	[ "$(unfold a.ics | prop X-WR-CALNAME)" = "Visionsprocessen i Kommuneqarfik Sermersooq: tidsplan for samlinger\\, prøvehandlinger og beslutninger" ]
	run check_ics a.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses it"
}

@test "ics: a line of exactly 75 octets is not folded, one of 76 is" {
	t67=$(printf 'x%.0s' $(seq 67))
	vk-milestone add "$t67" --due 2020-06-30 2>/dev/null
	vk-milestone add "${t67}y" --due 2020-07-01 >/dev/null
	vk-milestone ics > a.ics
	# SUMMARY: is 8 octets; for each SUMMARY, its length and the line after it
	got=$(LC_ALL=C awk '
		{ sub(/\r$/, "") }
		s { print s "|" (/^ / ? $0 : "no fold"); s = "" }
		/^SUMMARY:/ { s = length($0) }' a.ics)
	[ "$got" = "75|no fold
75| y" ] || fail_with "folds at the 75th octet: $got"
}

@test "ics: a fold never splits a UTF-8 character (a SUMMARY of 60 æ)" {
	title=$(printf 'æ%.0s' $(seq 60))
	vk-milestone add "$title" --due 2020-06-30 --place "$(printf 'ø%.0s' $(seq 50))å" 2>/dev/null
	vk-milestone ics > a.ics
	# 8 octets of "SUMMARY:" and 120 of æ: folded
	[ "$(LC_ALL=C grep -c '^SUMMARY:' a.ics)" = 1 ]
	[ "$(LC_ALL=C awk '/^SUMMARY:/ { sub(/\r$/, ""); print length($0) }' a.ics)" -le 75 ]
	[ "$(LC_ALL=C awk '/^SUMMARY:/ { getline; print substr($0, 1, 1) }' a.ics)" = " " ] ||
		fail_with "SUMMARY is not folded"
	# every physical line is valid UTF-8 by itself: no character was cut
	[ "$(LC_ALL=C.UTF-8 grep -a -v -x -c '.*' a.ics || true)" = 0 ] || fail_with "a line is not UTF-8 by itself"
	# and no continuation starts inside a character
	[ "$(LC_ALL=C grep -c $'^ [\x80-\xbf]' a.ics || true)" = 0 ] || fail_with "a fold splits a character"
	[ "$(unfold a.ics | prop SUMMARY)" = "$title" ]
	[ "$(unfold a.ics | prop LOCATION)" = "$(printf 'ø%.0s' $(seq 50))å" ]
	run check_ics a.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses it"
	[ "$(cut -d'|' -f4 <<<"$output")" = "$title" ]
}

@test "ics escapes , ; \\ and line breaks in SUMMARY, LOCATION and DESCRIPTION" {
	vk-milestone add 'Møde; dagsorden, "punkt 1" \ punkt 2' --due 2020-06-30 \
		--place "Katuaq, Nuuk; sal 2" \
		--notes $'Første linje, med komma; og semikolon\nAnden linje: C:\\vk\\tidsplan' 2>/dev/null
	vk-milestone ics > a.ics
	[ "$(unfold a.ics | prop SUMMARY)" = 'Møde\; dagsorden\, "punkt 1" \\ punkt 2' ] || fail_with "SUMMARY"
	[ "$(unfold a.ics | prop LOCATION)" = 'Katuaq\, Nuuk\; sal 2' ] || fail_with "LOCATION"
	desc=$(unfold a.ics | prop DESCRIPTION)
	[[ "$desc" == *'Første linje\, med komma\; og semikolon\nAnden linje: C:\\vk\\tidsplan'* ]] ||
		fail_with "DESCRIPTION: $desc"
	# the line break is no line break in the file
	[ "$(LC_ALL=C grep -c '^Anden linje' a.ics || true)" = 0 ]
	# libical reads the text back as it was written
	run check_ics a.ics
	[ "$status" -eq 0 ] || fail_with "check-ics refuses it"
	[ "$(cut -d'|' -f4- <<<"$output")" = 'Møde; dagsorden, "punkt 1" \ punkt 2' ]
}

# ---- UIDs and SEQUENCE ----

@test "ics: a milestone keeps its UID after set --title and move, and its SEQUENCE increases" {
	add_milestones
	vk-milestone ics > 1.ics
	uid=$(event 3 1.ics | prop UID)
	seq1=$(event 3 1.ics | prop SEQUENCE)
	[ -n "$uid" ]
	[[ "$seq1" =~ ^[0-9]+$ ]] || fail_with "SEQUENCE: $seq1"
	vk-milestone set 3 --title "Anden samling i Nuuk"
	vk-milestone ics > 2.ics
	[ "$(event 3 2.ics | prop UID)" = "$uid" ] || fail_with "the UID changed after set --title"
	[ "$(event 3 2.ics | prop SUMMARY)" = "Anden samling i Nuuk" ]
	seq2=$(event 3 2.ics | prop SEQUENCE)
	[ "$seq2" -gt "$seq1" ] || fail_with "SEQUENCE $seq1 then $seq2 after set"
	vk-milestone move 3 2020-W25 --reason "Kommunalbestyrelsens junimøde blev flyttet en uge"
	vk-milestone ics > 3.ics
	[ "$(event 3 3.ics | prop UID)" = "$uid" ] || fail_with "the UID changed after move"
	[ "$(event 3 3.ics | prop DTEND)" = 20200622 ]
	seq3=$(event 3 3.ics | prop SEQUENCE)
	[ "$seq3" -gt "$seq2" ] || fail_with "SEQUENCE $seq2 then $seq3 after move"
	# the other events did not change
	[ "$(event 4 3.ics | prop UID)" = "$(event 4 1.ics | prop UID)" ]
	[ "$(event 4 3.ics | prop SEQUENCE)" = "$(event 4 1.ics | prop SEQUENCE)" ]
	# written again, the same calendar but for DTSTAMP
	vk-milestone ics > 4.ics
	diff <(grep -v '^DTSTAMP:' 3.ics) <(grep -v '^DTSTAMP:' 4.ics)
}

@test "ics: two databases give different UIDs to their milestone 1; the UID never names another" {
	vk-milestone add "Opstartsseminar med kommunalbestyrelsen" --due 2020-02-24 2>/dev/null
	vk-milestone --db "$TEST_DIR/andet.db" add "Opstartsseminar med kommunalbestyrelsen" --due 2020-02-24 2>/dev/null
	vk-milestone ics > a.ics
	vk-milestone --db "$TEST_DIR/andet.db" ics > b.ics
	uid_a=$(unfold a.ics | prop UID)
	uid_b=$(unfold b.ics | prop UID)
	[ -n "$uid_a" ] && [ -n "$uid_b" ]
	[ "$uid_a" != "$uid_b" ] || fail_with "both are $uid_a"
	# a removed milestone's UID is not given to a new one
	vk-milestone rm 1
	vk-milestone add "Opstartsseminar, ny dato" --due 2020-03-02 >/dev/null
	[ "$(vk-milestone ics | unfold /dev/stdin | prop UID)" != "$uid_a" ]
}

# ---- I/O ----

@test "ics to a full disk exits 74" {
	[ -w /dev/full ] || skip "no /dev/full"
	add_milestones
	run --separate-stderr bash -c "vk-milestone ics > /dev/full"
	[ "$status" -eq 74 ]
	[[ "$stderr" == "vk-milestone: write error"* ]] || fail_with "message"
	run --separate-stderr bash -c "vk-milestone ics --kind workshop > /dev/full"
	[ "$status" -eq 74 ] || fail_with "an empty calendar"
}
