"""Paragraph ids and permalinks: every paragraph of the column gets an id made of its own first words, so
that a link to it survives edits elsewhere in the column, and a plain `<a href="#id">` to itself.

Pure functions of text in and text out; the hooks call `link_paragraphs` on the rendered body, after its
checks, so the ids and permalinks are never part of what the checks read."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from column import markup

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


@dataclass(frozen=True)
class Paragraph:
    """A <p> of rendered Markdown: whether it is top-level (not inside a list or a block quote), where its start
    tag starts and ends and where its end tag starts in the HTML, its id (None when it has none), its text, and
    whether it holds a link to itself (its permalink, in a finished page: what makes it a linked paragraph)."""

    top_level: bool
    start: int
    tag_end: int
    end_tag: int
    id: str | None
    text: str
    self_linked: bool = False

    @property
    def words(self) -> str:
        """Its text as a reader sees it: the spaces between words collapsed."""
        return " ".join(self.text.split())


def read_paragraphs(body_html: str) -> list[Paragraph]:
    """Every <p> of rendered Markdown (or of a finished page), in order: what the pinned ids are checked on
    (body.pin_problems), what the paragraphs' ids and permalinks are added to (link_paragraphs), and, in a
    finished page, what its links that go out are (published.paragraphs)."""
    found: list[Paragraph] = []
    # Each open <p>: its depth, its start tag, its text, whether it links to itself.
    opened: list[tuple[int, markup.Piece, list[str], list[bool]]] = []
    depth = 0
    for piece in markup.read(body_html):
        if piece.kind == markup.TEXT and opened:
            opened[-1][2].append(piece.text)
        elif piece.name in markup.VOID_ELEMENTS:
            continue
        elif piece.kind == markup.START:
            if piece.name == "a" and opened:
                own_id = opened[-1][1].attributes().get("id")
                opened[-1][3].append(bool(own_id) and piece.attributes().get("href") == "#" + own_id)
            if piece.name == "p":
                opened.append((depth, piece, [], []))
            depth += 1
        elif piece.kind == markup.END:
            depth -= 1
            if piece.name == "p" and opened and opened[-1][0] == depth:
                _, tag, text, links = opened.pop()
                paragraph_id_ = tag.attributes().get("id")
                found.append(
                    Paragraph(depth == 0, tag.start, tag.end, piece.start, paragraph_id_, "".join(text), any(links))
                )
    return sorted(found, key=lambda paragraph: paragraph.start)


def column_paragraphs(body_html: str) -> list[Paragraph]:
    """The column's own paragraphs in rendered Markdown: those not inside a list or a block quote."""
    return [paragraph for paragraph in read_paragraphs(body_html) if paragraph.top_level]


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
    found = column_paragraphs(body_html)
    texts = [standfirst] + [paragraph.words for paragraph in found]
    ids = paragraph_ids(texts, reserved, [standfirst_pin] + [paragraph.id for paragraph in found])
    pieces, done = [], 0
    for number, (paragraph, id_) in enumerate(zip(found, ids[1:], strict=True), start=2):
        tag = body_html[paragraph.start : paragraph.tag_end]
        opening = tag if paragraph.id else f'<p id="{html.escape(id_)}"{tag[2:]}'
        pieces += [body_html[done : paragraph.start], opening, body_html[paragraph.tag_end : paragraph.end_tag]]
        pieces.append(permalink(id_, label(number)))
        done = paragraph.end_tag
    pieces.append(body_html[done:])
    return "".join(pieces), {"id": ids[0], "permalink": permalink(ids[0], label(1))}
