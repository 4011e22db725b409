// AdminEndpoints+S3Lifecycle: `POST /_stratus/s3/lifecycle`, the buckets' lifecycle rules applied now or as of a time.
import Foundation
import StratusAWSCore
import StratusJSON
import StratusS3
import StratusWire

extension AdminEndpoints {
    /// `POST /_stratus/s3/lifecycle[?at=<ISO 8601 time>]` → `{"at", "expired", "noncurrentRemoved", "markersRemoved",
    /// "uploadsAborted"}`: applies every bucket's lifecycle rules at once, as of now or as of `at` (so a test can see
    /// what the rules do days from now without waiting; Stratus otherwise applies them hourly). A malformed time
    /// answers 400; every error is `{"error": message, "code": code}`.
    func applyS3Lifecycle(query: String?) async -> WireResponse {
        guard let s3 else { return Self.json(404, ["error": "S3 is not served by this server", "code": "NotFound"]) }
        var now = s3.clock.now()
        if let text = Self.queryParameters(query)["at"] {
            guard let time = Self.isoTime(text) else {
                return Self.json(400, ["error": .string("at must be an ISO 8601 time such as 2030-01-01T00:00:00Z, not '\(text)'."),
                                       "code": "InvalidParameter"])
            }
            now = time
        }
        do {
            let report = try await s3.applyLifecycle(now: now)
            return Self.json(200, [
                "at": .string(ISO8601DateFormatter().string(from: now)),
                "expired": .number(JSONNumber(report.expired)),
                "noncurrentRemoved": .number(JSONNumber(report.noncurrentRemoved)),
                "markersRemoved": .number(JSONNumber(report.markersRemoved)),
                "uploadsAborted": .number(JSONNumber(report.uploadsAborted)),
            ])
        } catch {
            return Self.json(500, ["error": .string("Applying the lifecycle rules failed: \(error)"), "code": "InternalFailure"])
        }
    }

    /// An ISO 8601 time with or without fractional seconds (a `+` sent unencoded in the query arrives as a space).
    private static func isoTime(_ text: String) -> Date? {
        let cleaned = text.replacingOccurrences(of: " ", with: "+")
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: cleaned) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: cleaned)
    }
}
