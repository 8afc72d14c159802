import CoreMetrics
import Foundation

/// A swift-metrics backend that keeps every series in memory and writes them in Prometheus' text exposition
/// format for `/metrics`: counters as counters, timers as histograms in seconds, meters and recorders as gauges.
final class PrometheusMetrics: MetricsFactory, @unchecked Sendable {
    /// The process's registry: swift-metrics takes one backend per process, so every application shares it.
    static let shared: PrometheusMetrics = {
        let metrics = PrometheusMetrics()
        MetricsSystem.bootstrap(metrics)
        return metrics
    }()

    private let lock = NSLock()
    private var series: [Key: Series] = [:]

    struct Key: Hashable {
        let name: String
        let labels: [Label]
    }

    struct Label: Hashable {
        let name: String
        let value: String
    }

    enum Kind {
        case counter, gauge, histogram
    }

    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    final class Series: CounterHandler, FloatingPointCounterHandler, RecorderHandler, MeterHandler, TimerHandler, @unchecked Sendable {
        let kind: Kind
        private let lock = NSLock()
        private var value: Double = 0
        private var count: Int64 = 0
        private var bucketCounts = [Int64](repeating: 0, count: PrometheusMetrics.buckets.count)

        init(kind: Kind) { self.kind = kind }

        func increment(by amount: Int64) { lock.withLock { value += Double(amount) } }
        func increment(by amount: Double) { lock.withLock { value += amount } }
        func decrement(by amount: Double) { lock.withLock { value -= amount } }
        func reset() { lock.withLock { value = 0 } }
        func record(_ value: Int64) { set(Double(value)) }
        func record(_ value: Double) { set(value) }
        func set(_ value: Int64) { set(Double(value)) }
        func set(_ value: Double) { lock.withLock { self.value = value } }

        func recordNanoseconds(_ duration: Int64) {
            let seconds = Double(duration) / 1e9
            lock.withLock {
                value += seconds
                count += 1
                if let index = PrometheusMetrics.buckets.firstIndex(where: { seconds <= $0 }) { bucketCounts[index] += 1 }
            }
        }

        var snapshot: (value: Double, count: Int64, buckets: [Int64]) { lock.withLock { (value, count, bucketCounts) } }
    }

    private func series(_ label: String, _ dimensions: [(String, String)], _ kind: Kind) -> Series {
        let key = Key(name: Self.metricName(label) + (kind == .histogram ? "_seconds" : ""), labels: dimensions.map { Label(name: Self.metricName($0.0), value: $0.1) })
        return lock.withLock {
            if let existing = series[key] { return existing }
            let created = Series(kind: kind)
            series[key] = created
            return created
        }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler { series(label, dimensions, .counter) }
    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler { series(label, dimensions, .counter) }
    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler { series(label, dimensions, .gauge) }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler { series(label, dimensions, .gauge) }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler { series(label, dimensions, .histogram) }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    func destroyMeter(_ handler: any MeterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    /// Every series in the text exposition format, grouped by metric name.
    func exposition() -> String {
        let all = lock.withLock { series }
        var out = ""
        for (name, entries) in Dictionary(grouping: all, by: { $0.key.name }).sorted(by: { $0.key < $1.key }) {
            let kind = entries[0].value.kind
            out += "# TYPE \(name) \(kind == .counter ? "counter" : kind == .gauge ? "gauge" : "histogram")\n"
            for (key, series) in entries.sorted(by: { "\($0.key.labels)" < "\($1.key.labels)" }) {
                let snapshot = series.snapshot
                switch kind {
                case .counter, .gauge:
                    out += "\(name)\(Self.labels(key.labels)) \(Self.number(snapshot.value))\n"
                case .histogram:
                    var cumulative: Int64 = 0
                    for (bound, count) in zip(Self.buckets, snapshot.buckets) {
                        cumulative += count
                        out += "\(name)_bucket\(Self.labels(key.labels + [Label(name: "le", value: Self.number(bound))])) \(cumulative)\n"
                    }
                    out += "\(name)_bucket\(Self.labels(key.labels + [Label(name: "le", value: "+Inf")])) \(snapshot.count)\n"
                    out += "\(name)_sum\(Self.labels(key.labels)) \(Self.number(snapshot.value))\n"
                    out += "\(name)_count\(Self.labels(key.labels)) \(snapshot.count)\n"
                }
            }
        }
        return out
    }

    static func metricName(_ label: String) -> String {
        String(label.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    static func labels(_ labels: [Label]) -> String {
        guard !labels.isEmpty else { return "" }
        let escaped = labels.map { label in
            let value = label.value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            return "\(label.name)=\"\(value)\""
        }
        return "{" + escaped.joined(separator: ",") + "}"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
