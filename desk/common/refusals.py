"""Refusals a user can act on: a rule says no, or someone else saved first."""


class ActionRefused(ValueError):
    """A business rule refuses the change; the message (translated) says why and what to do,
    next to the form's `field` when it concerns one."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class EditConflict(Exception):
    """The record changed since the form was loaded (optimistic locking)."""


def check_version(obj, submitted) -> None:
    """Refuse to save over a version the user never saw."""
    try:
        version = int(submitted)
    except (TypeError, ValueError):
        raise EditConflict() from None
    if version != obj.version:
        raise EditConflict()
