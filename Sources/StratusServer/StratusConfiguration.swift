import Logging
import StratusAWSCore

/// Everything `stratus serve` can be told, with the defaults a local emulator should have.
package struct StratusConfiguration: Sendable {
    /// How requests are authenticated.
    package enum Authentication: Sendable, Equatable {
        /// Signatures are parsed (account, region, service) but not checked. The default.
        case off
        /// Signatures are checked against these access key ids and secrets, as AWS does.
        case verify(secretKeys: [String: String])
    }

    /// The address to bind. `127.0.0.1` unless told otherwise: Stratus is not meant to face a network.
    package var host = "127.0.0.1"
    /// The TCP port; `0` picks a free one (printed on start).
    package var port = 4566
    /// Where durable state lives (one SQLite database per service, S3 object bytes).
    package var dataDirectory = "./.stratus"
    /// Keep all state in memory and lose it on exit.
    package var inMemory = false
    /// When a write to the data directory is acknowledged (ignored in memory).
    package var durability = Durability.full
    /// The log level.
    package var logLevel: Logger.Level = .info
    /// The account of requests whose access key id is not 12 digits.
    package var accountID = AWSDefaults.accountID
    /// The region of requests that carry no signature.
    package var region = AWSDefaults.region
    /// Signature checking.
    package var authentication = Authentication.off
    /// Step Functions fast-forward mode: executions do not wait for Wait states, retry back-offs or execution
    /// timeouts while no task is in flight (a virtual clock per execution).
    package var fastForward = false
    /// The largest request body the server reads at all; services apply their own, smaller AWS limits.
    package var maxRequestBodyBytes = 512 * 1024 * 1024
    /// How often buffered S3 server access log records are delivered into their target buckets.
    package var s3AccessLogInterval: Duration = .seconds(5)
    /// The SMTP server SNS hands its email to (`email` and `email-json` subscriptions); without one, email
    /// subscriptions are refused.
    package var smtp: MailServer?

    /// An SMTP server to send email through (plain SMTP, no authentication: a local sink or relay).
    package struct MailServer: Sendable, Equatable {
        /// Host name or address.
        package var host: String
        /// TCP port.
        package var port: Int

        /// A server at `host:port`.
        package init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    /// When an acknowledged write is safe.
    package enum Durability: String, Sendable, CaseIterable {
        /// After it was synced to stable storage (`fdatasync`): it survives `kill -9`, an OS crash and power loss.
        /// The default.
        case full
        /// After it was written to the database's write-ahead log: it survives `kill -9` or a crash of Stratus;
        /// an OS crash or power loss can lose the writes of the last ≈ 10 ms (synced in the background), never
        /// corrupt the data.
        case process
    }

    package init() {}
}
