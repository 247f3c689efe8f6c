#!/bin/sh
# tests/corpora.sh [DIR]: runs the readers of vk against third-party test
# corpora (default "$VK_ROOT/../shared/corpora"; see its README). The files
# are read where they are, never copied into the project.
#
#   json/             JSONTestSuite: every n_ file is refused with exit 65
#                     by `vk-stakeholder import FILE --from json` and by
#                     `vk-report trials --input FILE`; no file crashes or
#                     hangs either; a file that is one string (["..."]) is
#                     also wrapped as a stakeholder's notes: an n_ one is
#                     refused, a y_ one's value is kept exactly.
#   csv-spectrum/     each CSV, its header renamed to the free text fields
#                     of stakeholders (up to 4 columns) or trials (5), is
#                     imported into a fresh store and exported as CSV and
#                     as JSON Lines: the values equal csv-spectrum's JSON.
#   csvkit-examples/  every file imported with --ignore-unknown (format
#                     detected, then --from csv) into a fresh store, as it
#                     is and with its header renamed to stakeholder fields:
#                     refused with exit 65 and a message naming the line,
#                     or read correctly (the values equal what python's csv
#                     module reads); never a crash, a hang or exit 74.
#
# A crash is an exit by a signal (>= 128), a hang (10 s) or a sanitizer
# report on stderr. The programs are those of $VK_BIN when it is set
# (.ci/run gives build/asan/bin), else those of $VK_BUILD/bin when
# VK_BUILD (a build directory of the project) is set, else those on PATH,
# else those of build/check (the build make check and make test make).
# Prints one line per check, then "corpora: N passed, N failed", and exits
# 1 when a check failed. Needs python3 (a test dependency) to compare.
set -u

root=${VK_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
dir=${1:-$root/../shared/corpora}
if [ ! -d "$dir" ]; then
	echo "corpora: no directory $dir" >&2
	exit 2
fi
dir=$(cd "$dir" && pwd)
if [ -z "${VK_BIN:-}" ] && { [ -n "${VK_BUILD:-}" ] ||
    ! command -v vk-stakeholder >/dev/null 2>&1; }; then
	case ${VK_BUILD:=build/check} in
	/*) VK_BIN=$VK_BUILD/bin ;;
	*) VK_BIN=$root/$VK_BUILD/bin ;;
	esac
fi
if [ -n "${VK_BIN:-}" ]; then
	bin=$(cd "$VK_BIN" && pwd) || { echo "corpora: no directory $VK_BIN" >&2; exit 2; }
	PATH="$bin:$PATH"
fi
export PATH
for p in vk-stakeholder vk-trial vk-report python3 timeout; do
	command -v "$p" >/dev/null 2>&1 || { echo "corpora: $p not found" >&2; exit 2; }
done

# a thousand small stores are made and removed: in memory when /dev/shm is
# there, which spares the disk's syncs
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	scratch=/dev/shm
else
	scratch=${TMPDIR:-/tmp}
fi
tmp=$(mktemp -d "$scratch/vk-corpora.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
cd "$tmp" || exit 2
unset VK_DB VK_LOCK_TIMEOUT
export VK_TODAY=2020-06-26 USER=vk-corpora LC_ALL=C.UTF-8
db=$tmp/vk.db
passed=0
failed=0

# ---- what the checks compare with, made by python ----
cat > "$tmp/corpora.py" <<'PY'
import csv, io, json, os, sys

# The free text fields of two record types (email and phone are checked
# as such and cannot take any text): a CSV of up to 4 columns is read as
# stakeholders, of 5 as trials.
FIELDS = {
    "stakeholder": ["name", "notes", "organisation", "town"],
    "trial": ["title", "description", "unit", "department", "track"],
}


def header_end(body):
    """The end of the first record (a quoted line break does not end it)."""
    quoted = False
    for i, c in enumerate(body):
        if c == 0x22:
            quoted = not quoted
        elif not quoted and c in (0x0A, 0x0D):
            return i
    return len(body)


def delimiter(header):
    """The separator most used in a header, outside quotes."""
    bare = "".join(part for k, part in enumerate(header.split('"')) if k % 2 == 0)
    counts = {d: bare.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def rename(src, dst, type_=None):
    """Writes a copy of CSV file src whose header names the free text
    fields of a record type (then x5, x6, ...: unknown, ignored). Returns
    (type, names), or None for UTF-16 (refused at the header anyway) and
    for a file without a header."""
    data = open(src, "rb").read()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    body = data[len(bom):]
    end = header_end(body)
    head = body[:end].decode("latin-1")
    if not head.strip():
        return None
    d = delimiter(head)
    n = len(next(csv.reader(io.StringIO(head, newline=""), delimiter=d)))
    if type_ is None:
        type_ = "stakeholder" if n <= 4 else "trial"
    f = FIELDS[type_]
    names = [f[i] if i < len(f) else "x%d" % (i + 1) for i in range(n)]
    out = io.StringIO()
    csv.writer(out, delimiter=d, lineterminator="").writerow(names)
    open(dst, "wb").write(bom + out.getvalue().encode() + body[end:])
    return type_, names


def read_csv(path, type_):
    """The records python's csv module reads from a renamed file, as
    {field: value}; None when the file is no valid UTF-8."""
    try:
        text = open(path, "rb").read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    raw = text.encode()
    d = delimiter(raw[:header_end(raw)].decode())
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=d))
    recs = []
    for row in rows[1:]:
        if not row:
            continue      # a blank line is no record
        recs.append({h: (row[i] if i < len(row) else "") for i, h in enumerate(rows[0])
                     if h in FIELDS[type_]})
    return recs


def one_string(path):
    """The bytes between [ and ] of a file shaped ["..."], or None."""
    s = open(path, "rb").read().strip(b" \t\r\n")
    if len(s) >= 4 and s[:1] == b"[" and s[-1:] == b"]":
        inner = s[1:-1].strip(b" \t\r\n")
        if inner[:1] == b'"' and inner[-1:] == b'"':
            return inner
    return None


def save(path, value):
    with open(path, "w", encoding="utf-8") as f:
        f.write(value if isinstance(value, str) else json.dumps(value))


def prepare(corpora, tmp):
    """Makes, once:
    wrap/F      JSONTestSuite's F, when it is one string, as
                [{"name": ..., "notes": THAT STRING}]; for a y_ file
                F.want (the string as JSON) and F.nul when it holds U+0000
    spectrum/F  csv-spectrum's F, its header renamed; F.type the record
                type; F.want the expected records keyed by field
    csvkit/F    csvkit's F, its header renamed (stakeholder fields); F.want
                the records python reads from it (null: no UTF-8)"""
    for sub in ("wrap", "spectrum", "csvkit"):
        os.makedirs(os.path.join(tmp, sub), exist_ok=True)
    jdir = os.path.join(corpora, "json")
    if os.path.isdir(jdir):
        for b in sorted(os.listdir(jdir)):
            inner = one_string(os.path.join(jdir, b))
            if inner is None or b[:2] not in ("y_", "n_", "i_"):
                continue
            out = os.path.join(tmp, "wrap", b)
            open(out, "wb").write(b'[{"name":"JSONTestSuite","notes":' + inner + b"}]\n")
            if b.startswith("y_"):
                v = json.loads(open(os.path.join(jdir, b), "rb").read())[0]
                save(out + ".want", json.dumps(v))
                if "\0" in v:
                    save(out + ".nul", "")
    sdir = os.path.join(corpora, "csv-spectrum")
    if os.path.isdir(os.path.join(sdir, "csvs")):
        for b in sorted(os.listdir(os.path.join(sdir, "csvs"))):
            src = os.path.join(sdir, "csvs", b)
            out = os.path.join(tmp, "spectrum", b)
            r = rename(src, out)
            if r is None:
                continue
            type_, names = r
            data = open(src, "rb").read()
            head = data[:header_end(data)].decode()
            cols = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter(head)))
            want = json.load(open(os.path.join(sdir, "json", b[:-4] + ".json"),
                                  encoding="utf-8"))
            save(out + ".type", type_)
            save(out + ".want", [{names[i]: rec[c] for i, c in enumerate(cols)}
                                 for rec in want])
    kdir = os.path.join(corpora, "csvkit-examples")
    if os.path.isdir(kdir):
        for b in sorted(os.listdir(kdir)):
            if b == "COPYING":
                continue
            out = os.path.join(tmp, "csvkit", b)
            if rename(os.path.join(kdir, b), out, "stakeholder") is not None:
                save(out + ".want", read_csv(out, "stakeholder"))


def unguard(v):
    # export puts one ' before a text a spreadsheet would run (and before
    # a leading '), and import takes it off: so does this
    return v[1:] if v.startswith("'") else v


def read_jsonl(path):
    text = open(path, "rb").read().decode("utf-8")
    return [json.loads(line) for line in text.split("\n") if line.strip()]


def read_export_csv(path):
    text = open(path, "rb").read().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return [{h: unguard(row[i]) for i, h in enumerate(rows[0]) if i < len(row)}
            for row in rows[1:]] if rows else []


def same(want, got):
    """want: field -> string; got: field -> string or null (absent). An
    empty CSV cell is an absent value (SPEC), so "" and null agree."""
    for f, v in want.items():
        g = got.get(f)
        if (g if g is not None else "") != v:
            return "%s: want %s, got %s" % (f, json.dumps(v, ensure_ascii=False),
                                            json.dumps(g, ensure_ascii=False))
    return None


def compare(want_path, jsonl_path, csv_path):
    want = json.load(open(want_path, encoding="utf-8"))
    if want is None:
        print("accepted a file that is no valid UTF-8")
        return 1
    for label, got in (("jsonl", read_jsonl(jsonl_path)),
                       ("csv", read_export_csv(csv_path))):
        if len(got) != len(want):
            print("%s export has %d records, want %d" % (label, len(got), len(want)))
            return 1
        for k, (w, g) in enumerate(zip(want, got)):
            why = same(w, g)
            if why:
                print("%s export, record %d: %s" % (label, k + 1, why))
                return 1
    return 0


def main(argv):
    cmd = argv[1]
    try:
        if cmd == "prepare":
            prepare(argv[2], argv[3])
        elif cmd == "compare":
            return compare(argv[2], argv[3], argv[4])
        elif cmd == "notes":
            # notes JSONL WANT: the one record's notes equal WANT (JSON)
            recs = read_jsonl(argv[2])
            if len(recs) != 1:
                print("%d records exported, want 1" % len(recs))
                return 1
            why = same({"notes": json.load(open(argv[3], encoding="utf-8"))}, recs[0])
            if why:
                print(why)
                return 1
        elif cmd == "utf8":
            open(argv[2], "rb").read().decode("utf-8")
        else:
            return 2
    except (ValueError, IndexError, KeyError) as e:
        print("%s: %s" % (type(e).__name__, e))
        return 1
    return 0


sys.exit(main(sys.argv))
PY
py() { python3 "$tmp/corpora.py" "$@"; }
if ! py prepare "$dir" "$tmp"; then
	echo "corpora: cannot prepare the comparisons" >&2
	exit 2
fi

# ---- running and judging ----

# run CMD...: runs CMD for at most 10 s, stdout to out, stderr to err;
# sets rc, crash (1 or 0) and what happened (what).
run() {
	timeout -k 5 10 "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	crash=1
	if grep -q -E 'AddressSanitizer|LeakSanitizer|runtime error:' "$tmp/err"; then
		what="sanitizer report: $(grep -m1 -E 'Sanitizer|runtime error:' "$tmp/err" | cut -c1-160)"
	elif [ "$rc" -eq 124 ]; then
		what="hang (no end within 10 s)"
	elif [ "$rc" -ge 128 ]; then
		what="crash (signal $((rc - 128)))"
	else
		what="exit $rc"
		crash=0
	fi
}

# fresh: no store.
fresh() { rm -f "$db" "$db-wal" "$db-shm" "$db-journal"; }

pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

# problem: the first message of the last run but "created database".
problem() { grep -v 'created database' "$tmp/err" | head -1 | cut -c1-200; }

# names_line: the last run's stderr names a line (FILE:LINE: ...).
names_line() { grep -q -E ':[0-9]+: ' "$tmp/err"; }

# refused LABEL: the last run exited 65.
refused() {
	if [ "$crash" = 1 ]; then fail "$1" "$what"
	elif [ "$rc" -ne 65 ]; then fail "$1" "$what, want 65"
	else pass "$1"; fi
}

# survived LABEL: the last run exited 0 or 65 (a JSON value that is no
# array of records is bad input data), without a crash.
survived() {
	if [ "$crash" = 1 ]; then fail "$1" "$what"
	elif [ "$rc" -ne 0 ] && [ "$rc" -ne 65 ]; then fail "$1" "$what, want 0 or 65"
	else pass "$1"; fi
}

# export_both TOOL LABEL: exports the store as JSON Lines and as CSV;
# reports a failure for LABEL when that does not work.
export_both() {
	if ! timeout 10 "$1" export -o jsonl --db "$db" > "$tmp/export.jsonl" 2> "$tmp/err" ||
	    ! timeout 10 "$1" export -o csv --db "$db" > "$tmp/export.csv" 2>> "$tmp/err"; then
		fail "$2" "export failed: $(head -1 "$tmp/err")"
		return 1
	fi
}

# ---- JSONTestSuite ----
if [ -d "$dir/json" ]; then
	for f in "$dir"/json/*.json; do
		b=${f##*/}
		case $b in
		n_*) kind=n ;;
		y_* | i_*) kind=${b%%_*} ;;
		*) continue ;;
		esac

		fresh
		run vk-stakeholder import "$f" --from json --db "$db"
		label="json $b: vk-stakeholder import --from json: $what"
		case $kind:$b in
		n:n_structure_double_array.json)
			# [][]: two arrays one after another are one stream of
			# records for vk (SPEC, Input: what the programs print with
			# -o json, given again), here of none: no error
			survived "$label (two arrays, one stream: 0 or 65)" ;;
		n:*) refused "$label" ;;
		*) survived "$label" ;;
		esac

		run vk-report trials --input "$f" --db "$tmp/none.db"
		label="json $b: vk-report trials --input: $what"
		if [ "$kind" = n ]; then
			case $b in
			n_structure_no_data.json | n_single_space.json | n_structure_UTF8_BOM_no_data.json | \
			n_structure_double_array.json)
				# no bytes, a space, a byte-order mark: as JSON Lines
				# (which --input also reads) a stream of no records, so
				# an empty report is no error here; [][] is two arrays,
				# one stream (SPEC), of no records too
				survived "$label (no records: 0 or 65)" ;;
			*) refused "$label" ;;
			esac
		else
			survived "$label"
		fi
		if [ -e "$tmp/none.db" ]; then
			fail "json $b: vk-report trials --input" "a report created a database"
			rm -f "$tmp/none.db"*
		fi

		w=$tmp/wrap/$b
		[ -e "$w" ] || continue
		fresh
		run vk-stakeholder import "$w" --from json --db "$db"
		label="json $b as a stakeholder's notes: import: $what"
		case $kind in
		n) refused "$label" ;;
		i)
			if [ "$crash" = 0 ] && [ "$rc" -eq 0 ] &&
			    vk-stakeholder export -o jsonl --db "$db" > "$tmp/export.jsonl" 2>/dev/null &&
			    ! py utf8 "$tmp/export.jsonl" > /dev/null; then
				fail "$label" "the export is no valid UTF-8"
			else
				survived "$label"
			fi ;;
		y)
			if [ "$crash" = 1 ]; then
				fail "$label" "$what"
			elif [ "$rc" -eq 65 ] && [ -e "$w.nul" ] && names_line; then
				pass "$label (U+0000 is no text: refused)"
			elif [ "$rc" -ne 0 ]; then
				fail "$label" "$what, want 0: $(problem)"
			elif ! vk-stakeholder export -o jsonl --db "$db" > "$tmp/export.jsonl" 2> "$tmp/err"; then
				fail "$label" "export failed: $(problem)"
			elif ! why=$(py notes "$tmp/export.jsonl" "$w.want"); then
				fail "$label" "$why"
			else
				pass "$label, the value kept"
			fi ;;
		esac
	done
else
	echo "corpora: no json/ in $dir" >&2
fi

# ---- csv-spectrum ----
if [ -d "$dir/csv-spectrum/csvs" ]; then
	for f in "$dir"/csv-spectrum/csvs/*.csv; do
		b=${f##*/}
		r=$tmp/spectrum/$b
		if [ ! -e "$r.want" ]; then
			fail "csv-spectrum $b" "no header to rename"
			continue
		fi
		type=$(cat "$r.type")
		tool=vk-$type
		label="csv-spectrum $b as ${type}s ($(head -c 200 "$r" | head -1 | tr -d '\r'))"
		fresh
		run "$tool" import "$r" --db "$db"
		if [ "$crash" = 1 ] || [ "$rc" -ne 0 ]; then
			fail "$label" "import: $what, want 0: $(problem)"
			continue
		fi
		export_both "$tool" "$label" || continue
		if why=$(py compare "$r.want" "$tmp/export.jsonl" "$tmp/export.csv"); then
			pass "$label: import, export -o jsonl and -o csv keep every value"
		else
			fail "$label" "$why"
		fi
	done
else
	echo "corpora: no csv-spectrum/ in $dir" >&2
fi

# ---- csvkit-examples ----

# odd LABEL [RENAMED]: the last import was refused (65) with a message
# naming a line, or it read the file; when RENAMED (a copy whose header
# names stakeholder fields) is given, with the values python reads.
odd() {
	if [ "$crash" = 1 ]; then
		fail "$1" "$what"
	elif [ "$rc" -eq 65 ]; then
		if names_line; then
			pass "$1: refused ($(grep -m1 -E ':[0-9]+: ' "$tmp/err" | sed -E 's/^.*:([0-9]+): /line \1: /' | cut -c1-90))"
		else
			fail "$1" "exit 65 without a message naming the line: $(problem)"
		fi
	elif [ "$rc" -ne 0 ]; then
		fail "$1" "$what, want 0 or 65: $(problem)"
	elif [ -z "${2:-}" ]; then
		pass "$1: read"
	else
		export_both vk-stakeholder "$1" || return
		if why=$(py compare "$2.want" "$tmp/export.jsonl" "$tmp/export.csv"); then
			pass "$1: read, every value kept"
		else
			fail "$1" "$why"
		fi
	fi
}

if [ -d "$dir/csvkit-examples" ]; then
	for f in "$dir"/csvkit-examples/*; do
		b=${f##*/}
		[ "$b" = COPYING ] && continue
		r=$tmp/csvkit/$b
		for from in "" "--from csv"; do
			# shellcheck disable=SC2086
			{
				fresh
				run vk-stakeholder import "$f" --ignore-unknown $from --db "$db"
				odd "csvkit $b: import --ignore-unknown${from:+ $from}: $what"
				[ -e "$r" ] || continue
				fresh
				run vk-stakeholder import "$r" --ignore-unknown $from --db "$db"
				odd "csvkit $b, header renamed: import --ignore-unknown${from:+ $from}: $what" "$r"
			}
		done
	done
else
	echo "corpora: no csvkit-examples/ in $dir" >&2
fi

echo "corpora: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
