/// A mobile push platform application as stored (`CreatePlatformApplication`).
package struct SNSPlatformApplicationRecord: Sendable, Equatable, Codable {
    /// `arn:aws:sns:<region>:<account>:app/<platform>/<name>`.
    package var arn: String
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The name.
    package var name: String
    /// `ADM`, `APNS`, `APNS_SANDBOX`, `BAIDU`, `GCM`, `MPNS` or `WNS`.
    package var platform: String
    /// Attributes as set (`PlatformCredential`, `PlatformPrincipal`, `EventEndpointCreated`, …).
    package var attributes: [String: String]

    /// An application record.
    package init(arn: String, accountID: String, region: String, name: String, platform: String,
                 attributes: [String: String]) {
        self.arn = arn
        self.accountID = accountID
        self.region = region
        self.name = name
        self.platform = platform
        self.attributes = attributes
    }
}
