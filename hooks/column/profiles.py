"""An author's profiles (data/authors.yml): the one the bio's sentence names (`profile`) and any more
(`more_profiles`), each linked by its icon. What a profile's address says is checked against its handle, and
what link previews read is taken from them: the X handle (twitter:creator), the fediverse handles
(fediverse:creator, which Mastodon shows as a link card's byline) and every address (the JSON-LD sameAs).

Pure functions; a problem raises InputError naming the file, the line, the field and what is expected.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from column import data

MORE_PROFILE = {
    "network": (data.TEXT, True),
    "icon": (data.KEY, True),
    "handle": (data.TEXT, True),
    "url": (data.URL, True),
}
MORE_PROFILES = "a list of the author's other profiles, each with network, icon, handle and url"
# The networks whose profile addresses name the account, by host (without "www."): the path that names it.
# Their handles are "@" and that name; letters' case does not matter.
NAMED_IN_PATH = {
    "x.com": ("X", r"/(?P<name>[A-Za-z0-9_]{1,15})/?", "https://x.com/name"),
    "twitter.com": ("X", r"/(?P<name>[A-Za-z0-9_]{1,15})/?", "https://x.com/name"),
    "bsky.app": ("Bluesky", r"/profile/(?P<name>[^/]+)/?", "https://bsky.app/profile/name.bsky.social"),
    "t.me": ("Telegram", r"/(?P<name>[A-Za-z0-9_]{4,32})/?", "https://t.me/name"),
    "telegram.me": ("Telegram", r"/(?P<name>[A-Za-z0-9_]{4,32})/?", "https://t.me/name"),
    "threads.com": ("Threads", r"/@(?P<name>[A-Za-z0-9_.]+)/?", "https://www.threads.com/@name"),
    "threads.net": ("Threads", r"/@(?P<name>[A-Za-z0-9_.]+)/?", "https://www.threads.com/@name"),
    "instagram.com": ("Instagram", r"/(?P<name>[A-Za-z0-9_.]+)/?", "https://www.instagram.com/name"),
}
# A fediverse handle, @user@server; its profile is https://server/@user, as Mastodon and Misskey write it.
FEDIVERSE_HANDLE_RE = re.compile(r"@(?P<user>[^@\s/]+)@(?P<server>[^@\s/]+)")
FEDIVERSE_PATH_RE = re.compile(r"/@(?P<user>[^@/]+)/?")
# An X profile, whose handle twitter:creator names: by its address, or by the glyph of its icon.
X_HOSTS = {"x.com", "twitter.com"}
X_GLYPHS = {"fontawesome/brands/x-twitter", "fontawesome/brands/square-x-twitter", "fontawesome/brands/twitter"}
FACEBOOK_HOSTS = {"facebook.com"}
FACEBOOK_GLYPHS = {"fontawesome/brands/facebook", "fontawesome/brands/square-facebook"}


def check_authors(doc: data.Located, icons: dict[str, str]) -> dict[str, dict]:
    """data/authors.yml checked whole (data.check_authors, then every profile's handle against its address):
    authors by key, each with `profiles`, all of its profiles in order, the one the bio's sentence names first."""
    authors = data.check_authors(doc, icons)
    checked = {}
    for key, author in authors.items():
        more = author.get("more_profiles", [])
        if "more_profiles" in author and (not isinstance(more, list) or not more):
            raise doc.fail(f"{key}.more_profiles", MORE_PROFILES + " (leave the field out if none)", more)
        for index, profile in enumerate(more):
            path = f"{key}.more_profiles.{index}"
            data.check_fields(doc, profile, path, MORE_PROFILE, "an author's profile")
            data.check_icon_key(doc, f"{path}.icon", profile["icon"], icons)
        profiles = [author["profile"], *more]
        paths = [f"{key}.profile", *(f"{key}.more_profiles.{index}" for index in range(len(more)))]
        for path, profile in zip(paths, profiles, strict=True):
            problem = handle_problem(profile["handle"], profile["url"])
            if problem:
                raise doc.fail(f"{path}.handle", problem, profile["handle"])
        checked[key] = {**author, "profiles": profiles}
    return checked


def host(url: str) -> str:
    """The address's host, lower case, without "www."."""
    name = urlsplit(url).hostname or ""
    return name.removeprefix("www.")


def named_handle(url: str) -> tuple[str, str | None] | None:
    """For an address on a network of NAMED_IN_PATH, (the network, the handle the address names): "" when it
    names the account by an id instead (Bluesky's did:...), None when it is not a profile's address. None for
    an address on any other site."""
    site = NAMED_IN_PATH.get(host(url))
    if site is None:
        return None
    network, pattern, _ = site
    parts = urlsplit(url)
    match = None if parts.query else re.fullmatch(pattern, parts.path)
    if not match:
        return network, None
    name = match.group("name")
    return network, "" if name.startswith("did:") else "@" + name


def handle_problem(handle: str, url: str) -> str | None:
    """What a handle is expected to be, given its profile's address, in words; None when the two agree, or
    when the address is on a site whose addresses do not say the handle (and the handle is not a fediverse
    one, which says its site)."""
    if FEDIVERSE_HANDLE_RE.fullmatch(handle):
        parts = urlsplit(url)
        path = None if parts.query else FEDIVERSE_PATH_RE.fullmatch(parts.path)
        if path is None:
            return (
                "a handle that its url names (a fediverse handle, @user@server, has its profile at "
                f"https://server/@user; the url is {url})"
            )
        named = f"@{path.group('user')}@{host(url)}"
    else:
        found = named_handle(url)
        if found is None or found[1] == "":
            return None
        network, named = found
        if named is None:
            example = NAMED_IN_PATH[host(url)][2]
            return f"a handle whose url is its profile on {network}, such as {example}; the url is {url}"
    return None if named.casefold() == handle.casefold() else f"{named!r}, the handle that its url ({url}) names"


def is_on(profile: dict, icons: dict[str, str], hosts: set[str], glyphs: set[str]) -> bool:
    return host(profile["url"]) in hosts or icons.get(profile["icon"]) in glyphs


def twitter_creator(profiles: list[dict], icons: dict[str, str]) -> str | None:
    """twitter:creator: the handle of the author's first X profile, if any."""
    return next((p["handle"] for p in profiles if is_on(p, icons, X_HOSTS, X_GLYPHS)), None)


def facebook_profile(profiles: list[dict], icons: dict[str, str]) -> str | None:
    """article:author: the address of the author's first Facebook profile, if any."""
    return next((p["url"] for p in profiles if is_on(p, icons, FACEBOOK_HOSTS, FACEBOOK_GLYPHS)), None)


def fediverse_creators(profiles: list[dict]) -> list[str]:
    """fediverse:creator: each fediverse handle (@user@server), as written; check_authors matched each to its
    profile's address."""
    return [p["handle"] for p in profiles if FEDIVERSE_HANDLE_RE.fullmatch(p["handle"])]
