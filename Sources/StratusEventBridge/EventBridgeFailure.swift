import StratusAPIEventBridge
import StratusServiceKit

/// The errors EventBridge answers with, with AWS's codes and wording.
package enum EventBridgeFailure {
    /// `ResourceNotFoundException` for a bus.
    package static func noSuchBus(_ name: String) -> AWSServiceError {
        AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Event bus \(name) does not exist.")
    }

    /// `ResourceNotFoundException` for a rule.
    package static func noSuchRule(_ name: String, bus: String) -> AWSServiceError {
        AWSServiceError(EventBridgeErrors.resourceNotFoundException, "Rule \(name) does not exist on EventBus \(bus).")
    }

    /// `ValidationException`.
    package static func validation(_ message: String) -> AWSServiceError {
        AWSServiceError(.validation, message)
    }

    /// `InvalidEventPatternException`.
    package static func invalidPattern(_ reason: String) -> AWSServiceError {
        AWSServiceError(EventBridgeErrors.invalidEventPatternException, "Event pattern is not valid. Reason: \(reason)")
    }
}
