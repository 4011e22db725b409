"""The console's SNS and EventBridge pages in headless Chromium (see console_support): the topic list and a topic's
page (facts, tags, subscriptions with their endpoints linked, the Publish form, whose messages reach a subscribed
queue), the bus list, a bus's page (rules, the Put event form, which refuses detail that is not JSON and shows an
entry's error) and a rule's page (pattern or schedule, targets linked to their console pages)."""
import json
import urllib.parse
import uuid

from console_support import CONSOLE, browser, drain, facts, new_queue, open_page, text, type_into  # noqa: F401
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ACCOUNT, REGION = "000000000000", "us-east-1"


def name(prefix="t"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"












def href_query(element) -> tuple:
    """The path and the query parameters of a link."""
    parts = urllib.parse.urlsplit(element.get_attribute("href"))
    return parts.path, dict(urllib.parse.parse_qsl(parts.query))


# ---------------------------------------------------------------- SNS


def test_the_topics_page_lists_topics_with_their_subscriptions(browser, stratus):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    standard = sns.create_topic(Name=name(), Attributes={"DisplayName": "Orders"})["TopicArn"]
    fifo = sns.create_topic(Name=name() + ".fifo", Attributes={"FifoTopic": "true"})["TopicArn"]
    _, queue_arn = new_queue(sqs)
    sns.subscribe(TopicArn=standard, Protocol="sqs", Endpoint=queue_arn)
    sns.subscribe(TopicArn=standard, Protocol="http", Endpoint="http://127.0.0.1:1/hook")
    open_page(browser, stratus, "/sns")
    assert browser.execute_script("return document.body.dataset.page") == "sns-topics"
    assert browser.title == "SNS topics · Stratus console"
    row = browser.find_element(By.CSS_SELECTOR, f'#sns-topics tr[data-arn="{standard}"]')
    assert [cell.text for cell in row.find_elements(By.TAG_NAME, "td")] == \
        [standard.rsplit(":", 1)[1], "Standard", "1 / 1", "Orders"]
    fifo_row = browser.find_element(By.CSS_SELECTOR, f'#sns-topics tr[data-arn="{fifo}"]')
    assert [cell.text for cell in fifo_row.find_elements(By.TAG_NAME, "td")][1:] == ["FIFO", "0 / 0", "—"]
    row.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.page") == "sns-topic")
    assert browser.find_element(By.TAG_NAME, "h1").text == standard.rsplit(":", 1)[1]


def test_the_topics_page_explains_how_to_create_one(browser, fresh_stratus):
    server = fresh_stratus()
    open_page(browser, server, "/sns")
    assert "aws sns create-topic" in text(browser, "#sns-topics-empty")


def test_the_topic_page_shows_facts_tags_and_linked_subscriptions(browser, stratus):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    topic = sns.create_topic(Name=name(), Attributes={"DisplayName": "Models"},
                             Tags=[{"Key": "team", "Value": "ml"}])["TopicArn"]
    url, queue_arn = new_queue(sqs)
    function_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:notify"
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn,
                  Attributes={"FilterPolicy": json.dumps({"kind": ["model"]}), "RawMessageDelivery": "true"})
    sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=function_arn)
    sns.subscribe(TopicArn=topic, Protocol="http", Endpoint="http://127.0.0.1:1/hook")
    open_page(browser, stratus, "/sns/topic", arn=topic)
    assert browser.execute_script("return document.body.dataset.page") == "sns-topic"
    shown = facts(browser, "#sns-facts")
    assert shown["ARN"] == topic and shown["Type"] == "Standard" and shown["Display name"] == "Models"
    assert shown["Subscriptions"] == "2 confirmed, 1 pending"
    assert text(browser, '#sns-tags tr[data-key="team"]') == "team ml"
    assert text(browser, '#sns-attributes tr[data-name="DisplayName"] code') == "Models"

    sqs_row = browser.find_element(By.CSS_SELECTOR, f'#sns-subscriptions tr[data-endpoint="{queue_arn}"]')
    cells = [cell.text for cell in sqs_row.find_elements(By.TAG_NAME, "td")]
    assert cells == ["sqs", queue_arn, "confirmed", "yes", '{"kind":["model"]}']
    assert href_query(sqs_row.find_element(By.CSS_SELECTOR, "td.sns-endpoint a")) == (f"{CONSOLE}/sqs/queue", {"url": url})
    lambda_row = browser.find_element(By.CSS_SELECTOR, f'#sns-subscriptions tr[data-endpoint="{function_arn}"]')
    assert [cell.text for cell in lambda_row.find_elements(By.TAG_NAME, "td")][2:4] == ["confirmed", "no"]
    assert href_query(lambda_row.find_element(By.CSS_SELECTOR, "td.sns-endpoint a")) == \
        (f"{CONSOLE}/lambda/function", {"name": "notify"})
    http_row = browser.find_element(By.CSS_SELECTOR, '#sns-subscriptions tr[data-endpoint="http://127.0.0.1:1/hook"]')
    assert http_row.get_attribute("data-status") == "pending"
    assert [cell.text for cell in http_row.find_elements(By.TAG_NAME, "td")] == \
        ["http", "http://127.0.0.1:1/hook", "pending", "—", "—"]
    assert not http_row.find_elements(By.CSS_SELECTOR, "a")
    assert browser.execute_script(
        "return [...document.getElementById('app').childNodes].every((node) => node.nodeType === 1)")
    # A standard topic's form has no FIFO fields.
    assert not browser.find_elements(By.ID, "sns-group-id")


def test_the_publish_form_publishes_to_the_subscribed_queue(browser, stratus):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    topic = sns.create_topic(Name=name())["TopicArn"]
    url, queue_arn = new_queue(sqs)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    open_page(browser, stratus, "/sns/topic", arn=topic)
    type_into(browser, "sns-message", "model m1 <b>ready</b>")
    type_into(browser, "sns-subject", "Ready")
    browser.find_element(By.CSS_SELECTOR, "#sns-publish button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.published") == "1")
    message_id = text(browser, "#sns-published-id")
    (message,) = drain(sqs, url)
    envelope = json.loads(message["Body"])
    assert envelope["MessageId"] == message_id
    assert envelope["Message"] == "model m1 <b>ready</b>" and envelope["Subject"] == "Ready"


def test_the_publish_form_of_a_fifo_topic_takes_group_and_deduplication_ids(browser, stratus):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    topic = sns.create_topic(Name=name() + ".fifo", Attributes={"FifoTopic": "true"})["TopicArn"]
    url, queue_arn = new_queue(sqs, fifo=True)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})
    open_page(browser, stratus, "/sns/topic", arn=topic)
    type_into(browser, "sns-message", "first")
    browser.find_element(By.CSS_SELECTOR, "#sns-publish button[type=submit]").click()
    message = browser.find_element(By.ID, "sns-publish-message")
    WebDriverWait(browser, 15).until(lambda d: "error-text" in message.get_attribute("class"))
    assert "InvalidParameter" in message.text
    type_into(browser, "sns-group-id", "models")
    type_into(browser, "sns-dedup-id", "d-1")
    browser.find_element(By.CSS_SELECTOR, "#sns-publish button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.published") == "1")
    assert "sequence" in message.text
    (received,) = drain(sqs, url)
    assert received["Body"] == "first"


def test_an_unknown_topic_shows_the_error(browser, stratus):
    missing = f"arn:aws:sns:{REGION}:{ACCOUNT}:{name('missing')}"
    browser.get(f"{stratus.endpoint}{CONSOLE}/sns/topic?arn={urllib.parse.quote(missing, safe='')}")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    assert "NotFound" in text(browser, "#app .error")


# ---------------------------------------------------------------- EventBridge


def test_the_buses_page_lists_the_buses(browser, stratus):
    events = stratus.client("events")
    bus = name("bus")
    arn = events.create_event_bus(Name=bus, Description="model pipeline")["EventBusArn"]
    open_page(browser, stratus, "/events")
    assert browser.execute_script("return document.body.dataset.page") == "events-buses"
    assert browser.find_elements(By.CSS_SELECTOR, '#events-buses tr[data-name="default"]')
    row = browser.find_element(By.CSS_SELECTOR, f'#events-buses tr[data-name="{bus}"]')
    assert [cell.text for cell in row.find_elements(By.TAG_NAME, "td")] == [bus, arn, "model pipeline"]
    row.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.page") == "events-bus")
    assert browser.find_element(By.TAG_NAME, "h1").text == bus


def test_the_bus_page_shows_rules_and_puts_events(browser, stratus):
    events, sqs = stratus.client("events"), stratus.client("sqs")
    bus = name("bus")
    arn = events.create_event_bus(Name=bus)["EventBusArn"]
    url, queue_arn = new_queue(sqs)
    events.put_rule(Name="ready", EventBusName=bus, EventPattern=json.dumps(
        {"source": ["stratus.train"], "detail": {"model": ["m1"]}}))
    events.put_rule(Name="off", EventBusName=bus, EventPattern=json.dumps({"source": ["x"]}), State="DISABLED")
    events.put_targets(Rule="ready", EventBusName=bus, Targets=[
        {"Id": "queue", "Arn": queue_arn}, {"Id": "topic", "Arn": f"arn:aws:sns:{REGION}:{ACCOUNT}:models"}])
    open_page(browser, stratus, "/events/bus", name=bus)
    assert browser.execute_script("return document.body.dataset.page") == "events-bus"
    assert facts(browser, "#events-bus-facts")["ARN"] == arn
    assert browser.execute_script(
        "return [...document.getElementById('app').childNodes].every((node) => node.nodeType === 1)")
    ready = browser.find_element(By.CSS_SELECTOR, '#events-rules tr[data-name="ready"]')
    assert [cell.text for cell in ready.find_elements(By.TAG_NAME, "td")] == \
        ["ready", "ENABLED", '{"source":["stratus.train"],"detail":{"model":["m1"]}}', "2"]
    assert href_query(ready.find_element(By.TAG_NAME, "a")) == (f"{CONSOLE}/events/rule", {"bus": bus, "name": "ready"})
    off = browser.find_element(By.CSS_SELECTOR, '#events-rules tr[data-name="off"]')
    assert [cell.text for cell in off.find_elements(By.TAG_NAME, "td")][1:] == ["DISABLED", '{"source":["x"]}', "0"]

    # Detail that is not JSON is refused in the page: nothing is sent.
    type_into(browser, "events-source", "stratus.train")
    type_into(browser, "events-detail-type", "Model Ready")
    type_into(browser, "events-detail", "{model: m1}")
    browser.find_element(By.CSS_SELECTOR, "#events-put button[type=submit]").click()
    message = browser.find_element(By.ID, "events-put-message")
    WebDriverWait(browser, 5).until(lambda d: "not JSON" in message.text)
    assert browser.execute_script("return document.body.dataset.put") is None

    type_into(browser, "events-detail", '{"model": "m1"}')
    browser.find_element(By.CSS_SELECTOR, "#events-put button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.put") == "1")
    event_id = text(browser, "#events-event-id")
    (delivered,) = drain(sqs, url)
    event = json.loads(delivered["Body"])
    assert event["id"] == event_id and event["detail"] == {"model": "m1"} and event["detail-type"] == "Model Ready"

    # JSON that is not an object is the entry's error.
    type_into(browser, "events-detail", "[1, 2]")
    browser.find_element(By.CSS_SELECTOR, "#events-put button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.put") == "2")
    assert text(browser, "#events-entry-error").startswith("MalformedDetail")
    assert "error-text" in message.get_attribute("class")


def test_the_rule_page_shows_the_pattern_and_linked_targets(browser, stratus):
    events, sqs = stratus.client("events"), stratus.client("sqs")
    sns = stratus.client("sns")
    rule = name("ready")
    url, queue_arn = new_queue(sqs)
    dead_url, dead_arn = new_queue(sqs)
    topic = sns.create_topic(Name=name())["TopicArn"]
    machine = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:deploy"
    pattern = {"source": ["stratus.train"]}
    rule_arn = events.put_rule(Name=rule, EventPattern=json.dumps(pattern), Description="models ready",
                               Tags=[{"Key": "team", "Value": "ml"}])["RuleArn"]
    events.put_targets(Rule=rule, Targets=[
        {"Id": "queue", "Arn": queue_arn, "Input": '{"fixed":true}', "DeadLetterConfig": {"Arn": dead_arn},
         "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600}},
        {"Id": "function", "Arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:retrain", "InputPath": "$.detail"},
        {"Id": "topic", "Arn": topic},
        {"Id": "machine", "Arn": machine, "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/events",
         "InputTransformer": {"InputPathsMap": {"t": "$.time"}, "InputTemplate": '{"at": <t>}'}},
    ])
    open_page(browser, stratus, "/events/rule", bus="default", name=rule)
    assert browser.execute_script("return document.body.dataset.page") == "events-rule"
    shown = facts(browser, "#events-rule-facts")
    assert shown["ARN"] == rule_arn and shown["State"] == "ENABLED" and shown["Description"] == "models ready"
    assert shown["Event bus"] == "default" and shown["Schedule"] == "—"
    assert json.loads(text(browser, "#events-pattern pre")) == pattern
    assert text(browser, "#events-pattern pre") == json.dumps(pattern, indent=2)
    assert text(browser, '#events-tags tr[data-key="team"]') == "team ml"

    def target(target_id):
        return browser.find_element(By.CSS_SELECTOR, f'#events-targets tr[data-id="{target_id}"]')

    row = target("queue")
    assert href_query(row.find_element(By.CSS_SELECTOR, "td.events-target-arn a")) == (f"{CONSOLE}/sqs/queue", {"url": url})
    assert row.find_element(By.CSS_SELECTOR, "td.events-input").text == 'Input {"fixed":true}'
    assert href_query(row.find_element(By.CSS_SELECTOR, "td.events-dead-letter a")) == \
        (f"{CONSOLE}/sqs/queue", {"url": dead_url})
    assert row.find_element(By.CSS_SELECTOR, "td.events-retry").text == "3 retries, max age 600 s"
    row = target("function")
    assert href_query(row.find_element(By.CSS_SELECTOR, "td.events-target-arn a")) == \
        (f"{CONSOLE}/lambda/function", {"name": "retrain"})
    assert row.find_element(By.CSS_SELECTOR, "td.events-input").text == "Path $.detail"
    assert href_query(target("topic").find_element(By.CSS_SELECTOR, "td.events-target-arn a")) == \
        (f"{CONSOLE}/sns/topic", {"arn": topic})
    assert target("topic").find_element(By.CSS_SELECTOR, "td.events-input").text == "the matched event"
    row = target("machine")
    assert href_query(row.find_element(By.CSS_SELECTOR, "td.events-target-arn a")) == \
        (f"{CONSOLE}/state-machine", {"arn": machine})
    assert row.find_element(By.CSS_SELECTOR, "td.events-input").text == 'Transformer {"t":"$.time"} → {"at": <t>}'


def test_the_rule_page_of_a_schedule(browser, stratus):
    events = stratus.client("events")
    rule = name("nightly")
    events.put_rule(Name=rule, ScheduleExpression="rate(1 day)", State="DISABLED")
    open_page(browser, stratus, "/events/rule", name=rule)
    shown = facts(browser, "#events-rule-facts")
    assert shown["Schedule"] == "rate(1 day)" and shown["State"] == "DISABLED"
    assert not browser.find_elements(By.ID, "events-pattern")
    assert browser.execute_script(
        "return [...document.getElementById('app').childNodes].every((node) => node.nodeType === 1)")
    assert text(browser, "#events-targets-empty") == "No targets."
    crumbs = [link.text for link in browser.find_elements(By.CSS_SELECTOR, "#breadcrumbs a")]
    assert crumbs[-2:] == ["Event buses", "default"]


def test_an_unknown_rule_shows_the_error(browser, stratus):
    browser.get(f"{stratus.endpoint}{CONSOLE}/events/rule?bus=default&name={name('missing')}")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    assert "ResourceNotFoundException" in text(browser, "#app .error")
