import ClauseDiagnostics
import ClauseValue
import Foundation

/// The one entry point for reading snapshots and rule files.
public enum DocumentLoader {
    /// Reads and parses a file; `.json` files go to the strict JSON parser, the rest to libyaml.
    public static func load(path: String, options: LoadOptions = LoadOptions()) throws(DocumentError) -> [Document] {
        var options = options
        if options.format == .auto {
            options.format = path.lowercased().hasSuffix(".json") ? .json : .yaml
        }
        if let size = FileReader.size(path), size > options.keepSourceLimit {
            // Large files are parsed from a memory map whose passed pages are handed back: the
            // bytes are not kept.
            let source = SourceText(name: path, size: size, reloadPath: path)
            guard let mapped = MappedFile(path: path) else { throw unreadable(path) }
            if options.format == .json {
                return try JSONParser(source: source, options: options, mapped: mapped).parse()
            }
            return try YAMLLoader(source: source, options: options).load(mapped: mapped)
        }
        guard let bytes = FileReader.read(path) else { throw unreadable(path) }
        return try load(bytes: bytes, name: path, options: options)
    }

    private static func unreadable(_ path: String) -> DocumentError {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let reason = !exists ? "no such file" : isDirectory.boolValue ? "is a directory" : "cannot be read"
        return DocumentError(.io, at: SourceLocation(file: path, mark: .none), reason, source: nil)
    }

    /// Parses bytes already in memory; `name` is the file name used in locations.
    public static func load(bytes: [UInt8], name: String, options: LoadOptions = LoadOptions()) throws(DocumentError) -> [Document] {
        let source = SourceText(name: name, bytes: bytes)
        switch options.format {
        case .json:
            return try JSONParser(source: source, options: options).parse()
        case .yaml, .auto:
            return try YAMLLoader(source: source, options: options).load()
        }
    }

    /// Parses text held in a string (rule-pack tests, `clause eval`).
    public static func load(text: String, name: String, options: LoadOptions = LoadOptions()) throws(DocumentError) -> [Document] {
        try load(bytes: Array(text.utf8), name: name, options: options)
    }
}
