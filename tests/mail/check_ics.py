"""Parses Myo's calendar feeds with the icalendar library (RFC 5545), independently of Myo's
writer, and checks what a phone's calendar relies on. Used by scripts/mail-check.

Usage: check_ics.py FEED.ics [...]; prints one line per feed and exits 1 on any problem.
"""
import sys

import icalendar


def check(path):
    problems = []
    with open(path, "rb") as f:
        raw = f.read()
    if b"\n" in raw.replace(b"\r\n", b""):
        problems.append("a line ends without CRLF")
    for line in raw.split(b"\r\n"):
        if len(line) > 75:
            problems.append(f"a line of {len(line)} octets is not folded")
            break
    cal = icalendar.Calendar.from_ical(raw)
    for component in cal.walk():
        for error in getattr(component, "errors", []):
            problems.append(f"{component.name}: {error}")
    if str(cal.get("VERSION")) != "2.0" or not cal.get("PRODID"):
        problems.append("VERSION 2.0 and PRODID are required")
    events = cal.walk("VEVENT")
    if not events:
        problems.append("no events")
    uids = set()
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if event.get(prop) is None:
                problems.append(f"event without {prop}: {event.get('SUMMARY')}")
        uid = str(event.get("UID"))
        if uid in uids:
            problems.append(f"duplicate UID {uid}")
        uids.add(uid)
        start = event.decoded("DTSTART")
        alarms = event.walk("VALARM")
        if len(alarms) != 1:
            problems.append(f"{event.get('SUMMARY')}: {len(alarms)} alarms")
        for alarm in alarms:
            if str(alarm.get("ACTION")) != "DISPLAY" or alarm.get("DESCRIPTION") is None:
                problems.append("an alarm needs ACTION:DISPLAY and a DESCRIPTION")
            trigger = alarm.decoded("TRIGGER")
            if trigger.total_seconds() >= 0:
                problems.append(f"alarm after the event: {trigger}")
        if hasattr(start, "tzinfo") and getattr(start, "hour", None) is not None:
            if start.tzinfo is None or start.utcoffset().total_seconds() != 0:
                problems.append(f"timed event not in UTC: {start}")
    summaries = [str(e.get("SUMMARY")) for e in events]
    weekly = sum("(weekly, on monday)" in s for s in summaries)
    tests = sum(s.startswith("Test due: ") for s in summaries)
    taper = sum("taper step" in s for s in summaries)
    if not (weekly and tests and taper):
        problems.append(f"expected weekly doses, a taper and tests due: {weekly}, {taper}, {tests}")
    print(f"{path}: {len(events)} events ({weekly} weekly doses, {taper} taper doses, "
          f"{tests} tests due), {len(problems)} problems")
    for p in problems:
        print(f"  {p}")
    return not problems


def main(paths):
    if not paths:
        print("check_ics.py: no feeds given", file=sys.stderr)
        return 1
    ok = all([check(p) for p in paths])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
