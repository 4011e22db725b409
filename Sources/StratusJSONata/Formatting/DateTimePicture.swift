/// An analysed XPath F&O date/time picture string (`"[Y0001]-[M01]-[D01]"`), as jsonata-js's
/// `analyseDateTimePicture` builds it: literals and variable markers.
struct DateTimePicture: Sendable {
    /// A width modifier `,min-max` (`*` or absent = nil).
    struct Width: Sendable {
        var minimum: Int?
        var maximum: Int?
    }

    /// A variable marker `[…]`.
    struct Marker: Sendable {
        var component: Character
        var presentation1: String
        var presentation2: Character?
        var width: Width?
        var names: IntegerPicture.LetterCase?
        var integerFormat: IntegerPicture?
        /// For `Y`: the number of digits to keep (-1 = all).
        var yearDigits = -1
    }

    enum Part: Sendable {
        case literal(String)
        case marker(Marker)
    }

    var parts: [Part] = []

    /// jsonata-js's default presentation modifiers by component.
    static let defaultPresentation: [Character: String] = [
        "Y": "1", "M": "1", "D": "1", "d": "1", "F": "n", "W": "1", "w": "1", "X": "1", "x": "1", "H": "1", "h": "1",
        "P": "n", "m": "01", "s": "01", "f": "1", "Z": "01:01", "z": "01:01", "C": "n", "E": "n",
    ]

    /// Analyses `picture`; throws `D3135` (no closing `]`), `D3132` (unknown component), `D3131`.
    init(_ picture: String) throws(JSONataError) {
        let characters = Array(picture)
        var start = 0
        var position = 0
        func addLiteral(_ from: Int, _ to: Int) {
            guard to > from else { return }
            let literal = String(characters[from..<to])
            parts.append(.literal(literal.replacingAll("]]", with: "]")))
        }
        while position < characters.count {
            if characters[position] == "[" {
                if position + 1 < characters.count && characters[position + 1] == "[" {
                    addLiteral(start, position)
                    parts.append(.literal("["))
                    position += 2
                    start = position
                    continue
                }
                addLiteral(start, position)
                start = position
                guard let close = characters[start...].firstIndex(of: "]") else {
                    throw JSONataError(code: "D3135", message: "No matching closing bracket ']' in date/time picture string")
                }
                position = close
                let marker = String(characters[(start + 1)..<close].filter { !$0.isWhitespace })
                parts.append(.marker(try DateTimePicture.analyseMarker(marker, previous: &parts)))
                start = position + 1
            }
            position += 1
        }
        addLiteral(start, position)
    }

    private static func analyseMarker(_ marker: String, previous parts: inout [Part]) throws(JSONataError) -> Marker {
        let component = marker.first ?? "\u{0}"
        var presentation: String
        var width: Width?
        if let comma = marker.lastIndex(of: ",") {
            let widthText = marker[marker.index(after: comma)...]
            func parseWidth(_ text: Substring?) -> Int? {
                guard let text, text != "*" else { return nil }
                let value = JavaScriptNumberText.parseInt(String(text))
                return value.isNaN ? nil : Int(value)
            }
            if let dash = widthText.firstIndex(of: "-") {
                width = Width(
                    minimum: parseWidth(widthText[..<dash]),
                    maximum: parseWidth(widthText[widthText.index(after: dash)...]))
            } else {
                width = Width(minimum: parseWidth(widthText), maximum: nil)
            }
            presentation = String(marker[marker.index(after: marker.startIndex)..<comma])
        } else {
            presentation = String(marker.dropFirst())
        }
        var presentation2: Character?
        if presentation.count > 1, let last = presentation.last, "atco".contains(last) {
            presentation2 = last
            presentation.removeLast()
        } else if presentation.isEmpty {
            guard let defaultValue = defaultPresentation[component] else {
                throw JSONataError(
                    code: "D3132", message: "Unknown component specifier \(component) in date/time picture string",
                    value: String(component))
            }
            presentation = defaultValue
        }
        var result = Marker(component: component, presentation1: presentation, presentation2: presentation2, width: width)
        let first = presentation.first
        let second = presentation.dropFirst().first
        if first == "n" {
            result.names = .lower
        } else if first == "N" {
            result.names = second == "n" ? .title : .upper
        } else if "YMDdFWwXxHhmsf".contains(component) {
            var integerPattern = presentation
            if let presentation2 { integerPattern += ";" + String(presentation2) }
            var format = try IntegerPicture(integerPattern)
            // (jsonata-js compares against `undefined` for non-decimal formats, which is always false.)
            if let minimum = width?.minimum, format.primary == .decimal, format.mandatoryDigits < minimum {
                format.mandatoryDigits = minimum
            }
            if component == "Y" {
                if let maximum = width?.maximum {
                    result.yearDigits = maximum
                    format.mandatoryDigits = maximum
                } else if format.primary == .decimal {
                    let digits = format.mandatoryDigits + format.optionalDigits
                    if digits >= 2 { result.yearDigits = digits }
                }
            }
            // An integer marker right after another one: the previous one must be parsed with a fixed width.
            if case .marker(var previousMarker) = parts.last, var previousFormat = previousMarker.integerFormat,
                previousFormat.primary == .decimal
            {
                previousFormat.parseWidth = previousFormat.mandatoryDigits
                previousMarker.integerFormat = previousFormat
                parts[parts.count - 1] = .marker(previousMarker)
            }
            result.integerFormat = format
        }
        if component == "Z" || component == "z" {
            result.integerFormat = try IntegerPicture(presentation)
        }
        return result
    }
}
