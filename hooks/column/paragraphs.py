"""Paragraph ids and permalinks: every paragraph of the column gets an id made of its own first words, so
that a link to it survives edits elsewhere in the column, and a plain `<a href="#id">` to itself.

Pure functions of text in and text out; the hooks call `link_paragraphs` on the rendered body, after its
checks, so the ids and permalinks are never part of what the checks read."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser

ID_WORDS = 6  # "the-liberation-of-palmyra-is-compelling": readable, and rarely the same in two paragraphs
ID_MAX_LENGTH = 60
FALLBACK_ID = "paragraph"  # for a paragraph without a letter or digit
# An apostrophe or a digit-group separator inside a word or number joins it: "Syria’s" -> "syrias",
# "2,000" -> "2000", as a reader would spell the word.
JOINERS_RE = re.compile(r"(?<=[^\W_])['’]+(?=[^\W_])|(?<=\d)[,.](?=\d)")
WORD_RE = re.compile(r"[^\W_]+")


def paragraph_id(text: str) -> str:
    """The id a paragraph's own words give it: its first words, lower case, accents dropped, joined by '-'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = WORD_RE.findall(JOINERS_RE.sub("", plain))[:ID_WORDS]
    if not words:
        return FALLBACK_ID
    kept = words[0][:ID_MAX_LENGTH]
    for word in words[1:]:
        if len(kept) + 1 + len(word) > ID_MAX_LENGTH:
            break
        kept += "-" + word
    return kept


def paragraph_ids(
    texts: list[str], reserved: tuple[str, ...] = (), pinned: list[str | None] | None = None
) -> list[str]:
    """One unique id per paragraph, in order. A paragraph keeps the id its words give it unless an earlier
    paragraph (or the page itself: `reserved`) already has that id; then it gets the first free "-2",
    "-3", ... suffix that no paragraph's own id uses, so that no suffix takes another paragraph's id.
    A pinned id (`pinned`, by paragraph: the id it was published with, or None) is the paragraph's
    whatever its words, and no other paragraph takes it (the body check keeps pins unique and off
    `reserved`)."""
    pinned = pinned or [None] * len(texts)
    own = [pin or paragraph_id(text) for text, pin in zip(texts, pinned, strict=True)]
    taken = set(reserved) | {pin for pin in pinned if pin}
    natural = set(own)
    ids = []
    for base, pin in zip(own, pinned, strict=True):
        if pin:
            ids.append(pin)
            continue
        candidate, n = base, 1
        while candidate in taken or (candidate != base and candidate in natural):
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def permalink(paragraph_id_: str, label: str) -> str:
    """The paragraph's link to itself, named by `label` ("Link to paragraph 3" in the site's language). It holds
    no text, so the paragraph's words (and a copy of them) stay the column's words; the stylesheet draws the
    mark and shows it on hover and focus."""
    label = html.escape(label)
    return f'<a class="oc-permalink" href="#{html.escape(paragraph_id_)}" aria-label="{label}" title="{label}"></a>'


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TopLevelParagraphs(HTMLParser):
    """Where each top-level <p> of rendered Markdown starts and ends, and its text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_offsets = [0]
        for line in source.splitlines(keepends=True):
            self.line_offsets.append(self.line_offsets[-1] + len(line))
        self.depth = 0
        self.open: tuple[int, int, str | None, list[str]] | None = None
        # (tag start, tag end, end tag start, pinned id or None, text)
        self.found: list[tuple[int, int, int, str | None, str]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        if self.depth == 0 and tag == "p":
            start = self.position()
            self.open = (start, start + len(self.get_starttag_text()), dict(attrs).get("id"), [])
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        self.depth -= 1
        if self.depth == 0 and tag == "p" and self.open:
            start, tag_end, pinned, text = self.open
            self.found.append((start, tag_end, self.position(), pinned, " ".join("".join(text).split())))
            self.open = None

    def handle_data(self, data):
        if self.open:
            self.open[3].append(data)


def top_level_paragraphs(body_html: str) -> list[tuple[int, int, int, str | None, str]]:
    """Each top-level <p> of rendered Markdown: (tag start, tag end, end tag start, pinned id or None, text)."""
    parser = _TopLevelParagraphs(body_html)
    parser.feed(body_html)
    parser.close()
    return parser.found


def link_paragraphs(
    body_html: str,
    standfirst: str,
    label: Callable[[int], str],
    reserved: tuple[str, ...] = (),
    standfirst_pin: str | None = None,
) -> tuple[str, dict]:
    """Ids and permalinks for the column's paragraphs: the standfirst (paragraph 1, drawn by the template,
    which keeps `standfirst_pin`, the front matter's `description_id`, when one is given) and each top-level
    <p> of the rendered body, which keeps an id pinned in the Markdown (`{#id}`, checked by
    body.check_pinned_ids); `label(number)` names a permalink. Returns the body's HTML with them, and the
    standfirst's {"id", "permalink"} for the template."""
    found = top_level_paragraphs(body_html)
    texts = [standfirst] + [text for *_, text in found]
    ids = paragraph_ids(texts, reserved, [standfirst_pin] + [pinned for *_, pinned, _ in found])
    pieces, done = [], 0
    for number, ((start, tag_end, end_tag, pinned, _), id_) in enumerate(zip(found, ids[1:], strict=True), start=2):
        tag = body_html[start:tag_end]
        opening = tag if pinned else f'<p id="{html.escape(id_)}"{tag[2:]}'
        pieces += [body_html[done:start], opening, body_html[tag_end:end_tag]]
        pieces.append(permalink(id_, label(number)))
        done = end_tag
    pieces.append(body_html[done:])
    return "".join(pieces), {"id": ids[0], "permalink": permalink(ids[0], label(1))}
