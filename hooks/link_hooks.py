"""MkDocs hooks that keep the links that went out working (column/links_guard.py says how), and write the
pages at old addresses (mkdocs.yml's redirects) in this site's terms (column/redirect_pages.py).

They run after column_hooks.py's (mkdocs.yml lists them second): on the finished page, whose paragraphs have
their ids and links. Thin entry points; the logic is in the `column` package, as pure functions."""

from __future__ import annotations

from pathlib import Path

from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from column import links_guard, published, redirect_pages, render
from column.data import InputError

REDIRECTS_PLUGIN = "redirects"
# What a build found out for the later hooks; reset by on_config.
_build: dict = {}


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    _build.clear()
    root = Path(config.config_file_path).parent
    path = root / published.RECORD_FILE
    try:
        record = published.read_record(path.read_text(encoding="utf-8") if path.is_file() else None)
    except InputError as error:
        raise PluginError(str(error)) from None
    _build.update(root=root, record=record, redirects=redirect_maps(config), redirected={}, heads={}, script=None)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Before any page is built: every recorded address has a page or a redirect."""
    pages = {published.address_of(file.dest_uri): file.src_uri for file in files.documentation_pages()}
    redirected = {}
    for old, new in _build["redirects"].items():
        if new.partition("#")[0] not in files.src_uris:
            continue  # mkdocs-redirects says so itself, and strict mode stops the build
        old_address = published.address_of(File(old, "", "", config.use_directory_urls).dest_uri)
        if old_address in pages:
            raise PluginError(
                f"mkdocs.yml: redirects: '{old}': expected the old address of a page that is gone, got the address "
                f"of docs/{pages[old_address]}, which the redirect page would replace."
            )
        redirected[old_address] = new.partition("#")[0]
    _build["redirected"] = redirected
    problems = links_guard.page_problems(_build["record"], pages, set(redirected))
    if problems:
        raise PluginError(stopped(problems))
    return files


def on_env(env, *, config: MkDocsConfig, files: Files):
    """The redirect pages' script, written before the site's _headers is (column_hooks.on_post_build), which
    lists it among the files cached for long."""
    if _build["redirects"]:
        script = (Path(config.theme.custom_dir) / redirect_pages.SCRIPT).read_bytes()
        _build["script"] = redirect_pages.SCRIPT_PATH.format(render.fingerprint(script))
        target = Path(config.site_dir) / _build["script"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(script)
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    record = _build["record"]
    # The page's own address, and the old ones that lead here: a paragraph link to either lands on this page.
    addresses = [published.address_of(page.file.dest_uri)]
    addresses += [old for old, new in _build["redirected"].items() if new == page.file.src_uri]
    if any(here in record.pages for here in addresses):
        source_path = Path(page.file.abs_src_path)
        name = source_path.relative_to(_build["root"]).as_posix()
        source = source_path.read_text(encoding="utf-8-sig")

        def render_markdown(text: str) -> str:
            return Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs).convert(text)

        now, last_line = published.paragraphs(output), links_guard.last_lines(source, render_markdown)
        problems = [
            problem
            for here in addresses
            for problem in links_guard.paragraph_problems(record, here, name, now, last_line)
        ]
        if problems:
            raise PluginError(stopped(problems))
    if page.file.src_uri in {new.partition("#")[0] for new in _build["redirects"].values()}:
        _build["heads"][page.file.src_uri] = redirect_pages.head_of(output)
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    """mkdocs-redirects wrote its pages (its on_post_build runs before this one): each is written again from the
    page it leads to. A --dirty build that did not draw that page leaves the plugin's."""
    from mkdocs_redirects.plugin import get_html_path, get_relative_html_path

    site_dir = Path(config.site_dir)
    for old, new in _build["redirects"].items():
        target, _, fragment = new.partition("#")
        head = _build["heads"].get(target)
        if head is None:
            continue
        file = get_html_path(old, config.use_directory_urls)
        url = File(target, "", "", config.use_directory_urls).url
        href = get_relative_html_path(old, url + ("#" + fragment if fragment else ""), config.use_directory_urls)
        script = redirect_pages.script_href(file, _build["script"])
        (site_dir / file).write_text(redirect_pages.redirect_page(head, href, script), encoding="utf-8")


# --- helpers --------------------------------------------------------------------------------------------


def stopped(problems: list[str]) -> str:
    count = len(problems)
    return f"{count} link{'' if count == 1 else 's'} that went out would break:\n" + "\n".join(problems)


def redirect_maps(config: MkDocsConfig) -> dict[str, str]:
    """mkdocs.yml's redirects ({old page: new page}), each to a page of this site: the page written at the old
    address takes its title, policy and canonical address from the new one."""
    plugin = config.plugins.get(REDIRECTS_PLUGIN)
    maps = dict(plugin.config.get("redirect_maps") or {}) if plugin is not None else {}
    for old, new in maps.items():
        if not isinstance(new, str) or new.lower().startswith(("http://", "https://", "//")):
            raise PluginError(
                f"mkdocs.yml: redirects: '{old}': expected a page of docs/ (such as 'second.md') to lead to, got "
                f"{new!r}: a page that moved to another site is not redirected from here."
            )
    return maps
