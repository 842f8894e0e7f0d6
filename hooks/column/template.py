"""What the templates show: `oc`, the site's values that every template reads (template_globals), and for a
column's page, computed once from the Site, the Column and its Body, the body with its paragraphs' ids and
permalinks, the `column` values of overrides/column.html, and the social cards those values point at (written
with the site's other files by on_post_build). Then each rendered page as it is written (finish_page)."""

from __future__ import annotations

from dataclasses import dataclass

from column import card, material, paragraphs, profiles, render, sharing, sprite, typography
from column.build import Build
from column.pages import TEMPLATE_IDS, Body, Column
from column.settings import TOUCH_ICON, Site

CARD_PATH = "assets/card.{}.png"  # og:image, 1200x630
RATIO_CARD_PATH = "assets/card-{}.{}.png"  # the JSON-LD images: the card in 16x9, 4x3 and 1x1
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


def template_globals(build: Build) -> dict:
    """`oc` in every template (the column's page, 404.html, sitemap.xml): the site's values, and each page's
    lastmod for the sitemap. MkDocs reads every page's Markdown before it sets up the templates, so every
    Column is known by then."""
    site = build.site
    return {
        "style": site.style,
        "head_script": site.head_script,
        "body_script": site.body_script,
        "favicon": site.favicon,
        "csp": site.csp,
        "referrer_policy": render.REFERRER_POLICY,
        "touch_icon": TOUCH_ICON,
        "language": site.words.tag,  # <html lang> (overrides/partials/language.html)
        "direction": site.words.direction,  # <body dir> (Material's base.html); material.html_direction: <html>
        "ui_language": site.interface_language,  # the file of Material's interface strings
        # The page's words in the site's language (overrides/translations.yml), as said about no one in
        # particular: a column's page reads its own, said about its author (column.t, column.pieces).
        "t": site.words.texts,
        "pieces": site.words.pieces(),  # the same, cut at their placeholders (main.html, `words`)
        "lastmod": {source: column.lastmod for source, column in build.columns.items() if column.lastmod},
        "passage_script": site.passage_path,
        "preview": site.preview,  # a deploy preview: noindex on every page, and a sitemap of no page
    }


@dataclass(frozen=True)
class PageContext:
    content: str  # the body's HTML with its paragraphs' ids and permalinks: MkDocs' page.content
    column: dict  # `column` in the template
    cards: dict[str, bytes]  # the social cards by path in the site: PNG files for on_post_build to write


def page_context(site: Site, column: Column, body: Body, page_url: str) -> PageContext:
    # After every check of the body: the ids and permalinks are the page's, not the author's Markdown.
    words = site.words
    content, standfirst = paragraphs.link_paragraphs(
        body.html,
        column.meta["description"],
        lambda number: words.text("paragraph.link", n=words.number(number)),
        TEMPLATE_IDS,
        column.meta.get("description_id"),  # the standfirst's published id, pinned in the front matter
    )
    values, cards = column_context(site, column, body, page_url)
    return PageContext(content, {**values, "standfirst": standfirst}, cards)


def finish_page(site: Site, html: str) -> str:
    """A page as it is written (a column's, or a static template's such as 404.html): Material's leftovers dealt
    with (material.finish_page), its text set as a typesetter of its language sets it (typography.set_page), and
    the symbols of the icons it uses added once, with the favicon's notices (sprite.with_sprite)."""
    words = site.words
    page = typography.set_page(material.finish_page(html, words.direction), words.locale.language)
    return sprite.with_sprite(page, site.icon_svgs, site.favicon_notices)


def draw_card(site: Site, meta: dict, author: dict, size: tuple[int, int], path: str) -> tuple[str, bytes, dict]:
    """One card, fingerprinted: (its path in the site, its bytes, {url, width, height})."""
    words = site.words
    png = card.render_card(
        headline=meta["title"],
        column=meta["column"],
        author=author["name"],
        palette=site.palette,
        size=size,
        script=card.Script(words.script, words.direction, words.locale.language),
    )
    card_path = path.format(render.fingerprint(png))
    return card_path, png, {"url": site.url + card_path, "width": size[0], "height": size[1]}


def column_context(site: Site, column: Column, body: Body, page_url: str) -> tuple[dict, dict[str, bytes]]:
    """The `column` values of the template but the standfirst's id and link, and the cards by path."""
    meta = column.meta
    author = site.authors[meta["author"]]
    words = site.words.about(author)  # in the forms of the author's grammatical gender, if they give one
    image, ratio_images, cards = draw_cards(site, meta, author)
    dates = render.publication_dates(meta, words.locale)
    corrections = render.corrections(meta, column.corrections, words.locale)
    share_on = words.texts["share.on"]
    values = {
        "t": words.texts,
        "pieces": words.pieces(),
        "meta": meta,
        "author": author,
        "profiles": [
            {**profile, "label": words.text("bio.profile", handle=profile["handle"], network=profile["network"])}
            for profile in author["profiles"]
        ],
        "url": page_url,
        "address": render.address_html(page_url),  # the share bar's, with its line-break opportunities
        "preview_tags": preview_tags(site, meta, author, page_url, image, dates),
        "dates": dates,
        "corrections": corrections,
        "initials": render.initials(author["name"]),
        "kicker": render.kicker(meta["column"], site.name),
        "share": render.share_links(site.networks, page_url, meta["title"], share_on),
        "reading_time_text": words.plural("byline.reading_time", body.reading_time.minutes),
        "quote_share": render.quote_share_links(site.networks, page_url, meta["title"], share_on),
        "asks_server": site.asks_server,  # the page carries the dialog that asks (partials/fediverse.html)
        "script_words": words.script_words(SCRIPT_WORDS + (sharing.SCRIPT_WORDS if site.asks_server else ())),
        "jsonld": render.structured_data(
            meta=meta,
            author=author,
            page_url=page_url,
            images=ratio_images,
            language=words.tag,
            publisher={"name": site.publisher, "url": site.url, "logo": site.logo},
            dates=dates,
            reading_time=body.reading_time,
            corrections=corrections,
        ),
    }
    return values, cards


def draw_cards(site: Site, meta: dict, author: dict) -> tuple[dict, list[dict], dict[str, bytes]]:
    """The social card, then the same in each ratio of the JSON-LD images: the card's {url, width, height,
    type, alt}, the others' {url, width, height}, and every PNG by its path in the site."""
    card_path, png, image = draw_card(site, meta, author, (card.WIDTH, card.HEIGHT), CARD_PATH)
    alt = site.words.about(author).text("card.alt", column=meta["column"], title=meta["title"], author=author["name"])
    image.update(type="image/png", alt=alt)
    cards = {card_path: png}
    ratio_images = []
    for ratio, size in card.RATIOS.items():
        path, png, ratio_image = draw_card(site, meta, author, size, RATIO_CARD_PATH.format(ratio, "{}"))
        cards[path] = png
        ratio_images.append(ratio_image)
    return image, ratio_images, cards


def preview_tags(
    site: Site, meta: dict, author: dict, page_url: str, image: dict, dates: dict
) -> list[tuple[str, str, str | int]]:
    """The link previews' <meta> tags, in page order, as (attribute, name, content): OpenGraph's, which
    Facebook, LinkedIn, Telegram and most chat apps read, then X's. A tag for what is not known (None) is
    left out; the fediverse's, one for each of the author's fediverse accounts, come last."""
    open_graph = {
        "og:type": "article",
        "og:title": meta["title"],
        "og:description": meta["description"],
        "og:url": page_url,
        "og:site_name": site.name,
        "og:locale": site.words.open_graph_locale,
        "og:image": image["url"],
        "og:image:width": image["width"],
        "og:image:height": image["height"],
        "og:image:type": image["type"],
        "og:image:alt": image["alt"],
        # A profile URL, and Facebook reads a Facebook profile there (for a follow button). Any other address
        # adds nothing to a preview, and extractors read it as a name (newspaper4k took "x.com" from an X
        # profile for a second author): only a Facebook profile is given.
        "article:author": profiles.facebook_profile(author["profiles"], site.icons),
        "article:section": meta["column"],
        "article:published_time": dates["published"]["iso"] if "published" in dates else None,
        "article:modified_time": dates["modified"]["iso"] if "modified" in dates else None,
    }
    x = {
        "twitter:card": "summary_large_image",
        "twitter:title": meta["title"],
        "twitter:description": meta["description"],
        "twitter:image": image["url"],
        "twitter:image:alt": image["alt"],
        "twitter:site": site.twitter_site,
        "twitter:creator": profiles.twitter_creator(author["profiles"], site.icons),
    }
    tags = [("property", name, content) for name, content in open_graph.items()]
    tags += [("name", name, content) for name, content in x.items()]
    # Mastodon (4.3 and later) names these accounts under the link's card.
    tags += [("name", "fediverse:creator", handle) for handle in profiles.fediverse_creators(author["profiles"])]
    return [tag for tag in tags if tag[2] is not None]
