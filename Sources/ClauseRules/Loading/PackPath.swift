import Foundation

/// Resolves a file name written in a pack (or a snapshot manifest) to a path inside its folder.
///
/// A pack may come from a pull request: a name such as `../secret.env`, an absolute path or a
/// symlink out of the folder must never make Clause read (and quote) a file elsewhere.
package enum PackPath {
    /// The path of `name` inside `folder`, or a reason it is refused; a folder is accepted only
    /// when `directory` is set (a folder of Markdown documents).
    package static func resolve(_ name: String, in folder: String, directory: Bool = false) -> Result<String, Refusal> {
        if name.isEmpty || name.hasPrefix("/") { return .failure(.outside) }
        // A bare name in the working directory stays bare, so messages name `x.csv`, not `./x.csv`.
        let path = folder == "." || folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
        let root = URL(fileURLWithPath: folder.isEmpty ? "." : folder).resolvingSymlinksInPath().standardizedFileURL.path
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { return .failure(.outside) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return .failure(.missing) }
        if directory && isDirectory.boolValue { return .success(path) }
        guard !isDirectory.boolValue,
              let type = try? FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType,
              type == .typeRegular
        else { return .failure(.notRegular) }
        return .success(path)
    }

    /// Why a name is refused: it leads out of the folder, names nothing, or is not a regular file.
    package enum Refusal: Error {
        case outside, missing, notRegular

        /// The refusal as an error message naming the field (`what`), the name, and whose folder it is.
        package func message(_ what: String, _ name: String, owner: String = "pack") -> String {
            switch self {
            case .outside: "\(what) '\(name)' is outside the \(owner)'s folder"
            case .missing: "\(what) '\(name)' not found"
            case .notRegular: "\(what) '\(name)' is not a regular file"
            }
        }
    }
}
