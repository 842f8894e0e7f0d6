"""MkDocs hooks for the column site: check every input before anything is written, compute what the
templates show once, and keep the deployed folder to what the page loads.

Each entry point is a few lines that call into the `column` package beside this file; what passes from one
event to the next is one typed value, the Build (column/build.py). handbook/ARCHITECTURE.md follows a build
event by event.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from column import build, data, feeds, follow, links_guard, material, pages, redirect_pages, template
from column.settings import read_site

# MkDocs calls hooks as module functions, so the state of the build under way is this module's: set by
# on_startup once per process (`mkdocs serve` rebuilds reuse it), and by on_config at the start of each build.
_live_reload = False
_build: build.Build | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    global _live_reload
    _live_reload = command == "serve"


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    global _build
    # `{#id}` at a paragraph's end pins its id: the body's checks allow that alone.
    if "attr_list" not in config.markdown_extensions:
        config.markdown_extensions.append("attr_list")
    with errors_as_build_errors():
        _build = build.Build(read_site(config, live_reload=_live_reload))
    config.site_url = _build.site.url
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    files = material.own_files(files, config.docs_dir)
    with errors_as_build_errors():
        for file in files.documentation_pages():
            _build.columns[file.src_uri] = pages.read_column(_build.site, file.abs_src_path, file.url)
        # Before any page is built: every address that went out has a page or a redirect.
        sources = {file.dest_uri: file.src_uri for file in files.documentation_pages()}
        columns = {source for source, column in _build.columns.items() if column.is_column}
        _build.addresses = links_guard.check_addresses(_build.site, sources, columns)
        _build.follow = follow.read_follow(_build.site, _build.columns)
    for message in follow.warnings(_build.follow):
        warn(message)
    return follow.add_pages(files, config, _build.site, _build.follow)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["oc"] = template.template_globals(_build)
    return env


# The pages the site makes (the index, the authors' pages) have no file in docs/ and no Column: the events
# below pass them by, and their templates draw them from the Follow.


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in _build.columns:
        page.meta = _build.columns[page.file.src_uri].meta  # checked; a plain page's names its template
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri in _build.columns:
        with errors_as_build_errors():
            _build.bodies[page.file.src_uri] = pages.read_body(_build.site, _build.columns[page.file.src_uri], html)
    return html


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    source = page.file.src_uri
    shown = template.page_context(_build, source, page.canonical_url)
    page.content = shown.content
    context.update(shown.values)
    _build.cards.update(shown.cards)
    title = page.title  # the checked front matter's (on_page_markdown), or the title of a page the site makes
    _build.redirect_pages.update(redirect_pages.leading_to(_build.site, source, page.url, page.canonical_url, title))
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    column = _build.columns.get(page.file.src_uri)
    with errors_as_build_errors():
        if column:  # a page of docs/, not one the site makes
            source = page.file.src_uri
            pages.check_links(column, _build.bodies[source], output)
            # Every paragraph link that went out to this page still finds its paragraph.
            links_guard.check_paragraphs(
                _build.site.record, _build.addresses[source], column, _build.site.render_markdown, output
            )
            if column.is_column and "date" in column.meta:  # in the feeds, as its finished page shows it
                _build.feed_texts[source] = feeds.entry_content(output, page.canonical_url)
        return template.finish_page(_build.site, output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Static templates (404.html) do not pass through on_post_page."""
    if not template_name.endswith(".html"):
        return output_content
    with errors_as_build_errors():
        return template.finish_page(_build.site, output_content)


def on_post_build(*, config: MkDocsConfig) -> None:
    build.write_files(_build, Path(config.site_dir))


def warn(message: str) -> None:
    """Print a warning that does not stop `mkdocs build --strict`, for what may truly be so of a column (it has
    no date, so no feed has it) but should not pass unseen. Strict mode counts the WARNING records of MkDocs'
    own logger, so this one is written to stderr directly, in the same form."""
    print(f"WARNING -  {message}", file=sys.stderr)


@contextmanager
def errors_as_build_errors() -> Iterator[None]:
    """Turn InputError into PluginError, which MkDocs reports on one line and exits non-zero on."""
    try:
        yield
    except data.InputError as error:
        raise PluginError(str(error)) from None
