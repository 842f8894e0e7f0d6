"""The one HTML reader: the standard library's parser, run once over a document, gives its pieces in order as
plain values (`read`); every check and change of HTML in the build (and in scripts/check_site.py) is a function
over them, so none parses HTML its own way. `write` turns pieces back into HTML.

Character references are decoded, as a browser decodes them (`jav&#x61;script:` is read as `javascript:`).
Standard library only: scripts/check_site.py, which runs wherever the site is published from, reads pages with it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements without an end tag: they open nothing, so they do not count in an element's depth.
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# What a piece is. `<br/>` is a start and an end, as the parser reports it.
START, END, TEXT, COMMENT, DECLARATION, MARKED_SECTION, PROCESSING = (
    "start",
    "end",
    "text",
    "comment",
    "declaration",  # <!DOCTYPE html>
    "marked section",  # <![CDATA[...]]>
    "processing instruction",  # <?xml ...>
)


# What HTML does not show, as each is written.
NOT_SHOWN = {COMMENT: "<!--{}-->", DECLARATION: "<!{}>", MARKED_SECTION: "<![{}]]>", PROCESSING: "<?{}>"}


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of a document: a start or end tag (`name`, lower case; a start tag's `attrs` in order), text,
    or what HTML does not show (a comment, a declaration, a marked section, a processing instruction).
    `text` is a start tag as written, or the piece's text, its character references decoded. `start` is where
    the piece starts in the document (it ends where the next one starts); a start tag's `end`, where it ends."""

    kind: str
    name: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    text: str = ""
    start: int = 0
    end: int = 0

    def attributes(self) -> dict[str, str | None]:
        """The attributes by name (of one written twice, the last)."""
        return dict(self.attrs)


class _Reader(HTMLParser):
    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        # Where each line starts: the parser gives positions as (line, column), counting lines at "\n" only.
        self.line_starts = [0]
        for index, character in enumerate(document):
            if character == "\n":
                self.line_starts.append(index + 1)
        self.pieces: list[Piece] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or f"<{tag}>"
        start = self.position()
        self.pieces.append(Piece(START, tag, tuple(attrs), text, start, start + len(text)))

    def handle_endtag(self, tag: str) -> None:
        self.pieces.append(Piece(END, tag, start=self.position()))

    def handle_data(self, data: str) -> None:
        self.pieces.append(Piece(TEXT, text=data, start=self.position()))

    def handle_comment(self, data: str) -> None:
        self.pieces.append(Piece(COMMENT, text=data, start=self.position()))

    def handle_decl(self, decl: str) -> None:
        self.pieces.append(Piece(DECLARATION, text=decl, start=self.position()))

    def unknown_decl(self, data: str) -> None:
        self.pieces.append(Piece(MARKED_SECTION, text=data, start=self.position()))

    def handle_pi(self, data: str) -> None:
        self.pieces.append(Piece(PROCESSING, text=data, start=self.position()))


def read(document: str) -> list[Piece]:
    """The pieces of an HTML document or fragment, in document order."""
    reader = _Reader(document)
    reader.feed(document)
    reader.close()
    return reader.pieces


def start_tags(document: str) -> list[Piece]:
    return [piece for piece in read(document) if piece.kind == START]


def has_class(piece: Piece, name: str) -> bool:
    return name in (piece.attributes().get("class") or "").split()


def inside(pieces: list[Piece], is_element: Callable[[Piece], bool]) -> list[Piece]:
    """The pieces inside the first element whose start tag `is_element` (its start and end tags left out); none
    when there is no such element."""
    found: list[Piece] | None = None
    depth = 0
    for piece in pieces:
        if found is None:
            if piece.kind == START and is_element(piece):
                found = []
            continue
        if piece.name not in VOID_ELEMENTS and piece.kind in (START, END):
            if piece.kind == END and depth == 0:
                return found
            depth += 1 if piece.kind == START else -1
        found.append(piece)
    return found or []


def write(piece: Piece) -> str:
    """A piece as HTML: a start tag of its attributes (escaped), an end tag (none for a void element, which has
    none), text escaped, and what HTML does not show as it was."""
    if piece.kind == START:
        attrs = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value)}"' for name, value in piece.attrs
        )
        return f"<{piece.name}{attrs}>"
    if piece.kind == END:
        return "" if piece.name in VOID_ELEMENTS else f"</{piece.name}>"
    if piece.kind == TEXT:
        return html.escape(piece.text, quote=False)
    return NOT_SHOWN[piece.kind].format(piece.text)
