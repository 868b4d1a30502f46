"""WSGI entry point: `gunicorn wsgi:app`."""

import gc

from desk import create_app

app = create_app()

# What the app built at start-up (modules, mappers, configuration) lives as long as the
# process: move it out of the garbage collector's sight, so the collections that a request's
# many short-lived objects trigger do not walk it again and again (Python docs, gc.freeze).
gc.collect()
gc.freeze()
