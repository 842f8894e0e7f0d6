"""The passage toolbar's share links as the build writes them (issue 12): one per network that says in
data/networks.yml how it takes a quote, the headline filled in, {url} and {text} left for the script."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from column import render
from support import ROOT

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
PAGE = "https://columns.example/ambassadors-view/"
SHARE_ON = "Share on {network}"  # the label's words, as overrides/translations.yml gives them in English


def test_only_networks_that_take_a_quote_are_offered():
    links = render.quote_share_links(NETWORKS, PAGE, "Headline", SHARE_ON)
    assert [link["label"] for link in links] == ["Share on X", "Share by e-mail"]
    assert [link["new_tab"] for link in links] == [True, False]
    # Before a selection, each link shares the whole column, as the share bar does.
    assert [link["href"] for link in links] == [
        link["href"] for link in render.share_links(NETWORKS, PAGE, "Headline", SHARE_ON)
    ][1:]


def test_the_headline_is_filled_in_and_the_passage_left_to_the_script():
    hostile = 'Fish & chips {text} {url} "#1"'
    (x, mail) = render.quote_share_links(NETWORKS, PAGE, hostile, SHARE_ON)
    assert x["template"] == "https://twitter.com/intent/tweet?text={text}&url={url}"
    # The headline is percent-encoded, braces included: the script's {text} and {url} are the only ones left.
    assert mail["template"].count("{") == 2
    fields = dict(parse_qsl(urlsplit(mail["template"]).query))
    assert fields == {"subject": hostile, "body": "{text}\n\n{url}"}


def test_the_toolbar_loads_the_fingerprinted_script_beside_the_page(site, page):
    # column.js fetches this file on the first selection: it must be the script the build wrote, by a path
    # relative to the page (the policy allows 'self'), fingerprinted so that a new version is a new URL.
    (toolbar,) = page.xpath("//*[@data-oc-passage]")
    script = toolbar.get("data-oc-script")
    assert re.fullmatch(r"\./assets/passage\.[0-9a-f]{10}\.js", script), script
    written = (site / script).read_text(encoding="utf-8")
    assert written == (ROOT / "overrides" / "assets" / "passage.js").read_text(encoding="utf-8")
