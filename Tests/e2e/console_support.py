"""Shared by the console's browser tests (test_console_browser*.py): headless Chromium (Debian's chromium and
chromedriver, installed by scripts/bootstrap-chromium.sh; selenium from .venv) and a page opener that waits until the
page has drawn."""
import shutil
import urllib.parse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CONSOLE = "/_stratus/console"


@pytest.fixture(scope="module")
def browser():
    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.fail("Chromium is not installed: run scripts/bootstrap-chromium.sh (scripts/test.sh does)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def open_page(browser, stratus, path: str, **parameters):
    """Opens the console page at `path` (below /_stratus/console) and waits until it is drawn; fails on an error."""
    query = urllib.parse.urlencode(parameters)
    browser.get(f"{stratus.endpoint}{CONSOLE}{path}{'?' + query if query else ''}")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    errors = browser.find_elements(By.CSS_SELECTOR, "#app .error")
    assert not errors, errors[0].text
