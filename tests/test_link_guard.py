"""Links that went out keep working: with a record of what was published (the suite's own,
tests/columns/records/published.yml), a build that would break a recorded paragraph link or page address stops,
naming it and the exact fix; the fix it names works; a deliberate removal is an edit of the record. A page that
moved is redirected (mkdocs-redirects), by a page in the site's own terms: its policy, its language, its canonical
address, a script file of its own that keeps the '#' of the link, and the checks every publish runs pass.

Expectations are written out from the suite's columns (their words, and the ids the page makes of them) and the
record the suite owns, never read from a build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

import record
from build_harness import ROOT, build, copy_project, offline_env
from check_site import check_site
from column import body, links_guard, published
from column.data import InputError, load_yaml
from project_edits import RECORD, recorded_project, replace_text
from suite_columns import COLUMN_IDS as INDEX_IDS
from suite_columns import SECOND_IDS, SITE_URL, THIRD_IDS

# Every column of the suite's site, as the suite's record writes them.
COLUMN_IDS = {"/": INDEX_IDS, "/second/": SECOND_IDS, "/third/": THIRD_IDS}


def line_of(path: Path, text: str) -> int:
    """The number of the line of `path` that holds `text` (once)."""
    (number,) = [n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1) if text in line]
    return number


def ids_on(page: Path) -> list[str]:
    tree = lxml_html.fromstring(page.read_bytes())
    return [link.get("href")[1:] for link in tree.cssselect("a.oc-permalink")]


# --- the record ----------------------------------------------------------------------------------------


def test_the_suites_record_reads_as_written():
    record = published.read_record(RECORD.read_text(encoding="utf-8"), "r.yml")
    assert record.pages == COLUMN_IDS
    assert record.line("/") == 4 and record.line("/", INDEX_IDS[1]) == 6 and record.line("/second/") == 12


@pytest.mark.parametrize("text", [None, "", "# only the header\n"])
def test_no_record_means_nothing_went_out(text):
    assert published.read_record(text).pages == {}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- a\n", "data/published.yml: field '(top level)': expected a mapping of page addresses"),
        (
            '"second/":\n  - a\n',
            "data/published.yml, line 1: expected a page address starting with '/', got 'second/'.",
        ),
        ('"/":\n  a: b\n', "data/published.yml, line 1: field '/': expected a list of paragraph ids"),
        ('"/":\n  - 7\n', "data/published.yml, line 1: field '/': expected a list of paragraph ids"),
    ],
)
def test_a_record_that_is_not_one_is_refused_with_its_line(text, expected):
    with pytest.raises(InputError) as error:
        published.read_record(text)
    assert str(error.value).startswith(expected)


def test_the_record_written_reads_back_and_quotes_every_value():
    pages = {"/second/": ["no", "2016", "yes-we-can"], "/": ["on", "null"]}
    text = published.write_record(pages)
    assert text.startswith("# What went out:")
    assert '"/":\n  - "on"\n  - "null"\n"/second/":\n  - "no"\n  - "2016"\n' in text
    assert published.read_record(text).pages == pages
    assert yaml.safe_load(text) == pages  # YAML as any reader reads it: every id a string


def test_merging_keeps_every_recorded_id_in_page_order():
    recorded = {"/": ["a", "b", "c", "d"], "/old/": ["x"]}
    now = {"/": ["a", "b2", "c", "e"], "/new/": ["y"]}
    assert published.merge(recorded, now) == {
        "/": ["a", "b", "b2", "c", "d", "e"],
        "/old/": ["x"],
        "/new/": ["y"],
    }
    assert published.merge({"/": ["z", "a"]}, {"/": ["a"]}) == {"/": ["z", "a"]}


def test_a_pages_paragraphs_are_those_with_their_own_permalink():
    page = (
        '<p class="oc-standfirst" id="one">First <em>words</em>.<a class="oc-permalink" href="#one"></a></p>'
        '<p id="two">Second.<a class="x oc-permalink" href="#two"></a></p>'
        '<p id="three">Not linked.</p><p>No id.<a class="oc-permalink" href="#one"></a></p>'
        '<p id="four">Linked elsewhere.<a class="oc-permalink" href="#one"></a></p>'
    )
    assert published.paragraphs(page) == [("one", "First words."), ("two", "Second.")]


@pytest.mark.parametrize(
    "path, address",
    [("index.html", "/"), ("second/index.html", "/second/"), ("a/b/index.html", "/a/b/"), ("a.html", "/a.html")],
)
def test_a_built_files_address(path, address):
    assert published.address_of(path) == address
    assert published.address_of("404.html") is None


# --- which paragraph stands where an id stood ------------------------------------------------------------


@pytest.mark.parametrize(
    "now, expected",
    [
        (["a", "B", "c"], {"b": [1]}),  # reworded: the one paragraph between its neighbours
        (["a", "B", "X", "c"], {"b": [1, 2]}),  # reworded, and one added beside it: either
        (["a", "c"], {"b": []}),  # removed (or moved): nothing stands there
        (["B", "a", "c"], {"b": []}),  # moved to the top: nothing where it was
        (["a", "B", "C"], {"b": [1], "c": [2]}),
    ],
)
def test_the_paragraphs_standing_where_a_missing_id_stood(now, expected):
    assert links_guard.standing_in(["a", "b", "c"], now) == expected


@pytest.mark.parametrize(
    "address, source", [("/", "index.md"), ("/old/", "old.md"), ("/a/b/", "a/b.md"), ("/a.html", "a.md")]
)
def test_the_file_an_old_address_was_built_from(address, source):
    assert links_guard.source_of(address) == source


# --- the standfirst's pin ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pin, html, expected",
    [
        ("Old-Id", "", "expected the id paragraph 1 (the description) was published with"),
        ("old id", "", "expected the id paragraph 1 (the description) was published with"),
        ("oc-share", "", "not one the page's template gives its own element"),
        ("old-id", '<p id="old-id">x</p>', "not one a body paragraph pins with {#id} too"),
    ],
)
def test_a_standfirst_pin_is_an_id_the_page_could_have(pin, html, expected):
    doc = load_yaml(f"description: x\ndescription_id: {pin}\n", "docs/index.md", first_line=2)
    with pytest.raises(InputError) as error:
        body.check_description_id(doc, doc.value, html, ("oc-share",))
    assert str(error.value).startswith("docs/index.md, line 3: field 'description_id': ")
    assert expected in str(error.value) and str(error.value).endswith(f", got {pin!r}.")


# --- the build -----------------------------------------------------------------------------------------


def test_a_build_that_keeps_every_link_goes_through(tmp_path):
    project = recorded_project(tmp_path / "project")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert ids_on(tmp_path / "site" / "index.html") == INDEX_IDS
    assert ids_on(tmp_path / "site" / "second" / "index.html") == SECOND_IDS


REWORDED_BODY = (
    "Russia has contributed to the battle for Palmyra",
    "Russia's air force helped win the battle for Palmyra",
)
REWORDED_STANDFIRST = ("On 27 March the Syrian Army", "On 27 March Syria's army")


@pytest.fixture(scope="module")
def reworded(tmp_path_factory):
    """The home page with its third paragraph and its standfirst reworded at their first words: (the project,
    the build's result)."""
    work = tmp_path_factory.mktemp("reworded")
    project = recorded_project(work / "project")
    replace_text(project / "docs" / "index.md", *REWORDED_BODY)
    replace_text(project / "docs" / "index.md", *REWORDED_STANDFIRST)
    return project, build(project, work / "site")


def test_a_reworded_paragraph_stops_the_build_naming_it_and_its_pin(reworded):
    project, result = reworded
    assert result.returncode == 1
    index = project / "docs" / "index.md"
    last = line_of(index, "The Russian Air Force carried out 500 sorties.")  # the paragraph's one line
    record_line = line_of(project / "data" / "published.yml", '"russia-has-contributed-to-the-battle"')
    assert "2 links that went out would break:" in result.stderr
    assert (
        f"docs/index.md: #russia-has-contributed-to-the-battle went out as a link to a paragraph of / "
        f"(data/published.yml, line {record_line}), and no paragraph has that id now.\n"
        "  Paragraph 3 stands where it stood, and now begins “Russia's air force helped win the battle for…”.\n"
        "  If it is that paragraph reworded, keep the old id: add the line  {#russia-has-contributed-to-the-battle}"
        f"  right after line {last}, the paragraph's last.\n"
        "  If it was removed on purpose, let its links lead to the top of the page: delete line "
        f"{record_line} ('  - \"russia-has-contributed-to-the-battle\"') from data/published.yml."
    ) in result.stderr


def test_a_reworded_standfirst_is_pinned_in_the_front_matter(reworded):
    _, result = reworded
    assert "docs/index.md: #on-27-march-the-syrian-army went out as a link to a paragraph of /" in result.stderr
    assert "  Paragraph 1 stands where it stood, and now begins “On 27 March Syria's army backed by the…”." in (
        result.stderr
    )
    assert 'keep the old id: add the line  description_id: "on-27-march-the-syrian-army"  to the front matter' in (
        result.stderr
    )


def test_the_pins_the_build_asks_for_keep_the_links_and_a_removal_is_an_edit_of_the_record(reworded, tmp_path):
    project = Path(shutil.copytree(reworded[0], tmp_path / "project"))
    index = project / "docs" / "index.md"
    last = line_of(index, "The Russian Air Force carried out 500 sorties.")
    lines = index.read_text(encoding="utf-8").split("\n")
    lines.insert(last, "{#russia-has-contributed-to-the-battle}")
    index.write_text("\n".join(lines), encoding="utf-8")
    replace_text(index, "description:", 'description_id: "on-27-march-the-syrian-army"\ndescription:')
    # The last paragraph removed on purpose, and its id from the record with it.
    replace_text(index, "\nThe recent acts of terror in Brussels", "\nREMOVED")
    index.write_text(index.read_text(encoding="utf-8").split("\nREMOVED")[0] + "\n", encoding="utf-8")
    record = project / "data" / "published.yml"
    replace_text(record, '  - "the-recent-acts-of-terror-in"\n', "")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert ids_on(tmp_path / "site" / "index.html") == INDEX_IDS[:-1]
    page = lxml_html.fromstring((tmp_path / "site" / "index.html").read_bytes())
    (pinned,) = page.xpath("//p[@id='russia-has-contributed-to-the-battle']")
    assert pinned.text_content().startswith(REWORDED_BODY[1])
    (standfirst,) = page.xpath("//p[@id='on-27-march-the-syrian-army']")
    assert standfirst.text_content().startswith(REWORDED_STANDFIRST[1])


def test_a_removed_page_stops_the_build_with_the_redirect_to_add(tmp_path):
    project = recorded_project(tmp_path / "project")
    (project / "docs" / "second.md").rename(project / "docs" / "ceasefire.md")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        "data/published.yml, line 12: the address /second/ went out (readers have links to it) and no page of "
        "this build is there: docs/second.md was renamed or removed.\n"
    ) in result.stderr
    assert "  - redirects:\n      redirect_maps:\n        second.md: ceasefire.md\n" in result.stderr
    assert "delete line 12 ('\"/second/\":') from data/published.yml, and the 5 id lines under it." in result.stderr


def test_a_removed_page_is_said_so_without_a_known_line_and_with_one_id():
    record = published.Record(pages={"/gone/": ["only-id"]}, lines={})  # as a record built in code has it
    [problem] = links_guard.page_problems(record, {"/": "index.md"}, set(), {"index.md"})
    assert problem.startswith("data/published.yml: the address /gone/ went out (readers have links to it) and no ")
    assert "      redirect_maps:\n        gone.md: index.md\n" in problem
    assert problem.endswith("delete the line '\"/gone/\":' from data/published.yml, and the 1 id line under it.")
    # With no one new column to send it to, the redirect names a file to fill in, and says so.
    [problem] = links_guard.page_problems(record, {"/": "index.md"}, set(), set())
    assert "(keep any redirects already there; NEW-FILE.md is the file the column is in now):\n" in problem
    assert "        gone.md: NEW-FILE.md\n" in problem


@pytest.fixture
def moved(moved_project_and_site):
    """The moved project, built (conftest): (site, project)."""
    project, site = moved_project_and_site
    return site, project


def test_the_old_address_leads_to_the_new_one_without_javascript(moved):
    site, _ = moved
    old = lxml_html.fromstring((site / "second" / "index.html").read_bytes())
    new = lxml_html.fromstring((site / "ceasefire" / "index.html").read_bytes())
    assert old.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=../ceasefire/"]
    assert old.xpath("//link[@rel='canonical']/@href") == [SITE_URL + "ceasefire/"]  # crawlers: where it went
    assert old.xpath("//h1/a/@href") == ["../ceasefire/"]
    assert old.findtext(".//title") == new.findtext(".//title") == "What a ceasefire needs: the same words, kept"
    assert old.get("lang") == new.get("lang") == "en-GB"
    assert old.xpath("//meta[@name='robots']") == []  # the site itself: indexed, and the canonical says where
    # The site's icon, so that a browser does not ask the host's root for /favicon.ico (a 404 under a path).
    assert old.xpath("//link[@rel='icon']/@href") == new.xpath("//link[@rel='icon']/@href") != []


def test_the_redirect_page_runs_no_inline_code_under_the_sites_policy(moved):
    site, _ = moved
    text = (site / "second" / "index.html").read_text(encoding="utf-8")
    old = lxml_html.fromstring(text)
    new = lxml_html.fromstring((site / "ceasefire" / "index.html").read_bytes())
    policy = "//meta[@http-equiv='Content-Security-Policy']/@content"
    assert old.xpath(policy) == new.xpath(policy) and "script-src 'self'" in old.xpath(policy)[0]
    assert [script.text for script in old.iter("script")] == [None]  # one script, a file of the site's own
    (src,) = old.xpath("//script/@src")
    assert re.fullmatch(r"\.\./assets/redirect\.[0-9a-f]{10}\.js", src)
    assert (site / "second" / src).resolve().is_file()
    assert "location.hash" in (site / "second" / src).read_text(encoding="utf-8")
    assert f"\n/{src.removeprefix('../')}\n  Cache-Control: public, max-age=31536000, immutable\n" in (
        (site / "_headers").read_text(encoding="utf-8")
    )
    assert "style=" not in text and "<style" not in text


def test_a_site_with_a_redirect_passes_the_checks_every_publish_runs(moved):
    site, _ = moved
    check_site(site, SITE_URL)


def test_a_deploy_previews_redirect_page_is_kept_out_of_search_engines_too(moved, tmp_path):
    project = Path(shutil.copytree(moved[1], tmp_path / "project"))
    result = build(project, tmp_path / "site", preview="1")
    assert result.returncode == 0, result.stderr
    old = lxml_html.fromstring((tmp_path / "site" / "second" / "index.html").read_bytes())
    assert old.xpath("//meta[@name='robots']/@content") == ["noindex"]
    check_site(tmp_path / "site", SITE_URL, preview=True)


def test_the_moved_pages_paragraph_ids_are_guarded_under_the_old_address(moved, tmp_path):
    project = Path(shutil.copytree(moved[1], tmp_path / "project"))
    replace_text(project / "docs" / "ceasefire.md", "Talks in Geneva resumed", "In Geneva, talks resumed")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "#talks-in-geneva-resumed-this-week went out as a link to a paragraph of /second/" in result.stderr
    assert "docs/ceasefire.md: " in result.stderr


@pytest.mark.parametrize(
    "maps, expected",
    [
        (
            "second.md: https://elsewhere.example/",
            "mkdocs.yml: redirects: 'second.md': expected a page of docs/ (such as 'second.md') to lead to, got "
            "'https://elsewhere.example/'",
        ),
        (
            "second.md: index.md",
            "mkdocs.yml: redirects: 'second.md': expected the old address of a page that is gone, got the address "
            "of docs/second.md, which the redirect page would replace.",
        ),
    ],
)
def test_a_redirect_leads_from_a_page_that_is_gone_to_a_page_of_the_site(tmp_path, maps, expected):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + f"plugins:\n  - redirects:\n      redirect_maps:\n        {maps}\n",
        encoding="utf-8",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and expected in result.stderr, result.stderr


# --- keeping the record: make publish, make record, the Pages workflow -------------------------------------


def test_what_a_built_site_publishes_is_read_from_its_pages(site):
    # The columns; not the plain page, the index or the authors' pages, which have no paragraph links.
    assert record.site_pages(site) == COLUMN_IDS


def test_make_record_adds_what_went_out_and_keeps_what_is_recorded(site, tmp_path, capsys):
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "published.yml").write_text('"/gone/":\n  - "old-id"\n', encoding="utf-8")
    assert record.main([str(site), "--project", str(project)]) == 0
    assert capsys.readouterr().out == "record: data/published.yml updated\n"
    text = (project / "data" / "published.yml").read_text(encoding="utf-8")
    assert text.startswith("# What went out:")
    assert published.read_record(text).pages == {"/gone/": ["old-id"], **COLUMN_IDS}
    assert record.main([str(site), "--project", str(project)]) == 0
    assert capsys.readouterr().out == "record: data/published.yml unchanged\n"


def test_the_workflow_passes_the_ids_from_its_build_job_to_its_record_job(site, tmp_path, capsys):
    assert record.main([str(site), "--print-ids"]) == 0
    line = capsys.readouterr().out
    assert line.count("\n") == 1 and json.loads(line) == COLUMN_IDS
    ids = tmp_path / "ids.json"
    ids.write_text(line, encoding="utf-8")
    project = tmp_path / "project"
    assert record.main(["--ids", str(ids), "--project", str(project)]) == 0
    assert published.read_record((project / "data" / "published.yml").read_text(encoding="utf-8")).pages == COLUMN_IDS
    capsys.readouterr()
    ids.write_text('{"/": [1]}', encoding="utf-8")
    assert record.main(["--ids", str(ids), "--project", str(project)]) == 1
    expected = f"record: {ids}: expected {{address: [paragraph ids]}}, as --print-ids writes it\n"
    assert capsys.readouterr().err == expected
    ids.write_text('{"/": [', encoding="utf-8")
    assert record.main(["--ids", str(ids), "--project", str(project)]) == 1
    assert capsys.readouterr().err.startswith(f"record: {ids}: expected one line of JSON as --print-ids writes it: ")


def test_make_publish_says_what_became_of_the_record(site, tmp_path, capsys):
    # The site is live whatever happens to the record: a record that cannot be written is said, with the fix.
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "published.yml").write_text('"/":\n  a: b\n', encoding="utf-8")
    assert record.after_publish(project, site) == 1
    first, second = capsys.readouterr().err.splitlines()
    assert first.startswith(
        "publish: published, but data/published.yml was not updated: data/published.yml, line 1: field '/': "
    )
    assert second == "publish: fix it, then run `make record` and commit it"
    (project / "data" / "published.yml").unlink()
    assert record.after_publish(project, site) == 0
    assert capsys.readouterr().out == "publish: data/published.yml updated: commit it\n"
    assert record.after_publish(project, site) == 0
    assert capsys.readouterr().out == "publish: data/published.yml already lists every address and id\n"


def test_make_publish_records_what_it_published(tmp_path):
    project = copy_project(tmp_path / "project")
    (tmp_path / "www").mkdir()
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "publish.py"),
            str(tmp_path / "www" / "column"),
            "--project",
            str(project),
        ],
        capture_output=True,
        text=True,
        env=offline_env(),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "publish: data/published.yml updated: commit it\n" in result.stdout
    text = (project / "data" / "published.yml").read_text(encoding="utf-8")
    assert published.read_record(text).pages == COLUMN_IDS
