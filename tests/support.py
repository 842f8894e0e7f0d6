"""The names tests/test_publish.py and tests/publish_support.py import from here, where they now live."""

from build_harness import ROOT, build, offline_env
from suite_columns import COLUMN_PAGES, SITE_URL

__all__ = ["COLUMN_PAGES", "ROOT", "SITE_URL", "build", "offline_env"]
