"""The browser and the served essay of test_html_browser.py, for every browser test here."""

from tests.formats.test_html_browser import browser, site  # noqa: F401
