import CoreMetrics
import Prometheus

/// The process's metrics, kept by swift-prometheus and written for `/metrics` in Prometheus' text exposition
/// format: counters, gauges, and timers as histograms in seconds.
enum PrometheusMetrics {
    /// swift-metrics takes one backend per process, so every application in it shares this registry.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Finer than the library's default at the low end, where a page's time lies.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        factory.nameAndLabelSanitizer = { name, labels in
            (metricName(name, seconds: name.hasSuffix("duration")), labels.map { (metricName($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    static func exposition() -> String { registry.emitToString() }

    /// Hummingbird's labels ("http.server.request.duration") as Prometheus names; a duration in seconds says so.
    static func metricName(_ label: String, seconds: Bool = false) -> String {
        String(label.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }) + (seconds ? "_seconds" : "")
    }
}
