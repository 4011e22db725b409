/// Why an XML document could not be parsed, and where: the byte offset and 1-based line and column.
package struct XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in plain words.
    package var message: String
    /// The byte offset of the problem in the input.
    package var offset: Int
    /// The 1-based line of the problem.
    package var line: Int
    /// The 1-based column (in bytes) of the problem.
    package var column: Int

    /// An error with its message and position.
    package init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `XML error at line L, column C: message`.
    package var description: String { "XML error at line \(line), column \(column): \(message)" }
}
