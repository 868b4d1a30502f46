"""The cyclic garbage collector of a long-running web process (wsgi.py).

A request makes tens of thousands of short-lived objects, and CPython's collector runs every
700 of them; every tenth of those runs also walks what lives longer, and now and then a full
collection walks everything the process holds. What the app builds at start-up is frozen out
of sight (wsgi.py), but the first requests build as much again: compiled templates and
statements, caches. Measured in-process on the benchmark's pages (issue 21): full collections
of about 12 ms fell on one request in fifteen (the team queue's p95 22.5 ms for a median of
17); frozen again once the pages have been seen, and with collections every 10,000 objects,
the collector's share went from 2 ms to 0.4 ms for four pages and the p95 to 17.5 ms.
"""

import gc
import itertools

from flask import Flask

# Young objects between collections (CPython's default: 700, 10, 10).
THRESHOLD = (10_000, 20, 20)
# After this many requests of the process, what has lived through them is frozen again.
FREEZE_AFTER = (200, 2000)


def tune_collector(app: Flask, threshold=THRESHOLD, freeze_after=FREEZE_AFTER) -> None:
    gc.set_threshold(*threshold)
    marks = frozenset(freeze_after)
    served = itertools.count(1)  # next() on it is atomic: threads of a worker share it

    @app.after_request
    def freeze_when_warm(response):
        if next(served) in marks:
            # Once the response is sent and the request's objects are gone, not while the
            # reader waits, and not with them (a frozen object is never collected).
            response.call_on_close(freeze_survivors)
        return response


def freeze_survivors() -> None:
    gc.collect()
    gc.freeze()
