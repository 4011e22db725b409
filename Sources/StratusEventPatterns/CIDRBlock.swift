/// An IPv4 CIDR block (`10.0.0.0/24`), for the `cidr` matcher of event patterns.
struct CIDRBlock {
    let network: UInt32
    let mask: UInt32

    /// Parses `a.b.c.d/n`; nil when it is not an IPv4 block.
    init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits),
              let address = Self.address(String(parts[0])) else { return nil }
        mask = bits == 0 ? 0 : UInt32.max << UInt32(32 - bits)
        network = address & mask
    }

    /// Whether the IPv4 address `text` is in the block.
    func contains(_ text: String) -> Bool {
        guard let address = Self.address(text) else { return false }
        return address & mask == network
    }

    private static func address(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
        return octets.reduce(0) { $0 << 8 | $1 }
    }
}
