/// Why a JSON text was rejected, and where.
///
/// `offset` is the byte offset (from 0) in the input where the problem was found; `line` and `column` (from 1,
/// column counted in bytes) locate the same place for people. The parser never traps on bad input: every
/// rejection is one of these errors.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    /// What is wrong (`"expected ':' after object key"`).
    public var message: String
    /// Byte offset of the problem in the input.
    public var offset: Int
    /// Line of the problem (1-based), or 0 when unknown.
    public var line: Int
    /// Byte column of the problem within its line (1-based), or 0 when unknown.
    public var column: Int

    /// An error with a message and a byte offset; `line` and `column` are 0 (unknown) unless given.
    public init(message: String, offset: Int, line: Int = 0, column: Int = 0) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `"<message> at line L, column C (offset N)"`.
    public var description: String {
        if line > 0 {
            return "\(message) at line \(line), column \(column) (offset \(offset))"
        }
        return "\(message) at offset \(offset)"
    }
}
