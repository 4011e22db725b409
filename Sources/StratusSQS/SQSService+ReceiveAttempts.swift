import StratusAPISQS
import StratusServiceKit

extension SQSService {
    /// How long a FIFO receive request attempt id can be retried after the receive that recorded it (ms).
    static let receiveAttemptWindow: Int64 = 5 * 60 * 1000

    /// The receive request attempt id of `input` on `queue`, validated; nil when absent or when the queue is a
    /// standard queue (AWS applies the parameter to FIFO queues only, and standard queues ignore it).
    func receiveAttemptID(of input: SQS.ReceiveMessageRequest, queue: SQSQueueRecord) throws -> String? {
        guard queue.isFIFO, let attemptID = input.receiveRequestAttemptId else { return nil }
        try SQSMessageRules.validate(fifoToken: attemptID, parameter: "ReceiveRequestAttemptId")
        return attemptID
    }

    /// The error a retry answers when its attempt's messages were deleted, received again, had their visibility
    /// changed or became visible again since the attempt (AWS's code and wording).
    static func attemptNotRetryable(_ attemptID: String) -> AWSServiceError {
        SQSFailure.invalidParameter(
            "ReceiveRequestAttemptId", value: attemptID,
            reason: "The receiveRequestAttemptId is not valid anymore since the receive call is not retryable.")
    }
}
