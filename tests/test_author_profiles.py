"""An author's several profiles (data/authors.yml: `profile`, which the bio's sentence names, and `more_profiles`):
the bio links each by its icon with rel="me" (what Mastodon's profile verification reads), the JSON-LD sameAs
lists them all, a fediverse handle gives fediverse:creator (the byline Mastodon 4.3+ shows under a link's card),
an X handle twitter:creator. A handle that its profile's address contradicts stops the build with the file, the
line and the field. Built from the sharing column (tests/columns/sharing); its author's profiles are written out
in sharing_support.PROFILES."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from build_harness import build
from built_pages import meta
from column import data, profiles
from sharing_support import AUTHOR, PROFILES, sharing_project
from suite_columns import SITE_URL

ICONS = {
    "tw": "fontawesome/brands/x-twitter",
    "fb": "fontawesome/brands/facebook",
    "mastodon": "fontawesome/brands/mastodon",
    "bluesky": "fontawesome/brands/bluesky",
}


@pytest.fixture(scope="module")
def built(sharing_site):
    """The sharing column's page (conftest.py), parsed: its author has four profiles."""
    return lxml_html.fromstring((sharing_site / "index.html").read_bytes())


def text(element) -> str:
    return " ".join(element.text_content().split())


def test_the_bio_links_every_profile_by_its_icon_with_rel_me(built):
    page = built
    (bio,) = page.cssselect(".oc-bio")
    # The sentence names the first profile, as with one.
    assert (
        text(bio.cssselect(".oc-bio__text")[0]) == f"{AUTHOR}, Columnist, Example Times. Follow her on X @ngozi_example"
    )
    (named,) = bio.cssselect(".oc-bio__text a.u-url")  # the name links to the author's page
    assert named.get("href") == PROFILES[0][2] and "me" in named.get("rel").split()
    icons = bio.cssselect(".oc-bio__profiles a")
    assert [(a.get("aria-label"), a.get("href")) for a in icons] == [
        (f"{handle} on {network}", url) for network, handle, url in PROFILES
    ]
    for link in icons:
        assert set(link.get("rel").split()) == {"me", "noopener", "noreferrer"}
        (use,) = link.xpath(".//use")
        assert link.get("title") == link.get("aria-label") and use.get("href").startswith("#oc-icon--")
    assert [a.xpath(".//use/@href")[0] for a in icons] == [
        "#oc-icon--tw",
        "#oc-icon--bluesky",
        "#oc-icon--mastodon",
        "#oc-icon--tg",
    ]


def test_link_previews_and_structured_data_credit_the_author(built):
    page = built
    assert meta(page, "twitter:creator") == "@ngozi_example"
    assert page.xpath("//meta[@name='fediverse:creator']/@content") == ["@ngozi@mastodon.example"]
    assert not page.xpath("//meta[@property='article:author']")  # no Facebook profile
    (jsonld,) = [json.loads(block) for block in page.xpath("//script[@type='application/ld+json']/text()")]
    # The author's url is their page on the site (tests/test_site_pages.py); every profile is among sameAs.
    assert jsonld["author"]["url"] == SITE_URL + "authors/okafor/"
    assert jsonld["author"]["sameAs"] == [url for _, _, url in PROFILES]


def test_a_handle_its_address_contradicts_stops_the_build(tmp_path):
    project = sharing_project(tmp_path / "project")
    authors = project / "data" / "authors.yml"
    text = authors.read_text(encoding="utf-8")
    assert text.count('"@ngozi@mastodon.example"') == 1
    authors.write_text(text.replace('"@ngozi@mastodon.example"', '"@ngozi@example.social"'), encoding="utf-8")
    line = 1 + text[: text.index('"@ngozi@mastodon.example"')].count("\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        f"data/authors.yml, line {line}: field 'handle' of the second profile in 'okafor.more_profiles': expected "
        "'@ngozi@mastodon.example', "
        "the handle that its url (https://mastodon.example/@ngozi) names, got '@ngozi@example.social'."
    ) in result.stderr


# --- the rules, called directly ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "handle, url",
    [
        ("@Amb_Yakovenko", "https://x.com/Amb_Yakovenko"),
        ("@amb_yakovenko", "https://twitter.com/Amb_Yakovenko/"),  # case does not matter
        ("@ngozi.example.social", "https://bsky.app/profile/ngozi.example.social"),
        ("@ngozi.example.social", "https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx"),  # named by its id
        ("@example_columnist", "https://t.me/example_columnist"),
        ("@ngozi", "https://www.threads.com/@ngozi"),
        ("@ngozi@mastodon.example", "https://mastodon.example/@ngozi"),
        ("@Ngozi@Mastodon.Example", "https://mastodon.example/@ngozi/"),
        ("@ngozi", "https://medium.com/@ngozi"),  # a site whose addresses the build cannot read: not checked
        ("Ngozi Okafor", "https://example.org/about"),
    ],
)
def test_a_handle_that_agrees_with_its_address_passes(handle, url):
    assert profiles.handle_problem(handle, url) is None


@pytest.mark.parametrize(
    "handle, url, expected",
    [
        (
            "@amb",
            "https://x.com/Amb_Yakovenko",
            "'@Amb_Yakovenko', the handle that its url (https://x.com/Amb_Yakovenko) names",
        ),
        (
            "@amb",
            "https://x.com/amb/status/1",
            "a handle whose url is its profile on X, such as https://x.com/name; the url is https://x.com/amb/status/1",
        ),
        (
            "@ngozi.bsky.social",
            "https://bsky.app/profile/ngozi.example.social",
            "'@ngozi.example.social', the handle that its url (https://bsky.app/profile/ngozi.example.social) names",
        ),
        (
            "@ngozi",
            "https://mastodon.example/@ngozi",
            None,  # on a site the build cannot read, "@ngozi" is not checked: a fediverse handle is written whole
        ),
        (
            "@ngozi@example.social",
            "https://mastodon.example/@ngozi",
            "'@ngozi@mastodon.example', the handle that its url (https://mastodon.example/@ngozi) names",
        ),
        (
            "@ngozi@mastodon.example",
            "https://mastodon.example/users/ngozi",
            "a handle that its url names (a fediverse handle, @user@server, has its profile at https://server/@user; "
            "the url is https://mastodon.example/users/ngozi)",
        ),
        (
            "@other",
            "https://t.me/ngozi_example",
            "'@ngozi_example', the handle that its url (https://t.me/ngozi_example) names",
        ),
        (  # a network's address with "www." is the same network's
            "@other",
            "https://www.threads.com/@ngozi",
            "'@ngozi', the handle that its url (https://www.threads.com/@ngozi) names",
        ),
        (  # an address with a query is not a profile's
            "@amb",
            "https://x.com/amb?lang=en",
            "a handle whose url is its profile on X, such as https://x.com/name; the url is https://x.com/amb?lang=en",
        ),
        (
            "@m@social.example",
            "https://social.example/@m?lang=en",
            "a handle that its url names (a fediverse handle, @user@server, has its profile at https://server/@user; "
            "the url is https://social.example/@m?lang=en)",
        ),
    ],
)
def test_a_handle_its_address_contradicts_is_said_so(handle, url, expected):
    assert profiles.handle_problem(handle, url) == expected


AUTHOR_ENTRY = {
    "name": "N",
    "roles": "R",
    "profile": {"network": "X", "icon": "tw", "follow": "Follow", "handle": "@h", "url": "https://x.com/h"},
}
MORE = {"network": "Mastodon", "icon": "mastodon", "handle": "@h@social.example", "url": "https://social.example/@h"}


def located(value, lines=None) -> data.Located:
    return data.Located(value, lines or {}, "data/authors.yml")


def test_profiles_are_listed_in_order_the_named_one_first():
    (author,) = profiles.check_authors(located({"a": {**AUTHOR_ENTRY, "more_profiles": [MORE]}}), ICONS).values()
    assert author["profiles"] == [AUTHOR_ENTRY["profile"], MORE]
    (alone,) = profiles.check_authors(located({"a": AUTHOR_ENTRY}), ICONS).values()
    assert alone["profiles"] == [AUTHOR_ENTRY["profile"]]  # one profile, as before


# How an error names a field of an author's further profiles: the profile counted from 1.
PROFILE_FIELDS = {
    "a.more_profiles": "field 'a.more_profiles'",
    "a.more_profiles.0.follow": "field 'follow' of the first profile in 'a.more_profiles'",
    "a.more_profiles.0.icon": "field 'icon' of the first profile in 'a.more_profiles'",
    "a.more_profiles.0.url": "field 'url' of the first profile in 'a.more_profiles'",
    "a.more_profiles.1.handle": "field 'handle' of the second profile in 'a.more_profiles'",
}


@pytest.mark.parametrize(
    "more, field, expected",
    [
        (
            [],
            "a.more_profiles",
            "a list of the author's other profiles, each with network, icon, handle and url (leave the field out if "
            "none), got a list ([])",
        ),
        (
            MORE,
            "a.more_profiles",
            "a list of the author's other profiles, each with network, icon, handle and url (leave the field out if "
            f"none), got a mapping ({MORE!r})",
        ),
        (
            [{**MORE, "follow": "Follow"}],
            "a.more_profiles.0.follow",
            "one of the known fields of an author's profile: network, icon, handle, url",
        ),
        (
            [{**MORE, "icon": "ig"}],
            "a.more_profiles.0.icon",
            "an icon key of data/icons.yml (tw, fb, mastodon, bluesky), got 'ig'",
        ),
        (
            [{**MORE, "url": "x"}],
            "a.more_profiles.0.url",
            "an absolute http(s) URL, got 'x': it must start with http: or https:",
        ),
        (
            [MORE, {**MORE, "handle": "@x@social.example"}],
            "a.more_profiles.1.handle",
            "'@h@social.example', the handle that its url (https://social.example/@h) names, got '@x@social.example'",
        ),
    ],
)
def test_a_bad_profile_is_refused_with_its_line(more, field, expected):
    with pytest.raises(data.InputError) as error:
        profiles.check_authors(located({"a": {**AUTHOR_ENTRY, "more_profiles": more}}, {field: 12}), ICONS)
    assert str(error.value) == f"data/authors.yml, line 12: {PROFILE_FIELDS[field]}: expected {expected}."


def test_the_named_profiles_handle_is_checked_too():
    wrong = {**AUTHOR_ENTRY, "profile": {**AUTHOR_ENTRY["profile"], "handle": "@other"}}
    with pytest.raises(data.InputError, match=r"^data/authors.yml, line 4: field 'a.profile.handle': expected '@h'"):
        profiles.check_authors(located({"a": wrong}, {"a.profile.handle": 4}), ICONS)


def test_which_profile_gives_which_tag():
    x = {"network": "X", "icon": "tw", "handle": "@x", "url": "https://x.com/x"}
    x_by_icon = {"network": "Twitter", "icon": "tw", "handle": "@y", "url": "https://hostile.example/y"}
    facebook = {"network": "Facebook", "icon": "fb", "handle": "N", "url": "https://www.facebook.com/n"}
    fediverse = {
        "network": "Mastodon",
        "icon": "mastodon",
        "handle": "@m@social.example",
        "url": "https://social.example/@m",
    }
    bluesky = {
        "network": "Bluesky",
        "icon": "bluesky",
        "handle": "@b.example",
        "url": "https://bsky.app/profile/b.example",
    }
    assert profiles.twitter_creator([bluesky, x, x_by_icon], ICONS) == "@x"  # the first on X
    assert profiles.twitter_creator([x_by_icon], ICONS) == "@y"  # X's glyph is X, whatever the address
    x_by_host = {"network": "X", "icon": "bluesky", "handle": "@z", "url": "https://www.x.com/z"}
    assert profiles.twitter_creator([bluesky, x_by_host], ICONS) == "@z"  # and X's address is X, whatever the glyph
    assert profiles.twitter_creator([bluesky, fediverse], ICONS) is None
    assert profiles.facebook_profile([x, facebook], ICONS) == "https://www.facebook.com/n"
    assert profiles.facebook_profile([x], ICONS) is None
    assert profiles.fediverse_creators([x, fediverse, bluesky]) == ["@m@social.example"]
