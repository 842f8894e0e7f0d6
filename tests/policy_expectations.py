"""The page's Content-Security-Policy and the host's `_headers` file, written out: the one place to edit when
the policy changes. The hashes of the inline code are computed here with hashlib, from the served page."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# {scripts} stands for a sha256 source of each inline script, in page order, and {style} for the inline
# stylesheet's. Script files come from the site itself only (the passage toolbar's).
POLICY = (
    "default-src 'self'; script-src 'self' {scripts}; style-src 'self' {style}; img-src 'self' data:; "
    "font-src 'none'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"
)
# The same policy plus what only a header can say, then a year's caching for each fingerprinted file.
HOST_HEADERS = (
    "/*\n"
    "  Content-Security-Policy: {policy}; frame-ancestors 'none'\n"
    "  Referrer-Policy: strict-origin-when-cross-origin\n"
    "  X-Content-Type-Options: nosniff\n"
    "  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()\n"
)
CACHED = "/{path}\n  Cache-Control: public, max-age=31536000, immutable\n"
# The files whose name carries the first 10 hex digits of the SHA-256 of their content: each column's social
# card and its three other ratios, the publisher logo and the passage toolbar's script.
CARDS = ["assets/card.*.png", "assets/card-16x9.*.png", "assets/card-4x3.*.png", "assets/card-1x1.*.png"]
FINGERPRINTED = [*CARDS, "assets/logo.*.png", "assets/passage.*.js"]
# Fingerprinted too, and only on a site that redirects an old address (mkdocs.yml's redirects): their script.
FINGERPRINTED_IF_REDIRECTS = ["assets/redirect.*.js"]


def sha256_source(code: str) -> str:
    """A CSP hash source for an inline block (CSP Level 3: base64 of the SHA-256 of its UTF-8 text)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def expected_policy(scripts: list[str], style: str) -> str:
    """POLICY for a page whose inline scripts and stylesheet are these."""
    return POLICY.format(scripts=" ".join(sha256_source(code) for code in scripts), style=sha256_source(style))


def inline_code(html: str) -> tuple[list[str], str]:
    """A served page's inline scripts (not its JSON data blocks) and its one inline stylesheet."""
    (style,) = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    return re.findall(r"<script>(.*?)</script>", html, flags=re.S), style


def expected_host_headers(site: Path, policy: str, columns: int, others: int = 0) -> str:
    """HOST_HEADERS for a built site with this policy, this many column pages (each has its card in four ratios)
    and this many other pages (each has its card). Each fingerprinted file is found on disk, and its name's hash
    checked against its content here."""
    cached = []
    for pattern in FINGERPRINTED:
        paths = list(site.glob(pattern))
        count = columns + others if pattern == CARDS[0] else columns if pattern in CARDS else 1
        assert len(paths) == count, f"{pattern}: {paths}"
        for path in paths:
            fingerprint = path.name.rsplit(".", 2)[1]
            assert fingerprint == hashlib.sha256(path.read_bytes()).hexdigest()[:10], f"{path.name}: not its hash"
            cached.append(path.relative_to(site).as_posix())
    for pattern in FINGERPRINTED_IF_REDIRECTS:
        paths = list(site.glob(pattern))
        assert len(paths) <= 1, f"{pattern}: {paths}"
        cached += [path.relative_to(site).as_posix() for path in paths]
    return HOST_HEADERS.format(policy=policy) + "".join(CACHED.format(path=path) for path in sorted(cached))
