import Foundation

/// A generated-only directory: files are rewritten only when their text changes, and `.swift` files that
/// the current run did not produce are removed, so regenerating from scratch and diffing is exact.
struct OutputDirectory {
    let url: URL
    private(set) var written: Set<String> = []

    init(_ url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    mutating func write(_ name: String, _ text: String) throws {
        precondition(!written.contains(name), "\(name) written twice")
        written.insert(name)
        let file = url.appendingPathComponent(name)
        let data = Data(text.utf8)
        if let existing = try? Data(contentsOf: file), existing == data { return }
        try data.write(to: file, options: .atomic)
    }

    /// Removes every `.swift` file not written by this run. Returns the removed names.
    @discardableResult
    func removeStale() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        var removed: [String] = []
        for name in names.sorted() where name.hasSuffix(".swift") && !written.contains(name) {
            try FileManager.default.removeItem(at: url.appendingPathComponent(name))
            removed.append(name)
        }
        return removed
    }
}
