"""The AWS-recorded Step Functions executions that use S3 — Distributed Map `ItemReader` (CSV, JSON,
`listObjectsV2`) and `ResultWriter`, `aws-sdk:s3` — run through the API with the objects their tests put in S3
(`recorded_s3_cases.py`), and compared event by event with AWS's histories (our bucket's name replaced by the
recorder's label first, as the recording test did). Held-out recordings must run to an end. Prints the pass count
and fails below the floor. Skipped without ../shared/conformance."""
import json
import uuid

import pytest
from recorded_s3_cases import cases, definition_of, normalized_listing
from recorded_task_cases import CONFORMANCE, history_difference, recorded_events
from test_recorded_task_executions import history, run_to_end

FLOOR = 26


@pytest.mark.skipif(not CONFORMANCE.exists(), reason="../shared/conformance is not there")
def test_recorded_s3_executions(stratus):
    sfn, s3 = stratus.client("stepfunctions"), stratus.client("s3")
    passed, compared, held_out, finished, failures, not_runnable = 0, 0, 0, 0, [], []
    for entry in cases():
        label = entry["id"].split("/v2/")[-1]
        if entry["why_not"]:
            not_runnable.append(f"{label}: {entry['why_not']}")
            continue
        fixture = entry["fixture"]
        bucket = fixture.get("fixed_bucket") or f"recorded-{uuid.uuid4().hex[:12]}"
        if not fixture.get("no_bucket"):
            if bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
                s3.create_bucket(Bucket=bucket)
            for key, body in fixture["objects"].items():
                s3.put_object(Bucket=bucket, Key=key, Body=body.encode() if isinstance(body, str) else bytes(body))
        machine = sfn.create_state_machine(name=f"recorded-s3-{uuid.uuid4().hex[:8]}", definition=definition_of(entry),
                                           roleArn="arn:aws:iam::000000000000:role/sfn")["stateMachineArn"]
        placeholder = fixture.get("bucket_label", "bucket-name")
        for execution in entry["executions"]:
            payload = json.dumps(execution["input"])
            if not fixture.get("no_bucket") and not fixture.get("fixed_bucket"):
                payload = payload.replace(json.dumps(placeholder), json.dumps(bucket))
            started = sfn.start_execution(stateMachineArn=machine, input=payload)
            status = run_to_end(sfn, started["executionArn"])
            if entry.get("heldout"):
                held_out += 1
                finished += status != "RUNNING"
                continue
            recorded = recorded_events(entry, execution)
            if recorded is None:
                not_runnable.append(f"{label}: nothing recorded for {execution['history_key']}")
                continue
            compared += 1
            ours = json.loads(json.dumps(history(sfn, started["executionArn"]), default=str))
            if not fixture.get("no_bucket") and not fixture.get("fixed_bucket"):
                ours = json.loads(json.dumps(ours).replace(bucket, placeholder))
            if fixture.get("normalize_listing") and status == "SUCCEEDED":
                ours = normalized_listing(ours)
            found = history_difference(ours, recorded)
            if found:
                failures.append(f"{label}: {found}")
            else:
                passed += 1
    print(f"\nAWS-recorded S3 executions (ItemReader, ResultWriter, aws-sdk:s3): {passed}/{compared} pass (held-out, "
          f"run without comparison: {held_out}, finished: {finished}; not runnable: {len(not_runnable)})")
    for line in not_runnable:
        print(f"  not runnable: {line}")
    for line in failures:
        print(f"  FAIL {line}")
    assert finished == held_out
    assert passed >= FLOOR
