// S3BlobDirectory: object and part bytes as files, named by random ids, never by object keys.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory of immutable byte files ("blobs") named by random ids.
///
/// Guarantees: a blob is written to a temporary file, synced (when `syncs`), and renamed into place, and the
/// directory is synced after the rename, so a blob whose id was returned is complete on disk; a blob is never
/// changed after it was written; names come from `UUID`s only, so no object key ever becomes a path. Files are
/// spread over 256 subdirectories by the first two characters of their id.
package struct S3BlobDirectory: Sendable {
    /// The directory (created with mode 0700 when missing).
    package let root: URL
    /// Whether writes are synced to stable storage before they return.
    package let syncs: Bool

    /// A blob directory at `root`.
    package init(root: URL, syncs: Bool) throws {
        self.root = root
        self.syncs = syncs
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// Writes `data` as a new blob. - Returns: its id.
    package func write(_ data: Data) throws -> String {
        try write { handle in try handle.write(contentsOf: data) }
    }

    /// Writes the concatenation of blobs `ids` as a new blob. - Returns: its id.
    package func writeConcatenation(of ids: [String]) throws -> String {
        try write { handle in
            for id in ids {
                let source = try FileHandle(forReadingFrom: url(of: id))
                defer { try? source.close() }
                while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
                    try handle.write(contentsOf: chunk)
                }
            }
        }
    }

    /// Copies blob `id` to a new blob. - Returns: the new id.
    package func copy(_ id: String) throws -> String {
        try writeConcatenation(of: [id])
    }

    /// The bytes of blob `id` in `range` (all when nil).
    package func read(_ id: String, range: Range<Int>?) throws -> Data {
        let handle = try FileHandle(forReadingFrom: url(of: id))
        defer { try? handle.close() }
        guard let range else { return try handle.readToEnd() ?? Data() }
        try handle.seek(toOffset: UInt64(range.lowerBound))
        return try handle.read(upToCount: range.count) ?? Data()
    }

    /// Removes blob `id`; a missing blob is not an error.
    package func remove(_ id: String) {
        try? FileManager.default.removeItem(at: url(of: id))
    }

    /// Removes every blob not in `keep` and every unfinished temporary file (left by a crash mid-write; it sits in
    /// the directory of the blob it was to become, so it is removed by its path, not by its name).
    package func sweep(keeping keep: Set<String>) {
        for file in allFiles() where !keep.contains(file.lastPathComponent) {
            try? FileManager.default.removeItem(at: file)
        }
    }

    /// Removes every blob.
    package func removeAll() {
        for file in allFiles() { try? FileManager.default.removeItem(at: file) }
    }

    /// Every file in the fan-out directories (blobs and temporary files).
    private func allFiles() -> [URL] {
        let manager = FileManager.default
        guard let shards = try? manager.contentsOfDirectory(atPath: root.path) else { return [] }
        var files: [URL] = []
        for shard in shards {
            let directory = root.appendingPathComponent(shard)
            files += ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).map { directory.appendingPathComponent($0) }
        }
        return files
    }

    private func url(of id: String) -> URL {
        root.appendingPathComponent(String(id.prefix(2))).appendingPathComponent(id)
    }

    private func write(_ fill: (FileHandle) throws -> Void) throws -> String {
        let id = UUID().uuidString.lowercased()
        let final = url(of: id)
        let directory = final.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let temporary = directory.appendingPathComponent("tmp-\(id)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil,
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try fill(handle)
            if syncs { try handle.synchronize() }
            try FileManager.default.moveItem(at: temporary, to: final)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        if syncs { Self.syncDirectory(directory) }
        return id
    }

    /// Syncs a directory's entries (the rename) to stable storage.
    private static func syncDirectory(_ directory: URL) {
        let descriptor = open(directory.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
