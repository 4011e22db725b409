// S3AccessLogRecord: one line of an S3 server access log.
import Foundation

/// One request as S3's server access logs record it, and its line in the log format S3 documents (26 space-separated
/// fields; a missing value is `-`; the time in brackets, the request URI, referer and user agent in quotes).
///
/// Guarantees: ``line`` is one line without its newline; no field contains a space or a quote that would split it
/// (keys and URIs are written as they were sent, URL-encoded; quotes and backslashes in quoted fields are escaped as
/// S3 does, with a backslash).
package struct S3AccessLogRecord: Sendable, Equatable {
    /// The source bucket (the one the request was made to).
    package var bucket: String
    /// The source bucket owner's canonical user id.
    package var bucketOwner: String
    /// When the request was received.
    package var time: Date
    /// The client's address, when known.
    package var remoteIP: String?
    /// The requester's ARN, nil for an anonymous request.
    package var requester: String?
    /// The request id (`x-amz-request-id`).
    package var requestID: String
    /// `REST.<METHOD>.<RESOURCE>` (``S3AccessLogOperation``), or `BATCH.DELETE.OBJECT` for a key of `DeleteObjects`.
    package var operation: String
    /// The object key, nil for bucket operations.
    package var key: String?
    /// `METHOD /path?query HTTP/1.1` as the request was sent.
    package var requestURI: String?
    /// The answer's HTTP status.
    package var status: Int
    /// S3's error code of a failed request.
    package var errorCode: String?
    /// Bytes of the answer's body (`-` when none).
    package var bytesSent: Int
    /// The object's size, for object reads and writes.
    package var objectSize: Int?
    /// Milliseconds from receiving the request to sending the answer.
    package var totalMilliseconds: Int
    /// Milliseconds S3 spent on the request after it was received.
    package var turnAroundMilliseconds: Int?
    /// The `Referer` header.
    package var referer: String?
    /// The `User-Agent` header.
    package var userAgent: String?
    /// The version id the request named (`?versionId=`).
    package var versionID: String?
    /// The answer's `x-amz-id-2`.
    package var hostID: String?
    /// `SigV4` or `SigV2` for signed requests.
    package var signatureVersion: String?
    /// `AuthHeader`, `QueryString` (a presigned URL), nil for anonymous requests.
    package var authenticationType: String?
    /// The `Host` header.
    package var hostHeader: String?

    package init(bucket: String, bucketOwner: String, time: Date, requestID: String, operation: String, status: Int) {
        self.bucket = bucket
        self.bucketOwner = bucketOwner
        self.time = time
        self.requestID = requestID
        self.operation = operation
        self.status = status
        self.bytesSent = 0
        self.totalMilliseconds = 0
    }

    /// The record's line in S3's server access log format (without the newline).
    package var line: String {
        let fields: [String] = [
            bucketOwner, bucket, "[\(Self.timeText(time))]", Self.plain(remoteIP), Self.plain(requester), requestID,
            operation, Self.plain(key.map(S3Service.urlEncodedKey)), Self.quoted(requestURI), String(status),
            Self.plain(errorCode), bytesSent > 0 ? String(bytesSent) : "-", Self.plain(objectSize.map(String.init)),
            String(totalMilliseconds), Self.plain(turnAroundMilliseconds.map(String.init)), Self.quoted(referer),
            Self.quoted(userAgent), Self.plain(versionID), Self.plain(hostID), Self.plain(signatureVersion), "-",
            Self.plain(authenticationType), Self.plain(hostHeader), "-", "-", "-",
        ]
        return fields.joined(separator: " ")
    }

    /// `06/Feb/2019:00:00:38 +0000`.
    static func timeText(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(parts.month ?? 1) - 1]
        return String(format: "%02d/%@/%04d:%02d:%02d:%02d +0000", parts.day ?? 1, month, parts.year ?? 1970,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// An unquoted field: `-` for none; spaces (never in the values written here, but a header could carry one)
    /// become `%20` so the line keeps its fields.
    private static func plain(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "-" }
        return value.replacingOccurrences(of: " ", with: "%20")
    }

    /// A quoted field: `"-"` for none, with quotes and backslashes escaped.
    private static func quoted(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "\"-\"" }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The Gregorian calendar in UTC.
    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

}
