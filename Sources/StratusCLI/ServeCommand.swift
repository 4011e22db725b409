import ArgumentParser
import Foundation
import Logging
import StratusAWSCore
import StratusServer

/// `stratus serve`: starts the server. Every flag can also be set with a `STRATUS_*` environment variable;
/// a flag on the command line wins over the environment.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start Stratus on one HTTP endpoint for every service."
    )

    @OptionGroup var listening: ListeningOptions

    @Option(help: "When a write to the data directory is acknowledged: full (synced to disk: survives power loss) or process (in the write-ahead log: survives a crash of Stratus; an OS crash or power loss can lose the last ~10 ms of writes; faster) (env STRATUS_DURABILITY). [default: full]")
    var durability: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env STRATUS_LOG_LEVEL). [default: info]")
    var logLevel: String?

    @Option(name: .customLong("account-id"), help: "Default 12-digit account id (env STRATUS_ACCOUNT_ID). [default: 000000000000]")
    var accountID: String?

    @Option(help: "Default region for unsigned requests (env STRATUS_REGION). [default: us-east-1]")
    var region: String?

    @Option(help: "off (signatures parsed, not checked) or verify (env STRATUS_AUTH). [default: off]")
    var auth: String?

    @Option(name: .customLong("auth-keys"), help: "For --auth verify: ACCESS_KEY_ID:SECRET pairs separated by commas (env STRATUS_AUTH_KEYS).")
    var authKeys: String?

    @Flag(name: .customLong("fast-forward"), help: "Step Functions executions skip Wait states, retry back-offs and timeouts while no task is in flight; history shows the waited time (env STRATUS_FAST_FORWARD=1).")
    var fastForward = false

    @Option(help: "HOST:PORT of an SMTP server (a local sink or relay) that SNS email and email-json subscriptions are sent through; without it they are refused (env STRATUS_SMTP).")
    var smtp: String?

    @Option(name: .customLong("s3-access-log-interval"), help: "Seconds between deliveries of S3 server access logs into their target buckets (env STRATUS_S3_ACCESS_LOG_INTERVAL). [default: 5]")
    var s3AccessLogInterval: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = try ServeOptionsResolver(environment: environment).resolve(
            host: listening.host, port: listening.port, dataDirectory: listening.dataDirectory,
            inMemory: listening.inMemory, durability: durability,
            logLevel: logLevel, accountID: accountID, region: region, auth: auth, authKeys: authKeys,
            fastForward: fastForward, smtp: smtp, s3AccessLogInterval: s3AccessLogInterval
        )
        let started = ContinuousClock.now
        let server = StratusServer(configuration: configuration)
        try await server.run { boundPort in
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            let storage = configuration.inMemory
                ? "in memory" : "data in \(configuration.dataDirectory), durability \(configuration.durability.rawValue)"
            let banner = """
                Stratus \(StratusVersion.current) ready in \(String(format: "%.0f", milliseconds)) ms (\(storage)).
                Listening on http://\(configuration.host):\(boundPort)

                """
            // Written unbuffered so that scripts waiting for the line see it at once.
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
    }
}
