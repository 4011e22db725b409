import OrderedCollections
import StratusASL
import StratusJSON

/// A Distributed Map's `ItemReader` resolved for one run: what the host reads (``resource`` with ``parameters``)
/// and how the engine turns what it read into items.
///
/// Guarantees: parsing is pure and deterministic (the host hands back the object's text or the listing, the
/// engine does the rest), so a replayed execution reads the same items from the same journaled result.
struct MapItemSource: Sendable {
    /// How the bytes read become items.
    enum Format: Sendable, Equatable {
        /// `s3:listObjectsV2`: the host answers with the objects themselves.
        case listing
        /// A JSON array.
        case json
        /// One JSON value per line.
        case jsonLines
        /// CSV rows as objects keyed by the headers (given, or the first row's).
        case csv(headers: [String]?, delimiter: UInt8)
        /// An S3 Inventory report (`MANIFEST`): the rows of its CSV data files as objects keyed by the manifest's
        /// `fileSchema` (the host reads the manifest and the files).
        case inventory
        /// An input type Stratus does not read (`PARQUET`, Athena manifests).
        case unsupported(String)
    }

    /// The largest `MaxItems` AWS accepts.
    static let maximumItems = 100_000_000

    /// `Resource` as written (`arn:aws:states:::s3:getObject` or `…:s3:listObjectsV2`).
    var resource: String
    /// The evaluated `Parameters`/`Arguments`.
    var parameters: JSONValue
    var format: Format
    /// `MaxItems` (nil: every item, up to ``maximumItems``).
    var maxItems: Int?
    /// A setting that fails the run once it started (AWS reports these as `States.ItemReaderFailed`).
    var failure: StatesError?

    /// The items of what the host read (`output`: the object's text, or the listing's objects).
    func items(from output: JSONValue) throws(StatesError) -> [JSONValue] {
        var items: [JSONValue]
        switch format {
        case .listing:
            guard case .array(let objects) = output else { throw Self.failed("The object listing is not a list.") }
            items = objects
        case .json:
            guard case .array(let values) = try Self.parseJSON(Self.text(output)) else {
                throw Self.failed("Attempting to map over non-iterable node.")
            }
            items = values
        case .jsonLines:
            items = []
            for line in Self.text(output).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
                items.append(try Self.parseJSON(String(line)))
            }
        case .csv(let given, let delimiter):
            var rows = CSVRows.parse(Self.text(output), delimiter: delimiter)
            let headers: [String]
            if let given {
                headers = given
            } else {
                guard !rows.isEmpty else { return [] }
                headers = rows.removeFirst()
            }
            items = try Self.objects(rows, headers: headers)
        case .inventory:
            guard case .string(let schema)? = output["fileSchema"], case .array(let files)? = output["files"] else {
                throw Self.failed("The S3 Inventory report could not be read.")
            }
            let headers = schema.split(separator: ",").map { field in
                String(field.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            }
            let rows = files.flatMap { CSVRows.parse(Self.text($0), delimiter: 0x2C) }
            items = try Self.objects(rows, headers: headers)
        case .unsupported(let type):
            throw Self.failed("Stratus does not read ItemReader InputType \(type) yet; use JSON, JSONL or CSV objects or listObjectsV2.")
        }
        let limit = maxItems ?? Self.maximumItems
        if items.count > limit { items = Array(items.prefix(limit)) }
        return items
    }

    /// Each row's fields by header (missing ones empty, extra ones dropped), keys ordered as Step Functions writes
    /// them: those not purely alphabetic first, each group in code-point order.
    private static func objects(_ rows: [[String]], headers: [String]) throws(StatesError) -> [JSONValue] {
        guard Set(headers).count == headers.count else { throw failed("CSV headers cannot contain duplicates.") }
        let order = headers.indices.sorted { precedes(headers[$0], headers[$1]) }
        return rows.map { row in
            .object(OrderedDictionary(uniqueKeysWithValues: order.map { index in
                (headers[index], JSONValue.string(index < row.count ? row[index] : ""))
            }))
        }
    }

    /// CSV key order: `(isAlphabetic, key)`, keys compared by code points.
    private static func precedes(_ left: String, _ right: String) -> Bool {
        func alphabetic(_ text: String) -> Bool { !text.isEmpty && text.unicodeScalars.allSatisfy(\.properties.isAlphabetic) }
        let (a, b) = (alphabetic(left), alphabetic(right))
        if a != b { return !a }
        return left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars)
    }

    static func failed(_ cause: String) -> StatesError {
        StatesError(name: StatesError.itemReaderFailed, cause: cause)
    }

    private static func text(_ output: JSONValue) -> String {
        if case .string(let text) = output { return text }
        return output.serializedString()
    }

    private static func parseJSON(_ text: String) throws(StatesError) -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw failed("The object is not valid JSON.")
        }
    }
}
