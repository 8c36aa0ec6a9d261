import Foundation
import Testing

/// `clause check --format html`: the golden page, byte-identical reruns, a self-contained page,
/// escaping, and what a real browser (headless Chromium) renders from it after its script ran.
@Suite(.serialized) struct HTMLReportTests {
    /// `--pack` is given relatively so rule sources in the page do not depend on the checkout path.
    static let check = ["check", "samples/acme-2026-q2.yaml", "--pack", "rules/iso20000-1", "--waivers", "samples/waivers.yaml"]

    @Test func matchesGoldenAndIsByteIdenticalOnRerun() throws {
        let first = try CLIRunner.run(Self.check + ["--format", "html"])
        let second = try CLIRunner.run(Self.check + ["--format", "html"])
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stderr.isEmpty, "\(first.stderr)")
        #expect(first.stdout == second.stdout, "two runs gave different bytes")
        #expect(first.stdout.hasPrefix("<!DOCTYPE html>\n"))
        try CheckCommandTests.compare(first.stdout, golden: "acme-2026-q2.html")
    }

    @Test func pageIsSelfContained() throws {
        let html = try CLIRunner.run(Self.check + ["--format", "html"]).stdout
        let tags = Self.startTags(in: html)
        #expect(!tags.isEmpty)
        for tag in tags {
            for name in ["src", "href", "action", "srcset", "poster", "data", "xlink:href"] {
                if let value = tag.attributes[name] {
                    #expect(!Self.isRemote(value), "<\(tag.name) \(name)=\"\(value)\"> points at the network")
                }
            }
            #expect(tag.name != "link", "a <link> element: <\(tag.name) \(tag.attributes)>")
            #expect(tag.name != "iframe" && tag.name != "object" && tag.name != "embed" && tag.name != "img")
            if tag.name == "script" { #expect(tag.attributes["src"] == nil, "<script src> is not allowed") }
        }
        #expect(tags.filter { $0.name == "script" }.count == 1)
        #expect(tags.filter { $0.name == "style" }.count == 1)
        #expect(html.range(of: #"<link[^>]*stylesheet"#, options: [.regularExpression, .caseInsensitive]) == nil)
        #expect(html.range(of: #"(src|href)\s*=\s*["']?\s*(https?:)?//"#, options: [.regularExpression, .caseInsensitive]) == nil)
        #expect(html.range(of: #"@import|url\("#, options: [.regularExpression, .caseInsensitive]) == nil)
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        // Only the page's own style and script run, by hash: nothing inline may.
        #expect(!html.contains("unsafe-inline"))
        #expect(html.contains("style-src 'sha256-") && html.contains("script-src 'sha256-"))
    }

    @Test func theDiffPageRunsNoScriptAndOnlyItsOwnStyle() throws {
        let run = try CLIRunner.run(["diff", "samples/acme-2026-q2.yaml", "samples/acme-2026-q3.yaml", "--format", "html", "--fail-on", "none"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-"))
        #expect(run.stdout.contains("script-src 'none'"))
        #expect(!run.stdout.contains("unsafe-inline"))
    }

    @Test func hostileSnapshotValuesAreEscaped() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            as_of: 2026-06-30
            services:
              - id: "SVC-<b>1</b>"
                name: "<script>alert('x')</script> & \\"quoted\\""
                status: live

            """.write(to: dir.appendingPathComponent("hostile.yaml"), atomically: true, encoding: .utf8)
        try """
            waivers:
              - rule: SLM-001
                key: "SVC-<b>1</b>"
                reason: "<img src=x onerror=alert(1)> accepted"
                approved_by: "Eve <eve@example.com>"
                expires: 2027-01-31

            """.write(to: dir.appendingPathComponent("waivers.yaml"), atomically: true, encoding: .utf8)
        let pack = CLIRunner.packageRoot.appendingPathComponent("rules/iso20000-1").path
        let out = try CLIRunner.run(["check", "hostile.yaml", "--pack", pack, "--waivers", "waivers.yaml", "--format", "html"], in: dir)
        #expect(out.status == 1, "\(out.stderr)")
        let html = out.stdout
        #expect(html.contains("Service &lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quoted\" (SVC-&lt;b&gt;1&lt;/b&gt;)"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; accepted"))
        #expect(html.contains("Eve &lt;eve@example.com&gt;"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        let tags = Self.startTags(in: html)
        #expect(tags.filter { $0.name == "script" }.count == 1)
        #expect(tags.contains { $0.name == "article" && $0.attributes["data-rule"] == "SLM-001" && $0.attributes["data-outcome"] == "waived" })
    }

    // MARK: In a real browser

    /// Every clause of the pack is in the DOM Chromium builds, nested under its parent, with the
    /// status and counts of the JSON report of the same run; every finding is there; the script
    /// ran without an error or a CSP violation; and the page made no network request.
    @Test func chromiumRendersEveryClauseAndFetchesNothing() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        let results = dir.appendingPathComponent("results.json")
        let run = try CLIRunner.run(Self.check + ["--format", "html", "--output", page.path, "--format", "json", "--output", results.path])
        #expect(run.status == 1, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: results)) as? [String: Any])
        let clauses = try #require(report["clauses"] as? [[String: Any]])
        let findings = (report["snapshots"] as? [[String: Any]] ?? []).flatMap { $0["findings"] as? [[String: Any]] ?? [] }
        #expect(clauses.count > 50, "the pack's catalogue should be in the JSON report")

        let browser = try Browser.open(page)
        #expect(browser.consoleMessages.isEmpty, "the page logged: \(browser.consoleMessages)")
        #expect(browser.pageRequests.isEmpty, "the page fetched from the network: \(browser.pageRequests)")

        let tags = Self.startTags(in: browser.dom)
        #expect(tags.first { $0.name == "html" }?.attributes["data-js"] == "on", "the page's script did not run")
        #expect(tags.first { $0.attributes["id"] == "filters" }?.attributes["hidden"] == nil, "the script did not show the filters")
        #expect(browser.dom.contains("Showing \(findings.count) of \(findings.count) findings"))
        #expect(tags.first { $0.attributes["id"] == "gate" }?.attributes["data-gate"] == report["gate"] as? String)

        let rendered = Self.clauseElements(in: browser.dom)
        #expect(rendered.count == clauses.count, "\(rendered.count) clause elements for \(clauses.count) clauses")
        let byNumber = Dictionary(rendered.map { ($0.attributes["data-clause"] ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        for clause in clauses {
            let number = clause["number"] as? String ?? ""
            guard let element = byNumber[number] else {
                Issue.record("clause \(number) is not in the rendered page")
                continue
            }
            #expect(element.attributes["data-status"] == clause["status"] as? String, "status of \(number)")
            for key in ["pass", "fail", "waived", "error", "rules"] {
                #expect(element.attributes["data-\(key)"] == (clause[key] as? Int).map(String.init), "\(key) of \(number)")
            }
            #expect(element.parent == clause["parent"] as? String, "clause \(number) should nest under \(clause["parent"] as? String ?? "nothing")")
        }

        let articles = tags.filter { $0.name == "article" && $0.attributes["class"]?.hasPrefix("finding") == true }
        func signature(_ values: [String?]) -> String { values.map { $0 ?? "-" }.joined(separator: "|") }
        let shown = articles.map { signature([$0.attributes["data-rule"], $0.attributes["data-severity"], $0.attributes["data-stage"], $0.attributes["data-outcome"]]) }
        let expected = findings.map { signature([$0["rule"] as? String, $0["severity"] as? String, $0["stage"] as? String, $0["outcome"] as? String]) }
        #expect(shown.sorted() == expected.sorted())
        #expect(articles.allSatisfy { $0.attributes["hidden"] == nil }, "every finding is visible by default")
    }

    /// The filters, driven through the URL fragment, hide exactly the findings they should.
    @Test(arguments: [
        ("outcome=waived", "waived outcome"),
        ("severity=major&stage=operation", "major operation"),
    ])
    func chromiumFiltersFindings(fragment: String, _ label: String) throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        _ = try CLIRunner.run(Self.check + ["--format", "html", "--output", page.path])
        let browser = try Browser.open(page, fragment: fragment)
        #expect(browser.consoleMessages.isEmpty, "\(browser.consoleMessages)")
        var wanted: [String: Set<String>] = [:]
        for part in fragment.split(separator: "&") {
            let pair = part.split(separator: "=")
            wanted[String(pair[0])] = Set(pair[1].split(separator: ",").map(String.init))
        }
        let articles = Self.startTags(in: browser.dom).filter { $0.name == "article" && $0.attributes["data-rule"] != nil }
        #expect(!articles.isEmpty)
        var visible = 0
        for article in articles {
            let matches = wanted.allSatisfy { name, values in values.contains(article.attributes["data-\(name)"] ?? "") }
            #expect((article.attributes["hidden"] == nil) == matches, "\(label): \(article.attributes)")
            if matches { visible += 1 }
        }
        #expect(visible > 0, "\(label) should leave some findings")
        #expect(browser.dom.contains("Showing \(visible) of \(articles.count) findings"))
    }

    /// The network check must see a request when a page makes one; otherwise passing proves nothing.
    @Test func networkCheckDetectsAPageThatFetches() throws {
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("fetches.html")
        try #"<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example.com/a.css"></head><body><img src="http://example.com/x.png"></body></html>"#
            .write(to: page, atomically: true, encoding: .utf8)
        let browser = try Browser.open(page)
        #expect(browser.pageRequests.contains("http://example.com/x.png"), "\(browser.pageRequests)")
        #expect(browser.pageRequests.contains("https://cdn.example.com/a.css"), "\(browser.pageRequests)")
    }

    // MARK: Reading HTML

    struct Tag {
        var name: String
        var attributes: [String: String]
    }

    /// Start tags with their attributes; enough for Chromium's serialisation (double-quoted
    /// values, `&quot;` inside) and for the reporter's own output.
    static func startTags(in html: String) -> [Tag] {
        let tagPattern = try! NSRegularExpression(pattern: #"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*/?>"#)
        let attributePattern = try! NSRegularExpression(pattern: #"([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?"#)
        let ns = html as NSString
        return tagPattern.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { match in
            let name = ns.substring(with: match.range(at: 1)).lowercased()
            let body = ns.substring(with: match.range(at: 2))
            let nb = body as NSString
            var attributes: [String: String] = [:]
            for a in attributePattern.matches(in: body, range: NSRange(location: 0, length: nb.length)) {
                let key = nb.substring(with: a.range(at: 1)).lowercased()
                let value = (2...4).lazy.map { a.range(at: $0) }.first { $0.location != NSNotFound }.map { nb.substring(with: $0) } ?? ""
                attributes[key] = decodeEntities(value)
            }
            return Tag(name: name, attributes: attributes)
        }
    }

    static func decodeEntities(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func isRemote(_ url: String) -> Bool {
        let u = url.trimmingCharacters(in: .whitespaces).lowercased()
        return u.hasPrefix("http:") || u.hasPrefix("https:") || u.hasPrefix("//") || u.hasPrefix("ftp:")
    }

    struct ClauseElement {
        var attributes: [String: String]
        /// The `data-clause` of the nearest enclosing clause element.
        var parent: String?
    }

    /// Clause elements (`<li data-clause>`) with the clause element each is nested in, found by
    /// tracking open and closed `<li>` elements.
    static func clauseElements(in html: String) -> [ClauseElement] {
        let pattern = try! NSRegularExpression(pattern: #"<li\b[^>]*>|</li\s*>"#, options: [.caseInsensitive])
        let ns = html as NSString
        var stack: [String?] = []
        var found: [ClauseElement] = []
        for match in pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let token = ns.substring(with: match.range)
            if token.hasPrefix("</") {
                _ = stack.popLast()
                continue
            }
            let tag = startTags(in: token).first
            let clause = tag?.attributes["data-clause"]
            if let tag, clause != nil {
                found.append(ClauseElement(attributes: tag.attributes, parent: stack.last { $0 != nil } ?? nil))
            }
            stack.append(clause)
        }
        return found
    }
}

/// Headless Chromium loading a page: the DOM after its scripts ran, what it logged to the console,
/// and the requests the page itself made (from the net log).
struct Browser {
    var dom: String
    var consoleMessages: [String]
    var pageRequests: [String]

    static func executable() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let path = env["CLAUSE_CHROMIUM"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        let dirs = (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for dir in dirs where FileManager.default.isExecutableFile(atPath: dir + "/" + name) { return dir + "/" + name }
        }
        return nil
    }

    static func open(_ page: URL, fragment: String? = nil) throws -> Browser {
        // Fails, never skips: the HTML report's contract is checked in a browser or not at all.
        let chromium = try #require(executable(), "headless Chromium is needed for the HTML report tests and was not found on PATH (or at CLAUSE_CHROMIUM); install it with `apt-get install -y chromium` (scripts/setup-tests does), or point CLAUSE_CHROMIUM at it")
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let netLog = dir.appendingPathComponent("net-log.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=" + dir.appendingPathComponent("profile").path,
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
            // Nothing can leave the machine, and whatever is tried still shows in the net log.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--log-net-log=" + netLog.path,
            "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=5000",
            "--dump-dom", page.absoluteString + (fragment.map { "#" + $0 } ?? ""),
        ]
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("chromium did not finish within 120 s")
        }
        try out.close()
        try err.close()
        let dom = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        #expect(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus): \(stderr.suffix(2000))")
        #expect(dom.contains("</html>"), "chromium printed no DOM: \(stderr.suffix(2000))")
        let console = stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Browser(dom: dom, consoleMessages: console, pageRequests: try requests(in: netLog))
    }

    /// The http(s) URLs requested on behalf of a page. Chromium's own background services
    /// (component updater, network time, accounts) also show in the log; their requests have
    /// no initiating origin (`not an origin`), while a page's carry its origin (`null` for file:).
    static func requests(in netLog: URL) throws -> [String] {
        var data = try Data(contentsOf: netLog)
        // A log cut short at exit lacks its closing brackets; the events before are intact.
        if (try? JSONSerialization.jsonObject(with: data)) == nil {
            var text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.hasSuffix(",") { text.removeLast() }
            data = Data((text + "]}").utf8)
        }
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "unreadable net log")
        let constants = log["constants"] as? [String: Any] ?? [:]
        let types = constants["logEventTypes"] as? [String: Int] ?? [:]
        let startJob = try #require(types["URL_REQUEST_START_JOB"], "net log has no URL_REQUEST_START_JOB type")
        var urls: [String] = []
        for event in log["events"] as? [[String: Any]] ?? [] {
            guard event["type"] as? Int == startJob, let params = event["params"] as? [String: Any],
                  let url = params["url"] as? String else { continue }
            let lower = url.lowercased()
            guard lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("ws") else { continue }
            if params["initiator"] as? String == "not an origin" { continue }
            if !urls.contains(url) { urls.append(url) }
        }
        return urls
    }
}
