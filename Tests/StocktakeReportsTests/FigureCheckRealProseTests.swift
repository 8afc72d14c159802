import StocktakeReports
import Testing

/// Sentences of public review texts (the corpus's development part, Samples/corpus), as published and with one
/// figure changed: the patterns real prose uses, read as claims, and the figures that are not claims left alone.
struct FigureCheckRealProseTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let excerpt: String
        let text: String
        /// The figures the findings mark, as quoted; empty when the sentence holds.
        let marked: [String]
        var testDescription: String { excerpt }
    }

    static let cases: [Case] = [
        // A share separated from its x/y by words: "… trong tổng số y …, chiếm tỷ lệ P %"; the published 55,1 % is a slip.
        Case(excerpt: "vi-062", text: "Trong đó, cấp tiểu học có 8.167 trường chuẩn quốc gia trong tổng số 15.081 trường (chiếm tỷ lệ 55,1%); cấp THCS có 4.573 trường chuẩn quốc gia trong tổng số 10.928 trường (chiếm tỷ lệ 41,85%).",
             marked: ["55,1%"]),
        Case(excerpt: "vi-062 planted", text: "cấp THCS có 4.573 trường chuẩn quốc gia trong tổng số 10.928 trường (chiếm tỷ lệ 48,15%).", marked: ["48,15%"]),
        // "x out of … y, or P percent".
        Case(excerpt: "en-003 planted", text: "A total of 5,248 out of Vietnam’s 8,267 communes, or 68.4 percent, fulfilled the criteria.", marked: ["68.4 percent"]),
        // A total followed by its categories, each with its share in brackets; the published 80 % and 16 % are slips.
        Case(excerpt: "en-014", text: "Out of the 48 performance indicators 38 (80%) had a positive outturn, 8 (16%) had a negative outturn and 2 (4%) were within target.",
             marked: ["80%", "16%"]),
        Case(excerpt: "en-014 clean", text: "It was noted that out of the 25 targets 17 (68%) were on track and 8 (32%) had achieved their outturn previously.", marked: []),
        // A growth from the value and its change: 30.127 on 79.000 − 30.127 is 61,64 %.
        Case(excerpt: "vi-061", text: "BHXH tự nguyện là 79.000 người, tăng 30.127 người (tăng 61,64%) so với cùng kỳ năm 2020.", marked: []),
        Case(excerpt: "vi-061 planted", text: "BHXH tự nguyện là 79.000 người, tăng 30.127 người (tăng 16,64%) so với cùng kỳ năm 2020.", marked: ["16,64%"]),
        // Actual over plan with a slash, and by how much it exceeds the plan: not a part larger than its whole.
        Case(excerpt: "vi-047", text: "diện tích lúa ruộng trên địa bàn xã đạt 53,5/52ha, tăng 2,9%; cây ngô 73/70ha, tăng 4,3%; cây sắn 80/54ha, tăng 48,1%; cây nghệ đỏ:18/15ha, thu về 367 tấn.",
             marked: []),
        Case(excerpt: "vi-047 planted", text: "cây sắn 80/54ha, tăng 41,8%; cây gừng 8/8ha.", marked: ["41,8%"]),
        // Abbreviations do not end the sentence; the target after "от запланированных"; the published 76,1 % is a slip.
        Case(excerpt: "ru-001", text: "их построено уже 503,68 тыс. кв. м, что соответствует 76,1% от запланированных на год 650 тыс. кв. м.", marked: ["76,1%"]),
        // A level reached is not a share: "13/53 chỉ tiêu đạt 100% trở lên".
        Case(excerpt: "vi-046", text: "có 13/53 chỉ tiêu đạt 100% trở lên, 17/53 chỉ tiêu đạt từ 70 đến dưới 100%.", marked: []),
        // A change and its rate after a semicolon are not the next clause's achievement.
        Case(excerpt: "vi-060", text: "tổng số người tham gia BHXH trong toàn tỉnh là 59.177 người so với cùng kỳ năm 2019 (55.317 người) ; tăng 3.860 (7%); so với chỉ tiêu giao của UBND (70.544 người) đạt 84%.",
             marked: []),
        // "compared with the same period; of which 13.713": no earlier figure printed.
        Case(excerpt: "vi-009", text: "tổng vốn đầu tư phát triển toàn xã hội ước thực hiện 109.924 tỷ đồng, tăng 11,4% so với cùng kỳ; trong đó, vốn nhà nước 13.713 tỷ đồng, tăng 91,6%.",
             marked: []),
        // Changes inside a net change are not its parts.
        Case(excerpt: "vi-012", text: "khu vực công nghiệp - xây dựng mở rộng gần 17 tỷ đồng (trong đó, riêng lĩnh vực công nghiệp tăng 363 tỷ đồng, lĩnh vực xây dựng giảm 346 tỷ đồng).",
             marked: []),
        // "higher by P % than the target of T".
        Case(excerpt: "el-006", text: "Τα έσοδα, αφαιρουμένων των επιστροφών, διαμορφώθηκαν στα 49,847 δισ. ευρώ, υψηλότερα κατά 3,90% του αναθεωρημένου στόχου των 47,977 δισ. ευρώ.",
             marked: []),
        // A financial year is not a fraction.
        Case(excerpt: "en-015", text: "In her report for the 2020/21 financial year, the Controller of Budget noted that only five counties achieved their set targets.", marked: []),
        // Differences of percentages, in points or with a percent sign, several comparing one percentage in turn.
        Case(excerpt: "vi-011", text: "GRDP 6 tháng đầu năm 2023 của Quảng Ninh ước tăng 9,46%, cao hơn 0,24 điểm % so với tốc độ tăng cùng kỳ 2022; cao hơn 0,66 điểm % so với kịch bản (8,80%).",
             marked: []),
        Case(excerpt: "vi-011 planted", text: "GRDP 6 tháng đầu năm 2023 của Quảng Ninh ước tăng 9,46%, cao hơn 0,24 điểm % so với tốc độ tăng cùng kỳ 2022; cao hơn 0,96 điểm % so với kịch bản (8,80%).",
             marked: ["0,96 điểm %"]),
        // The percentage compared with after a year and a date; "thấp hơn 5,25%" read in points (or relative, 5,74 %).
        Case(excerpt: "vi-058", text: "tỷ lệ độ bao phủ BHYT mới đạt 86,25% dân số, thấp hơn 5,25% so với chỉ tiêu được giao tại Quyết định số 546/QĐ-TTg ngày 29/4/2022 của Thủ tướng Chính phủ (91,5%) và thấp hơn 5,75% so với chỉ tiêu đề ra tại Nghị quyết số 03-NQ/TU của Tỉnh ủy (92%).",
             marked: []),
        Case(excerpt: "vi-058 planted", text: "tỷ lệ độ bao phủ BHYT mới đạt 86,25% dân số, thấp hơn 5,25% so với chỉ tiêu được giao tại Quyết định số 546/QĐ-TTg ngày 29/4/2022 của Thủ tướng Chính phủ (91,5%) và thấp hơn 7,55% so với chỉ tiêu đề ra tại Nghị quyết số 03-NQ/TU của Tỉnh ủy (92%).",
             marked: ["7,55%"]),
        // The comparative after the difference.
        Case(excerpt: "es-001 planted", text: "la tasa de crecimiento económico (GRDP) de la provincia de Quang Ninh alcanzó el 10,91%, un aumento del 0,4% en comparación con el plan establecido (10,5%), un 2,21% más que en el mismo período de 2024 (8,79%), ocupando el tercer lugar.",
             marked: ["2,21%"]),
        // A change after the plan word is not the plan: "đạt 97,89% kế hoạch, tăng 1.148 người".
        Case(excerpt: "vi-073", text: "Số người tham gia BHXH bắt buộc là 93.868 người, đạt 97,89% kế hoạch, tăng 1.148 người so với cuối năm 2022.", marked: []),
        // "hơn 5 năm (2018-2023)" counts the years elapsed; "5 năm liên tiếp" would count both ends.
        Case(excerpt: "vi-067", text: "Qua hơn 5 năm (2018-2023) thực hiện Chương trình OCOP, đến nay cả nước đã có 63/63 tỉnh, thành phố đánh giá sản phẩm OCOP.", marked: []),
        Case(excerpt: "vi-067 consecutive", text: "Tỉnh tăng trưởng 5 năm liên tiếp (2018-2023).", marked: ["5 năm liên tiếp (2018-2023"]),
        // A part right after "of which" and its share: the whole is the amount "of which" follows, not a figure in
        // a bracket before it.
        Case(excerpt: "vi-042", text: "thi hành kỷ luật 1.616 đảng viên (khiển trách 1.221, cảnh cáo 218, cách chức 12, khai trừ 165), bằng 171,7% so với nửa nhiệm kỳ 2015 - 2020, trong đó có 401 cấp ủy viên, chiếm 24,8%.",
             marked: []),
        Case(excerpt: "vi-042 planted", text: "Ủy ban kiểm tra các cấp đã thi hành kỷ luật 57 đảng viên, bằng 71,25% so với cùng kỳ 2022; trong đó, có 17 cấp ủy viên, chiếm 28,92% tổng số đảng viên bị kỷ luật.",
             marked: ["28,92%"]),
        // The whole in the sentence before, the part's own change between it and its share.
        Case(excerpt: "vi-081 planted", text: "Ước kim ngạch xuất khẩu toàn tỉnh tháng 10/2022 đạt 77,52 triệu USD, tăng 13,1% so với cùng kỳ năm 2021. Trong đó, doanh nghiệp trong nước ước đạt 48,06 triệu USD, tăng 47,89% so với cùng kỳ năm trước, chiếm 68% kim ngạch xuất khẩu toàn tỉnh.",
             marked: ["68%"]),
        // One part with two shares, each of another whole: which is which is not said by the figures.
        Case(excerpt: "vi-031", text: "Hộ nghèo có 10.689 hộ, chiếm 3,20% so với tổng số hộ toàn tỉnh (tăng 137 hộ so với đầu năm, chiếm tỷ lệ 0,04%), trong đó có 3.373 hộ nghèo vùng đồng bào dân tộc (chiếm 13,13% so với tổng số hộ nghèo DTTS và chiếm 31,56% so với tổng số hộ nghèo toàn tỉnh).",
             marked: []),
        // An actual over its plan, then "đạt P% kế hoạch" in the same clause; the unit written after each count.
        Case(excerpt: "vi-070 planted", text: "Các cơ sở đã tuyển sinh, đào tạo và bồi dưỡng cho 23.688/28.000 người, đạt 48,6% kế hoạch, tăng 5% so với cùng kỳ năm 2023 (22.556 người).",
             marked: ["48,6%"]),
        Case(excerpt: "vi-039 planted", text: "Tính đến tháng 6/2024, số xã đạt chuẩn NTM là 129 xã/193 xã, đạt tỷ lệ 76%.", marked: ["76%"]),
        Case(excerpt: "vi-039", text: "Tính đến tháng 6/2024, số xã đạt chuẩn NTM là 129 xã/193 xã, đạt tỷ lệ 67%.", marked: []),
        // A currency glued to the digits or written before them does not hide the amount.
        Case(excerpt: "en-015 planted", text: "Cumulatively, the 47 county governments generated Sh34.44 billion, which was 46.2 per cent of the annual target of Sh53.66 billion.",
             marked: ["46.2 per cent"]),
        Case(excerpt: "es-011 planted", text: "con un monto ejecutado de S/ 508 millones, equivalente al 75% del presupuesto anual asignado a dichas comunas para ese fin (S/ 890 millones).",
             marked: ["75%"]),
        // A total after "that … out of", its parts with their shares in brackets.
        Case(excerpt: "en-014 planted", text: "It was noted that out of the 25 targets 17 (86%) were on track and 8 (32%) had achieved their outturn previously.", marked: ["86%"]),
        // The share, then its x of y in brackets, amounts in one scale.
        Case(excerpt: "el-003 planted", text: "Πρώτη είναι η Περιφέρεια Κεντρικής Μακεδονίας με ποσοστό απορροφητικότητας 15,3% (98,09 εκατ. ευρώ από τα συνολικά 724,53 εκατ. ευρώ του προγράμματος)",
             marked: ["15,3%"]),
        // A fall said before its change, the rate after "или на".
        Case(excerpt: "ru-007 planted", text: "Расходы областного бюджета за 9 месяцев 2009 года составили 63 289 млн рублей, что по сравнению с аналогичным периодом прошлого года ниже на 18 020 млн рублей, или на 12,2%.",
             marked: ["12,2%"]),
        // "1,202" alone could be 1202 in the other convention; "30,87" in the same text settles it.
        Case(excerpt: "el-005 planted", text: "Το ύψος των καθαρών εσόδων ανήλθε σε 30,87 δισ. ευρώ, παρουσιάζοντας αύξηση κατά 1,202 δισ. ευρώ ή 1,4% έναντι του στόχου.",
             marked: ["1,4%"]),
        // A whole and its parts, each with its own rate of change, the parts in clauses of their own.
        Case(excerpt: "vi-009 planted", text: "tổng vốn đầu tư phát triển toàn xã hội ước thực hiện 109.294 tỷ đồng, tăng 11,4% so với cùng kỳ; trong đó, vốn nhà nước 13.713 tỷ đồng, tăng 91,6%; vốn ngoài nhà nước 53.041 tỷ đồng, tăng 4,4%; vốn đầu tư nước ngoài 43.170 tỷ đồng, tăng 6,1%.",
             marked: ["109.294 tỷ đồng, tăng 11,4% so với cùng kỳ; trong đó, vốn nhà nước 13.713 tỷ đồng, tăng 91,6%; vốn ngoài nhà nước 53.041 tỷ đồng, tăng 4,4%; vốn đầu tư nước ngoài 43.170 tỷ"]),
        // "Trong đó" opening a sentence breaks down the last amount of the sentence before.
        Case(excerpt: "vi-033", text: "Toàn Đảng bộ thành phố có 50 TCCS Đảng với 5.645 đảng viên. Trong đó, có 4.760 đảng viên phải đánh giá, phân loại, chiếm 84,32%/tổng số đảng viên; 864 đảng viên được miễn đánh giá chất lượng theo quy định và 21 đảng viên chưa được đánh giá vì nhiều lý do.",
             marked: []),
        Case(excerpt: "vi-033 planted", text: "Toàn Đảng bộ thành phố có 50 TCCS Đảng với 5.465 đảng viên. Trong đó, có 4.760 đảng viên phải đánh giá, phân loại, chiếm 84,32%/tổng số đảng viên; 864 đảng viên được miễn đánh giá chất lượng theo quy định và 21 đảng viên chưa được đánh giá vì nhiều lý do.",
             marked: ["5.465 đảng viên. Trong đó, có 4.760 đảng viên phải đánh giá, phân loại, chiếm 84,32%/tổng số đảng viên; 864 đảng viên được miễn đánh giá chất lượng theo quy định và 21", "84,32%"]),
        // …but not a value compared with, in brackets.
        Case(excerpt: "vi-070", text: "Các cơ sở đã tuyển sinh, đào tạo và bồi dưỡng cho 23.688/28.000 người, đạt 84,6% kế hoạch, tăng 5% so với cùng kỳ năm 2023 (22.556 người). Trong đó, đào tạo cao đẳng, trung cấp 643 người, sơ cấp 5.667 người, đào tạo thường xuyên 17.378 người.",
             marked: []),
        // A day and its month after the word for a day are a date, whichever separator.
        Case(excerpt: "vi-017 planted", text: "Đến ngày 31/4, tổng số vốn đã được giải ngân là 4.093,002 tỉ đồng, bằng 31,9% kế hoạch.", marked: ["31/4"]),
        Case(excerpt: "vi-041 planted", text: "Ngày 31.11, Ban Thường vụ Tỉnh ủy đã tổ chức hội nghị.", marked: ["31.11"]),
        Case(excerpt: "vi-041", text: "Ngày 16.10, Ban Thường vụ Tỉnh ủy đã tổ chức hội nghị.", marked: []),
        // A whole, its own rate and change, then the list of its parts.
        Case(excerpt: "vi-040", text: "UBKT các cấp đã thi hành kỷ luật 16 đảng viên, giảm 33,33% (giảm 8 đảng viên) bằng các hình thức: Khiển trách 4, cảnh cáo 3, cách chức 1, khai trừ ra khỏi Đảng 8 trường hợp.",
             marked: []),
        Case(excerpt: "vi-040 planted", text: "UBKT các cấp đã thi hành kỷ luật 61 đảng viên, giảm 33,33% (giảm 8 đảng viên) bằng các hình thức: Khiển trách 4, cảnh cáo 3, cách chức 1, khai trừ ra khỏi Đảng 8 trường hợp.",
             marked: ["61 đảng viên, giảm 33,33% (giảm 8 đảng viên) bằng các hình thức: Khiển trách 4, cảnh cáo 3, cách chức 1, khai trừ ra khỏi Đảng 8", "33,33%"]),
        // The whole's own rate, then "including" in the same bracket: its parts end with the bracket.
        Case(excerpt: "ar-003", text: "بلغ عدد الزوار الدوليين 4.96 مليون زائر (بزيادة قدرها 25.8%، بما في ذلك 3.49 مليون ليلة مبيت)، بينما بلغ عدد الزوار المحليين 16.62 مليون زائر (بزيادة قدرها 10.7%).",
             marked: []),
        // The actual's own rate of change between it and its achievement; the plan in brackets after "so kế hoạch".
        Case(excerpt: "vi-080 planted", text: "Cụ thể, kim ngạch xuất khẩu hàng hóa ước tính đạt 81,5 triệu USD, giảm 17,3% so với cùng kỳ năm trước và đạt 67,2% so kế hoạch (130 triệu USD).",
             marked: ["67,2%"]),
        // "vốn được giao": the capital assigned is the plan.
        Case(excerpt: "vi-006 planted", text: "Tổng số vốn đã giải ngân hơn 43.000 tỉ đồng, đạt tỷ lệ 36% so với tổng số vốn được giao là hơn 68.634 tỉ đồng.", marked: ["36%"]),
        Case(excerpt: "vi-006", text: "Tổng số vốn đã giải ngân hơn 43.000 tỉ đồng, đạt tỷ lệ 63% so với tổng số vốn được giao là hơn 68.634 tỉ đồng.", marked: []),
        // Periods are not amounts: "6 tháng" is not the whole of anything.
        Case(excerpt: "vi-046 period", text: "Kết quả đánh giá các chỉ tiêu trong 6 tháng đầu năm, có 13/53 chỉ tiêu đạt.", marked: []),
    ]

    @Test("real sentences: the claims they make are read, the slips in them found, the figures that are not claims left alone", arguments: cases)
    func realSentences(_ sample: Case) {
        let result = FigureCheck.check(sample.text)
        #expect(result.findings.map(\.quote) == sample.marked, "\(result.findings.map { "\($0.kind) \($0.quote): \($0.claim) / \($0.expected)" })")
    }

    @Test("a number in the other convention ('7.5%' in Vietnamese) is read, but a finding resting on it is only a guess, listed with --all")
    func theOtherConventionIsAGuess() {
        let text = "Có 3/40 xã (7.9%) đạt chuẩn."
        #expect(FigureCheck.check(text, language: .vi).findings.isEmpty)
        let all = FigureCheck.check(text, language: .vi, minimum: .low).findings
        #expect(all.map(\.quote) == ["7.9%"] && all.map(\.confidence) == [.low])
        // The same share in the language's own format is a finding of high confidence.
        #expect(FigureCheck.check("Có 3/40 xã (7,9%) đạt chuẩn.", language: .vi).findings.map(\.confidence) == [.high])
    }

    @Test("a percentage that two figures of the sentence nearly give, and no claim reads, is a low-confidence guess")
    func aNearMissIsAGuess() {
        let text = "Revenue was 1,161 million against appropriations of 1,391 million; execution stood at 84.5 percent."
        #expect(FigureCheck.check(text, language: .en).findings.isEmpty)
        let all = FigureCheck.check(text, language: .en, minimum: .low).findings
        #expect(all.map(\.quote) == ["84.5 percent"] && all.first?.confidence == .low)
        #expect(FigureCheck.check(text.replacingOccurrences(of: "84.5", with: "83.5"), language: .en, minimum: .low).findings.isEmpty)
    }
}
