/// A non-negative big integer in base 10^9 limbs (little-endian), enough for exact double expansions.
struct BigDecimalDigits {
    private var limbs: [UInt32]
    private static let base: UInt64 = 1_000_000_000

    init(_ value: UInt64) {
        limbs = []
        var remaining = value
        repeat {
            limbs.append(UInt32(remaining % BigDecimalDigits.base))
            remaining /= BigDecimalDigits.base
        } while remaining > 0
    }

    var isZero: Bool { limbs.allSatisfy { $0 == 0 } }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(product % BigDecimalDigits.base)
            carry = product / BigDecimalDigits.base
        }
        while carry > 0 {
            limbs.append(UInt32(carry % BigDecimalDigits.base))
            carry /= BigDecimalDigits.base
        }
    }

    mutating func add(_ value: UInt32) {
        var carry = UInt64(value)
        var index = 0
        while carry > 0 {
            if index == limbs.count { limbs.append(0) }
            let sum = UInt64(limbs[index]) + carry
            limbs[index] = UInt32(sum % BigDecimalDigits.base)
            carry = sum / BigDecimalDigits.base
            index += 1
        }
    }

    /// Divides in place and returns the remainder.
    mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let current = remainder * BigDecimalDigits.base + UInt64(limbs[index])
            limbs[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
        return UInt32(remainder)
    }

    /// Decimal digits, most significant first, without leading zeros (`[0]` for zero).
    func decimalDigits() -> [UInt8] {
        var result: [UInt8] = []
        var started = false
        for (offset, limb) in limbs.reversed().enumerated() {
            var chunk = [UInt8](repeating: 0, count: 9)
            var value = limb
            for position in stride(from: 8, through: 0, by: -1) {
                chunk[position] = UInt8(value % 10)
                value /= 10
            }
            if !started {
                let trimmed = chunk.drop(while: { $0 == 0 })
                if trimmed.isEmpty && offset < limbs.count - 1 { continue }
                result.append(contentsOf: trimmed.isEmpty ? [0] : Array(trimmed))
                started = true
            } else {
                result.append(contentsOf: chunk)
            }
        }
        return result.isEmpty ? [0] : result
    }
}
