// swift-tools-version: 6.1
// The Stratus code generator: reads the pinned botocore models (and the Smithy protocol-test services) and
// writes the generated Swift of Sources/StratusAPI*/Generated and Tests/StratusProtocolTestServices/Generated.
import PackageDescription

let package = Package(
    name: "CodeGen",
    platforms: [.macOS(.v15)],
    targets: [
        .executableTarget(
            name: "CodeGen",
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        ),
        .testTarget(
            name: "CodeGenTests",
            dependencies: ["CodeGen"],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
