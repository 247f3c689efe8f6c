#!/usr/bin/env bats
# vk-report --format email: one RFC 5322 message for sendmail -t, with
# the report as text and as HTML (multipart/alternative). Python's email
# package (Debian's python3) reads it back; headless Chromium renders its
# HTML part. Header values that could add a header are refused.
#
# Every test starts from the example process in examples/ with
# VK_TODAY=2020-06-26 (ISO week 2020-W26).

load helpers

setup() {
	vk_setup
	vk-stakeholder import "$EXAMPLES/stakeholders.csv" >/dev/null 2>&1
	vk-stakeholder engagement import "$EXAMPLES/engagements.csv" >/dev/null
	vk-stakeholder input import "$EXAMPLES/inputs.csv" >/dev/null
	vk-milestone import "$EXAMPLES/milestones.csv" >/dev/null
	vk-trial import "$EXAMPLES/trials.csv" >/dev/null
	vk-trial learning import "$EXAMPLES/learnings.csv" >/dev/null
}

# parse_mail FILE: prints, as Python's email parser reads FILE, the
# headers To, From, Subject, Date, MIME-Version and Content-Type, the
# parser's defects, and each part's type, its charset and its content
# (part N to FILE.partN); fails when the parser finds a defect.
parse_mail() {
	python3 - "$1" <<'PY'
import sys, email, email.policy, email.utils
raw = open(sys.argv[1], 'rb').read()
m = email.message_from_bytes(raw, policy=email.policy.default)
for h in ('To', 'From', 'Subject', 'MIME-Version', 'Content-Type'):
    print('%s: %s' % (h, m[h]))
print('Date ok:', email.utils.parsedate_to_datetime(m['Date']) is not None)
print('Message-ID:', m['Message-ID'] is not None)
defects = list(m.defects)
for n, p in enumerate(m.iter_parts()):
    defects += p.defects
    body = p.get_content()
    open('%s.part%d' % (sys.argv[1], n), 'w', encoding='utf-8').write(body)
    print('part %d: %s %s' % (n, p.get_content_type(), p.get_content_charset()))
longest = max(len(l) for l in raw.split(b'\n'))
print('longest line:', longest)
if defects:
    print('defects:', defects)
    sys.exit(1)
PY
}

@test "email: one message Python reads back, its text and HTML parts the report's own" {
	vk-report weekly --format email --to styregruppe@example.gl > w.eml
	run parse_mail w.eml
	[ "$status" -eq 0 ] || fail_with "parse: $output"
	[[ "$output" == *"To: styregruppe@example.gl"* ]] || fail_with "To"
	[[ "$output" == *"Subject: Weekly status, week 26"* ]] || fail_with "Subject"
	[[ "$output" == *"MIME-Version: 1.0"* ]] || fail_with "MIME-Version"
	[[ "$output" == *"Content-Type: multipart/alternative"* ]] || fail_with "multipart"
	[[ "$output" == *"Date ok: True"* ]] || fail_with "Date"
	[[ "$output" == *"Message-ID: True"* ]] || fail_with "Message-ID"
	[[ "$output" == *"part 0: text/plain utf-8"* ]] || fail_with "text part"
	[[ "$output" == *"part 1: text/html utf-8"* ]] || fail_with "html part"
	# within 998 octets (RFC 5322), and within quoted-printable's 76 in the parts
	longest=$(printf '%s\n' "$output" | sed -n 's/^longest line: //p')
	[ "$longest" -le 78 ] || fail_with "a line of $longest octets"
	# the parts are, byte for byte, what -o text and -o html print
	vk-report weekly -o text > text.txt
	vk-report weekly -o html > page.html
	cmp w.eml.part0 text.txt || fail_with "the text part is not -o text"
	cmp w.eml.part1 page.html || fail_with "the HTML part is not -o html"
}

@test "email: every report has it" {
	for r in weekly coverage grid themes trials timeline barometer; do
		vk-report "$r" -o email > "$r.eml" || fail_with "$r"
		run parse_mail "$r.eml"
		[ "$status" -eq 0 ] || fail_with "$r: $output"
		[[ "$output" == *"part 1: text/html utf-8"* ]] || fail_with "$r: no HTML part"
	done
}

@test "email: --to takes several addresses, --from a sender, names with æ, ø, å as RFC 2047 says" {
	vk-report weekly -o email --to 'styregruppe@example.gl, "Hansen, Bo" <bo@example.dk>' \
		--to 'Åse Ødegård <aase@example.no>' --from 'Sekretariatet i Ærø <vk@example.dk>' \
		--subject 'Ugestatus, uge 26: Æblehaven og Ørestad – «status»' > w.eml
	# the raw headers are ASCII: encoded words, no 8-bit bytes before the body
	sed '/^$/q' w.eml | LC_ALL=C grep -q '[^ -~]' && fail_with "8-bit bytes in the header"
	grep -q '^Subject: =?UTF-8?B?' w.eml || fail_with "the subject is not RFC 2047 words"
	run parse_mail w.eml
	[ "$status" -eq 0 ] || fail_with "$output"
	[[ "$output" == *'Subject: Ugestatus, uge 26: Æblehaven og Ørestad – «status»'* ]] || fail_with "subject back"
	[[ "$output" == *'To: styregruppe@example.gl, "Hansen, Bo" <bo@example.dk>, Åse Ødegård <aase@example.no>'* ]] ||
		fail_with "to back: $output"
	[[ "$output" == *'From: Sekretariatet i Ærø <vk@example.dk>'* ]] || fail_with "from back"
}

@test "email: a header value with CR, LF or another control character is refused (65), nothing printed" {
	for v in $'Status\nBcc: spion@example.com' $'Status\r\nBcc: spion@example.com' \
		$'Status\rX' $'Status\tX' $'Status\x1bX' $'Status\x7fX'; do
		run --separate-stderr vk-report weekly -o email --to a@example.dk --subject "$v"
		[ "$status" -eq 65 ] || fail_with "subject $(printf %q "$v"): $status"
		[ -z "$output" ] || fail_with "subject $(printf %q "$v"): printed"
		[[ "$stderr" == "vk-report: --subject: "* ]] || fail_with "message: $stderr"
		run --separate-stderr vk-report weekly -o email --to "a@example.dk${v#Status}"
		[ "$status" -eq 65 ] || fail_with "to $(printf %q "$v"): $status"
		run --separate-stderr vk-report weekly -o email --from "Navn${v#Status} <a@example.dk>"
		[ "$status" -eq 65 ] || fail_with "from $(printf %q "$v"): $status"
		run --separate-stderr vk-report weekly -o email --title "$v"
		[ "$status" -eq 65 ] || fail_with "title $(printf %q "$v"): $status"
		[[ "$stderr" == "vk-report: --title: "* ]] || fail_with "title message: $stderr"
	done
	# not UTF-8, and no address at all
	run --separate-stderr vk-report weekly -o email --subject $'bad \xff'
	[ "$status" -eq 65 ]
	for a in styregruppe 'a@b@example.dk' 'kommune@ærø.dk' 'Navn <>' '@example.dk'; do
		run --separate-stderr vk-report weekly -o email --to "$a"
		[ "$status" -eq 65 ] || fail_with "$a: $status"
		[[ "$stderr" == *"is no e-mail address"* ]] || fail_with "$a: $stderr"
	done
}

@test "email: --to, --from and --subject without -o email are usage errors" {
	for o in "--to a@example.dk" "--from a@example.dk" "--subject Status"; do
		run --separate-stderr vk-report weekly $o
		[ "$status" -eq 2 ] || fail_with "$o: $status"
		[[ "$stderr" == "vk-report: ${o%% *}: only with -o email"* ]] || fail_with "$o: $stderr"
	done
}

@test "email: a full disk is an error (74)" {
	run bash -c 'vk-report weekly -o email --to a@example.dk > /dev/full'
	[ "$status" -eq 74 ]
}

@test "chromium renders the e-mail's HTML part" {
	command -v chromium >/dev/null 2>&1 ||
		fail_with "chromium is not installed (Debian package chromium; make check installs it)"
	vk-report weekly -o email > w.eml
	run parse_mail w.eml
	[ "$status" -eq 0 ] || fail_with "$output"
	cp w.eml.part1 "$TEST_DIR/part.html"
	run --separate-stderr env HOME="$TEST_DIR" timeout 120 chromium --headless --no-sandbox \
		--disable-gpu --no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --disable-crash-reporter --user-data-dir="$TEST_DIR/chrome" \
		--dump-dom "file://$TEST_DIR/part.html"
	[ "$status" -eq 0 ] || fail_with "chromium failed"
	[[ "$output" == *"Weekly status, week 26"* ]] || fail_with "no title in the DOM"
	[ "$(printf '%s\n' "$output" | grep -o '<svg' | wc -l)" -gt 0 ] || fail_with "no chart in the DOM"
}
