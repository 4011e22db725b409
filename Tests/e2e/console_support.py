"""Shared by the console's browser tests (test_console_browser*.py): headless Chromium (Debian's chromium and
chromedriver, installed by scripts/bootstrap-chromium.sh; selenium from .venv) and a page opener that waits until the
page has drawn."""
import shutil
import urllib.parse
import uuid

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


def text(browser, selector: str) -> str:
    """The text of the element at `selector`."""
    return browser.find_element(By.CSS_SELECTOR, selector).text


def facts(browser, selector: str) -> dict:
    """The dt → dd texts of the facts list at `selector`."""
    return browser.execute_script("""
        const found = {};
        document.querySelectorAll(arguments[0] + " > dt").forEach((dt) => {
          found[dt.textContent] = dt.nextElementSibling.textContent;
        });
        return found;""", selector)


def type_into(browser, element_id: str, value: str):
    """Replaces the value of the form field `element_id` by typing `value`."""
    element = browser.find_element(By.ID, element_id)
    element.clear()
    element.send_keys(value)


def new_queue(sqs, fifo: bool = False) -> tuple:
    """A new queue for deliveries (FIFO when asked): (URL, ARN)."""
    queue_name = f"console-{uuid.uuid4().hex[:10]}" + (".fifo" if fifo else "")
    url = sqs.create_queue(QueueName=queue_name, Attributes={"FifoQueue": "true"} if fifo else {})["QueueUrl"]
    return url, sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def drain(sqs, url: str, count: int = 1) -> list:
    """Up to `count` messages of the queue (with their attributes), deleted as they are received; waits up to ~10 s."""
    got = []
    for _ in range(10):
        for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                           MessageAttributeNames=["All"]).get("Messages", []):
            got.append(message)
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        if len(got) >= count:
            break
    return got
