"""The column page as a reader sees it (issue 2): the words, the bio, the disclaimer, the share bar."""

from __future__ import annotations

import math
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import material
import pytest
import yaml
from icon_points import check_within_half_a_step
from lxml import html as lxml_html

from support import COLUMNS, ORIGINAL, SHARE_LINKS, SITE_URL

CANONICAL = SITE_URL
PROFILE = "https://x.com/Amb_Yakovenko"
ICONS_DIR = Path(material.__file__).parent / "templates" / ".icons"


def text(element) -> str:
    return " ".join(element.text_content().split())


def article(page):
    (node,) = page.xpath("//article")
    return node


def test_every_paragraph_of_the_source_in_order(page, seed):
    expected = [seed.standfirst, *seed.body]  # standfirst, then 6 body paragraphs
    paragraphs = article(page).cssselect(".oc-body > p[id]")  # the column's paragraphs, each with its id
    assert [text(p) for p in paragraphs] == expected
    assert "Syria’s armed forces" in text(paragraphs[4])  # the curly apostrophe is kept


def text_before_the_headline(page) -> str:
    (headline,) = page.xpath("//h1")
    found = headline.xpath("preceding::text()[not(ancestor::head or ancestor::script or ancestor::style)]")
    return " ".join(" ".join(found).split())


def test_one_label_above_the_headline(page, seed):
    # This site is named after its one column: the header says "Ambassador's view", and the column's head
    # does not say it again.
    assert text_before_the_headline(page).count(seed.column) == 1
    assert page.cssselect(".oc-kicker") == []


def test_the_kicker_names_the_column_on_a_site_of_another_name(site):
    # The suite's second column, "Second opinion", on its site, "Ambassador's view" (tests/columns).
    page = lxml_html.fromstring((site / "second" / "index.html").read_bytes())
    assert [text(p) for p in page.cssselect(".oc-header__site, .oc-kicker")] == ["Ambassador's view", "Second opinion"]
    assert text_before_the_headline(page).count("Second opinion") == 1


def test_the_one_headline(page, seed):
    headings = page.xpath("//h1")
    assert [text(h) for h in headings] == [seed.headline]
    # The source repeats the headline (line 7); the page shows it once.
    assert text(article(page)).count(seed.headline) == 1


def test_icon_name_line_is_not_shown(page, seed):
    assert seed.icons[:30] not in page.text_content()
    assert "icon bookmark" not in page.text_content()


def test_author_bio_and_profile_links(page, seed):
    (bio,) = page.cssselect(".oc-bio__text")
    assert text(bio) == seed.bio
    # The name links to the author's page on the site (tests/test_site_pages.py), the handle to the profile.
    name, handle = bio.cssselect("a")
    assert name.get("href") == "./authors/yakovenko/" and text(name) == "Dr Alexander Yakovenko"
    assert handle.get("href") == PROFILE and text(handle) == "@Amb_Yakovenko"
    (icon_link,) = page.cssselect(".oc-bio__profile")
    assert icon_link.get("href") == PROFILE
    assert icon_link.get("aria-label") == "@Amb_Yakovenko on Twitter"
    assert icon_link.cssselect("svg"), "the profile link is an icon"
    # No photo in the source: the avatar is the author's initials, not an image, and decoration only
    # (a screen reader reads the name, not "AY" before it).
    (avatar,) = page.cssselect(".oc-bio__avatar")
    assert not page.xpath("//img") and text(avatar) == "AY" and avatar.get("aria-hidden") == "true"


def test_byline_links_to_the_bio(page, seed):
    (byline,) = page.cssselect(".oc-byline a")
    assert text(byline) == "Dr Alexander Yakovenko" and seed.bio.startswith(text(byline) + ",")
    (target,) = page.xpath(f"//*[@id='{byline.get('href').removeprefix('#')}']")
    assert byline.get("href").startswith("#") and "oc-bio" in target.get("class").split()


def test_the_column_ends_with_its_first_publication_and_the_disclaimer_word_for_word(page, seed):
    # One element holds the column's text and only that (reader views keep it whole: tests/test_extractors.py).
    (text_of_the_column,) = article(page).cssselect(".e-content")
    blocks = [text(p) for p in text_of_the_column]
    assert blocks == [seed.standfirst, *seed.body, "First published by RT", seed.disclaimer]
    assert [p.get("class") for p in text_of_the_column[-2:]] == ["oc-original", "oc-disclaimer"]


def test_original_publication_link_reads_as_words(page):
    (original,) = page.cssselect(".oc-original")
    (link,) = original.cssselect("a")
    # The link is on the first publisher's name (its address is printed on paper: tests/browser/test_reading.py).
    assert link.get("href") == ORIGINAL and text(link) == "RT"
    assert set(link.get("rel").split()) >= {"noopener", "noreferrer"}


# What each network's documented share endpoint expects, independent of data/networks.yml.
ENDPOINTS = {
    "Share on Facebook": ("https", "www.facebook.com", "/sharer/sharer.php", {"u": "{url}"}),
    "Share on VK": ("https", "vk.com", "/share.php", {"url": "{url}", "title": "{title}"}),
    "Share on X": ("https", "twitter.com", "/intent/tweet", {"url": "{url}", "text": "{title}"}),
    "Share on Telegram": ("https", "t.me", "/share/url", {"url": "{url}", "text": "{title}"}),
    "Share on Odnoklassniki": ("https", "connect.ok.ru", "/offer", {"url": "{url}", "title": "{title}"}),
    "Share on WhatsApp": ("https", "api.whatsapp.com", "/send", {"text": "{title} {url}"}),
    "Share by e-mail": ("mailto", "", "", {"subject": "{title}", "body": "{url}"}),
}


def share_links(page) -> dict:
    return {a.get("aria-label"): a for a in page.cssselect(".oc-share__list a")}


def test_share_bar_has_each_network_in_order(page):
    assert list(share_links(page)) == list(ENDPOINTS)


def test_share_links_are_exactly_this_columns_links(page):
    # Written out in support.SHARE_LINKS for the tests' SITE_URL, not read from data/networks.yml.
    assert [(label, a.get("href")) for label, a in share_links(page).items()] == list(SHARE_LINKS.items())


@pytest.mark.parametrize("label", ENDPOINTS)
def test_share_link_endpoint_url_and_title(page, label, seed):
    href = share_links(page)[label].get("href")
    scheme, host, path, params = ENDPOINTS[label]
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path if scheme != "mailto" else "") == (scheme, host, path)
    assert " " not in href and "+" not in parts.query, "percent-encoded, spaces as %20"
    query = {key: values for key, values in parse_qs(parts.query, keep_blank_values=True).items()}
    expected = {k: [v.format(url=CANONICAL, title=seed.headline)] for k, v in params.items()}
    assert query == expected
    # The URL itself is percent-encoded, not passed raw into the query.
    assert "%3A%2F%2F" in parts.query


def test_share_links_are_safe_external_links(page):
    for link in share_links(page).values():
        assert set(link.get("rel").split()) >= {"noopener", "noreferrer"}
        assert link.get("aria-label") and link.cssselect("svg")
    for link in page.xpath("//a[@target='_blank']"):
        assert set(link.get("rel", "").split()) >= {"noopener", "noreferrer"}, link.get("href")
    # A network's page opens in a new tab, keeping the column open; e-mail opens the mail program instead.
    opened = {label: link.get("target") for label, link in share_links(page).items()}
    assert opened == {label: None if label == "Share by e-mail" else "_blank" for label in ENDPOINTS}


def test_copy_and_native_share_are_enhancements_with_the_url_as_text(page):
    (copy,) = page.cssselect("[data-oc-copy]")
    assert copy.get("data-oc-copy") == CANONICAL and copy.get("aria-label") == "Copy link"
    (share,) = page.cssselect("[data-oc-share]")
    assert share.get("data-oc-url") == CANONICAL and share.get("aria-label")
    # Both sit in items that the stylesheet shows only to scripted pages.
    assert "oc-js-only" in copy.getparent().get("class") and "oc-if-share" in share.getparent().get("class")
    (address,) = page.cssselect(".oc-share__address")
    assert text(address) == CANONICAL


def test_every_control_has_an_accessible_name(page):
    for control in page.xpath("//button | //a"):
        name = control.get("aria-label") or text(control)
        assert name, f"control without a name: {control.get('class')}"


def test_icons_are_drawn_once_each_from_one_icon_set(site, page):
    icons = page.cssselect(".oc-icon")
    # Eight networks (Mastodon's a button), copy (link + check), share, profile, theme (moon + sun); the passage
    # toolbar: the four networks that take a quote (X, Telegram, WhatsApp, e-mail), copy (link + check), share;
    # the header's Follow.
    expected = 8 + 6 + 4 + 3 + 1
    assert len(icons) == expected
    used = set()
    for icon in icons:
        assert icon.get("aria-hidden") == "true"
        (use,) = icon.xpath("./svg/use")
        used.add(use.get("href"))
    # Each glyph drawn once: one symbol for each icon the page uses, in one hidden sprite, its path the icon
    # set's own; the icon set's notice once.
    keys = [
        "fb",
        "vk",
        "tw",
        "tg",
        "ok",
        "wt",
        "mastodon",
        "mail",
        "link",
        "check",
        "share",
        "theme-dark",
        "theme-light",
        "feed",
    ]
    (sprite,) = page.xpath("//svg[@class='oc-sprite']")
    assert sprite.get("aria-hidden") == "true"
    symbols = {symbol.get("id"): symbol for symbol in sprite.xpath("./symbol")}
    assert sorted(symbols) == sorted(href.removeprefix("#") for href in used) == sorted(f"oc-icon--{k}" for k in keys)
    mapping = yaml.safe_load((COLUMNS / "data" / "icons.yml").read_text(encoding="utf-8"))
    for key in keys:
        drawn = lxml_html.fromstring((ICONS_DIR / f"{mapping[key]}.svg").read_text(encoding="utf-8"))
        paths = symbols[f"oc-icon--{key}"].xpath(".//path/@d")
        assert len(paths) == len(drawn.xpath(".//path/@d")), key
        # The set's own drawing, its points on a grid of a five-hundredth of its box (hooks/column/svg_path.py).
        step = 10.0 ** math.floor(math.log10(max(map(float, drawn.get("viewbox").split()[2:])) / 500))
        for written, own in zip(paths, drawn.xpath(".//path/@d"), strict=True):
            check_within_half_a_step(own, written, step)
        assert symbols[f"oc-icon--{key}"].get("viewbox") == drawn.get("viewbox"), key
    html = (site / "index.html").read_text(encoding="utf-8")
    assert html.count("<svg") == expected + 1 and html.count("Font Awesome Free") == 1
    # The favicon's data: URL leaves its file's notice to the sprite: the same notice, once in the page.
    (favicon,) = page.xpath("//link[@rel='icon']/@href")
    assert "<path" in unquote(favicon) and "<!--" not in unquote(favicon)
    own = lxml_html.fromstring((ICONS_DIR / f"{mapping['favicon']}.svg").read_text(encoding="utf-8"))
    (written,) = lxml_html.fromstring(unquote(favicon).removeprefix("data:image/svg+xml,")).xpath(".//path/@d")
    check_within_half_a_step(own.xpath(".//path/@d")[0], written, 1.0)  # a 512-unit box: a grid of 1
    assert not page.xpath("//img | //i | //link[@rel='stylesheet' or @rel='preload' or @rel='preconnect']")


@pytest.mark.parametrize("name", ["index.html", "404.html"])
def test_no_search_navigation_or_theme_clutter(site, name):
    html = (site / name).read_text(encoding="utf-8")
    for marker in ("md-search", "md-nav", "md-sidebar", "md-tabs", "__search", "__drawer", "bundle.", "main."):
        assert marker not in html, marker
    deployed = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert not [p for p in deployed if p.endswith(".map") or "lunr" in p or "search" in p or "stylesheets" in p]


def icon_line_keys(first_line: str) -> set[str]:
    return {key.strip() for key in first_line.split("icon ") if key.strip()}


def test_icon_mapping_resolves_and_matches_the_source_keys(seed):
    icons = yaml.safe_load((COLUMNS / "data" / "icons.yml").read_text(encoding="utf-8"))
    for key, path in icons.items():
        assert (ICONS_DIR / f"{path}.svg").is_file(), f"{key}: {path}"
    source_keys = icon_line_keys(seed.icons)
    assert {"fb", "vk", "tw", "tg", "ok", "wt", "mail", "share", "ins", "yt", "gp", "fm"} <= source_keys
    networks = yaml.safe_load((COLUMNS / "data" / "networks.yml").read_text(encoding="utf-8"))
    # The source's share targets keep its own icon keys (Mastodon, which it did not have, has its own); Google+ is
    # closed and never one.
    assert [n["icon"] for n in networks] and all(n["icon"] in source_keys | {"mastodon"} for n in networks)
    assert "gp" not in [n["icon"] for n in networks]
