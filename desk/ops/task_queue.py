"""The task queue of the notification worker: Huey, a small, well-kept queue (coleifer/huey)
that needs no server on the embedded default (SqliteHuey, a file beside the database) and runs
on Redis at scale (RedisHuey, when HUEY_REDIS_URL is set), with periodic tasks and retries.

The outbox in the database stays the record of what must be sent; the queue only wakes the
worker: every minute it delivers what is due (back-off and at-most-once are the outbox's,
ops.notify_worker) and runs the scheduled jobs, whose slots make them idempotent.

The pages hand long work to it too (a register checked and imported: ops.register_jobs),
through `init_task_queue`; with HUEY_IMMEDIATE (the tests) a task runs at once, in-process."""

from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab

from .notify_worker import deliver_due, run_scheduled
from .register_jobs import run_register_job


def make_huey(config, name: str = "sportello"):
    if config.get("HUEY_IMMEDIATE"):
        return MemoryHuey(name, immediate=True)
    if config.get("HUEY_REDIS_URL"):
        return RedisHuey(name, url=config["HUEY_REDIS_URL"])
    return SqliteHuey(name, filename=config["HUEY_SQLITE_PATH"])


def register_tasks(huey, app) -> dict:
    """The worker's tasks on `huey`, each run inside `app`'s context."""

    def in_app(job):
        def run():
            with app.app_context():
                return job()
        run.__name__ = job.__name__
        return run

    def in_app_with(job):
        def run(*args):
            with app.app_context():
                return job(*args)
        run.__name__ = job.__name__
        return run

    return {
        "deliver_now": huey.task(retries=3, retry_delay=30, name="deliver_now")(in_app(deliver_due)),
        "deliver_every_minute": huey.periodic_task(crontab(minute="*"), name="deliver_every_minute")(
            in_app(deliver_due)),
        "scheduled_jobs": huey.periodic_task(crontab(minute="*"), name="scheduled_jobs")(
            in_app(run_scheduled)),
        # At most once: a job whose upload has moved on does nothing (its own state says so).
        "register_job": huey.task(name="register_job")(in_app_with(run_register_job)),
    }


def init_task_queue(app) -> None:
    """`app.extensions["task_queue"](name, *args)` queues a task for the worker; the queue is
    opened on first use, so that an app that never queues anything opens no file."""
    tasks: dict = {}

    def enqueue(name: str, *args) -> None:
        if not tasks:
            tasks.update(register_tasks(make_huey(app.config), app))
        tasks[name](*args)

    app.extensions["task_queue"] = enqueue
