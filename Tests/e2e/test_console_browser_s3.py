"""The console's S3 pages in headless Chromium: the buckets table (and its empty state), a bucket browsed folder by
folder with breadcrumbs, an object's detail panel, download links, paging past 1,000 keys, and keys that look like
HTML drawn as text."""
import urllib.parse

from console_support import CONSOLE, browser, open_page  # noqa: F401 (browser is a fixture)
from s3_support import bucket, s3, unique  # noqa: F401 (bucket and s3 are fixtures)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def wait_for_bucket_page(browser, parameter: str, value: str | None = None):
    """Waits until a bucket page has drawn at a URL whose query parameter `parameter` is `value` (or, for None,
    present)."""
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("""
        const found = new URLSearchParams(location.search).get(arguments[0]);
        return document.body.dataset.ready === 'true' && document.body.dataset.page === 's3-bucket'
          && (arguments[1] === null ? found !== null : found === arguments[1]);""", parameter, value))


def rows(browser) -> list:
    """The objects table's rows in order: ("prefix", folder) or ("key", key)."""
    return browser.execute_script("""
        return [...document.querySelectorAll('#s3-objects tbody tr')].map((row) =>
          row.dataset.prefix !== undefined ? ['prefix', row.dataset.prefix] : ['key', row.dataset.key]);""")


def crumbs(browser) -> list:
    return [element.text for element in browser.find_elements(By.CSS_SELECTOR, "#breadcrumbs a, #breadcrumbs span:not(.sep)")]


def test_an_account_without_buckets_says_how_to_create_one(browser, fresh_stratus):
    server = fresh_stratus("--in-memory")
    open_page(browser, server, "/s3")
    assert browser.execute_script("return document.body.dataset.page") == "s3-buckets"
    assert "aws s3 mb s3://" in browser.find_element(By.ID, "s3-buckets-empty").text
    assert not browser.find_elements(By.ID, "s3-buckets")
    assert browser.find_element(By.CSS_SELECTOR, '#services a[aria-current="page"]').text == "S3"


def test_the_buckets_page_lists_every_bucket(browser, stratus, s3):
    names = sorted([unique("browser"), unique("browser")])
    for name in names:
        s3.create_bucket(Bucket=name)
    open_page(browser, stratus, "/s3")
    assert browser.title == "S3 buckets · Stratus console"
    listed = [row.get_attribute("data-name") for row in browser.find_elements(By.CSS_SELECTOR, "#s3-buckets tbody tr")]
    assert listed == [entry["Name"] for entry in s3.list_buckets()["Buckets"]]
    for name in names:
        cells = browser.find_element(By.CSS_SELECTOR, f'#s3-buckets tr[data-name="{name}"]').find_elements(By.TAG_NAME, "td")
        assert cells[0].text == name and cells[1].text == "us-east-1"
        assert cells[2].text[:2] == "20"  # a date, YYYY-MM-DD hh:mm:ss.mmm
        href = cells[0].find_element(By.TAG_NAME, "a").get_attribute("href")
        assert href.endswith(f"{CONSOLE}/s3/bucket?name={q(name)}")


def test_a_bucket_is_browsed_folder_by_folder(browser, stratus, s3, bucket):
    for key, body in [("readme.txt", b"hello"), ("docs/guide/intro.md", b"# intro"), ("docs/a b+c.txt", b"x" * 2048),
                      ("docs/日本.txt", b"nihon"), ("site/index.html", b"<script>alert(1)</script>")]:
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    open_page(browser, stratus, "/s3/bucket", name=bucket)
    assert browser.execute_script("return document.body.dataset.page") == "s3-bucket"
    assert rows(browser) == [["prefix", "docs/"], ["prefix", "site/"], ["key", "readme.txt"]]
    assert crumbs(browser) == ["S3", bucket]
    readme = browser.find_element(By.CSS_SELECTOR, '#s3-objects tr[data-key="readme.txt"]').find_elements(By.TAG_NAME, "td")
    assert readme[1].text == "5 B" and readme[1].get_attribute("title") == "5 bytes"
    assert readme[3].text == "STANDARD"

    browser.find_element(By.CSS_SELECTOR, '#s3-objects tr[data-prefix="docs/"] a').click()
    wait_for_bucket_page(browser, "prefix", "docs/")
    assert rows(browser) == [["prefix", "docs/guide/"], ["key", "docs/a b+c.txt"], ["key", "docs/日本.txt"]]
    assert crumbs(browser) == ["S3", bucket, "docs"]
    spaced = browser.find_element(By.CSS_SELECTOR, '#s3-objects tr[data-key="docs/a b+c.txt"]')
    cells = spaced.find_elements(By.TAG_NAME, "td")
    assert cells[0].text == "a b+c.txt"  # relative to the prefix
    assert cells[1].text == "2.0 KB" and cells[1].get_attribute("title") == "2,048 bytes"
    download = cells[4].find_element(By.TAG_NAME, "a").get_attribute("href")
    assert download.endswith(f"{CONSOLE}/api/s3/object?bucket={q(bucket)}&key={q('docs/a b+c.txt')}")

    browser.find_element(By.CSS_SELECTOR, '#s3-objects tr[data-prefix="docs/guide/"] a').click()
    wait_for_bucket_page(browser, "prefix", "docs/guide/")
    assert crumbs(browser) == ["S3", bucket, "docs", "guide"]
    assert rows(browser) == [["key", "docs/guide/intro.md"]]
    # The "docs" crumb leads back one level.
    browser.find_element(By.LINK_TEXT, "docs").click()
    wait_for_bucket_page(browser, "prefix", "docs/")
    assert rows(browser)[0] == ["prefix", "docs/guide/"]


def test_clicking_an_object_opens_its_details(browser, stratus, s3, bucket):
    key = "data/report 1+2.json"
    s3.put_object(Bucket=bucket, Key=key, Body=b'{"n": 1}', ContentType="application/json",
                  Metadata={"owner": "team-a"}, Tagging="stage=raw", ChecksumAlgorithm="CRC32")
    open_page(browser, stratus, "/s3/bucket", name=bucket, prefix="data/")
    browser.find_element(By.CSS_SELECTOR, f'#s3-objects tr[data-key="{key}"] a.s3-object-name').click()
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.ID, "s3-object-detail").get_attribute("data-key") == key)
    panel = browser.find_element(By.ID, "s3-object-detail")
    assert panel.find_element(By.TAG_NAME, "h2").text == key
    facts = dict(zip([dt.text for dt in panel.find_elements(By.CSS_SELECTOR, "dl.facts dt")],
                     [dd.text for dd in panel.find_elements(By.CSS_SELECTOR, "dl.facts dd")]))
    head = s3.head_object(Bucket=bucket, Key=key)
    assert facts["Content type"] == "application/json"
    assert facts["Size"] == "8 B"
    assert facts["ETag"] == head["ETag"]
    assert facts["Storage class"] == "STANDARD"
    checksums = s3.head_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
    assert facts["Checksum CRC32"] == checksums["ChecksumCRC32"]
    # Every fact is a dt/dd pair: nothing else (a stray text node) sits in the grid.
    assert browser.execute_script("""
        const facts = document.querySelector('#s3-object-detail dl.facts');
        return facts.childNodes.length === facts.children.length
          && [...facts.children].every((e, i) => e.tagName === (i % 2 ? 'DD' : 'DT'));""")
    assert [cell.text for cell in panel.find_elements(By.CSS_SELECTOR, "#s3-metadata td")] == ["owner", "team-a"]
    assert [cell.text for cell in panel.find_elements(By.CSS_SELECTOR, "#s3-tags td")] == ["stage", "raw"]
    assert browser.find_element(By.CSS_SELECTOR, f'#s3-objects tr[data-key="{key}"]').get_attribute("class") == "s3-selected"
    # The panel's download link fetches the bytes as a sandboxed attachment.
    href = panel.find_element(By.CSS_SELECTOR, "a.s3-download").get_attribute("href")
    answer = browser.execute_script("""
        const response = await fetch(arguments[0]);
        return [response.status, response.headers.get('content-type'), response.headers.get('content-security-policy'),
                response.headers.get('content-disposition'), await response.text()];""", href)
    assert answer == [200, "application/octet-stream", "sandbox",
                      "attachment; filename=\"report 1+2.json\"; filename*=UTF-8''report%201+2.json", '{"n": 1}']


def test_keys_that_look_like_html_are_drawn_as_text(browser, stratus, s3, bucket):
    key = '<img src=x onerror="document.body.dataset.owned=1">.html'
    s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    folder = '<svg onload="document.body.dataset.owned=2">/'
    s3.put_object(Bucket=bucket, Key=folder + "inside", Body=b"x")
    open_page(browser, stratus, "/s3/bucket", name=bucket)
    assert browser.find_element(By.CSS_SELECTOR, "#s3-objects tr[data-key] a").text == key
    assert browser.find_element(By.CSS_SELECTOR, "#s3-objects tr[data-prefix] a").text == folder
    assert not browser.find_elements(By.CSS_SELECTOR, "#s3-objects img, #s3-objects svg")
    assert browser.execute_script("return document.body.dataset.owned") is None


def test_an_empty_bucket_and_paging_past_a_thousand_keys(browser, stratus, s3, bucket):
    open_page(browser, stratus, "/s3/bucket", name=bucket)
    assert "This bucket is empty." in browser.find_element(By.ID, "s3-objects-empty").text
    assert not browser.find_elements(By.ID, "s3-next-page")
    for index in range(1002):
        s3.put_object(Bucket=bucket, Key=f"k{index:04d}", Body=b"")
    open_page(browser, stratus, "/s3/bucket", name=bucket)
    assert len(rows(browser)) == 1000 and rows(browser)[-1] == ["key", "k0999"]
    browser.find_element(By.ID, "s3-next-page").click()
    wait_for_bucket_page(browser, "token")
    assert rows(browser) == [["key", "k1000"], ["key", "k1001"]]
    assert not browser.find_elements(By.ID, "s3-next-page")


def test_an_unknown_bucket_shows_the_services_error(browser, stratus):
    browser.get(f"{stratus.endpoint}{CONSOLE}/s3/bucket?name={unique('missing')}")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    assert browser.execute_script("return document.body.dataset.page") == "error"
    assert "NoSuchBucket" in browser.find_element(By.CSS_SELECTOR, "#app .error").text
