/// JSONata's number formatting functions, ported from jsonata-js (`$formatNumber` from functions.js,
/// `$formatInteger` / `$parseInteger` from datetime.js, `$formatBase`), including their quirks.
///
/// Guarantees: pure; byte-identical output to jsonata-js 2.0.x for finite inputs, plus the later fixes the
/// conformance suite records (`$formatNumber` with an exponent and a zero or negative value; pictures without
/// active characters raise `D3086`).
public enum JSONataNumberFormat {
    /// `$formatNumber(value, picture, options)`: XPath F&O `format-number` with the decimal-format `options`
    /// (`decimal-separator`, `grouping-separator`, `exponent-separator`, `minus-sign`, `percent`, `per-mille`,
    /// `zero-digit`, `digit`, `pattern-separator`). Errors `D3080`–`D3093` for bad pictures.
    public static func formatNumber(_ value: Double, picture: String, options: [String: String]?) throws(JSONataError)
        -> String
    {
        let properties = DecimalFormatPicture.Properties(options: options)
        let subPictures = split(Array(scalarsOf: picture), on: properties.patternSeparator)
        if subPictures.count > 2 {
            throw JSONataError(code: "D3080", message: "The picture string must not contain more than one instance of the 'pattern-separator' character")
        }
        var pictures: [DecimalFormatPicture] = []
        for subPicture in subPictures { pictures.append(try DecimalFormatPicture(subPicture, properties: properties)) }
        if pictures.count == 1 {
            var negative = pictures[0]
            negative.prefix = properties.minusSign + negative.prefix
            pictures.append(negative)
        }
        let picture = value >= 0 ? pictures[0] : pictures[1]
        var adjusted = value
        if picture.picture.indexOf(properties.percent) != -1 {
            adjusted = value * 100
        } else if picture.picture.indexOf(properties.perMille) != -1 {
            adjusted = value * 1000
        }
        var mantissa = adjusted
        var exponent: Double?
        if picture.minimumExponentSize != 0 {
            let maximumMantissa = IntegerNames.power10(picture.scalingFactor)
            let minimumMantissa = picture.scalingFactor >= 1 ? IntegerNames.power10(picture.scalingFactor - 1) : 0.1
            var scaledExponent = 0.0
            if mantissa != 0 && mantissa.isFinite {
                while abs(mantissa) < minimumMantissa {
                    mantissa *= 10
                    scaledExponent -= 1
                }
                while abs(mantissa) > maximumMantissa {
                    mantissa /= 10
                    scaledExponent += 1
                }
            }
            exponent = scaledExponent
        }
        let rounded = roundHalfEven(mantissa, precision: picture.maximumFractionalPartSize)
        let zero = properties.zeroDigit
        func makeString(_ number: Double, _ fractionDigits: Int) -> [Unicode.Scalar] {
            let text = Array(scalarsOf: JavaScriptNumberText.fixed(abs(number), fractionDigits: fractionDigits))
            guard zero != ["0"] else { return text }
            return text.map { scalar in
                scalar.value >= 0x30 && scalar.value <= 0x39 ? properties.digitFamily[Int(scalar.value - 0x30)] : scalar
            }
        }
        var text = makeString(rounded, picture.maximumFractionalPartSize)
        let point = text.indexOf(["."])
        if point == -1 {
            text += properties.decimalSeparator
        } else {
            text = text.substring(0, point) + properties.decimalSeparator + text.substring(point + 1)
        }
        while text.character(at: 0, equals: zero) && !text.isEmpty { text.removeFirst() }
        while !text.isEmpty && text.character(at: text.count - 1, equals: zero) { text.removeLast() }
        // bullets 8 & 9
        var decimalPosition = text.indexOf(properties.decimalSeparator)
        let padLeft = picture.minimumIntegerPartSize - decimalPosition
        let padRight = picture.minimumFractionalPartSize - (text.count - decimalPosition - 1)
        if padLeft > 0 { text = repeated(zero, padLeft) + text }
        if padRight > 0 { text += repeated(zero, padRight) }
        decimalPosition = text.indexOf(properties.decimalSeparator)
        // bullet 10
        let grouping = properties.groupingSeparator
        if picture.regularGrouping > 0 {
            let groupCount = Int((Double(decimalPosition - 1) / Double(picture.regularGrouping)).rounded(.down))
            if groupCount >= 1 {
                for group in 1...groupCount {
                    let cut = decimalPosition - group * picture.regularGrouping
                    text = text.slice(0, cut) + grouping + text.slice(cut)
                }
            }
        } else {
            for position in picture.integerPartGroupingPositions {
                let cut = decimalPosition - position
                text = text.slice(0, cut) + grouping + text.slice(cut)
                decimalPosition += 1
            }
        }
        // bullet 11
        decimalPosition = text.indexOf(properties.decimalSeparator)
        for position in picture.fractionalPartGroupingPositions {
            let cut = position + decimalPosition + 1
            text = text.slice(0, cut) + grouping + text.slice(cut)
        }
        // bullet 12
        decimalPosition = text.indexOf(properties.decimalSeparator)
        if picture.picture.indexOf(properties.decimalSeparator) == -1 || decimalPosition == text.count - 1 {
            text = text.substring(0, text.count - 1)
        }
        // bullet 13
        if let exponent {
            var exponentText = makeString(exponent, 0)
            let padding = picture.minimumExponentSize - exponentText.count
            if padding > 0 { exponentText = repeated(zero, padding) + exponentText }
            text += properties.exponentSeparator + (exponent < 0 ? properties.minusSign : []) + exponentText
        }
        // bullet 14
        return (picture.prefix + text + picture.suffix).asString
    }

    /// `$formatInteger(value, picture)`: XPath F&O `format-integer` (decimal patterns with grouping and any
    /// Unicode digit family, `;o` ordinals, `w`/`W`/`Ww` words, `i`/`I` Roman, `a`/`A` letters). The value is
    /// floored first. Errors: `D3130` unsupported numbering sequence, `D3131` mixed digit families, `D3001` for NaN
    /// or infinities (jsonata-js never receives those from JSON), `U1001` for Roman numerals of 9,000,000 or more.
    public static func formatInteger(_ value: Double, picture: String) throws(JSONataError) -> String {
        guard value.isFinite else {
            throw JSONataError(
                code: "D3001", message: "Attempting to format a non-finite number (NaN or Infinity) as an integer",
                value: JavaScriptNumberText.string(value))
        }
        let format = try IntegerPicture(picture)
        return try format.format(value.rounded(.down))
    }

    /// `$parseInteger(text, picture)`: the inverse of `formatInteger`. Like jsonata-js, the text is not validated
    /// against the picture; unreadable text yields NaN (decimal digits are read with JavaScript `parseInt`).
    /// Errors: `D3130` unsupported numbering sequence, `D3131` mixed digit families. Never returns nil today; the
    /// optional leaves room for undefined results.
    public static func parseInteger(_ text: String, picture: String) throws(JSONataError) -> Double? {
        let format = try IntegerPicture(picture)
        _ = try format.regexSource()
        return try format.parse(text)
    }

    /// `$formatBase(value, radix)`: the value rounded (half to even) and written in base `radix` (default 10,
    /// rounded, 2…36, else `D3100`) as JavaScript's `toString(radix)`.
    public static func formatBase(_ value: Double, radix: Double?) throws(JSONataError) -> String {
        let rounded = roundHalfEven(value, precision: 0)
        let base = radix.map { roundHalfEven($0, precision: 0) } ?? 10
        guard base >= 2 && base <= 36 else {
            throw JSONataError(
                code: "D3100", message: "The radix of the formatBase function must be between 2 and 36",
                value: JavaScriptNumberText.string(base))
        }
        if base == 10 || !rounded.isFinite { return JavaScriptNumberText.string(rounded) }
        return JavaScriptNumberText.string(integer: rounded, radix: Int(base))
    }

    /// jsonata-js `round(value, precision)`: round half to even at `precision` decimal places, shifting the
    /// decimal point in the shortest decimal text (not by multiplying) as jsonata-js does; never returns -0.
    public static func roundHalfEven(_ value: Double, precision: Int) -> Double {
        guard value.isFinite else { return value }
        var argument = value
        if precision != 0 { argument = shiftDecimalPoint(value, by: precision) }
        var result = javaScriptRound(argument)
        let difference = result - argument
        if abs(difference) == 0.5 && abs(result.truncatingRemainder(dividingBy: 2)) == 1 {
            result -= 1
        }
        if precision != 0 { result = shiftDecimalPoint(result, by: -precision) }
        if result == 0 { result = 0 }  // no -0
        return result
    }

    /// `+(mantissa + 'e' + (exponent + places))` on JavaScript's text of `value`.
    private static func shiftDecimalPoint(_ value: Double, by places: Int) -> Double {
        let text = JavaScriptNumberText.string(value)
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(of: "e") {
            mantissa = text[..<e]
            exponent = Int(String(text[text.index(after: e)...]).replacingAll("+", with: "")) ?? 0
        }
        return Double(mantissa + "e" + String(exponent + places)) ?? .nan
    }

    /// JavaScript `Math.round`: nearest integer, ties toward +∞.
    private static func javaScriptRound(_ value: Double) -> Double {
        let floor = value.rounded(.down)
        return value - floor >= 0.5 ? floor + 1 : floor
    }

    private static func split(_ scalars: [Unicode.Scalar], on separator: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        guard !separator.isEmpty else { return scalars.map { [$0] } }
        var parts: [[Unicode.Scalar]] = []
        var start = 0
        while true {
            let index = scalars.indexOf(separator, from: start)
            if index == -1 { break }
            parts.append(scalars.substring(start, index))
            start = index + separator.count
        }
        parts.append(scalars.substring(start))
        return parts
    }

    private static func repeated(_ scalars: [Unicode.Scalar], _ count: Int) -> [Unicode.Scalar] {
        Array([[Unicode.Scalar]](repeating: scalars, count: count).joined())
    }
}
