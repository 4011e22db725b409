// StratusLogHandler: the server's log handler; formats metadata only when a message is written.
import Logging

/// Writes log messages to standard error exactly as swift-log's `StreamLogHandler` does (same line format, same
/// locking), but keeps the logger's metadata as a dictionary until a message is actually written.
///
/// `StreamLogHandler` renders its metadata to text every time metadata is set. Hummingbird gives every request a
/// logger with its own `hb.request.id`, so with `StreamLogHandler` every request paid for sorting and formatting
/// metadata that is almost never printed (the server logs at `info` and requests log at `debug`/`trace`). Here that
/// cost moves to the few messages that pass the level check.
struct StratusLogHandler: LogHandler {
    private let label: String
    var logLevel: Logger.Level = .info
    var metadata = Logger.Metadata()
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var output = StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
        output.logLevel = logLevel
        output.metadata = metadata
        output.log(event: event)
    }
}
