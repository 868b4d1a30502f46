"""The filters of "find a service", read from the query string (anything unknown ignored)."""

from datetime import time

from ..vocab.codes import NEEDS, SERVICE_KINDS
from ..vocab.names import is_language
from .directory_queries import ServiceFilter, now_weekday_time


def read_filter(args, default_needs=()) -> ServiceFilter:
    needs = [n for n in args.getlist("need") if n in NEEDS]
    if not needs and "need" not in args and not args.get("searched"):
        needs = list(default_needs)
    wanted = ServiceFilter(needs=needs)
    language = args.get("language", "")
    wanted.language = language if is_language(language) else None
    day = args.get("day", "")
    if day == "now":
        wanted.weekday, wanted.at = now_weekday_time()
    elif day.isdigit() and 0 <= int(day) <= 6:
        wanted.weekday = int(day)
        hour = args.get("time", "")
        if len(hour) == 5 and hour[2] == ":" and hour[:2].isdigit() and hour[3:].isdigit() \
                and int(hour[:2]) < 24 and int(hour[3:]) < 60:
            wanted.at = time(int(hour[:2]), int(hour[3:]))
    kind = args.get("kind", "")
    wanted.kind = kind if kind in SERVICE_KINDS else None
    wanted.text = (args.get("q") or "").strip()[:200] or None
    return wanted
