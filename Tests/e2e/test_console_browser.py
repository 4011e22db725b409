"""The web console in headless Chromium (Debian's chromium and chromedriver, installed by
scripts/bootstrap-chromium.sh; selenium from .venv): the pages render real service state — the graph has one node
per state of the definition, an execution's states are coloured as its history says, a running execution's page
follows it live, and the start form and stop button call the service."""
import json
import urllib.parse

import pytest
from console_support import CONSOLE, browser, open_page  # noqa: F401 (browser is a fixture)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sfn_support import ROLE, unique, wait_for

# Every state type: Choice (a rule and Default), Pass, Task (its Catch), Wait, Parallel (two branches), Map (an
# ItemProcessor), Succeed and Fail.
ALL_TYPES = {
    "StartAt": "Route",
    "States": {
        "Route": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "BooleanEquals": True, "Next": "Reject"}],
                  "Default": "Prepare"},
        "Prepare": {"Type": "Pass", "Result": {"items": [1, 2, 3]}, "Next": "Call"},
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::nothing:here", "Next": "Pause",
                 "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}]},
        "Recover": {"Type": "Pass", "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": 0, "Next": "Both"},
        "Both": {"Type": "Parallel", "ResultPath": "$.both", "Next": "Each", "Branches": [
            {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": True}}},
            {"StartAt": "Right", "States": {"Right": {"Type": "Pass", "Next": "RightDone"},
                                            "RightDone": {"Type": "Pass", "End": True}}},
        ]},
        "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.mapped", "Next": "Done",
                 "ItemProcessor": {"StartAt": "Double", "States": {"Double": {"Type": "Pass", "End": True}}}},
        "Done": {"Type": "Succeed"},
        "Reject": {"Type": "Fail", "Error": "Rejected", "Cause": "asked to fail"},
    },
}
ALL_STATES = {"Route", "Prepare", "Call", "Recover", "Pause", "Both", "Left", "Right", "RightDone", "Each", "Double",
              "Done", "Reject"}


@pytest.fixture
def sfn(stratus):
    return stratus.client("stepfunctions")


def machine(sfn, definition: dict) -> str:
    return sfn.create_state_machine(name=unique("browser"), definition=json.dumps(definition),
                                    roleArn=ROLE)["stateMachineArn"]


def nodes(browser) -> dict:
    """The graph's state nodes: name → {type, status, classes, path}."""
    return browser.execute_script("""
        const found = {};
        document.querySelectorAll("svg.workflow-graph g.node").forEach((g) => {
          found[g.dataset.state] = {type: g.dataset.type, status: g.dataset.status || null,
                                    classes: [...g.classList], path: g.dataset.path};
        });
        return found;""")


def node_count(browser) -> int:
    return browser.execute_script('return document.querySelectorAll("svg.workflow-graph g.node").length')


def test_the_list_page_shows_the_state_machines(browser, stratus, sfn):
    arn = machine(sfn, ALL_TYPES)
    open_page(browser, stratus, "")
    assert browser.execute_script("return document.body.dataset.page") == "state-machines"
    row = browser.find_element(By.CSS_SELECTOR, f'#state-machines tr[data-arn="{arn}"]')
    cells = row.find_elements(By.TAG_NAME, "td")
    assert cells[0].text == arn.rsplit(":", 1)[1]
    assert cells[1].text == "STANDARD"
    assert cells[3].text == arn
    link = cells[0].find_element(By.TAG_NAME, "a").get_attribute("href")
    assert link.endswith(f"{CONSOLE}/state-machine?arn={urllib.parse.quote(arn, safe='')}")


def test_the_state_machine_page_draws_every_state_of_the_definition(browser, stratus, sfn):
    arn = machine(sfn, ALL_TYPES)
    open_page(browser, stratus, "/state-machine", arn=arn)
    drawn = nodes(browser)
    assert set(drawn) == ALL_STATES and node_count(browser) == len(ALL_STATES)
    for name in ALL_STATES:
        expected = {"Left": "Pass", "Right": "Pass", "RightDone": "Pass", "Double": "Pass"}.get(name) \
            or ALL_TYPES["States"][name]["Type"]
        assert drawn[name]["type"] == expected, name
        assert f"type-{expected.lower()}" in drawn[name]["classes"]
        assert drawn[name]["status"] is None  # a definition has no statuses
    # Parallel branches and the Map's ItemProcessor are drawn inside their state.
    assert drawn["Left"]["path"] == "Both/0/Left" and drawn["RightDone"]["path"] == "Both/1/RightDone"
    assert drawn["Double"]["path"] == "Each/0/Double"
    assert "container" in drawn["Both"]["classes"] and "container" in drawn["Each"]["classes"]
    inner = browser.execute_script("""
        const both = document.querySelector('g.node[data-state="Both"]');
        return [...both.querySelectorAll('g.branch')].map((b) =>
          [...b.querySelectorAll('g.node')].map((n) => n.dataset.state));""")
    assert inner == [["Left"], ["Right", "RightDone"]]
    edges = browser.execute_script("""
        return [...document.querySelectorAll('svg.workflow-graph g.edge')].map((e) =>
          [e.dataset.from, e.dataset.to, [...e.classList].find((c) => c.startsWith('edge-') )]);""")
    assert ["start", "Route", "edge-next"] in edges
    assert ["Route", "Reject", "edge-choice"] in edges and ["Route", "Prepare", "edge-default"] in edges
    assert ["Call", "Recover", "edge-catch"] in edges and ["Call", "Pause", "edge-next"] in edges
    assert ["Done", "end", "edge-end"] in edges and ["Reject", "end", "edge-end"] in edges
    assert ["Right", "RightDone", "edge-next"] in edges
    # Catch edges are drawn differently (dashed, in red).
    dash = browser.execute_script("""
        const path = document.querySelector('g.edge-catch path');
        return [getComputedStyle(path).strokeDasharray,
                getComputedStyle(document.querySelector('g.edge-next path')).strokeDasharray];""")
    assert dash[0] not in ("none", "") and dash[1] in ("none", "")
    assert browser.find_element(By.ID, "executions-empty").text == "No executions yet."


def test_a_finished_execution_colours_each_state_as_its_history_says(browser, stratus, sfn):
    arn = machine(sfn, ALL_TYPES)
    execution = sfn.start_execution(stateMachineArn=arn, name="happy", input=json.dumps({"fail": False}))["executionArn"]
    assert wait_for(sfn, execution)["status"] == "SUCCEEDED"
    open_page(browser, stratus, "/execution", arn=execution)
    statuses = {name: node["status"] for name, node in nodes(browser).items()}
    assert statuses == {
        "Route": "succeeded", "Prepare": "succeeded", "Call": "caught", "Recover": "succeeded", "Pause": "succeeded",
        "Both": "succeeded", "Left": "succeeded", "Right": "succeeded", "RightDone": "succeeded",
        "Each": "succeeded", "Double": "succeeded", "Done": "succeeded", "Reject": "not-run",
    }
    assert "status-caught" in nodes(browser)["Call"]["classes"]
    # The Map ran its processor once per item.
    assert browser.find_element(By.CSS_SELECTOR, 'g.node[data-state="Double"] text.node-count').text == "×3"
    assert browser.find_element(By.CSS_SELECTOR, "#execution-status .badge").text == "SUCCEEDED"
    history = sfn.get_execution_history(executionArn=execution, maxResults=1000)["events"]
    rows = browser.find_elements(By.CSS_SELECTOR, "#history tbody tr")
    assert [row.get_attribute("data-type") for row in rows] == [event["type"] for event in history]
    assert json.loads(browser.find_element(By.CSS_SELECTOR, ".code-panel.input pre").text) == {"fail": False}
    output = json.loads(browser.find_element(By.CSS_SELECTOR, ".code-panel.output pre").text)
    assert output == json.loads(sfn.describe_execution(executionArn=execution)["output"])
    # Selecting a state shows its input and output from the history.
    browser.find_element(By.CSS_SELECTOR, 'g.node[data-state="Prepare"]').click()
    panel = browser.find_element(By.ID, "selected-state")
    assert panel.find_element(By.TAG_NAME, "h3").get_attribute("textContent").startswith("Prepare")
    inputs_and_outputs = panel.find_elements(By.TAG_NAME, "pre")
    assert json.loads(inputs_and_outputs[0].text) == {"fail": False}
    assert json.loads(inputs_and_outputs[1].text) == {"items": [1, 2, 3]}


def test_a_failed_execution_shows_its_failed_state_and_error(browser, stratus, sfn):
    arn = machine(sfn, ALL_TYPES)
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"fail": True}))["executionArn"]
    assert wait_for(sfn, execution)["status"] == "FAILED"
    open_page(browser, stratus, "/execution", arn=execution)
    statuses = {name: node["status"] for name, node in nodes(browser).items()}
    assert statuses["Route"] == "succeeded" and statuses["Reject"] == "failed"
    assert {name for name, status in statuses.items() if status == "not-run"} == ALL_STATES - {"Route", "Reject"}
    assert browser.find_element(By.CSS_SELECTOR, "#execution-status .badge").text == "FAILED"
    error = browser.find_element(By.ID, "execution-error").text
    assert "Rejected" in error and "asked to fail" in error


def test_a_running_execution_is_followed_live_until_it_ends(browser, stratus, sfn):
    arn = machine(sfn, {"StartAt": "Hold", "States": {
        "Hold": {"Type": "Wait", "Seconds": 3, "Next": "After"}, "After": {"Type": "Pass", "End": True}}})
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    open_page(browser, stratus, "/execution", arn=execution)
    assert browser.execute_script("return document.body.dataset.executionStatus") == "RUNNING"
    assert nodes(browser)["Hold"]["status"] == "running" and nodes(browser)["After"]["status"] == "not-run"
    browser.execute_script("window.stillTheSamePage = true")
    WebDriverWait(browser, 15).until(
        lambda d: d.execute_script("return document.body.dataset.executionStatus") == "SUCCEEDED")
    # The page followed the execution by itself, without a reload.
    assert browser.execute_script("return window.stillTheSamePage") is True
    assert {name: node["status"] for name, node in nodes(browser).items()} == {"Hold": "succeeded", "After": "succeeded"}
    assert browser.find_element(By.CSS_SELECTOR, "#execution-status .badge").text == "SUCCEEDED"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#history tbody tr")) == \
        len(sfn.get_execution_history(executionArn=execution)["events"])


def test_the_start_form_starts_an_execution_and_opens_it(browser, stratus, sfn):
    arn = machine(sfn, {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": True}}})
    open_page(browser, stratus, "/state-machine", arn=arn)
    browser.find_element(By.ID, "execution-name").send_keys("typed-in-the-form")
    field = browser.find_element(By.ID, "execution-input")
    field.clear()
    field.send_keys('{"from": "the form"}')
    browser.find_element(By.CSS_SELECTOR, "#start-execution button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script(
        "return document.body.dataset.page === 'execution' && document.body.dataset.ready === 'true'"))
    execution = arn.replace(":stateMachine:", ":execution:") + ":typed-in-the-form"
    assert browser.current_url.endswith(f"{CONSOLE}/execution?arn={urllib.parse.quote(execution, safe='')}")
    described = wait_for(sfn, execution)
    assert described["status"] == "SUCCEEDED" and json.loads(described["input"]) == {"from": "the form"}
    WebDriverWait(browser, 10).until(lambda d: nodes(d)["Echo"]["status"] == "succeeded")
    # Back on the machine's page the execution is listed.
    open_page(browser, stratus, "/state-machine", arn=arn)
    row = browser.find_element(By.CSS_SELECTOR, f'#executions tr[data-arn="{execution}"]')
    assert "SUCCEEDED" in row.text


def test_the_start_form_refuses_input_that_is_not_json(browser, stratus, sfn):
    arn = machine(sfn, {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": True}}})
    open_page(browser, stratus, "/state-machine", arn=arn)
    field = browser.find_element(By.ID, "execution-input")
    field.clear()
    field.send_keys("{not json")
    browser.find_element(By.CSS_SELECTOR, "#start-execution button[type=submit]").click()
    message = browser.find_element(By.CSS_SELECTOR, "#start-execution .form-message")
    WebDriverWait(browser, 5).until(lambda d: "not JSON" in message.text)
    assert sfn.list_executions(stateMachineArn=arn)["executions"] == []


def test_the_stop_button_stops_a_running_execution(browser, stratus, sfn):
    arn = machine(sfn, {"StartAt": "Forever", "States": {"Forever": {"Type": "Wait", "Seconds": 3600, "End": True}}})
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    open_page(browser, stratus, "/execution", arn=execution)
    browser.find_element(By.ID, "stop-execution").click()
    WebDriverWait(browser, 15).until(
        lambda d: d.execute_script("return document.body.dataset.executionStatus") == "ABORTED")
    assert sfn.describe_execution(executionArn=execution)["status"] == "ABORTED"
    assert nodes(browser)["Forever"]["status"] == "aborted"


def test_an_unknown_execution_shows_the_service_error(browser, stratus):
    missing = "arn:aws:states:us-east-1:000000000000:execution:nothing:here"
    browser.get(f"{stratus.endpoint}{CONSOLE}/execution?arn={urllib.parse.quote(missing, safe='')}")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.ready") == "true")
    assert "ExecutionDoesNotExist" in browser.find_element(By.CSS_SELECTOR, "#app .error").text


# Task states naming resources of the other services, literally (linked) and computed at run time (not linked).
USES_RESOURCES = {
    "StartAt": "Validate",
    "States": {
        "Validate": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:validate:live",
                     "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Record"}], "Next": "Process"},
        "Process": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "process", "Payload.$": "$"}, "Next": "Dynamic"},
        "Dynamic": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName.$": "$.function"}, "Next": "Fan"},
        "Fan": {"Type": "Parallel", "Next": "Record", "Branches": [
            {"StartAt": "Enqueue", "States": {"Enqueue": {
                "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {"QueueUrl": "http://localhost:4566/000000000000/work queue", "MessageBody.$": "$"},
                "End": True}}},
            {"StartAt": "Fetch", "States": {"Fetch": {
                "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                "Parameters": {"Bucket": "uploads", "Key.$": "$.key"}, "End": True}}},
        ]},
        "Record": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                   "Parameters": {"TableName": "results", "Item": {"pk": {"S.$": "$.id"}}}, "End": True},
    },
}


def resource_links(browser, scope: str) -> list:
    return browser.execute_script(f"""
        return [...document.querySelectorAll('{scope} .resource-links li')].map((li) =>
          [li.dataset.service, li.querySelector('a').textContent, li.querySelector('a').getAttribute('href')]);""")


def test_the_pages_link_the_resources_task_states_name(browser, stratus, sfn):
    arn = machine(sfn, USES_RESOURCES)
    open_page(browser, stratus, "/state-machine", arn=arn)
    queue = "http://localhost:4566/000000000000/work queue"
    assert resource_links(browser, "#app") == [
        ["lambda", "validate", f"{CONSOLE}/lambda/function?name=validate"],
        ["lambda", "process", f"{CONSOLE}/lambda/function?name=process"],
        ["sqs", "work queue", f"{CONSOLE}/sqs/queue?url={urllib.parse.quote(queue, safe='')}"],
        ["s3", "uploads", f"{CONSOLE}/s3/bucket?name=uploads"],
        ["dynamodb", "results", f"{CONSOLE}/dynamodb/table?name=results"],
    ]
    # The execution fails at once (the function does not exist); a selected state lists what it names, run or not.
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"]
    assert wait_for(sfn, execution)["status"] == "FAILED"
    open_page(browser, stratus, "/execution", arn=execution)
    browser.find_element(By.CSS_SELECTOR, 'g.node[data-state="Validate"]').click()
    assert resource_links(browser, "#selected-state") == [
        ["lambda", "validate", f"{CONSOLE}/lambda/function?name=validate"]]
    browser.find_element(By.CSS_SELECTOR, 'g.node[data-state="Fetch"]').click()
    assert resource_links(browser, "#selected-state") == [["s3", "uploads", f"{CONSOLE}/s3/bucket?name=uploads"]]
    browser.find_element(By.CSS_SELECTOR, 'g.node[data-state="Dynamic"]').click()
    assert resource_links(browser, "#selected-state") == []
    assert "has not run" in browser.find_element(By.ID, "selected-state").text
