"""HTML typed into the column where Markdown does the same: `<b>`, `<i>`, `<em>`, `<strong>`, `<a href>`, `<br>`
and the block tags Markdown makes. Refused with the Markdown that does it, so that the source stays Markdown
(which the checks in body.py read as rendered) and an editor on deadline sees how to write it.

Raw HTML is what Python-Markdown passes through untouched: it keeps each piece in its stash while rendering,
so the rendering itself says what was typed as HTML (a `<b>` in inline code is text, and an autolink is
Markdown): `typed_html` gives those pieces, and the checks read them as body.py reads the rendered body. HTML
that Markdown never makes (`<span>`, `<div>`, `<img>`) is left to body.check_body, which refuses it as it
always has."""

from __future__ import annotations

from collections.abc import Callable

from markdown import Markdown

from column import markup
from column.body import COLUMN_BODY, EXPECTED, stop_at_line

BOLD = "write **the words** (two asterisks on each side) for bold"
ITALICS = "write *the words* (one asterisk on each side) for italics"
# The Markdown for each tag an editor reaches for, and for the rest that Markdown makes.
MARKDOWN_FOR = {
    "b": BOLD,
    "strong": BOLD,
    "i": ITALICS,
    "em": ITALICS,
    "a": "write [the words](https://the.address/) for a link",
    "br": "end the line with two spaces for a line break, or leave a blank line for a new paragraph",
    "p": "leave a blank line between paragraphs",
    "ul": "start each item's line with '- ' for a list",
    "ol": "start each item's line with '1. ' for a numbered list",
    "li": "start each item's line with '- ' (or '1. ') for a list",
    "blockquote": "start each line with '> ' for a block quote",
    "code": "put `backticks` around code",
}


def typed_html(markdown: Markdown, text: str) -> str:
    """The HTML typed into the Markdown `text`, as `markdown` (a fresh renderer, configured as the build's)
    passes it through: its stashed pieces of raw HTML, one a line."""
    markdown.convert(text)
    pieces = markdown.htmlStash.rawHtmlBlocks
    return "\n".join(piece for piece in pieces if isinstance(piece, str) and piece.lstrip().startswith("<"))


def refusals(html: str) -> list[str]:
    """Each start tag of `html` (typed HTML) that Markdown also makes, said with the Markdown that does it. Any
    other tag is refused by body.check_body."""
    return [
        f"raw HTML ({tag.text}): {MARKDOWN_FOR[tag.name]}"
        for tag in markup.start_tags(html)
        if tag.name in MARKDOWN_FOR
    ]


def check_body(source: str, file: str, typed: Callable[[str], str], part: str = COLUMN_BODY) -> None:
    """Stop on HTML typed into the body of `source` (a page, front matter included) where Markdown does the
    same, naming the line that completes the first such tag. `typed` gives the HTML typed into Markdown, as
    typed_html does with the build's renderer; `part` is what the error calls the body."""
    stop_at_line(source, file, typed, None, refusals, EXPECTED, part)


def sentence_problem(text: str, typed: Callable[[str], str]) -> str | None:
    """For a sentence of Markdown (a correction's text): the first tag typed as HTML where Markdown does the
    same, said as body.sentence_html says a problem, or None."""
    found = refusals(typed(text))
    return found[0] if found else None
