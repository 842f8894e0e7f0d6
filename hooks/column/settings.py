"""What the site's settings yield (mkdocs.yml, data/*.yml, overrides/translations.yml and the page's own code in
overrides/assets/), checked and computed once per build, before any page: one Site value that every later step
reads.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig

from column import (
    card,
    data,
    material,
    profiles,
    published,
    raw_html,
    render,
    sharing,
    site_icons,
    sprite,
    translations,
)

DATA_DIR = "data"
# Keys of data/icons.yml that the page's templates use, whatever the share networks and authors use.
TEMPLATE_ICONS = ("link", "share", "check", "theme-light", "theme-dark", "favicon", "feed")
# The page's own words, by language (beside the templates: part of the product, not the publisher's content).
TRANSLATIONS = "translations.yml"
# The page's own code, inlined (each allowed by its hash in the policy) so that the first view is one
# request, as a bare HTML file's: in `make bench`, a deferred script and an icon file each cost LCP.
INLINE_STYLE = "assets/column.css"
INLINE_HEAD_SCRIPT = "assets/theme-init.js"  # in <head>: applies the stored theme before first paint
INLINE_BODY_SCRIPT = "assets/column.js"  # at the end of <body>: theme toggle, copy link, share sheet
# Asks for the reader's own server (Mastodon): added to the body's script when a network offered needs it.
FEDIVERSE_SCRIPT = "assets/fediverse.js"
# The passage toolbar's code: a file of its own, which column.js loads on the first selection in the column,
# so that the first view stays one small request. Fingerprinted, so it can be cached for long.
PASSAGE_SCRIPT = "assets/passage.js"
PASSAGE_PATH = "assets/passage.{}.js"
LOGO_PATH = "assets/logo.{}.png"  # the JSON-LD publisher.logo
# The script of the pages at a column's old address (column/redirect_pages.py): a file, which the policy's 'self'
# allows, fingerprinted so it can be cached for long. Only in a site that has such pages.
REDIRECT_SCRIPT = "assets/redirect.js"
REDIRECT_PATH = "assets/redirect.{}.js"
# mkdocs-redirects, whose redirect_maps in mkdocs.yml say where a column's old address leads.
REDIRECTS_PLUGIN = "redirects"
# Where browsers, crawlers and home screens look for them: the site's root, under these names.
FAVICON_ICO = "favicon.ico"
TOUCH_ICON = "apple-touch-icon.png"

EXTRA = {"publisher": "a mapping"}  # all required
PUBLISHER = {"name": (data.TEXT, True)}
# Optional: the site's own X (Twitter) account, for twitter:site. X allows letters, digits and '_', 15 at most.
TWITTER_SITE = "the site's own X (Twitter) handle, such as '@name' (letters, digits or '_', 15 at most)"
TWITTER_HANDLE_RE = re.compile(r"@[A-Za-z0-9_]{1,15}")


@dataclass(frozen=True)
class Site:
    """The site's checked settings and what is computed from them once: the same for every page."""

    root: Path  # the project's folder (mkdocs.yml's): the errors name files relative to it
    url: str  # site_url, checked, ending in '/' (or SITE_URL's)
    name: str  # site_name
    publisher: str  # extra.publisher.name
    twitter_site: str | None  # extra.twitter_site, if set
    icons: dict[str, str]  # data/icons.yml: key: icon path
    icon_svgs: dict[str, str]  # each icon's SVG file, by key: the page's sprite draws them (sprite.py)
    networks: list[dict]  # data/networks.yml: the networks offered (all but those turned off), in order
    asks_server: bool  # a network offered asks for the reader's own server: the page carries the dialog
    authors: dict[str, dict]  # data/authors.yml, by key, each with all its `profiles` (profiles.check_authors)
    words: translations.Words  # the page's words in theme.language, and what CLDR says of the language
    interface_language: str  # the file of Material's interface strings (material.interface_language)
    preview: bool  # a deploy preview (SITE_PREVIEW=1): not to be indexed
    palette: dict[str, str]  # the stylesheet's light colours, by name: the card's and the favicon's
    style: str  # the stylesheet, as the page inlines it
    head_script: str  # theme-init.js, inlined in <head>
    body_script: str  # column.js (and fediverse.js where a network asks for a server), inlined at the end of <body>
    favicon: str  # the tab's icon, as a data: URL, without the notices of its file's comments
    favicon_notices: tuple[str, ...]  # those notices (Font Awesome's licence): the page's sprite carries them once
    csp: str  # the page's Content-Security-Policy
    logo: dict  # the JSON-LD publisher.logo: {url, width, height}
    passage_path: str  # the passage toolbar's script, fingerprinted
    files: dict[str, bytes]  # the site's own files by path (icons, logo, the scripts): on_post_build's
    render_markdown: Callable[[str], str]  # Markdown to HTML as the build renders it, for the body's checks
    typed_html: Callable[[str], str]  # the HTML typed into Markdown, which it passes through (raw_html.py)
    record: published.Record  # what went out: data/published.yml
    redirects: dict[str, str]  # mkdocs.yml's redirect_maps: a page's old file -> its new one (redirect_pages.py)
    redirect_script: str | None  # the redirect pages' script, fingerprinted; None without redirects
    use_directory_urls: bool  # mkdocs.yml's: where a page's file goes in the site, so its address


def read_site(config: MkDocsConfig, *, live_reload: bool) -> Site:
    """The Site of these settings; InputError on the first problem. `live_reload`: `mkdocs serve` injects its
    own script into every page, which the policy then has to allow."""
    root = Path(config.config_file_path).parent
    theme_dirs = config.theme.dirs
    url = data.check_site_url(config.site_url, "mkdocs.yml")
    icons = data.check_icons(read_yaml(root, "icons.yml"), lambda icon: bool(material.icon_file(theme_dirs, icon)))
    for key in TEMPLATE_ICONS:
        if key not in icons:
            raise data.missing_template_icon(key)
    icon_svgs = {key: material.icon_file(theme_dirs, path).read_text(encoding="utf-8") for key, path in icons.items()}
    networks = sharing.check_networks(read_yaml(root, "networks.yml"), icons)
    asks_server = sharing.offers_server(networks)
    authors = profiles.check_authors(read_yaml(root, "authors.yml"), icons)
    check_extra(config.extra)
    custom_dir = Path(config.theme.custom_dir)
    table = translations.check_table(read_translations(custom_dir))
    words = translations.words_for(table, config.theme["language"])
    card.check_script(words.script, words.tag)
    preview = data.check_preview(os.environ.get(data.PREVIEW_ENV))
    style, head_script, body_script = (
        (custom_dir / name).read_text(encoding="utf-8").strip()
        for name in (INLINE_STYLE, INLINE_HEAD_SCRIPT, INLINE_BODY_SCRIPT)
    )
    if asks_server:
        body_script += "\n" + (custom_dir / FEDIVERSE_SCRIPT).read_text(encoding="utf-8").strip()
    body_script = render.compact_js(body_script)
    style = render.compact_css(render.colour_fallback(style))
    passage_script = (custom_dir / PASSAGE_SCRIPT).read_bytes()
    passage_path = PASSAGE_PATH.format(render.fingerprint(passage_script))
    palette = read_palette(style)
    glyph = favicon_svg(icon_svgs["favicon"], palette["accent"])
    logo = site_icons.tile(glyph, site_icons.LOGO_SIZE, palette["paper"])
    logo_path = LOGO_PATH.format(render.fingerprint(logo))
    # Every byte of the data: URL is in the first view: its paths on the icon's grid (svg_path.py), and the
    # notice it would repeat is in the page already. The PNGs are drawn from the glyph as written.
    favicon, favicon_notices = sprite.split_notices(sprite.coarser("favicon", glyph))
    redirects = read_redirects(config)
    scripts = {passage_path: passage_script}
    redirect_script = None
    if redirects:
        script = (custom_dir / REDIRECT_SCRIPT).read_bytes()
        redirect_script = REDIRECT_PATH.format(render.fingerprint(script))
        scripts[redirect_script] = script
    render_markdown, typed_html = markdown_renderers(config)
    return Site(
        root=root,
        url=url,
        name=config.site_name,
        publisher=config.extra["publisher"]["name"],
        twitter_site=config.extra.get("twitter_site"),
        icons=icons,
        icon_svgs=icon_svgs,
        networks=networks,
        asks_server=asks_server,
        authors=authors,
        words=words,
        interface_language=material.interface_language(words.tag, words.locale.language, theme_dirs),
        preview=preview,
        palette=palette,
        style=style,
        head_script=head_script,
        body_script=body_script,
        favicon=render.svg_data_url(favicon),
        favicon_notices=tuple(favicon_notices),
        csp=render.content_security_policy(
            inline_scripts=[head_script, body_script], inline_style=style, live_reload=live_reload
        ),
        logo={"url": url + logo_path, "width": site_icons.LOGO_SIZE, "height": site_icons.LOGO_SIZE},
        passage_path=passage_path,
        files={
            FAVICON_ICO: site_icons.favicon_ico(glyph),
            TOUCH_ICON: site_icons.tile(glyph, site_icons.TOUCH_ICON_SIZE, palette["paper"]),
            logo_path: logo,
            **scripts,
        },
        render_markdown=render_markdown,
        typed_html=typed_html,
        record=read_record(root),
        redirects=redirects,
        redirect_script=redirect_script,
        use_directory_urls=config.use_directory_urls,
    )


def read_yaml(root: Path, name: str) -> data.Located:
    path = root / DATA_DIR / name
    label = f"{DATA_DIR}/{name}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise data.InputError(f"{label}: file not found; expected the site's {name[:-4]} data here.") from None
    return data.load_yaml(text, label)


def check_extra(extra: Mapping) -> None:
    """mkdocs.yml's `extra`: the publisher, and the site's own X handle if it has one."""
    located = data.Located(dict(extra), {}, "mkdocs.yml")
    values = located.value
    for key, kind in EXTRA.items():
        if key not in values:
            raise located.fail(f"extra.{key}", kind + " (see the comments in mkdocs.yml)", show_got=False)
    data.check_fields(located, values["publisher"], "extra.publisher", PUBLISHER, "the site's publisher")
    if "twitter_site" in values:
        handle = values["twitter_site"]
        if not isinstance(handle, str) or not TWITTER_HANDLE_RE.fullmatch(handle):
            raise located.fail("extra.twitter_site", TWITTER_SITE, handle)


def read_redirects(config: MkDocsConfig) -> dict[str, str]:
    """mkdocs.yml's redirects ({old page: new page}), each to a page of this site: the page written at the old
    address takes its title, policy and canonical address from the new one."""
    plugin = config.plugins.get(REDIRECTS_PLUGIN)
    maps = dict(plugin.config.get("redirect_maps") or {}) if plugin is not None else {}
    for old, new in maps.items():
        if not isinstance(new, str) or new.lower().startswith(("http://", "https://", "//")):
            raise data.InputError(
                f"mkdocs.yml: redirects: '{old}': expected a page of docs/ (such as 'second.md') to lead to, got "
                f"{new!r}: a page that moved to another site is not redirected from here."
            )
    return maps


def read_record(root: Path) -> published.Record:
    """What went out (data/published.yml); no file: nothing yet."""
    path = root / published.RECORD_FILE
    return published.read_record(path.read_text(encoding="utf-8") if path.is_file() else None)


def read_translations(custom_dir: Path) -> data.Located:
    path = custom_dir / TRANSLATIONS
    return data.load_yaml(path.read_text(encoding="utf-8"), translations.TABLE_FILE)


def read_palette(style: str) -> dict[str, str]:
    """The stylesheet's light colours that the card and the favicon are drawn in; each must be there."""
    palette = render.light_palette(style)
    missing = [name for name in card.PALETTE_NAMES if name not in palette]
    if missing:
        raise data.InputError(
            f"overrides/{INLINE_STYLE}: expected --oc-{missing[0]}: light-dark(#light, #dark) in :root."
        )
    return palette


def favicon_svg(svg: str, colour: str) -> str:
    return svg.replace("<svg ", f'<svg fill="{colour}" ', 1)


def markdown_renderers(config: MkDocsConfig) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """Markdown to HTML with the build's extensions, to find the line of what the body's checks refuse; and the
    HTML typed into Markdown, as the same rendering passes it through (raw_html.typed_html)."""

    def new() -> Markdown:
        return Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)

    def render_markdown(text: str) -> str:
        return new().convert(text)

    def typed_html(text: str) -> str:
        return raw_html.typed_html(new(), text)

    return render_markdown, typed_html
