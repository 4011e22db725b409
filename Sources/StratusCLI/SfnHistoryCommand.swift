import ArgumentParser
import OrderedCollections
import StratusJSON

/// `stratus sfn history ARN`: an execution's whole history from a running server.
///
/// Guarantees: follows `nextToken` until the end and prints `{"events": [...]}` in the same form as
/// `stratus sfn run --history` and GetExecutionHistory.
struct SfnHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print an execution's history from a running server.",
        discussion: "Prints {\"events\": [...]} with every event. Service errors exit 1, an unreachable server 3."
    )

    @Argument(help: "The execution ARN.")
    var arn: String

    @Flag(help: "Newest event first.")
    var reverse = false

    @Flag(name: .customLong("no-data"), help: "Leave out inputs and outputs (includeExecutionData false).")
    var noData = false

    @OptionGroup var server: SfnServerOptions

    func run() async throws {
        let client = try server.client()
        let history = try await SfnServerOptions.reportingErrors {
            try await SfnServerOptions.history(of: arn, client: client, reverse: reverse, includeData: !noData)
        }
        SfnCommandIO.printJSON(history)
    }
}
