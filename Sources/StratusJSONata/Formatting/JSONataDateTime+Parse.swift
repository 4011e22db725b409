extension JSONataDateTime {
    /// Parses a timestamp into epoch milliseconds (`$toMillis(text, picture)`).
    ///
    /// - `picture` nil: ISO 8601 as jsonata-js accepts it (its regex, then V8's `Date.parse`; a date and time
    ///   without an offset is read as UTC). Text that does not fit throws `D3110`, including the odd forms where
    ///   jsonata-js would let `Date.parse` return NaN (`2018-13-01`, `2018-01-02-03`) or where V8's legacy parser
    ///   guesses (`2018-03.18`).
    /// - With a picture: the text must match the picture completely (case-insensitively), else the result is nil
    ///   (undefined); nil also when the picture has no variable markers. Components missing on the left are taken
    ///   from `now` (epoch millis of the evaluation's `$now()`); missing on the right default to their minimum.
    ///   Errors: `D3136` for gaps between given components or unsupported week-date combinations, and for a picture
    ///   that needs `now` when none was passed; `D3132`, `D3133`, `D3135`, `D3130`, `D3131` for bad pictures.
    /// - The fractional-seconds component `[f…]` is read as a decimal fraction (`.5` = 500 ms, `.01987` = 19 ms),
    ///   as later jsonata-js releases do.
    /// - May return NaN where jsonata-js does (unknown number words, impossible dates).
    public static func parse(_ text: String, picture: String?, now: Double? = nil) throws(JSONataError) -> Double? {
        guard let picture else { return try parseISO8601(text) }
        let spec = try DateTimePicture(picture)
        var pieces: [(source: String, parser: ComponentParser?)] = []
        for part in spec.parts {
            switch part {
            case .literal(let literal):
                pieces.append((escapeRegex(literal), nil))
            case .marker(let marker):
                pieces.append(try componentMatcher(marker))
            }
        }
        let source = "^" + pieces.map { "(" + $0.source + ")" }.joined() + "$"
        let regex = try JSONataRegex(pattern: source, flags: "i")
        let scalars = Array(text.unicodeScalars)
        guard let match = regex.firstMatch(in: scalars, from: 0) else { return nil }
        var values: [Character: Double] = [:]
        var assigned = false
        for (index, piece) in pieces.enumerated() {
            guard let parser = piece.parser else { continue }
            var captured = ""
            if let range = match.groups[index] { captured.unicodeScalars.append(contentsOf: scalars[range]) }
            assigned = true
            values[parser.component] = try parser.parse(captured)
        }
        guard assigned else { return nil }
        return try assemble(values, now: now)
    }

    /// A marker's regex and how to read what it matched.
    struct ComponentParser {
        var component: Character
        var parse: (String) throws(JSONataError) -> Double?
    }

    private static func escapeRegex(_ literal: String) -> String {
        var result = ""
        for character in literal {
            if ".*+?^${}()|[]\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    private static func componentMatcher(_ marker: DateTimePicture.Marker) throws(JSONataError)
        -> (String, ComponentParser?)
    {
        let component = marker.component
        if component == "Z" || component == "z" {
            let separator = marker.integerFormat?.regularGrouping?.character
            var source = component == "z" ? "GMT" : ""
            source += "[-+][0-9]+"
            if let separator { source += escapeRegex(separator) + "[0-9]+" }
            let parser = ComponentParser(component: component) { value in
                var text = Substring(value)
                if component == "z" { text = text.dropFirst(3) }
                var hours = 0.0
                var minutes = 0.0
                if let separator, let range = text.firstRange(of: separator) {
                    hours = JavaScriptNumberText.parseInt(String(text[..<range.lowerBound]))
                    minutes = JavaScriptNumberText.parseInt(String(text[range.upperBound...]))
                } else if text.count - 1 <= 2 {
                    hours = JavaScriptNumberText.parseInt(String(text))
                } else {
                    hours = JavaScriptNumberText.parseInt(String(text.prefix(3)))
                    minutes = JavaScriptNumberText.parseInt(String(text.dropFirst(3)))
                }
                return hours * 60 + minutes
            }
            return (source, parser)
        }
        if let format = marker.integerFormat {
            let source = try format.regexSource()
            if component == "f" && format.primary == .decimal {
                return (source, ComponentParser(component: component) { value in fractionMilliseconds(value) })
            }
            return (source, ComponentParser(component: component) { value throws(JSONataError) in try format.parse(value) })
        }
        var lookup: [String: Double] = [:]
        if component == "M" || component == "x" {
            for (index, name) in monthNames.enumerated() {
                lookup[truncated(name, marker.width?.maximum)] = Double(index + 1)
            }
        } else if component == "F" {
            for (index, name) in dayNames.enumerated() where index > 0 {
                lookup[truncated(name, marker.width?.maximum)] = Double(index)
            }
        } else if component == "P" {
            lookup = ["am": 0, "AM": 0, "pm": 1, "PM": 1]
        } else {
            throw JSONataError(
                code: "D3133",
                message: "The 'name' modifier can only be applied to months and days in the date/time picture string, not \(component)",
                value: String(component))
        }
        return ("[a-zA-Z]+", ComponentParser(component: component) { value in lookup[value] })
    }

    private static func truncated(_ name: String, _ maximum: Int?) -> String {
        guard let maximum, maximum > 0 else { return name }
        return String(name.prefix(maximum))
    }

    /// Fraction-of-a-second digits → whole milliseconds (truncated).
    private static func fractionMilliseconds(_ digits: String) -> Double {
        var value = 0.0
        var count = 0
        for scalar in digits.unicodeScalars where count < 3 {
            value = value * 10 + Double(scalar.value - 0x30)
            count += 1
        }
        while count < 3 {
            value *= 10
            count += 1
        }
        return value
    }

    /// jsonata-js's rules for turning parsed components into a timestamp.
    private static func assemble(_ parsed: [Character: Double], now: Double?) throws(JSONataError) -> Double {
        var values = parsed
        func truthy(_ component: Character) -> Bool {
            guard let value = values[component] else { return false }
            return value != 0 && !value.isNaN
        }
        func mask(_ components: String) -> Int {
            components.reduce(0) { ($0 << 1) + (truthy($1) ? 1 : 0) }
        }
        func isType(_ type: Int, _ mask: Int) -> Bool { (~type & mask) == 0 && (type & mask) != 0 }
        let dateMask = mask("YXMxWwdD")
        let dateA = isType(161, dateMask)
        let dateB = !dateA && isType(130, dateMask)
        let dateC = isType(84, dateMask)
        let dateD = !dateC && isType(72, dateMask)
        let timeMask = mask("PHhmsf")
        let timeA = isType(23, timeMask)
        let timeB = !timeA && isType(47, timeMask)
        let dateComponents = dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD"
        let timeComponents = timeB ? "Phmsf" : "Hmsf"

        var startSpecified = false
        var endSpecified = false
        for component in dateComponents + timeComponents {
            if values[component] == nil {
                if startSpecified {
                    values[component] = "MDd".contains(component) ? 1 : 0
                    endSpecified = true
                } else {
                    guard let now, let nowDate = UTCDateTime(time: now) else {
                        throw JSONataError(
                            code: "D3136",
                            message: "The date/time picture leaves components to be taken from the current time, but no current time was supplied")
                    }
                    switch fragment(of: nowDate, component) {
                    case .number(let value): values[component] = value
                    case .text:
                        // `P` from now is the text "am"/"pm" in jsonata-js, which never equals 1 below.
                        values[component] = .nan
                    case .undefined: values[component] = .nan
                    }
                }
            } else {
                startSpecified = true
                if endSpecified {
                    throw JSONataError(
                        code: "D3136",
                        message: "The date/time picture string is missing specifiers required to parse the timestamp")
                }
            }
        }
        if let month = values["M"], month > 0 {
            values["M"] = month - 1
        } else {
            values["M"] = 0
        }
        if dateB {
            let firstJan = UTCDateTime.utc(values["Y"] ?? .nan, 0)
            let derived = firstJan + ((values["d"] ?? .nan) - 1) * UTCDateTime.millisecondsPerDay
            if let date = UTCDateTime(time: derived) {
                values["M"] = Double(date.month)
                values["D"] = Double(date.day)
            } else {
                values["M"] = .nan
                values["D"] = .nan
            }
        }
        if dateC || dateD {
            throw JSONataError(
                code: "D3136", message: "Parsing week-based dates ([X], [x], [W], [w]) is not supported")
        }
        if timeB {
            let hour = values["h"] ?? .nan
            var hours = hour == 12 ? 0 : hour
            if values["P"] == 1 { hours += 12 }
            values["H"] = hours
        }
        var millis = UTCDateTime.utc(
            values["Y"] ?? .nan, values["M"] ?? .nan, values["D"] ?? .nan, values["H"] ?? .nan,
            values["m"] ?? .nan, values["s"] ?? .nan, values["f"] ?? .nan)
        let zone = truthy("Z") ? values["Z"] : truthy("z") ? values["z"] : nil
        if let zone { millis -= zone * 60 * 1000 }
        return millis
    }
}

extension JSONataDateTime {
    /// jsonata-js's ISO 8601 check for `$toMillis` without a picture.
    private static let iso8601Pattern = try? JSONataRegex(
        pattern: "^\\d{4}(-[01]\\d)*(-[0-3]\\d)*(T[0-2]\\d:[0-5]\\d:[0-5]\\d)*(\\.\\d+)?([+-][0-2]\\d:?[0-5]\\d|Z)?$",
        flags: "")

    /// `$toMillis(text)`: jsonata-js's regex, then JavaScript `Date.parse` (V8) on the forms it lets through.
    static func parseISO8601(_ text: String) throws(JSONataError) -> Double {
        let invalid = JSONataError(
            code: "D3110", message: "The timestamp '\(text)' is not in ISO 8601 format", value: text)
        let scalars = Array(text.unicodeScalars)
        guard let pattern = iso8601Pattern, pattern.firstMatch(in: scalars, from: 0) != nil else { throw invalid }
        var index = 0
        func number(_ length: Int) -> Double? {
            guard index + length <= scalars.count else { return nil }
            var value = 0.0
            for scalar in scalars[index..<(index + length)] {
                guard scalar.value >= 0x30 && scalar.value <= 0x39 else { return nil }
                value = value * 10 + Double(scalar.value - 0x30)
            }
            index += length
            return value
        }
        func take(_ character: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4) else { throw invalid }
        var month = 1.0
        var day = 1.0
        var hours = 0.0
        var minutes = 0.0
        var seconds = 0.0
        var milliseconds = 0.0
        var offsetMinutes = 0.0
        if take("-") {
            guard let value = number(2), value >= 1, value <= 12 else { throw invalid }
            month = value
            if take("-") {
                guard let value = number(2), value >= 1, value <= 31 else { throw invalid }
                day = value
            }
        }
        if take("T") {
            guard let hour = number(2), take(":"), let minute = number(2), take(":"), let second = number(2),
                hour <= 24
            else { throw invalid }
            hours = hour
            minutes = minute
            seconds = second
            if take(".") {
                var digits = 0
                while index < scalars.count, scalars[index].value >= 0x30, scalars[index].value <= 0x39 {
                    if digits < 3 {
                        milliseconds += Double(scalars[index].value - 0x30) * IntegerNames.power10(2 - digits)
                    }
                    digits += 1
                    index += 1
                }
            }
            if take("Z") {
                offsetMinutes = 0
            } else if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" {
                let sign: Double = scalars[index] == "-" ? -1 : 1
                index += 1
                guard let offsetHours = number(2) else { throw invalid }
                _ = take(":")
                guard let offsetMinutesPart = number(2) else { throw invalid }
                offsetMinutes = sign * (offsetHours * 60 + offsetMinutesPart)
            }
            if hours == 24 && (minutes != 0 || seconds != 0 || milliseconds != 0) { throw invalid }
        } else {
            // V8's legacy parser also accepts a date-only form with a trailing `Z`; below year 100 it rewrites
            // the year in ways not worth copying, so those are rejected.
            if take("Z") && year < 100 { throw invalid }
        }
        guard index == scalars.count else { throw invalid }
        let millis = UTCDateTime.utc(
            year, month - 1, day, hours, minutes, seconds, milliseconds, twoDigitYearsAre1900s: false)
            - offsetMinutes * 60_000
        guard !millis.isNaN else { throw invalid }
        return millis
    }
}
