import StratusAPILambda

/// A function URL (`CreateFunctionUrlConfig`): the dedicated HTTP endpoint of a function or of one of its aliases.
package struct LambdaFunctionURLRecord: Sendable, Equatable, Codable {
    /// The alias the URL invokes, nil for the unqualified function (`$LATEST`).
    package var qualifier: String?
    /// The URL id: 32 lowercase letters and digits, the first label of the URL's host.
    package var urlID: String
    /// `NONE` or `AWS_IAM`.
    package var authType: String
    /// The CORS settings Lambda answers browsers with, if any.
    package var cors: Lambda.Cors?
    /// `BUFFERED` or `RESPONSE_STREAM`.
    package var invokeMode: String
    /// When it was created and last changed (Lambda's timestamp text).
    package var createdAt: String
    package var modifiedAt: String

    /// A function URL.
    package init(qualifier: String?, urlID: String, authType: String, cors: Lambda.Cors?, invokeMode: String,
                 createdAt: String, modifiedAt: String) {
        self.qualifier = qualifier
        self.urlID = urlID
        self.authType = authType
        self.cors = cors
        self.invokeMode = invokeMode
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
    }
}
