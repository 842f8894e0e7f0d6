"""What the body of a page (a column's, or a plain page's) may contain, checked on the HTML that Markdown renders
from it (not on the Markdown source: `[x](javascript:...)` is a link only once rendered, and `` `<div>` `` is text).

The rendered HTML is read (column/markup.py) against an allow-list of elements,
attributes and link targets: paragraphs, emphasis, links (http, https, mailto and # on the page), lists,
block quotes and inline code. Anything else stops the build with the file, the line and what was found.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

from column import markup
from column.data import FRONT_MATTER_RE, InputError, Located, url_problem
from column.paragraphs import column_paragraphs, read_paragraphs

# Element: the attributes it may carry. Everything Python-Markdown makes of the allowed syntax.
ALLOWED = {
    "p": {"id"},  # a paragraph's pinned id, `{#id}` on its last line (attr_list): checked by check_pinned_ids
    "br": set(),  # a hard line break inside a paragraph
    "em": set(),
    "strong": set(),
    "a": {"href", "title"},
    "ul": set(),
    "ol": {"start"},
    "li": set(),
    "blockquote": set(),
    "code": set(),
}
LINK_SCHEMES = ("http", "https", "mailto")
# How a refused element is named in the error; any other one is raw HTML.
KINDS = {
    "img": "an image",
    "picture": "an image",
    "svg": "an image",
    "script": "a script",
    "style": "a stylesheet",
    "iframe": "an embedded page",
    "pre": "a code block",
    "hr": "a horizontal rule",
    "table": "a table",
    **{f"h{level}": "a heading" for level in range(1, 7)},
    # Allowed in the body, not in a sentence (a correction's text):
    "ul": "a list",
    "ol": "a list",
    "li": "a list item",
    "blockquote": "a block quote",
}
EXPECTED = (
    "Markdown text (paragraphs, emphasis, links to http(s), mailto: or a # on the page, lists, "
    "block quotes, inline code)"
)
SHOWN = 80  # characters of a found tag quoted in the error


def shown(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def link_problem(href: str) -> str | None:
    """Why a link target is refused, or None: http(s) and mailto: URLs as data.url_problem sees them,
    or a fragment of this page."""
    if href.startswith("#"):
        return None if href[1:] and url_problem("https://x" + href) is None else "an empty or malformed '#' link"
    return url_problem(href, LINK_SCHEMES)


def refused(html: str, allowed: dict[str, set[str]] = ALLOWED) -> list[str]:
    """What the allow-list refuses in `html`, in document order, each said the way the error message says it
    (character references already decoded, so `jav&#x61;script:` is read as the browser reads it)."""
    found = []
    for piece in markup.read(html):
        if piece.kind == markup.START:
            found += refused_tag(piece, allowed)
        elif piece.kind == markup.END and piece.name not in allowed:
            found.append(f"raw HTML (</{piece.name}>)")
        elif piece.kind in markup.NOT_SHOWN:
            what = ", a comment" if piece.kind == markup.COMMENT else ""
            found.append(f"raw HTML{what} ({shown(markup.write(piece))})")
    return found


def refused_tag(tag: markup.Piece, allowed: dict[str, set[str]]) -> list[str]:
    source = shown(tag.text)
    if tag.name not in allowed:
        return [f"{KINDS.get(tag.name, 'raw HTML')} ({source})"]
    found = []
    for name, value in tag.attrs:
        if name not in allowed[tag.name]:
            found.append(f"raw HTML, an attribute '{name}' ({source})")
        elif tag.name == "a" and name == "href":
            problem = link_problem(value or "")
            if problem:
                found.append(f"a link to {shown(value or '')!r} ({problem})")
    return found


# A sentence (a correction's text): one paragraph of inline Markdown, no list, quote or second paragraph.
SENTENCE = "a sentence of Markdown text (emphasis, links to http(s), mailto: or a # on the page, inline code)"
SENTENCE_ALLOWED = {"p": set(), **{tag: ALLOWED[tag] for tag in ("em", "strong", "a", "code")}}
ONE_PARAGRAPH_RE = re.compile(r"<p>((?:(?!</?p\b).)*)</p>", re.DOTALL)


def sentence_html(text: str, render: Callable[[str], str]) -> tuple[str, str | None]:
    """A sentence of Markdown as HTML, without its paragraph, and what the allow-list refuses in it (said as
    check_body says it) or None. `render` turns Markdown into HTML as the build does."""
    html = render(text).strip()
    found = refused(html, SENTENCE_ALLOWED)
    match = ONE_PARAGRAPH_RE.fullmatch(html)
    if not found and not match:
        found = [f"more than one paragraph ({shown(html)})"]
    return (match.group(1) if match else html), (found[0] if found else None)


def split_body(source: str) -> tuple[int, str]:
    """The number of the body's first line in the page, and the body: what follows the front matter."""
    match = FRONT_MATTER_RE.match(source)
    start = match.end() if match else 0
    return source.count("\n", 0, start) + 1, source[start:]


# What the errors call the body: a column's, or a plain page's.
COLUMN_BODY = "the column's body"
PAGE_BODY = "the page's body"


def check_body(
    source: str, file: str, render: Callable[[str], str], html: str | None = None, *, part: str = COLUMN_BODY
) -> None:
    """Stop on anything but allowed Markdown in the body of `source` (a page, front matter included).
    `render` turns Markdown into HTML as the build does; `html` is the body as the build rendered it
    (rendered here when not given). The line is found as stop_at_line finds it: the tag, the link, or a
    reference link's definition."""
    stop_at_line(source, file, render, html, refused, EXPECTED, part)


def stop_at_line(
    source: str,
    file: str,
    render: Callable[[str], str],
    html: str | None,
    problems: Callable[[str], list[str]],
    expected: str,
    part: str = COLUMN_BODY,
) -> None:
    """Stop on the first of the `problems` of the body of `source` (a page, front matter included), said as
    "expected `expected`, got <problem>", at the line of the page that completes it. `render` turns Markdown
    into HTML as the build does; `html` is the body as the build rendered it (rendered here when not given).
    The line is found by rendering ever longer beginnings of the body until the first problem appears."""
    first_line, body = split_body(source)
    found = problems(render(body) if html is None else html)
    if not found:
        return
    if html is not None and not problems(render(body)):
        # Only the build's own rendering shows it (a step the build adds): say what, without a line.
        raise InputError(f"{file}: {part}: expected {expected}, got {found[0]}.")
    low = shortest_beginning(body, lambda text: bool(problems(render(text))))
    found = problems(render("\n".join(body.split("\n")[:low])))[0]
    raise InputError(f"{file}, line {first_line + low - 1}: {part}: expected {expected}, got {found}.")


def shortest_beginning(body: str, shows: Callable[[str], bool]) -> int:
    """The number of lines of the shortest beginning of `body` for which `shows` is true (it is for the whole
    body): the line that completes what `shows` looks for."""
    lines = body.split("\n")
    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        if shows("\n".join(lines[:middle])):
            high = middle
        else:
            low = middle + 1
    return low


# A pinned id is one the page gave a paragraph (hooks/column/paragraphs.py): lower-case words of letters and
# digits joined by '-', "-2" and the like included.
PINNED_ID_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
PIN_EXPECTED = (
    "a paragraph's id pinned by '{#id}' on a line of its own at the paragraph's end, the id being lower-case "
    "words of letters and digits joined by '-', as the paragraph's link shows it"
)
MISPLACED_PIN_RE = re.compile(r"\{:?\s*#[^{}]*\}\s*$")


def pin_problems(html: str, reserved: tuple[str, ...]) -> list[str]:
    """What is wrong with the pinned ids in a rendered body, each said the way the error message says it."""
    problems, seen = [], set()
    for paragraph in read_paragraphs(html):
        id_ = paragraph.id
        if id_ is None:
            if paragraph.top_level and MISPLACED_PIN_RE.search(paragraph.text):
                pin = MISPLACED_PIN_RE.search(paragraph.text).group(0).strip()
                problems.append(f"{pin!r} at the end of a line of text (it would be shown as text)")
            continue
        pin = shown("{#" + id_ + "}")
        if not paragraph.top_level:
            problems.append(f"{pin!r} on a paragraph inside a list or a block quote (only the column's own have ids)")
        elif not PINNED_ID_RE.fullmatch(id_) or id_ != id_.lower():
            problems.append(repr(pin))
        elif id_ in reserved:
            problems.append(f"{pin!r}, an id the page's template gives its own element")
        elif id_ in seen:
            problems.append(f"{pin!r} a second time (two paragraphs cannot share an id)")
        seen.add(id_)
    return problems


def check_pinned_ids(
    source: str,
    file: str,
    render: Callable[[str], str],
    html: str,
    reserved: tuple[str, ...],
    part: str = COLUMN_BODY,
) -> None:
    """Stop on a paragraph id pinned in the body (`{#id}`, which keeps a reworded paragraph's published id)
    that is not one the page could have given, that the template uses, that two paragraphs share, or that
    sits where it does nothing. `html` is the body as the build rendered it; the line is found as
    stop_at_line finds it."""
    stop_at_line(source, file, render, html, lambda html: pin_problems(html, reserved), PIN_EXPECTED, part)


DESCRIPTION_ID = (
    "the id paragraph 1 (the description) was published with: lower-case words of letters and digits joined by "
    "'-', as its link showed it"
)


def check_description_id(doc: Located, meta: dict, html: str, reserved: tuple[str, ...]) -> None:
    """`description_id` in the front matter pins the standfirst's id, as `{#id}` pins a body paragraph's: it has
    the same form, is not one of the template's ids, and no paragraph of the body (`html`, as rendered) pins it
    too."""
    pin = meta.get("description_id")
    if pin is None:
        return
    if not PINNED_ID_RE.fullmatch(pin) or pin != pin.lower():
        raise doc.fail("description_id", DESCRIPTION_ID, pin)
    if pin in reserved:
        raise doc.fail("description_id", DESCRIPTION_ID + ", not one the page's template gives its own element", pin)
    if pin in [paragraph.id for paragraph in column_paragraphs(html)]:
        raise doc.fail("description_id", DESCRIPTION_ID + ", not one a body paragraph pins with {#id} too", pin)


def ids(html: str) -> set[str]:
    """The ids of the elements in `html`."""
    return {value for tag in markup.start_tags(html) for name, value in tag.attrs if name == "id" and value}


def fragment_links(html: str) -> list[str]:
    """The targets of the '#' links in `html`, decoded as the browser looks them up."""
    return [
        unquote(value[1:])
        for tag in markup.start_tags(html)
        for name, value in tag.attrs
        if name == "href" and value and value.startswith("#") and value != "#"
    ]


FRAGMENT_EXPECTED = "a '#' link to a place on the page (such as a paragraph: its link, beside it, shows its id)"


def missing_fragments(html: str, page_html: str) -> list[str]:
    """The targets of the '#' links in `html` that no element of the finished page has."""
    found = ids(page_html)
    return [fragment for fragment in fragment_links(html) if fragment not in found]


def no_element(fragment: str) -> str:
    return f"a link to {shown('#' + fragment)!r}, which no element has"


def check_fragments(source: str, file: str, body_html: str, page_html: str, part: str = COLUMN_BODY) -> None:
    """Stop on a '#' link of the body (`body_html`, as Markdown rendered it) that points at no id of the
    finished page (`page_html`): the paragraphs' ids are added after Markdown, so only the finished page
    can tell. The line is the first of the body that writes the target."""
    missing = missing_fragments(body_html, page_html)
    if not missing:
        return
    first_line, body = split_body(source)
    lines = body.split("\n")
    number = next((n for n, line in enumerate(lines) if f"#{missing[0]}" in unquote(line)), None)
    where = f"{file}, line {first_line + number}" if number is not None else file
    raise InputError(f"{where}: {part}: expected {FRAGMENT_EXPECTED}, got {no_element(missing[0])}.")
