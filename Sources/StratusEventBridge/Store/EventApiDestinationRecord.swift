/// An API destination as stored (`CreateApiDestination`): an HTTP endpoint rules can send events to, called with a
/// connection's authorization.
package struct EventApiDestinationRecord: Sendable, Equatable, Codable {
    /// `arn:aws:events:<region>:<account>:api-destination/<name>/<id>`.
    package var arn: String
    /// The API destination name.
    package var name: String
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The description, if any.
    package var description: String?
    /// The connection whose authorization the calls carry.
    package var connectionARN: String
    /// The URL called (`*` path parameters filled in from the target's `HttpParameters`).
    package var endpoint: String
    /// The HTTP method (`POST`, `GET`, `HEAD`, `OPTIONS`, `PUT`, `PATCH`, `DELETE`).
    package var httpMethod: String
    /// `InvocationRateLimitPerSecond` (kept; calls are not throttled).
    package var rateLimitPerSecond: Int
    /// Creation and last change times, ms since the epoch.
    package var createdAt: Int64, modifiedAt: Int64

    /// An API destination record.
    package init(arn: String, name: String, accountID: String, region: String, description: String?,
                 connectionARN: String, endpoint: String, httpMethod: String, rateLimitPerSecond: Int, createdAt: Int64) {
        self.arn = arn
        self.name = name
        self.accountID = accountID
        self.region = region
        self.description = description
        self.connectionARN = connectionARN
        self.endpoint = endpoint
        self.httpMethod = httpMethod
        self.rateLimitPerSecond = rateLimitPerSecond
        self.createdAt = createdAt
        self.modifiedAt = createdAt
    }
}
