// swift-tools-version: 6.1
// Stratus: a local AWS serverless platform in one Swift binary.
// Layers (dependencies point down only) are documented in docs/architecture.md.
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The console's static files (Sources/StratusConsole/Resources), compiled into the binary as byte arrays.
let consoleAssets = [
    "index.html", "console.css", "console.js", "stepfunctions.js", "graph.js", "statuses.js", "resources.js", "lambda.js",
    "dynamodb.js", "sqs.js", "s3.js", "sns.js", "events.js",
]

/// One generated API target per AWS service (layer L2).
let apiServices = ["SQS", "SNS", "S3", "DynamoDB", "DynamoDBStreams", "EventBridge", "Lambda", "StepFunctions"]

let package = Package(
    name: "Stratus",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stratus", targets: ["stratus"]),
        .executable(name: "stratus-bench", targets: ["StratusBenchmarks"]),
        .library(name: "StratusJSON", targets: ["StratusJSON"]),
        .library(name: "StratusJSONata", targets: ["StratusJSONata"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        // L0: pure libraries
        .target(
            name: "StratusJSON",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusAWSCore",
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusSigV4",
            dependencies: ["StratusAWSCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .target(name: "StratusJSONPath", dependencies: ["StratusJSON", .product(name: "OrderedCollections", package: "swift-collections")], swiftSettings: strictSettings),
        .target(name: "StratusJSONata", dependencies: ["StratusJSON", .product(name: "OrderedCollections", package: "swift-collections"), .product(name: "Crypto", package: "swift-crypto")], swiftSettings: strictSettings, linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "StratusDynamoDBExpressions", dependencies: [.product(name: "OrderedCollections", package: "swift-collections")], swiftSettings: strictSettings),
        .target(name: "StratusASL", dependencies: ["StratusJSON", "StratusJSONPath", "StratusAWSCore", .product(name: "Crypto", package: "swift-crypto"), .product(name: "OrderedCollections", package: "swift-collections")], swiftSettings: strictSettings),
        // L1: the deterministic workflow engine
        .target(name: "StratusStatesEngine", dependencies: ["StratusJSON", "StratusJSONPath", "StratusASL", "StratusJSONata", .product(name: "OrderedCollections", package: "swift-collections")], swiftSettings: strictSettings),
        // L2: service kit and generated API models
        .target(
            name: "StratusEventPatterns",
            dependencies: ["StratusJSON", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusServiceKit",
            dependencies: [
                "StratusJSON", "StratusAWSCore",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
    ] + apiServices.map { service in
        .target(
            name: "StratusAPI\(service)",
            dependencies: ["StratusServiceKit"],
            swiftSettings: strictSettings
        )
    } + [
        // Schema tables only, of services Stratus does not implement (TestState checks mocked results against them)
        .target(name: "StratusAPISchemas", dependencies: ["StratusServiceKit"], swiftSettings: strictSettings),
        // L3: services (business rules; each defines the storage port it needs)
        .target(
            name: "StratusSQS",
            dependencies: [
                "StratusServiceKit", "StratusAPISQS", "StratusAWSCore", "StratusJSON",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusSNS",
            dependencies: [
                "StratusServiceKit", "StratusAPISNS", "StratusAWSCore", "StratusJSON", "StratusEventPatterns",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusEventBridge",
            dependencies: [
                "StratusServiceKit", "StratusAPIEventBridge", "StratusAWSCore", "StratusJSON", "StratusJSONPath",
                "StratusEventPatterns",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusS3",
            dependencies: [
                "StratusServiceKit", "StratusAPIS3", "StratusAWSCore", "StratusJSON",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusStepFunctions",
            dependencies: [
                "StratusServiceKit", "StratusAPIStepFunctions", "StratusAWSCore", "StratusASL", "StratusStatesEngine",
                "StratusJSON", "StratusAPISQS", "StratusSigV4",
                // The API models TestState checks mocked Task results against.
                "StratusAPIEventBridge", "StratusAPILambda", "StratusAPIDynamoDB", "StratusAPIS3", "StratusAPISNS",
                "StratusAPISchemas",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusDynamoDB",
            dependencies: [
                "StratusServiceKit", "StratusAPIDynamoDB", "StratusAWSCore", "StratusDynamoDBExpressions", "StratusJSON",
                "StratusAPIS3", "StratusAPIDynamoDBStreams", "StratusSigV4",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusLambda",
            dependencies: [
                "StratusServiceKit", "StratusAPILambda", "StratusAPISQS", "StratusAPIS3", "StratusAPISNS", "StratusAPIEventBridge",
                "StratusAPIDynamoDBStreams", "StratusAWSCore", "StratusJSON", "StratusEventPatterns",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        // L4: adapters
        .target(
            name: "StratusLambdaRuntime",
            dependencies: [
                "StratusLambda", "StratusJSON", "StratusAWSCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusWire",
            dependencies: [
                "StratusServiceKit", "StratusJSON", "StratusSigV4", "StratusAWSCore", "StratusAPISQS",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StratusStoreSQLite",
            dependencies: [
                "StratusSQS", "StratusServiceKit", "StratusAPISQS", "StratusStepFunctions", "StratusDynamoDB", "StratusS3", "StratusSNS", "StratusEventBridge",
                "StratusDynamoDBExpressions", "StratusAPIDynamoDB", "StratusLambda", "StratusAPILambda",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // L5: the web console: its static UI compiled into the binary, and a JSON API answered by in-process calls
        .target(
            name: "StratusConsole",
            dependencies: [
                "StratusServiceKit", "StratusAPIStepFunctions", "StratusAPILambda", "StratusAPIDynamoDB", "StratusAPISQS",
                "StratusAPIS3", "StratusAPISNS", "StratusAPIEventBridge", "StratusAWSCore", "StratusJSON",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            resources: consoleAssets.map { .embedInCode("Resources/\($0)") },
            swiftSettings: strictSettings
        ),
        // L5: composition root
        .target(
            name: "StratusServer",
            dependencies: [
                "StratusConsole", "StratusWire", "StratusServiceKit", "StratusStoreSQLite", "StratusAWSCore", "StratusSigV4", "StratusSQS",
                "StratusStepFunctions", "StratusDynamoDB", "StratusLambda", "StratusLambdaRuntime", "StratusS3", "StratusSNS",
                "StratusEventBridge",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ] + apiServices.map { .target(name: "StratusAPI\($0)") },
            swiftSettings: strictSettings
        ),
        // L5: test doubles shared by the test targets (manual clock, counting ids)
        .target(name: "StratusTesting", dependencies: ["StratusAWSCore"], swiftSettings: strictSettings),
        // L6: command line
        .target(
            name: "StratusCLI",
            dependencies: [
                "StratusServer", "StratusASL", "StratusStatesEngine", "StratusJSON", "StratusSigV4",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "stratus",
            dependencies: [
                "StratusCLI", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // Benchmarks (scripts/bench-engine.sh): the states engine and StratusJSON, in-process.
        .executableTarget(
            name: "StratusBenchmarks",
            dependencies: [
                "StratusStatesEngine", "StratusASL", "StratusJSON", "StratusJSONata",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),

        // Test support: schemas of the Smithy protocol-test services, generated like our own services.
        .target(
            name: "StratusProtocolTestServices",
            dependencies: ["StratusServiceKit"],
            path: "Tests/StratusProtocolTestServices",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "StratusJSONTests", dependencies: ["StratusJSON", "StratusTesting"], swiftSettings: strictSettings),
        .testTarget(name: "StratusSigV4Tests", dependencies: ["StratusSigV4"], swiftSettings: strictSettings),
        .testTarget(name: "StratusJSONPathTests", dependencies: ["StratusJSONPath", "StratusJSON"], swiftSettings: strictSettings),
        .testTarget(name: "StratusASLTests", dependencies: ["StratusASL", "StratusJSONPath", "StratusJSON"], swiftSettings: strictSettings),
        .testTarget(name: "StratusJSONataTests", dependencies: ["StratusJSONata", "StratusJSON", .product(name: "OrderedCollections", package: "swift-collections")], swiftSettings: strictSettings),
        .testTarget(name: "StratusStatesEngineTests", dependencies: ["StratusStatesEngine", "StratusASL", "StratusJSONPath", "StratusJSON", .product(name: "OrderedCollections", package: "swift-collections")], swiftSettings: strictSettings),
        .testTarget(
            name: "StratusServiceKitTests",
            dependencies: ["StratusServiceKit", "StratusAPISQS", "StratusAPIDynamoDB", "StratusTesting",
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusWireTests",
            dependencies: ["StratusWire", "StratusProtocolTestServices", "StratusJSON", "StratusTesting"]
                + apiServices.map { .target(name: "StratusAPI\($0)") },
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusSQSTests",
            dependencies: ["StratusTesting", "StratusSQS", "StratusStoreSQLite", "StratusAPISQS", "StratusServiceKit", "StratusAWSCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusStepFunctionsTests",
            dependencies: [
                "StratusTesting",
                "StratusStepFunctions", "StratusStoreSQLite", "StratusAPIStepFunctions", "StratusServiceKit",
                "StratusAWSCore", "StratusStatesEngine", "StratusJSON", "StratusAPISQS",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusSNSTests",
            dependencies: ["StratusTesting", "StratusSNS", "StratusStoreSQLite", "StratusAPISNS", "StratusServiceKit",
                           "StratusAWSCore", "StratusEventPatterns", "StratusJSON"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusEventBridgeTests",
            dependencies: ["StratusTesting", "StratusEventBridge", "StratusStoreSQLite", "StratusAPIEventBridge",
                           "StratusServiceKit", "StratusAWSCore", "StratusJSON"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusS3Tests",
            dependencies: ["StratusTesting", "StratusS3", "StratusStoreSQLite", "StratusAPIS3", "StratusServiceKit", "StratusAWSCore", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusDynamoDBExpressionsTests",
            dependencies: ["StratusDynamoDBExpressions", "StratusTesting", .product(name: "OrderedCollections", package: "swift-collections")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusDynamoDBTests",
            dependencies: [
                "StratusTesting",
                "StratusDynamoDB", "StratusDynamoDBExpressions", "StratusStoreSQLite", "StratusAPIDynamoDB",
                "StratusAPIDynamoDBStreams",
                "StratusServiceKit", "StratusAWSCore", "StratusWire", .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusLambdaTests",
            dependencies: [
                "StratusLambda", "StratusLambdaRuntime", "StratusStoreSQLite", "StratusAPILambda", "StratusAPISQS", "StratusAPIDynamoDBStreams",
                "StratusServiceKit", "StratusAWSCore", "StratusJSON", "StratusSQS", "StratusDynamoDB", "StratusAPIDynamoDB",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusStoreSQLiteTests",
            dependencies: ["StratusStoreSQLite"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusConsoleTests",
            dependencies: [
                "StratusConsole", "StratusTesting", "StratusStepFunctions", "StratusStoreSQLite", "StratusAPIStepFunctions",
                "StratusServiceKit", "StratusAWSCore", "StratusJSON", "StratusDynamoDB", "StratusAPIDynamoDB", "StratusSQS",
                "StratusAPISQS", "StratusS3", "StratusAPIS3", "StratusLambda", "StratusAPILambda", "StratusSNS", "StratusAPISNS",
                "StratusEventBridge", "StratusAPIEventBridge",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "StratusServerTests",
            dependencies: [
                "StratusTesting",
                "StratusServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
