"""Share targets beyond a plain link (data/networks.yml): entries the bar leaves out until the publisher turns
them on, networks whose posts are short (Bluesky counts graphemes), and networks on the reader's own server
(Mastodon and the rest of the fediverse), which the page asks the reader for.

Pure functions; render.share_links and render.quote_share_links build the links with them. A problem raises
InputError naming the file, the line, the field and what is expected.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlsplit

import regex

from column import data

# A template whose host is the reader's server: the page asks for it (overrides/assets/fediverse.js) and puts it
# in place of this placeholder, which the build leaves as it is.
SERVER = "{server}"
SERVER_START = f"https://{SERVER}/"
ENABLED = "true or false (false: a ready entry that the share bar and the toolbar leave out)"
MAX_LENGTH = "a whole number of characters, at least 1, counted as graphemes (what a reader sees as one character)"
SERVER_TEMPLATE = f"{SERVER} as the whole host of an https: address, as in {SERVER_START}share?text={{title}}%20{{url}}"
ELLIPSIS = "…"
# Unicode's extended grapheme clusters (UAX #29), as Bluesky counts a post's length (300 at most).
GRAPHEME_RE = regex.compile(r"\X")
# Left off the end of a shortened text, before the ellipsis: a space, or punctuation that would dangle.
DANGLING = " \t\n,;:"
# What the page's scripts say when the reader is asked for their server (overrides/assets/fediverse.js).
SCRIPT_WORDS = ("fediverse.invalid", "fediverse.empty", "fediverse.forgotten")
# The ids of the dialog that asks (overrides/partials/fediverse.html): no paragraph takes one of them.
DIALOG_IDS = ("oc-fediverse", "oc-fediverse-title", "oc-fediverse-server", "oc-fediverse-hint", "oc-fediverse-error")


def check_networks(doc: data.Located, icons: dict[str, str]) -> list[dict]:
    """data/networks.yml checked whole (data.check_networks, then the fields below): the networks offered, in
    order, which are all but those turned off with `enabled: false`."""
    networks = data.check_networks(doc, icons)
    for index, network in enumerate(networks):
        check_options(doc, str(index), network)
    return [network for network in networks if network.get("enabled", True)]


def check_options(doc: data.Located, path: str, network: dict) -> None:
    if "enabled" in network and not isinstance(network["enabled"], bool):
        raise doc.fail(f"{path}.enabled", ENABLED, network["enabled"])
    if "max_length" in network:
        length = network["max_length"]
        if isinstance(length, bool) or not isinstance(length, int) or length < 1:
            raise doc.fail(f"{path}.max_length", MAX_LENGTH, length)
    for field in ("url", "quote_url"):
        template = network.get(field, "")
        if SERVER in template and (not template.startswith(SERVER_START) or template.count(SERVER) > 1):
            raise doc.fail(f"{path}.{field}", SERVER_TEMPLATE, template)


def asks_server(template: str) -> bool:
    """Whether a share link goes to the reader's own server, which the page asks for."""
    return template.startswith(SERVER_START)


def offers_server(networks: list[dict]) -> bool:
    """Whether any network offered goes to the reader's server: the page then carries the dialog that asks."""
    return any(asks_server(network["url"]) or asks_server(network.get("quote_url", "")) for network in networks)


def graphemes(text: str) -> list[str]:
    return GRAPHEME_RE.findall(text)


def longest_parameter(href: str) -> int:
    """The length, in graphemes, of the longest value in the link's query, decoded: what the network reads."""
    return max(
        (len(graphemes(value)) for _, value in parse_qsl(urlsplit(href).query, keep_blank_values=True)), default=0
    )


def shortened(text: str, keep: int) -> str:
    """The first `keep` graphemes of `text` and an ellipsis; cut back to the end of a word when the cut falls
    inside one and an earlier word ends before it. The text itself when it has no more than `keep`."""
    parts = graphemes(text)
    if keep >= len(parts):
        return text
    keep = max(keep, 0)
    head = "".join(parts[:keep])
    if not parts[keep].isspace():
        whole_words = regex.sub(r"\s+\S*\Z", "", head)
        if whole_words.strip(DANGLING):
            head = whole_words
    return head.rstrip(DANGLING) + ELLIPSIS


def percent_encode(value: str) -> str:
    """UTF-8 percent-encoding with nothing left unescaped but unreserved characters (space is %20)."""
    return quote(value, safe="")


def filled(template: str, values: dict[str, str]) -> str:
    """The template with each value percent-encoded in place of its {name}; {server} and any name without a
    value are left as they are, for the page's script."""
    encoded = {name: percent_encode(value) for name, value in values.items()}
    return template.format_map(Placeholders(encoded))


class Placeholders(dict):
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def fitted(template: str, values: dict[str, str], name: str, max_length: int | None) -> str:
    """The template filled in (`filled`); with `max_length`, values[name] is shortened (`shortened`) as little as
    it takes for no query value to be longer than `max_length` graphemes. When even an ellipsis alone is too
    long, the link keeps it: the network's own editor then shows the reader what is over."""
    href = filled(template, values)
    if not max_length or longest_parameter(href) <= max_length:
        return href
    text = values[name]
    keep = len(graphemes(text)) - (longest_parameter(href) - max_length) - 1  # the ellipsis takes one
    while keep > 0:
        href = filled(template, {**values, name: shortened(text, keep)})
        if longest_parameter(href) <= max_length:
            return href
        keep -= 1
    return filled(template, {**values, name: ELLIPSIS})
