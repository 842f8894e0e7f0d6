"""Reading time and word count, from the words a reader sees: the rendered text, not the Markdown source,
so emphasis marks and link targets are not counted."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from column import markup

# Brysbaert (2019), a meta-analysis of 190 studies: adults read English non-fiction silently at about
# 238 words a minute. Inside the 200-265 that publishing themes use, and measured rather than rounded.
WORDS_PER_MINUTE = 238

# A word is what a reader reads as one: "2,000" and "2012." are one each; a lone dash is none.
WORD_RE = re.compile(r"\S*\w\S*")

# Elements that flow inside a line: their edges are not word breaks ("<em>Pal</em>myra" is one word).
INLINE = {
    "a",
    "abbr",
    "b",
    "cite",
    "code",
    "em",
    "i",
    "kbd",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
}


@dataclass(frozen=True)
class ReadingTime:
    words: int
    minutes: int

    @property
    def duration(self) -> str:
        """ISO 8601, as schema.org's timeRequired wants it: PT2M."""
        return f"PT{self.minutes}M"


def visible_text(html: str) -> str:
    """The text of an HTML fragment as a reader sees it: entities decoded, tags gone, block edges as spaces."""
    parts = []
    for piece in markup.read(html):
        if piece.kind == markup.TEXT:
            parts.append(piece.text)
        elif piece.kind in (markup.START, markup.END) and piece.name not in INLINE:
            parts.append(" ")
    return "".join(parts)


def reading_time(*texts: str) -> ReadingTime:
    """Words in plain texts, and the minutes to read them, rounded up and never below one."""
    words = sum(len(WORD_RE.findall(text)) for text in texts)
    return ReadingTime(words=words, minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)))
