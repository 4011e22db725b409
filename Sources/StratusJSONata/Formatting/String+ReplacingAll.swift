extension String {
    /// `self` with every occurrence of `target` replaced (JavaScript `split(target).join(replacement)`).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var remaining = Substring(self)
        while let range = remaining.firstRange(of: target) {
            result += remaining[..<range.lowerBound]
            result += replacement
            remaining = remaining[range.upperBound...]
        }
        return result + remaining
    }
}
