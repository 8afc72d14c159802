import Foundation

/// Stops the run with the broken invariant and the input, so that libFuzzer records the input as a crash.
public func invariant(_ holds: @autoclosure () -> Bool, _ message: @autoclosure () -> String, input: [UInt8]) {
    guard !holds() else { return }
    // A trap rather than abort(): libFuzzer catches it and writes the input out as a reproducer.
    fatalError("invariant broken: \(message())\ninput (\(input.count) bytes): \(String(decoding: input, as: UTF8.self).debugDescription)")
}

/// The bytes libFuzzer hands over.
public func bytes(_ start: UnsafeRawPointer, _ count: Int) -> [UInt8] {
    Array(UnsafeRawBufferPointer(start: start, count: count))
}

public typealias FuzzTarget = @convention(c) (UnsafeRawPointer, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ target: FuzzTarget) -> CInt

/// Hands the command line to libFuzzer's driver. Each target's top-level code calls this: the package manager
/// names an executable's entry point itself, so libFuzzer's own `main` cannot be it.
public func runFuzzer(_ target: FuzzTarget) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}
