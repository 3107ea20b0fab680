"""The documentation stays inside the repository: every relative link in every Markdown file
resolves, and the README points at docs/, never outside."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|!\[[^\]]*\]\(([^)\s]+)\)")


def markdown_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).exists()]


def relative_links(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(), flags=re.DOTALL)  # code blocks
    text = re.sub(r"`[^`]*`", "", text)  # inline code
    links = [a or b for a, b in LINK.findall(text)]
    return [link for link in links if not re.match(r"^[a-z][a-z0-9+.-]*:|^#", link)]


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_inside_the_repository(path):
    for link in relative_links(path):
        target = (path.parent / link.split("#")[0]).resolve()
        assert target.is_relative_to(ROOT), f"{link} in {path} leads outside the repository"
        assert target.exists(), f"{link} in {path} leads nowhere"


def test_the_link_check_sees_a_broken_link(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("See [it](missing.md), [web](https://example.org) and `[x](y.md)`.\n")
    assert relative_links(page) == ["missing.md"]


def test_the_design_lives_in_the_repository():
    for name in ("architecture.md", "design.md", "glossary.md"):
        assert (ROOT / "docs" / name).is_file()
    assert len(list((ROOT / "docs/decisions").glob("*.md"))) >= 6
    readme = (ROOT / "README.md").read_text()
    assert "../shared" not in readme and "docs/design.md" in readme
