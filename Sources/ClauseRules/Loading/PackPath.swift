import Foundation

/// Resolves a file name written in a pack to a path inside the pack's folder.
///
/// A pack may come from a pull request: a name such as `../secret.env`, an absolute path or a
/// symlink out of the folder must never make Clause read (and quote) a file elsewhere.
enum PackPath {
    /// The path of `name` inside `folder`, or a reason it is refused.
    static func resolve(_ name: String, in folder: String) -> Result<String, Refusal> {
        if name.isEmpty || name.hasPrefix("/") { return .failure(.outside) }
        let path = (folder as NSString).appendingPathComponent(name)
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { return .failure(.outside) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return .failure(.missing) }
        guard !isDirectory.boolValue,
              let type = try? FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType,
              type == .typeRegular
        else { return .failure(.notRegular) }
        return .success(path)
    }

    enum Refusal: Error {
        case outside, missing, notRegular

        func message(_ what: String, _ name: String) -> String {
            switch self {
            case .outside: "\(what) '\(name)' is outside the pack's folder"
            case .missing: "\(what) '\(name)' not found"
            case .notRegular: "\(what) '\(name)' is not a regular file"
            }
        }
    }
}
