import Foundation
import OrderedCollections
import StratusJSON

/// Parses and serializes one realistic JSON document with StratusJSON and with Foundation's
/// `JSONSerialization`, in the same run, and compares them.
///
/// Guarantees: both libraries get the same bytes; each result is checked (StratusJSON's output parses back to an
/// equal value, Foundation's parse yields the same number of orders), so neither side can skip its work.
struct JSONBenchmark {
    /// The document's UTF-8 bytes.
    let document: [UInt8]

    /// Throughput of one operation by both libraries.
    struct Comparison {
        var operation: String
        var stratusMegabytesPerSecond: Double
        var foundationMegabytesPerSecond: Double
        /// How many times faster StratusJSON is (above 1) or slower (below 1).
        var ratio: Double { stratusMegabytesPerSecond / foundationMegabytesPerSecond }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(orders: Int = 140) {
        document = Self.makeDocument(orders: orders).serialized()
    }

    /// Measures parse and serialize for both libraries.
    func run(clock: BenchmarkClock) throws -> [Comparison] {
        let data = Data(document)
        let stratusValue = try JSONValue.parse(document)
        guard try JSONValue.parse(stratusValue.serialized()) == stratusValue else {
            throw Failure(description: "StratusJSON's output does not parse back to the same value")
        }
        let foundationValue = try JSONSerialization.jsonObject(with: data)
        guard let foundationOrders = (foundationValue as? [String: Any])?["orders"] as? [Any],
              foundationOrders.count == stratusValue["orders"]?.arrayValue?.count else {
            throw Failure(description: "Foundation parsed a different document")
        }
        var sink = 0
        let megabytes = Double(document.count) / 1_000_000

        let stratusParse = clock.measure {
            if case .object(let members)? = try? JSONValue.parse(document) { sink &+= members.count }
        }
        let foundationParse = clock.measure {
            if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] { sink &+= object.count }
        }
        let stratusSerialize = clock.measure { sink &+= stratusValue.serialized().count }
        let foundationSerialize = clock.measure {
            sink &+= (try? JSONSerialization.data(withJSONObject: foundationValue))?.count ?? 0
        }
        guard sink != 0 else { throw Failure(description: "nothing was measured") }
        func rate(_ result: BenchmarkClock.Result) -> Double { megabytes * Double(result.runs) / result.seconds }
        return [
            Comparison(operation: "parse", stratusMegabytesPerSecond: rate(stratusParse), foundationMegabytesPerSecond: rate(foundationParse)),
            Comparison(operation: "serialize", stratusMegabytesPerSecond: rate(stratusSerialize),
                       foundationMegabytesPerSecond: rate(foundationSerialize)),
        ]
    }

    /// An order-service response: orders with customers, addresses, line items, decimal prices, timestamps,
    /// booleans, nulls, non-ASCII and escaped text. Deterministic (no randomness, no clock).
    static func makeDocument(orders: Int) -> JSONValue {
        let cities = ["Zürich", "São Paulo", "Kraków", "Dublin", "Osaka", "Montréal", "Reykjavík", "Austin"]
        let names = ["Ada Lovelace", "Grace Hopper", "Émilie du Châtelet", "Hedy Lamarr", "Katherine Johnson", "Alan Turing"]
        let products = ["Widget", "Gadget \"Pro\"", "Cable 2m", "Adapter (USB-C)", "Stand\\Mount", "Lamp – warm white"]
        var list: [JSONValue] = []
        for index in 0..<orders {
            var items: [JSONValue] = []
            for line in 0..<(1 + index % 5) {
                let cents = 199 + (index * 37 + line * 101) % 20_000
                items.append([
                    "sku": .string("SKU-\(10_000 + (index * 7 + line) % 90_000)"),
                    "name": .string(products[(index + line) % products.count]),
                    "quantity": .number(JSONNumber(1 + (index + line) % 4)),
                    "unitPrice": .number(JSONNumber(text: "\(cents / 100).\(String(format: "%02d", cents % 100))")!),
                    "discount": line % 3 == 0 ? .null : .number(JSONNumber(text: "0.\(5 + line)")!),
                    "tags": .array(["sale", "new", "eco"].prefix(line % 4).map { .string($0) }),
                ])
            }
            let day = 1 + index % 28
            list.append([
                "id": .string(String(format: "ord-%08x-%04x", index &* 2_654_435_761 & 0xFFFF_FFFF, index % 65_536)),
                "createdAt": .string(String(format: "2026-03-%02dT%02d:%02d:%02d.%03dZ", day, index % 24, index % 60, (index * 7) % 60, index % 1000)),
                "status": .string(["PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"][index % 5]),
                "priority": .bool(index % 7 == 0),
                "customer": [
                    "id": .number(JSONNumber(100_000 + index * 13)),
                    "name": .string(names[index % names.count]),
                    "email": .string("customer\(index)@example.com"),
                    "address": [
                        "street": .string("\(index + 1) Main Street, Apt. \(index % 40)"),
                        "city": .string(cities[index % cities.count]),
                        "postalCode": .string(String(format: "%05d", (index * 97) % 100_000)),
                        "geo": ["lat": .number(JSONNumber(47.3769 + Double(index) / 1000)), "lon": .number(JSONNumber(8.5417 - Double(index) / 1000))],
                    ],
                ],
                "items": .array(items),
                "note": index % 4 == 0 ? .string("Leave at the door.\nRing twice\t— thanks! \u{1F4E6}") : .null,
                "totals": ["currency": "EUR", "itemCount": .number(JSONNumber(items.count)), "shipping": .number(JSONNumber(text: "4.90")!)],
            ])
        }
        return ["requestId": "5f0c9d7e-2b7a-4b8e-9c61-0d6f3f0a1e55", "page": 1, "orders": .array(list), "nextToken": .null]
    }
}
