import ArgumentParser

/// Where a server listens and keeps its state: the options `stratus serve` and `stratus demo` share.
struct ListeningOptions: ParsableArguments {
    @Option(help: "Address to bind (env STRATUS_HOST). [default: 127.0.0.1]")
    var host: String?

    @Option(help: "TCP port; 0 picks a free one (env STRATUS_PORT). [default: 4566]")
    var port: Int?

    @Option(name: .customLong("data-dir"), help: "Directory for durable state (env STRATUS_DATA_DIR). [default: ./.stratus]")
    var dataDirectory: String?

    @Flag(name: .customLong("in-memory"), help: "Keep all state in memory; nothing is written to disk (env STRATUS_IN_MEMORY=1).")
    var inMemory = false
}
