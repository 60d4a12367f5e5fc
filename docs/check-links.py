#!/usr/bin/env python3
"""Checks every relative link of the project's Markdown: each `](path)` and `](path#anchor)` in
README.md, docs/**/*.md, Reports/README.md and Examples/*/README.md must name an existing file,
and an anchor must be a heading of that file as GitHub slugs it. Links inside code (fenced
blocks, `inline code`) and absolute URLs are not links to check.

Usage: docs/check-links.py            (from anywhere; exit 1 and one line per broken link)
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LINK = re.compile(r"\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def prose_lines(text, keep_code=False):
    """The lines outside fenced code blocks, with inline code removed unless `keep_code`."""
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line if keep_code else re.sub(r"`[^`]*`", "", line)


def slug(heading):
    """GitHub's anchor for a heading: lower case, markup and punctuation dropped (letters, digits,
    spaces, '-' and '_' kept), spaces to '-'."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text only
    text = text.replace("`", "").replace("*", "").lower()
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def anchors(path):
    """Every anchor of a Markdown file, duplicates numbered as GitHub does (x, x-1, x-2)."""
    seen = {}
    found = set()
    for _, line in prose_lines(path.read_text(encoding="utf-8"), keep_code=True):
        match = HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(2))
        count = seen.get(base, 0)
        found.add(base if count == 0 else f"{base}-{count}")
        seen[base] = count + 1
    return found


def markdown_files():
    files = [ROOT / "README.md", ROOT / "Reports" / "README.md"]
    files += sorted((ROOT / "docs").rglob("*.md"))
    files += sorted((ROOT / "Examples").glob("*/README.md"))
    return [f for f in files if f.exists()]


def main():
    broken = []
    checked = 0
    for source in markdown_files():
        for number, line in prose_lines(source.read_text(encoding="utf-8")):
            for target in LINK.findall(line):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
                    continue
                checked += 1
                path_part, _, anchor = target.partition("#")
                where = f"{source.relative_to(ROOT)}:{number}"
                file = (source.parent / path_part).resolve() if path_part else source
                if not file.exists():
                    broken.append(f"{where}: {target}: no such file")
                    continue
                if anchor and (file.suffix != ".md" or anchor not in anchors(file)):
                    broken.append(f"{where}: {target}: no heading #{anchor} in {file.relative_to(ROOT)}")
    for line in broken:
        print(line)
    print(f"{checked} relative links checked, {len(broken)} broken", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
