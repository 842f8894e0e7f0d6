"""Line breaks a typesetter would not leave, taken out of a page before it is written: a one-letter word at a
line's end, or a hyphenated word split next to a part of one or two letters, in the languages whose
typesetting forbids it; a spaced dash at a line's start; a hyphenated name split across two lines.

The words that must stay on one line are put in a <span class="oc-nowrap"> (the stylesheet keeps it whole), so
the text itself is unchanged: what a reader copies or quotes, what extractors and text fragments read, is the
text as written. Where such words are not in one run of text (a one-letter word before a link), the space
between them becomes a no-break space. Pure functions over the page as markup.read reads it; tags, attributes,
scripts, styles, code and icons are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from column import markup

NOWRAP = '<span class="oc-nowrap">{}</span>'
NO_BREAK_SPACE = "\u00a0"
# Languages whose typesetting keeps a one-letter word (a preposition or a conjunction: the Russian for "in",
# "with", "to", "about", "at", "and", "but"; Czech and Slovak v, s, z, k, o, u, a, i; Polish w, z, i, a, o, u) on
# the line of the word after it, and a hyphenated word's part of one or two letters (the Russian for "somehow",
# "in Russian") on the line of the rest.
SHORT_WORD_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "cs", "sk", "pl"})

WORD_RE = re.compile(r"(\s+)")
# A word of one letter, after any opening quotation mark or bracket.
ONE_LETTER_RE = re.compile(r"[^\w&#]*[^\W\d_]")
DASHES = ("\u2013", "\u2014")  # en dash, em dash
# A word of letters and digits joined by hyphens.
HYPHENATED_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
# The elements whose content is code, not text, or drawing: not set.
NOT_TEXT = frozenset({"script", "style", "code", "pre", "kbd", "samp", "textarea", "svg"})
# The blocks whose last line must not hold a lone word (a widow); their type is at most the standfirst's size,
# so that two words of WIDOW_PAIR characters fit the narrowest line (320 px).
BLOCKS = frozenset({"p", "li"})
WIDOW_PAIR = 20


def stays_whole(word: str, language: str) -> bool:
    """A word with a hyphen a line must not break at: between two parts that start with a capital (a name:
    Jean-Paul), or, in SHORT_WORD_LANGUAGES, next to a part of one or two letters."""
    short = 3 if language in SHORT_WORD_LANGUAGES else 0
    for found in HYPHENATED_RE.finditer(word):
        parts = found.group(0).split("-")
        for before, after in pairwise(parts):
            if (before[0].isupper() and after[0].isupper()) or min(len(before), len(after)) < short:
                return True
    return False


def binds(word: str, after: str, language: str) -> bool:
    """Whether the space between `word` and the word `after` it must not break."""
    return after in DASHES or (language in SHORT_WORD_LANGUAGES and ONE_LETTER_RE.fullmatch(word) is not None)


def set_text(
    text: str, language: str, *, after_element: bool = False, before_element: bool = False, ends_block: bool = False
) -> str:
    """A run of text (HTML-escaped, no tags) with what must stay on one line in spans. A space at an end of the
    run, beside an element (`after_element`: an element ends right before the run; `before_element`: one starts
    right after it), binds with a no-break space: a dash after a link, a one-letter word before one. The last
    two words of a run that `ends_block` stay together when they are short enough (WIDOW_PAIR)."""
    pieces = WORD_RE.split(text)  # word, space, word, ... (the first and the last may be empty)
    between = [i for i in range(1, len(pieces), 2) if pieces[i - 1] and pieces[i + 1]]
    widow = between[-1] if ends_block and between else None
    if after_element and len(pieces) > 2 and not pieces[0] and pieces[2] in DASHES:
        pieces[1] = NO_BREAK_SPACE
    if before_element and len(pieces) > 2 and not pieces[-1] and binds(pieces[-3], "", language):
        pieces[-2] = NO_BREAK_SPACE
    groups = [[pieces[0]]]
    for index in range(1, len(pieces), 2):
        word, space, after = pieces[index - 1], pieces[index], pieces[index + 1]
        if word and after and (binds(word, after, language) or (index == widow and len(word + after) <= WIDOW_PAIR)):
            groups[-1] += [space, after]
        else:
            groups += [[space], [after]]
    return "".join(
        NOWRAP.format("".join(group)) if len(group) > 1 or stays_whole(group[0], language) else "".join(group)
        for group in groups
    )


@dataclass(frozen=True)
class Run:
    """A run of the page's text, page[start:end], as written (character references and all)."""

    start: int
    end: int
    after_element: bool  # an element ends right before it
    before_element: bool  # an element starts right after it
    ends_block: bool  # the last run with words in a BLOCKS element


def text_runs(page: str) -> list[Run]:
    """The runs of text in the page's <body> outside NOT_TEXT elements, in order: where its text may be set."""
    pieces = markup.read(page)
    runs: list[Run] = []
    in_body, code, last = False, 0, None  # last: the index in `runs` of the last run with words
    for index, piece in enumerate(pieces):
        after = pieces[index + 1] if index + 1 < len(pieces) else None
        if piece.kind in (markup.START, markup.END) and piece.name in NOT_TEXT:
            code = max(code + (1 if piece.kind == markup.START else -1), 0)
        elif piece.kind == markup.END and piece.name in BLOCKS and last is not None:
            runs[last] = replace(runs[last], ends_block=True)
            last = None
        elif piece.kind == markup.TEXT and in_body and not code:
            end = after.start if after else len(page)
            before_element = after is not None and after.kind == markup.START
            if runs and runs[-1].end == piece.start:  # one run that the parser reported in parts ("a < b")
                runs[-1] = replace(runs[-1], end=end, before_element=before_element)
            else:
                after_element = pieces[index - 1].kind == markup.END
                runs.append(Run(piece.start, end, after_element, before_element, ends_block=False))
            if page[runs[-1].start : runs[-1].end].strip():
                last = len(runs) - 1
        in_body = in_body or (piece.kind == markup.START and piece.name == "body")
    return runs


def set_page(page: str, language: str) -> str:
    """The page with the text of its <body> set (set_text); its head, tags, code and icons as they were."""
    parts, done = [], 0
    for run in text_runs(page):
        text = set_text(
            page[run.start : run.end],
            language,
            after_element=run.after_element,
            before_element=run.before_element,
            ends_block=run.ends_block,
        )
        parts += [page[done : run.start], text]
        done = run.end
    return "".join([*parts, page[done:]])
