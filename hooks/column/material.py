"""Every workaround against Material for MkDocs, the theme the page is built on. Material is in maintenance mode
and its support ends on 2027-05-05: a move to its successor, another theme or another builder starts here.

The page takes from Material its base.html (the frame whose blocks overrides/ fills) and its bundled icon sets;
everything else Material would add to the page or to the deployed folder is taken out, for the page's strict
Content-Security-Policy, its one-request first view and valid HTML. Each workaround, and why:

In the hooks (this module; hooks/column_hooks.py calls these):
- own_files: Material's assets (stylesheets, bundle.js, the search worker, language packs, source maps) are
  not deployed: the page loads none of them, and a deployed file is one more to keep and cache.
- drop_unused_toggles: base.html writes, outside any block, checkbox toggles for the navigation drawer and
  search (which the page has neither of), with an `autocomplete` attribute HTML does not allow on them, and
  the drawer's overlay label.
- html_direction: base.html writes `lang` on <html> and `dir` on <body> only; the root needs the direction
  too, for the whole document and the browser's own interface.
- interface_language: base.html imports a file of Material's interface strings for theme.language, and has
  none for a language and region (en-GB) or for a language Material does not translate; the page shows none
  of those strings, so the nearest file does (English at worst).
- icon_file: the page's icons (data/icons.yml: share buttons, theme toggle, favicon) are SVGs from Material's
  bundled sets (material/templates/.icons/); another theme must ship them or the site must.

In the templates (they stay where MkDocs looks for them, in overrides/):
- overrides/partials/language.html: Material's language partial, replaced: <html lang> is the site's setting
  as written, <body dir> the language's direction (CLDR), and Material's strings come from the file
  interface_language found.
- overrides/partials/javascripts/base.html and content.html: emptied. Material's inline scripts for its
  bundle and for content tabs would each need a hash in the policy, for code the page does not run.
- overrides/main.html: base.html's `site_meta`, `styles`, `header`, `footer` and `scripts` blocks replaced
  (the page's own head, inlined stylesheet and scripts, header and footer), `site_nav` and `config` emptied
  (Material's navigation, and the configuration of a bundle that is not loaded).
- overrides/column.html: the `container` block replaces Material's content wrappers ("md-content"), which
  reader views scored above the column and then kept the byline and share bar with it.
- overrides/assets/column.css: lays out the wrapper base.html writes outside any block (.md-main__inner) and
  hides its dialog (.md-dialog), which this page never opens.
- mkdocs.yml: theme.font: false (Material would load Google Fonts) and features: [] (no instant loading,
  search or navigation, which need the bundle).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.structure.files import Files

from column import markup


def own_files(files: Files, docs_dir: str) -> Files:
    """The files to deploy: those of the docs folder (the column's own), not the theme's."""
    docs_dir = os.path.realpath(docs_dir)
    for file in list(files):
        if os.path.realpath(file.src_dir or "") != docs_dir:
            files.remove(file)
    return files


def finish_page(html: str, direction: str) -> str:
    """A page (the column's, or a static template's such as 404.html) as base.html wrote it, without Material's
    unused toggles and with its direction on <html>."""
    return html_direction(drop_unused_toggles(html), direction)


# Matched by their attributes, whatever order Material writes them in.
UNUSED_TOGGLES = {
    ("input", "data-md-toggle", "drawer"),
    ("input", "data-md-toggle", "search"),
    ("label", "for", "__drawer"),
}
TOGGLE_RE = re.compile(r"\s*<(input|label)\b[^>]*>(?:</label>)?")


def is_unused_toggle(match: re.Match) -> bool:
    tags = markup.start_tags(match.group(0))
    attributes = tags[0].attributes() if tags else {}
    return any(match.group(1) == name and attributes.get(key) == value for name, key, value in UNUSED_TOGGLES)


def drop_unused_toggles(html: str) -> str:
    return TOGGLE_RE.sub(lambda match: "" if is_unused_toggle(match) else match.group(0), html)


HTML_START_RE = re.compile(r"(<html)(?=[\s>])", re.IGNORECASE)


def html_direction(page: str, direction: str) -> str:
    """The page with dir="ltr" or "rtl" on its <html> element."""
    return HTML_START_RE.sub(lambda match: f'{match.group(1)} dir="{direction}"', page, count=1)


def interface_language(tag: str, language: str, theme_dirs: list[str]) -> str:
    """The file of Material's interface strings for the site's language (`tag`, en-GB, whose `language` is en):
    the whole tag's if Material has one, else the language's, else English's."""
    for name in (tag, language):
        if any(Path(theme_dir, "partials", "languages", f"{name}.html").is_file() for theme_dir in theme_dirs):
            return name
    return "en"


def icon_file(theme_dirs: list[str], icon: str) -> Path | None:
    """The SVG of an icon path such as 'fontawesome/brands/facebook' among the theme's icons, or None."""
    for theme_dir in theme_dirs:
        path = Path(theme_dir, ".icons", f"{icon}.svg")
        if path.is_file():
            return path
    return None
