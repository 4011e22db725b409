/// A device endpoint of a platform application as stored (`CreatePlatformEndpoint`).
package struct SNSPlatformEndpointRecord: Sendable, Equatable, Codable {
    /// `arn:aws:sns:<region>:<account>:endpoint/<platform>/<application>/<id>`.
    package var arn: String
    /// The application's ARN.
    package var applicationARN: String
    /// The device token; unique within its application.
    package var token: String
    /// Attributes: `Token`, `Enabled` (`true`/`false`) and `CustomUserData` when set.
    package var attributes: [String: String]

    /// An endpoint record.
    package init(arn: String, applicationARN: String, token: String, attributes: [String: String]) {
        self.arn = arn
        self.applicationARN = applicationARN
        self.token = token
        self.attributes = attributes
    }

    /// Whether messages are delivered to it (`Enabled` is not `false`).
    package var isEnabled: Bool { attributes["Enabled"]?.lowercased() != "false" }
}
