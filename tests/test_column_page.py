"""The column page as a reader sees it: the words in order under one headline, the byline with its dates and
reading time, the bio, the first publication and the disclaimer, the editor's corrections; no theme clutter;
and a second column beside the first, a page of its own. Its share bar: tests/test_sharing.py; its paragraph
links: tests/test_passage_links.py; what a shared link shows: tests/test_link_previews.py."""

from __future__ import annotations

import math
import re
from pathlib import Path
from urllib.parse import unquote

import material
import pytest
import yaml
from lxml import html as lxml_html

from build_harness import built, copy_project
from built_pages import json_ld, one, parsed, words
from column import reading, render
from column.material import drop_unused_toggles
from icon_points import check_within_half_a_step
from project_edits import CORRECTED, set_fields
from suite_columns import AUTHOR, COLUMNS, ORIGINAL, PROFILE, SECOND_AUTHOR, SECOND_PROFILE, SECOND_TITLE, SITE_URL

ICONS_DIR = Path(material.__file__).parent / "templates" / ".icons"
# The rate the byline promises (Brysbaert 2019, 238 words a minute), written out here, not imported.
RATE = 238


def test_every_paragraph_of_the_source_in_order(page, seed):
    paragraphs = one(page, "article").cssselect(".oc-body > p[id]")  # the column's paragraphs, each with its id
    assert [words(p) for p in paragraphs] == [seed.standfirst, *seed.body]
    assert "Syria’s armed forces" in words(paragraphs[4])  # the curly apostrophe is kept
    # One element holds the column's text and only that (reader views keep it whole: tests/test_extractors.py).
    blocks = [words(p) for p in one(page, "article .e-content")]
    assert blocks == [seed.standfirst, *seed.body, "First published by RT", seed.disclaimer]
    assert [p.get("class") for p in one(page, ".e-content")[-2:]] == ["oc-original", "oc-disclaimer"]


def text_before_the_headline(page) -> str:
    found = one(page, "h1").xpath("preceding::text()[not(ancestor::head or ancestor::script or ancestor::style)]")
    return " ".join(" ".join(found).split())


def test_one_headline_and_one_label_above_it(page, second, seed):
    assert [words(h) for h in page.xpath("//h1")] == [seed.headline]
    # The source repeats the headline (line 7); the page shows it once.
    assert words(one(page, "article")).count(seed.headline) == 1
    assert seed.icons[:30] not in page.text_content() and "icon bookmark" not in page.text_content()
    # This site is named after its one column: the header says "Ambassador's view", and the column's head does
    # not say it again. The second column, "Second opinion", has its name above its headline.
    assert text_before_the_headline(page).count(seed.column) == 1 and page.cssselect(".oc-kicker") == []
    assert [words(p) for p in second.cssselect(".oc-header__site, .oc-kicker")] == [
        "Ambassador's view",
        "Second opinion",
    ]
    assert text_before_the_headline(second).count("Second opinion") == 1


def test_the_kicker_is_left_out_where_the_header_says_the_same():
    assert render.kicker("Ambassador's view", "Ambassador's view") is None
    assert render.kicker("Ambassador’s  View", "ambassador's view") is None  # case, spacing, apostrophe
    assert render.kicker("Ambassador's view", "Columns") == "Ambassador's view"
    assert render.kicker("Ambassador's view", "Ambassador's views") == "Ambassador's view"


def test_the_byline_links_to_the_bio_and_says_the_reading_time(page, seed):
    words_read = sum(
        1 for token in f"{seed.standfirst} {' '.join(seed.body)}".split() if any(c.isalnum() for c in token)
    )
    minutes = math.ceil(words_read / RATE)
    assert words(one(page, ".oc-byline")) == f"By {AUTHOR} · {minutes} min read"
    # The number and its unit stay together; the separator is not read out; the JSON-LD says the same.
    assert re.search(r"\d+\u00a0min read$", one(page, ".oc-readtime").text_content())
    assert one(page, ".oc-readtime .oc-byline__sep").get("aria-hidden") == "true"
    assert (json_ld(page)["wordCount"], json_ld(page)["timeRequired"]) == (words_read, f"PT{minutes}M")
    byline = one(page, ".oc-byline a")
    assert words(byline) == AUTHOR and seed.bio.startswith(AUTHOR + ",")
    (target,) = page.xpath(f"//*[@id='{byline.get('href').removeprefix('#')}']")
    assert byline.get("href").startswith("#") and "oc-bio" in target.get("class").split()


def test_a_dated_column_gives_its_dates_in_the_byline(second):
    times = [(time.get("datetime"), time.text_content()) for time in second.cssselect(".oc-byline time")]
    assert times == [("2016-04-04", "4 April 2016"), ("2016-04-05T08:30:00+01:00", "5 April 2016")]
    assert re.fullmatch(
        rf"By {SECOND_AUTHOR} · 4 April 2016 · Updated 5 April 2016 · \d+ min read", words(one(second, ".oc-byline"))
    )


@pytest.fixture(scope="module")
def counted(tmp_path_factory):
    """Two columns: one of one word and no body at all; one whose Markdown syntax, counted in the source (the
    list numbers, the reference and its target), would add five words."""
    work = tmp_path_factory.mktemp("counted")
    project = copy_project(work / "project")
    for name, standfirst, body in [
        ("index.md", "Palmyra", ""),
        (
            "second.md",
            "One two",
            "\n*Three* **four** [five][ref] `six`.\n\n1. seven\n2. eight\n\n[ref]: https://a.example/nine/ten\n",
        ),
    ]:
        path = project / "docs" / name
        set_fields(path, {"description": standfirst})
        source = path.read_text(encoding="utf-8")
        path.write_text(source[: source.index("\n---\n", 4) + 5] + body, encoding="utf-8")
    site = built(project, work / "site")
    return [json_ld(parsed(site, path)) for path in ("index.html", "second/index.html")]


def test_the_words_counted_are_those_a_reader_sees(counted):
    one_word, marked_up = counted
    assert (one_word["wordCount"], one_word["timeRequired"]) == (1, "PT1M")  # never less than a minute
    assert marked_up["wordCount"] == 8  # One two; Three four five six; seven eight


@pytest.mark.parametrize(
    "text, count",
    [("It cost 2,000 on 30 June, 2012.", 7), ("Palmyra \u2013 a city", 3), ("Syria’s armed forces", 3), ("", 0)],
)
def test_words_are_what_a_reader_sees(text, count):
    assert reading.reading_time(text).words == count  # a lone dash is not a word; a number is


@pytest.mark.parametrize(
    "html, text",
    [
        # Tags inside a word do not split it; the edges of blocks do.
        ("<p><em>Pal</em>myra &amp; Syria</p><p>end</p><ul><li>a</li><li>b</li></ul>", "Palmyra & Syria end a b"),
        # <br> has no end tag: its start is the break ("two  \nlines" in Markdown renders "two<br>\nlines").
        ("<p>one<br>two</p>", "one two"),
    ],
)
def test_the_text_a_reader_sees_in_the_rendered_body(html, text):
    assert reading.visible_text(html).split() == text.split()


@pytest.mark.parametrize("count, minutes", [(0, 1), (1, 1), (RATE, 1), (RATE + 1, 2), (2 * RATE, 2), (2 * RATE + 1, 3)])
def test_minutes_round_up_and_never_fall_below_one(count, minutes):
    assert reading.reading_time("word " * count).minutes == minutes


def test_the_author_bio_and_profile_links(page, second, seed):
    bio = one(page, ".oc-bio__text")
    assert words(bio) == seed.bio
    # The name links to the author's page on the site (tests/test_site_pages.py), the handle to the profile.
    name, handle = bio.cssselect("a")
    assert name.get("href") == "./authors/yakovenko/" and words(name) == AUTHOR
    assert handle.get("href") == PROFILE and words(handle) == "@Amb_Yakovenko"
    icon_link = one(page, ".oc-bio__profile")
    assert icon_link.get("href") == PROFILE and icon_link.get("aria-label") == "@Amb_Yakovenko on Twitter"
    assert icon_link.cssselect("svg"), "the profile link is an icon"
    # No photo: the avatar is the author's initials, not an image, and decoration only (a screen reader reads
    # the name, not "AY" before it).
    avatar = one(page, ".oc-bio__avatar")
    assert not page.xpath("//img") and words(avatar) == "AY" and avatar.get("aria-hidden") == "true"
    roles = "Professor of International Relations, Example University"
    assert words(one(second, ".oc-bio__text")) == f"{SECOND_AUTHOR}, {roles}. Follow her on Telegram @example_columnist"
    assert words(one(second, ".oc-bio__avatar")) == "AN"  # the title skipped
    assert one(second, ".oc-bio__profile").get("aria-label") == "@example_columnist on Telegram"
    assert one(second, ".oc-bio__profile").get("href") == SECOND_PROFILE


def test_initials_skip_honorifics():
    assert render.initials("Dr Alexander Yakovenko") == "AY"
    assert render.initials("Prof. Jane Q. Public") == "JP"
    assert render.initials("Cher") == "C"


def test_the_first_publication_reads_as_words(page, second):
    link = one(page, ".oc-original a")
    # The link is on the first publisher's name (its address is printed on paper: tests/browser/test_reading.py).
    assert link.get("href") == ORIGINAL and words(link) == "RT"
    assert set(link.get("rel").split()) >= {"noopener", "noreferrer"}
    assert second.xpath("//*[contains(@class, 'oc-original')]//a/@href") == [
        "https://news.example/columns/2016/04/ceasefire-same-words"
    ]
    assert (
        words(one(second, ".oc-disclaimer"))
        == "The views expressed here are the author’s own and not those of Example News."
    )


# --- corrections -----------------------------------------------------------------------------------------


def test_corrections_follow_the_columns_last_paragraph_and_date_the_byline(corrected_site, page):
    corrected = parsed(corrected_site)
    note = one(corrected, "aside.oc-corrections")
    # At the end of the column's text: after its last paragraph, before the first publication and the disclaimer.
    assert note.getparent().cssselect(".oc-body > p[id]")[-1] is note.getprevious()
    assert note.getnext().get("class") == "oc-original"
    assert note.get("aria-label") == "Corrections"
    items = note.xpath("./p")
    assert [words(item) for item in items] == [
        f"Correction, 30 March 2016: {CORRECTED[0]}",
        f"Correction, 2 April 2016: {CORRECTED[1]}",
    ]
    assert [item.xpath("./time/@datetime") for item in items] == [["2016-03-30"], ["2016-04-02T09:00:00+01:00"]]
    # Markdown, as in the body: emphasis, a link to a paragraph, inline code and its text kept as text.
    assert items[0].xpath("./em/text()") == ["50"]
    assert items[0].xpath("./a/@href") == ["#russia-has-contributed-to-the-battle"]
    assert items[1].xpath("./code/text()") == ["Palmyra"]
    assert not corrected.cssselect(".oc-corrections .oc-permalink, .oc-corrections [id]")  # no paragraph links in it
    # No `updated`: a correction changed the column, so the last one's date is the page's.
    times = [(time.get("datetime"), time.text_content()) for time in corrected.cssselect(".oc-byline time")]
    assert times == [("2016-03-28", "28 March 2016"), ("2016-04-02T09:00:00+01:00", "2 April 2016")]
    assert "Updated 2 April 2016" in words(one(corrected, ".oc-byline"))
    # A column without corrections has no note.
    assert page.cssselect(".oc-corrections") == []


# --- the page's furniture --------------------------------------------------------------------------------


def test_every_control_has_an_accessible_name(page):
    for control in page.xpath("//button | //a"):
        assert control.get("aria-label") or words(control), f"control without a name: {control.get('class')}"


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
    step = 10.0 ** math.floor(math.log10(max(map(float, own.get("viewbox").split()[2:])) / 500))
    check_within_half_a_step(own.xpath(".//path/@d")[0], written, step)
    assert not page.xpath("//img | //i | //link[@rel='stylesheet' or @rel='preload' or @rel='preconnect']")


def test_the_icon_mapping_resolves_and_matches_the_source_keys(seed):
    icons = yaml.safe_load((COLUMNS / "data" / "icons.yml").read_text(encoding="utf-8"))
    for key, path in icons.items():
        assert (ICONS_DIR / f"{path}.svg").is_file(), f"{key}: {path}"
    source_keys = {key.strip() for key in seed.icons.split("icon ") if key.strip()}
    assert {"fb", "vk", "tw", "tg", "ok", "wt", "mail", "share", "ins", "yt", "gp", "fm"} <= source_keys
    networks = yaml.safe_load((COLUMNS / "data" / "networks.yml").read_text(encoding="utf-8"))
    # The source's share targets keep its own icon keys (Mastodon, which it did not have, has its own); Google+ is
    # closed and never one.
    assert [n["icon"] for n in networks] and all(n["icon"] in source_keys | {"mastodon"} for n in networks)
    assert "gp" not in [n["icon"] for n in networks]


@pytest.mark.parametrize("name", ["index.html", "404.html"])
def test_no_search_navigation_or_theme_clutter(site, name):
    html = (site / name).read_text(encoding="utf-8")
    for marker in ("md-search", "md-nav", "md-sidebar", "md-tabs", "__search", "__drawer", "bundle.", "main."):
        assert marker not in html, marker
    deployed = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert not [p for p in deployed if p.endswith(".map") or "lunr" in p or "search" in p or "stylesheets" in p]
    # The address the build was given, not mkdocs.yml's placeholder.
    assert "https://example.com" not in html and (SITE_URL in html or name == "404.html")


def test_materials_unused_toggles_are_dropped_whatever_the_attribute_order():
    html = (
        '<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        "<input autocomplete=off id=__search type=checkbox data-md-toggle=search class=md-toggle>"
        "<label for='__drawer' class='md-overlay'></label>"
        '<input type="checkbox" id="keep"><label for="keep">Keep</label></body>'
    )
    kept = '<body><input type="checkbox" id="keep"><label for="keep">Keep</label></body>'
    assert drop_unused_toggles(html) == kept


# --- a second column ---------------------------------------------------------------------------------------

# What the home page (the handed-over column) says that no other column may, and the reverse.
HOME_ONLY = ["Liberation of Palmyra", "Yakovenko", "@Amb_Yakovenko", "x.com", "First published by RT"]
SECOND_ONLY = ["ceasefire", "Núñez", "example_columnist", "Example News", "Second opinion"]


def test_a_second_column_is_a_page_of_its_own(site, second):
    assert second.findtext(".//title") == words(one(second, "h1")) == SECOND_TITLE
    standfirst = "A ceasefire is only as strong as the same words, kept by every side. Here is what keeping them takes."
    assert words(one(second, ".oc-standfirst")) == standfirst
    assert words(one(second, ".oc-byline a")) == SECOND_AUTHOR
    # Their pages but for "More from" at the end, which lists the other columns by design (tests/test_site_pages.py).
    more_from = re.compile(r'<nav class="oc-more".*?</nav>', re.S)
    home = more_from.sub("", (site / "index.html").read_text(encoding="utf-8"))
    other = more_from.sub("", (site / "second" / "index.html").read_text(encoding="utf-8"))
    assert [text for text in HOME_ONLY if text in other] == []
    assert [text for text in SECOND_ONLY if text in home] == []
