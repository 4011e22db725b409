"""kill -9 while Standard executions are inside an inline Map, a Parallel and a retry back-off: after a restart
they finish as they would have, with their original deadlines and the history they had before the crash."""
import json
import signal
import time

import pytest

from sfn_support import ROLE, unique, wait_for


def _types(client, arn):
    return [event["type"] for event in client.get_execution_history(executionArn=arn, maxResults=1000)["events"]]


def test_map_parallel_and_retry_survive_kill_9(fresh_stratus, tmp_path):
    server = fresh_stratus(data_dir=str(tmp_path))
    sfn = server.client("stepfunctions")
    sqs = server.client("sqs")
    inline_map = {"StartAt": "Each", "States": {"Each": {
        "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Nap", "States": {
            "Nap": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Double"},
            "Double": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($.v, $.v)"}, "End": True}}},
        "End": True}}}
    parallel = {"StartAt": "Both", "States": {"Both": {
        "Type": "Parallel", "End": True, "Branches": [
            {"StartAt": "Short", "States": {"Short": {"Type": "Wait", "Seconds": 1, "Next": "A"},
                                             "A": {"Type": "Pass", "Result": "a", "End": True}}},
            {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 3, "Next": "B"},
                                            "B": {"Type": "Pass", "Result": "b", "End": True}}}]}}}
    queue_name = unique("later")
    queue_url = f"{server.endpoint}/000000000000/{queue_name}"
    retrying = {"StartAt": "Send", "States": {"Send": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl": queue_url, "MessageBody": "hello"},
        "Retry": [{"ErrorEquals": ["SQS.QueueDoesNotExistException"], "IntervalSeconds": 3, "MaxAttempts": 1}],
        "End": True}}}
    machines = {name: sfn.create_state_machine(name=unique(name), definition=json.dumps(definition),
                                               roleArn=ROLE)["stateMachineArn"]
                for name, definition in [("map", inline_map), ("parallel", parallel), ("retry", retrying)]}
    items = {"items": [{"v": 1, "wait": 1}, {"v": 2, "wait": 3}, {"v": 3, "wait": 1}]}
    executions = {
        "map": sfn.start_execution(stateMachineArn=machines["map"], input=json.dumps(items))["executionArn"],
        "parallel": sfn.start_execution(stateMachineArn=machines["parallel"])["executionArn"],
        "retry": sfn.start_execution(stateMachineArn=machines["retry"])["executionArn"],
    }
    started = time.monotonic()
    time.sleep(1.5)  # the first Map items and the short branch are done; the rest still wait
    before = {name: sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]
              for name, arn in executions.items()}
    assert "MapIterationSucceeded" in [e["type"] for e in before["map"]]
    assert _types(sfn, executions["retry"]).count("TaskFailed") == 1
    server.stop(sig=signal.SIGKILL)

    restarted = fresh_stratus(data_dir=str(tmp_path))
    again = restarted.client("stepfunctions")
    restarted.client("sqs").create_queue(QueueName=queue_name)  # the retry after the restart finds the queue
    for name, arn in executions.items():
        assert again.get_execution_history(executionArn=arn, maxResults=1000)["events"][:len(before[name])] == \
            before[name]

    mapped = wait_for(again, executions["map"], timeout=15)
    assert mapped["status"] == "SUCCEEDED"
    assert json.loads(mapped["output"]) == [{"v": 2}, {"v": 4}, {"v": 6}]
    # MaxConcurrency 2: items 1 and 2 start together, item 3 after item 1 (1 s) and ends at 2 s; item 2 at 3 s.
    assert (mapped["stopDate"] - mapped["startDate"]).total_seconds() == pytest.approx(3, abs=0.6)

    both = wait_for(again, executions["parallel"], timeout=15)
    assert both["status"] == "SUCCEEDED" and json.loads(both["output"]) == ["a", "b"]
    assert (both["stopDate"] - both["startDate"]).total_seconds() == pytest.approx(3, abs=0.6)

    retried = wait_for(again, executions["retry"], timeout=15)
    assert retried["status"] == "SUCCEEDED", retried
    assert json.loads(retried["output"])["MessageId"]
    assert _types(again, executions["retry"]).count("TaskScheduled") == 2
    assert (retried["stopDate"] - retried["startDate"]).total_seconds() == pytest.approx(3, abs=0.6)
    assert time.monotonic() - started < 12
    messages = restarted.client("sqs").receive_message(QueueUrl=queue_url, WaitTimeSeconds=2)["Messages"]
    assert [m["Body"] for m in messages] == ["hello"]
