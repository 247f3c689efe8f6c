#!/usr/bin/env bats
# table.bats: -o table as a terminal shows it: widths by grapheme cluster,
# the table narrowed to $COLUMNS, and its heading when there are no rows.

load helpers

@test "a table with no rows still prints its heading" {
	vk-stakeholder add "Åse Nørgaard" --group citizen >/dev/null 2>&1
	run --separate-stderr vk-stakeholder list --group politician -o table
	[ "$status" -eq 0 ]
	[ "$output" = "id  name  group  organisation  town  roles" ] || fail_with "heading"
}

@test "a table fits \$COLUMNS by narrowing its widest text columns" {
	vk-stakeholder add "Aviaja Kristiansen-Kleist" --group citizen --town Nuuk \
		--organisation "Kommuneqarfik Sermersooq, Børn og Familie" --role participant >/dev/null 2>&1
	vk-stakeholder add "Åse Nørgaard" --group employee --town Karup >/dev/null
	COLUMNS=60 run --separate-stderr vk-stakeholder list -o table
	[ "$status" -eq 0 ]
	while IFS= read -r line; do
		w=$(printf '%s' "$line" | wc -m)
		[ "$w" -le 60 ] || fail_with "a line of $w columns: $line"
	done <<< "$output"
	[[ "$output" == *"…"* ]] || fail_with "nothing was cut"
	# the ids are whole
	[ "$(printf '%s\n' "$output" | sed 1d | awk '{ print $1 }' | paste -sd' ' -)" = "1 2" ]
	# without a limit (a pipe, no COLUMNS) nothing is narrowed
	run --separate-stderr vk-stakeholder list -o table
	[[ "$output" == *"Aviaja Kristiansen-Kleist"* ]] || fail_with "cut without a limit"
}

@test "widths count what the terminal shows: a family emoji is 2 columns" {
	vk-stakeholder add "$(printf 'Familien \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7')" --group citizen --town Nuuk >/dev/null 2>&1
	vk-stakeholder add "Karl Olsen" --group citizen --town Sisimiut >/dev/null
	run --separate-stderr vk-stakeholder list -o table
	[ "$status" -eq 0 ]
	# "Familien 👨‍👩‍👧" is 11 columns wide, "Karl Olsen" 10
	line2=$(printf '%s\n' "$output" | sed -n 2p)
	line3=$(printf '%s\n' "$output" | sed -n 3p)
	[[ "$line2" == " 1  Familien "*"  citizen"* ]] || fail_with "row 1"
	[[ "$line3" == " 2  Karl Olsen   citizen"* ]] || fail_with "row 2: the name column is 11 wide"
}
