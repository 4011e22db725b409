/// How the ``WireGateway`` treats requests: default account and region, body limits, validation and authentication.
///
/// Body limits (bytes of the request body as received, per service model name) are AWS's payload limits
/// plus room for protocol overhead (form/percent encoding, base64, JSON framing):
/// - `sqs` 2 MiB: a message is at most 1 MiB (AWS raised it from 256 KiB in 2025) and a batch at most 1 MiB
///   in total; base64 or percent-encoding can double that;
/// - `sns` 1 MiB: a published message is at most 256 KiB;
/// - `dynamodb` 16 MiB: `BatchWriteItem` carries at most 16 MB;
/// - `stepfunctions` 2 MiB: state machine definitions are at most 1 MB, execution input 256 KiB;
/// - `eventbridge` 2 MiB: `PutEvents` carries at most 1 MiB;
/// - `lambda` 75 MiB: `CreateFunction` with a base64 zip of up to 50 MB (base64 adds a third);
/// - `s3` 512 MiB: Stratus buffers whole bodies; AWS allows 5 GiB per `PutObject` (use multipart uploads above
///   this limit);
/// - any other service: ``defaultMaxBodyBytes`` (10 MiB).
package struct WireConfiguration: Sendable {
    /// Whether and how SigV4 signatures are checked.
    package enum AuthMode: Sendable {
        /// Signatures are parsed (account, region) but not checked.
        case off
        /// Signatures must verify against these access key id → secret access key pairs.
        case verify(credentials: [String: String])
    }

    /// The account of requests whose access key id is not 12 digits.
    package var defaultAccountID: String
    /// The region of unsigned requests.
    package var defaultRegion: String
    /// SigV4 checking.
    package var authMode: AuthMode
    /// Largest accepted request body per service model name.
    package var maxBodyBytes: [String: Int]
    /// Largest accepted request body for services not in ``maxBodyBytes``.
    package var defaultMaxBodyBytes: Int
    /// Model names of services whose inputs are checked with ``ModelValidator``; `nil` means every AWS JSON
    /// and REST-JSON service (AWS validates those before the operation runs).
    package var validatedServices: Set<String>?
    /// The namespace written before `#` in AWS JSON `__type` per model name (what AWS sends; clients strip it).
    package var jsonErrorTypeNamespaces: [String: String]

    /// AWS's body limits (see the type's documentation).
    package static let awsBodyLimits: [String: Int] = [
        "sqs": 2 << 20, "sns": 1 << 20, "dynamodb": 16 << 20, "stepfunctions": 2 << 20, "eventbridge": 2 << 20,
        "lambda": 75 << 20, "s3": 512 << 20,
    ]

    /// The `__type` namespaces AWS uses for the JSON services that send one.
    package static let awsJSONErrorTypeNamespaces: [String: String] = [
        "sqs": "com.amazonaws.sqs",
        "dynamodb": "com.amazonaws.dynamodb.v20120810",
    ]

    /// A configuration; the defaults are Stratus's: account `000000000000`, `us-east-1`, no signature checks,
    /// AWS's body limits, validation of JSON and REST-JSON services, AWS's `__type` namespaces.
    package init(
        defaultAccountID: String = "000000000000",
        defaultRegion: String = "us-east-1",
        authMode: AuthMode = .off,
        maxBodyBytes: [String: Int] = WireConfiguration.awsBodyLimits,
        defaultMaxBodyBytes: Int = 10 << 20,
        validatedServices: Set<String>? = nil,
        jsonErrorTypeNamespaces: [String: String] = WireConfiguration.awsJSONErrorTypeNamespaces
    ) {
        self.defaultAccountID = defaultAccountID
        self.defaultRegion = defaultRegion
        self.authMode = authMode
        self.maxBodyBytes = maxBodyBytes
        self.defaultMaxBodyBytes = defaultMaxBodyBytes
        self.validatedServices = validatedServices
        self.jsonErrorTypeNamespaces = jsonErrorTypeNamespaces
    }

    /// The body limit of the service `modelName`.
    package func bodyLimit(for modelName: String) -> Int {
        maxBodyBytes[modelName] ?? defaultMaxBodyBytes
    }
}
