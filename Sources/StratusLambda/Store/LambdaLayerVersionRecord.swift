// LambdaLayerVersionRecord: one published version of a layer.

/// A layer version (`PublishLayerVersion`).
///
/// Guarantees: immutable once published; `version` numbers of a layer only grow (a deleted number is never
/// reused).
package struct LambdaLayerVersionRecord: Sendable, Codable, Equatable {
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The layer name.
    package var layerName: String
    /// The version number (from 1).
    package var version: Int
    /// `Description`.
    package var description: String
    /// The package.
    package var code: StoredLambdaCode
    /// `CompatibleRuntimes`.
    package var compatibleRuntimes: [String]
    /// `CompatibleArchitectures`.
    package var compatibleArchitectures: [String]
    /// `LicenseInfo`.
    package var licenseInfo: String?
    /// Creation time (ms).
    package var createdAt: Int64

    package init(accountID: String, region: String, layerName: String, version: Int, description: String,
                 code: StoredLambdaCode, compatibleRuntimes: [String], compatibleArchitectures: [String],
                 licenseInfo: String?, createdAt: Int64) {
        self.accountID = accountID
        self.region = region
        self.layerName = layerName
        self.version = version
        self.description = description
        self.code = code
        self.compatibleRuntimes = compatibleRuntimes
        self.compatibleArchitectures = compatibleArchitectures
        self.licenseInfo = licenseInfo
        self.createdAt = createdAt
    }

    /// `arn:aws:lambda:<region>:<account>:layer:<name>`.
    package var layerArn: String { "arn:aws:lambda:\(region):\(accountID):layer:\(layerName)" }
    /// `arn:aws:lambda:<region>:<account>:layer:<name>:<version>`.
    package var layerVersionArn: String { "\(layerArn):\(version)" }
}
