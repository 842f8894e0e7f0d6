"""Sharing the column: the share bar's links, each network's documented endpoint with the page's address and
headline percent-encoded (written out in suite_columns.SHARE_LINKS, not read from data/networks.yml); copy link
and the share sheet, which need the script; and the passage toolbar's links, for the networks that take a
quote. In a browser: tests/browser/test_interaction.py and test_passage.py; without JavaScript: test_nojs.py."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlsplit

from built_pages import one, words
from column import render
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
