import Foundation
import OrderedCollections
import StratusJSON

extension DemoPipeline {
    /// The workflow: record the upload, read the file, validate it, process it, queue the work, store the result,
    /// record and announce success — and on any error, record and announce the failure, then fail.
    static func definition(workQueue: String, topic: String, account: String, region: String) -> String {
        let onError: JSONValue = [["ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "RecordFailure"]]
        let lambdaRetry: JSONValue = [[
            "ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException", "Lambda.SdkClientException"],
            "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2,
        ]]
        func status(_ value: String, next: String, extra: [(String, JSONValue)] = []) -> JSONValue {
            var item: [(String, JSONValue)] = [
                ("fileKey", ["S.$": "$.key"]), ("at", ["S.$": "$$.State.EnteredTime"]), ("status", ["S": .string(value)]),
                ("execution", ["S.$": "$$.Execution.Id"]),
            ]
            item += extra
            return [
                "Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                "Parameters": ["TableName": .string(Names.history), "Item": .object(.init(uniqueKeysWithValues: item))],
                "ResultPath": .null, "Next": .string(next),
            ]
        }
        let states: JSONValue = [
            "RecordReceived": status("RECEIVED", next: "ReadFile"),
            "ReadFile": [
                "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                "Parameters": ["Bucket.$": "$.bucket", "Key.$": "$.key"],
                "ResultSelector": ["body.$": "$.Body"], "ResultPath": "$.file", "Catch": onError, "Next": "Validate",
            ],
            "Validate": [
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": ["FunctionName": .string(Names.validate),
                               "Payload": ["key.$": "$.key", "size.$": "$.size", "body.$": "$.file.body"]],
                "ResultSelector": ["records.$": "$.Payload.records"], "ResultPath": "$.validation",
                "Retry": lambdaRetry, "Catch": onError, "Next": "Process",
            ],
            "Process": [
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": ["FunctionName": .string(Names.process), "Payload": ["key.$": "$.key", "body.$": "$.file.body"]],
                "ResultSelector": ["summary.$": "$.Payload"], "ResultPath": "$.result",
                "Retry": lambdaRetry, "Catch": onError, "Next": "QueueWork",
            ],
            "QueueWork": [
                "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": ["QueueUrl": .string(workQueue), "MessageBody": ["key.$": "$.key", "summary.$": "$.result.summary"]],
                "ResultPath": .null, "Catch": onError, "Next": "SaveResult",
            ],
            "SaveResult": [
                "Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                "Parameters": ["TableName": .string(Names.results), "Item": [
                    "fileKey": ["S.$": "$.key"],
                    "records": ["N.$": "States.Format('{}', $.result.summary.records)"],
                    "summary": ["S.$": "States.JsonToString($.result.summary)"],
                ]],
                "ResultPath": .null, "Catch": onError, "Next": "RecordSucceeded",
            ],
            "RecordSucceeded": status("SUCCEEDED", next: "NotifySuccess"),
            "NotifySuccess": [
                "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Parameters": ["TopicArn": .string(topic), "Subject": "Stratus demo: file processed",
                               "Message": ["status": "SUCCEEDED", "key.$": "$.key", "summary.$": "$.result.summary"]],
                "ResultPath": .null, "End": true,
            ],
            "RecordFailure": status("FAILED", next: "NotifyFailure", extra: [
                ("error", ["S.$": "$.error.Error"]), ("cause", ["S.$": "$.error.Cause"]),
            ]),
            "NotifyFailure": [
                "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "Parameters": ["TopicArn": .string(topic), "Subject": "Stratus demo: file rejected",
                               "Message": ["status": "FAILED", "key.$": "$.key", "error.$": "$.error.Error",
                                           "cause.$": "$.error.Cause"]],
                "ResultPath": .null, "Next": "Rejected",
            ],
            "Rejected": [
                "Type": "Fail", "Error": "Demo.FileRejected",
                "Cause": .string("The file was rejected or could not be processed; see the \(Names.history) table"),
            ],
        ]
        let machine: JSONValue = [
            "Comment": .string("Stratus demo: every file uploaded to \(Names.bucket) is validated, processed, queued, stored and announced"),
            "StartAt": "RecordReceived", "States": states,
        ]
        return machine.serializedString()
    }

    /// The validating function: only non-empty `.csv`, `.json` and `.txt` files (JSON must parse) pass.
    static let validateSource = """
        import json


        class ValidationError(Exception):
            pass


        def handler(event, context):
            key, body = event["key"], event.get("body") or ""
            if not key.endswith((".csv", ".json", ".txt")):
                raise ValidationError(f"{key}: only .csv, .json and .txt files are processed")
            if not body.strip():
                raise ValidationError(f"{key} is empty")
            if key.endswith(".json"):
                try:
                    json.loads(body)
                except ValueError as error:
                    raise ValidationError(f"{key} is not valid JSON: {error}")
            records = len([line for line in body.splitlines() if line.strip()])
            print(f"validated {key}: {records} records")
            return {"key": key, "records": records}

        """

    /// The processing function: counts records, words and characters (CSV: data rows and columns).
    static let processSource = """
        import csv
        import io


        def handler(event, context):
            key, body = event["key"], event["body"]
            lines = [line for line in body.splitlines() if line.strip()]
            summary = {"records": len(lines), "words": len(body.split()), "characters": len(body)}
            if key.endswith(".csv") and lines:
                rows = list(csv.reader(io.StringIO(body)))
                summary["columns"] = rows[0]
                summary["records"] = len([row for row in rows[1:] if any(cell.strip() for cell in row)])
            print(f"processed {key}: {summary}")
            return summary

        """
}
