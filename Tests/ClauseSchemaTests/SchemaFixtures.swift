import ClauseDiagnostics
import ClauseDocument
import ClauseSchema
import ClauseValue
import Foundation

/// Schemas and instances written as text, loaded through the project's own loaders so marks
/// are those a user's file would have.
enum SchemaFixtures {
    /// A schema from JSON text, compiled.
    static func schema(_ json: String, name: String = "schema.json") throws -> JSONSchema {
        let document = try load(json, name: name)
        return try JSONSchema(document.root, rootMark: document.rootMark, source: document.source)
    }

    /// The compile errors of a schema that must not compile; empty if it compiled.
    static func compileErrors(_ json: String, name: String = "schema.json") throws -> DiagnosticError? {
        let document = try load(json, name: name)
        do {
            _ = try JSONSchema(document.root, rootMark: document.rootMark, source: document.source)
            return nil
        } catch {
            return error
        }
    }

    static func load(_ text: String, name: String) throws -> Document {
        var options = LoadOptions()
        options.format = name.hasSuffix(".json") ? .json : .yaml
        return try DocumentLoader.load(text: text, name: name, options: options)[0]
    }

    /// Validates YAML text against a schema.
    static func violations(_ schema: JSONSchema, yaml: String, now: Timestamp? = nil) throws -> [SchemaViolation] {
        let document = try load(yaml, name: "snapshot.yaml")
        return schema.validate(document.root, rootMark: document.rootMark, now: now)
    }

    /// A snapshot schema in the shape Clause's users write.
    static let snapshotSchema = """
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "as_of": {"type": "string", "format": "date"},
        "services": {"type": "array", "items": {"$ref": "#/$defs/service"}},
        "incidents": {"type": "array", "items": {"type": "object", "required": ["id"]}},
        "internal_audits": {"type": "array", "items": {
          "type": "object",
          "properties": {"date": {"type": "string", "format": "past-date"},
                         "closed_at": {"type": "string", "format": "past-date-time"}}
        }},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}}
      },
      "$defs": {
        "service": {
          "type": "object",
          "required": ["id", "status"],
          "properties": {
            "id": {"type": "string", "pattern": "^SVC-[0-9]+$"},
            "status": {"enum": ["live", "pipeline", "retired"]},
            "owner": {"type": ["string", "null"], "minLength": 1},
            "sla": {
              "type": "object",
              "properties": {
                "reviewed_on": {"type": "string", "format": "date"},
                "availability_target": {"type": "number", "minimum": 90, "exclusiveMaximum": 100}
              }
            }
          }
        }
      }
    }
    """
}
