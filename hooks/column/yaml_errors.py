"""YAML mistakes said in an editor's words: what PyYAML reports ("mapping values are not allowed here"), turned
into what is likely wrong and where (a value with ': ' that needs quotes, a line indented wrongly, a tab), and a
field's place said as a person counts it ("the second correction", not `corrections.1`).

Pure functions of the error, the text and the parsed value; column.data builds its messages with them."""

from __future__ import annotations

import re

import yaml

# A line that starts a mapping entry: its indentation, an optional "- " of a list item, the key, then ':' and a
# space or the line's end.
KEY_LINE_RE = re.compile(r"(?P<indent> *)(?:- +)?(?P<key>[^\s#'\"\-?:,\[\]{}][^:#]*?|'[^']*'|\"[^\"]*\") *:(?: |$)")
# What a mapping's value may not start with unless it is quoted: YAML reads each as something else.
SPECIAL_STARTS = {
    "@": "'@' is reserved in YAML",
    "`": "'`' is reserved in YAML",
    "%": "'%' starts a YAML directive",
    "*": "'*' starts a YAML alias",
    "&": "'&' starts a YAML anchor",
    "!": "'!' starts a YAML tag",
    "|": "'|' starts a block of text",
    ">": "'>' starts a block of text",
}
QUOTE_HOW = "put the whole value in double quotes"


def message(error: yaml.YAMLError, text: str, file: str, first_line: int = 1) -> str:
    """The error message for YAML that cannot be read: the file, the line (counted in the file: the text starts
    on `first_line`), what is likely wrong in words, and the parser's own words."""
    line, words = explain(error, text)
    where = f"{file}, line {line + first_line - 1}" if line else file
    problem = getattr(error, "problem", None) or str(error)
    if words is None:
        return f"{where}: not valid YAML ({problem})."
    return f"{where}: not valid YAML: {words} (the YAML parser says: {problem})."


def explain(error: yaml.YAMLError, text: str) -> tuple[int | None, str | None]:
    """Where a YAML error is (the line in `text`, from 1; None when YAML gives none) and what is likely wrong,
    in words an editor can act on (None when it is none of the mistakes known here)."""
    problem = getattr(error, "problem", None) or ""
    mark = getattr(error, "problem_mark", None)
    context = getattr(error, "context", None) or ""
    context_mark = getattr(error, "context_mark", None)
    lines = text.split("\n")
    if mark is None:
        return None, None

    def line(index: int) -> str:
        return lines[index] if 0 <= index < len(lines) else ""

    here = line(mark.line)
    if "'\\t'" in problem:
        return mark.line + 1, "a tab: YAML indents with spaces only; replace the tab with spaces"
    # A character YAML reads as syntax at a value's start: named in the problem, or (an alias, an anchor) where
    # the scan began.
    found = re.match(r"found character '(.)' that cannot start any token", problem)
    start = found.group(1) if found else None
    if context in ("while scanning an alias", "while scanning an anchor") and context_mark is not None:
        start, mark = line(context_mark.line)[context_mark.column], context_mark
        here = line(mark.line)
    if start in SPECIAL_STARTS:
        return mark.line + 1, (
            f"a value that starts with '{start}' must be quoted ({SPECIAL_STARTS[start]}): {quote_how(here)}"
        )
    if "quoted scalar" in context and context_mark is not None:
        return context_mark.line + 1, (
            "a quote mark opens a value here and nothing closes it: end the value with the same quote mark"
        )
    if "flow" in context and context_mark is not None:
        return context_mark.line + 1, (
            "a value that starts with '[' or '{' is read as a YAML list or mapping: if it is text, " + QUOTE_HOW
        )
    if problem == "mapping values are not allowed here":
        above = previous_line(lines, mark.line)
        if is_second_colon(here, mark.column):
            return mark.line + 1, f"a value that contains ': ' (a colon and a space) must be quoted: {quote_how(here)}"
        if above < 0 or indent(here) <= indent(line(above)):
            return (above if above >= 0 else mark.line) + 1, (
                "this line is not 'field: value', so YAML reads it as text that runs on into the next line: "
                "a field's name is followed by ': ' (a colon and a space)"
            )
        return mark.line + 1, (
            f"this line is read as part of the value above it: it is indented {spaces(indent(here))}, more "
            f"than the field above it ({spaces(indent(line(above)))}); fields of the same mapping line up exactly"
        )
    if problem.startswith("could not find expected ':'") and context_mark is not None:
        return context_mark.line + 1, (
            "this line is neither 'field: value' nor indented as part of the value above it: a field's name "
            "is followed by ': ' (a colon and a space)"
        )
    if problem.startswith("expected <block end>") and "<scalar>" in problem:
        return mark.line + 1, quoted_start_problem(here)
    if problem.startswith("expected <block end>"):
        return mark.line + 1, indentation_problem(here, line(previous_line(lines, mark.line)))
    return mark.line + 1, None


def previous_line(lines: list[str], index: int) -> int:
    """The index of the nearest line above `index` that holds something (not blank, not only a comment); -1
    when there is none."""
    for above in range(index - 1, -1, -1):
        if lines[above].strip() and not lines[above].strip().startswith("#"):
            return above
    return -1


def indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def is_second_colon(here: str, column: int) -> bool:
    """Whether the ':' YAML stopped at (`column`) follows the line's own field name and its ': ': a value
    holding ': ', which needs quotes."""
    key = KEY_LINE_RE.match(here)
    return bool(key) and key.end() <= column + 1 and here.index(":", len(key.group("indent"))) < column


def quote_how(here: str) -> str:
    """How to quote the value of the line `here`, written out when the line is 'field: value'."""
    key = KEY_LINE_RE.match(here)
    value = here[key.end() :].strip() if key else ""
    if not value:
        return QUOTE_HOW
    # In single quotes nothing is special but the quote itself, written twice.
    value = "'" + value.replace("'", "''") + "'" if '"' in value or "\\" in value else f'"{value}"'
    return f"write it as {here[: key.end()].strip()} {value}"


def quoted_start_problem(here: str) -> str:
    """Text after a closed quote: a value that starts with a quote mark must be quoted whole."""
    key = KEY_LINE_RE.match(here)
    value = here[key.end() :].strip() if key else here.strip()
    if value.startswith("'"):
        return (
            "a value in single quotes ends at the next single quote: write an apostrophe inside it twice "
            "(it''s), or put the whole value in double quotes"
        )
    if value.startswith('"'):
        return (
            "a value in double quotes ends at the next double quote: put the whole value in single quotes "
            'instead, or write each " inside it as \\"'
        )
    return "text follows a value that has ended here: " + QUOTE_HOW


def indentation_problem(here: str, above: str) -> str:
    """A line whose indentation matches no mapping or list above it."""
    return (
        f"indentation: this line is indented {spaces(indent(here))} and the line above it "
        f"{spaces(indent(above))}; the fields of one mapping (and the items of one list) line up exactly, "
        "and a list item's fields line up with the first one after its '- '"
    )


def spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


# --- a field's place, counted from 1 -------------------------------------------------------------------

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# What an item of a list is called, by the list's field; a list at the top of a file, by the file's name.
ITEM_NAMES = {"corrections": "correction", "more_profiles": "profile"}
TOP_LEVEL_ITEM_NAMES = {"networks.yml": "share network"}


def ordinal(number: int) -> str:
    """1 -> "first", 11 -> "11th", 22 -> "22nd"."""
    if number <= len(ORDINALS):
        return ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def field_name(path: str, value: object, file: str) -> str:
    """How an error names the field at `path` ("corrections.1.date", as the checks key it) in the document
    `value` read from `file`: "field 'date' of the second correction". A part of the path is a list index
    only where the document has a list there: a mapping's key may be a number too (data/icons.yml)."""
    parts = path.split(".") if path else []
    node, last_list = value, None
    for position, part in enumerate(parts):
        if isinstance(node, list) and part.isdigit():
            last_list = position
            index = int(part)
            node = node[index] if index < len(node) else None
        elif isinstance(node, dict):
            node = next((child for key, child in node.items() if str(key) == part), None)
        else:
            node = None
    if last_list is None:
        return f"field '{path}'"
    owner, number, rest = parts[:last_list], int(parts[last_list]) + 1, ".".join(parts[last_list + 1 :])
    if not owner:
        item = f"the {ordinal(number)} {TOP_LEVEL_ITEM_NAMES.get(file.rsplit('/', 1)[-1], 'item')}"
    elif owner[-1] in ITEM_NAMES:
        item = f"the {ordinal(number)} {ITEM_NAMES[owner[-1]]}"
        if len(owner) > 1:  # a list inside another field: "the second profile in 'okafor.more_profiles'"
            item += f" in '{'.'.join(owner)}'"
    else:
        item = f"the {ordinal(number)} item of {field_name('.'.join(owner), value, file)}"
    return f"field '{rest}' of {item}" if rest else item
