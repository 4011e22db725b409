import ArgumentParser

/// `stratus sfn`: Step Functions tools that work on a definition file in-process, without a server.
struct SfnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sfn",
        abstract: "Validate and run Step Functions state machines in-process (no server).",
        discussion: "See docs/sfn-cli.md for the output formats, exit codes and the mock configuration file.",
        subcommands: [SfnValidateCommand.self, SfnRunCommand.self]
    )
}
