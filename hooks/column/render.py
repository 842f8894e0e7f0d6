"""What the templates show, computed once from the checked metadata: share links, structured data,
the Content-Security-Policy and the host files. Pure functions; the templates only escape and print."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import unicodedata

import rjsmin
from babel import Locale
from babel.dates import format_date

from column import sharing
from column.data import calendar_day, parse_date
from column.reading import ReadingTime
from column.sharing import percent_encode
from column.translations import fill


def share_label(network: dict, share_on: str) -> str:
    """A network's own label (data/networks.yml), else the site language's "Share on {network}" filled in."""
    return network.get("label") or fill(share_on, {"network": network["name"]})


def share_links(networks: list[dict], page_url: str, title: str, share_on: str) -> list[dict]:
    """One link per network: its endpoint with the page URL and headline filled in, percent-encoded (the
    headline shortened where the network's posts are short: sharing.fitted). `share_on` is the label's words
    ("Share on {network}") in the site's language. A link to the reader's own server (`asks_server`) keeps
    {server} for the page's script, which asks for it."""
    values = {"url": page_url, "title": title}
    links = []
    for network in networks:
        href = sharing.fitted(network["url"], values, "title", network.get("max_length"))
        label = share_label(network, share_on)
        # A mail link opens the mail program, not a page: no new tab for it.
        new_tab = not href.startswith("mailto:")
        asks_server = sharing.asks_server(href)
        links.append(
            {"label": label, "icon": network["icon"], "href": href, "new_tab": new_tab, "asks_server": asks_server}
        )
    return links


def quote_share_links(networks: list[dict], page_url: str, title: str, share_on: str) -> list[dict]:
    """The passage toolbar's links: one per network with a `quote_url`. `template` has the headline filled
    in and {url} and {text} left for the page's script, which knows the passage only once it is selected;
    until then `href` shares the whole column, as the share bar does. `max_length` is the network's, for the
    script to shorten the quote by."""
    links = []
    for network, whole in zip(networks, share_links(networks, page_url, title, share_on), strict=True):
        if "quote_url" in network:
            links.append(
                {
                    "label": whole["label"],
                    "icon": network["icon"],
                    "href": whole["href"],
                    "template": sharing.filled(network["quote_url"], {"title": title}),
                    "new_tab": not network["quote_url"].startswith("mailto:"),
                    "asks_server": sharing.asks_server(network["quote_url"]),
                    "max_length": network.get("max_length"),
                }
            )
    return links


def kicker(column: str, site_name: str) -> str | None:
    """The column's name above the headline, unless the header above it already says the same (the site
    named after its one column): one label, not the same words twice. Case, spacing and the apostrophe's
    shape do not make two names different."""

    def words(name: str) -> str:
        return " ".join(name.replace("\u2019", "'").casefold().split())

    return None if words(column) == words(site_name) else column


# Where a typesetter breaks an address at a line's end: after a slash, a dot, a hyphen, a question mark or an
# ampersand, never inside a word; a run of them (the `//` of https://) stays whole.
ADDRESS_BREAK_RE = re.compile(r"(?<=[/.?&-])(?=[^/.?&-])")


def address_html(url: str) -> str:
    """The address as HTML, escaped, with a <wbr> at each of its ADDRESS_BREAK_RE points: the line-break
    opportunities the stylesheet leaves it (https://<wbr>columns.<wbr>example/<wbr>...)."""
    return "<wbr>".join(html.escape(part) for part in ADDRESS_BREAK_RE.split(url))


HONORIFICS = {"dr", "prof", "mr", "mrs", "ms", "sir", "dame", "lord", "lady"}


# The scripts whose letters join (Unicode's ArabicShaping.txt), by the start of their letters' names: two
# initials in one of them are kept apart by a zero-width non-joiner, so that they read as two letters, not a word.
JOINING_SCRIPTS = (
    "ARABIC", "SYRIAC", "NKO", "MONGOLIAN", "MANDAIC", "MANICHAEAN", "PSALTER PAHLAVI", "ADLAM", "HANIFI ROHINGYA",
    "SOGDIAN", "CHORASMIAN", "OLD UYGHUR", "PHAGS-PA",
)  # fmt: skip
NON_JOINER = "\u200c"


def initials(name: str) -> str:
    """ "Dr Alexander Yakovenko" -> "AY": the avatar, since the source has no photo. Initials of a joining script
    are kept from joining ("سلمى حداد" -> "س", NON_JOINER, "ح")."""
    words = [word for word in name.split() if word.strip(".").lower() not in HONORIFICS] or name.split()
    letters = [words[0][0], words[-1][0]] if len(words) > 1 else [words[0][0]]
    joining = any(unicodedata.name(letter, "").startswith(JOINING_SCRIPTS) for letter in letters)
    return (NON_JOINER if joining else "").join(letters).upper()


def structured_data(
    *,
    meta: dict,
    author: dict,
    author_url: str,
    page_url: str,
    images: list[dict],
    language: str,
    publisher: dict,
    reading_time: ReadingTime,
    dates: dict,
    corrections: list[dict] = (),
) -> dict:
    """schema.org OpinionNewsArticle. The template serialises it with `tojson`, which escapes <, > and &
    so that no value can close the <script> block. The dates appear only when the front matter sets them.
    `author_url` is the author's page on the site (what search engines ask an author's URL to be); their
    profiles elsewhere are the Person's sameAs."""
    data = {
        "@context": "https://schema.org",
        "@type": "OpinionNewsArticle",
        "headline": meta["title"],
        "description": meta["description"],
        "articleSection": meta["column"],
        "inLanguage": language,
        "wordCount": reading_time.words,
        "timeRequired": reading_time.duration,
        "url": page_url,
        "mainEntityOfPage": page_url,
        "image": [image_object(image) for image in images],
        "author": {
            "@type": "Person",
            "name": author["name"],
            "url": author_url,
            "jobTitle": author["roles"],
            "sameAs": [profile["url"] for profile in author["profiles"]],  # every profile (profiles.check_authors)
        },
        "publisher": {
            "@type": "Organization",
            "name": publisher["name"],
            "url": publisher["url"],
            "logo": image_object(publisher["logo"]),
        },
        "isBasedOn": {
            "@type": "OpinionNewsArticle",
            "url": meta["original_url"],
            "publisher": {"@type": "Organization", "name": meta["original_publisher"]},
        },
    }
    if "published" in dates:
        data["datePublished"] = dates["published"]["iso"]
    if "modified" in dates:
        data["dateModified"] = dates["modified"]["iso"]
    if corrections:
        # schema.org's `correction` (The Trust Project's): a CorrectionComment for each, with its date.
        data["correction"] = [
            {"@type": "CorrectionComment", "text": correction["words"], "datePublished": correction["date"]["iso"]}
            for correction in corrections
        ]
    return data


def image_object(image: dict) -> dict:
    return {"@type": "ImageObject", "url": image["url"], "width": image["width"], "height": image["height"]}


def publication_dates(meta: dict, locale: Locale | str) -> dict:
    """The column's dates, those that are known: {"published" (date), "modified" (modified_date): the date
    as shown (shown_date)}."""
    dates = {}
    for key, value in (("published", meta.get("date")), ("modified", modified_date(meta))):
        if value:
            dates[key] = shown_date(value, locale)
    return dates


def shown_date(value: str, locale: Locale | str) -> dict:
    """{"iso": a checked date as written, "text": its calendar day as the site's language writes it (en_GB:
    28 March 2016)}."""
    return {"iso": value, "text": format_date(calendar_day(parse_date(value)), format="long", locale=locale)}


def modified_date(meta: dict) -> str | None:
    """When the column last changed in substance: `updated`, else its last correction's date (a correction
    is such a change, and data.check_corrections keeps `updated` from falling before it), else unknown."""
    corrections = meta.get("corrections")
    return meta.get("updated") or (corrections[-1]["date"] if corrections else None)


def corrections(meta: dict, texts: list[tuple[str, str]], locale: Locale | str) -> list[dict]:
    """The editor's notes, oldest first: each correction's date as shown ("date": shown_date) and its text as
    checked HTML ("html") and as the words a reader sees ("words", for the JSON-LD)."""
    return [
        {"date": shown_date(correction["date"], locale), "html": html, "words": words}
        for correction, (html, words) in zip(meta.get("corrections", []), texts, strict=True)
    ]


def last_modified(meta: dict) -> str | None:
    """The sitemap's lastmod: when the page last changed, if the front matter says."""
    return modified_date(meta) or meta.get("date")


def csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(*, inline_scripts: list[str], inline_style: str, live_reload: bool = False) -> str:
    """The page's policy. Inline code is allowed by hash only, so markup injected through the content
    cannot run; script files only from the site itself (the passage toolbar's, loaded on a selection).
    frame-ancestors is left to the host headers: browsers ignore it in a <meta> policy.
    `mkdocs serve` injects an inline live-reload script that polls the server, different on every
    request, so the local preview (live_reload=True) allows inline scripts and same-origin requests."""
    hashes = " ".join(csp_hash(s) for s in inline_scripts)
    scripts = "'self' 'unsafe-inline'" if live_reload else f"'self' {hashes}"
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            f"style-src 'self' {csp_hash(inline_style)}",
            "img-src 'self' data:",  # the favicon is a data: URL, to spare a request
            "font-src 'none'",
            # Same-origin only: live reload polls the server, and crawlers such as Lighthouse fetch
            # robots.txt from within the page.
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


REFERRER_POLICY = "strict-origin-when-cross-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def host_headers(csp: str, fingerprinted: list[str], *, preview: bool = False) -> str:
    """`_headers` for Netlify and Cloudflare Pages: the page's policy plus what only headers can say.
    Only fingerprinted files (their name changes with their content) are cached for long. A preview's
    files, the cards and icons too, carry `X-Robots-Tag: noindex`, which a page's <meta> cannot say for them."""
    lines = [
        "/*",
        f"  Content-Security-Policy: {csp}; frame-ancestors 'none'",
        f"  Referrer-Policy: {REFERRER_POLICY}",
        "  X-Content-Type-Options: nosniff",
        f"  Permissions-Policy: {PERMISSIONS_POLICY}",
        *(["  X-Robots-Tag: noindex"] if preview else []),
    ]
    for path in fingerprinted:
        lines += [f"/{path}", "  Cache-Control: public, max-age=31536000, immutable"]
    return "\n".join(lines) + "\n"


def svg_data_url(svg: str) -> str:
    return "data:image/svg+xml," + percent_encode(svg)


# A light colour is #rgb or #rrggbb: the card's drawing (Pillow) and the favicon take either.
PALETTE_RE = re.compile(r"--oc-([a-z]+):\s*light-dark\(\s*(#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3}))\s*,")


def light_palette(css: str) -> dict[str, str]:
    """{name: colour} of the light theme in the site's stylesheet (`--oc-NAME: light-dark(#light, #dark)`),
    so that the card and the favicon use the page's own colours."""
    return {name: colour for name, colour in PALETTE_RE.findall(css)}


# One declaration of the palette, `--oc-NAME: light-dark(light, dark);` (the values hold no parentheses).
LIGHT_DARK_RE = re.compile(r"(--oc-[a-z]+):\s*light-dark\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*\)\s*;")
# Where the page is dark, as the stylesheet's `color-scheme` rules set it: on screen (print is light), the
# system's choice unless the reader chose light, or the reader's choice (theme-init.js sets the attribute).
DARK_SYSTEM = '@media screen and (prefers-color-scheme: dark) { :root:not([data-oc-theme="light"])'
DARK_CHOSEN = '@media screen { :root[data-oc-theme="dark"]'


def colour_fallback(css: str) -> str:
    """The stylesheet, with the palette also declared without light-dark() right after the rule that declares
    it, for browsers from before 2024 (Safari before 17.5, Chrome before 123, Firefox before 120). Such a
    browser keeps `--oc-paper: light-dark(...)` as a custom property's text and then drops every colour that
    uses it; the plain values, inside `@supports not`, are all it reads. The stylesheet stays the one place
    the colours are written."""
    found = list(LIGHT_DARK_RE.finditer(css))
    if not found:
        return css
    light = "".join(f"{m[1]}:{m[2]};" for m in found)
    dark = "".join(f"{m[1]}:{m[3]};" for m in found)
    block = (
        "@supports not (color: light-dark(#000, #fff)) {\n"
        f"  :root {{ {light} }}\n"
        f"  {DARK_SYSTEM} {{ {dark} }} }}\n"
        f"  {DARK_CHOSEN} {{ {dark} }} }}\n"
        "}"
    )
    end = css.index("}", found[-1].end()) + 1
    return f"{css[:end]}\n{block}{css[end:]}"


# A CSS string (kept as written), or a run of comments and whitespace.
CSS_TOKEN_RE = re.compile(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(?:/\*.*?\*/|\s)+""", re.S)


def compact_css(css: str) -> str:
    """The stylesheet as the page carries it: without its comments, each run of whitespace one space, strings
    as written. Every byte of the inlined stylesheet is in the first view, which must stay one small request
    (handbook/PAGE.md, "Performance"); the comments stay in overrides/assets/column.css."""

    def keep(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)
        if re.search(r"\s", re.sub(r"/\*.*?\*/", "", match.group(0), flags=re.S)):
            return " "
        # A comment alone between two characters of names or numbers keeps them apart: 0/**/auto is two values.
        around = css[match.start() - 1 : match.start()] + css[match.end() : match.end() + 1]
        return " " if re.fullmatch(r"[\w.%-]{2}", around) else ""

    return CSS_TOKEN_RE.sub(keep, css).strip()


def compact_js(code: str) -> str:
    """A script as the page carries it inline: without its comments and the spaces the language does not need
    (rjsmin, which reads strings and regular expressions as the language does). Every byte of it is in the first
    view (handbook/PAGE.md, "Performance"); the comments stay in overrides/assets/."""
    return rjsmin.jsmin(code)


def robots_txt(site_url: str, *, preview: bool = False) -> str:
    """The site: everything may be crawled, and the sitemap is named. A deploy preview: nothing may be,
    and no sitemap is named (its own lists no page: overrides/sitemap.xml)."""
    if preview:
        return "User-agent: *\nDisallow: /\n"
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]
