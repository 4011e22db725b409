/// One analysed sub-picture of XPath F&O `format-number` (the part before or after `;`), ported from
/// jsonata-js's `formatNumber` (`splitParts`, `validate`, `analyse`).
struct DecimalFormatPicture: Sendable {
    /// The decimal-format properties (defaults overridden by `$formatNumber`'s options object).
    struct Properties: Sendable {
        var decimalSeparator: [Unicode.Scalar]
        var groupingSeparator: [Unicode.Scalar]
        var exponentSeparator: [Unicode.Scalar]
        var minusSign: [Unicode.Scalar]
        var percent: [Unicode.Scalar]
        var perMille: [Unicode.Scalar]
        var zeroDigit: [Unicode.Scalar]
        var digit: [Unicode.Scalar]
        var patternSeparator: [Unicode.Scalar]
        /// The ten digits starting at the zero digit.
        var digitFamily: [Unicode.Scalar]

        init(options: [String: String]?) {
            var values: [String: String] = [
                "decimal-separator": ".", "grouping-separator": ",", "exponent-separator": "e", "infinity": "Infinity",
                "minus-sign": "-", "NaN": "NaN", "percent": "%", "per-mille": "\u{2030}", "zero-digit": "0",
                "digit": "#", "pattern-separator": ";",
            ]
            for (key, value) in options ?? [:] { values[key] = value }
            func scalars(_ key: String) -> [Unicode.Scalar] { Array(scalarsOf: values[key] ?? "") }
            decimalSeparator = scalars("decimal-separator")
            groupingSeparator = scalars("grouping-separator")
            exponentSeparator = scalars("exponent-separator")
            minusSign = scalars("minus-sign")
            percent = scalars("percent")
            perMille = scalars("per-mille")
            zeroDigit = scalars("zero-digit")
            digit = scalars("digit")
            patternSeparator = scalars("pattern-separator")
            let zero = zeroDigit.first?.value ?? 0x30
            digitFamily = (0..<10).compactMap { Unicode.Scalar(zero + $0) }
        }

        func isFamilyDigit(_ scalar: Unicode.Scalar) -> Bool { digitFamily.contains(scalar) }

        /// jsonata-js `activeChars.indexOf(ch) !== -1` for a single character.
        func isActive(_ scalar: Unicode.Scalar) -> Bool {
            if isFamilyDigit(scalar) { return true }
            return [decimalSeparator, exponentSeparator, groupingSeparator, digit, patternSeparator]
                .contains { $0.count == 1 && $0[0] == scalar }
        }

        func isExponentSeparator(_ scalar: Unicode.Scalar) -> Bool {
            exponentSeparator.count == 1 && exponentSeparator[0] == scalar
        }
    }

    var prefix: [Unicode.Scalar]
    var suffix: [Unicode.Scalar]
    var picture: [Unicode.Scalar]
    var integerPartGroupingPositions: [Int] = []
    var regularGrouping = 0
    var minimumIntegerPartSize = 0
    var scalingFactor = 0
    var fractionalPartGroupingPositions: [Int] = []
    var minimumFractionalPartSize = 0
    var maximumFractionalPartSize = 0
    var minimumExponentSize = 0

    /// Splits, validates (`D3081`–`D3093`) and analyses one sub-picture.
    init(_ subpicture: [Unicode.Scalar], properties: Properties) throws(JSONataError) {
        // splitParts
        var prefixEnd: Int?
        for (index, scalar) in subpicture.enumerated()
        where properties.isActive(scalar) && !properties.isExponentSeparator(scalar) {
            prefixEnd = index
            break
        }
        var suffixStart: Int?
        for index in subpicture.indices.reversed()
        where properties.isActive(subpicture[index]) && !properties.isExponentSeparator(subpicture[index]) {
            suffixStart = index + 1
            break
        }
        // A picture without any active character has no prefix or suffix: all of it is (invalid) active part.
        let prefix = prefixEnd.map { subpicture.substring(0, $0) } ?? []
        let suffix = suffixStart.map { subpicture.substring($0) } ?? []
        let activePart = subpicture.substring(prefix.count, subpicture.count - suffix.count)
        var mantissaPart: [Unicode.Scalar]
        var exponentPart: [Unicode.Scalar]?
        let exponentPosition = subpicture.indexOf(properties.exponentSeparator, from: prefix.count)
        if exponentPosition == -1 || exponentPosition > subpicture.count - suffix.count {
            mantissaPart = activePart
        } else {
            mantissaPart = activePart.substring(0, exponentPosition)
            exponentPart = activePart.substring(exponentPosition + 1)
        }
        let integerPart: [Unicode.Scalar]
        let fractionalPart: [Unicode.Scalar]
        let decimalPosition = mantissaPart.indexOf(properties.decimalSeparator)
        if decimalPosition == -1 {
            integerPart = mantissaPart
            fractionalPart = suffix  // sic: jsonata-js
        } else {
            integerPart = mantissaPart.substring(0, decimalPosition)
            fractionalPart = mantissaPart.substring(decimalPosition + 1)
        }
        self.prefix = prefix
        self.suffix = suffix
        self.picture = subpicture

        try DecimalFormatPicture.validate(
            subpicture: subpicture, activePart: activePart, mantissaPart: mantissaPart, exponentPart: exponentPart,
            integerPart: integerPart, fractionalPart: fractionalPart, properties: properties)
        analyse(
            integerPart: integerPart, fractionalPart: fractionalPart, exponentPart: exponentPart,
            properties: properties)
    }

    private static func validate(
        subpicture: [Unicode.Scalar], activePart: [Unicode.Scalar], mantissaPart: [Unicode.Scalar],
        exponentPart: [Unicode.Scalar]?, integerPart: [Unicode.Scalar], fractionalPart: [Unicode.Scalar],
        properties p: Properties
    ) throws(JSONataError) {
        var error: String?
        let decimalPosition = subpicture.indexOf(p.decimalSeparator)
        if decimalPosition != subpicture.lastIndexOf(p.decimalSeparator) { error = "D3081" }
        if subpicture.indexOf(p.percent) != subpicture.lastIndexOf(p.percent) { error = "D3082" }
        if subpicture.indexOf(p.perMille) != subpicture.lastIndexOf(p.perMille) { error = "D3083" }
        if subpicture.indexOf(p.percent) != -1 && subpicture.indexOf(p.perMille) != -1 { error = "D3084" }
        let hasDigit = mantissaPart.contains { p.isFamilyDigit($0) || (p.digit.count == 1 && p.digit[0] == $0) }
        if !hasDigit { error = "D3085" }
        if activePart.contains(where: { !p.isActive($0) }) { error = "D3086" }
        if decimalPosition != -1 {
            if subpicture.character(at: decimalPosition - 1, equals: p.groupingSeparator)
                || subpicture.character(at: decimalPosition + 1, equals: p.groupingSeparator)
            {
                error = "D3087"
            }
        } else if !integerPart.isEmpty && integerPart.character(at: integerPart.count - 1, equals: p.groupingSeparator) {
            error = "D3088"
        }
        if subpicture.indexOf(p.groupingSeparator + p.groupingSeparator) != -1 { error = "D3089" }
        var optionalDigitPosition = integerPart.indexOf(p.digit)
        if optionalDigitPosition != -1
            && integerPart.substring(0, optionalDigitPosition).contains(where: p.isFamilyDigit)
        {
            error = "D3090"
        }
        optionalDigitPosition = fractionalPart.lastIndexOf(p.digit)
        if optionalDigitPosition != -1
            && fractionalPart.substring(optionalDigitPosition).contains(where: p.isFamilyDigit)
        {
            error = "D3091"
        }
        if let exponentPart {
            if !exponentPart.isEmpty && (subpicture.indexOf(p.percent) != -1 || subpicture.indexOf(p.perMille) != -1) {
                error = "D3092"
            }
            if exponentPart.isEmpty || exponentPart.contains(where: { !p.isFamilyDigit($0) }) {
                error = "D3093"
            }
        }
        if let error {
            throw JSONataError(code: error, message: DecimalFormatPicture.messages[error] ?? "Invalid picture string")
        }
    }

    private static let messages: [String: String] = [
        "D3081": "The sub-picture must not contain more than one instance of the 'decimal-separator' character",
        "D3082": "The sub-picture must not contain more than one instance of the 'percent' character",
        "D3083": "The sub-picture must not contain more than one instance of the 'per-mille' character",
        "D3084": "The sub-picture must not contain both a 'percent' and a 'per-mille' character",
        "D3085": "The mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'",
        "D3086": "The sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character",
        "D3087": "The sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character",
        "D3088": "The sub-picture must not contain a 'grouping-separator' at the end of the integer part",
        "D3089": "The sub-picture must not contain two adjacent instances of the 'grouping-separator' character",
        "D3090": "The integer part of the sub-picture must not contain a member of the 'decimal digit family' that is followed by an instance of the 'optional digit character'",
        "D3091": "The fractional part of the sub-picture must not contain an instance of the 'optional digit character' that is followed by a member of the 'decimal digit family'",
        "D3092": "A sub-picture that contains a 'percent' or 'per-mille' character must not contain a character treated as an 'exponent-separator'",
        "D3093": "The exponent part of the sub-picture must comprise only of one or more characters that are members of the 'decimal digit family'",
    ]

    private mutating func analyse(
        integerPart: [Unicode.Scalar], fractionalPart: [Unicode.Scalar], exponentPart: [Unicode.Scalar]?,
        properties p: Properties
    ) {
        func isDigitOrOptional(_ scalar: Unicode.Scalar) -> Bool {
            p.isFamilyDigit(scalar) || (p.digit.count == 1 && p.digit[0] == scalar)
        }
        func groupingPositions(_ part: [Unicode.Scalar], toLeft: Bool) -> [Int] {
            var positions: [Int] = []
            var position = part.indexOf(p.groupingSeparator)
            while position != -1 {
                let counted = toLeft ? part.substring(0, position) : part.substring(position)
                positions.append(counted.filter(isDigitOrOptional).count)
                // sic: jsonata-js searches the integer part for the next separator, whichever part this is.
                position = integerPart.indexOf(p.groupingSeparator, from: position + 1)
                if p.groupingSeparator.isEmpty { break }
            }
            return positions
        }
        integerPartGroupingPositions = groupingPositions(integerPart, toLeft: false)
        regularGrouping = DecimalFormatPicture.regular(integerPartGroupingPositions)
        fractionalPartGroupingPositions = groupingPositions(fractionalPart, toLeft: true)
        minimumIntegerPartSize = integerPart.filter(p.isFamilyDigit).count
        scalingFactor = minimumIntegerPartSize
        minimumFractionalPartSize = fractionalPart.filter(p.isFamilyDigit).count
        maximumFractionalPartSize = fractionalPart.filter(isDigitOrOptional).count
        let exponentPresent = exponentPart != nil
        if minimumIntegerPartSize == 0 && maximumFractionalPartSize == 0 {
            if exponentPresent {
                minimumFractionalPartSize = 1
                maximumFractionalPartSize = 1
            } else {
                minimumIntegerPartSize = 1
            }
        }
        if exponentPresent && minimumIntegerPartSize == 0 && integerPart.indexOf(p.digit) != -1 {
            minimumIntegerPartSize = 1
        }
        if minimumIntegerPartSize == 0 && minimumFractionalPartSize == 0 {
            minimumFractionalPartSize = 1
        }
        if let exponentPart {
            minimumExponentSize = exponentPart.filter(p.isFamilyDigit).count
        }
    }

    private static func regular(_ indexes: [Int]) -> Int {
        guard let first = indexes.first else { return 0 }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let factor = indexes.dropFirst().reduce(first, gcd)
        for index in 1...indexes.count where !indexes.contains(index * factor) {
            return 0
        }
        return factor
    }
}
