"""The suite's own columns (tests/columns/README.md), and what their pages must say, written out from those
files and from the networks' documentation: never read from the code under test, nor from the publisher's
docs/ and data/, which change as the site is edited."""

from __future__ import annotations

from pathlib import Path

COLUMNS = Path(__file__).resolve().parent / "columns"
# The public address the tests build with (through SITE_URL, as a deploy preview would).
SITE_URL = "https://columns.example/ambassadors-view/"
# The column pages and their addresses: the handed-over column as the home page, a second column beside it,
# and a third, by the first one's author.
COLUMN_PAGES = {"index.md": SITE_URL, "second.md": SITE_URL + "second/", "third.md": SITE_URL + "third/"}
# The pages that are not columns, each with its own link-preview card: the plain page, the index of columns
# and a page for each of the two authors (tests/columns/data/authors.yml).
OTHER_PAGES = {
    "about.md": SITE_URL + "about/",
    "columns/index.md": SITE_URL + "columns/",
    "authors/nunez/index.md": SITE_URL + "authors/nunez/",
    "authors/yakovenko/index.md": SITE_URL + "authors/yakovenko/",
}
SECOND_URL = COLUMN_PAGES["second.md"]
# The ids the rule gives the home page's paragraphs, worked out by hand from the text (source/column.txt):
# the first six words, lower case, "2,000" read as 2000.
COLUMN_IDS = [
    "on-27-march-the-syrian-army",  # the standfirst, paragraph 1
    "the-liberation-of-palmyra-is-compelling",
    "russia-has-contributed-to-the-battle",
    "over-2000-targets-were-struck-including",
    "a-huge-amount-of-work-has",
    "it-is-very-important-that-military",
    "the-recent-acts-of-terror-in",
]
# The second column's (tests/columns/docs/second.md): its lists and its quote have none.
SECOND_IDS = [
    "a-ceasefire-is-only-as-strong",
    "talks-in-geneva-resumed-this-week",
    "what-a-ceasefire-needs-is-simple",
    "history-offers-the-same-words-again",
    "an-agreement-written-as-ceasefire-in",
]
# tests/columns/docs/third.md: its standfirst and its two paragraphs' first six words.
THIRD_IDS = ["a-week-after-palmyra-the-talks", "this-text-was-written-for-the", "what-no-army-can-settle-is"]
# The columns in other languages (tests/columns/languages/<theme.language>/).
LANGUAGES = ("ru-RU", "ar")

# The home page: the handed-over column (its words: source/seed.py), first published by RT (source/README.md).
AUTHOR = "Dr Alexander Yakovenko"
PROFILE = "https://x.com/Amb_Yakovenko"
ORIGINAL = "https://www.rt.com/op-ed/338799-liberation-palmyra-defeat-isis-russia/"
HEADLINE = "Liberation of Palmyra as a sign of inevitable defeat of ISIS"
# The second column (tests/columns/docs/second.md): another author, on Telegram, both dates set.
SECOND_TITLE = "What a ceasefire needs: the same words, kept"
SECOND_AUTHOR = "Prof Ana María Núñez"
SECOND_PROFILE = "https://t.me/example_columnist"
SECOND_DATES = ("2016-04-04", "2016-04-05T08:30:00+01:00")


def share_links(url: str, title: str) -> dict[str, str]:
    """A column's share links, {label: href}: each network's documented endpoint with the page's address and
    headline, given here percent-encoded as UTF-8 (spaces as %20)."""
    return {
        "Share on Facebook": f"https://www.facebook.com/sharer/sharer.php?u={url}",
        "Share on VK": f"https://vk.com/share.php?url={url}&title={title}",
        "Share on X": f"https://twitter.com/intent/tweet?url={url}&text={title}",
        "Share on Telegram": f"https://t.me/share/url?url={url}&text={title}",
        "Share on Odnoklassniki": f"https://connect.ok.ru/offer?url={url}&title={title}",
        "Share on WhatsApp": f"https://api.whatsapp.com/send?text={title}%20{url}",
        "Share by e-mail": f"mailto:?subject={title}&body={url}",
    }


SHARE_LINKS = share_links(
    "https%3A%2F%2Fcolumns.example%2Fambassadors-view%2F",
    "Liberation%20of%20Palmyra%20as%20a%20sign%20of%20inevitable%20defeat%20of%20ISIS",
)
