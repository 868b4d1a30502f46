"""What another area (the needs observatory) reuses of supervision: the scope of a count, the
dashboard's own counting SQL, its tables, charts and files. Named here once, so that the
figures are counted by one code (issue 19: no second counting code)."""

from . import flows, metrics
from .charts import bar_chart
from .dashboard import team_label
from .exports import XLSX_TYPE, attachment, xlsx_bytes
from .scope import Scope
from .sqlfuncs import month_of
from .tables import Cell, Column, Table

__all__ = ["XLSX_TYPE", "Cell", "Column", "Scope", "Table", "attachment", "bar_chart", "flows",
           "metrics", "month_of", "team_label", "xlsx_bytes"]
