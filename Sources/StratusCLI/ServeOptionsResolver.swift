import ArgumentParser
import Logging
import StratusAWSCore
import StratusServer

/// Merges `stratus serve` flags with `STRATUS_*` environment variables and checks them.
struct ServeOptionsResolver {
    let environment: [String: String]

    func resolve(
        host: String?, port: Int?, dataDirectory: String?, inMemory: Bool, durability: String? = nil, logLevel: String?,
        accountID: String?, region: String?, auth: String?, authKeys: String?, fastForward: Bool = false,
        smtp: String? = nil, s3AccessLogInterval: String? = nil
    ) throws -> StratusConfiguration {
        var configuration = StratusConfiguration()
        if let value = host ?? environment["STRATUS_HOST"] { configuration.host = value }
        if let port {
            configuration.port = port
        } else if let text = environment["STRATUS_PORT"] {
            guard let value = Int(text) else { throw ValidationError("STRATUS_PORT must be a number, not '\(text)'.") }
            configuration.port = value
        }
        guard (0...65535).contains(configuration.port) else {
            throw ValidationError("The port must be between 0 and 65535, not \(configuration.port).")
        }
        if let value = dataDirectory ?? environment["STRATUS_DATA_DIR"] { configuration.dataDirectory = value }
        configuration.inMemory = inMemory || Self.isTrue(environment["STRATUS_IN_MEMORY"])
        if let text = durability ?? environment["STRATUS_DURABILITY"] {
            guard let value = StratusConfiguration.Durability(rawValue: text.lowercased()) else {
                throw ValidationError("Unknown durability '\(text)'; use full or process.")
            }
            configuration.durability = value
        }
        configuration.fastForward = fastForward || Self.isTrue(environment["STRATUS_FAST_FORWARD"])
        if let text = logLevel ?? environment["STRATUS_LOG_LEVEL"] {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw ValidationError("Unknown log level '\(text)'; use trace, debug, info, notice, warning, error or critical.")
            }
            configuration.logLevel = level
        }
        if let value = accountID ?? environment["STRATUS_ACCOUNT_ID"] {
            guard AccountID.isValid(value) else { throw ValidationError("The account id must be 12 digits, not '\(value)'.") }
            configuration.accountID = value
        }
        if let value = region ?? environment["STRATUS_REGION"] { configuration.region = value }
        if let text = s3AccessLogInterval ?? environment["STRATUS_S3_ACCESS_LOG_INTERVAL"] {
            guard let seconds = Double(text), seconds >= 0.1, seconds <= 86_400 else {
                throw ValidationError("--s3-access-log-interval takes seconds from 0.1 to 86400, not '\(text)'.")
            }
            configuration.s3AccessLogInterval = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        if let text = smtp ?? environment["STRATUS_SMTP"], !text.isEmpty {
            guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
                  let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
                throw ValidationError("--smtp takes HOST:PORT (for example localhost:1025), not '\(text)'.")
            }
            configuration.smtp = StratusConfiguration.MailServer(host: String(text[..<colon]), port: port)
        }
        switch (auth ?? environment["STRATUS_AUTH"] ?? "off").lowercased() {
        case "off":
            configuration.authentication = .off
        case "verify":
            let pairs = authKeys ?? environment["STRATUS_AUTH_KEYS"] ?? ""
            let keys = try Self.parseKeys(pairs)
            guard !keys.isEmpty else {
                throw ValidationError("--auth verify needs --auth-keys ACCESS_KEY_ID:SECRET[,…] (or STRATUS_AUTH_KEYS).")
            }
            configuration.authentication = .verify(secretKeys: keys)
        case let other:
            throw ValidationError("Unknown --auth mode '\(other)'; use off or verify.")
        }
        return configuration
    }

    static func parseKeys(_ text: String) throws -> [String: String] {
        var keys: [String: String] = [:]
        for pair in text.split(separator: ",") where !pair.isEmpty {
            let parts = pair.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("An auth key must look like ACCESS_KEY_ID:SECRET, not '\(pair)'.")
            }
            keys[String(parts[0])] = String(parts[1])
        }
        return keys
    }

    static func isTrue(_ text: String?) -> Bool {
        guard let text else { return false }
        return ["1", "true", "yes", "on"].contains(text.lowercased())
    }
}
