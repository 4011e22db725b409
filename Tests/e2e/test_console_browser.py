"""The web console in headless Chromium (Debian's chromium and chromedriver, installed by
scripts/bootstrap-chromium.sh; selenium from .venv): the pages render real service state — the graph has one node
per state of the definition, an execution's states are coloured as its history says, a running execution's page
follows it live, and the start form and stop button call the service."""
import json
import urllib.parse

import boto3
import botocore.config
import pytest
from console_support import CONSOLE, browser, open_page  # noqa: F401 (browser is a fixture)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
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
                   "Parameters": {"TableName": "results", "Item": {"pk": {"S.$": "$.id"}}}, "Next": "Notify"},
        "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                   "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:000000000000:done", "Message.$": "$"}, "End": True},
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
        ["sns", "done", f"{CONSOLE}/sns/topic?arn={urllib.parse.quote('arn:aws:sns:us-east-1:000000000000:done', safe='')}"],
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


# ---------------------------------------------------------------- versions, aliases, Map Runs, redrive

DISTRIBUTED = {"StartAt": "Fan", "States": {"Fan": {
    "Type": "Map", "Label": "items", "MaxConcurrency": 2, "ToleratedFailureCount": 1,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Check", "States": {
                          "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "Bad"}],
                                    "Default": "Good"},
                          "Good": {"Type": "Pass", "End": True},
                          "Bad": {"Type": "Fail", "Error": "Three", "Cause": "three is bad"}}},
    "Next": "After"},
    "After": {"Type": "Pass", "End": True}}}


def column(browser, selector: str, index: int) -> list:
    return browser.execute_script(
        f"return [...document.querySelectorAll('{selector} tbody tr')].map((tr) => tr.cells[{index}].textContent)")


def test_the_state_machine_page_lists_versions_and_aliases_and_starts_them(browser, stratus, sfn):
    arn = machine(sfn, {"StartAt": "One", "States": {"One": {"Type": "Pass", "End": True}}})
    first = sfn.publish_state_machine_version(stateMachineArn=arn, description="the first")["stateMachineVersionArn"]
    sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": True}}}))
    second = sfn.publish_state_machine_version(stateMachineArn=arn)["stateMachineVersionArn"]
    alias = sfn.create_state_machine_alias(name="live", description="mostly new", routingConfiguration=[
        {"stateMachineVersionArn": second, "weight": 100}])["stateMachineAliasArn"]
    open_page(browser, stratus, "/state-machine", arn=arn)
    assert column(browser, "#versions", 0) == ["Version 2", "Version 1"]
    link = browser.find_element(By.CSS_SELECTOR, f'#versions tr[data-arn="{first}"] a').get_attribute("href")
    assert link.endswith(f"{CONSOLE}/state-machine?arn={urllib.parse.quote(first, safe='')}")
    row = browser.find_element(By.CSS_SELECTOR, f'#aliases tr[data-arn="{alias}"]')
    assert [cell.text for cell in row.find_elements(By.TAG_NAME, "td")][:3] == ["live", "Version 2 — 100%", "mostly new"]
    options = browser.execute_script(
        "return [...document.querySelectorAll('#execution-target option')].map((o) => [o.textContent, o.value])")
    assert options == [["Latest (unqualified ARN)", arn], ["Version 2", second], ["Version 1", first], ["Alias live", alias]]

    # Start through the alias: the execution page says which alias and version ran it.
    Select(browser.find_element(By.ID, "execution-target")).select_by_visible_text("Alias live")
    browser.find_element(By.ID, "execution-name").send_keys("via-alias")
    browser.find_element(By.CSS_SELECTOR, "#start-execution button[type=submit]").click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script(
        "return document.body.dataset.page === 'execution' && document.body.dataset.ready === 'true'"))
    execution = arn.replace(":stateMachine:", ":execution:") + ":via-alias"
    described = wait_for(sfn, execution)
    assert described["stateMachineAliasArn"] == alias and described["stateMachineVersionArn"] == second
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.body.dataset.executionStatus") == "SUCCEEDED")
    facts = browser.find_element(By.CSS_SELECTOR, "#app .facts").text
    assert "Version 2" in facts and "live" in facts
    # The version's graph: the execution ran version 2 (A → B).
    assert set(nodes(browser)) == {"A", "B"}

    # A version's own page: its definition, description and only itself to start.
    open_page(browser, stratus, "/state-machine", arn=first)
    assert set(nodes(browser)) == {"One"}
    assert "the first" in browser.find_element(By.CSS_SELECTOR, "#app .facts").text
    assert browser.find_element(By.ID, "breadcrumbs").text.split("\n")[-1].endswith("Version 1")
    assert browser.execute_script(
        "return [...document.querySelectorAll('#execution-target option')].map((o) => o.value)") == [first]
    assert browser.find_elements(By.ID, "versions") == []
    assert browser.find_element(By.ID, "executions-empty").text == "No executions yet."


def test_the_executions_list_is_filtered_by_status(browser, stratus, sfn):
    arn = machine(sfn, {"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": True, "Next": "Y"}], "Default": "N"},
        "Y": {"Type": "Succeed"}, "N": {"Type": "Fail", "Error": "No"}}})
    good = sfn.start_execution(stateMachineArn=arn, name="good", input=json.dumps({"ok": True}))["executionArn"]
    bad = sfn.start_execution(stateMachineArn=arn, name="bad", input=json.dumps({"ok": False}))["executionArn"]
    wait_for(sfn, good), wait_for(sfn, bad)
    open_page(browser, stratus, "/state-machine", arn=arn)
    assert sorted(column(browser, "#executions", 0)) == ["bad", "good"]
    Select(browser.find_element(By.ID, "status-filter")).select_by_value("FAILED")
    WebDriverWait(browser, 10).until(lambda d: column(d, "#executions", 0) == ["bad"])
    Select(browser.find_element(By.ID, "status-filter")).select_by_value("TIMED_OUT")
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.ID, "executions-empty"))
    assert browser.find_element(By.ID, "executions-empty").text == "No TIMED_OUT executions."


def test_the_execution_page_lists_map_runs_and_opens_child_executions(browser, stratus, sfn):
    arn = machine(sfn, DISTRIBUTED)
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps([1, 2, 3, 4]))["executionArn"]
    assert wait_for(sfn, execution, timeout=20)["status"] == "SUCCEEDED"
    [run] = sfn.list_map_runs(executionArn=execution)["mapRuns"]
    open_page(browser, stratus, "/execution", arn=execution)
    section = browser.find_element(By.CSS_SELECTOR, f'#map-runs .sfn-map-run[data-arn="{run["mapRunArn"]}"]')
    assert section.find_element(By.TAG_NAME, "h3").text == "Fan SUCCEEDED"
    text = section.text
    assert "Label\nitems" in text and "Max concurrency\n2" in text and "Tolerated failures\ncount 1 · percentage 0%" in text
    counts = browser.execute_script("""
        const read = (kind) => Object.fromEntries([...document.querySelectorAll(`#map-runs tr[data-counts=${kind}] td`)]
          .map((td) => [td.dataset.count, Number(td.textContent)]));
        return [read("items"), read("executions")];""")
    assert counts[0]["total"] == 4 and counts[0]["succeeded"] == 3 and counts[0]["failed"] == 1
    assert counts[1] == {k: v for k, v in sfn.describe_map_run(mapRunArn=run["mapRunArn"])["executionCounts"].items()
                         if k in counts[1]}
    children = sfn.list_executions(mapRunArn=run["mapRunArn"])["executions"]
    assert sorted(column(browser, "#children-0", 0)) == sorted(child["name"] for child in children)
    failed = next(child for child in children if child["status"] == "FAILED")
    browser.find_element(By.CSS_SELECTOR, f'#children-0 tr[data-arn="{failed["executionArn"]}"] a').click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script(
        "return document.body.dataset.page === 'execution' && document.body.dataset.ready === 'true'"))
    # The child's graph is the Map's ItemProcessor, coloured by the child's own history.
    assert set(nodes(browser)) == {"Check", "Good", "Bad"}
    assert browser.execute_script("return document.body.dataset.executionStatus") == "FAILED"
    assert "Three" in browser.find_element(By.ID, "execution-error").text
    child_history = sfn.get_execution_history(executionArn=failed["executionArn"])["events"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "#history tbody tr")) == len(child_history)
    drawn = nodes(browser)
    assert drawn["Check"]["status"] == "succeeded" and drawn["Bad"]["status"] == "failed"
    assert drawn["Good"]["status"] == "not-run"
    crumbs = browser.find_element(By.ID, "breadcrumbs").find_elements(By.TAG_NAME, "a")
    assert crumbs[-1].get_attribute("href").endswith(f"{CONSOLE}/execution?arn={urllib.parse.quote(execution, safe='')}")
    assert browser.find_elements(By.ID, "redrive-execution") == [] and browser.find_elements(By.ID, "map-runs") == []


def test_a_running_map_run_is_followed_live(browser, stratus, sfn):
    arn = machine(sfn, {"StartAt": "M", "States": {"M": {
        "Type": "Map", "MaxConcurrency": 1,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": True}}},
        "End": True}}})
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps([1, 2]))["executionArn"]
    open_page(browser, stratus, "/execution", arn=execution)
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#map-runs .sfn-map-run"))
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.body.dataset.executionStatus") == "SUCCEEDED")
    WebDriverWait(browser, 5).until(lambda d: "M SUCCEEDED" in d.find_element(By.CSS_SELECTOR, "#map-runs h3").text)
    assert len(column(browser, "#children-0", 0)) == 2
    assert "Label" not in browser.find_element(By.CSS_SELECTOR, "#map-runs .facts").text
    # Without a Label the service names the Map Run; the child's page still finds its Map in the parent's history.
    child = browser.find_element(By.CSS_SELECTOR, "#children-0 tbody a")
    child.click()
    WebDriverWait(browser, 15).until(lambda d: d.execute_script(
        "return document.body.dataset.page === 'execution' && document.body.dataset.ready === 'true'"))
    assert set(nodes(browser)) == {"W"}
    assert browser.execute_script("return document.body.dataset.executionStatus") == "SUCCEEDED"


def test_the_redrive_button_redrives_and_follows_the_execution(browser, stratus, sfn):
    sqs = stratus.client("sqs")
    probe = sqs.create_queue(QueueName=unique("probe"))["QueueUrl"]
    name = unique("later")
    url = probe.rsplit("/", 1)[0] + "/" + name
    arn = machine(sfn, {"StartAt": "Send", "States": {"Send": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl": url, "MessageBody": "hello"}, "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": 1, "End": True}}})
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    assert wait_for(sfn, execution)["status"] == "FAILED"
    open_page(browser, stratus, "/execution", arn=execution)
    assert browser.find_element(By.ID, "redrive-facts").text == "0 · REDRIVABLE"
    sqs.create_queue(QueueName=name)
    browser.find_element(By.ID, "redrive-execution").click()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.body.dataset.executionStatus") == "RUNNING")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.body.dataset.executionStatus") == "SUCCEEDED")
    # The Task that failed and succeeded on the redrive is succeeded (not caught), entered twice.
    assert nodes(browser)["Send"]["status"] == "succeeded" and nodes(browser)["Pause"]["status"] == "succeeded"
    assert browser.execute_script(
        "return document.querySelector('g.node[data-state=Send] .node-count').textContent") == "×2"
    assert browser.find_element(By.ID, "redrive-facts").text.startswith("1 (last ")
    assert "Redriven at" in browser.find_element(By.ID, "redrive-message").text
    assert browser.find_elements(By.ID, "redrive-execution") == []
    assert sfn.describe_execution(executionArn=execution)["redriveCount"] == 1
    # The machine's executions list shows the redrive.
    open_page(browser, stratus, "/state-machine", arn=arn)
    assert column(browser, "#executions", 6) == ["1"]


def test_the_redrive_button_shows_the_service_error(browser, stratus, sfn):
    arn = machine(sfn, {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 600, "End": True}}})
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    sfn.stop_execution(executionArn=execution)
    open_page(browser, stratus, "/execution", arn=execution)
    assert browser.execute_script("return document.body.dataset.executionStatus") == "ABORTED"
    assert browser.find_element(By.ID, "redrive-facts").text == "0 · REDRIVABLE"
    # An aborted execution is redrivable: redrive it behind the page's back, then the page's redrive is refused.
    sfn.redrive_execution(executionArn=execution)
    browser.find_element(By.ID, "redrive-execution").click()
    message = browser.find_element(By.ID, "redrive-message")
    WebDriverWait(browser, 10).until(lambda d: "ExecutionNotRedrivable" in message.text)
    assert "Execution is RUNNING and cannot be redriven" in message.text
    assert "error-text" in message.get_attribute("class")
    assert browser.find_element(By.ID, "redrive-execution").is_enabled()
    sfn.stop_execution(executionArn=execution)


def test_the_region_switcher_shows_another_regions_resources(browser, stratus):
    sfn_eu = boto3.client("stepfunctions", endpoint_url=stratus.endpoint, region_name="ap-southeast-2",
                          aws_access_key_id="test", aws_secret_access_key="test",
                          config=botocore.config.Config(retries={"max_attempts": 1}))
    arn = machine(sfn_eu, ALL_TYPES)
    open_page(browser, stratus, "")
    try:
        selected = browser.execute_script("return document.getElementById('region').value")
        assert selected == "us-east-1"
        assert not browser.find_elements(By.CSS_SELECTOR, f'#state-machines tr[data-arn="{arn}"]')
        Select(browser.find_element(By.ID, "region")).select_by_value("ap-southeast-2")
        # The page reloads in the chosen region, and stays in it on other pages.
        WebDriverWait(browser, 15).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, f'#state-machines tr[data-arn="{arn}"]'))
        open_page(browser, stratus, "/state-machine", arn=arn)
        assert browser.execute_script("return document.getElementById('region').value") == "ap-southeast-2"
        assert len(nodes(browser)) == len(ALL_STATES)
    finally:
        browser.execute_script("localStorage.removeItem('stratus.console.region')")
    open_page(browser, stratus, "")
    assert browser.execute_script("return document.getElementById('region').value") == "us-east-1"
