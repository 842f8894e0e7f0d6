"""What the templates show: `oc`, the site's values that every template reads (template_globals), and for each
page, computed once: for a column's, from the Site, the Column, its Body and the Follow, the body with its
paragraphs' ids and permalinks and the `column` values of overrides/column.html; for any other page (a plain
page, the index, an author's page), the `site_page` values of its template; and the social cards those values
point at (written with the site's other files by on_post_build). Then each rendered page as it is written
(finish_page)."""

from __future__ import annotations

from dataclasses import dataclass

from column import card, follow, material, paragraphs, profiles, render, sharing, site_pages, sprite, typography
from column.build import Build
from column.follow import Follow
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
        "lastmod": {  # by page source: the pages of docs/, and the pages the site makes
            **{source: column.lastmod for source, column in build.columns.items() if column.lastmod},
            **follow.lastmod(build.follow),
        },
        "follow": follow.site_links(site, build.follow),  # the index's address and the site's feeds (main.html)
        "passage_script": site.passage_path,
        "preview": site.preview,  # a deploy preview: noindex on every page, and a sitemap of no page
    }


@dataclass(frozen=True)
class PageContext:
    content: str  # MkDocs' page.content: a column's body with its paragraphs' ids and permalinks
    values: dict[str, dict]  # the template's own values: `column` on a column's page, `site_page` on any other
    cards: dict[str, bytes]  # the social cards by path in the site: PNG files for on_post_build to write


def page_context(build: Build, source: str, page_url: str) -> PageContext:
    """The context of the page of this source: a column's, a plain page's, or one the site makes."""
    site, column, body = build.site, build.columns.get(source), build.bodies.get(source)
    if column is None or not column.is_column:
        values, cards = site_page_context(site, build.follow, source, column, page_url)
        return PageContext(body.html if body else "", {"site_page": values}, cards)
    # After every check of the body: the ids and permalinks are the page's, not the author's Markdown.
    words = site.words
    content, standfirst = paragraphs.link_paragraphs(
        body.html,
        column.meta["description"],
        lambda number: words.text("paragraph.link", n=words.number(number)),
        TEMPLATE_IDS,
        column.meta.get("description_id"),  # the standfirst's published id, pinned in the front matter
    )
    values, cards = column_context(site, build.follow, column, body, page_url)
    return PageContext(content, {"column": {**values, "standfirst": standfirst}}, cards)


def finish_page(site: Site, html: str) -> str:
    """A page as it is written (a column's, or a static template's such as 404.html): Material's leftovers dealt
    with (material.finish_page), its text set as a typesetter of its language sets it (typography.set_page), and
    the symbols of the icons it uses added once, with the favicon's notices (sprite.with_sprite)."""
    words = site.words
    page = typography.set_page(material.finish_page(html, words.direction), words.locale.language)
    return sprite.with_sprite(page, site.icon_svgs, site.favicon_notices)


def draw_card(site: Site, texts: tuple[str, str, str], size: tuple[int, int], path: str) -> tuple[str, bytes, dict]:
    """One card of `texts` (the headline, the column's name above it, the author's name below), fingerprinted:
    (its path in the site, its bytes, {url, width, height})."""
    words = site.words
    headline, column, author = texts
    png = card.render_card(
        headline=headline,
        column=column,
        author=author,
        palette=site.palette,
        size=size,
        script=card.Script(words.script, words.direction, words.locale.language),
    )
    card_path = path.format(render.fingerprint(png))
    return card_path, png, {"url": site.url + card_path, "width": size[0], "height": size[1]}


def column_context(
    site: Site, following: Follow, column: Column, body: Body, page_url: str
) -> tuple[dict, dict[str, bytes]]:
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
        "profiles": labelled_profiles(site, author),
        "url": page_url,
        "address": render.address_html(page_url),  # the share bar's, with its line-break opportunities
        "preview_tags": column_preview_tags(site, meta, author, page_url, image, dates),
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
            author_url=follow.author_url(site, meta["author"]),
            page_url=page_url,
            images=ratio_images,
            language=words.tag,
            publisher={"name": site.publisher, "url": site.url, "logo": site.logo},
            dates=dates,
            reading_time=body.reading_time,
            corrections=corrections,
        ),
        **follow.column_values(site, following, column),  # "More from", the author's page and feeds
    }
    return values, cards


def labelled_profiles(site: Site, author: dict) -> list[dict]:
    """Every profile of the author, each with its link's accessible name (the handle and the network, in the
    site's language)."""
    words = site.words
    return [
        {**profile, "label": words.text("bio.profile", handle=profile["handle"], network=profile["network"])}
        for profile in author["profiles"]
    ]


def draw_cards(site: Site, meta: dict, author: dict) -> tuple[dict, list[dict], dict[str, bytes]]:
    """The social card, then the same in each ratio of the JSON-LD images: the card's {url, width, height,
    type, alt}, the others' {url, width, height}, and every PNG by its path in the site."""
    texts = (meta["title"], meta["column"], author["name"])
    alt = site.words.about(author).text("card.alt", column=meta["column"], title=meta["title"], author=author["name"])
    image, cards = page_card(site, texts, alt)
    ratio_images = []
    for ratio, size in card.RATIOS.items():
        path, png, ratio_image = draw_card(site, texts, size, RATIO_CARD_PATH.format(ratio, "{}"))
        cards[path] = png
        ratio_images.append(ratio_image)
    return image, ratio_images, cards


def page_card(site: Site, texts: tuple[str, str, str], alt: str) -> tuple[dict, dict[str, bytes]]:
    """A page's link-preview card, 1200x630: its {url, width, height, type, alt}, and the PNG by its path."""
    card_path, png, image = draw_card(site, texts, (card.WIDTH, card.HEIGHT), CARD_PATH)
    return {**image, "type": "image/png", "alt": alt}, {card_path: png}


def preview_tags(
    site: Site,
    *,
    kind: str,
    title: str,
    description: str,
    page_url: str,
    image: dict,
    article: dict | None = None,
    creator: str | None = None,
    fediverse: list[str] = (),
) -> list[tuple[str, str, str | int]]:
    """The link previews' <meta> tags, in page order, as (attribute, name, content): OpenGraph's (of `kind`,
    og:type; a column's `article` tags among them), which Facebook, LinkedIn, Telegram and most chat apps read,
    then X's. A tag for what is not known (None) is left out; the fediverse's, one for each of the author's
    fediverse accounts (`fediverse`), come last."""
    open_graph = {
        "og:type": kind,
        "og:title": title,
        "og:description": description,
        "og:url": page_url,
        "og:site_name": site.name,
        "og:locale": site.words.open_graph_locale,
        "og:image": image["url"],
        "og:image:width": image["width"],
        "og:image:height": image["height"],
        "og:image:type": image["type"],
        "og:image:alt": image["alt"],
        **(article or {}),
    }
    x = {
        "twitter:card": "summary_large_image",
        "twitter:title": title,
        "twitter:description": description,
        "twitter:image": image["url"],
        "twitter:image:alt": image["alt"],
        "twitter:site": site.twitter_site,
        "twitter:creator": creator,
    }
    tags = [("property", name, content) for name, content in open_graph.items()]
    tags += [("name", name, content) for name, content in x.items()]
    # Mastodon (4.3 and later) names these accounts under the link's card.
    tags += [("name", "fediverse:creator", handle) for handle in fediverse]
    return [tag for tag in tags if tag[2] is not None]


def column_preview_tags(
    site: Site, meta: dict, author: dict, page_url: str, image: dict, dates: dict
) -> list[tuple[str, str, str | int]]:
    """A column's link-preview tags: an article's, with its section, dates and the author's profiles."""
    article = {
        # A profile URL, and Facebook reads a Facebook profile there (for a follow button). Any other address
        # adds nothing to a preview, and extractors read it as a name (newspaper4k took "x.com" from an X
        # profile for a second author): only a Facebook profile is given.
        "article:author": profiles.facebook_profile(author["profiles"], site.icons),
        "article:section": meta["column"],
        "article:published_time": dates["published"]["iso"] if "published" in dates else None,
        "article:modified_time": dates["modified"]["iso"] if "modified" in dates else None,
    }
    return preview_tags(
        site,
        kind="article",
        title=meta["title"],
        description=meta["description"],
        page_url=page_url,
        image=image,
        article=article,
        creator=profiles.twitter_creator(author["profiles"], site.icons),
        fediverse=profiles.fediverse_creators(author["profiles"]),
    )


def site_page_context(
    site: Site, following: Follow, source: str, page: Column | None, page_url: str
) -> tuple[dict, dict[str, bytes]]:
    """The `site_page` values of a page that is not a column: a plain page (`page`), the index, or an author's
    page (the pages the site makes, by `source`); and its card by path. The card is drawn as a column's is:
    the site's name above the page's title, and below it the publisher, or on an author's page their roles."""
    words = site.words
    values: dict = {"url": page_url, "jsonld": None}
    kind = "website"
    if page is not None:  # a plain page
        title, description, byline = page.meta["title"], page.meta["description"], site.publisher
    elif following.made[source] is None:  # the index
        title = words.texts["index.title"]
        description = words.text("index.description", site=site.name)
        byline = site.publisher
        values["columns"] = follow.listed(site, list(following.columns))
    else:  # an author's page
        key = following.made[source]
        author = site.authors[key]
        title, byline, kind = author["name"], author["roles"], "profile"
        description = words.text("author.description", author=author["name"], site=site.name)
        values.update(
            author=author,
            initials=render.initials(author["name"]),
            profiles=labelled_profiles(site, author),
            columns=follow.listed(site, follow.by_author(following, key)),
            feeds=follow.feed_urls(site, following, key),
            feed_title=follow.feed_title(site, key),
            jsonld=site_pages.profile_page_data(author=author, page_url=page_url, language=words.tag),
        )
    image, cards = page_card(site, (title, site.name, byline), words.text("card.page_alt", site=site.name, title=title))
    values.update(
        title=title,
        description=description,
        preview_tags=preview_tags(
            site, kind=kind, title=title, description=description, page_url=page_url, image=image
        ),
    )
    return values, cards
