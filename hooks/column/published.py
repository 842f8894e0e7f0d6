"""The record of what went out: every page address that was published and the ids of its paragraphs, kept in
the repository (data/published.yml), so that the build can tell when an edit would break a link that readers
already have (links_guard.py).

Pure functions: the record read from its text (with lines, for errors) and written back as text; a built page's
paragraphs read from its HTML; a record merged with what a site now publishes. `make publish`, `make record`
and the Pages workflow write it (scripts/record.py); the build only reads it."""

from __future__ import annotations

import json
from dataclasses import dataclass

from column.data import InputError, Located, load_yaml
from column.paragraphs import read_paragraphs

RECORD_FILE = "data/published.yml"
HEADER = """\
# What went out: every page address that was published, with the ids of its paragraphs. A link that readers
# have (shared, quoted, cited in a correction) is a page's address, or its address, '#' and a paragraph's id.
# The build stops when an edit would break one, and says how to keep it (handbook/CONTENT.md, "Links that
# went out").
#
# Kept current by `make publish` and, after each deploy, by the Pages workflow; after deploying any other way,
# run `make record` and commit this file (handbook/PUBLISHING.md, "The record of what went out"). Edit it by
# hand only to let a link go on purpose: delete the id's line (or a page's address line and the ids under it)
# in the same commit as the edit that drops it. An empty record (nothing published yet) guards nothing.
"""


@dataclass(frozen=True)
class Record:
    """Paragraph ids by page address ("/", "/second/"), in page order; where each is written, for errors."""

    pages: dict[str, list[str]]
    lines: dict[str, int]  # by address, and by "address id"
    file: str = RECORD_FILE

    def line(self, address: str, paragraph_id: str | None = None) -> int | None:
        return self.lines.get(address if paragraph_id is None else f"{address} {paragraph_id}")


EXPECTED = "a mapping of page addresses (such as '/' or '/second/') to lists of paragraph ids, as `make record` writes"


def read_record(text: str | None, file: str = RECORD_FILE) -> Record:
    """The record in `text` (None: no file, nothing published yet). Stops on anything else than what
    write_record writes, naming the line."""
    if text is None:
        return Record({}, {}, file)
    doc = load_yaml(text, file)
    if doc.value is None:
        return Record({}, {}, file)
    if not isinstance(doc.value, dict):
        raise doc.fail("(top level)", EXPECTED, doc.value)
    pages: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    for address, ids in doc.value.items():
        if not isinstance(address, str) or not address.startswith("/"):
            raise InputError(f"{where(doc, str(address))}: expected a page address starting with '/', got {address!r}.")
        if ids is None:
            ids = []
        if not isinstance(ids, list) or not all(isinstance(id_, str) and id_ for id_ in ids):
            raise doc.fail(address, "a list of paragraph ids (each line '  - \"the-id\"'), or none", ids)
        pages[address] = list(ids)
        lines[address] = doc.lines.get(address, 0)
        for index, id_ in enumerate(ids):
            lines[f"{address} {id_}"] = doc.lines.get(f"{address}.{index}", 0)
    return Record(pages, lines, file)


def where(doc: Located, field: str) -> str:
    line = doc.lines.get(field)
    return f"{doc.file}, line {line}" if line else doc.file


def write_record(pages: dict[str, list[str]]) -> str:
    """The record's text: the header, then each address (sorted) and its ids in page order, every value quoted
    (an id such as "no" or "2016" would otherwise be read as something else than text)."""
    lines = [HEADER.rstrip("\n")]
    for address in sorted(pages):
        lines.append(f"{quoted(address)}:")
        lines += [f"  - {quoted(id_)}" for id_ in pages[address]]
    return "\n".join(lines) + "\n"


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def merge(recorded: dict[str, list[str]], now: dict[str, list[str]]) -> dict[str, list[str]]:
    """What has gone out once this site is live: every address and id of the record, and those the site now
    publishes. Within a page, the ids in the order the site has them, each recorded id that it lacks kept after
    the id it followed in the record (so the order stays the page's, for the guard's messages)."""
    merged = {address: list(ids) for address, ids in recorded.items()}
    for address, ids in now.items():
        old = merged.get(address, [])
        result = list(ids)
        for position, id_ in enumerate(old):
            if id_ in result:
                continue
            before = next((old[i] for i in range(position - 1, -1, -1) if old[i] in result), None)
            result.insert(result.index(before) + 1 if before is not None else 0, id_)
        merged[address] = result
    return merged


# --- a built page ----------------------------------------------------------------------------------------


def paragraphs(page_html: str) -> list[tuple[str, str]]:
    """The linked paragraphs of a built page, in order: (id, the words a reader sees). A paragraph is linked when
    it carries its permalink, a link to itself (paragraphs.permalink)."""
    return [(paragraph.id, paragraph.words) for paragraph in read_paragraphs(page_html) if paragraph.self_linked]


def address_of(path: str) -> str | None:
    """The address of a built HTML file (its path in the site, '/'-separated): "index.html" -> "/",
    "second/index.html" -> "/second/", "a.html" -> "/a.html" (without directory URLs); None for the not-found
    page, which has no address of its own."""
    if path == "404.html":
        return None
    if path == "index.html":
        return "/"
    if path.endswith("/index.html"):
        return "/" + path[: -len("index.html")]
    return "/" + path
