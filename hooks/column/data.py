"""Read and check the column's front matter and the YAML data files.

Everything here is a pure function of text in and values out, so tests can call it without a build.
A problem raises InputError naming the file, the line where YAML knows it, the field and what is expected.
"""

from __future__ import annotations

import datetime
import difflib
import ipaddress
import re
import string
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import yaml

from column import yaml_errors


class InputError(ValueError):
    """Bad input: the message names the file, line, field and what is expected."""


@dataclass(frozen=True)
class Located:
    """A parsed YAML document plus the line of each field, keyed by its path ("profile.url", "2.name")."""

    value: object
    lines: dict[str, int]
    file: str

    def fail(
        self, field: str, expected: str, got: object = None, *, show_got: bool = True, because: str = ""
    ) -> InputError:
        line = self.lines.get(field)
        where = f"{self.file}, line {line}" if line else self.file
        detail = f", got {describe(got)}" if show_got else ""
        reason = f": {because}" if because else ""
        name = yaml_errors.field_name(field, self.value, self.file)  # "field 'date' of the second correction"
        return InputError(f"{where}: {name}: expected {expected}{detail}{reason}.")


# What YAML reads a value as, in the words of the person who wrote it (not Python's type names).
KINDS = {bool: "a boolean", int: "an integer", float: "a number", list: "a list", dict: "a mapping"}


def describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else repr(value)
    name = type(value).__name__
    kind = KINDS.get(type(value)) or f"{'an' if name[0].lower() in 'aeiou' else 'a'} {name}"
    return f"{kind} ({value!r})"


# --- YAML with line numbers -------------------------------------------------------------------------


class TextDatesLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a date stays the text it was written as: so a date is checked and
    printed as written (`2016-3-28` is refused, not quietly read as 28 March)."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, file: str, *, first_line: int = 1) -> Located:
    """Parse one YAML document, keeping the line of every mapping key and list item."""
    try:
        node = yaml.compose(text, Loader=TextDatesLoader)
        value = yaml.load(text, Loader=TextDatesLoader)
    except yaml.YAMLError as err:
        raise InputError(yaml_errors.message(err, text, file, first_line)) from None
    lines: dict[str, int] = {}
    if node is not None:
        _record_lines(node, "", lines, first_line, file, value)
    return Located(value, lines, file)


def _record_lines(node: yaml.Node, path: str, lines: dict[str, int], first_line: int, file: str, value: object) -> None:
    if isinstance(node, yaml.MappingNode):
        first_lines: dict[str, int] = {}
        for key, child in node.value:
            child_path = f"{path}.{key.value}" if path else str(key.value)
            line = key.start_mark.line + first_line
            if key.value in first_lines:
                # YAML would quietly keep the last one: a field written twice is a mistake either way.
                raise InputError(
                    f"{file}, line {line}: {yaml_errors.field_name(child_path, value, file)}: expected once, got it "
                    f"a second time (first on line {first_lines[key.value]})."
                )
            first_lines[key.value] = lines[child_path] = line
            _record_lines(child, child_path, lines, first_line, file, value)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            child_path = f"{path}.{index}" if path else str(index)
            lines[child_path] = child.start_mark.line + first_line
            _record_lines(child, child_path, lines, first_line, file, value)


FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(source: str, file: str) -> Located:
    """The front matter of a Markdown page. MkDocs silently ignores front matter it cannot parse
    (the YAML then shows up as page text), so the page is read again here and checked strictly."""
    match = FRONT_MATTER_RE.match(source)
    if not match:
        raise InputError(f"{file}, line 1: expected front matter between '---' lines (title, author, ...).")
    return load_yaml(match.group(1) or "", file, first_line=2)


# --- field checks ------------------------------------------------------------------------------------

# A field's kind: what the value must be, said the way the error message says it.
TEXT = "a non-empty string"
URL = "an absolute http(s) URL"
KEY = "a key (letters, digits, '-' or '_')"
KEY_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
DATE = "an ISO 8601 date, YYYY-MM-DD, or date and time with its offset, YYYY-MM-DDThh:mm[:ss](Z|+hh:mm|-hh:mm)"
# The forms that <time datetime>, the sitemap's lastmod (W3C Datetime) and schema.org all accept as they are.
DATE_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"  # the day
    r"(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?(?:Z|[+-][0-9]{2}:[0-9]{2}))?"  # a time, with its offset
)


def check_fields(doc: Located, value: object, path: str, schema: dict[str, tuple[str, bool]], what: str) -> dict:
    """Check a mapping against {field: (kind, required)}; return it. Unknown fields are errors,
    since a typo (`titel`) would otherwise leave a required field unset or a value unused."""
    if not isinstance(value, dict):
        raise doc.fail(path or "(top level)", f"a mapping of {what}", value)
    for key in value:
        if key not in schema:
            field = f"{path}.{key}" if path else str(key)
            close = difflib.get_close_matches(str(key), schema, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            allowed = ", ".join(schema)
            raise doc.fail(field, f"one of the known fields of {what}: {allowed}{hint}", key, show_got=False)
    for key, (kind, required) in schema.items():
        field = f"{path}.{key}" if path else key
        if key not in value:
            if required:
                raise doc.fail(field, f"{kind}; it is required for {what} and missing", show_got=False)
            continue
        check_value(doc, field, value[key], kind)
    return value


def check_value(doc: Located, field: str, value: object, kind: str) -> None:
    if kind in (TEXT, URL, KEY):
        if not isinstance(value, str) or not value.strip():
            raise doc.fail(field, kind, value)
        if has_control_chars(value):
            raise doc.fail(field, f"{kind} without control characters", value)
    if kind == URL:
        problem = url_problem(value)
        if problem:
            raise doc.fail(field, kind, value, because=problem)
    if kind == KEY and not KEY_RE.fullmatch(value):
        raise doc.fail(field, kind, value)
    if kind == DATE and parse_date(value) is None:
        raise doc.fail(field, kind, value)
    if kind == GENDER and value not in GRAMMATICAL_GENDERS:
        raise doc.fail(field, kind, value)


def parse_date(value: object) -> datetime.date | datetime.datetime | None:
    """The date (or aware date-time) that `value` writes in one of the DATE forms; None for anything else,
    an impossible day (2016-02-30) included."""
    if not isinstance(value, str) or not DATE_RE.fullmatch(value):
        return None
    try:
        return datetime.datetime.fromisoformat(value) if "T" in value else datetime.date.fromisoformat(value)
    except ValueError:
        return None


def is_before(later: str, earlier: str) -> bool:
    """Whether the checked date `later` falls before `earlier`. Two date-times compare as instants; when
    either is a day alone, the calendar days compare (a day has no time to compare)."""
    a, b = parse_date(later), parse_date(earlier)
    if isinstance(a, datetime.datetime) and isinstance(b, datetime.datetime):
        return a < b
    return calendar_day(a) < calendar_day(b)


def calendar_day(value: datetime.date) -> datetime.date:
    """The day a date names; for a date-time, its day at its own offset."""
    return value.date() if isinstance(value, datetime.datetime) else value


def has_control_chars(value: str) -> bool:
    return any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in value)


# --- URLs ------------------------------------------------------------------------------------------------

# The characters RFC 3986 allows in a URL, less the apostrophe, which ends a single-quoted attribute.
# A quote, <, >, a backslash, a space, a control or a non-ASCII character must be percent-encoded, so
# that a URL never needs escaping to be printed in HTML, whatever a template does with it.
URL_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~:/?#[]@!$&()*+,;=%")
HOST_CHARACTERS = frozenset(string.ascii_lowercase + string.digits + "-_")


def url_problem(value: str, schemes: tuple[str, ...] = ("http", "https")) -> str | None:
    """Why `value` is not a well-formed absolute URL with one of `schemes`, in words; None if it is one.
    http(s) URLs need a host name (or IP address) and carry no user name or password."""
    for position, character in enumerate(value, start=1):
        if character not in URL_CHARACTERS:
            escaped = quote(character, safe="")
            return f"the character {character!r} at position {position} must be percent-encoded, as {escaped}"
    for position, character in enumerate(value, start=1):
        escape = value[position : position + 2]
        if character == "%" and not (len(escape) == 2 and all(digit in string.hexdigits for digit in escape)):
            return f"the '%' at position {position} must start an escape of two hex digits, such as %20"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number from 0 to 65535
    except ValueError as error:
        return f"it is not a well-formed URL ({error})"
    if parts.scheme not in schemes:
        names = [f"{scheme}:" for scheme in schemes]
        return "it must start with " + (", ".join(names[:-1]) + " or " if names[1:] else "") + names[-1]
    if any(bracket in part for part in (parts.path, parts.query, parts.fragment) for bracket in "[]"):
        return "'[' and ']' may only enclose an IPv6 address"
    if "#" in parts.fragment:
        return "it holds more than one '#'"
    if parts.scheme == "mailto":
        # mailto:?subject=...&body=... (no address: the reader picks one) is a valid share link.
        return None if (parts.path or parts.query) and not parts.netloc else "mailto: takes an address, not '//'"
    if not parts.hostname:
        return "it needs a host name, such as https://example.com/"
    if not is_host(parts.hostname):
        return f"{parts.hostname!r} is not a host name (letters, digits, '-' and '_' between dots) or an IP address"
    if "@" in parts.netloc:
        return "it must not carry a user name or password before '@'"
    return None


def is_host(host: str) -> bool:
    """A host name (letters, digits, '-' and '_' between dots; lower case, as urlsplit gives it) or an IP address."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.split(".")
    return all(
        0 < len(label) <= 63 and set(label) <= HOST_CHARACTERS and label[0] != "-" and label[-1] != "-"
        for label in labels
    )


# --- the column's front matter -----------------------------------------------------------------------

COLUMN_TEMPLATE = "column.html"
FRONT_MATTER = {
    "template": (TEXT, True),  # column.html, the only layout a column has
    "title": (TEXT, True),  # the headline
    "column": (TEXT, True),  # the column's name: the kicker, unless the site has the same name (render.kicker)
    "author": (KEY, True),  # a key of data/authors.yml
    "description": (TEXT, True),  # the standfirst: the first paragraph and the page description
    "description_id": (TEXT, False),  # the standfirst's published id, kept when reworded: body.check_description_id
    "original_url": (URL, True),  # where the column was first published
    "original_publisher": (TEXT, True),
    "disclaimer": (TEXT, True),
    "date": (DATE, False),  # first published; optional, as a source may give none (`date: unknown`: split_unknown_date)
    "updated": (DATE, False),  # last changed in substance; optional, and only with `date`
    "corrections": ("a list of corrections", False),  # the editor's notes, oldest first: check_corrections
}
# What the errors call it, saying what makes a page a column (a page without `template` is a plain one).
COLUMN = f"a column's front matter (a page whose front matter sets 'template: {COLUMN_TEMPLATE}')"
CORRECTIONS = "a list of corrections, oldest first, each with 'date' and 'text' (leave the field out if none)"
# A correction's text is a sentence of Markdown, checked like the body by the hooks (body.sentence_html).
CORRECTION = {"date": (DATE, True), "text": (TEXT, True)}


def check_front_matter(doc: Located, authors: dict) -> dict:
    meta = check_fields(doc, doc.value, "", FRONT_MATTER, COLUMN)
    if meta["template"] != COLUMN_TEMPLATE:
        raise doc.fail(
            "template",
            f"'{COLUMN_TEMPLATE}', the column layout (overrides/{COLUMN_TEMPLATE}), or no 'template' for a plain page",
            meta["template"],
        )
    if meta["author"] not in authors:
        known = ", ".join(sorted(authors)) or "none"
        raise doc.fail("author", f"a key of data/authors.yml (known: {known})", meta["author"])
    if "updated" in meta:
        if "date" not in meta:
            raise doc.fail("updated", "to come with 'date', the first publication, which is missing", show_got=False)
        if is_before(meta["updated"], meta["date"]):
            raise doc.fail("updated", f"a date not before 'date' ({meta['date']})", meta["updated"])
    if "corrections" in meta:
        check_corrections(doc, meta)
    return meta


def check_corrections(doc: Located, meta: dict) -> None:
    """Each correction has a date and a text; the dates run oldest first, none before `date`. A correction
    changes the column, so when `updated` is written it is not before the last one (when it is not, the
    last correction's date is the page's modified date: render.modified_date)."""
    corrections = meta["corrections"]
    if not isinstance(corrections, list) or not corrections:
        raise doc.fail("corrections", CORRECTIONS, corrections)
    previous = None
    for index, correction in enumerate(corrections):
        path = f"corrections.{index}"
        check_fields(doc, correction, path, CORRECTION, "a correction")
        when = correction["date"]
        if "date" in meta and is_before(when, meta["date"]):
            raise doc.fail(f"{path}.date", f"a date not before 'date' ({meta['date']})", when)
        if previous is not None and is_before(when, previous):
            raise doc.fail(
                f"{path}.date", f"a date not before the correction above it ({previous}): oldest first", when
            )
        previous = when
    if "updated" in meta and is_before(meta["updated"], previous):
        raise doc.fail(
            "updated",
            f"a date not before the last correction's ({previous}), which changed the column (or no 'updated': "
            "the last correction's date is then the page's)",
            meta["updated"],
        )


# --- a plain page's front matter (a page without `template`: an "About", a corrections policy) ----------

PLAIN_TEMPLATE = "page.html"
PLAIN_FRONT_MATTER = {
    "title": (TEXT, True),  # the page's heading and <title>
    "description": (TEXT, True),  # the meta description and the link preview's text
    "updated": (DATE, False),  # when it last changed in substance: the sitemap's lastmod
}
PLAIN = f"a plain page's front matter (a page without 'template'; 'template: {COLUMN_TEMPLATE}' makes a page a column)"


def is_column(meta: dict) -> bool:
    """Whether a page's front matter makes it a column: the one field that tells a column from a plain page."""
    return meta.get("template") == COLUMN_TEMPLATE


def check_page(doc: Located, authors: dict) -> dict:
    """A page's checked front matter: a column's (check_front_matter) when it names a template, else a plain
    page's, with the template that draws it."""
    if isinstance(doc.value, dict) and "template" in doc.value:
        return check_front_matter(doc, authors)
    meta = check_fields(doc, doc.value, "", PLAIN_FRONT_MATTER, PLAIN)
    return {**meta, "template": PLAIN_TEMPLATE}


def undated_warning(file: str) -> str:
    """What a build of a column without `date` says, once: the page invents none, so nothing on it tells when,
    and the feeds leave it out (a feed entry must carry a date)."""
    return (
        f"{file}: field 'date' is not set: readers, link previews and article extractors cannot tell when the "
        "column was written (an extractor may take a date from its text instead). Set 'date' to the day it was "
        "first published; if that is not known, write 'date: unknown' in the front matter to say so, and this "
        "warning stops. The page shows no date rather than invent one, and the feeds leave the column out (a feed "
        "entry must carry a date)."
    )


UNKNOWN_DATE = "unknown"


def split_unknown_date(doc: Located) -> tuple[Located, bool]:
    """The front matter without `date: unknown`, and whether it said so: the publisher records once that the
    first publication date is not known, and the build stops warning. The rest of the checks then read it as a
    column without a date (the page invents none); `updated` needs a date that is known, so it is refused
    beside `date: unknown`."""
    value = doc.value
    if not isinstance(value, dict) or value.get("date") != UNKNOWN_DATE:
        return doc, False
    if "updated" in value:
        raise doc.fail(
            "updated",
            f"no 'updated' beside 'date: {UNKNOWN_DATE}': a last change is dated against a known first publication",
            show_got=False,
        )
    return Located({key: field for key, field in value.items() if key != "date"}, doc.lines, doc.file), True


# --- data files ----------------------------------------------------------------------------------------

ICON_PATH_RE = re.compile(r"[a-z0-9-]+(/[a-z0-9-]+)+")


def check_icons(doc: Located, icon_exists) -> dict[str, str]:
    """data/icons.yml: {key: icon path}. `icon_exists(path)` tells whether the theme ships that icon."""
    icons = doc.value
    if not isinstance(icons, dict) or not icons:
        raise doc.fail(
            "(top level)", "a mapping of icon keys to icon paths, such as 'fb: fontawesome/brands/facebook'", icons
        )
    for key, path in icons.items():
        field = str(key)
        if not isinstance(key, str) or not KEY_RE.fullmatch(key):
            raise doc.fail(field, KEY, key)
        if not isinstance(path, str) or not ICON_PATH_RE.fullmatch(path):
            raise doc.fail(field, "an icon path such as 'fontawesome/brands/facebook'", path)
        if not icon_exists(path):
            raise doc.fail(
                field, "an icon that Material's bundled icon sets contain (material/templates/.icons/<path>.svg)", path
            )
    return icons


def missing_template_icon(key: str) -> InputError:
    """The error for an icon key that the page's templates use and data/icons.yml lacks."""
    return InputError(f"data/icons.yml: field '{key}': expected an icon path; the page templates use this key.")


def check_icon_key(doc: Located, field: str, key: object, icons: dict[str, str]) -> None:
    if key not in icons:
        raise doc.fail(field, f"an icon key of data/icons.yml ({', '.join(icons)})", key)


NETWORK = {
    "icon": (KEY, True),
    "name": (TEXT, True),
    "url": (TEXT, True),
    "label": (TEXT, False),
    "quote_url": (TEXT, False),  # how the network takes a quoted passage; without it, not in the passage toolbar
    "enabled": ("true or false", False),  # false: a ready entry left out (checked by sharing.check_options)
    "max_length": ("a number", False),  # the most graphemes a post takes (checked by sharing.check_options)
}
# {server}: the reader's own server, which the page asks for (sharing.SERVER).
URL_FIELDS = {"url", "title", "server"}
QUOTE_URL_FIELDS = {"url", "text", "title", "server"}


def check_networks(doc: Located, icons: dict[str, str]) -> list[dict]:
    """data/networks.yml: the share targets, in order."""
    networks = doc.value
    if not isinstance(networks, list) or not networks:
        raise doc.fail("(top level)", "a list of share networks, each with icon, name and url", networks)
    for index, network in enumerate(networks):
        path = str(index)
        check_fields(doc, network, path, NETWORK, "a share network")
        check_icon_key(doc, f"{path}.icon", network["icon"], icons)
        check_url_template(doc, f"{path}.url", network["url"])
        if "quote_url" in network:
            check_url_template(doc, f"{path}.quote_url", network["quote_url"], quote=True)
    return networks


def check_url_template(doc: Located, field: str, template: str, *, quote: bool = False) -> None:
    if quote:
        expected = "a share URL (https: or mailto:) with {url} and {text} placeholders and optionally {title}"
        required, allowed = {"url", "text"}, QUOTE_URL_FIELDS
    else:
        expected = "a share URL (https: or mailto:) with a {url} placeholder and optionally {title}"
        required, allowed = {"url"}, URL_FIELDS
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError:
        raise doc.fail(field, expected + " (braces must be balanced)", template) from None
    if not required <= names or not names <= allowed:
        raise doc.fail(field, expected, template)
    # Filled in as render.share_links fills it, the placeholders becoming percent-encoded text; each stands in
    # for its own length, so that a position in the message is a position in the template as written.
    filled = template.format(**{name: "x" * len(f"{{{name}}}") for name in allowed})
    problem = url_problem(filled, ("https", "mailto"))
    if problem:
        raise doc.fail(field, expected, template, because=problem)


# The grammatical gender that the page's phrases about an author take in languages whose phrases have forms by it
# (Arabic: "About the author"), as CLDR's grammatical features name them. Optional: without it, a language's
# forms that need no gender are used, so that nothing is guessed.
GRAMMATICAL_GENDERS = ("feminine", "masculine")
GENDER = (
    f"{' or '.join(repr(gender) for gender in GRAMMATICAL_GENDERS)}: the grammatical gender that the page's "
    "phrases about the author take (leave it out for phrases that need none)"
)
AUTHOR = {
    "name": (TEXT, True),
    "roles": (TEXT, True),
    "profile": ("a mapping", True),  # the profile the bio's sentence names
    "more_profiles": ("a list of profiles", False),  # linked by their icons beside it (profiles.check_authors)
    "grammatical_gender": (GENDER, False),
}
PROFILE = {
    "network": (TEXT, True),
    "icon": (KEY, True),
    "follow": (TEXT, True),
    "handle": (TEXT, True),
    "url": (URL, True),
}


def check_authors(doc: Located, icons: dict[str, str]) -> dict[str, dict]:
    """data/authors.yml: authors by key."""
    authors = doc.value
    if not isinstance(authors, dict) or not authors:
        raise doc.fail("(top level)", "a mapping of author keys to authors (name, roles, profile)", authors)
    for key, author in authors.items():
        if not isinstance(key, str) or not KEY_RE.fullmatch(key):
            raise doc.fail(str(key), KEY, key)
        check_fields(doc, author, key, AUTHOR, "an author")
        check_fields(doc, author["profile"], f"{key}.profile", PROFILE, "an author's profile")
        check_icon_key(doc, f"{key}.profile.icon", author["profile"]["icon"], icons)
    return authors


def check_site_url(value: object, file: str) -> str:
    """Share links and link previews need absolute URLs, so the public address is required."""
    problem = url_problem(value) if isinstance(value, str) else None
    if not isinstance(value, str) or problem:
        reason = f": {problem}" if problem and value else ""
        raise InputError(
            f"{file}: field 'site_url': expected the site's public address as an absolute http(s) URL "
            f"(or the SITE_URL environment variable), got {describe(value)}{reason}."
        )
    return value if value.endswith("/") else value + "/"


# A deploy preview: the same build, marked so that search engines leave it out
# (handbook/PUBLISHING.md, "Deploy previews").
PREVIEW_ENV = "SITE_PREVIEW"
PREVIEW_VALUES = {"1": True, "0": False, "": False}


def check_preview(value: str | None) -> bool:
    """Whether the SITE_PREVIEW environment variable asks for a preview build: 1 yes; 0, empty or unset no."""
    if value is None:
        return False
    if value not in PREVIEW_VALUES:
        raise InputError(
            f"environment variable {PREVIEW_ENV}: expected 1 (a deploy preview, not to be indexed) or 0 (the site "
            f"itself; the same as unset), got {describe(value)}."
        )
    return PREVIEW_VALUES[value]
