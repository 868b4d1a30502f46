"""The notification worker: `huey_consumer worker.huey` (beside `flask run` or gunicorn).

SQLite storage (instance/huey.sqlite) unless HUEY_REDIS_URL names a Redis server, e.g.
HUEY_REDIS_URL=redis://127.0.0.1:6379/2 huey_consumer worker.huey -w 2"""

from desk import create_app
from desk.ops.task_queue import make_huey, register_tasks

app = create_app()
huey = make_huey(app.config)
tasks = register_tasks(huey, app)
