import Foundation

/// Corrections merged over a botocore model before it is read (`Models/overlays/<model>.json`).
///
/// Format:
/// ```json
/// { "entries": [
///     { "path": ["shapes", "QueueDoesNotExist"],
///       "merge": { "error": { "code": "AWS.SimpleQueueService.NonExistentQueue" } },
///       "reason": "why the server needs this fact" } ] }
/// ```
/// `path` walks object keys from the model root and must exist unless `"create": true`; `merge` is applied
/// as an RFC 7386 JSON merge patch (objects merge recursively, `null` removes a key, anything else
/// replaces). Every entry must carry a non-empty `reason`.
enum Overlay {
    static func apply(overlay: JSON, to model: JSON, file: String) throws -> JSON {
        guard let entries = overlay["entries"]?.array else {
            throw ModelError("\(file): an overlay is an object with an \"entries\" array")
        }
        var result = model
        for (index, entry) in entries.enumerated() {
            let owner = "\(file) entry \(index)"
            guard let reason = entry["reason"]?.string, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ModelError("\(owner): missing \"reason\"")
            }
            guard let path = entry["path"]?.array?.compactMap(\.string), !path.isEmpty else {
                throw ModelError("\(owner): \"path\" must be a non-empty array of keys")
            }
            guard let patch = entry["merge"] else { throw ModelError("\(owner): missing \"merge\"") }
            let create = entry["create"]?.bool ?? false
            result = try patchValue(result, path: path[...], patch: patch, create: create, owner: owner)
        }
        return result
    }

    private static func patchValue(
        _ value: JSON, path: ArraySlice<String>, patch: JSON, create: Bool, owner: String
    ) throws -> JSON {
        guard let key = path.first else { return mergePatch(value, patch) }
        guard case .object(var members) = value else { throw ModelError("\(owner): \(key) is not inside an object") }
        if let position = members.firstIndex(where: { $0.0 == key }) {
            members[position].1 = try patchValue(
                members[position].1, path: path.dropFirst(), patch: patch, create: create, owner: owner)
        } else if create {
            members.append((key, try patchValue(.object([]), path: path.dropFirst(), patch: patch, create: create, owner: owner)))
        } else {
            throw ModelError("\(owner): path key \(key) does not exist in the model (set \"create\": true to add it)")
        }
        return .object(members)
    }

    /// RFC 7386 merge patch, keeping the target's member order and appending new members.
    static func mergePatch(_ target: JSON, _ patch: JSON) -> JSON {
        guard case .object(let patchMembers) = patch else { return patch }
        var members: [(String, JSON)] = target.members ?? []
        for (key, value) in patchMembers {
            let position = members.firstIndex(where: { $0.0 == key })
            if value == .null {
                if let position { members.remove(at: position) }
            } else if let position {
                members[position].1 = mergePatch(members[position].1, value)
            } else {
                members.append((key, mergePatch(.object([]), value)))
            }
        }
        return .object(members)
    }
}
