import ClauseDocument
import ClauseValue

/// Writes a deterministic, realistic SMS snapshot in the model of `docs/snapshot.md` that fits
/// the shipped pack's `snapshot.schema.json` (closed value sets, no unknown fields, nothing
/// "done" after `as_of`), scaled by the number of services: every section the `iso20000-1` pack
/// reads, cross-references that resolve (incidents to services and problems, releases to changes
/// and their tests, processes to procedures and suppliers, objectives to improvements,
/// nonconformities to audits and to the earlier ones of the same root cause...), RFC 3339
/// date-times where the pack expects them, and a small deterministic share of defects (about
/// 1–3 % of the elements of each kind, each one a nonconformity a rule catches, never a schema
/// violation), so that the pack finds a realistic number of nonconformities and no rule errors.
///
/// Per live service: an SLA with targets per priority, a capacity plan, a budget line,
/// 4 configuration items, 2 assets, 30 incidents, 20 service requests, 1–2 problems, 6 changes
/// (approvals, tests), 1–2 releases (acceptance records), 3 monthly availability records and
/// 3 monthly service reports. Customers, suppliers, roles (with competence and training), staff
/// and awareness briefings, risks, objectives, documents, continuity plans, audits,
/// nonconformities, review actions and improvements grow with the service count; the rest is
/// one organisation's.
struct SMSSnapshotGenerator {
    let services: Int
    var seed: UInt64 = 20_000

    /// A value of the snapshot; strings are written plain in YAML when that is safe.
    indirect enum Node {
        case string(String)
        /// Always quoted in YAML: RFC 3339 date-times, versions, clause numbers.
        case quoted(String)
        /// A number, already written (`99.9`, `4`).
        case number(String)
        case bool(Bool)
        case list([Node])
        case map([(String, Node)])
    }

    typealias Fields = [(String, Node)]

    // MARK: Dates

    /// The snapshot's `as_of`: 2026-06-30 (end of Q2), as days since 1970-01-01.
    static let asOfDay = daysFromCivil(2026, 6, 30)

    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
        Int(Timestamp.days(year: Int64(y), month: m, day: d))
    }

    static func civil(_ days: Int) -> (Int, Int, Int) {
        let (y, m, d) = Timestamp.civil(fromDays: Int64(days))
        return (Int(y), m, d)
    }

    private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// The date `offset` days from `as_of` (negative: before).
    static func date(_ offset: Int) -> String {
        let (y, m, d) = civil(asOfDay + offset)
        return "\(y)-\(two(m))-\(two(d))"
    }

    /// An RFC 3339 date-time, `seconds` from `as_of` midnight UTC.
    static func dateTime(_ seconds: Int) -> String {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - day * 86_400
        let (y, m, d) = civil(asOfDay + day)
        return "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // MARK: Reference data

    static let processIDs = ["service-portfolio", "configuration", "asset", "catalogue", "business-relationship",
                             "service-level", "supplier", "budgeting", "demand", "capacity", "change",
                             "design-transition", "release", "incident", "service-request", "problem", "availability",
                             "continuity", "information-security", "service-reporting", "internal-audit",
                             "management-review", "improvement"]
    static let requiredKinds = ["sms-scope", "sm-policy", "sm-objectives", "sms-plan", "service-catalogue", "change-policy",
                                "infosec-policy", "capacity-plan", "continuity-plan", "availability-requirements", "release-policy"]
    static let reviewInputs = ["previous-actions", "context-changes", "customer-feedback", "performance", "audit-results",
                               "nonconformities", "risks", "supplier-performance", "resources", "improvement-opportunities"]
    static let firstNames = ["Ann", "Raj", "Kim", "Tom", "Priya", "Omar", "Nina", "Helen", "George", "Dan", "Sara", "Liam",
                             "Maya", "Owen", "Zoe", "Ivan", "Lena", "Marc", "Ruth", "Yusuf", "Emma", "Paul", "Alice", "Jon",
                             "Fatima", "Hugo", "Iris", "Kofi", "Lucy", "Nils", "Olga", "Pedro", "Rosa", "Sven", "Tara", "Umar"]
    static let lastNames = ["Lee", "Patel", "Wu", "Baker", "Shah", "Haddad", "Kovacs", "Ward", "Lyle", "Frost", "Moss",
                            "Byrne", "Okafor", "Novak", "Silva", "Jensen", "Murphy", "Khan", "Rossi", "Evans", "Dubois",
                            "Schmidt", "Tanaka", "Walsh", "Costa", "Nowak", "Hughes", "Price", "Reid", "Grant"]
    static func person(_ i: Int) -> String {
        firstNames[i % firstNames.count] + " " + lastNames[(i / firstNames.count + i) % lastNames.count]
    }
    static let serviceNouns = ["email", "backup", "firewall", "VoIP", "Wi-Fi", "hosting", "database", "monitoring",
                               "desktop", "identity", "storage", "print", "portal", "network", "payroll", "CRM"]
    static let serviceAdjectives = ["Managed", "Hosted", "Cloud", "Secure", "Virtual", "Regional", "Enterprise", "Shared"]

    // MARK: Writing

    /// The snapshot as YAML or JSON bytes.
    func write(_ format: SnapshotGenerator.Format) -> [UInt8] {
        var writer = Writer(json: format == .json)
        writer.out.reserveCapacity(services * 14_000)
        build(&writer)
        writer.finish()
        return Array(writer.out.utf8)
    }

    /// Streams sections out: a list section's elements are written as they are made.
    struct Writer {
        let json: Bool
        var out = ""
        private var sections = 0
        private var elements = 0
        private var inList = false

        init(json: Bool) {
            self.json = json
            if json { out = "{" }
        }

        mutating func section(_ name: String, _ value: Node) {
            closeList()
            if json {
                out += (sections == 0 ? "\n " : ",\n ") + "\"\(name)\": "
                Self.json(value, into: &out)
            } else {
                Self.yamlField(name, value, indent: 0, into: &out)
            }
            sections += 1
        }

        mutating func beginList(_ name: String) {
            closeList()
            out += json ? (sections == 0 ? "\n " : ",\n ") + "\"\(name)\": [" : name + ":\n"
            sections += 1
            elements = 0
            inList = true
        }

        mutating func element(_ fields: Fields) {
            if json {
                out += elements == 0 ? "\n  " : ",\n  "
                Self.json(.map(fields), into: &out)
            } else {
                Self.yamlMap(fields, indent: 2, dash: true, into: &out)
            }
            elements += 1
        }

        mutating func closeList() {
            guard inList else { return }
            if json { out += elements == 0 ? "]" : "\n ]" } else if elements == 0 { out.removeLast(); out += " []\n" }
            inList = false
        }

        mutating func finish() {
            closeList()
            if json { out += "\n}\n" }
        }

        // YAML: block mappings, indentless block sequences of maps, flow sequences of scalars.
        static func yamlMap(_ fields: Fields, indent: Int, dash: Bool, into out: inout String) {
            for (n, (key, value)) in fields.enumerated() {
                if n == 0 && dash {
                    out += String(repeating: " ", count: indent - 2) + "- "
                    yamlField(key, value, indent: indent, into: &out, prefixed: true)
                } else {
                    yamlField(key, value, indent: indent, into: &out)
                }
            }
        }

        static func yamlField(_ key: String, _ value: Node, indent: Int, into out: inout String, prefixed: Bool = false) {
            if !prefixed { out += String(repeating: " ", count: indent) }
            out += key + ":"
            switch value {
            case .map(let fields):
                out += "\n"
                yamlMap(fields, indent: indent + 2, dash: false, into: &out)
            case .list(let items) where items.contains(where: { if case .map = $0 { true } else { false } }):
                out += "\n"
                for item in items {
                    if case .map(let fields) = item { yamlMap(fields, indent: indent + 2, dash: true, into: &out) }
                }
            default:
                out += " "
                yamlScalar(value, into: &out)
                out += "\n"
            }
        }

        static func yamlScalar(_ value: Node, into out: inout String) {
            switch value {
            case .string(let s): out += plainSafe(s) ? s : singleQuoted(s)
            case .quoted(let s): out += singleQuoted(s)
            case .number(let s): out += s
            case .bool(let b): out += b ? "true" : "false"
            case .list(let items):
                out += "["
                for (n, item) in items.enumerated() {
                    if n > 0 { out += ", " }
                    yamlScalar(item, into: &out)
                }
                out += "]"
            case .map: out += "{}"
            }
        }

        /// A YAML single-quoted scalar: a quote inside is doubled, and nothing else is special.
        static func singleQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

        /// A string YAML 1.2 would read back as the same string when written plain, in block
        /// and in flow context.
        static func plainSafe(_ s: String) -> Bool {
            guard let first = s.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
            if Double(s) != nil || ["true", "false", "null", "yes", "no", "on", "off", "True", "False", "Null", "NULL"].contains(s) { return false }
            if s.hasSuffix(" ") || s.contains(": ") || s.contains(" #") { return false }
            return !s.unicodeScalars.contains { ",[]{}#&*!|>'\"%@`\n".unicodeScalars.contains($0) }
        }

        static func json(_ value: Node, into out: inout String) {
            switch value {
            // Strings through the project's JSON writer, so that any quote, backslash or control
            // character a generated name could hold is escaped.
            case .string(let s), .quoted(let s): out += JSONWriter.string(.string(s))
            case .number(let s): out += s
            case .bool(let b): out += b ? "true" : "false"
            case .list(let items):
                out += "["
                for (n, item) in items.enumerated() {
                    if n > 0 { out += ", " }
                    json(item, into: &out)
                }
                out += "]"
            case .map(let fields):
                out += "{"
                for (n, (key, item)) in fields.enumerated() {
                    out += (n > 0 ? ", " : "") + JSONWriter.string(.string(key)) + ": "
                    json(item, into: &out)
                }
                out += "}"
            }
        }
    }

    // MARK: The organisation

    private struct Service {
        var id: String
        var name: String
        var status: String
        var owner: String
        var customer: String
        var catalogued: Bool
        var slaTarget: Double?
    }

    /// A change as the releases need it.
    private struct Change {
        var id: String
        var deployed: Int
        var approved: Int
        var standard: Bool
        var testID: String
        var testDate: Int
        var testPassed: Bool
    }

    /// A nonconformity before its `recurrence_of` is known.
    private struct Nonconformity {
        var id: String
        var raised: Int
        var category: String?
        var head: Fields
        var tail: Fields
    }

    /// A name for the `n`-th member of staff, distinct for every `n`.
    static func staffName(_ n: Int) -> String {
        let combos = firstNames.count * lastNames.count
        let base = n % combos, round = n / combos
        if round == 0 { return person(base) }
        let letters = Array("ABCDEFGHJKLMNPRSTVW")
        let initial = round <= letters.count ? "\(letters[round - 1])." : "\(round)."
        return firstNames[base % firstNames.count] + " " + initial + " " + lastNames[(base / firstNames.count + base) % lastNames.count]
    }

    /// Objectives: description, measure, target as worded, target value, at least (else at most), spread.
    static let objectiveKinds: [(String, String, String, Double, Bool, Double)] = [
        ("Resolve P1 incidents within target", "Share of P1 incidents resolved within 4 hours", "95%", 95, true, 3),
        ("Improve customer satisfaction", "Average survey score (1-5)", "4.3", 4.3, true, 0.4),
        ("Cut password-reset calls to the service desk", "Password-reset calls per month", "at most 120 a month", 120, false, 25),
        ("Fulfil service requests on time", "Share of requests fulfilled within target", "98%", 98, true, 1.5),
        ("Reduce failed changes", "Share of changes rolled back", "at most 3%", 3, false, 1.5),
        ("Keep services available", "Share of services meeting their availability target", "99%", 99, true, 0.9),
    ]
    /// Skills each kind of role requires, and the course (and whether it expires) that gives each.
    static let roleSkills = ["top_management": ["SMS awareness for leaders"], "sms_manager": ["ISO/IEC 20000 practitioner", "Internal auditing"],
                             "process_owner": ["ITIL 4 Foundation", "Process ownership"], "service_owner": ["ITIL 4 Foundation", "Service ownership"]]
    static let courses = ["SMS awareness for leaders": ("SMS leadership briefing", false),
                          "ISO/IEC 20000 practitioner": ("ISO/IEC 20000 Practitioner", true),
                          "Internal auditing": ("ISO/IEC 20000 Internal Auditor", true),
                          "ITIL 4 Foundation": ("ITIL 4 Foundation", false),
                          "Process ownership": ("Process owner workshop", false),
                          "Service ownership": ("Service owner certification", true)]
    static let acceptanceCriteria = ["Restore within 4 hours", "Load test passed", "Failover rehearsed", "Monitoring in place",
                                     "Runbook approved", "Security scan passed", "Rollback rehearsed", "Service desk trained"]
    static let rootCauses = ["process": "Procedure step skipped under time pressure", "documentation": "Procedure out of date after a tool change",
                             "competence": "New staff not yet trained on the procedure", "resources": "On-call rota understaffed",
                             "tooling": "ITSM workflow allowed the step to be bypassed", "supplier": "Supplier missed a contractual notification",
                             "communication": "Change not communicated to the service desk", "governance": "Review not scheduled by the owner"]
    static let rootCauseCategories = ["process", "documentation", "competence", "resources", "tooling", "supplier", "communication", "governance"]

    private func build(_ w: inout Writer) {
        var random = SnapshotGenerator.Random(state: seed)
        /// True with probability `p` (the defects).
        func chance(_ p: Double) -> Bool { random.unit() < p }
        let s: (String) -> Node = { .string($0) }
        let d: (Int) -> Node = { .string(Self.date($0)) }
        func strings(_ items: [String]) -> Node { .list(items.map { .string($0) }) }
        func number(_ v: Double) -> Node { .number(String(format: "%.2f", v)) }

        let customerCount = max(3, services / 8)
        let supplierCount = max(5, services / 15)
        let riskCount = max(8, services / 5)
        let issueCount = max(5, services / 25)
        let serviceOwnerRoles = max(2, services / 10)
        let objectiveCount = max(6, services / 100)
        let topManager = Self.person(0)
        let smsManager = Self.person(1)
        let processOwners = (2..<10).map { Self.person($0) }
        let managers = [topManager, smsManager] + processOwners
        let cab = [smsManager] + processOwners.prefix(4)

        // Services first (other sections refer to them), written later in document order.
        var catalogue: [Service] = []
        for i in 0..<services {
            let r = random.unit()
            let status = r < 0.85 ? "live" : r < 0.93 ? "pipeline" : "retired"
            let name = random.pick(Self.serviceAdjectives) + " " + random.pick(Self.serviceNouns) + " \(i + 1)"
            catalogue.append(Service(id: "SVC-" + Self.pad(i + 1, 5), name: name, status: status,
                                     owner: Self.person(10 + i / 10), customer: "CUS-" + Self.pad(i % customerCount + 1, 4),
                                     catalogued: status == "live" ? !chance(0.01) : false,
                                     slaTarget: status == "live" && !chance(0.01) ? random.pick([99.0, 99.5, 99.9, 99.95]) : nil))
        }
        let live = catalogue.filter { $0.status == "live" }

        // Improvements next: objectives that fall behind point at them.
        var improvements: [Fields] = []
        var actionable: [String] = []
        for k in 0..<max(10, services / 10) {
            let r = random.unit()
            let status = r < 0.3 ? "proposed" : r < 0.7 ? "approved" : r < 0.95 ? "implemented" : "rejected"
            let id = "IMP-" + Self.pad(k + 1, 5)
            let raised = status == "proposed" ? (chance(0.04) ? -random.int(100...300) : -random.int(1...90))
                : status == "approved" ? -random.int(5...300) : -random.int(5...700)
            var f: Fields = [("id", s(id)), ("description", s("Improvement opportunity \(k + 1)")),
                             ("source", s(random.pick(["customer-feedback", "internal-audit", "management-review", "incident-trend"]))),
                             ("owner", s(managers[k % managers.count])), ("status", s(status)), ("raised_on", d(raised))]
            if status != "proposed" {
                let evaluated = min(0, raised + random.int(3...30))
                f.append(("evaluated_on", d(evaluated)))
                if !chance(0.02) { f.append(("objectives", strings(["OBJ-" + Self.pad(k % objectiveCount + 1, 3)]))) }
                if status == "approved" { f.append(("target_on", d(chance(0.03) ? -random.int(1...60) : random.int(10...(evaluated + 365))))) }
                if status != "rejected" { actionable.append(id) }
            }
            improvements.append(f)
        }

        w.section("as_of", d(0))
        // Scope: the live and pipeline services, and a few retired ones still listed (CTX-005).
        let inScope = catalogue.filter { $0.status != "retired" || chance(0.1) }.map(\.id)
        let partyDocs = [["DOC-AVL", "DOC-CAT"], ["DOC-PR-01"], ["DOC-PLAN", "DOC-COMMS"], ["DOC-CAP"], ["DOC-SEC"], ["DOC-SCOPE"]]
        let partyNeeds = ["Agreed service levels", "Monthly reporting", "Clear roles and training", "Capacity forecasts",
                          "Protection of personal data", "A defined service scope"]
        w.section("organization", .map([
            ("name", s("Northwind Managed Services Ltd")),
            ("scope", .map([
                ("statement", s("Design, transition, delivery and improvement of managed infrastructure, workplace and security services from the Leeds, Glasgow and Cork service centres")),
                ("services_in_scope", strings(inScope)),
                ("locations", strings(["Leeds", "Glasgow", "Cork"])),
                ("approved_by", s(topManager)), ("approved_on", d(-200)),
            ])),
            ("context", .map([
                ("reviewed_on", d(-120)), ("climate_change_relevant", .bool(true)), ("climate_decision_recorded_on", d(-120)),
                ("issues", .list((0..<issueCount).map { k -> Node in
                    var f: Fields = [("id", s("ISS-" + Self.pad(k + 1, 4))), ("type", s(k % 3 == 0 ? "internal" : "external")),
                                     ("description", s("Issue \(k + 1) affecting the services"))]
                    let r = random.unit()
                    if r < 0.83 { f.append(("risk", s("RSK-" + Self.pad(k % riskCount + 1, 5)))) }
                    else if r < 0.98 { f.append(("no_action_reason", s("Accepted by management review"))) }
                    return .map(f)
                })),
            ])),
            ("interested_parties", .list((0..<(6 + customerCount)).map { k -> Node in
                let types = ["user", "supplier", "regulator", "staff", "other", "other"]
                let type = k < 6 ? types[k] : "customer"
                var requirements: [Node] = []
                if !chance(0.02) {
                    for j in 0..<2 {
                        let n = (k + j * 3) % partyNeeds.count
                        // A few requirements still point at a withdrawn document (CTX-008).
                        let docs = chance(0.01) ? ["DOC-OLD-" + Self.pad(k, 3)] : partyDocs[n]
                        requirements.append(.map([("description", s(partyNeeds[n])), ("addressed_by", strings(docs))]))
                    }
                }
                return .map([("id", s("IP-" + Self.pad(k + 1, 4))), ("name", s(k < 6 ? "Party \(type) \(k + 1)" : "Customer CUS-" + Self.pad(k - 5, 4))),
                             ("type", s(type)), ("requirements", .list(requirements))])
            })),
        ]))
        w.section("policy", .map([("service_management_policy", .map([
            ("document", s("DOC-POL")), ("approved_by", s(topManager)), ("approved_on", d(-170)),
            ("communicated", .bool(true)), ("communicated_on", d(-160)), ("review_due", d(195)),
        ]))]))

        w.beginList("objectives")
        for k in 0..<objectiveCount {
            let (description, measure, target, value, atLeast, spread) = Self.objectiveKinds[k % Self.objectiveKinds.count]
            let behind = chance(0.2)
            // A few objectives were not measured this quarter (PLAN-007).
            let days = chance(0.03) ? [-210, -180, -150] : [-61, -30, -1]
            var measurements: [Node] = []
            for (n, day) in days.enumerated() {
                let ahead = n < 2 ? random.unit() < 0.7 : !behind
                let delta = spread * (ahead ? random.unit() : -(0.1 + 0.9 * random.unit()))
                let measured = min(atLeast ? 100 : 1e9, atLeast ? value + delta : value - delta)
                measurements.append(.map([("on", d(day)), ("value", number(target.hasSuffix("%") ? min(100, measured) : measured))]))
            }
            var f: Fields = [("id", s("OBJ-" + Self.pad(k + 1, 3))), ("description", s(description)), ("measure", s(measure)),
                             ("target", s(target)), ("target_value", number(value)), ("direction", s(atLeast ? "at_least" : "at_most")),
                             ("measurements", .list(measurements))]
            // Behind target: an improvement is raised, but not always (PLAN-008).
            if behind && !actionable.isEmpty && !chance(0.15) { f.append(("actions", strings([actionable[k % actionable.count]]))) }
            var plan: Fields = [("actions", strings(["Automate alert triage", "Quarterly review of results"])), ("resources", s("Two engineers"))]
            if !chance(0.03) { plan.append(("evaluation", s("Monthly KPI review"))) }
            f += [("owner", s(processOwners[k % 8])), ("due", d(random.int(30...400))),
                  ("status", s(behind ? "at_risk" : random.pick(["on_track", "on_track", "achieved"]))), ("plan", .map(plan))]
            w.element(f)
        }
        w.beginList("risks")
        for k in 0..<riskCount {
            // Owners hold an SMS role, but a few left the organisation (PLAN-002).
            let owner = chance(0.01) ? Self.person(700 + k % 300) : managers[k % managers.count]
            w.element([("id", s("RSK-" + Self.pad(k + 1, 5))), ("description", s("Risk \(k + 1) to service delivery")),
                       ("owner", s(owner)), ("treatment", s(random.pick(["accept", "mitigate", "mitigate", "transfer", "avoid", "exploit"]))),
                       ("reviewed_on", d(chance(0.02) ? -random.int(370...600) : -random.int(10...330)))])
        }
        w.section("plans", .map([("sms_plan", .map([
            ("document", s("DOC-PLAN")), ("approved_by", s(topManager)), ("approved_on", d(-170)), ("review_due", d(195)),
            ("covers", strings(["scope", "objectives", "resources", "risks", "roles", "processes"])),
        ]))]))

        // Roles: top management, the SMS manager, process owners, service owners.
        var roles: [(id: String, type: String, holder: String, fields: Fields)] = []
        func role(_ id: String, _ title: String, _ type: String, _ holder: String, _ duties: [String]) {
            roles.append((id, type, holder, [("id", s(id)), ("title", s(title)), ("type", s(type)), ("holder", s(holder)),
                                             ("responsibilities", strings(duties))]))
        }
        role("MD", "Managing Director", "top_management", topManager, ["Approve policy and SMS plan", "Chair management reviews"])
        role("FD", "Finance Director", "top_management", Self.person(100_000), ["Approve budgets"])
        role("SMS-MGR", "Head of Service Management", "sms_manager", smsManager, ["Run the SMS", "Report SMS performance"])
        for (k, owner) in processOwners.enumerated() {
            role("PO-\(k + 1)", "Process owner \(k + 1)", "process_owner", owner, ["Own SMS processes", "Report process measures"])
        }
        for k in 0..<serviceOwnerRoles {
            role("SO-" + Self.pad(k + 1, 4), "Service owner", "service_owner", chance(0.02) ? "" : Self.person(10 + k), ["Own the services of the group"])
        }
        w.beginList("roles")
        for role in roles { w.element(role.fields) }
        w.section("competence", .map([("requirements", .list(roles.compactMap { role -> Node? in
            chance(0.02) ? nil : .map([("role", s(role.id)), ("skills", strings(Self.roleSkills[role.type] ?? []))])
        }))]))
        w.beginList("training_records")
        var record = 0
        for (k, role) in roles.enumerated() {
            for skill in Self.roleSkills[role.type] ?? [] {
                // A few holders never took one of the courses their role needs (SUP-011).
                if chance(0.01) { continue }
                record += 1
                let (course, expires) = Self.courses[skill] ?? (skill, false)
                var f: Fields = [("id", s("TR-" + Self.pad(record, 6))), ("person", s(role.holder.isEmpty ? Self.person(k) : role.holder)),
                                 ("course", s(course)), ("completed_on", d(-random.int(60...900)))]
                if expires { f.append(("expires_on", d(chance(0.04) ? -random.int(1...200) : random.int(30...900)))) }
                f.append(("skills", strings([skill])))
                w.element(f)
            }
        }
        // Awareness: every role holder and the rest of the staff, briefed quarterly; a few missed theirs.
        var staff: [String] = []
        var named = Set<String>()
        for role in roles where !role.holder.isEmpty && named.insert(role.holder).inserted { staff.append(role.holder) }
        let staffCount = max(staff.count + 10, 40 + services / 2)
        var n = 0
        while staff.count < staffCount {
            let name = Self.staffName(n)
            n += 1
            if named.insert(name).inserted { staff.append(name) }
        }
        let holderCount = staff.count
        let briefingDays = [-290, -200, -110, -20]
        var attendees: [[String]] = Array(repeating: [], count: briefingDays.count)
        var briefed = 0
        for (i, name) in staff.enumerated() {
            if i >= holderCount && chance(0.02) { continue }
            attendees[i % briefingDays.count].append(name)
            briefed += 1
        }
        w.section("awareness", .map([
            ("staff", strings(staff)),
            ("briefings", .list(briefingDays.enumerated().map { k, day in
                .map([("id", s("AWB-" + Self.pad(k + 1, 2))), ("date", d(day)), ("attendees", strings(attendees[k]))])
            })),
            ("last_briefing_on", d(briefingDays.last!)), ("staff_total", .number("\(staff.count)")), ("staff_briefed", .number("\(briefed)")),
        ]))
        w.section("communication", .map([("plan_document", s("DOC-COMMS"))]))
        w.section("resources", .map([("sms_budget_approved_on", d(-180)), ("staffing_reviewed_on", d(-110))]))
        w.section("finance", .map([
            ("budget_approved_on", d(-180)), ("budget_approved_by", s(topManager)), ("costs_allocated_to_services", .bool(true)),
            ("last_cost_review_on", d(-70)),
            // Every live service has a budget line, but a very few were missed (CAP-001).
            ("service_costs", .list(live.compactMap { svc -> Node? in
                if chance(0.002) { return nil }
                let budget = random.int(20...200) * 1000
                return .map([("service", s(svc.id)), ("budget", .number("\(budget)")), ("actual", .number("\(budget * random.int(35...60) / 100)"))])
            })),
        ]))
        w.section("demand", .map([("last_forecast_on", d(-28))]))

        // Documents: one of each required kind, the communication plan, procedures, and a
        // service design per service.
        let procedures = (1...8).map { "DOC-PR-" + Self.pad($0, 2) }
        w.beginList("documents")
        func document(_ id: String, _ kind: String, _ title: String, defects: Bool) {
            var f: Fields = [("id", s(id)), ("kind", s(kind)), ("title", s(title)), ("owner", s(smsManager)),
                             ("version", .quoted("\(random.int(1...6)).\(random.int(0...9))"))]
            let approved = -random.int(20...330)
            if !(defects && chance(0.01)) { f.append(("approved_on", d(approved))) }
            f.append(("review_due", d(defects && chance(0.02) ? -random.int(1...90) : approved + 365)))
            w.element(f)
        }
        let fixedDocs = ["sms-scope": "DOC-SCOPE", "sm-policy": "DOC-POL", "sm-objectives": "DOC-OBJ", "sms-plan": "DOC-PLAN",
                         "service-catalogue": "DOC-CAT", "change-policy": "DOC-CHGPOL", "infosec-policy": "DOC-SEC",
                         "capacity-plan": "DOC-CAP", "continuity-plan": "DOC-BCP", "availability-requirements": "DOC-AVL",
                         "release-policy": "DOC-REL"]
        for kind in Self.requiredKinds { document(fixedDocs[kind]!, kind, "Controlled \(kind.replacingOccurrences(of: "-", with: " "))", defects: false) }
        document("DOC-COMMS", "communication-plan", "SMS communication plan", defects: false)
        for (k, id) in procedures.enumerated() { document(id, "procedure", "Operational procedure \(k + 1)", defects: false) }
        for svc in catalogue { document("DOC-SD-" + svc.id.dropFirst(4), "service-design", "Service design of \(svc.name)", defects: true) }

        w.beginList("processes")
        for (k, id) in Self.processIDs.enumerated() {
            var f: Fields = [("id", s(id)), ("name", s(id.replacingOccurrences(of: "-", with: " ").capitalized)), ("owner", s(processOwners[k % 8])),
                             ("procedure", s(procedures[k % 8]))]
            if id == "incident" || id == "service-request" { f.append(("operated_by", s("SUP-DESK"))) }
            f.append(("measures", .list((0..<(1 + k % 2)).map { j in
                .map([("name", s("Measure \(j + 1) of \(id)")), ("target", s("95%")),
                      ("last_measured_on", d(chance(0.03) ? -random.int(100...200) : -random.int(3...60)))])
            })))
            w.element(f)
        }
        w.beginList("customers")
        for k in 0..<customerCount {
            let review = chance(0.02) ? -random.int(370...500) : -random.int(5...300)
            w.element([("id", s("CUS-" + Self.pad(k + 1, 4))), ("name", s("Customer \(k + 1) Ltd")), ("relationship_manager", s(Self.person(3 + k % 12))),
                       ("last_review_on", d(review)), ("satisfaction_measured_on", d(chance(0.02) ? -random.int(370...500) : review))])
        }

        w.beginList("services")
        let resolutionHours = [("P1", "0.5", 4), ("P2", "1", 8), ("P3", "4", 24), ("P4", "8", 72)]
        for svc in catalogue {
            var f: Fields = [("id", s(svc.id)), ("name", s(svc.name)), ("status", s(svc.status)),
                             ("owner", s(svc.status == "live" && chance(0.003) ? "" : svc.owner)),
                             ("customer", s(svc.customer)), ("catalogue_entry", .bool(svc.status == "retired" ? chance(0.03) : svc.catalogued))]
            let criteria = [random.pick(Array(Self.acceptanceCriteria.prefix(4))), random.pick(Array(Self.acceptanceCriteria.suffix(4)))]
            switch svc.status {
            case "live":
                if let target = svc.slaTarget {
                    // A very few SLAs have no P4 targets (SLM-001).
                    let priorities = chance(0.005) ? Array(resolutionHours.prefix(3)) : resolutionHours
                    f.append(("sla", .map([("id", s("SLA-" + svc.id.dropFirst(4))), ("availability_target", .number("\(target)")),
                                           ("agreed_with", s(chance(0.01) ? "CUS-" + Self.pad(random.int(1...customerCount), 4) : svc.customer)),
                                           ("reviewed_on", d(chance(0.02) ? -random.int(370...500) : -random.int(5...330))),
                                           ("targets", .list(priorities.map { p, response, resolution in
                                               .map([("priority", s(p)), ("response_hours", .number(response)), ("resolution_hours", .number("\(resolution)"))])
                                           }))])))
                }
                let peak = chance(0.02) ? random.int(86...97) : random.int(15...82)
                f.append(("capacity", .map([("plan_reviewed_on", d(chance(0.02) ? -random.int(370...500) : -random.int(5...330))),
                                            ("peak_utilisation", .number("\(peak).0"))])))
                let wentLive = -random.int(20...2000)
                if wentLive > -400 {
                    // Recent services keep their plan and the verified acceptance criteria; a few
                    // went live with a criterion failed, unverified or verified afterwards (DES-002).
                    f.append(("plan", .map([("requirements_agreed", .bool(true)), ("requirements_agreed_on", d(wentLive - random.int(60...200))),
                                            ("target_live_on", d(wentLive)), ("acceptance_criteria", strings(criteria))])))
                    let defect = chance(0.06) ? random.int(0...3) : -1
                    var acceptance: [Node] = []
                    for (j, criterion) in criteria.enumerated() where !(defect == 1 && j == 1) {
                        let date = defect == 2 && j == 0 ? min(0, wentLive + random.int(1...5)) : wentLive - random.int(1...10)
                        acceptance.append(.map([("criterion", s(criterion)), ("result", s(defect == 3 && j == 1 ? "failed" : "passed")), ("date", d(date))]))
                    }
                    f.append(("transition", .map([("went_live_on", d(wentLive)), ("acceptance_criteria_met", .bool(defect != 0)),
                                                  ("acceptance", .list(acceptance))])))
                } else {
                    f.append(("transition", .map([("went_live_on", d(wentLive)), ("acceptance_criteria_met", .bool(true))])))
                }
            case "pipeline":
                var plan: Fields = [("requirements_agreed", .bool(!chance(0.03)))]
                if !chance(0.02) { plan.append(("requirements_agreed_on", d(-random.int(10...120)))) }
                plan.append(("target_live_on", d(chance(0.02) ? -random.int(1...30) : random.int(20...300))))
                if !chance(0.03) { plan.append(("acceptance_criteria", strings(criteria))) }
                f.append(("plan", .map(plan)))
                if !chance(0.03) { f.append(("design", .map([("approved_on", d(-random.int(5...60)))]))) }
            default:
                f.append(("transition", .map([("went_live_on", d(-random.int(1500...3000))), ("acceptance_criteria_met", .bool(true))])))
            }
            w.element(f)
        }

        w.beginList("suppliers")
        for k in 0..<supplierCount {
            let id = k == 0 ? "SUP-DESK" : "SUP-" + Self.pad(k, 4)
            let external = k == 0 || random.unit() < 0.8
            let end = k == 0 ? 500 : chance(0.02) ? -random.int(1...200) : random.int(30...1000)
            var contract: Fields = [("id", s((external ? "K-" : "OLA-") + Self.pad(k + 1, 4))), ("start", d(end - 1095)), ("end", d(end)),
                                    ("reviewed_on", d(chance(0.02) ? -random.int(370...500) : -random.int(5...330)))]
            // External contracts name the services they support; a few do not (SUPL-001).
            if !(external && chance(0.02)) {
                contract.append(("services", strings((0..<random.int(1...4)).map { live[(k * 7 + $0 * 13) % live.count].id })))
            }
            w.element([("id", s(id)), ("name", s(k == 0 ? "NightOwl Support Ltd" : "Supplier \(k) plc")), ("type", s(external ? "external" : "internal")),
                       ("owner", s(chance(0.01) ? "" : Self.person(2 + k % 8))), ("contract", .map(contract)),
                       ("performance_reviewed_on", d(-random.int(5...330)))])
        }
        w.beginList("assets")
        for (n, svc) in live.enumerated() {
            for j in 0..<2 {
                w.element([("id", s("AST-" + Self.pad(2 * n + j + 1, 6))), ("type", s(j == 0 ? "server" : random.pick(["licence", "storage", "network"]))),
                           ("owner", s(svc.owner)), ("services", strings([svc.id])),
                           ("last_verified_on", d(chance(0.02) ? -random.int(370...500) : -random.int(5...300)))])
            }
        }
        w.beginList("configuration_items")
        for (n, svc) in live.enumerated() {
            for (j, type) in ["server", "database", "application", "network"].enumerated() {
                w.element([("id", s("CI-" + Self.pad(4 * n + j + 1, 7))), ("type", s(type)), ("service", s(svc.id)),
                           ("version", .quoted("\(random.int(1...12)).\(random.int(0...20))")), ("owner", s(svc.owner)),
                           ("last_audited_on", d(chance(0.02) ? -random.int(370...500) : -random.int(5...300)))])
            }
        }

        // Problems: 1–2 per live service; incidents link to the first.
        var problems: [Fields] = []
        for svc in live {
            for j in 0..<(chance(0.3) ? 2 : 1) {
                let id = "PRB-" + svc.id.dropFirst(4) + "-\(j + 1)"
                let closed = random.unit() < 0.6
                let knownError = random.unit() < 0.4
                var f: Fields = [("id", s(id)), ("title", s("Recurring fault \(j + 1) on \(svc.name)")), ("service", s(svc.id)),
                                 ("status", s(closed ? "closed" : "open")), ("known_error", .bool(knownError))]
                if knownError && !chance(0.02) { f.append(("workaround", s("Fail over to the standby node"))) }
                if closed && !chance(0.02) { f.append(("root_cause", s("Configuration drift after patching"))) }
                if knownError && !chance(0.02) { f.append(("kb_article", s("KB-" + svc.id.dropFirst(4) + "\(j + 1)"))) }
                problems.append(f)
            }
        }

        // Incidents and requests: nothing is resolved or fulfilled after as_of (records that would
        // be are opened earlier instead).
        w.beginList("incidents")
        var incident = 0
        let targets = ["P1": 4, "P2": 8, "P3": 24, "P4": 72]
        for svc in live {
            for _ in 0..<30 {
                incident += 1
                let r = random.unit()
                let priority = r < 0.05 ? "P1" : r < 0.2 ? "P2" : r < 0.65 ? "P3" : "P4"
                let target = targets[priority]!
                var f: Fields = [("id", s("INC-" + Self.pad(incident, 7))), ("service", s(svc.id)), ("priority", s(priority))]
                let isOpen = random.unit() < 0.04
                var escalated = random.unit() < 0.03
                var problem = priority == "P1" ? !chance(0.03) : random.unit() < 0.05
                var resolvedAt: Int?
                if isOpen {
                    // Open incidents: mostly within their target; a few overdue and not escalated.
                    let late = chance(0.02)
                    let age = late ? target * 3600 * random.int(2...5) : random.int(600...(target * 3600 * 8 / 10))
                    if late { escalated = false }
                    f.append(("opened", .quoted(Self.dateTime(-age))))
                } else {
                    var opened = -random.int(4...90) * 86_400 + random.int(0...86_399)
                    let late = chance(0.02)
                    if late { escalated = false; problem = false }
                    let took = late ? target * 3600 * random.int(15...40) / 10 : random.int(300...(target * 3600 * 9 / 10))
                    if opened + took > -60 { opened = -took - random.int(60...86_400) }
                    resolvedAt = opened + took
                    f.append(("opened", .quoted(Self.dateTime(opened))))
                    f.append(("resolved", .quoted(Self.dateTime(opened + took))))
                }
                f.append(("target_hours", .number("\(target)")))
                f.append(("escalated", .bool(escalated)))
                if problem { f.append(("problem", s("PRB-" + svc.id.dropFirst(4) + "-1"))) }
                if random.unit() < 0.02 {
                    f.append(("security", .bool(true)))
                    if let resolvedAt, !chance(0.05) { f.append(("security_review_on", d(min(0, resolvedAt / 86_400 + random.int(1...5))))) }
                }
                w.element(f)
            }
        }
        w.beginList("service_requests")
        var request = 0
        for svc in live {
            for _ in 0..<20 {
                request += 1
                let target = random.pick([8, 24, 40, 72])
                var f: Fields = [("id", s("REQ-" + Self.pad(request, 7))), ("service", s(svc.id))]
                if random.unit() < 0.96 {
                    var opened = -random.int(4...60) * 86_400 + random.int(0...86_399)
                    let took = chance(0.02) ? target * 3600 * random.int(12...30) / 10 : random.int(600...(target * 3600 * 9 / 10))
                    if opened + took > -60 { opened = -took - random.int(60...86_400) }
                    f.append(("opened", .quoted(Self.dateTime(opened))))
                    f.append(("fulfilled", .quoted(Self.dateTime(opened + took))))
                } else {
                    // Open requests: mostly within their target; a few overdue (SRQ-003).
                    let age = chance(0.03) ? target * 3600 * random.int(12...30) / 10 : random.int(600...(target * 3600 * 8 / 10))
                    f.append(("opened", .quoted(Self.dateTime(-age))))
                }
                f.append(("target_hours", .number("\(target)")))
                w.element(f)
            }
        }
        w.beginList("problems")
        for p in problems { w.element(p) }

        w.section("change_management", .map([
            ("policy_document", s("DOC-CHGPOL")), ("major_change_criteria", s("New, removed or transferred service")),
            ("emergency_change_criteria", s("Restores service after a P1 incident")), ("cab_members", strings(cab)),
        ]))
        w.beginList("changes")
        var change = 0
        var changesOf: [[Change]] = []
        for svc in live {
            var deployedChanges: [Change] = []
            for _ in 0..<6 {
                change += 1
                let id = "CHG-" + Self.pad(change, 7)
                let r = random.unit()
                let classification = r < 0.4 ? "standard" : r < 0.95 ? "normal" : "emergency"
                let standard = classification == "standard"
                let risk = standard ? "low" : classification == "emergency" ? random.pick(["medium", "high"])
                    : random.pick(["low", "low", "medium", "medium", "high"])
                // A few changes were never risk-assessed (CHG-002).
                let assessed = !chance(0.005)
                let deployed: Int? = random.unit() < 0.9 ? -random.int(1...120) : nil
                var approved: Int
                if let deployed {
                    // A few normal and emergency changes were approved only after deployment (CHG-003).
                    approved = !standard && chance(0.01) ? deployed + random.int(1...min(10, -deployed))
                        : deployed - (classification == "emergency" ? random.int(0...1) : random.int(1...10))
                } else {
                    approved = -random.int(0...10)
                }
                approved = min(0, approved)
                let approver = cab[random.int(0...(cab.count - 1))]
                var f: Fields = [("id", s(id)), ("service", s(svc.id))]
                if assessed { f.append(("risk", s(risk))) }
                f += [("classification", s(classification)), ("approved_by", s(standard ? "Standard change catalogue" : approver)),
                      ("approved_on", d(approved))]
                if let deployed { f.append(("deployed_on", d(deployed))) }
                f.append(("cab_reviewed", .bool(!standard)))
                var test: Change?
                if let deployed {
                    // Every deployed change has a test record; a few failed, or (normal changes)
                    // were tested only after deployment (CHG-005).
                    let defect = !standard && chance(0.015)
                    let late = defect && classification == "normal" && random.unit() < 0.5
                    let date = classification == "emergency" ? min(0, deployed + random.int(0...3))
                        : late ? min(0, deployed + random.int(1...5)) : deployed - random.int(0...3)
                    test = Change(id: id, deployed: deployed, approved: approved, standard: standard, testID: "TR-" + id.dropFirst(4),
                                  testDate: date, testPassed: !(defect && !late))
                }
                f.append(("tested", .bool(test.map { $0.testPassed && $0.testDate <= $0.deployed } ?? false)))
                if classification == "emergency", let deployed, !chance(0.1) { f.append(("post_implementation_review", d(min(0, deployed + random.int(1...14))))) }
                if !standard {
                    // Two CAB members approve; a few high-risk changes have one approval only (CHG-004).
                    let second = cab[(cab.firstIndex(of: approver)! + random.int(1...(cab.count - 1))) % cab.count]
                    var approvals: [Node] = [.map([("by", s(approver)), ("date", d(approved))])]
                    if !(risk == "high" && chance(0.03)) { approvals.append(.map([("by", s(second)), ("date", d(approved))])) }
                    f.append(("approvals", .list(approvals)))
                }
                if let test {
                    f.append(("tests", .list([.map([("id", s(test.testID)), ("date", d(test.testDate)), ("result", s(test.testPassed ? "passed" : "failed"))])])))
                    deployedChanges.append(test)
                }
                w.element(f)
            }
            changesOf.append(deployedChanges)
        }
        w.beginList("releases")
        var release = 0
        for (n, svc) in live.enumerated() where !changesOf[n].isEmpty {
            for j in 0..<(chance(0.5) ? 2 : 1) {
                release += 1
                let group = Array(changesOf[n].dropFirst(j * 2).prefix(2))
                let linked = group.isEmpty ? [changesOf[n][0]] : group
                let deployed = linked.map(\.deployed).max()!
                // The release's test evidence: a passed test of one of its changes, run before it.
                let evidence = linked.first { $0.testPassed && $0.testDate <= deployed } ?? linked[0]
                let criteria = [random.pick(Array(Self.acceptanceCriteria.prefix(4))), random.pick(Array(Self.acceptanceCriteria.suffix(4)))]
                let failed = chance(0.02)
                var f: Fields = [("id", s("REL-" + Self.pad(release, 6))), ("service", s(svc.id)), ("changes", strings(linked.map(\.id))),
                                 ("tested", .bool(!chance(0.01)))]
                f.append(("test_evidence", s(chance(0.01) ? "" : evidence.testID)))
                f.append(("acceptance_criteria", strings(criteria)))
                f.append(("acceptance", .list(criteria.enumerated().map { k, criterion in
                    .map([("criterion", s(criterion)), ("result", s(failed && k == 1 ? "failed" : "passed")), ("date", d(deployed - random.int(0...2)))])
                })))
                f.append(("deployed_on", d(deployed)))
                f.append(("acceptance_criteria_met", .bool(!failed)))
                w.element(f)
            }
        }
        w.beginList("continuity_plans")
        let planSize = 10
        for start in stride(from: 0, to: live.count, by: planSize) {
            let covered = live[start..<min(live.count, start + planSize)].filter { _ in !chance(0.01) }.map(\.id)
            let r = random.unit()
            w.element([("id", s("BCP-" + Self.pad(start / planSize + 1, 5))), ("services", strings(covered)),
                       ("approved_on", d(chance(0.02) ? -random.int(370...450) : -random.int(60...300))),
                       ("tested_on", d(chance(0.02) ? -random.int(370...500) : -random.int(10...330))),
                       ("test_result", s(r < 0.02 ? "failed" : r < 0.2 ? "passed_with_actions" : "passed"))])
        }
        w.beginList("availability")
        let months = [(4, 30), (5, 31), (6, 30)]
        for svc in live {
            let target = svc.slaTarget ?? 99.5
            for (month, days) in months {
                let from = Self.daysFromCivil(2026, month, 1) - Self.asOfDay
                let shortfall = chance(0.02)
                let measured = shortfall ? target - Double(random.int(5...150)) / 100 : min(100, target + Double(random.int(0...9)) / 100)
                w.element([("service", s(svc.id)), ("period", s("2026-" + Self.two(month))), ("from", d(from)), ("to", d(from + days - 1)),
                           ("measured", .number(String(format: "%.2f", measured))), ("target", .number("\(target)"))])
            }
        }
        w.section("information_security", .map([("policy_approved_on", d(-150)), ("risk_assessed_on", d(-130)), ("controls_reviewed_on", d(-90))]))
        w.beginList("service_reports")
        for svc in live {
            // A few services have no report in the last quarter (RPT-001).
            let stale = chance(0.01)
            for (month, issued) in stale ? [(12, -207), (1, -176), (2, -148)] : [(3, -86), (4, -56), (5, -25)] {
                w.element([("id", s("RPT-" + svc.id.dropFirst(4) + "-" + Self.two(month))), ("service", s(svc.id)),
                           ("period", s((month == 12 ? "2025-" : "2026-") + Self.two(month))), ("issued_on", d(issued))])
            }
        }

        w.section("audit_programme", .map([("interval_months", .number("6")), ("cycle_months", .number("12")), ("next_due", d(60))]))
        let auditCount = max(6, services / 50)
        var nonconformities: [Nonconformity] = []
        /// A corrective action raised on `raised`, closed on time, late, or still open (then
        /// perhaps re-planned with the SMS manager's approval).
        func correctiveAction(_ id: String, owner: String, raised: Int) -> Fields {
            let due = raised + random.int(30...120)
            let closeBy = raised + random.int(10...(due - raised))
            var ca: Fields = [("id", s(id)), ("owner", s(owner))]
            if closeBy <= -1 && !chance(0.05) {
                // Closed; a few after their due date (NC-005).
                let closed = chance(0.03) ? min(-1, due + random.int(1...20)) : closeBy
                if -closed > 30 {
                    // Verified some weeks later; a few found not effective (NC-003).
                    ca += [("status", s("verified")), ("due", d(due)), ("closed_on", d(closed)),
                           ("effectiveness_verified_on", d(min(0, closed + random.int(14...60)))), ("effective", .bool(!chance(0.03)))]
                } else {
                    ca += [("status", s("closed")), ("due", d(due)), ("closed_on", d(closed))]
                }
            } else {
                ca += [("status", s(random.pick(["open", "in_progress"]))), ("due", d(due))]
                if due < 0 && !chance(0.4) {
                    // Overdue: most were re-planned with the SMS manager's approval; the rest are late (NC-002).
                    ca += [("replanned_due", d(random.int(10...(due + 365)))), ("replan_approved_by", s(smsManager))]
                }
            }
            return ca
        }
        func nonconformity(_ id: String, clause: String, source: String, description: String, raised: Int, owner: String, ca: String) -> Nonconformity {
            let category = chance(0.03) ? nil : random.pick(Self.rootCauseCategories)
            var head: Fields = [("id", s(id)), ("clause", .quoted(clause)), ("source", s(source)), ("description", s(description)), ("raised_on", d(raised))]
            if let category { head.append(("root_cause", .map([("category", s(category)), ("description", s(Self.rootCauses[category]!))]))) }
            return Nonconformity(id: id, raised: raised, category: category, head: head,
                                 tail: [("corrective_action", .map(correctiveAction(ca, owner: owner, raised: raised)))])
        }
        w.beginList("internal_audits")
        let clauses = ["4.4", "6.2", "7.5.4", "8.2.4", "8.3.3", "8.5.1.3", "8.6.1", "8.7.1", "9.1", "10.1"]
        for k in 0..<auditCount {
            let id = "IA-" + Self.pad(k + 1, 4)
            let date = -10 - (k * 350) / auditCount
            let findings = random.pick([0, 0, 1, 1, 2, 3])
            w.element([("id", s(id)), ("date", d(date)), ("scope", strings((0..<5).map { Self.processIDs[(k * 5 + $0) % Self.processIDs.count] })),
                       ("auditor", s(Self.person(500 + k % 5))), ("auditor_independent", .bool(!chance(0.02))), ("findings_count", .number("\(findings)"))])
            let recorded = findings > 0 && chance(0.03) ? findings - 1 : findings
            for j in 0..<recorded {
                nonconformities.append(nonconformity("NC-" + Self.pad(k + 1, 4) + "-\(j + 1)", clause: random.pick(clauses), source: id,
                                                     description: "Audit finding \(j + 1) of \(id)", raised: date,
                                                     owner: processOwners[(k + j) % 8], ca: "CA-" + Self.pad(k + 1, 4) + "-\(j + 1)"))
            }
        }
        // Management reviews: each decides actions, followed up at the next one.
        let reviewDays = [-40, -220, -400]
        let actionCount = 2 + services / 250
        w.beginList("management_reviews")
        for (k, date) in reviewDays.enumerated() {
            var actions: [Node] = []
            for a in 0..<actionCount {
                let due = date + random.int(30...300)
                var f: Fields = [("id", s("MRA-" + Self.pad(k + 1, 3) + "-\(a + 1)")), ("description", s("Review action \(a + 1)")),
                                 ("owner", s(managers[(k + a) % managers.count])), ("due", d(due))]
                if due <= -1 && !chance(0.04) {
                    f += [("status", s("closed")), ("closed_on", d(max(date + 1, due - random.int(0...20))))]
                } else {
                    // Still open: on time unless already due (MR-007).
                    f.append(("status", s(random.pick(["open", "in_progress"]))))
                }
                actions.append(.map(f))
            }
            var f: Fields = [("id", s("MR-" + Self.pad(k + 1, 3))), ("date", d(date)), ("attendees", strings([topManager, smsManager] + processOwners.prefix(3))),
                             ("top_management_present", .bool(true)), ("inputs", strings(Self.reviewInputs)),
                             ("outputs", strings(["Approve second on-call tier", "Fund CMDB clean-up"])), ("actions", .list(actions))]
            if k + 1 < reviewDays.count {
                // The previous review's actions; one is sometimes left out (MR-006).
                let skipped = chance(0.1) ? random.int(1...actionCount) : 0
                f.append(("followed_up", strings((1...actionCount).filter { $0 != skipped }.map { "MRA-" + Self.pad(k + 2, 3) + "-\($0)" })))
            }
            w.element(f)
        }
        nonconformities.append(nonconformity("NC-MR-001-1", clause: "7.2", source: "MR-001", description: "Competence requirements of the new on-call tier not defined",
                                             raised: reviewDays[0], owner: smsManager, ca: "CA-MR-001-1"))
        w.beginList("nonconformities")
        for nc in nonconformities {
            var f = nc.head
            if let category = nc.category {
                // Earlier nonconformities of the same root cause in the 12 months before; a few
                // recurrences are not recognised (NC-006).
                let earlier = nonconformities.filter { e in
                    e.id != nc.id && e.category == category && nc.raised - e.raised <= 365
                        && (e.raised < nc.raised || e.raised == nc.raised && e.id < nc.id)
                }.map(\.id)
                if !earlier.isEmpty && !chance(0.03) { f.append(("recurrence_of", strings(earlier))) }
            }
            w.element(f + nc.tail)
        }
        w.beginList("improvements")
        for f in improvements { w.element(f) }
        let issued = -650
        w.section("certificate", .map([
            ("number", s("CB-20K-4471")), ("body", s("Example Certification Ltd")),
            ("scope", .map([("statement", s("Managed IT services from Leeds, Glasgow and Cork")), ("services", strings(live.map(\.id)))])),
            ("issued_on", d(issued)), ("expires_on", d(issued + 1095)),
        ]))
        let body = s("Example Certification Ltd")
        func finding(_ id: String, _ grade: String, _ text: String, closed: Int?) -> Node {
            var f: Fields = [("id", s(id)), ("grade", s(grade)), ("description", s(text))]
            if let closed { f.append(("closed_on", d(closed))) }
            return .map(f)
        }
        w.beginList("certification_audits")
        w.element([("id", s("CB-S1")), ("type", s("stage1")), ("date", d(issued - 75)), ("body", body),
                   ("findings", .list([finding("CB-S1-01", "observation", "Supplier review records thin", closed: nil)]))])
        w.element([("id", s("CB-S2")), ("type", s("stage2")), ("date", d(issued - 40)), ("body", body),
                   ("findings", .list([finding("CB-S2-01", "minor", "Configuration items without an owner", closed: issued - 20)]))])
        w.element([("id", s("CB-SV1")), ("type", s("surveillance")), ("date", d(issued + 330)), ("body", body),
                   ("findings", .list([finding("CB-SV1-01", "minor", "Emergency changes without a review", closed: issued + 370),
                                       finding("CB-SV1-02", "observation", "Consider trend analysis of service requests", closed: nil)]))])
        w.element([("id", s("CB-SV2")), ("type", s("surveillance")), ("date", d(-55)), ("body", body),
                   ("findings", .list([finding("CB-SV2-01", "minor", "Two supplier contracts reviewed late", closed: nil)]))])
    }
}
