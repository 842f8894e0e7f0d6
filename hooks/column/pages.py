"""One page of docs/ as the build reads it, a column or a plain page (data.check_page tells them apart), in two
values, each built once and checked as it is built: what the page's file says (Column: its front matter, checked,
and its corrections' texts), and what Markdown made of its body (Body: the HTML, checked against the allow-list,
and its reading time). Then the finished page's '#' links are checked against the ids the page ended up with
(check_links).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from column import body, data, raw_html, reading, render, sharing
from column.settings import Site

# The ids the page's templates give their own elements: no paragraph takes one of them.
TEMPLATE_IDS = ("oc-column", "oc-author", "oc-share", "oc-share-title", *sharing.DIALOG_IDS)


@dataclass(frozen=True)
class Column:
    """What a page's file says, checked: a column's, or a plain page's (`is_column`)."""

    file: str  # the page's file as the errors name it, relative to the project: docs/index.md
    source: str  # its whole text, front matter included: the lines the errors count
    front_matter: data.Located  # as read, with the line of each field
    meta: dict  # the checked front matter (MkDocs' page.meta too)
    corrections: list[tuple[str, str]]  # each correction's text: (its HTML, the words a reader sees)
    address: str  # where the site publishes it, relative to the home page: "" for the home page, "second/"
    date_unknown: bool = False  # `date: unknown`: the publisher says the first publication date is not known

    @property
    def is_column(self) -> bool:
        return data.is_column(self.meta)

    @property
    def body_name(self) -> str:
        """What the body's errors call it."""
        return body.COLUMN_BODY if self.is_column else body.PAGE_BODY

    @property
    def warns_undated(self) -> bool:
        """Whether the build warns that nothing tells when the column was written (data.undated_warning)."""
        return self.is_column and "date" not in self.meta and not self.date_unknown

    @property
    def lastmod(self) -> str | None:
        """The sitemap's lastmod: when the page last changed, if the front matter says."""
        return render.last_modified(self.meta)


@dataclass(frozen=True)
class Body:
    """What Markdown made of a page's body, checked."""

    html: str  # as Markdown rendered it, before the paragraphs' ids: what its '#' links are checked against
    reading_time: reading.ReadingTime  # of the standfirst and the body, as a reader sees them


def read_column(site: Site, path: str, url: str) -> Column:
    """The page in the file at `path`, published at `url` (MkDocs' address, relative to the site's; "./" for the
    home page). MkDocs hands the hooks the body alone, without the front matter and so without the lines the
    errors count: the file is read here."""
    file, source = page_source(Path(path), site.root)
    front_matter, date_unknown = data.split_unknown_date(data.split_front_matter(source, file))
    meta = data.check_page(front_matter, site.authors)
    corrections = correction_texts(front_matter, meta, site.render_markdown, site.typed_html)
    return Column(file, source, front_matter, meta, corrections, url.removeprefix("./"), date_unknown)


def page_source(path: Path, root: Path) -> tuple[str, str]:
    """The page's file name, relative to the project (for error messages), and its whole text."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    return name, path.read_text(encoding="utf-8-sig")


def correction_texts(
    doc: data.Located, meta: dict, render_markdown: Callable[[str], str], typed_html: Callable[[str], str]
) -> list[tuple[str, str]]:
    """Each correction's text, a sentence of Markdown checked like the body: (its HTML, the words a reader
    sees). `typed_html` gives the HTML typed into Markdown (raw_html.typed_html)."""
    texts = []
    for index, correction in enumerate(meta.get("corrections", [])):
        typed = raw_html.sentence_problem(correction["text"], typed_html)
        html, problem = body.sentence_html(correction["text"], render_markdown)
        problem = typed or problem
        if problem:
            raise doc.fail(f"corrections.{index}.text", f"{body.SENTENCE}, got {problem}", show_got=False)
        texts.append((html, " ".join(reading.visible_text(html).split())))
    return texts


def read_body(site: Site, column: Column, html: str) -> Body:
    """The body as the build rendered it (`html`), before any page is written: only allowed Markdown gets
    through (HTML typed where Markdown does the same is refused with that Markdown), and only ids a paragraph
    could have are pinned, in the body and in the front matter (`description_id`). The reading time is counted
    on it, before anything the page adds around the words: what the column says."""
    part = column.body_name
    raw_html.check_body(column.source, column.file, site.typed_html, part)
    body.check_body(column.source, column.file, site.render_markdown, html, part=part)
    body.check_pinned_ids(column.source, column.file, site.render_markdown, html, TEMPLATE_IDS, part)
    body.check_description_id(column.front_matter, column.meta, html, TEMPLATE_IDS)
    return Body(html, reading.reading_time(column.meta["description"], reading.visible_text(html)))


def check_links(column: Column, page_body: Body, page_html: str) -> None:
    """Every '#' link of the body and of the corrections points at an element of the finished page."""
    body.check_fragments(column.source, column.file, page_body.html, page_html, column.body_name)
    for index, (html, _) in enumerate(column.corrections):
        if missing := body.missing_fragments(html, page_html):
            field = f"corrections.{index}.text"
            raise column.front_matter.fail(
                field, f"{body.FRAGMENT_EXPECTED}, got {body.no_element(missing[0])}", show_got=False
            )
