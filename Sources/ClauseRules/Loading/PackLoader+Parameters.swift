import ClauseDiagnostics
import ClauseValue

extension PackLoader {
    static let parameterFields = ["type", "default", "description", "minimum", "maximum", "values"]

    /// `parameters:`: per name, its type, default, description and allowed range or values.
    /// The default must itself be allowed, so a pack cannot ship a value no tailoring could set.
    static func readParameters(_ header: inout FieldReader, taken: (String) -> String?, diagnostics: inout [Diagnostic]) -> [Parameter] {
        guard let (value, mark) = header.raw("parameters", required: false) else { return [] }
        guard case .map(let map) = value else {
            header.error(at: mark, "'parameters' must be a mapping of names to {type, default, description}")
            return []
        }
        var out: [Parameter] = []
        for i in 0..<map.count {
            let keyMark = i < map.keyMarks.count ? map.keyMarks[i] : map.mark(at: i)
            guard case .string(let name) = map.keys[i], isIdentifier(name) else {
                header.error(at: keyMark, "a parameter name must be an identifier")
                continue
            }
            if let what = taken(name) ?? (out.contains { $0.name == name } ? "defined" : nil) {
                header.error(at: keyMark, "parameter '\(name)' is already \(what)")
                continue
            }
            var local: [Diagnostic] = []
            var reader = FieldReader(map.values[i], mark: map.mark(at: i), source: header.source, what: "parameter '\(name)'", diagnostics: &local)
            defer { diagnostics += local + reader.diagnostics }
            let typeText = reader.string("type", required: true)
            let description = reader.string("description", required: true) ?? ""
            let defaultField = reader.raw("default", required: true)
            let minimumField = reader.raw("minimum", required: false)
            let maximumField = reader.raw("maximum", required: false)
            let allowed = reader.strings("values", required: false)?.map(\.0) ?? []
            reader.finish(allowed: parameterFields)
            guard let typeText else { continue }
            guard let kind = Parameter.Kind(rawValue: typeText) else {
                reader.error(at: reader.map.mark(at: reader.map.position(ofString: "type") ?? 0),
                             "'\(typeText)' is not a parameter type; expected one of \(Parameter.Kind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))")
                continue
            }
            var parameter = Parameter(name: name, kind: kind, description: description, defaultValue: .null, value: .null, minimum: nil, maximum: nil,
                                      allowed: allowed, location: reader.location(keyMark))
            // Bounds are read as the parameter's own kind (a duration's as `1d`).
            for (field, isMinimum) in [(minimumField, true), (maximumField, false)] {
                guard let (raw, at) = field else { continue }
                guard kind == .duration || kind == .number else {
                    reader.error(at: at, "'\(isMinimum ? "minimum" : "maximum")' applies to duration and number parameters only")
                    continue
                }
                switch parameter.accept(raw) {
                case .success(let bound): if isMinimum { parameter.minimum = bound } else { parameter.maximum = bound }
                case .failure(let rejection): reader.error(at: at, "'\(isMinimum ? "minimum" : "maximum")': \(rejection.message)")
                }
            }
            if let (raw, at) = defaultField {
                switch parameter.accept(raw) {
                case .success(let v):
                    parameter.defaultValue = v
                    parameter.value = v
                case .failure(let rejection): reader.error(at: at, "the default of parameter '\(name)': \(rejection.message)")
                }
            }
            if parameter.defaultValue != .null { out.append(parameter) }
        }
        return out
    }
}
