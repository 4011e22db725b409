import ArgumentParser

/// `stratus sfn`: Step Functions tools: `validate` and `run` work on a definition file in-process, without a
/// server; `start`, `describe` and `history` talk to a running server.
struct SfnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sfn",
        abstract: "Validate and run state machines in-process; start, describe and follow executions on a server.",
        discussion: "See docs/sfn-cli.md for the output formats, exit codes and the mock configuration file.",
        subcommands: [
            SfnValidateCommand.self, SfnRunCommand.self, SfnStartCommand.self, SfnDescribeCommand.self,
            SfnHistoryCommand.self,
        ]
    )
}
