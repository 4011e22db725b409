import StratusAPIEventBridge

/// A connection as stored (`CreateConnection`): how API destinations using it authorise their HTTP calls.
///
/// Guarantees: `auth` holds the secrets as given (passwords, API key values, OAuth client secrets); they are used
/// for calls and never answered.
package struct EventConnectionRecord: Sendable, Equatable, Codable {
    /// `arn:aws:events:<region>:<account>:connection/<name>/<id>`.
    package var arn: String
    /// The connection name.
    package var name: String
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The description, if any.
    package var description: String?
    /// `BASIC`, `API_KEY` or `OAUTH_CLIENT_CREDENTIALS`.
    package var authorizationType: String
    /// The authorization parameters with their secrets, and the connection's own HTTP parameters.
    package var auth: EventBridge.CreateConnectionAuthRequestParameters
    /// `AUTHORIZED` or `DEAUTHORIZED`.
    package var state: String
    /// `KmsKeyIdentifier`, if set (kept; nothing is encrypted).
    package var kmsKeyIdentifier: String?
    /// Creation, last change and last authorization times, ms since the epoch.
    package var createdAt: Int64, modifiedAt: Int64, authorizedAt: Int64?

    /// A connection record.
    package init(arn: String, name: String, accountID: String, region: String, description: String?,
                 authorizationType: String, auth: EventBridge.CreateConnectionAuthRequestParameters, state: String,
                 kmsKeyIdentifier: String?, createdAt: Int64) {
        self.arn = arn
        self.name = name
        self.accountID = accountID
        self.region = region
        self.description = description
        self.authorizationType = authorizationType
        self.auth = auth
        self.state = state
        self.kmsKeyIdentifier = kmsKeyIdentifier
        self.createdAt = createdAt
        self.modifiedAt = createdAt
        self.authorizedAt = state == "AUTHORIZED" ? createdAt : nil
    }
}
