"""WSGI entry point: `gunicorn wsgi:app` (and `flask run`, which `make run` starts)."""

import gc
import os
import signal

from desk import create_app
from desk.common.collector import tune_collector

app = create_app()
tune_collector(app)  # fewer and shorter collections; frozen again once warm (its docstring)

# What the app built at start-up (modules, mappers, configuration) lives as long as the
# process: move it out of the garbage collector's sight, so the collections that a request's
# many short-lived objects trigger do not walk it again and again (Python docs, gc.freeze).
gc.collect()
gc.freeze()

# Under `flask run` a SIGTERM stops the development server as Ctrl-C does: it closes its socket
# and exits with status 0. Gunicorn keeps its own signal handling (docs/operations.md).
if os.environ.get("FLASK_RUN_FROM_CLI") == "true":
    signal.signal(signal.SIGTERM, signal.default_int_handler)
