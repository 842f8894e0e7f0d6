"""HTML typed into the column where Markdown does the same: `<b>`, `<i>`, `<em>`, `<strong>`, `<a href>`, `<br>`
and the block tags Markdown makes. Refused with the Markdown that does it, so that the source stays Markdown
(which the checks in body.py read as rendered) and an editor on deadline sees how to write it.

Raw HTML is what Python-Markdown passes through untouched: it keeps each piece in its stash while rendering,
so the rendering itself says what was typed as HTML (a `<b>` in inline code is text, and an autolink is
Markdown). HTML that Markdown never makes (`<span>`, `<div>`, `<img>`) is left to body.check_body, which
refuses it as it always has."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown import Markdown

from column.body import EXPECTED, SENTENCE, shortest_beginning, split_body
from column.data import InputError, Located

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


class _StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, str]] = []  # (name, the tag as written)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, self.get_starttag_text() or f"<{tag}>"))

    handle_startendtag = handle_starttag


def raw_tags(text: str, extensions: list, configs: dict) -> list[tuple[str, str]]:
    """The start tags typed as HTML in the Markdown `text`, rendered as the build renders it: (name, as written).
    Only tags Markdown also makes (MARKDOWN_FOR): any other is refused by body.check_body."""
    md = Markdown(extensions=extensions, extension_configs=configs)
    md.convert(text)
    reader = _StartTags()
    for piece in md.htmlStash.rawHtmlBlocks:
        if isinstance(piece, str) and piece.lstrip().startswith("<"):
            reader.feed(piece)
    reader.close()
    return [(name, tag) for name, tag in reader.tags if name in MARKDOWN_FOR]


def refusal(name: str, tag: str) -> str:
    """How a refused tag is said: what it is, as written, and the Markdown that does it."""
    return f"raw HTML ({tag}): {MARKDOWN_FOR[name]}"


def check_body(source: str, file: str, extensions: list, configs: dict) -> None:
    """Stop on HTML typed into the body of `source` (a page, front matter included) where Markdown does the
    same, naming the line that completes the first such tag."""
    first_line, body = split_body(source)
    if not raw_tags(body, extensions, configs):
        return
    low = shortest_beginning(body, lambda text: bool(raw_tags(text, extensions, configs)))
    name, tag = raw_tags("\n".join(body.split("\n")[:low]), extensions, configs)[0]
    raise InputError(
        f"{file}, line {first_line + low - 1}: the column's body: expected {EXPECTED}, got {refusal(name, tag)}."
    )


def sentence_problem(text: str, extensions: list, configs: dict) -> str | None:
    """For a sentence of Markdown (a correction's text): the first tag typed as HTML where Markdown does the
    same, said as body.sentence_html says a problem, or None. The expected form is body.SENTENCE."""
    found = raw_tags(text, extensions, configs)
    return refusal(*found[0]) if found else None


def check_corrections(doc: Located, meta: dict, extensions: list, configs: dict) -> None:
    """Stop on HTML typed into a correction's text where Markdown does the same, naming the correction."""
    for index, correction in enumerate(meta.get("corrections", [])):
        problem = sentence_problem(correction["text"], extensions, configs)
        if problem:
            raise doc.fail(f"corrections.{index}.text", f"{SENTENCE}, got {problem}", show_got=False)
