"""Sharing where readers are now (data/networks.yml): Bluesky (text only, 300 graphemes at most), Mastodon on the
reader's own server, X at the address X documents, and Threads, LinkedIn and Reddit as ready entries a publisher
turns on by deleting one line. Built from the sharing column (tests/columns/sharing, sharing_support), as it is
and with the ready entries turned on; the links' expectations are written out in sharing_support from each
network's documented address. The dialog that asks for the server is tested in a browser
(tests/browser/test_fediverse_dialog.py)."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest
import regex
from lxml import html as lxml_html

from column import data, render, sharing
from sharing_support import BLUESKY_HEADLINE, HEADLINE, READY, SHARE_BAR, TOOLBAR, TURNED_OFF, sharing_project
from support import SITE_URL, build

ICONS = {key: f"fontawesome/brands/{key}" for key in ("bluesky", "mastodon", "threads")}


def graphemes(text: str) -> int:
    """Unicode's extended grapheme clusters (UAX #29), which Bluesky's 300 counts: `regex`'s \\X."""
    return len(regex.findall(r"\X", text))


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, object]:
    """The sharing column built as it is ("off") and with its ready entries turned on ("on"): {name: parsed page}."""
    pages = {}
    for name, turned_on in (("off", False), ("on", True)):
        work = tmp_path_factory.mktemp(f"sharing-{name}")
        result = build(sharing_project(work / "project", turned_on=turned_on), work / "site")
        assert result.returncode == 0, result.stderr
        pages[name] = lxml_html.fromstring((work / "site" / "index.html").read_bytes())
    return pages


def share_bar(page) -> dict[str, str]:
    """{label: address} of the share bar, in order: a link's href, a button's address for the reader's server."""
    return {
        item.get("aria-label"): item.get("href") or item.get("data-oc-fediverse")
        for item in page.cssselect(".oc-share__list a.oc-button, .oc-share__list button[data-oc-fediverse]")
    }


def toolbar(page) -> dict[str, object]:
    return {item.get("aria-label"): item for item in page.cssselect(".oc-passage [data-oc-quote]")}


# --- the share bar and the toolbar, built -----------------------------------------------------------------------


def test_the_ready_entries_are_off_until_their_line_is_deleted(sites):
    off = share_bar(sites["off"])
    assert list(off) == [label for label in SHARE_BAR if label.split()[-1] not in READY]
    assert [label for label in toolbar(sites["off"])] == [
        "Share on X",
        "Share on Bluesky",
        "Share on Mastodon",
        "Share by e-mail",
    ]
    # Nor drawn: the sprite has no symbol for an entry that is off.
    symbols = sites["off"].xpath("//svg[@class='oc-sprite']/symbol/@id")
    assert "oc-icon--bluesky" in symbols and not {"oc-icon--threads", "oc-icon--linkedin", "oc-icon--reddit"} & set(
        symbols
    )
    # Deleting the one line of each turns it on, in its place in the file's order.
    assert share_bar(sites["on"]) == SHARE_BAR and list(share_bar(sites["on"])) == list(SHARE_BAR)
    assert list(toolbar(sites["on"])) == TOOLBAR


def test_each_link_carries_the_address_and_headline_as_its_network_reads_them(sites):
    bar = share_bar(sites["on"])
    fields = {label: dict(parse_qsl(urlsplit(href).query, keep_blank_values=True)) for label, href in bar.items()}
    assert fields["Share on X"] == {"url": SITE_URL, "text": HEADLINE}
    assert urlsplit(bar["Share on X"]).netloc == "x.com"
    assert fields["Share on Threads"] == {"url": SITE_URL, "text": HEADLINE}
    assert fields["Share on LinkedIn"] == {"url": SITE_URL}  # LinkedIn reads the address only
    assert fields["Share on Reddit"] == {"url": SITE_URL, "title": HEADLINE}
    assert fields["Share on Mastodon"] == {"text": f"{HEADLINE} {SITE_URL}"}
    assert bar["Share on Mastodon"].startswith("https://{server}/share?")
    # Bluesky takes text only: the headline, cut short, and the address, 300 graphemes at most.
    (text,) = fields["Share on Bluesky"].values()
    assert text == f"{BLUESKY_HEADLINE} {SITE_URL}"
    assert graphemes(text) <= 300 < len(text.encode("utf-16-le")) // 2  # within as Bluesky counts; not in UTF-16
    # The longest beginning of whole words that fits: one more word would not.
    longer = HEADLINE[: HEADLINE.index(" at all")] + f"\u2026 {SITE_URL}"
    assert graphemes(longer) > 300


def test_the_toolbar_leaves_the_passage_to_the_script(sites):
    items = toolbar(sites["on"])
    # Bluesky's link says its limit, for the script to shorten the quote by; the others have none.
    assert items["Share on Bluesky"].get("data-oc-max") == "300"
    assert [label for label, item in items.items() if item.get("data-oc-max")] == ["Share on Bluesky"]
    assert items["Share on Bluesky"].get("data-oc-quote") == "https://bsky.app/intent/compose?text={text}%20{url}"
    assert items["Share on Threads"].get("data-oc-quote") == "https://www.threads.com/intent/post?text={text}&url={url}"
    # Mastodon's is a button: the script asks for the server, then opens the address it keeps.
    mastodon = items["Share on Mastodon"]
    assert mastodon.tag == "button" and mastodon.get("aria-haspopup") == "dialog"
    assert mastodon.get("data-oc-quote") == "https://{server}/share?text={text}%20{url}"
    assert mastodon.get("data-oc-fediverse") == SHARE_BAR["Share on Mastodon"]


def test_the_mastodon_button_needs_the_script_and_the_page_carries_the_dialog(sites):
    page = sites["on"]
    (button,) = page.cssselect(".oc-share__list button[data-oc-fediverse]")
    assert button.getparent().get("class") == "oc-js-only"  # not shown without JavaScript
    (dialog,) = page.xpath("//dialog")
    assert dialog.get("open") is None  # closed: not shown until the button opens it
    assert dialog.get("aria-labelledby") == "oc-fediverse-title"
    assert page.get_element_by_id("oc-fediverse-title").text_content() == "Share on Mastodon"
    (field,) = dialog.xpath(".//input")
    assert page.xpath(f"//label[@for='{field.get('id')}']") and field.get("dir") == "ltr"
    assert not page.xpath("//form")  # nothing is submitted: the policy's form-action is 'none'
    # What the script says, in the page's language, is data on the page.
    words = json.loads(page.get_element_by_id("oc-words").text)
    assert words["fediverse.invalid"] == "“{server}” is not a server’s address: write it like mastodon.social."


def test_the_404_page_has_no_dialog(site):
    page = lxml_html.fromstring((site / "404.html").read_bytes())
    assert not page.xpath("//dialog | //*[@data-oc-fediverse]")


# --- the rules, called directly ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, count",
    [
        ("cafe\u0301", 4),  # a letter and its combining accent are one
        ("\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", 1),  # a family joined by ZWJ
        ("\U0001f1fa\U0001f1e6", 1),  # a flag: two regional indicators
    ],
)
def test_length_is_counted_in_graphemes(text, count):
    assert len(sharing.graphemes(text)) == count


@pytest.mark.parametrize(
    "keep, shortened",
    [
        (100, "Zoe\u0308 ate soup, then left"),  # it fits: as it is
        (14, "Zoe\u0308 ate soup\u2026"),  # the cut falls after "soup,": the comma does not dangle
        (12, "Zoe\u0308 ate\u2026"),  # inside "soup": back to the end of "ate"
        (2, "Zo\u2026"),  # inside the only word: cut there
        (0, "\u2026"),
    ],
)
def test_a_text_is_cut_at_a_word_end_with_an_ellipsis(keep, shortened):
    assert sharing.shortened("Zoe\u0308 ate soup, then left", keep) == shortened


def test_a_headline_is_cut_only_as_much_as_the_limit_takes():
    template = "https://bsky.example/?text={title}%20{url}"
    values = {"title": "one two three four", "url": "https://a.example/"}
    fitted = sharing.fitted(template, values, "title", 18 + 1 + 18)  # the whole headline, a space and the address
    assert dict(parse_qsl(urlsplit(fitted).query))["text"] == "one two three four https://a.example/"
    fitted = sharing.fitted(template, values, "title", 36)
    assert dict(parse_qsl(urlsplit(fitted).query))["text"] == "one two three\u2026 https://a.example/"
    # No limit, no cut; and {server} is left for the page's script.
    assert sharing.fitted("https://{server}/share?text={title}", {"title": "a b"}, "title", None) == (
        "https://{server}/share?text=a%20b"
    )


def test_share_links_mark_the_ones_that_ask_for_a_server():
    networks = [
        {"icon": "mastodon", "name": "Mastodon", "url": "https://{server}/share?text={title}%20{url}"},
        {"icon": "bluesky", "name": "Bluesky", "url": "https://bsky.app/intent/compose?text={title}%20{url}"},
    ]
    mastodon, bluesky = render.share_links(networks, "https://a.example/", "H {server}", "Share on {network}")
    # The headline is percent-encoded, braces too: only the template's own {server} is left for the script.
    assert mastodon["href"] == "https://{server}/share?text=H%20%7Bserver%7D%20https%3A%2F%2Fa.example%2F"
    assert (mastodon["asks_server"], bluesky["asks_server"]) == (True, False)


NETWORK = {"icon": "threads", "name": "Threads", "url": "https://www.threads.com/intent/post?text={title}&url={url}"}


def located(value: list, lines: dict | None = None) -> data.Located:
    return data.Located(value, lines or {}, "data/networks.yml")


def test_enabled_false_leaves_an_entry_out():
    networks = [NETWORK, {**NETWORK, "icon": "bluesky", "enabled": False}, {**NETWORK, "enabled": True}]
    assert sharing.check_networks(located(networks), ICONS) == [networks[0], networks[2]]
    assert TURNED_OFF == "  enabled: false\n"  # the line the README tells a publisher to delete


@pytest.mark.parametrize(
    "field, value, expected",
    [
        (
            "enabled",
            "no",
            "true or false (false: a ready entry that the share bar and the toolbar leave out), got 'no'",
        ),
        (
            "max_length",
            0,
            "a whole number of characters, at least 1, counted as graphemes (what a reader sees as "
            "one character), got an integer (0)",
        ),
        (
            "max_length",
            True,
            "a whole number of characters, at least 1, counted as graphemes (what a reader sees "
            "as one character), got a boolean (True)",
        ),
        (
            "url",
            "https://a.example/{server}?text={title}&u={url}",
            "{server} as the whole host of an https: address, "
            "as in https://{server}/share?text={title}%20{url}, got 'https://a.example/{server}?text={title}&u={url}'",
        ),
    ],
)
def test_a_network_option_is_checked_with_its_line(field, value, expected):
    network = {**NETWORK, field: value}
    with pytest.raises(data.InputError) as error:
        sharing.check_networks(located([network], {f"0.{field}": 7}), ICONS)
    assert (
        str(error.value)
        == f"data/networks.yml, line 7: field '{field}' of the first share network: expected {expected}."
    )
