import Foundation
import StratusJSON

/// Files, standard streams and exit codes shared by the `stratus sfn` subcommands.
///
/// Guarantees: results go to standard output as JSON text (two-space indented, one trailing newline);
/// diagnostics for people go to standard error; problems with the command's own inputs (unreadable file, bad
/// JSON, invalid definition or mock configuration) exit with ``inputErrorExitCode``.
enum SfnCommandIO {
    /// The exit code of a command that could not start its work because an input was unusable.
    static let inputErrorExitCode: Int32 = 2

    /// An input problem, reported on standard error before exiting with ``inputErrorExitCode``.
    struct InputError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The UTF-8 text of `path`, or of standard input when `path` is `-`.
    static func readText(_ path: String, what: String) throws(InputError) -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "it cannot be read"
                throw InputError(message: "Cannot read the \(what) '\(path)': \(reason).")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(message: "The \(what) '\(path)' is not UTF-8 text.")
        }
        return text
    }

    /// Writes `value` as indented JSON and a newline to standard output.
    static func printJSON(_ value: JSONValue) {
        var bytes = value.serialized(pretty: true)
        bytes.append(UInt8(ascii: "\n"))
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Writes `stratus: <message>` and a newline to standard error.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("stratus: \(message)\n".utf8))
    }
}
