"""The AWS-recorded Step Functions executions that put events on EventBridge (`events:putEvents`), run through the
API with a rule sending the default bus's events to a queue (the recorded test's `events_to_sqs_queue`) and compared
event by event with AWS's histories; held-out recordings must run to an end. Prints the pass count and fails below
the floor. Skipped without ../shared/conformance."""
import json
import uuid

import pytest
from recorded_task_cases import CONFORMANCE, history_difference, json5_to_json, recorded_events
from test_recorded_task_executions import history, run_to_end

FLOOR = 2


@pytest.mark.skipif(not CONFORMANCE.exists(), reason="../shared/conformance is not there")
def test_recorded_events_executions(stratus):
    sfn, events, sqs = stratus.client("stepfunctions"), stratus.client("events"), stratus.client("sqs")
    manifest = json.loads((CONFORMANCE / "MANIFEST.generated.json").read_text())
    passed, compared, held_out, finished, failures = 0, 0, 0, 0, []
    for entry in manifest["entries"]:
        if entry.get("services") != ["events"] or not entry["id"].split("/v2/")[-1].startswith("services/"):
            continue
        label = entry["id"].split("/v2/")[-1]
        url = sqs.create_queue(QueueName=f"recorded-{uuid.uuid4().hex[:8]}")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        rule = f"recorded-{uuid.uuid4().hex[:8]}"
        events.put_rule(Name=rule, EventPattern=json.dumps({"source": ["some.source"]}))
        events.put_targets(Rule=rule, Targets=[{"Id": "queue", "Arn": queue_arn}])
        definition = json5_to_json((CONFORMANCE / entry["templates"][-1]).read_text())
        machine = sfn.create_state_machine(name=f"recorded-events-{uuid.uuid4().hex[:8]}", definition=definition,
                                           roleArn="arn:aws:iam::000000000000:role/sfn")["stateMachineArn"]
        try:
            for execution in entry["executions"]:
                started = sfn.start_execution(stateMachineArn=machine, input=json.dumps(execution["input"]))
                status = run_to_end(sfn, started["executionArn"])
                if entry.get("heldout"):
                    held_out += 1
                    finished += status != "RUNNING"
                    continue
                compared += 1
                found = history_difference(history(sfn, started["executionArn"]), recorded_events(entry, execution))
                if found:
                    failures.append(f"{label}: {found}")
                else:
                    passed += 1
        finally:
            events.remove_targets(Rule=rule, Ids=["queue"])
            events.delete_rule(Name=rule)
    print(f"\nAWS-recorded EventBridge executions: {passed}/{compared} pass (held-out, run without comparison: "
          f"{held_out}, finished: {finished})")
    for line in failures:
        print(f"  FAIL {line}")
    assert finished == held_out
    assert passed >= FLOOR
