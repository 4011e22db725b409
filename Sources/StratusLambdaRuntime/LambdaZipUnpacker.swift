// LambdaZipUnpacker: safe extraction of a deployment package.

import Foundation
import StratusLambda
import ZIPFoundation

/// Unpacks one zip archive into a fresh directory, refusing anything that would write outside it.
///
/// Guarantees: every entry path is relative and has no `..` component; every symbolic link's target, resolved
/// from the link's own directory, stays inside the destination; the sum of the entries' sizes stays within
/// `maximumUnpackedSize`; every CRC is checked. These checks run before anything is written. Symbolic links must
/// be stored uncompressed (as `zip -y` writes them); a compressed link is refused as an unreadable archive. Unix permission
/// bits recorded in the archive are kept; directories are always at least `0755` so the tree stays readable.
package struct LambdaZipUnpacker: Sendable {
    /// Most bytes the archive may unpack to.
    package var maximumUnpackedSize: UInt64

    /// An unpacker with Lambda's limit by default (262144000 bytes).
    package init(maximumUnpackedSize: UInt64 = 262_144_000) {
        self.maximumUnpackedSize = maximumUnpackedSize
    }

    /// Unpacks the archive at `zipPath` into `destination`, which must not exist yet.
    /// - Throws: ``LambdaCodeStoreError`` — `notAZip` (unreadable archive or corrupt entry), `unsafeEntry`,
    ///   `tooLarge`, `io`.
    package func unpack(zipAt zipPath: String, into destination: String) throws {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .read)
        } catch {
            throw LambdaCodeStoreError(.notAZip, LambdaCodeStoreError.couldNotUnzipMessage)
        }
        let entries = Array(archive)
        var total: UInt64 = 0
        var plan: [(Entry, String)] = []
        for entry in entries {
            let relative = try Self.safeRelativePath(entry.path)
            total += entry.uncompressedSize
            guard total <= maximumUnpackedSize else {
                throw LambdaCodeStoreError(
                    .tooLarge, "Unzipped size must be smaller than \(maximumUnpackedSize) bytes")
            }
            if relative.isEmpty { continue }
            if entry.type == .symlink {
                // ZIPFoundation reads link targets raw; `zip -y` stores them uncompressed, and so must others.
                guard !entry.isCompressed else {
                    throw LambdaCodeStoreError(.notAZip, LambdaCodeStoreError.couldNotUnzipMessage)
                }
                var target = Data()
                do {
                    _ = try archive.extract(entry, skipCRC32: false) { target.append($0) }
                } catch {
                    throw LambdaCodeStoreError(.notAZip, LambdaCodeStoreError.couldNotUnzipMessage)
                }
                try Self.checkSymlink(at: relative, target: String(decoding: target, as: UTF8.self))
            }
            plan.append((entry, relative))
        }
        do {
            try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        } catch {
            throw LambdaCodeStoreError(.io, "Cannot create \(destination): \(error)")
        }
        // Directories first, so files and links land in existing parents whatever the archive's order.
        let ordered = plan.filter { $0.0.type == .directory } + plan.filter { $0.0.type != .directory }
        for (entry, relative) in ordered {
            let url = URL(fileURLWithPath: destination + "/" + relative)
            if entry.type == .directory, FileManager.default.fileExists(atPath: url.path) { continue }
            do {
                _ = try archive.extract(entry, to: url, skipCRC32: false, allowUncontainedSymlinks: true)
            } catch let error as CocoaError where error.code == .fileWriteFileExists {
                throw LambdaCodeStoreError(.notAZip, LambdaCodeStoreError.couldNotUnzipMessage)
            } catch let error as Archive.ArchiveError {
                _ = error
                throw LambdaCodeStoreError(.notAZip, LambdaCodeStoreError.couldNotUnzipMessage)
            } catch {
                throw LambdaCodeStoreError(.io, "Cannot unpack \(relative): \(error)")
            }
        }
        // Directories are made traversable even when the archive recorded odd modes.
        for (entry, relative) in plan where entry.type == .directory {
            let path = destination + "/" + relative
            let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?
                .uint16Value ?? 0o755
            _ = chmod(path, mode_t(mode | 0o755))
        }
    }

    /// The entry's path without a leading `./`, refused when absolute or containing `..`.
    static func safeRelativePath(_ path: String) throws -> String {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !path.hasPrefix("/"), !path.hasPrefix("\\"), !path.contains("\\"), !path.contains("\0") else {
            throw unsafe(path)
        }
        var kept: [String] = []
        for component in components {
            if component == ".." { throw unsafe(path) }
            if component == "." || component.isEmpty { continue }
            kept.append(component)
        }
        return kept.joined(separator: "/")
    }

    /// Refuses a link at `relative` whose target leaves the package (absolute, or climbing above the root).
    static func checkSymlink(at relative: String, target: String) throws {
        guard !target.hasPrefix("/"), !target.isEmpty else { throw unsafe(relative + " -> " + target) }
        var depth = relative.split(separator: "/").count - 1
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                depth -= 1
                if depth < 0 { throw unsafe(relative + " -> " + target) }
            default: depth += 1
            }
        }
    }

    private static func unsafe(_ path: String) -> LambdaCodeStoreError {
        LambdaCodeStoreError(
            .unsafeEntry,
            LambdaCodeStoreError.couldNotUnzipMessage + " (The entry \(path) would be written outside the package.)")
    }
}
