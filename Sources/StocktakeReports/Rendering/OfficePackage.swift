import Foundation
import ZIPFoundation

/// An Office Open XML package (DOCX, XLSX): named XML parts deflated into one ZIP, in memory.
enum OfficePackage {
    static func zip(_ parts: [(path: String, xml: String)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, xml) in parts {
            let data = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
