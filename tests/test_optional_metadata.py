"""The optional fields of issue 13, which this column leaves unset: a publication date and an updated date
in the front matter, the site's own X handle, and the one language setting. Each is set in a copy of the
project and the served page is read the way preview crawlers read it (extruct); bad values stop the build
with the file, the line and the field; hostile text around them stays text. The page as published, with
none of them set: tests/test_link_previews.py."""

from __future__ import annotations

import re

import extruct
import pytest
from lxml import html as lxml_html

from column import data
from support import (
    SECOND_URL,
    SITE_URL,
    TWITTER_SITE,
    build,
    build_cli,
    dated_project,
)

PROFILE = "https://x.com/Amb_Yakovenko"
# The second column of the suite (tests/columns/docs/second.md): both dates set, its author on Telegram.
SECOND_DATES = {"date": "2016-04-04", "updated": "2016-04-05T08:30:00+01:00"}
SECOND_PROFILE = "https://t.me/example_columnist"


def read(site, base_url=SITE_URL, path="index.html") -> tuple:
    """(the parsed page, its OpenGraph properties, its one JSON-LD object, the sitemap's text)."""
    raw = (site / path).read_text(encoding="utf-8")
    metadata = extruct.extract(raw, base_url=base_url, syntaxes=["opengraph", "json-ld"], uniform=False)
    (block,) = metadata["opengraph"]
    (data,) = metadata["json-ld"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    return lxml_html.fromstring(raw), dict(block["properties"]), data, sitemap


def built(project, site_dir, site_url=SITE_URL):
    result = build(project, site_dir, site_url=site_url)
    assert result.returncode == 0, result.stderr
    return site_dir


def byline_times(page) -> list[tuple[str, str]]:
    return [(time.get("datetime"), time.text_content()) for time in page.cssselect(".oc-byline time")]


# --- both dates set: the suite's second column ----------------------------------------------------------------


@pytest.fixture(scope="module")
def dated(site):
    return read(site, SECOND_URL, "second/index.html")


def test_dates_in_the_byline(dated):
    page, _, _, _ = dated
    assert byline_times(page) == [("2016-04-04", "4 April 2016"), ("2016-04-05T08:30:00+01:00", "5 April 2016")]
    (byline,) = page.cssselect(".oc-byline")
    for reading_time in byline.cssselect(".oc-readtime"):  # issue 14's, after the dates
        reading_time.drop_tree()
    assert " ".join(byline.text_content().split()) == "By Prof Ana María Núñez · 4 April 2016 · Updated 5 April 2016"


def test_dates_in_opengraph(dated):
    _, og, _, _ = dated
    assert og["article:published_time"] == "2016-04-04"
    assert og["article:modified_time"] == "2016-04-05T08:30:00+01:00"
    # Everything else a preview reads is still there and unchanged by the dates.
    assert og["og:type"] == "article" and og["og:url"] == SECOND_URL and og["og:locale"] == "en_GB"
    assert "article:author" not in og  # the author's profile is not on Facebook (tests/test_link_previews.py)


def test_dates_in_json_ld(dated):
    _, _, data, _ = dated
    assert data["datePublished"] == "2016-04-04"
    assert data["dateModified"] == "2016-04-05T08:30:00+01:00"
    assert data["author"]["url"] == SITE_URL + "authors/nunez/" and data["author"]["sameAs"] == [SECOND_PROFILE]
    assert data["inLanguage"] == "en-GB"
    assert [(image["width"], image["height"]) for image in data["image"]] == [(1200, 675), (1200, 900), (1200, 1200)]
    assert data["publisher"]["logo"]["url"].startswith(SITE_URL + "assets/logo.")


def test_sitemap_lastmod_is_the_updated_date(dated):
    _, _, _, sitemap = dated
    (lastmod,) = re.findall(rf"<loc>{re.escape(SECOND_URL)}</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap)
    assert lastmod == "2016-04-05T08:30:00+01:00"


def test_an_author_not_on_x_gives_no_twitter_creator(dated):
    # twitter:creator names an X account; a profile on another network is linked from the bio, never put there.
    page, _, data, _ = dated
    assert page.xpath("//head/meta[@name='twitter:creator']") == []
    assert data["author"]["sameAs"] == [SECOND_PROFILE]
    assert SECOND_PROFILE in page.xpath("//*[contains(@class, 'oc-bio')]//a/@href")


# --- no date: one warning, and the build goes through ---------------------------------------------------------

UNDATED = (
    "WARNING -  docs/index.md: field 'date' is not set: readers, link previews and article extractors cannot tell "
    "when the column was written (an extractor may take a date from its text instead). Set 'date' to the day it "
    "was first published; if that is not known, write 'date: unknown' in the front matter to say so, and this "
    "warning stops. The page shows no date rather than invent one, and the feeds leave the column out (a feed "
    "entry must carry a date).\n"
)


def test_an_undated_build_warns_once_and_strict_mode_lets_it_through(project, tmp_path):
    """`mkdocs build --strict` as make build runs it: a warning of MkDocs' own would stop it; this one is
    said once, and the page still has no date."""
    index = project / "docs" / "index.md"
    front, body = index.read_text(encoding="utf-8").split("\n---\n", 1)
    undated = "\n".join(line for line in front.split("\n") if not line.startswith(("date:", "updated:")))
    index.write_text(undated + "\n---\n" + body, encoding="utf-8")
    result = build_cli(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("WARNING") == 1 and UNDATED in result.stderr
    page, og, data, sitemap = read(tmp_path / "site")
    assert byline_times(page) == [] and "article:published_time" not in og and "datePublished" not in data
    assert re.search(rf"<url>\s*<loc>{re.escape(SITE_URL)}</loc>\s*</url>", sitemap)  # no <lastmod>


def test_a_dated_build_prints_no_such_warning(tmp_path, capsys):
    """Every column of the suite's site dated (the second one is)."""
    project = dated_project(tmp_path / "project", {"date": "2016-03-28"}, twitter_site=None)
    built(project, tmp_path / "site")
    assert "WARNING" not in capsys.readouterr().err


# --- only the publication date, and the site's handle -----------------------------------------------------


@pytest.fixture(scope="module")
def published_only(tmp_path_factory):
    work = tmp_path_factory.mktemp("published-only")
    project = dated_project(work / "project", {"date": "2016-03-28T09:30:00Z"}, twitter_site=TWITTER_SITE)
    return read(built(project, work / "site"))


def test_only_a_publication_date(published_only):
    page, og, data, sitemap = published_only
    assert byline_times(page) == [("2016-03-28T09:30:00Z", "28 March 2016")]
    assert "Updated" not in page.cssselect(".oc-byline")[0].text_content()
    assert og["article:published_time"] == data["datePublished"] == "2016-03-28T09:30:00Z"
    assert "article:modified_time" not in og and "dateModified" not in data
    assert re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)[0] == "2016-03-28T09:30:00Z"


def test_twitter_site_when_configured(published_only, page):
    configured, _, _, _ = published_only
    assert configured.xpath("//head/meta[@name='twitter:site']/@content") == [TWITTER_SITE]
    assert configured.xpath("//head/meta[@name='twitter:creator']/@content") == ["@Amb_Yakovenko"]
    # The suite's site sets no handle of its own: none is invented.
    assert page.xpath("//head/meta[@name='twitter:site']") == []


# --- the one language setting -------------------------------------------------------------------------------


def test_one_language_setting_feeds_every_signal(tmp_path):
    project = dated_project(tmp_path / "project", {"date": "2016-03-28"}, twitter_site=None)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  language: en-GB\n" in text
    config.write_text(text.replace("  language: en-GB\n", "  language: en-US\n"), encoding="utf-8")
    page, og, data, _ = read(built(project, tmp_path / "site"))
    assert page.get("lang") == "en-US"
    assert og["og:locale"] == "en_US"
    assert data["inLanguage"] == "en-US"
    assert byline_times(page) == [("2016-03-28", "March 28, 2016")]  # the date as American English writes it
    not_found = lxml_html.fromstring((tmp_path / "site" / "404.html").read_bytes())
    assert not_found.get("lang") == "en-US"


# --- bad values stop the build ------------------------------------------------------------------------------

# Front matter lines: the added fields follow `disclaimer` (line 10), so the first is on line 11.
BAD_DATES = {
    "day without zero padding": ({"date": "2016-3-28"}, 11, "date", "'2016-3-28'"),
    "words": ({"date": "28 March 2016"}, 11, "date", "'28 March 2016'"),
    "impossible day": ({"date": "2016-02-30"}, 11, "date", "'2016-02-30'"),
    "time without offset": ({"date": "2016-03-28T10:15:00"}, 11, "date", "'2016-03-28T10:15:00'"),
    "a year alone": ({"date": "2016"}, 11, "date", "an integer (2016)"),
    "empty": ({"date": '""'}, 11, "date", "an empty string"),
    "markup": ({"date": '"<script>alert(1)</script>"'}, 11, "date", "'<script>alert(1)</script>'"),
    "bad updated": ({"date": "2016-03-28", "updated": "2016-03-29 10:15"}, 12, "updated", "'2016-03-29 10:15'"),
}


@pytest.mark.parametrize("case", BAD_DATES)
def test_a_malformed_date_stops_the_build(tmp_path, case):
    dates, line, field, got = BAD_DATES[case]
    message = refused(dated_project(tmp_path / "project", dates, twitter_site=None), tmp_path)
    assert f"docs/index.md, line {line}: field '{field}': expected an ISO 8601 date, YYYY-MM-DD" in message
    assert got in message.split(", got ")[-1]


ORDER = {
    "a day before": ({"date": "2016-03-28", "updated": "2016-03-27"}, "2016-03-28"),
    # 13:00 at +02:00 is 11:00 UTC, an hour before 12:00 UTC: instants compare, not the digits.
    "an hour before": (
        {"date": "2016-03-28T12:00:00Z", "updated": "2016-03-28T13:00:00+02:00"},
        "2016-03-28T12:00:00Z",
    ),
}


@pytest.mark.parametrize("case", ORDER)
def test_updated_before_published_stops_the_build(tmp_path, case):
    dates, published = ORDER[case]
    message = refused(dated_project(tmp_path / "project", dates, twitter_site=None), tmp_path)
    assert f"docs/index.md, line 12: field 'updated': expected a date not before 'date' ({published})" in message


def test_updated_without_a_publication_date_stops_the_build(tmp_path):
    message = refused(dated_project(tmp_path / "project", {"updated": "2016-03-29"}, twitter_site=None), tmp_path)
    assert "docs/index.md, line 11: field 'updated'" in message and "'date'" in message


@pytest.mark.parametrize("handle", ["ColumnsExample", "@two words", "@" + "x" * 16, '"><script>alert(1)</script>'])
def test_a_bad_site_handle_stops_the_build(tmp_path, handle):
    message = refused(dated_project(tmp_path / "project", {}, twitter_site=handle), tmp_path)
    assert "mkdocs.yml: field 'extra.twitter_site': expected the site's own X (Twitter) handle" in message


NOT_A_TAG = "mkdocs.yml: field 'theme.language': expected a language, or a language and its region, such as 'en-GB'"
# A well-formed tag whose language the translation table does not have: the file, the language, the setting and
# the languages the table has (en, ru and ar, issue 21). No other language stands in for it.
NO_WORDS = (
    "overrides/translations.yml: no words for '{language}' (mkdocs.yml: field 'theme.language' is '{tag}'); "
    "expected one of the languages it has: ar, en, ru."
)


@pytest.mark.parametrize(
    "language, expected, got",
    [
        ('"en_GB"', NOT_A_TAG, "got 'en_GB'"),
        ('"EN-gb"', NOT_A_TAG, "got 'EN-gb'"),
        ('"en-GB\\"><script>alert(1)</script>"', NOT_A_TAG, """got 'en-GB"><script>alert(1)</script>'"""),
        ("12", NOT_A_TAG, "got an integer (12)"),  # YAML reads it as a number
        ('"xx-GB"', NO_WORDS.format(language="xx", tag="xx-GB"), ""),
        ('"de-DE"', NO_WORDS.format(language="de", tag="de-DE"), ""),
        ('"de"', NO_WORDS.format(language="de", tag="de"), ""),
    ],
)
def test_a_bad_language_stops_the_build(tmp_path, language, expected, got):
    project = dated_project(tmp_path / "project", {}, twitter_site=None)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  language: en-GB\n", f"  language: {language}\n")
    config.write_text(text, encoding="utf-8")
    message = refused(project, tmp_path)
    assert message.startswith(expected) and got in message


def refused(project, tmp_path) -> str:
    """The build's error message (its line without the level); asserts that it failed cleanly and published
    nothing."""
    site_dir = tmp_path / "out"
    result = build(project, site_dir)
    assert result.returncode != 0, "the build went through"
    assert "Traceback" not in result.stderr
    assert not (site_dir / "index.html").exists(), "no page is published from bad input"
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors, result.stderr
    return re.match(r"ERROR +- +(.*)", errors[-1])[1]


# --- the date checks, called directly ----------------------------------------------------------------------


def test_a_date_stays_the_text_it_was_written_as():
    # YAML would read an unquoted 2016-03-28 as a date object (and 2016-3-28 as the same day).
    doc = data.load_yaml("date: 2016-03-28\nupdated: 2016-3-29\n", "p.md")
    assert doc.value == {"date": "2016-03-28", "updated": "2016-3-29"}


@pytest.mark.parametrize(
    "later, earlier, before",
    [
        ("2016-03-28", "2016-03-28T23:30:00-05:00", False),  # the same day: a day alone has no time to compare
        ("2016-03-27", "2016-03-28T00:30:00+01:00", True),
        ("2016-03-28T11:59:59Z", "2016-03-28T13:00:00+01:00", True),  # 13:00 at +01:00 is 12:00 UTC
        ("2016-03-28T12:00:00Z", "2016-03-28T13:00:00+01:00", False),  # the same instant
    ],
)
def test_order_of_two_dates(later, earlier, before):
    assert data.is_before(later, earlier) is before
