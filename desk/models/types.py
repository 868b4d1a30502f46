"""Small helpers shared by the model modules."""

from sqlalchemy import CheckConstraint


def check_in(column: str, allowed, name: str | None = None, nullable: bool = False):
    """A CHECK constraint limiting `column` to the codes of a vocabulary."""
    values = ", ".join(f"'{code}'" for code in allowed)
    condition = f"{column} IN ({values})"
    if nullable:
        condition = f"{column} IS NULL OR {condition}"
    return CheckConstraint(condition, name=name or f"{column}_valid")
