"""Parses Infobutton Atom feeds with Python's xml.etree and checks the Atom 1.0 shape each
responder answer must have. Usage: python check_atom.py FILE...  Exit status 1 on any error."""
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
errors = 0
entries = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        errors += 1
        print(f"{path}: not well-formed XML: {e}")
        continue
    problems = []
    if root.tag != f"{ATOM}feed":
        problems.append(f"root is {root.tag}, not an Atom feed")
    for child in ("title", "id", "updated", "author"):
        if root.find(f"{ATOM}{child}") is None:
            problems.append(f"feed has no {child}")
    for entry in root.findall(f"{ATOM}entry"):
        entries += 1
        for child in ("title", "id", "updated", "summary"):
            if not (entry.findtext(f"{ATOM}{child}") or "").strip():
                problems.append(f"an entry has no {child}")
        links = [l for l in entry.findall(f"{ATOM}link") if l.get("rel") == "alternate"]
        if not links or not links[0].get("href", "").startswith("http"):
            problems.append("an entry has no alternate link")
    for p in problems:
        print(f"{path}: {p}")
    errors += len(problems)
print(f"Atom (xml.etree): {errors} errors in {len(sys.argv) - 1} feeds, {entries} entries")
sys.exit(1 if errors else 0)
