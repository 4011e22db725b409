"""The console's Lambda and SQS pages in headless Chromium (see console_support): the lists show what boto3 created,
a function's page shows its configuration, aliases and versions, invokes it (refusing input that is not JSON) and shows
its logs, and a queue's page shows its attributes, tags and dead-letter sources and sends messages."""
import json
import urllib.parse

import pytest
from console_support import CONSOLE, browser, facts, open_page, text, type_into  # noqa: F401 (browser is a fixture)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqs_support import queue_arn, unique_name
from test_lambda_support import ECHO, python_function

PRINTER = (
    "def handler(event, context):\n"
    "    print(f\"browser says {event.get('word')}\")\n"
    "    if event.get('fail'):\n"
    "        raise RuntimeError('asked to fail')\n"
    "    return {'got': event}\n"
)


@pytest.fixture
def lam(stratus):
    return stratus.client("lambda")








# ---------------------------------------------------------------- Lambda


def test_the_functions_page_lists_the_functions(browser, stratus, lam):
    name = python_function(lam, ECHO, MemorySize=192, Timeout=7)
    open_page(browser, stratus, "/lambda")
    assert browser.execute_script("return document.body.dataset.page") == "lambda-functions"
    assert browser.title == "Lambda functions · Stratus console"
    row = browser.find_element(By.CSS_SELECTOR, f'#lambda-functions tr[data-name="{name}"]')
    cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
    assert cells[:5] == [name, "python3.12", "app.handler", "192 MB", "7 s"]
    assert cells[6] == "Active"
    assert browser.find_element(By.CSS_SELECTOR, '#services a[aria-current="page"]').text == "Lambda"
    row.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.page") == "lambda-function")
    assert browser.find_element(By.TAG_NAME, "h1").text == name


def test_the_functions_page_explains_how_to_create_one(browser, fresh_stratus):
    server = fresh_stratus()
    open_page(browser, server, "/lambda")
    assert "aws lambda create-function" in text(browser, "#lambda-functions-empty")
    assert not browser.find_elements(By.ID, "lambda-functions")


def test_the_function_page_shows_configuration_aliases_and_versions(browser, stratus, lam):
    name = python_function(lam, ECHO, Environment={"Variables": {"MODEL": "resnet", "STAGE": "dev"}})
    version = lam.publish_version(FunctionName=name, Description="first cut")["Version"]
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion=version)
    configuration = lam.get_function_configuration(FunctionName=name)
    open_page(browser, stratus, "/lambda/function", name=name)
    assert browser.title == f"{name} · Lambda · Stratus console"
    shown = facts(browser, "#lambda-facts")
    assert shown["ARN"] == configuration["FunctionArn"]
    assert shown["Runtime"] == "python3.12" and shown["Handler"] == "app.handler"
    assert shown["Role"] == configuration["Role"]
    assert shown["Memory"] == "128 MB" and shown["Timeout"] == "3 s"
    assert shown["State"] == "Active" and shown["Last update status"] == "Successful"
    assert shown["SHA-256"] == configuration["CodeSha256"]
    assert shown["Architectures"] == "x86_64" and shown["Layers"] == "None"
    assert {row.get_attribute("data-name"): row.find_elements(By.TAG_NAME, "td")[1].text
            for row in browser.find_elements(By.CSS_SELECTOR, "#lambda-environment tbody tr")} == {
        "MODEL": "resnet", "STAGE": "dev"}
    alias = browser.find_element(By.CSS_SELECTOR, '#lambda-aliases tr[data-name="live"]')
    assert alias.find_elements(By.TAG_NAME, "td")[1].text == version
    versions = [row.get_attribute("data-version") for row in browser.find_elements(By.CSS_SELECTOR, "#lambda-versions tbody tr")]
    assert versions == ["$LATEST", version]
    # The code download link is same-origin and answers the zip.
    href = browser.find_element(By.ID, "lambda-code-download").get_attribute("href")
    assert href.startswith(f"{stratus.endpoint}/_stratus/lambda/code/")
    status, headers, _ = stratus.raw("GET", href[len(stratus.endpoint):])
    assert status == 200 and headers["content-type"] == "application/zip"
    assert "No logs yet" in text(browser, "#lambda-logs-empty")


def test_the_invoke_form_shows_payload_log_tail_and_refreshes_the_logs(browser, stratus, lam):
    name = python_function(lam, PRINTER)
    open_page(browser, stratus, "/lambda/function", name=name)
    type_into(browser, "lambda-payload", '{"word": "first"}')
    browser.find_element(By.CSS_SELECTOR, "#lambda-invoke button[type=submit]").click()
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.body.dataset.invoked") == "1")
    assert text(browser, "#lambda-invoke-status") == "200"
    assert text(browser, "#lambda-invoke-version") == "$LATEST"
    assert not browser.find_elements(By.ID, "lambda-invoke-error")
    assert json.loads(text(browser, "#lambda-invoke-payload")) == {"got": {"word": "first"}}
    assert text(browser, "#lambda-invoke-payload").startswith('{\n  "got"')  # pretty-printed
    assert "browser says first" in text(browser, "#lambda-invoke-log")
    assert "browser says first" in text(browser, "#lambda-logs")

    type_into(browser, "lambda-payload", '{"word": "second", "fail": true}')
    browser.find_element(By.CSS_SELECTOR, "#lambda-invoke button[type=submit]").click()
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.body.dataset.invoked") == "2")
    assert text(browser, "#lambda-invoke-error") == "Unhandled"
    assert json.loads(text(browser, "#lambda-invoke-payload"))["errorMessage"] == "asked to fail"
    logs = text(browser, "#lambda-logs")
    assert logs.index("browser says first") < logs.index("browser says second")  # newest last


def test_the_invoke_form_refuses_a_payload_that_is_not_json(browser, stratus, lam):
    name = python_function(lam, PRINTER)
    open_page(browser, stratus, "/lambda/function", name=name)
    type_into(browser, "lambda-payload", "{not json")
    browser.find_element(By.CSS_SELECTOR, "#lambda-invoke button[type=submit]").click()
    message = browser.find_element(By.ID, "lambda-invoke-message")
    WebDriverWait(browser, 5).until(lambda d: "not JSON" in message.text)
    assert "error-text" in message.get_attribute("class")
    assert browser.execute_script("return document.body.dataset.invoked") is None
    status, _, logs = stratus.json("GET", f"/_stratus/lambda/logs?function={name}")
    assert status == 200 and logs["events"] == []


def test_an_unknown_function_shows_the_error(browser, stratus):
    browser.get(f"{stratus.endpoint}{CONSOLE}/lambda/function?name=no-such-function")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    assert "ResourceNotFoundException" in text(browser, "#app .error")


# ---------------------------------------------------------------- SQS


def test_the_queues_page_lists_queues_with_counts_and_dead_letter_targets(browser, stratus, sqs):
    dead = unique_name("dead")
    dead_url = sqs.create_queue(QueueName=dead)["QueueUrl"]
    policy = json.dumps({"deadLetterTargetArn": queue_arn(dead), "maxReceiveCount": 3})
    url = sqs.create_queue(QueueName=unique_name("jobs"), Attributes={"RedrivePolicy": policy})["QueueUrl"]
    fifo = sqs.create_queue(QueueName=unique_name("ordered", fifo=True), Attributes={"FifoQueue": "true"})["QueueUrl"]
    for body in ("a", "b", "c"):
        sqs.send_message(QueueUrl=url, MessageBody=body)
    sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=120)
    sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1)
    open_page(browser, stratus, "/sqs")
    assert browser.execute_script("return document.body.dataset.page") == "sqs-queues"
    row = browser.find_element(By.CSS_SELECTOR, f'#sqs-queues tr[data-url="{url}"]')
    cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
    assert cells[0] == url.rsplit("/", 1)[1]
    assert cells[1:5] == ["Standard", "2", "1", "1"]
    assert cells[6] == dead
    target = row.find_element(By.CSS_SELECTOR, "td.sqs-dead-letter a").get_attribute("href")
    assert dead_url.rsplit("/", 1)[1] in target
    fifo_row = browser.find_element(By.CSS_SELECTOR, f'#sqs-queues tr[data-url="{fifo}"]')
    assert fifo_row.find_elements(By.TAG_NAME, "td")[1].text == "FIFO"
    row.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.page") == "sqs-queue")
    assert browser.find_element(By.TAG_NAME, "h1").text == url.rsplit("/", 1)[1]


def test_the_queues_page_explains_how_to_create_one(browser, fresh_stratus):
    server = fresh_stratus()
    open_page(browser, server, "/sqs")
    assert "aws sqs create-queue" in text(browser, "#sqs-queues-empty")


def test_the_queue_page_shows_attributes_tags_and_dead_letter_sources(browser, stratus, sqs):
    dead = unique_name("dead")
    dead_url = sqs.create_queue(QueueName=dead, tags={"team": "ml", "tier": "gold"})["QueueUrl"]
    policy = json.dumps({"deadLetterTargetArn": queue_arn(dead), "maxReceiveCount": 3})
    source = sqs.create_queue(QueueName=unique_name("source"), Attributes={"RedrivePolicy": policy})["QueueUrl"]
    open_page(browser, stratus, "/sqs/queue", url=dead_url)
    assert browser.title == f"{dead} · SQS · Stratus console"
    shown = facts(browser, "#sqs-facts")
    assert shown["URL"] == dead_url and shown["ARN"] == queue_arn(dead) and shown["Type"] == "Standard"
    attributes = sqs.get_queue_attributes(QueueUrl=dead_url, AttributeNames=["All"])["Attributes"]
    rows = {row.get_attribute("data-name"): row.find_elements(By.TAG_NAME, "td")[1].text
            for row in browser.find_elements(By.CSS_SELECTOR, "#sqs-attributes tbody tr")}
    assert rows == attributes
    tags = {row.get_attribute("data-key"): row.find_elements(By.TAG_NAME, "td")[1].text
            for row in browser.find_elements(By.CSS_SELECTOR, "#sqs-tags tbody tr")}
    assert tags == {"team": "ml", "tier": "gold"}
    sources = browser.find_elements(By.CSS_SELECTOR, "#sqs-dead-letter-sources li")
    assert [item.get_attribute("data-url") for item in sources] == [source]
    sources[0].find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script(
        "return document.body.dataset.ready === 'true' && document.querySelector('h1').textContent") == source.rsplit("/", 1)[1])
    assert facts(browser, "#sqs-facts")["Dead-letter queue"] == f"{dead} after 3 receives"
    assert "No tags" in text(browser, "#sqs-tags-empty")


def test_the_send_form_sends_and_refreshes_the_counts(browser, stratus, sqs):
    url = sqs.create_queue(QueueName=unique_name("send"))["QueueUrl"]
    open_page(browser, stratus, "/sqs/queue", url=url)
    assert text(browser, '#sqs-counts [data-count="available"] .sqs-count-value') == "0"
    assert not browser.find_elements(By.ID, "sqs-group-id")
    type_into(browser, "sqs-body", "from the browser")
    browser.find_element(By.CSS_SELECTOR, "#sqs-send button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.sent") == "1")
    assert text(browser, '#sqs-counts [data-count="available"] .sqs-count-value') == "1"
    message_id = text(browser, "#sqs-sent-id")
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert [(m["MessageId"], m["Body"]) for m in messages] == [(message_id, "from the browser")]


def test_the_send_form_of_a_fifo_queue_takes_group_and_deduplication_ids(browser, stratus, sqs):
    url = sqs.create_queue(QueueName=unique_name("fifo", fifo=True), Attributes={"FifoQueue": "true"})["QueueUrl"]
    open_page(browser, stratus, "/sqs/queue", url=url)
    assert facts(browser, "#sqs-facts")["Type"] == "FIFO"
    type_into(browser, "sqs-body", "ordered")
    browser.find_element(By.CSS_SELECTOR, "#sqs-send button[type=submit]").click()
    message = browser.find_element(By.ID, "sqs-send-message")
    WebDriverWait(browser, 15).until(lambda d: "error-text" in message.get_attribute("class"))
    assert "MissingParameter" in message.text  # the service's answer: a FIFO message needs a group id
    type_into(browser, "sqs-group-id", "g1")
    type_into(browser, "sqs-dedup-id", "d1")
    browser.find_element(By.CSS_SELECTOR, "#sqs-send button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.sent") == "1")
    assert "sequence" in message.text
    assert text(browser, '#sqs-counts [data-count="available"] .sqs-count-value') == "1"
    messages = sqs.receive_message(QueueUrl=url, AttributeNames=["MessageGroupId", "MessageDeduplicationId"])["Messages"]
    assert [(m["Body"], m["Attributes"]["MessageGroupId"], m["Attributes"]["MessageDeduplicationId"])
            for m in messages] == [("ordered", "g1", "d1")]


def test_the_function_page_shows_its_triggers_linked_to_their_sources(browser, stratus, lam, sqs):
    name = python_function(lam, ECHO)
    queue_name = unique_name("trigger")
    queue_url = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    arn = queue_arn(queue_name)
    lam.create_event_source_mapping(EventSourceArn=arn, FunctionName=name, BatchSize=3, Enabled=False)
    open_page(browser, stratus, "/lambda/function", name=name)
    (row,) = browser.find_elements(By.CSS_SELECTOR, "#lambda-triggers tbody tr")
    link = row.find_element(By.CSS_SELECTOR, "td a")
    assert link.text == arn
    assert link.get_attribute("href").endswith(f"{CONSOLE}/sqs/queue?url={urllib.parse.quote(queue_url, safe='')}")
    assert row.find_elements(By.TAG_NAME, "td")[2].text == "3"
    assert not browser.find_elements(By.ID, "lambda-url")


def test_a_dead_letter_queue_page_redrives_its_messages(browser, stratus, sqs):
    dead = unique_name("dlq")
    dead_url = sqs.create_queue(QueueName=dead)["QueueUrl"]
    policy = json.dumps({"deadLetterTargetArn": queue_arn(dead), "maxReceiveCount": 1})
    source = sqs.create_queue(QueueName=unique_name("src"), Attributes={"RedrivePolicy": policy})["QueueUrl"]
    sqs.send_message(QueueUrl=source, MessageBody="poison")
    sqs.receive_message(QueueUrl=source, VisibilityTimeout=0)
    assert sqs.receive_message(QueueUrl=source, WaitTimeSeconds=0).get("Messages") is None  # now in the DLQ
    open_page(browser, stratus, "/sqs/queue", url=dead_url)
    assert "No redrive yet" in text(browser, "#sqs-move-tasks-empty")
    browser.find_element(By.ID, "sqs-redrive").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.redriven") == "1")
    got = []
    for _ in range(20):
        got = sqs.receive_message(QueueUrl=source, WaitTimeSeconds=1).get("Messages", [])
        if got:
            break
    assert [m["Body"] for m in got] == ["poison"]
    # The page lists the task (reloaded: it has finished by now).
    open_page(browser, stratus, "/sqs/queue", url=dead_url)
    (row,) = browser.find_elements(By.CSS_SELECTOR, "#sqs-move-tasks tbody tr")
    assert row.get_attribute("data-status") == "COMPLETED"
    assert row.find_elements(By.TAG_NAME, "td")[1].text == "1 of 1"
    # A queue that is no dead-letter queue has no redrive panel.
    open_page(browser, stratus, "/sqs/queue", url=source)
    assert not browser.find_elements(By.ID, "sqs-redrive")


def test_the_function_page_follows_new_logs_live(browser, stratus, lam):
    """Invocations from elsewhere (here boto3) show up in Recent logs without a reload."""
    name = python_function(lam, PRINTER)
    lam.invoke(FunctionName=name, Payload=json.dumps({"word": "before"}))
    open_page(browser, stratus, "/lambda/function", name=name)
    assert browser.execute_script("return document.body.dataset.logEvents") == "1"
    assert "browser says before" in text(browser, "#lambda-logs")
    lam.invoke(FunctionName=name, Payload=json.dumps({"word": "meanwhile"}))
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.body.dataset.logEvents") == "2")
    logs = text(browser, "#lambda-logs")
    assert logs.index("browser says before") < logs.index("browser says meanwhile")
