#!/usr/bin/env python3
"""scripts/named-init.py [--check] [-s STRUCT]... FILE...

Rewrites, in place, the positional initialisers of vk's command and
option tables in each FILE as named ones:

    { "forget", cmd_forget, &vk_entity_stakeholder, "erase ...", NULL },
becomes
    { .name = "forget", .run = cmd_forget, .entity = &vk_entity_stakeholder,
      .summary = "erase ..." },

for struct vk_command, vk_option and vk_program (more with -s STRUCT: any
struct defined in a header of lib/). The members' names are read from the
struct's definition in lib/, so the script follows the headers. A member
given as NULL, 0, false (or VK_OPT_END) is left out (it is zero anyway); the all-zero row
that ends a table becomes the table's end (VK_COMMANDS_END, VK_OPT_END_LIST).
A row that names its members already, is a macro (VK_VERBS(...),
VK_OPT_STR(...)) or holds a comment is left as it is (a comment: with a
warning). Lines are filled to 99 columns (tabs of 8).

Prints one line a file it changed. With --check it changes nothing and
exits 1 when a file would change. Exits 2 on a usage error or a file it
cannot read.
"""

import argparse
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

# the row that ends a table of these, as cli.h spells it
SENTINELS = {"vk_command": "VK_COMMANDS_END", "vk_option": "VK_OPT_END_LIST"}
DEFAULT_STRUCTS = ["vk_command", "vk_option", "vk_program"]
ZERO = {"NULL", "0", "false"}
# and the zero of an enum member, as the headers name it
ZERO_OF = {"vk_option": {"VK_OPT_END"}}
WIDTH = 99
IDENT = re.compile(r"[A-Za-z_]\w*")


def mask(text):
    """text with the insides of comments, strings and character constants
    blanked (newlines kept), so that braces and commas can be counted;
    also the spans of the comments."""
    out = list(text)
    comments = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            comments.append((i, end))
            for k in range(i, end):
                if out[k] != "\n":
                    out[k] = " "
            i = end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            comments.append((i, end))
            for k in range(i, end):
                out[k] = " "
            i = end
        elif c in "\"'":
            k = i + 1
            while k < n and text[k] != c and text[k] != "\n":
                k += 2 if text[k] == "\\" else 1
            for j in range(i + 1, min(k, n)):
                out[j] = " "
            i = k + 1
        else:
            i += 1
    return "".join(out), comments


def matching(masked, i):
    """The index of the bracket that closes the one at masked[i]."""
    depth = 0
    for k in range(i, len(masked)):
        if masked[k] in "({[":
            depth += 1
        elif masked[k] in ")}]":
            depth -= 1
            if depth == 0:
                return k
    raise ValueError("unbalanced brackets")


def split_top(masked, start, end):
    """The (start, end) spans of masked[start:end] between top-level commas."""
    spans, depth, begin = [], 0, start
    for k in range(start, end):
        c = masked[k]
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
        elif c == "," and depth == 0:
            spans.append((begin, k))
            begin = k + 1
    spans.append((begin, end))
    return spans


def struct_members():
    """{struct name: [member names in order]} from the headers of lib/."""
    found = {}
    for dirpath, _, files in os.walk(os.path.join(ROOT, "lib")):
        for f in sorted(files):
            if not f.endswith(".h"):
                continue
            text, _ = mask(open(os.path.join(dirpath, f), encoding="utf-8").read())
            for m in re.finditer(r"\bstruct\s+(\w+)\s*\{", text):
                close = matching(text, m.end() - 1)
                if not re.match(r"\s*;", text[close + 1:]):
                    continue    # a variable's type, not the definition
                found[m.group(1)] = members(text, m.end(), close)
    return found


def members(masked, start, end):
    """The member names of the body masked[start:end] of a struct."""
    names, depth, begin = [], 0, start
    for k in range(start, end):
        c = masked[k]
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
        elif c == ";" and depth == 0:
            names.extend(declarators(masked[begin:k]))
            begin = k + 1
    return names


def declarators(decl):
    """The names one member declaration declares (bool excel, raw; -> both)."""
    decl = re.sub(r"\{.*\}", " ", decl, flags=re.S)     # a nested struct's body
    fn = re.search(r"\(\s*\*\s*(\w+)\s*\)", decl)
    if fn:
        return [fn.group(1)]
    decl = re.sub(r"\[[^\]]*\]", "", decl)
    decl = re.sub(r":\s*\w+\s*$", "", decl.strip())        # a bit-field's width
    names = []
    for part in decl.split(","):
        ids = IDENT.findall(part)
        if ids:
            names.append(ids[-1])
    return names


def column(text, pos):
    """The column (tabs of 8) at which text[pos] is shown."""
    line_start = text.rfind("\n", 0, pos) + 1
    return len(text[line_start:pos].expandtabs(8))


def line_indent(text, pos):
    """The leading white space of the line holding text[pos]."""
    line_start = text.rfind("\n", 0, pos) + 1
    return re.match(r"[ \t]*", text[line_start:]).group(0)


def width(s, col):
    """The column after s, written from column col (tabs of 8)."""
    for c in s:
        col = (col // 8 + 1) * 8 if c == "\t" else col + 1
    return col


def render(text, masked, start, end, names, zero, sentinel, last):
    """The named form of the positional brace text[start:end + 1], or None
    to leave it as it is."""
    inner = [(a, b) for a, b in split_top(masked, start + 1, end)]
    items = [text[a:b].strip() for a, b in inner]
    if items and items[-1] == "":
        items.pop()     # a trailing comma
    if not items or any(it[:1] in (".", "[") or it == "" for it in items):
        return None
    if len(items) > len(names):
        raise ValueError("%d values for %d members" % (len(items), len(names)))
    named = [".%s = %s" % (n, it) for n, it in zip(names, items) if it not in zero]
    if not named:
        return sentinel if (last and sentinel) else "{ 0 }"
    indent = line_indent(text, start)
    block = re.match(r"\{[ \t]*\n", text[start:end])
    if block or any("\n" in it for it in items):
        body = "".join("%s\t%s,\n" % (indent, it) for it in named)
        return "{\n" + body.rstrip(",\n") + "\n" + indent + "}"
    after = re.match(r"[^\n]*", text[end + 1:]).group(0)
    col0 = column(text, start)
    one = "{ " + ", ".join(named) + " }"
    if width(one + after, col0) <= WIDTH:
        return one
    # fill lines: a row's continuation lines start two spaces in, as the
    # tables do; those of a brace after other text line up after the brace
    if text[text.rfind("\n", 0, start) + 1:start].strip():
        cont = "\t" * ((col0 + 2) // 8) + " " * ((col0 + 2) % 8)
    else:
        cont = indent + "  "
    lines, cur, col = [], "{ ", col0
    for k, it in enumerate(named):
        piece = it + (", " if k + 1 < len(named) else " }")
        tail = after if k + 1 == len(named) else ""
        if cur.strip() not in ("{", "") and width(cur + piece.rstrip() + tail, col) > WIDTH:
            lines.append(cur.rstrip())
            cur, col = cont, 0
        cur += piece
    lines.append(cur)
    return "\n".join(lines)


def rewrite(text, structs):
    """text with its positional tables named; the list of warnings."""
    masked, comments = mask(text)
    warnings, edits = [], []
    names = "|".join(re.escape(s) for s in structs)
    decl = re.compile(r"\bstruct\s+(%s)\b\s*(?:(\w+)\s*(\[[^\]]*\])?\s*=\s*|(\[[^\]]*\])?\s*\)\s*)\{"
                      % names)
    members_of = struct_members()
    for m in decl.finditer(masked):
        s = m.group(1)
        if s not in members_of:
            raise ValueError("struct %s: no definition in lib/*.h" % s)
        open_ = m.end() - 1
        close = matching(masked, open_)
        is_array = bool(m.group(3) or m.group(4))
        if is_array:
            elements = [(a, b) for a, b in split_top(masked, open_ + 1, close)
                        if masked[a:b].strip()]
        else:
            elements = [(open_, close + 1)]
        for k, (a, b) in enumerate(elements):
            lead = len(masked[a:b]) - len(masked[a:b].lstrip())
            a += lead
            b = a + len(masked[a:b].rstrip())
            if masked[a] != "{" or matching(masked, a) != b - 1:
                continue    # a macro (VK_VERBS(...)) or an expression
            line = text.count("\n", 0, a) + 1
            if any(c0 < b and c1 > a for c0, c1 in comments):
                warnings.append("%d: a row with a comment, left as it is" % line)
                continue
            try:
                new = render(text, masked, a, b - 1, members_of[s],
                             ZERO | ZERO_OF.get(s, set()), SENTINELS.get(s),
                             is_array and k + 1 == len(elements))
            except ValueError as e:
                warnings.append("%d: %s, left as it is" % (line, e))
                continue
            if new is not None and new != text[a:b]:
                edits.append((a, b, new))
    for a, b, new in sorted(edits, reverse=True):
        text = text[:a] + new + text[b:]
    return text, warnings


def main(argv):
    ap = argparse.ArgumentParser(
        description="Names the members of vk's positional command and option tables.")
    ap.add_argument("--check", action="store_true",
                    help="change nothing; exit 1 when a file would change")
    ap.add_argument("-s", "--struct", action="append", default=[],
                    help="also the initialisers of this struct (without 'struct ')")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args(argv[1:])
    structs = DEFAULT_STRUCTS + [s for s in args.struct if s not in DEFAULT_STRUCTS]
    changed = 0
    for path in args.files:
        try:
            text = open(path, encoding="utf-8").read()
        except OSError as e:
            print("named-init: %s" % e, file=sys.stderr)
            return 2
        try:
            new, warnings = rewrite(text, structs)
        except ValueError as e:
            print("named-init: %s: %s" % (path, e), file=sys.stderr)
            return 2
        for w in warnings:
            print("named-init: %s:%s" % (path, w), file=sys.stderr)
        if new != text:
            changed += 1
            print("%s: %s" % ("would change" if args.check else "named", path))
            if not args.check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
