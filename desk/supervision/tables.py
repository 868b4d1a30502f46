"""Tables: one shape for what the dashboard shows, what the charts draw and what the exports
write. A label cell keeps its code so that exports can give both."""

from dataclasses import dataclass, field

from flask_babel import gettext as _


@dataclass
class Column:
    key: str
    title: str
    numeric: bool = False


@dataclass
class Cell:
    value: object
    code: str | None = None
    href: str | None = None

    @property
    def text(self) -> str:
        if isinstance(self.value, float):
            return f"{self.value:.1f}"
        return "" if self.value is None else str(self.value)


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    caption: str = ""
    # Which column(s) name the bars and which column gives their length (None: no chart).
    chart_label: int | tuple[int, ...] = 0
    chart_value: int | None = None
    # Shown when the table has no rows.
    empty: str = ""

    def add(self, *cells) -> None:
        self.rows.append([c if isinstance(c, Cell) else Cell(c) for c in cells])

    def chart_rows(self) -> list[tuple[str, float]]:
        if self.chart_value is None:
            return []
        names = self.chart_label if isinstance(self.chart_label, tuple) else (self.chart_label,)
        return [
            (" · ".join(row[i].text for i in names), float(row[self.chart_value].value))
            for row in self.rows
            if row[self.chart_value].value is not None
        ]

    def has_codes(self, index: int) -> bool:
        return any(row[index].code is not None for row in self.rows)

    def flat_header(self) -> list[str]:
        """Header for exports: a label column with codes becomes 'code' and 'label' columns."""
        header = []
        for index, column in enumerate(self.columns):
            if not column.numeric and self.has_codes(index):
                header.append(_("%(column)s (code)", column=column.title))
            header.append(column.title)
        return header

    def flat_rows(self) -> list[list[object]]:
        code_columns = {
            i for i, c in enumerate(self.columns) if not c.numeric and self.has_codes(i)
        }
        flat = []
        for row in self.rows:
            values = []
            for index, cell in enumerate(row):
                if index in code_columns:
                    values.append(cell.code or "")
                values.append(cell.value if self.columns[index].numeric else cell.text)
            flat.append(values)
        return flat
