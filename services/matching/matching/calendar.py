"""A pairing's calendar of events as iCalendar, for the participants' own calendars. Pure."""
from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

KINDS = {
    "pre_conference": "Pre-conference",
    "observation": "Observation",
    "post_conference": "Post-conference",
    "demonstration_lesson": "Demonstration lesson",
    "lesson_cycle": "Lesson cycle",
    "release_day": "Release day",
}
DEFAULT_MINUTES = 60


def ics(pairing_id: str, events, stamp: datetime) -> bytes:
    """Each event as a VEVENT: a whole day, or from its start time for its minutes (default 60)."""
    calendar = Calendar()
    calendar.add("prodid", "-//peercoach//matching//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Peer coaching")
    for event in events:
        entry = Event()
        entry.add("uid", f"{event.id}@peercoach")
        entry.add("dtstamp", stamp)
        entry.add("summary", KINDS[event.kind])
        if event.starts_at is None:
            entry.add("dtstart", event.day)
            entry.add("dtend", event.day + timedelta(days=1))
        else:
            start = datetime.combine(event.day, event.starts_at)
            entry.add("dtstart", start)
            entry.add("dtend", start + timedelta(minutes=event.minutes or DEFAULT_MINUTES))
        entry.add("categories", ["peer coaching"])
        entry.add("x-peercoach-pairing", pairing_id)
        calendar.add_component(entry)
    return calendar.to_ical()
