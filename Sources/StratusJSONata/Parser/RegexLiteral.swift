/// A compiled regex literal and where it appears (boxed so that values stay small).
final class RegexLiteral: Sendable {
    let regex: JSONataRegex
    let position: Int
    init(regex: JSONataRegex, position: Int) {
        self.regex = regex
        self.position = position
    }
}
