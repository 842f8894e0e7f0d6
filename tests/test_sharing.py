"""Sharing the column: the share bar's links, each network's documented endpoint with the page's address and
headline percent-encoded (written out in suite_columns.SHARE_LINKS, not read from data/networks.yml); copy link
and the share sheet, which need the script; and the passage toolbar's links, for the networks that take a
quote. Then sharing where readers are now: Bluesky (text only, 300 graphemes at most), Mastodon on the reader's
own server, X at the address X documents, and Threads, LinkedIn and Reddit as ready entries a publisher turns on
by deleting one line, built from the sharing column (tests/columns/sharing, sharing_support) as it is and with
the ready entries turned on; those links' expectations are written out in sharing_support from each network's
documented address. In a browser: tests/browser/test_interaction.py, test_passage.py and test_fediverse_dialog.py
(the dialog that asks for the server); without JavaScript: test_nojs.py. The messages for a network's options:
tests/test_publisher_input.py."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
import regex
from lxml import html as lxml_html

from built_pages import one, words
from column import data, render, sharing
from sharing_support import BLUESKY_HEADLINE, HEADLINE, READY, SHARE_BAR, TOOLBAR, TURNED_OFF
from suite_columns import SECOND_TITLE, SECOND_URL, SHARE_LINKS, SITE_URL, share_links


def shared(page) -> dict:
    return {a.get("aria-label"): a for a in page.cssselect(".oc-share__list a")}


def test_the_share_bar_has_each_networks_link_in_order(page, second):
    assert [(label, a.get("href")) for label, a in shared(page).items()] == list(SHARE_LINKS.items())
    # A second column shares its own address and headline.
    expected = share_links(quote(SECOND_URL, safe=""), quote(SECOND_TITLE, safe=""))
    assert [(label, a.get("href")) for label, a in shared(second).items()] == list(expected.items())


def test_share_links_are_safe_external_links(page):
    for link in shared(page).values():
        assert set(link.get("rel").split()) >= {"noopener", "noreferrer"}
        assert link.get("aria-label") and link.get("title") == link.get("aria-label") and link.cssselect("svg")
    for link in page.xpath("//a[@target='_blank']"):
        assert set(link.get("rel", "").split()) >= {"noopener", "noreferrer"}, link.get("href")
    # A network's page opens in a new tab, keeping the column open; e-mail opens the mail program instead.
    opened = {label: link.get("target") for label, link in shared(page).items()}
    assert opened == {label: None if label == "Share by e-mail" else "_blank" for label in SHARE_LINKS}


def test_copy_and_the_share_sheet_are_enhancements_with_the_address_as_text(page, second):
    for column, url in [(page, SITE_URL), (second, SECOND_URL)]:
        copy, share = one(column, "[data-oc-copy]"), one(column, "[data-oc-share]")
        assert copy.get("data-oc-copy") == url and copy.get("aria-label") == "Copy link"
        assert share.get("data-oc-url") == url and share.get("aria-label")
        assert one(column, ".oc-passage").get("data-oc-url") == url
        assert words(one(column, ".oc-share__address")) == url
        # Both sit in items that the stylesheet shows only to scripted pages.
        assert "oc-js-only" in copy.getparent().get("class") and "oc-if-share" in share.getparent().get("class")


def test_share_links_percent_encode_utf8():
    networks = [{"icon": "vk", "name": "VK", "url": "https://vk.com/share.php?url={url}&title={title}"}]
    (link,) = render.share_links(networks, "https://a.example/п?x=1&y=2", "Пальмира & co", "Share on {network}")
    assert link["href"] == (
        "https://vk.com/share.php?url=https%3A%2F%2Fa.example%2F%D0%BF%3Fx%3D1%26y%3D2"
        "&title=%D0%9F%D0%B0%D0%BB%D1%8C%D0%BC%D0%B8%D1%80%D0%B0%20%26%20co"
    )
    assert link["label"] == "Share on VK" and link["new_tab"] is True


def test_a_share_label_is_the_networks_own_or_the_languages_words():
    # The words come in the site's language; a network's own `label` (publisher's data) is used as it is.
    assert render.share_label({"name": "VK"}, "Поделиться в {network}") == "Поделиться в VK"
    assert render.share_label({"name": "{title}"}, "Share on {network}") == "Share on {title}"
    label = render.share_label({"name": "e-mail", "label": "Отправить по почте"}, "Share on {network}")
    assert label == "Отправить по почте"


# --- a passage's links -------------------------------------------------------------------------------------

NETWORKS = [
    {"icon": "fb", "name": "Facebook", "url": "https://www.facebook.com/sharer/sharer.php?u={url}"},
    {
        "icon": "tw",
        "name": "X",
        "url": "https://twitter.com/intent/tweet?url={url}&text={title}",
        "quote_url": "https://twitter.com/intent/tweet?text={text}&url={url}",
    },
    {
        "icon": "mail",
        "name": "e-mail",
        "label": "Share by e-mail",
        "url": "mailto:?subject={title}&body={url}",
        "quote_url": "mailto:?subject={title}&body={text}%0A%0A{url}",
    },
]


def test_only_networks_that_take_a_quote_are_offered_for_a_passage():
    links = render.quote_share_links(NETWORKS, SITE_URL, "Headline", "Share on {network}")
    assert [link["label"] for link in links] == ["Share on X", "Share by e-mail"]
    assert [link["new_tab"] for link in links] == [True, False]
    # Before a selection, each link shares the whole column, as the share bar does.
    whole = render.share_links(NETWORKS, SITE_URL, "Headline", "Share on {network}")
    assert [link["href"] for link in links] == [link["href"] for link in whole][1:]


def test_the_headline_is_filled_in_and_the_passage_left_to_the_script():
    hostile = 'Fish & chips {text} {url} "#1"'
    (x, mail) = render.quote_share_links(NETWORKS, SITE_URL, hostile, "Share on {network}")
    assert x["template"] == "https://twitter.com/intent/tweet?text={text}&url={url}"
    # The headline is percent-encoded, braces included: the script's {text} and {url} are the only ones left.
    assert mail["template"].count("{") == 2
    assert dict(parse_qsl(urlsplit(mail["template"]).query)) == {"subject": hostile, "body": "{text}\n\n{url}"}


# --- where readers are now: the sharing column ------------------------------------------------------------

ICONS = {key: f"fontawesome/brands/{key}" for key in ("bluesky", "mastodon", "threads")}


def graphemes(text: str) -> int:
    """Unicode's extended grapheme clusters (Unicode Standard Annex 29), which Bluesky's 300 counts: `regex`'s \\X."""
    return len(regex.findall(r"\X", text))


@pytest.fixture(scope="module")
def sites(sharing_site, every_network_site) -> dict[str, object]:
    """The sharing column built as it is ("off") and with its ready entries turned on ("on"): {name: parsed page}."""
    return {
        name: lxml_html.fromstring((site / "index.html").read_bytes())
        for name, site in (("off", sharing_site), ("on", every_network_site))
    }


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
