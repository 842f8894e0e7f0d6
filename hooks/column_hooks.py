"""MkDocs hooks for the column site: check every input before anything is written, compute what the
templates show once, and keep the deployed folder to what the page loads.

The entry points are thin; the logic lives in the `column` package beside this file, as pure functions.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from column import body, card, data, follow, paragraphs, reading, render, site_icons, site_pages, translations

DATA_DIR = "data"
# The page's own code, inlined (each allowed by its hash in the policy) so that the first view is one
# request, as a bare HTML file's: in `make bench`, a deferred script and an icon file each cost LCP.
INLINE_STYLE = "assets/column.css"
INLINE_HEAD_SCRIPT = "assets/theme-init.js"  # in <head>: applies the stored theme before first paint
INLINE_BODY_SCRIPT = "assets/column.js"  # at the end of <body>: theme toggle, copy link, share sheet
# The passage toolbar's code: a file of its own, which column.js loads on the first selection in the column,
# so that the first view stays one small request. Fingerprinted, so it can be cached for long.
PASSAGE_SCRIPT = "assets/passage.js"
PASSAGE_PATH = "assets/passage.{}.js"
TEMPLATE_ICONS = ("link", "share", "check", "theme-light", "theme-dark", "favicon", "feed")
# The page's own words, by language (beside the templates: part of the product, not the publisher's content).
TRANSLATIONS = "translations.yml"
# What column.js and passage.js say: the page carries these words as data (a JSON block), so that the scripts
# hold no copy of any word.
SCRIPT_WORDS = (
    "share.copied",
    "share.selected",
    "passage.copied",
    "passage.paragraph_copied",
    "passage.copy_refused",
    "passage.copy_unsupported",
    "passage.share_failed",
    "passage.quote",
)
CARD_PATH = "assets/card.{}.png"  # og:image, 1200x630
RATIO_CARD_PATH = "assets/card-{}.{}.png"  # the JSON-LD images: the card in 16x9, 4x3 and 1x1
LOGO_PATH = "assets/logo.{}.png"  # the JSON-LD publisher.logo
# Where browsers, crawlers and home screens look for them: the site's root, under these names.
FAVICON_ICO = "favicon.ico"
TOUCH_ICON = "apple-touch-icon.png"
# A file whose name carries its content's hash (render.fingerprint): cached for a year by the host.
FINGERPRINTED_RE = re.compile(r"\.[0-9a-f]{10}\.(png|js)$")
# The ids the page's templates give their own elements: no paragraph takes one of them.
TEMPLATE_IDS = ("oc-column", "oc-author", "oc-share", "oc-share-title")

# MkDocs loads this module once per process (`mkdocs serve` rebuilds reuse it: restart serve after
# editing hooks/). What each build computed once, for the templates and the later hooks; reset by
# on_config. `live_reload` is set once, by on_startup.
_site: dict = {}
_process = {"live_reload": False}


# --- entry points ---------------------------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    _process["live_reload"] = command == "serve"


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    _site.clear()
    root = Path(config.config_file_path).parent
    # `{#id}` at a paragraph's end pins its id (README, "Paragraph links"): the body's checks allow that alone.
    if "attr_list" not in config.markdown_extensions:
        config.markdown_extensions.append("attr_list")
    with errors_as_build_errors():
        config.site_url = data.check_site_url(config.site_url, "mkdocs.yml")
        icons = data.check_icons(read_yaml(root, "icons.yml"), lambda path: icon_file(config, path) is not None)
        for key in TEMPLATE_ICONS:
            if key not in icons:
                raise data.InputError(
                    f"{DATA_DIR}/icons.yml: field '{key}': expected an icon path; the page templates use this key."
                )
        networks = data.check_networks(read_yaml(root, "networks.yml"), icons)
        authors = data.check_authors(read_yaml(root, "authors.yml"), icons)
        check_extra(config)
        custom_dir = Path(config.theme.custom_dir)
        table = translations.check_table(read_translations(custom_dir))
        words, ui_language = check_language(config, table)
        card.check_script(words.script, words.tag)
        preview = data.check_preview(os.environ.get(data.PREVIEW_ENV))
    style, head_script, body_script = (
        (custom_dir / name).read_text(encoding="utf-8").strip()
        for name in (INLINE_STYLE, INLINE_HEAD_SCRIPT, INLINE_BODY_SCRIPT)
    )
    style = render.compact_css(render.colour_fallback(style))
    passage_script = (custom_dir / PASSAGE_SCRIPT).read_bytes()
    passage_path = PASSAGE_PATH.format(render.fingerprint(passage_script))
    csp = render.content_security_policy(
        inline_scripts=[head_script, body_script], inline_style=style, live_reload=_process["live_reload"]
    )
    palette = render.light_palette(style)
    missing = [name for name in card.PALETTE_NAMES if name not in palette]
    if missing:
        raise PluginError(f"overrides/{INLINE_STYLE}: expected --oc-{missing[0]}: light-dark(#light, #dark) in :root.")
    glyph = favicon_svg(config, icons["favicon"], palette["accent"])
    favicon = render.svg_data_url(glyph)
    logo = site_icons.tile(glyph, site_icons.LOGO_SIZE, palette["paper"])
    logo_path = LOGO_PATH.format(render.fingerprint(logo))
    _site.update(
        reading={},
        # By page source: (file name as errors give it, whole text), read once; the body as Markdown rendered
        # it, for on_post_page's check of '#' links; the front matter as read (its lines, for errors) and
        # each correction's text as (HTML, the words a reader sees).
        source={},
        body={},
        front_matter={},
        corrections={},
        icons=icons,
        networks=networks,
        authors=authors,
        csp=csp,
        palette=palette,
        words=words,
        ui_language=ui_language,
        inline={"style": style, "head_script": head_script, "body_script": body_script, "favicon": favicon},
        # Written by on_post_build, which every build runs, --dirty ones too.
        site_files={
            FAVICON_ICO: site_icons.favicon_ico(glyph),
            TOUCH_ICON: site_icons.tile(glyph, site_icons.TOUCH_ICON_SIZE, palette["paper"]),
            logo_path: logo,
            passage_path: passage_script,
        },
        logo={"url": config.site_url + logo_path, "width": site_icons.LOGO_SIZE, "height": site_icons.LOGO_SIZE},
        lastmod={},
        passage_path=passage_path,
        preview=preview,
    )
    # The pages around the columns (index, authors' pages, plain pages) and the feeds: hooks/column/follow.py.
    _site["follow"] = follow.Follow(
        site_url=config.site_url,
        site_name=config.site_name,
        publisher=config.extra["publisher"]["name"],
        words=words,
        authors=authors,
        palette=palette,
        logo=_site["logo"]["url"],
        icon=config.site_url + FAVICON_ICO,
    )
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Deploy the column's own files only: not Material's stylesheets, bundle, search worker, language
    packs and source maps, which this page never loads, nor the sources inlined into the page."""
    docs_dir = os.path.realpath(config.docs_dir)
    for file in list(files):
        if os.path.realpath(file.src_dir or "") != docs_dir:
            files.remove(file)
    with errors_as_build_errors():
        return _site["follow"].add_pages(files, config)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    with errors_as_build_errors():
        follow_links = _site["follow"].site_links()
    _site["lastmod"].update(_site["follow"].lastmod())
    env.globals["oc"] = {
        **_site["inline"],
        "csp": _site["csp"],
        "referrer_policy": render.REFERRER_POLICY,
        "touch_icon": TOUCH_ICON,
        "language": _site["words"].tag,  # <html lang> (overrides/partials/language.html)
        "direction": _site["words"].direction,  # <body dir> (Material's base.html); on_post_page sets <html dir>
        "ui_language": _site["ui_language"],  # the file of Material's interface strings
        "t": _site["words"].texts,  # the page's words in the site's language (overrides/translations.yml)
        "pieces": _site["words"].pieces(),  # the same, cut at their placeholders (main.html, `words`)
        "lastmod": _site["lastmod"],  # the sitemap's, by page source; on_page_markdown ran for every page
        "passage_script": _site["passage_path"],
        "preview": _site["preview"],  # a deploy preview: noindex on every page, and a sitemap of no page
        "follow": follow_links,  # the index's path and the site's feeds, for every page (main.html)
    }
    env.globals["icons"] = _site["icons"]
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _site["follow"].is_generated(page):  # the index or an author's page: no Markdown of its own
        return markdown
    with errors_as_build_errors():
        name, source = _site["source"][page.file.src_uri] = page_source(page, config)
        doc = _site["front_matter"][page.file.src_uri] = data.split_front_matter(source, name)
        page.meta = site_pages.check_page(doc, _site["authors"])  # a column's, or a plain page's
        _site["corrections"][page.file.src_uri] = correction_texts(doc, page.meta, markdown_renderer(config))
    _site["follow"].add_page(page, name)
    if "date" not in page.meta and site_pages.is_column(page.meta):
        warn(data.undated_warning(name))
    lastmod = render.last_modified(page.meta)
    if lastmod:
        _site["lastmod"][page.file.src_uri] = lastmod
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The body as the build rendered it, before any page is written: only allowed Markdown gets through."""
    if _site["follow"].is_generated(page):
        return html
    with errors_as_build_errors():
        name, source = _site["source"][page.file.src_uri]
        body.check_body(source, name, markdown_renderer(config), html)
        body.check_pinned_ids(source, name, markdown_renderer(config), html, TEMPLATE_IDS)
    # Counted on the body as rendered, before anything the page adds around the words: what the column says.
    _site["reading"][page.file.src_uri] = reading.reading_time(page.meta["description"], reading.visible_text(html))
    _site["body"][page.file.src_uri] = html
    return html


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if not site_pages.is_column(page.meta):  # a plain page, the index, an author's page
        context["site_page"] = _site["follow"].page_context(page, config)
        return context
    # After every check of the body: the ids and permalinks are the page's, not the author's Markdown.
    words = _site["words"]
    page.content, standfirst = paragraphs.link_paragraphs(
        page.content,
        page.meta["description"],
        lambda number: words.text("paragraph.link", n=words.number(number)),
        TEMPLATE_IDS,
    )
    source = page.file.src_uri
    context["column"] = column_context(
        page.meta, page.canonical_url, config, _site["reading"][source], _site["corrections"][source]
    )
    context["column"]["standfirst"] = standfirst
    context["column"].update(_site["follow"].column_context(page))  # "More from", the author's page and feeds
    for path, png in context["column"]["images"]:
        write(Path(config.site_dir) / path, png)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if _site["follow"].is_generated(page):
        return render.html_direction(drop_unused_toggles(output), _site["words"].direction)
    _site["follow"].add_output(page, output)  # a dated column's text, for the feeds
    with errors_as_build_errors():
        name, source = _site["source"][page.file.src_uri]
        body.check_fragments(source, name, _site["body"][page.file.src_uri], output)
        doc = _site["front_matter"][page.file.src_uri]
        for index, (html, _) in enumerate(_site["corrections"][page.file.src_uri]):
            if missing := body.missing_fragments(html, output):
                field = f"corrections.{index}.text"
                raise doc.fail(field, f"{body.FRAGMENT_EXPECTED}, got {body.no_element(missing[0])}", show_got=False)
    return render.html_direction(drop_unused_toggles(output), _site["words"].direction)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Static templates (404.html) do not pass through on_post_page."""
    if not template_name.endswith(".html"):
        return output_content
    return render.html_direction(drop_unused_toggles(output_content), _site["words"].direction)


def on_post_build(*, config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    write(site_dir / "robots.txt", render.robots_txt(config.site_url, preview=_site["preview"]).encode("utf-8"))
    for path, content in _site["site_files"].items():
        write(site_dir / path, content)
    # The files on disk, not this build's: a --dirty build draws only the pages that changed.
    fingerprinted = sorted(
        path.relative_to(site_dir).as_posix()
        for path in (site_dir / "assets").iterdir()
        if FINGERPRINTED_RE.search(path.name)
    )
    headers = render.host_headers(_site["csp"], fingerprinted, preview=_site["preview"])
    write(site_dir / "_headers", headers.encode("utf-8"))
    _site["follow"].write_feeds(site_dir)


# --- helpers --------------------------------------------------------------------------------------------


def warn(message: str) -> None:
    """Print a warning that does not stop `mkdocs build --strict`, for what may truly be so of a column (it has
    no date) but should not pass unseen. Strict mode counts the WARNING records of MkDocs' own logger, so this
    one is written to stderr directly, in the same form."""
    print(f"WARNING -  {message}", file=sys.stderr)


@contextmanager
def errors_as_build_errors() -> Iterator[None]:
    """Turn InputError into PluginError, which MkDocs reports on one line and exits non-zero on."""
    try:
        yield
    except data.InputError as error:
        raise PluginError(str(error)) from None


def page_source(page: Page, config: MkDocsConfig) -> tuple[str, str]:
    """The page's file name, relative to the project (for error messages), and its whole text: MkDocs
    hands hooks the body without the front matter, and so without the lines the errors count."""
    root = Path(config.config_file_path).parent
    path = Path(page.file.abs_src_path)
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    return name, path.read_text(encoding="utf-8-sig")


def markdown_renderer(config: MkDocsConfig):
    """Markdown to HTML with the build's extensions, to find the line of what the body check refuses."""

    def render(text: str) -> str:
        return Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(text)

    return render


def correction_texts(doc: data.Located, meta: dict, render) -> list[tuple[str, str]]:
    """Each correction's text, a sentence of Markdown checked like the body: (its HTML, the words a reader
    sees)."""
    texts = []
    for index, correction in enumerate(meta.get("corrections", [])):
        html, problem = body.sentence_html(correction["text"], render)
        if problem:
            raise doc.fail(f"corrections.{index}.text", f"{body.SENTENCE}, got {problem}", show_got=False)
        texts.append((html, " ".join(reading.visible_text(html).split())))
    return texts


def read_yaml(root: Path, name: str) -> data.Located:
    path = root / DATA_DIR / name
    label = f"{DATA_DIR}/{name}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise data.InputError(f"{label}: file not found; expected the site's {name[:-4]} data here.") from None
    return data.load_yaml(text, label)


EXTRA = {"publisher": "a mapping"}  # all required
PUBLISHER = {"name": (data.TEXT, True)}
# Optional: the site's own X (Twitter) account, for twitter:site. X allows letters, digits and '_', 15 at most.
TWITTER_SITE = "the site's own X (Twitter) handle, such as '@name' (letters, digits or '_', 15 at most)"
TWITTER_HANDLE_RE = re.compile(r"@[A-Za-z0-9_]{1,15}")


def check_extra(config: MkDocsConfig) -> None:
    extra = data.Located(dict(config.extra), {}, "mkdocs.yml")
    values = extra.value
    for key, kind in EXTRA.items():
        if key not in values:
            raise extra.fail(f"extra.{key}", kind + " (see the comments in mkdocs.yml)", show_got=False)
    data.check_fields(extra, values["publisher"], "extra.publisher", PUBLISHER, "the site's publisher")
    if "twitter_site" in values:
        handle = values["twitter_site"]
        if not isinstance(handle, str) or not TWITTER_HANDLE_RE.fullmatch(handle):
            raise extra.fail("extra.twitter_site", TWITTER_SITE, handle)


def read_translations(custom_dir: Path) -> data.Located:
    path = custom_dir / TRANSLATIONS
    return data.load_yaml(path.read_text(encoding="utf-8"), translations.TABLE_FILE)


def check_language(config: MkDocsConfig, table: dict) -> tuple[translations.Words, str]:
    """The one language setting, theme.language (en-GB, ar): the page's words from the table, and the file of
    Material's interface strings that base.html imports (the whole tag's if Material has one, else the
    language's, else English's). None of Material's strings shows on this page (its header, footer, search
    and skip link are replaced), so a language the table has needs no file of Material's."""
    words = translations.words_for(table, config.theme["language"])
    for ui in (words.tag, words.locale.language):
        if any(Path(theme_dir, "partials", "languages", f"{ui}.html").is_file() for theme_dir in config.theme.dirs):
            return words, ui
    return words, "en"


def icon_file(config: MkDocsConfig, icon: str) -> Path | None:
    for theme_dir in config.theme.dirs:
        path = Path(theme_dir, ".icons", f"{icon}.svg")
        if path.is_file():
            return path
    return None


def favicon_svg(config: MkDocsConfig, icon: str, colour: str) -> str:
    svg = icon_file(config, icon).read_text(encoding="utf-8")
    return svg.replace("<svg ", f'<svg fill="{colour}" ', 1)


def draw_card(meta: dict, author: dict, size: tuple[int, int], path: str, site_url: str) -> tuple[str, bytes, dict]:
    """One card, fingerprinted: (its path in the site, its bytes, {url, width, height})."""
    words = _site["words"]
    png = card.render_card(
        headline=meta["title"],
        column=meta["column"],
        author=author["name"],
        palette=_site["palette"],
        size=size,
        script=card.Script(words.script, words.direction, words.locale.language),
    )
    card_path = path.format(render.fingerprint(png))
    return card_path, png, {"url": site_url + card_path, "width": size[0], "height": size[1]}


def column_context(
    meta: dict,
    page_url: str,
    config: MkDocsConfig,
    reading_time: reading.ReadingTime,
    texts: list[tuple[str, str]],
) -> dict:
    words = _site["words"]
    author = _site["authors"][meta["author"]]
    card_path, png, image = draw_card(meta, author, (card.WIDTH, card.HEIGHT), CARD_PATH, config.site_url)
    alt = words.text("card.alt", column=meta["column"], title=meta["title"], author=author["name"])
    image.update(type="image/png", alt=alt)
    images = [(card_path, png)]
    ratio_images = []
    for ratio, size in card.RATIOS.items():
        path, png, ratio_image = draw_card(meta, author, size, RATIO_CARD_PATH.format(ratio, "{}"), config.site_url)
        images.append((path, png))
        ratio_images.append(ratio_image)
    dates = render.publication_dates(meta, words.locale)
    corrections = render.corrections(meta, texts, words.locale)
    profile = author["profile"]
    share_on = words.texts["share.on"]
    return {
        "images": images,  # (path, PNG) for on_page_context to write
        "meta": meta,
        "author": author,
        "profile_label": words.text("bio.profile", handle=profile["handle"], network=profile["network"]),
        "url": page_url,
        "image": image,
        "locale": words.open_graph_locale,
        "dates": dates,
        "corrections": corrections,
        "initials": render.initials(author["name"]),
        "kicker": render.kicker(meta["column"], config.site_name),
        "twitter_creator": profile["handle"] if profile["icon"] == "tw" else None,
        # OpenGraph's article:author is a profile URL, and Facebook reads a Facebook profile there (for a
        # follow button). Any other address adds nothing to a preview, and extractors read it as a name
        # (newspaper4k took "x.com" from an X profile for a second author): only a Facebook profile is given.
        "article_author": profile["url"] if profile["icon"] == "fb" else None,
        "twitter_site": config.extra.get("twitter_site"),
        "share": render.share_links(_site["networks"], page_url, meta["title"], share_on),
        "reading_time": reading_time,
        "reading_time_text": words.plural("byline.reading_time", reading_time.minutes),
        "quote_share": render.quote_share_links(_site["networks"], page_url, meta["title"], share_on),
        "script_words": words.script_words(SCRIPT_WORDS),
        "jsonld": render.structured_data(
            meta=meta,
            author=author,
            author_url=_site["follow"].author_url(meta["author"]),
            page_url=page_url,
            images=ratio_images,
            language=words.tag,
            publisher={"name": config.extra["publisher"]["name"], "url": config.site_url, "logo": _site["logo"]},
            dates=dates,
            reading_time=reading_time,
            corrections=corrections,
        ),
    }


# Material's base.html writes these outside any block: checkbox toggles for the navigation drawer and
# search, which this page has neither of, carrying an `autocomplete` attribute that HTML does not allow,
# and the drawer's overlay label. Matched by their attributes, whatever order Material writes them in.
UNUSED_TOGGLES = {
    ("input", "data-md-toggle", "drawer"),
    ("input", "data-md-toggle", "search"),
    ("label", "for", "__drawer"),
}
TAG_RE = re.compile(r"\s*<(input|label)\b[^>]*>(?:</label>)?")


def tag_attributes(tag: str) -> dict[str, str | None]:
    """The attributes of one start tag, parsed as HTML parses them (quotes, order and case do not matter)."""
    found: dict[str, str | None] = {}

    class Reader(HTMLParser):
        def handle_starttag(self, name, attrs):
            found.update(attrs)

    Reader().feed(tag)
    return found


def is_unused_toggle(match: re.Match) -> bool:
    attributes = tag_attributes(match.group(0))
    return any(match.group(1) == tag and attributes.get(name) == value for tag, name, value in UNUSED_TOGGLES)


def drop_unused_toggles(html: str) -> str:
    return TAG_RE.sub(lambda match: "" if is_unused_toggle(match) else match.group(0), html)


def write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
