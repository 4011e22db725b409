// LambdaProcessEnvironment+Formatting: Lambda's log lines, error documents and identifiers.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import StratusJSON

extension LambdaProcessEnvironment {
    /// `REPORT RequestId: <id>\tDuration: x ms\tBilled Duration: y ms\tMemory Size: m MB\tMax Memory Used: u MB`
    /// with `\tInit Duration: i ms` after a cold start, and a final newline.
    static func reportLine(requestID: String, duration: Double, memorySize: Int, maxMemoryUsed: Int,
                           initDuration: Double?) -> String {
        var line = "REPORT RequestId: \(requestID)\tDuration: \(String(format: "%.2f", duration)) ms"
        line += "\tBilled Duration: \(Int(duration.rounded(.up))) ms\tMemory Size: \(memorySize) MB"
        line += "\tMax Memory Used: \(maxMemoryUsed) MB"
        if let initDuration { line += "\tInit Duration: \(String(format: "%.2f", initDuration)) ms" }
        return line + "\n"
    }

    /// `YYYY/MM/DD/[<version>]<32 hex digits>`, Lambda's log stream name.
    static func logStreamName(_ version: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy/MM/dd"
        let random = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return "\(formatter.string(from: Date()))/[\(version)]\(random)"
    }

    /// An ISO 8601 timestamp with milliseconds (`2024-01-01T00:00:00.000Z`).
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// An X-Ray trace header for an invocation that came without one.
    static func traceID() -> String {
        let seconds = String(Int(Date().timeIntervalSince1970), radix: 16)
        let root = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(24)
        let parent = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        return "Root=1-\(seconds)-\(root);Parent=\(parent);Sampled=0"
    }

    /// A duration in milliseconds.
    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// The `errorType` and `errorMessage` of an error document a runtime posted (the header wins for the type).
    static func errorTypeAndMessage(_ body: [UInt8], header: String?) -> (String?, String) {
        if let document = try? JSONValue.parse(body), case .object = document {
            var type = header
            if type == nil, case .string(let value)? = document["errorType"] { type = value }
            if case .string(let message)? = document["errorMessage"] { return (type, message) }
            return (type, String(decoding: body, as: UTF8.self))
        }
        return (header, String(decoding: body, as: UTF8.self))
    }

    /// The payload Invoke answers for a posted function error: the runtime's document when it is a JSON object,
    /// else Lambda's `{"errorType", "errorMessage"}` built from the header and body.
    static func errorPayload(_ body: [UInt8], header: String?) -> [UInt8] {
        if let document = try? JSONValue.parse(body), case .object = document { return body }
        let message = String(decoding: body, as: UTF8.self)
        return Array("{\"errorType\":\(jsonString(header ?? "Unhandled")),\"errorMessage\":\(jsonString(message))}".utf8)
    }

    /// `killed`, `terminated`, … as Go's `os.ProcessState` (and so Lambda) names signals.
    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: "killed"
        case SIGTERM: "terminated"
        case SIGSEGV: "segmentation fault"
        case SIGABRT: "aborted"
        case SIGINT: "interrupt"
        case SIGBUS: "bus error"
        case SIGFPE: "floating point exception"
        case SIGILL: "illegal instruction"
        case SIGPIPE: "broken pipe"
        case SIGHUP: "hangup"
        default: "signal \(signal)"
        }
    }
}
