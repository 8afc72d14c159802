import Foundation

/// Progress of long work on standard error: a bar redrawn in place on a terminal, a line every tenth otherwise
/// (logs and CI), so that standard output stays the command's result.
struct Progress {
    let title: String
    let total: Int
    let started = Date()
    private var lastTenth = -1
    private let interactive = isatty(STDERR_FILENO) == 1

    init(_ title: String, total: Int) {
        self.title = title
        self.total = max(total, 1)
    }

    mutating func update(_ done: Int) {
        let fraction = min(Double(done) / Double(total), 1)
        let seconds = Date().timeIntervalSince(started)
        let rate = seconds > 0 ? Int(Double(done) / seconds) : 0
        if interactive {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandle.standardError.write(Data("\r\(title) [\(bar)] \(Int(fraction * 100)) % \(done)/\(total) (\(rate)/s)   ".utf8))
        } else if Int(fraction * 10) > lastTenth {
            lastTenth = Int(fraction * 10)
            FileHandle.standardError.write(Data("\(title): \(Int(fraction * 100)) % (\(done)/\(total), \(rate)/s)\n".utf8))
        }
    }

    func finish() {
        let seconds = Date().timeIntervalSince(started)
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
        FileHandle.standardError.write(Data(String(format: "\(title): done in %.1f s\n", seconds).utf8))
    }
}
