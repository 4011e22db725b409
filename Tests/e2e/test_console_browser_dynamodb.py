"""The console's DynamoDB pages in headless Chromium (see console_support.py): the tables page lists what boto3
created (keys, counts, billing mode) or says how to create one, and a table's page shows its facts, its indexes and
its items in a grid — key columns first, values drawn compactly — a page at a time with Next, Previous and First."""
import base64
import json
import urllib.parse

import pytest
from console_support import CONSOLE, browser, open_page  # noqa: F401 (browser is a fixture)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sfn_support import unique


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


def create_table(ddb, name: str) -> None:
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                              {"AttributeName": "owner", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[{"IndexName": "by-owner", "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "KEYS_ONLY"}}])
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})


def cells_of(row) -> dict:
    """A grid row's cells: attribute name → (text, type)."""
    return {cell.get_attribute("data-attribute"): (cell.get_attribute("textContent"), cell.get_attribute("data-type"))
            for cell in row.find_elements(By.TAG_NAME, "td")}


def row_keys(browser) -> list:
    return [json.loads(row.get_attribute("data-key"))
            for row in browser.find_elements(By.CSS_SELECTOR, "#dynamodb-items tbody tr")]


def click_and_wait(browser, element_id: str) -> None:
    """Clicks a pager button and waits until the items are drawn again."""
    loads = browser.execute_script("return document.body.dataset.itemsLoads")
    browser.find_element(By.ID, element_id).click()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.body.dataset.itemsLoads") != loads)


def test_the_tables_page_lists_tables_with_keys_counts_and_billing(browser, stratus, ddb):
    name = unique("browser-ddb")
    create_table(ddb, name)
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"N": "1"}})
    open_page(browser, stratus, "/dynamodb")
    assert browser.execute_script("return document.body.dataset.page") == "dynamodb-tables"
    assert browser.title.startswith("DynamoDB tables")
    assert browser.find_element(By.CSS_SELECTOR, '#services a[aria-current="page"]').get_attribute("data-service") == "dynamodb"
    row = browser.find_element(By.CSS_SELECTOR, f'#dynamodb-tables tr[data-name="{name}"]')
    cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
    described = ddb.describe_table(TableName=name)["Table"]
    assert cells == [name, "ACTIVE", "pk (S)", "sk (N)", "1", str(described["TableSizeBytes"]), "PAY_PER_REQUEST"]
    link = row.find_element(By.TAG_NAME, "a").get_attribute("href")
    assert link.endswith(f"{CONSOLE}/dynamodb/table?name={urllib.parse.quote(name, safe='')}")
    every = [table for page in ddb.get_paginator("list_tables").paginate() for table in page["TableNames"]]
    shown = [row.get_attribute("data-name") for row in browser.find_elements(By.CSS_SELECTOR, "#dynamodb-tables tbody tr")]
    assert shown == every


def test_without_tables_the_page_says_how_to_create_one(browser, fresh_stratus):
    server = fresh_stratus("--in-memory")
    open_page(browser, server, "/dynamodb")
    assert not browser.find_elements(By.ID, "dynamodb-tables")
    assert "aws dynamodb create-table" in browser.find_element(By.ID, "dynamodb-empty").text


def test_the_table_page_shows_facts_indexes_and_items(browser, stratus, ddb):
    name = unique("browser-ddb")
    create_table(ddb, name)
    ddb.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
    ddb.put_item(TableName=name, Item={
        "pk": {"S": "a"}, "sk": {"N": "1.5"}, "owner": {"S": "ann"}, "flag": {"BOOL": True}, "nothing": {"NULL": True},
        "data": {"B": b"\x00\xff"}, "tags": {"SS": ["red"]}, "scores": {"NS": ["7"]},
        "profile": {"M": {"age": {"N": "42"}, "langs": {"L": [{"S": "swift"}, {"BOOL": False}]}}},
    })
    ddb.put_item(TableName=name, Item={"pk": {"S": "b"}, "sk": {"N": "2"}, "alpha": {"S": "<b>not html</b>"}})
    open_page(browser, stratus, "/dynamodb/table", name=name)
    assert browser.execute_script("return document.body.dataset.page") == "dynamodb-table"
    crumbs = browser.find_elements(By.CSS_SELECTOR, "#breadcrumbs a, #breadcrumbs span:not(.sep)")
    assert [crumb.text for crumb in crumbs] == ["DynamoDB", name]
    assert crumbs[0].get_attribute("href").endswith(f"{CONSOLE}/dynamodb")

    facts = browser.find_element(By.ID, "dynamodb-facts").text
    described = ddb.describe_table(TableName=name)["Table"]
    for text in (described["TableArn"], "pk (S)", "sk (N)", "PAY_PER_REQUEST", "ENABLED on expires"):
        assert text in facts
    index = browser.find_element(By.CSS_SELECTOR, '#dynamodb-indexes tr[data-index="by-owner"]')
    assert [cell.text for cell in index.find_elements(By.TAG_NAME, "td")] == \
        ["by-owner", "Global", "owner (S)", "—", "KEYS_ONLY", "ACTIVE"]

    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#dynamodb-items thead th")]
    assert headers == ["pk", "sk", "alpha", "data", "flag", "nothing", "owner", "profile", "scores", "tags"]
    assert sorted(map(json.dumps, row_keys(browser))) == sorted(map(json.dumps, [
        {"pk": {"S": "a"}, "sk": {"N": "1.5"}}, {"pk": {"S": "b"}, "sk": {"N": "2"}}]))
    rich = browser.find_element(By.CSS_SELECTOR, '#dynamodb-items tr[data-key*=\'"a"\']')
    cells = cells_of(rich)
    assert cells["pk"] == ("a", "S") and cells["sk"] == ("1.5", "N")
    assert cells["flag"] == ("true", "BOOL") and cells["nothing"] == ("null", "NULL")
    assert cells["data"] == (base64.b64encode(b"\x00\xff").decode(), "B")
    assert cells["tags"] == ('["red"]', "SS") and cells["scores"] == ("[7]", "NS")
    assert cells["profile"] == ('{"age":42,"langs":["swift",false]}', "M")
    assert cells["alpha"] == ("", None)
    plain = cells_of(browser.find_element(By.CSS_SELECTOR, '#dynamodb-items tr[data-key*=\'"b"\']'))
    assert plain["alpha"] == ("<b>not html</b>", "S")  # drawn as text, never as markup
    assert not browser.find_elements(By.ID, "dynamodb-next")


def test_next_previous_and_first_page(browser, stratus, ddb):
    name = unique("browser-ddb")
    create_table(ddb, name)
    for start in range(0, 120, 20):
        ddb.batch_write_item(RequestItems={name: [
            {"PutRequest": {"Item": {"pk": {"S": f"p{number:03}"}, "sk": {"N": str(number)}}}}
            for number in range(start, start + 20)]})
    open_page(browser, stratus, "/dynamodb/table", name=name)
    first = row_keys(browser)
    assert len(first) == 50
    assert not browser.find_elements(By.ID, "dynamodb-first")
    click_and_wait(browser, "dynamodb-next")
    second = row_keys(browser)
    assert len(second) == 50 and "Page 2" in browser.find_element(By.ID, "dynamodb-page-status").text
    click_and_wait(browser, "dynamodb-next")
    third = row_keys(browser)
    assert len(third) == 20
    assert not browser.find_elements(By.ID, "dynamodb-next")
    seen = [key["pk"]["S"] for key in first + second + third]
    assert sorted(seen) == [f"p{number:03}" for number in range(120)]
    # The same pages as boto3's Scan with Limit=50.
    boto_first = ddb.scan(TableName=name, Limit=50)
    assert [key["pk"]["S"] for key in first] == [item["pk"]["S"] for item in boto_first["Items"]]
    click_and_wait(browser, "dynamodb-previous")
    assert row_keys(browser) == second
    click_and_wait(browser, "dynamodb-first")
    assert row_keys(browser) == first
    assert "Page 1" in browser.find_element(By.ID, "dynamodb-page-status").text


def test_a_partition_query_and_an_index_scan(browser, stratus, ddb):
    name = unique("browser-ddb")
    create_table(ddb, name)
    for number in range(3):
        ddb.put_item(TableName=name, Item={"pk": {"S": "same"}, "sk": {"N": str(number)}, "owner": {"S": f"o{number}"}})
    ddb.put_item(TableName=name, Item={"pk": {"S": "other"}, "sk": {"N": "9"}})
    open_page(browser, stratus, "/dynamodb/table", name=name)
    assert len(row_keys(browser)) == 4
    browser.find_element(By.ID, "dynamodb-partition").send_keys("same")
    click_and_wait(browser, "dynamodb-query-submit")
    assert [key["sk"]["N"] for key in row_keys(browser)] == ["0", "1", "2"]
    click_and_wait(browser, "dynamodb-scan")
    assert len(row_keys(browser)) == 4
    loads = browser.execute_script("return document.body.dataset.itemsLoads")
    browser.execute_script("""const select = document.getElementById("dynamodb-index");
        select.value = "by-owner"; select.dispatchEvent(new Event("change"));""")
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.body.dataset.itemsLoads") != loads)
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#dynamodb-items thead th")]
    assert headers == ["pk", "sk", "owner"]
    assert len(row_keys(browser)) == 3


def test_clicking_a_row_shows_the_whole_item(browser, stratus, ddb):
    name = unique("browser-ddb")
    create_table(ddb, name)
    item = {"pk": {"S": "a"}, "sk": {"N": "1"}, "profile": {"M": {"langs": {"L": [{"S": "swift"}, {"NULL": True}]}}},
            "note": {"S": "<i>text</i>"}}
    ddb.put_item(TableName=name, Item=item)
    open_page(browser, stratus, "/dynamodb/table", name=name)
    assert not browser.find_elements(By.ID, "dynamodb-item-json")
    row = browser.find_element(By.CSS_SELECTOR, "#dynamodb-items tbody tr")
    row.click()
    shown = browser.find_element(By.ID, "dynamodb-item-json")
    assert json.loads(shown.text) == ddb.get_item(TableName=name, Key={"pk": item["pk"], "sk": item["sk"]})["Item"]
    assert "selected" in row.get_attribute("class")
