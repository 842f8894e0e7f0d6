"""Hostile input and where it must show, unchanged, on the page: text that a template printing a value
unescaped, or escaped for the wrong context, would turn into markup, a broken attribute, a closed <script>
block or a mangled string; well-formed but hostile URLs; hostile but allowed Markdown. Read by
tests/test_hostile_input.py (lxml) and tests/browser/test_hostile.py (Chromium)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from build_harness import copy_project
from project_edits import DATES, TWITTER_SITE, add_front_matter, set_fields, set_twitter_site
from suite_columns import share_links

HOSTILE = {
    "quotes": "Quotes \"double\" and 'single' and `back`",
    "ampersands": "Fish & chips &amp; &lt;b&gt; entities",
    "script": "<script>alert(1)</script>",
    "close-script": "</script><script>alert(2)</script><!--",
    "attribute-breakout": '"><img src=x onerror=alert(3)>',
    "rtl-override": "Palmyra \u202eSISI fo taefed\u202c liberated",
    "long": ("A 500-character headline keeps every tag intact. " * 11)[:500],
    "cyrillic-emoji": "Освобождение Пальмиры 🕊️ — знак неизбежного поражения ИГИЛ",
    "mixed": 'Liberation "of" <Palmyra> & </script> ‘ISIS’ — Пальмира 🕊️',
}
# Two builds carry the corpus (a build is the expensive part): every short case together, and the long
# one on its own, since its length is the point.
HOSTILE_BUILDS = {
    "together": " | ".join(value for case, value in HOSTILE.items() if case != "long"),
    "long": HOSTILE["long"],
}
# Every free-text field that reaches a page: {label: (file, key as set_fields finds it)}. Each field gets
# the build's text followed by its own label (hostile_text), so a template printing the wrong field fails.
HOSTILE_FIELDS = {
    "title": ("docs/index.md", "title"),
    "description": ("docs/index.md", "description"),
    "column": ("docs/index.md", "column"),
    "disclaimer": ("docs/index.md", "disclaimer"),
    "original_publisher": ("docs/index.md", "original_publisher"),
    "author_name": ("data/authors.yml", "  name"),
    "author_roles": ("data/authors.yml", "  roles"),
    "profile_network": ("data/authors.yml", "    network"),
    "profile_follow": ("data/authors.yml", "    follow"),
    "profile_handle": ("data/authors.yml", "    handle"),
    "network_name": ("data/networks.yml", "  name"),  # the first network's: Facebook
    "network_label": ("data/networks.yml", "  label"),  # the first network with a label: e-mail
    "site_name": ("mkdocs.yml", "site_name"),
    "publisher_name": ("mkdocs.yml", "    name"),
}
# Hostile but well-formed URLs, which the checks let through: each must reach the page exactly as written.
# `&lt;`, `&quot;` and `&amp;` are plain characters in a URL; printed unescaped into HTML they would be
# read as <, " and &. The site's address is the builds' SITE_URL.
HOSTILE_URLS = {
    "original_url": "https://hostile.example/op-ed/?a=1&amp;b=&lt;script&gt;alert(1)&lt;/script&gt;#&quot;&gt;",
    "profile_url": "https://hostile.example/@x?q=&quot;&gt;&lt;img/src=x/onerror=alert(3)&gt;&copy;(1)*!$,;=~",
    "site_url": "https://columns.example/hostile&amp;view&lt;b&gt;/",
    # The first network's share URL: {url} and {title} are filled in, percent-encoded.
    "network_url": "https://www.facebook.com/sharer/sharer.php?u={url}&amp;t={title}&lt;b&gt;",
    # The first network's quote URL (X's): {title} is filled in; {text} and {url} are the passage toolbar's.
    "network_quote_url": "https://twitter.com/intent/tweet?text={text}&url={url}&amp;via={title}&lt;b&gt;",
}
HOSTILE_URL_FIELDS = {
    "original_url": ("docs/index.md", "original_url"),
    "profile_url": ("data/authors.yml", "    url"),
    "network_url": ("data/networks.yml", "  url"),
    "network_quote_url": ("data/networks.yml", "  quote_url"),
}
# Hostile Markdown that is allowed: markup in inline code, character references and a lone "<" show as
# text; the links are plain links. Appended to the body; how it must show is HOSTILE_BODY_SHOWN.
HOSTILE_BODY = """
Inline code is text: `<div>`, `<script>alert(1)</script>` and `"><img src=x onerror=alert(3)>`.

References stay text: &lt;b&gt;bold?&lt;/b&gt; &amp;amp; and a lone < and a bare & too.

A [*link* with "quotes"](https://hostile.example/?a=1&amp;b=%3Cc%3E&d "title <b> & more") and \
<https://hostile.example/auto?x=1&y=2>.

> A quote holding `</blockquote>` and **strong** words.

- an item holding `<li>`
"""
HOSTILE_BODY_SHOWN = {
    "code": ["<div>", "<script>alert(1)</script>", '"><img src=x onerror=alert(3)>', "</blockquote>", "<li>"],
    "references": "References stay text: <b>bold?</b> &amp; and a lone < and a bare & too.",
    "links": [
        ["https://hostile.example/?a=1&b=%3Cc%3E&d", 'link with "quotes"', "title <b> & more"],
        ["https://hostile.example/auto?x=1&y=2", "https://hostile.example/auto?x=1&y=2", None],
    ],
    # Every element the body holds: the allowed ones only.
    "elements": ["a", "blockquote", "code", "em", "li", "p", "strong", "ul"],
}
# The card and the favicon are drawn in the stylesheet's light colours: the hostile builds change them.
HOSTILE_PALETTE = {"paper": "#f0f8ff", "ink": "#102030", "muted": "#405060", "accent": "#006400"}

# Where the fields land on the page: {context: (CSS selector of exactly one element, "text" or an attribute,
# what it holds: the fields' texts and the URLs, by label)}.
CONTEXTS = {
    "<title>": ("title", "text", "{title}"),
    "headline": ("h1", "text", "{title}"),
    "kicker": (".oc-kicker", "text", "{column}"),
    "standfirst": (".oc-standfirst", "text", "{description}"),
    "byline": (".oc-byline a", "text", "{author_name}"),
    "disclaimer": (".oc-disclaimer", "text", "{disclaimer}"),
    "bio name": (".oc-bio__text strong", "text", "{author_name}"),
    "bio handle": (".oc-bio__text a.u-url", "text", "{profile_handle}"),
    "bio handle link": (".oc-bio__text a.u-url", "href", "{profile_url}"),
    "profile link": (".oc-bio__profile", "href", "{profile_url}"),
    "profile label": (".oc-bio__profile", "aria-label", "{profile_handle} on {profile_network}"),
    "profile title": (".oc-bio__profile", "title", "{profile_handle} on {profile_network}"),
    "original link": (".oc-original a", "href", "{original_url}"),
    "original link text": (".oc-original a", "text", "{original_publisher}"),
    "site name": (".oc-header__site", "text", "{site_name}"),
    "canonical": ('link[rel="canonical"]', "href", "{site_url}"),
    "description": ('meta[name="description"]', "content", "{description}"),
    "author": ('meta[name="author"]', "content", "{author_name}"),
    "og:title": ('meta[property="og:title"]', "content", "{title}"),
    "og:description": ('meta[property="og:description"]', "content", "{description}"),
    "og:url": ('meta[property="og:url"]', "content", "{site_url}"),
    "og:site_name": ('meta[property="og:site_name"]', "content", "{site_name}"),
    "og:image:alt": ('meta[property="og:image:alt"]', "content", "{column}: {title}, by {author_name}"),
    "article:section": ('meta[property="article:section"]', "content", "{column}"),
    "twitter:title": ('meta[name="twitter:title"]', "content", "{title}"),
    "twitter:description": ('meta[name="twitter:description"]', "content", "{description}"),
    "twitter:image:alt": ('meta[name="twitter:image:alt"]', "content", "{column}: {title}, by {author_name}"),
    "twitter:creator": ('meta[name="twitter:creator"]', "content", "{profile_handle}"),
    "copy link": ("[data-oc-copy]", "data-oc-copy", "{site_url}"),
    "share sheet title": ("[data-oc-share]", "data-oc-title", "{title}"),
    "share sheet url": ("[data-oc-share]", "data-oc-url", "{site_url}"),
    "address": (".oc-share__address", "text", "{site_url}"),
    "printed address": (".oc-print-url", "text", "Read online: {site_url}"),
    "passage toolbar url": (".oc-passage", "data-oc-url", "{site_url}"),
    "passage toolbar author": (".oc-passage", "data-oc-author", "{author_name}"),
    "passage toolbar title": (".oc-passage", "data-oc-title", "{title}"),
}


def hostile_text(text: str, field: str) -> str:
    """What hostile_project puts into one field (a label of HOSTILE_FIELDS)."""
    return f"{text} ({field})"


def hostile_expectations(text: str) -> dict[str, str]:
    """What each of CONTEXTS must hold on a page built by hostile_project(text): the input, unchanged."""
    values = {field: hostile_text(text, field) for field in HOSTILE_FIELDS} | HOSTILE_URLS
    return {context: shown.format_map(values) for context, (_, _, shown) in CONTEXTS.items()}


def hostile_share_links(text: str) -> dict[str, str]:
    """{label: href} of the share bar built by hostile_project(text): the suite's share links with the hostile
    site URL and headline, and the first network's hostile URL, name and e-mail's label."""
    url, title = quote(HOSTILE_URLS["site_url"], safe=""), quote(hostile_text(text, "title"), safe="")
    links = share_links(url, title)
    del links["Share on Facebook"], links["Share by e-mail"]
    facebook = f"https://www.facebook.com/sharer/sharer.php?u={url}&amp;t={title}&lt;b&gt;"
    e_mail = {hostile_text(text, "network_label"): f"mailto:?subject={title}&body={url}"}
    return {f"Share on {hostile_text(text, 'network_name')}": facebook, **links, **e_mail}


def hostile_quote_links(text: str) -> dict[str, str]:
    """{label: data-oc-quote} of the passage toolbar built by hostile_project(text): each quote URL with the
    headline percent-encoded, {text} and {url} left for the toolbar's script."""
    title = quote(hostile_text(text, "title"), safe="")
    return {
        "Share on X": f"https://twitter.com/intent/tweet?text={{text}}&url={{url}}&amp;via={title}&lt;b&gt;",
        "Share on Telegram": "https://t.me/share/url?url={url}&text={text}",
        "Share on WhatsApp": "https://api.whatsapp.com/send?text={text}%20{url}",
        hostile_text(text, "network_label"): f"mailto:?subject={title}&body={{text}}%0A%0A{{url}}",
    }


def hostile_project(dest: Path, text: str) -> Path:
    """A copy of the project with hostile text in every free-text field (HOSTILE_FIELDS), the hostile
    URLs in every URL field, the hostile Markdown at the end of the body, the optional dates and the site's
    handle set (DATES, TWITTER_SITE: exact values among the hostile ones) and HOSTILE_PALETTE as the
    stylesheet's light colours. Build it with site_url=HOSTILE_URLS["site_url"]."""
    project = copy_project(dest)
    add_front_matter(project / "docs" / "index.md", DATES)
    set_twitter_site(project, TWITTER_SITE)
    for field, (name, key) in HOSTILE_FIELDS.items():
        set_fields(project / name, {key: hostile_text(text, field)})
    for field, (name, key) in HOSTILE_URL_FIELDS.items():
        set_fields(project / name, {key: HOSTILE_URLS[field]})
    with (project / "docs" / "index.md").open("a", encoding="utf-8") as page:
        page.write(HOSTILE_BODY)
    css = project / "overrides" / "assets" / "column.css"
    style = css.read_text(encoding="utf-8")
    for name, colour in HOSTILE_PALETTE.items():
        style, count = re.subn(rf"(--oc-{name}: light-dark\()#[0-9a-fA-F]+", rf"\g<1>{colour}", style)
        assert count == 1, f"--oc-{name} not in {css}"
    css.write_text(style, encoding="utf-8")
    return project
