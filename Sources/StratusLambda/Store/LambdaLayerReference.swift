// LambdaLayerReference: a layer version a function version uses.

/// A layer version named in a function's `Layers`, with the package it resolved to when it was attached.
///
/// Guarantees: `code` is the layer version's package at the time of attachment, so the function keeps running
/// with it even if the layer version is deleted later (as Lambda does).
package struct LambdaLayerReference: Sendable, Codable, Equatable {
    /// `arn:aws:lambda:<region>:<account>:layer:<name>:<version>`.
    package var arn: String
    /// The layer version's package.
    package var code: StoredLambdaCode

    package init(arn: String, code: StoredLambdaCode) {
        self.arn = arn
        self.code = code
    }
}
