import OrderedCollections
import StratusAPISQS
import StratusServiceKit

/// What SQS does over AWS Query that its (AWS JSON) model no longer says.
///
/// SQS answered AWS Query until 2023 and still does for older SDKs (`Action=SendMessage` posted to the queue
/// URL). Its current botocore model is AWS JSON 1.0 with `awsQueryCompatible`; the query `locationName`s were
/// dropped, so this file restores them from the old query model:
/// - structure members travel under singular names: `Attribute.N.Name/Value` for `Attributes`,
///   `MessageAttribute.N.Name/Value.StringValue` for `MessageAttributes`, `AttributeName.N` for `AttributeNames`,
///   `Tag.N.Key/Value` for `Tags`, `SendMessageBatchRequestEntry.N.Id` for batch `Entries`, and responses
///   use the same names (`<ReceiveMessageResult><Message>…<Attribute><Name>…</Name><Value>…</Value></Attribute>`,
///   `<ListQueuesResult><QueueUrl>…`, `<SendMessageBatchResultEntry>`, `<BatchResultErrorEntry>`);
/// - every list and map is flattened (the model still says so);
/// - map entries use `Name`/`Value` (attribute maps) or `Key`/`Value` (tags) instead of `key`/`value`;
/// - responses are in the namespace `http://queue.amazonaws.com/doc/2012-11-05/`;
/// - a request sent to a queue URL (`/<account>/<queue>`) without `QueueUrl` acts on that queue;
/// - errors carry the legacy query codes (`AWS.SimpleQueueService.NonExistentQueue`): in `<Code>` over AWS
///   Query, and in `x-amzn-query-error: <code>;Sender` over AWS JSON (botocore reports it as the error code and
///   finds the exception class by the JSON `__type`). The current model dropped them; ``legacyQueryCodes`` restores
///   them from the old query model.
package enum SQSQueryQuirks {
    /// The model name these quirks apply to.
    package static let modelName = "sqs"

    /// The query names of SQS's members and map entries.
    package static let nameOverrides = AWSQueryNameOverrides(
        memberNames: [
            "*$Attributes": "Attribute",
            "*$MessageAttributes": "MessageAttribute",
            "*$MessageSystemAttributes": "MessageSystemAttribute",
            "*$AttributeNames": "AttributeName",
            "*$MessageAttributeNames": "MessageAttributeName",
            "*$MessageSystemAttributeNames": "MessageSystemAttributeName",
            "*$Messages": "Message",
            "*$QueueUrls": "QueueUrl",
            "*$queueUrls": "QueueUrl",
            "*$Tags": "Tag",
            "*$tags": "Tag",
            "*$TagKeys": "TagKey",
            "*$AWSAccountIds": "AWSAccountId",
            "*$Actions": "ActionName",
            "*$StringListValues": "StringListValue",
            "*$BinaryListValues": "BinaryListValue",
            "*$Results": "ListMessageMoveTasksResultEntry",
            "*$Failed": "BatchResultErrorEntry",
            "SendMessageBatchRequest$Entries": "SendMessageBatchRequestEntry",
            "DeleteMessageBatchRequest$Entries": "DeleteMessageBatchRequestEntry",
            "ChangeMessageVisibilityBatchRequest$Entries": "ChangeMessageVisibilityBatchRequestEntry",
            "SendMessageBatchResult$Successful": "SendMessageBatchResultEntry",
            "DeleteMessageBatchResult$Successful": "DeleteMessageBatchResultEntry",
            "ChangeMessageVisibilityBatchResult$Successful": "ChangeMessageVisibilityBatchResultEntry",
        ],
        mapEntryNames: [
            "QueueAttributeMap": (key: "Name", value: "Value"),
            "MessageSystemAttributeMap": (key: "Name", value: "Value"),
            "MessageBodyAttributeMap": (key: "Name", value: "Value"),
            "MessageBodySystemAttributeMap": (key: "Name", value: "Value"),
            "TagMap": (key: "Key", value: "Value"),
        ],
        xmlNamespace: "http://queue.amazonaws.com/doc/2012-11-05/")

    /// The legacy AWS Query code of each SQS error whose query code differs from its shape name.
    package static var legacyQueryCodes: [String: String] { SQSErrors.legacyQueryCodes }

    /// `error` with its legacy query code filled in (SQS errors only; other errors unchanged).
    package static func withLegacyQueryCode(_ error: AWSServiceError, service: ServiceSchema?) -> AWSServiceError {
        guard service?.modelName == modelName, error.code.queryCode == nil,
            let legacy = legacyQueryCodes[error.code.code]
        else { return error }
        var filled = error
        filled.code.queryCode = legacy
        return filled
    }

    /// Fills `QueueUrl` from the request URL when an SQS query request was sent to a queue URL without it.
    ///
    /// AWS treats `POST /<account>/<queue>` (or `/queue/<…>`) with `Action=SendMessage` as acting on
    /// `<scheme>://<host>/<account>/<queue>`.
    package static func fillQueueURL(
        _ input: AWSValue, operation: OperationSchema, service: ServiceSchema, path: String, endpointURL: String
    ) -> AWSValue {
        guard service.modelName == modelName, case .object(var members) = input, members["QueueUrl"] == nil,
            let reference = operation.input, service[shape: reference.shape].member(named: "QueueUrl") != nil,
            ServiceRouter.isSQSQueuePath(path)
        else { return input }
        members["QueueUrl"] = .string(endpointURL + path)
        return .object(members)
    }
}
