import Crypto
import Foundation
import StocktakeCore

/// The key that seals ballots while a vote is open. It is never stored in the database: the server and the
/// command line are given it as a file (`--ballot-key-file` or `STOCKTAKE_BALLOT_KEY_FILE`), so a copy of the
/// database alone holds no readable ballot. The file holds 32 random bytes as 64 hexadecimal digits.
public struct BallotKey: Sendable {
    let key: SymmetricKey

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public static func generate() -> BallotKey { BallotKey(key: SymmetricKey(size: .bits256)) }

    init(key: SymmetricKey) { self.key = key }

    /// Reads a key file, refusing anything but 64 hexadecimal digits (and a line end).
    public init(contentsOfFile path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Invalid(description: "ballot key file \(path): cannot be read; expected a file of 64 hexadecimal digits (stocktake poll key --out FILE writes one)")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 256)) ?? Data()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Self.bytes(hex: text), bytes.count == 32 else {
            throw Invalid(description: "ballot key file \(path): holds \(data.count) bytes that are not a key; expected 64 hexadecimal digits (32 random bytes)")
        }
        key = SymmetricKey(data: bytes)
    }

    /// Writes the key as 64 hexadecimal digits to a new file readable by its owner only.
    public func write(to path: String) throws {
        let text = key.withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined() + "\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Invalid(description: "ballot key file \(path): cannot be written")
        }
    }

    /// A short value that tells whether ballots were sealed with this key, without revealing it.
    var check: String {
        Data(HMAC<SHA256>.authenticationCode(for: Data("stocktake ballot key check".utf8), using: key)).prefix(16)
            .map { String(format: "%02x", $0) }.joined()
    }

    /// One byte per official, so every ballot of a vote seals to the same length. The poll's code is bound
    /// into the seal, so a ballot cannot be moved to another vote.
    func seal(_ answers: [ConfidencePoll.Answer], poll: String) throws -> String {
        let plain = Data(answers.map { UInt8(ConfidencePoll.Answer.allCases.firstIndex(of: $0)!) })
        let box = try AES.GCM.seal(plain, using: key, nonce: AES.GCM.Nonce(), authenticating: Data(poll.utf8))
        return box.combined!.base64EncodedString()
    }

    func open(_ sealed: String, poll: String, officials: Int) throws -> [ConfidencePoll.Answer] {
        guard let data = Data(base64Encoded: sealed),
            let plain = try? AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key, authenticating: Data(poll.utf8)),
            plain.count == officials, plain.allSatisfy({ Int($0) < ConfidencePoll.Answer.allCases.count })
        else { throw PollError.sealedBallot(poll) }
        return plain.map { ConfidencePoll.Answer.allCases[Int($0)] }
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0, digits.allSatisfy({ (48...57).contains($0) || (97...102).contains($0 | 0x20) }) else { return nil }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i...i + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
