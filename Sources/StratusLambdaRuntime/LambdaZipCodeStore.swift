// LambdaZipCodeStore: deployment packages as files under the data directory, unpacked with ZIPFoundation.

import Crypto
import Foundation
import StratusLambda

/// The file-system adapter of ``LambdaCodeStore``: zips are kept under `<directory>/zips/<sha256>.zip` and unpacked
/// under `<directory>/unpacked/<sha256>/`.
///
/// Guarantees: everything the port promises. A package is validated completely (a readable archive, every CRC,
/// no entry escaping the directory, unpacked size within Lambda's limit) and unpacked when it is stored, so a
/// package that was accepted always unpacks; files are written to a temporary name and renamed into place, so a
/// crash never leaves a half-written zip or directory under its final name, and concurrent stores of the same
/// bytes are harmless. Unix permission bits recorded in the archive are kept (a `bootstrap` stays executable);
/// entries without them get `0644` (files) and `0755` (directories), as ZIPFoundation does. Work is done on the
/// calling task (blocking file I/O).
package final class LambdaZipCodeStore: LambdaCodeStore {
    /// The root directory of the store.
    package let directory: String
    /// Most bytes a package may unpack to (Lambda: 262144000).
    package let maximumUnpackedSize: UInt64

    /// A store rooted at `directory` (created when missing), typically `<data-dir>/lambda/code`.
    /// - Throws: ``LambdaCodeStoreError/Code/io`` when the directories cannot be created.
    package init(directory: String, maximumUnpackedSize: UInt64 = 262_144_000) throws {
        self.directory = directory
        self.maximumUnpackedSize = maximumUnpackedSize
        for sub in ["zips", "unpacked", "tmp"] {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory + "/" + sub, withIntermediateDirectories: true)
            } catch {
                throw LambdaCodeStoreError(.io, "Cannot create the code store directory \(directory)/\(sub): \(error)")
            }
        }
    }

    package func store(zip: [UInt8]) async throws -> StoredLambdaCode {
        let digest = SHA256.hash(data: zip)
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        let code = StoredLambdaCode(
            id: hex, sha256Base64: Data(digest).base64EncodedString(), size: Int64(zip.count))
        let zipPath = zipPath(hex)
        if FileManager.default.fileExists(atPath: zipPath), FileManager.default.fileExists(atPath: unpackedPath(hex)) {
            return code
        }
        let temporaryZip = temporaryPath("zip")
        defer { try? FileManager.default.removeItem(atPath: temporaryZip) }
        do {
            try Data(zip).write(to: URL(fileURLWithPath: temporaryZip))
        } catch {
            throw LambdaCodeStoreError(.io, "Cannot write the package: \(error)")
        }
        // Unpacking validates the whole archive before the zip is kept under its final name.
        try unpack(zipAt: temporaryZip, into: unpackedPath(hex))
        try moveIntoPlace(temporaryZip, zipPath)
        return code
    }

    package func directory(for code: StoredLambdaCode) async throws -> String {
        let unpacked = unpackedPath(code.id)
        if FileManager.default.fileExists(atPath: unpacked) { return unpacked }
        let zipPath = zipPath(code.id)
        guard FileManager.default.fileExists(atPath: zipPath) else {
            throw LambdaCodeStoreError(.notFound, "The code package \(code.sha256Base64) is not stored.")
        }
        try unpack(zipAt: zipPath, into: unpacked)
        return unpacked
    }

    package func zip(for code: StoredLambdaCode) async throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: zipPath(code.id)) else {
            throw LambdaCodeStoreError(.notFound, "The code package \(code.sha256Base64) is not stored.")
        }
        return [UInt8](data)
    }

    package func delete(_ code: StoredLambdaCode) async throws {
        guard code.id.allSatisfy({ $0.isHexDigit }), !code.id.isEmpty else { return }
        for path in [zipPath(code.id), unpackedPath(code.id)] where FileManager.default.fileExists(atPath: path) {
            // Rename first so a concurrent reader never sees a half-deleted directory under the final name.
            let doomed = temporaryPath("deleted")
            do {
                try FileManager.default.moveItem(atPath: path, toPath: doomed)
                try FileManager.default.removeItem(atPath: doomed)
            } catch {
                throw LambdaCodeStoreError(.io, "Cannot delete \(path): \(error)")
            }
        }
    }

    private func zipPath(_ id: String) -> String { "\(directory)/zips/\(id).zip" }
    private func unpackedPath(_ id: String) -> String { "\(directory)/unpacked/\(id)" }
    private func temporaryPath(_ kind: String) -> String { "\(directory)/tmp/\(kind)-\(UUID().uuidString)" }

    /// Renames `source` to `destination`; when another store won the race, the existing copy is kept.
    private func moveIntoPlace(_ source: String, _ destination: String) throws {
        if rename(source, destination) == 0 { return }
        let error = errno
        if FileManager.default.fileExists(atPath: destination) { return }
        throw LambdaCodeStoreError(.io, "Cannot move \(source) to \(destination): errno \(error)")
    }

    /// Unpacks the zip at `zipPath` into `destination` (through a temporary directory renamed into place).
    private func unpack(zipAt zipPath: String, into destination: String) throws {
        let staging = temporaryPath("unpack")
        defer { try? FileManager.default.removeItem(atPath: staging) }
        try LambdaZipUnpacker(maximumUnpackedSize: maximumUnpackedSize).unpack(zipAt: zipPath, into: staging)
        if FileManager.default.fileExists(atPath: destination) { return }
        try moveIntoPlace(staging, destination)
    }
}
