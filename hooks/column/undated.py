"""A column whose first publication date is not known, said once in its front matter (`date: unknown`), so that
the build stops warning about it. The page then has no date, as an undated column has: nothing is invented."""

from __future__ import annotations

from column.data import Located

UNKNOWN = "unknown"


def split_unknown_date(doc: Located) -> tuple[Located, bool]:
    """The front matter without `date: unknown`, and whether it said so. The rest of the checks then read it as
    a column without a date; `updated` needs a date that is known, so it is refused beside `date: unknown`."""
    value = doc.value
    if not isinstance(value, dict) or value.get("date") != UNKNOWN:
        return doc, False
    if "updated" in value:
        raise doc.fail(
            "updated",
            f"no 'updated' beside 'date: {UNKNOWN}': a last change is dated against a known first publication",
            show_got=False,
        )
    return Located({key: field for key, field in value.items() if key != "date"}, doc.lines, doc.file), True
