"""What the column's body may contain, checked on the HTML that Markdown renders from it (not on the
Markdown source: `[x](javascript:...)` is a link only once rendered, and `` `<div>` `` is text).

The rendered HTML is read with the standard library's HTML parser against an allow-list of elements,
attributes and link targets: paragraphs, emphasis, links (http, https, mailto and # on the page), lists,
block quotes and inline code. Anything else stops the build with the file, the line and what was found.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import unquote

from column.data import FRONT_MATTER_RE, InputError, url_problem

# Element: the attributes it may carry. Everything Python-Markdown makes of the allowed syntax.
ALLOWED = {
    "p": set(),
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


class _Reader(HTMLParser):
    """Collects, in document order, what the allow-list refuses (character references already decoded,
    so `jav&#x61;script:` is read as the browser reads it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        source = shown(self.get_starttag_text() or f"<{tag}>")
        if tag not in ALLOWED:
            self.found.append(f"{KINDS.get(tag, 'raw HTML')} ({source})")
            return
        for name, value in attrs:
            if name not in ALLOWED[tag]:
                self.found.append(f"raw HTML, an attribute '{name}' ({source})")
            elif tag == "a" and name == "href":
                problem = link_problem(value or "")
                if problem:
                    self.found.append(f"a link to {shown(value or '')!r} ({problem})")

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED:
            self.found.append(f"raw HTML (</{tag}>)")

    def handle_comment(self, data: str) -> None:
        self.found.append(f"raw HTML, a comment ({shown(f'<!--{data}-->')})")

    def handle_decl(self, decl: str) -> None:
        self.found.append(f"raw HTML ({shown(f'<!{decl}>')})")

    def unknown_decl(self, data: str) -> None:
        self.found.append(f"raw HTML ({shown(f'<![{data}]]>')})")

    def handle_pi(self, data: str) -> None:
        self.found.append(f"raw HTML ({shown(f'<?{data}>')})")


def refused(html: str) -> list[str]:
    """What the allow-list refuses in `html`, each said the way the error message says it."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.found


def split_body(source: str) -> tuple[int, str]:
    """The number of the body's first line in the page, and the body: what follows the front matter."""
    match = FRONT_MATTER_RE.match(source)
    start = match.end() if match else 0
    return source.count("\n", 0, start) + 1, source[start:]


def check_body(source: str, file: str, render: Callable[[str], str], html: str | None = None) -> None:
    """Stop on anything but allowed Markdown in the body of `source` (a page, front matter included).
    `render` turns Markdown into HTML as the build does; `html` is the body as the build rendered it
    (rendered here when not given). The line is found by rendering ever longer beginnings of the body
    until the first refused thing appears, so it is the line that completes it: the tag, the link, or
    a reference link's definition."""
    first_line, body = split_body(source)
    found = refused(render(body) if html is None else html)
    if not found:
        return
    if html is not None and not refused(render(body)):
        # Only the build's own rendering shows it (a step the build adds): say what, without a line.
        raise InputError(f"{file}: the column's body: expected {EXPECTED}, got {found[0]}.")
    lines = body.split("\n")
    low, high = 1, len(lines)  # the shortest beginning, in lines, that renders something refused
    while low < high:
        middle = (low + high) // 2
        if refused(render("\n".join(lines[:middle]))):
            high = middle
        else:
            low = middle + 1
    found = refused(render("\n".join(lines[:low])))[0]
    raise InputError(f"{file}, line {first_line + low - 1}: the column's body: expected {EXPECTED}, got {found}.")


class _Anchors(HTMLParser):
    """The ids in a page, and the targets of its '#' links (decoded, as the browser looks them up)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.fragments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name == "href" and value and value.startswith("#") and value != "#":
                self.fragments.append(unquote(value[1:]))


def anchors(html: str) -> _Anchors:
    reader = _Anchors()
    reader.feed(html)
    reader.close()
    return reader


def check_fragments(source: str, file: str, body_html: str, page_html: str) -> None:
    """Stop on a '#' link of the body (`body_html`, as Markdown rendered it) that points at no id of the
    finished page (`page_html`): the paragraphs' ids are added after Markdown, so only the finished page
    can tell. The line is the first of the body that writes the target."""
    ids = anchors(page_html).ids
    missing = [fragment for fragment in anchors(body_html).fragments if fragment not in ids]
    if not missing:
        return
    first_line, body = split_body(source)
    lines = body.split("\n")
    number = next((n for n, line in enumerate(lines) if f"#{missing[0]}" in unquote(line)), None)
    where = f"{file}, line {first_line + number}" if number is not None else file
    raise InputError(
        f"{where}: the column's body: expected a '#' link to a place on the page (such as a paragraph: its "
        f"link, beside it, shows its id), got a link to {shown('#' + missing[0])!r}, which no element has."
    )
