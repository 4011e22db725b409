// SQSErrors+LegacyQueryCodes: the AWS Query codes SQS's current (AWS JSON) model no longer carries.
import StratusServiceKit

extension SQSErrors {
    /// The legacy AWS Query code of each SQS error whose query code differs from its shape name: what SQS sends in
    /// `<Code>` over AWS Query and in `x-amzn-query-error` over AWS JSON, and what the AWS SDKs report as the error
    /// code (`AWS.SimpleQueueService.NonExistentQueue` for `QueueDoesNotExist`).
    package static let legacyQueryCodes: [String: String] = [
        "QueueDoesNotExist": "AWS.SimpleQueueService.NonExistentQueue",
        "QueueNameExists": "QueueAlreadyExists",
        "QueueDeletedRecently": "AWS.SimpleQueueService.QueueDeletedRecently",
        "PurgeQueueInProgress": "AWS.SimpleQueueService.PurgeQueueInProgress",
        "MessageNotInflight": "AWS.SimpleQueueService.MessageNotInflight",
        "BatchEntryIdsNotDistinct": "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
        "BatchRequestTooLong": "AWS.SimpleQueueService.BatchRequestTooLong",
        "EmptyBatchRequest": "AWS.SimpleQueueService.EmptyBatchRequest",
        "InvalidBatchEntryId": "AWS.SimpleQueueService.InvalidBatchEntryId",
        "TooManyEntriesInBatchRequest": "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        "UnsupportedOperation": "AWS.SimpleQueueService.UnsupportedOperation",
        "KmsAccessDenied": "KMS.AccessDeniedException",
        "KmsDisabled": "KMS.DisabledException",
        "KmsInvalidKeyUsage": "KMS.InvalidKeyUsageException",
        "KmsInvalidState": "KMS.InvalidStateException",
        "KmsNotFound": "KMS.NotFoundException",
        "KmsOptInRequired": "KMS.OptInRequired",
        "KmsThrottled": "KMS.ThrottlingException",
    ]

}
