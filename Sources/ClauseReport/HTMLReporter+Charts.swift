import ClauseRules

/// Inline SVG charts: nonconformities by top-level clause (stacked by severity) and by severity.
/// Coordinates are rounded to one decimal so the bytes never depend on floating-point printing.
extension Page {
    func charts() -> String {
        """
        <section id="charts">
        <h2>Nonconformities</h2>
        <div class="charts">
        <figure class="chart">
        <figcaption>By top-level clause</figcaption>
        \(clauseChart())<ul class="legend"><li><span class="swatch swatch-major"></span>major</li><li><span class="swatch swatch-minor"></span>minor</li><li><span class="swatch swatch-observation"></span>observation</li></ul>
        <p class="chart-note">Each nonconformity counts once, under the first clause it cites. Waived findings and rule errors are not counted.</p>
        </figure>
        <figure class="chart">
        <figcaption>By severity</figcaption>
        \(severityChart())</figure>
        </div>
        </section>

        """
    }

    /// Stacked bars, one per top-level clause of the catalogue (4 to 10 for ISO/IEC 20000-1).
    private func clauseChart() -> String {
        let severities = Severity.allCases.reversed()
        var counts: [String: [Severity: Int]] = [:]
        for f in nonconformities {
            guard let first = f.clauses.first?.number else { continue }
            let top = first.split(separator: ".").first.map(String.init) ?? first
            counts[top, default: [:]][f.severity, default: 0] += 1
        }
        let totals = roots.map { root in counts[root.number]?.values.reduce(0, +) ?? 0 }
        let (top, step) = Self.scale(totals.max() ?? 0)
        let width = 640.0, height = 280.0
        let left = 40.0, right = 12.0, upper = 24.0, lower = 48.0
        let plotW = width - left - right, plotH = height - upper - lower
        let y = { (v: Int) in upper + plotH - plotH * Double(v) / Double(top) }
        var svg = """
            <svg class="chart-svg" viewBox="0 0 \(Self.n(width)) \(Self.n(height))" role="img" aria-labelledby="chart-clause-title chart-clause-desc" data-chart="by-clause">
            <title id="chart-clause-title">Nonconformities by clause</title>
            <desc id="chart-clause-desc">\(text(roots.enumerated().map { "clause \($0.element.number): \(totals[$0.offset])" }.joined(separator: ", ")))</desc>

            """
        for tick in stride(from: 0, through: top, by: step) {
            svg += "<line class=\"grid\" x1=\"\(Self.n(left))\" x2=\"\(Self.n(width - right))\" y1=\"\(Self.n(y(tick)))\" y2=\"\(Self.n(y(tick)))\"/>"
            svg += "<text class=\"axis\" x=\"\(Self.n(left - 8))\" y=\"\(Self.n(y(tick) + 4))\" text-anchor=\"end\">\(tick)</text>\n"
        }
        let band = plotW / Double(max(roots.count, 1))
        let barW = min(band * 0.6, 56)
        for (i, root) in roots.enumerated() {
            let x = left + band * Double(i) + (band - barW) / 2
            let byS = counts[root.number] ?? [:]
            let detail = severities.map { "\(byS[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
            svg += "<g class=\"bar\" data-clause=\"\(attr(root.number))\" data-count=\"\(totals[i])\">"
            svg += "<title>\(text("\(root.number) \(root.title): \(totals[i]) (\(detail))"))</title>"
            var base = 0
            for s in severities {
                let v = byS[s] ?? 0
                guard v > 0 else { continue }
                svg += "<rect class=\"bar-\(s.rawValue)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y(base + v)))\" width=\"\(Self.n(barW))\" height=\"\(Self.n(y(base) - y(base + v)))\"/>"
                base += v
            }
            let centre = x + barW / 2
            svg += "<text class=\"value\" x=\"\(Self.n(centre))\" y=\"\(Self.n(y(totals[i]) - 6))\" text-anchor=\"middle\">\(totals[i])</text>"
            svg += "<text class=\"label\" x=\"\(Self.n(centre))\" y=\"\(Self.n(upper + plotH + 18))\" text-anchor=\"middle\">\(text(root.number))</text>"
            svg += "<text class=\"sublabel\" x=\"\(Self.n(centre))\" y=\"\(Self.n(upper + plotH + 34))\" text-anchor=\"middle\">\(text(root.phase))</text>"
            svg += "</g>\n"
        }
        svg += "<line class=\"baseline\" x1=\"\(Self.n(left))\" x2=\"\(Self.n(width - right))\" y1=\"\(Self.n(y(0)))\" y2=\"\(Self.n(y(0)))\"/>\n"
        svg += "</svg>\n"
        return svg
    }

    /// Horizontal bars, one per severity, most severe first.
    private func severityChart() -> String {
        let severities = Array(Severity.allCases.reversed())
        let values = severities.map { count($0) }
        let (top, step) = Self.scale(values.max() ?? 0)
        let width = 640.0, row = 56.0
        let left = 112.0, right = 40.0, upper = 16.0, lower = 32.0
        let height = upper + row * Double(severities.count) + lower
        let plotW = width - left - right
        let x = { (v: Int) in left + plotW * Double(v) / Double(top) }
        var svg = """
            <svg class="chart-svg" viewBox="0 0 \(Self.n(width)) \(Self.n(height))" role="img" aria-labelledby="chart-severity-title chart-severity-desc" data-chart="by-severity">
            <title id="chart-severity-title">Nonconformities by severity</title>
            <desc id="chart-severity-desc">\(severities.enumerated().map { "\($0.element.rawValue): \(values[$0.offset])" }.joined(separator: ", "))</desc>

            """
        let bottom = upper + row * Double(severities.count)
        for tick in stride(from: 0, through: top, by: step) {
            svg += "<line class=\"grid\" x1=\"\(Self.n(x(tick)))\" x2=\"\(Self.n(x(tick)))\" y1=\"\(Self.n(upper))\" y2=\"\(Self.n(bottom))\"/>"
            svg += "<text class=\"axis\" x=\"\(Self.n(x(tick)))\" y=\"\(Self.n(bottom + 18))\" text-anchor=\"middle\">\(tick)</text>\n"
        }
        for (i, s) in severities.enumerated() {
            let top = upper + row * Double(i) + 12
            let barH = row - 24
            svg += "<g class=\"bar\" data-severity=\"\(s.rawValue)\" data-count=\"\(values[i])\"><title>\(s.rawValue): \(values[i])</title>"
            svg += "<text class=\"label\" x=\"\(Self.n(left - 12))\" y=\"\(Self.n(top + barH / 2 + 5))\" text-anchor=\"end\">\(s.rawValue)</text>"
            if values[i] > 0 {
                svg += "<rect class=\"bar-\(s.rawValue)\" x=\"\(Self.n(left))\" y=\"\(Self.n(top))\" width=\"\(Self.n(x(values[i]) - left))\" height=\"\(Self.n(barH))\"/>"
            }
            svg += "<text class=\"value\" x=\"\(Self.n(x(values[i]) + 8))\" y=\"\(Self.n(top + barH / 2 + 5))\">\(values[i])</text>"
            svg += "</g>\n"
        }
        svg += "<line class=\"baseline\" x1=\"\(Self.n(left))\" x2=\"\(Self.n(left))\" y1=\"\(Self.n(upper))\" y2=\"\(Self.n(bottom))\"/>\n"
        svg += "</svg>\n"
        return svg
    }

    /// A round axis maximum and tick step (1, 2 or 5 times a power of ten, at most five ticks).
    static func scale(_ maximum: Int) -> (top: Int, step: Int) {
        guard maximum > 0 else { return (1, 1) }
        var magnitude = 1
        while true {
            for factor in [1, 2, 5] {
                let step = factor * magnitude
                let ticks = (maximum + step - 1) / step
                if ticks <= 5 { return (ticks * step, step) }
            }
            magnitude *= 10
        }
    }

    /// `x` rounded to one decimal, without a trailing `.0`.
    static func n(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let whole = abs(tenths) / 10, fraction = abs(tenths) % 10
        return sign + (fraction == 0 ? "\(whole)" : "\(whole).\(fraction)")
    }
}
