#!/usr/bin/env bats
# vk-report -o html: one self-contained file, charts drawn as inline SVG,
# that a browser renders and prints. The browser is headless Chromium
# (Debian's chromium package, which `make check` installs): a missing
# browser is a failure, not a skip.
#
# Every test starts from the example process in examples/ (setup imports
# it) with VK_TODAY=2020-06-26, in ISO week 2020-W26.

load helpers

REPORTS="weekly timeline coverage grid"

setup() {
	vk_setup
	vk-stakeholder import "$EXAMPLES/stakeholders.csv" >/dev/null 2>&1
	vk-stakeholder engagement import "$EXAMPLES/engagements.csv" >/dev/null
	vk-stakeholder input import "$EXAMPLES/inputs.csv" >/dev/null
	vk-milestone import "$EXAMPLES/milestones.csv" >/dev/null
	vk-trial import "$EXAMPLES/trials.csv" >/dev/null
	vk-trial learning import "$EXAMPLES/learnings.csv" >/dev/null
}

# report_html REPORT: writes REPORT.html (vk-report REPORT -o html), or fails.
report_html() {
	run --separate-stderr vk-report "$1" -o html
	[ "$status" -eq 0 ] || fail_with "vk-report $1 -o html failed"
	[ -z "$stderr" ] || fail_with "vk-report $1 -o html wrote to stderr"
	printf '%s\n' "$output" > "$TEST_DIR/$1.html"
}

# check_html FILE: the file is UTF-8, its tags nest (HTML's optional end
# tags aside), and each <figure class="chart"> is well-formed XML whose
# <svg> has a viewBox, role="img" and a non-empty <title>, and whose
# caption is a <figcaption>. Prints what is wrong and fails.
check_html() {
	python3 - "$1" <<'PY'
import re, sys, xml.etree.ElementTree as ET
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody",
                "tfoot", "option", "colgroup"}
problems = []

class Nesting(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack and self.stack[-1] != tag and self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            problems.append("line %d: </%s> closes <%s>" % (self.getpos()[0], tag,
                            self.stack[-1] if self.stack else "nothing"))
        else:
            self.stack.pop()

text = open(sys.argv[1], encoding="utf-8", errors="strict").read()
p = Nesting()
p.feed(text)
p.close()
left = [t for t in p.stack if t not in OPTIONAL_END]
if left:
    problems.append("never closed: " + " ".join("<%s>" % t for t in left))

SVG = "{http://www.w3.org/2000/svg}"
figures = re.findall(r'<figure class="chart[^"]*">.*?</figure>', text, re.S)
if text.count("<svg") and not figures:
    problems.append("<svg> outside a <figure class=\"chart\">")
for i, fig in enumerate(figures, 1):
    try:
        # inline SVG needs no xmlns in HTML; give it one to read it as XML
        root = ET.fromstring(fig.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
                             if 'xmlns="' not in fig else fig)
    except ET.ParseError as e:
        problems.append("chart %d is not well-formed: %s" % (i, e))
        continue
    svg = root.find(SVG + "svg")
    if svg is None:
        problems.append("chart %d has no <svg>" % i)
        continue
    for s in svg.iter(SVG + "svg"):	# the chart's and any inside it
        if not re.fullmatch(r"\s*-?\d+(\.\d+)?(\s+-?\d+(\.\d+)?){3}\s*", s.get("viewBox", "")):
            problems.append('chart %d: <svg viewBox="%s">: not four numbers' % (i, s.get("viewBox", "")))
    if svg.get("role") != "img":
        problems.append('chart %d: <svg> without role="img"' % i)
    title = svg.find(SVG + "title")
    if title is None or not (title.text or "").strip():
        problems.append("chart %d: <svg> without a <title>" % i)
    if root.find("figcaption") is None or not "".join(root.find("figcaption").itertext()).strip():
        problems.append("chart %d: no <figcaption>" % i)
for line in problems:
    print(line)
sys.exit(1 if problems else 0)
PY
}

CHROMIUM_FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
	--disable-background-networking --disable-component-update --disable-sync
	--disable-crash-reporter --hide-scrollbars --force-device-scale-factor=1)

# chromium ARGS...: headless Chromium with its own profile and HOME in the
# test's directory, for at most 120 seconds.
chromium_run() {
	command -v chromium >/dev/null 2>&1 ||
		fail_with "chromium is not installed (Debian package chromium; make check installs it)"
	run --separate-stderr env HOME="$TEST_DIR" timeout 120 chromium "${CHROMIUM_FLAGS[@]}" \
		--user-data-dir="$TEST_DIR/chrome" "$@"
	# what a machine without a desktop bus makes Chromium say is no news
	stderr=$(printf '%s\n' "$stderr" | grep -v 'dbus/\|unexpected operator' || true)
	[ "$status" -ne 124 ] || fail_with "chromium took more than 120 seconds: chromium $*"
	[ "$status" -eq 0 ] || fail_with "chromium failed: chromium $*"
}

# render_report REPORT: renders REPORT.html to REPORT.png (an A4-shaped
# window, 1240x1754) and prints it to REPORT.pdf, and checks both, and
# that the browser's DOM has the charts of the file.
render_report() {
	local name=$1 html="$TEST_DIR/$1.html" out="$TEST_DIR/$1" svgs
	report_html "$name"
	svgs=$(grep -o '<svg' "$html" | wc -l)
	[ "$svgs" -gt 0 ] || fail_with "$name.html has no chart"

	chromium_run --screenshot="$out.png" --window-size=1240,1754 "file://$html"
	[ -s "$out.png" ] || fail_with "no $name.png"
	[ "$(head -c 8 "$out.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
		fail_with "$name.png does not start with the PNG signature"
	# IHDR: width and height, 4 bytes each, big-endian
	[ "$(od -An -tu1 -j16 -N8 "$out.png" | tr -s ' ' | sed 's/^ //;s/ $//')" = "0 0 4 216 0 0 6 218" ] ||
		fail_with "$name.png is not 1240x1754"
	# a blank page compresses to a few kilobytes; text and charts do not
	[ "$(wc -c < "$out.png")" -gt 20000 ] || fail_with "$name.png looks blank"

	chromium_run --print-to-pdf="$out.pdf" --no-pdf-header-footer "file://$html"
	[ -s "$out.pdf" ] || fail_with "no $name.pdf"
	[ "$(head -c 5 "$out.pdf")" = "%PDF-" ] || fail_with "$name.pdf does not start with %PDF-"
	tail -c 64 "$out.pdf" | grep -aq '%%EOF' || fail_with "$name.pdf does not end with %%EOF"
	grep -aEq '/Type ?/Page([^s]|$)' "$out.pdf" || fail_with "$name.pdf has no page"

	# the browser read every chart into its document
	chromium_run --dump-dom "file://$html"
	[ "$(printf '%s\n' "$output" | grep -o '<svg' | wc -l)" -eq "$svgs" ] ||
		fail_with "chromium's DOM of $name.html has not its $svgs <svg>"
	[[ "$output" == *"<figcaption>"* ]] || fail_with "chromium's DOM of $name.html has no caption"
}

# ---- the file ----

@test "html: every report is one self-contained file: no script, no outside assets" {
	for r in $REPORTS; do
		report_html "$r"
		html="$TEST_DIR/$r.html"
		head -c 15 "$html" | grep -qi '^<!DOCTYPE html>' || fail_with "$r.html: no <!DOCTYPE html>"
		grep -qi '<meta charset="utf-8">' "$html" || fail_with "$r.html: no charset"
		for bad in 'src="http' "src='http" 'href="http' "href='http" '<script' '<link' \
			'<iframe' '<object' '<embed' '@import' 'url(http' 'url("http' "url('http"; do
			! grep -Fqi -- "$bad" "$html" || fail_with "$r.html has $bad"
		done
		# no event handlers either (onload="...")
		! grep -Eqi '<[^>]* on[a-z]+=' "$html" || fail_with "$r.html has an event handler"
	done
}

@test "html: every <svg> has a viewBox, the tags nest and every chart is well-formed" {
	for r in $REPORTS; do
		report_html "$r"
		html="$TEST_DIR/$r.html"
		tags=$(grep -o '<svg[^>]*>' "$html")
		[ -n "$tags" ] || fail_with "$r.html has no <svg>"
		while IFS= read -r tag; do
			[[ "$tag" == *' viewBox="'* ]] || fail_with "$r.html: $tag has no viewBox"
		done <<< "$tags"
		run check_html "$html"
		[ "$status" -eq 0 ] || fail_with "$r.html does not parse"
	done
}

@test "html: the charts: trial status bars, the Gantt chart, the coverage heat map, the grid" {
	report_html weekly
	grep -q '<figure class="chart chart-bars">' weekly.html
	for st in idea proposed approved running done evaluated rejected stopped; do
		grep -q ">$st</text>" weekly.html || fail_with "the status bars have no $st"
	done

	report_html timeline
	grep -q '<figure class="chart chart-timeline">' timeline.html
	grep -q '>Milestones</text>' timeline.html
	grep -q '>Trials</text>' timeline.html
	grep -q 'today 2020-06-26</text>' timeline.html
	grep -q '>Jan</text>' timeline.html
	grep -q '>Dec</text>' timeline.html
	grep -q '<path d="M' timeline.html	# a milestone on one day: a diamond

	report_html coverage
	grep -q '<figure class="chart chart-heatmap">' coverage.html
	for town in Nuuk Paamiut Tasiilaq; do
		grep -q ">$town</text>" coverage.html || fail_with "the heat map has no column $town"
	done
	grep -q '>citizen</text>' coverage.html

	report_html grid
	grep -q '<figure class="chart chart-grid">' grid.html
	for q in 'Keep satisfied' 'Manage closely' 'Keep informed' 'Monitor'; do
		grep -q "$q" grid.html || fail_with "the grid has no $q"
	done
	grep -q 'Influence' grid.html
	grep -q 'Interest' grid.html
	grep -q 'more</text>' grid.html	# more than 8 to monitor
}

@test "html: text in charts is escaped: quotes, &, < and æøå" {
	id=$(vk-stakeholder add 'Ane "A&B" <b>Ødegård</b>' --group citizen --town '<Nuuk & "Ø">' \
		--influence high --interest high)
	vk-milestone add 'Møde <i>"nu"</i> & så' --kind decision --due 2020-07-01 >/dev/null
	vk-stakeholder engage 'Mødet' --date 2020-06-24 --kind meeting --town '<Nuuk & "Ø">' \
		--with "$id" >/dev/null
	for r in grid timeline coverage; do
		report_html "$r"
		run check_html "$r.html"
		[ "$status" -eq 0 ] || fail_with "$r.html does not parse"
		! grep -q '<b>Ødegård\|<i>"nu"\|<Nuuk' "$r.html" || fail_with "$r.html lets markup through"
	done
	grep -q 'Ane &quot;A&amp;B&quot; &lt;b&gt;Ødegård&lt;/b&gt;' grid.html
	grep -q 'Møde &lt;i&gt;&quot;nu&quot;&lt;/i&gt; &amp; så' timeline.html
	grep -q '&lt;Nuuk &amp; &quot;Ø&quot;&gt;' coverage.html
}

@test "html: charts are the same whatever the locale (no decimal comma)" {
	for r in $REPORTS; do
		LC_ALL=C.UTF-8 vk-report "$r" -o html > "$r.c.html"
		LC_ALL=da_DK.UTF-8 vk-report "$r" -o html > "$r.da.html"
		cmp -s "$r.c.html" "$r.da.html" || fail_with "vk-report $r -o html differs under da_DK.UTF-8"
		! grep -Eq '(x|y|x1|y1|x2|y2|width|height|viewBox)="[^"]*[0-9],[0-9]' "$r.c.html" ||
			fail_with "$r.html has a decimal comma in an SVG attribute"
	done
}

# ---- in a browser ----

@test "chromium renders the weekly status to PNG and prints it to PDF" {
	render_report weekly
}

@test "chromium renders the timeline to PNG and prints it to PDF" {
	render_report timeline
}

@test "chromium renders the coverage heat map to PNG and prints it to PDF" {
	render_report coverage
}

@test "chromium renders the power/interest grid to PNG and prints it to PDF" {
	render_report grid
}

# ---- the barometer: the example's goals model (vk-goal) on top of setup's process ----

add_goals() {
	vk-goal theme import "$EXAMPLES/themes.csv" 2>/dev/null
	vk-goal import "$EXAMPLES/goals.csv" 2>/dev/null
	vk-goal measurement import "$EXAMPLES/measurements.csv" 2>/dev/null
	vk-trial import "$EXAMPLES/trial_goals.csv" 2>/dev/null
}

@test "html: the barometer is one self-contained, well-formed file with a chart for each goal" {
	add_goals || fail_with "the goals model could not be imported"
	report_html barometer
	html="$TEST_DIR/barometer.html"
	for bad in 'src="http' 'href="http' '<script' '<link' '<iframe' '@import' 'url(http'; do
		! grep -Fqi -- "$bad" "$html" || fail_with "barometer.html has $bad"
	done
	run check_html "$html"
	[ "$status" -eq 0 ] || fail_with "barometer.html does not parse"
	# the example has 11 goals, each with its chart
	[ "$(grep -c '<figure class="chart chart-goal">' "$html")" -eq 11 ] || fail_with "not 11 goal charts"
	# goal 1: baseline 61.5% (dashed), target 70% by 2023, measured 61.5% and 63.8% with margins
	grep -q '>Baseline 61.5%</text>' "$html" || fail_with "no baseline label"
	grep -q '>Target 70% (2023)</text>' "$html" || fail_with "no target label"
	grep -q '>63.8%</text>' "$html" || fail_with "no measurement label"
	grep -q '<title>2020-05-20: 63.8% ± 1.7 points</title>' "$html" || fail_with "no margin in the tooltip"
	grep -q 'stroke-dasharray="6 4"' "$html" || fail_with "the baseline is not dashed"
	# a unit other than % follows the figure after a space
	grep -q '>Target 20 dage (2020)</text>' "$html" || fail_with "goal 6's target"
}

@test "html: the barometer's charts are the same whatever the locale (no decimal comma)" {
	add_goals || fail_with "the goals model could not be imported"
	LC_ALL=C.UTF-8 vk-report barometer -o html > b.c.html
	LC_ALL=da_DK.UTF-8 LC_NUMERIC=da_DK.UTF-8 vk-report barometer -o html > b.da.html
	cmp -s b.c.html b.da.html || fail_with "the barometer differs under da_DK.UTF-8"
	! grep -Eq '(x|y|x1|y1|x2|y2|cx|cy|r|width|height|viewBox)="[^"]*[0-9],[0-9]' b.c.html ||
		fail_with "a decimal comma in an SVG attribute"
	! grep -Eq '>[0-9]+,[0-9]+%?<' b.c.html || fail_with "a decimal comma in a figure"
}

@test "chromium renders the barometer to PNG and prints it to PDF" {
	add_goals || fail_with "the goals model could not be imported"
	render_report barometer
}
