import Testing
@testable import StocktakeReports

/// Slips planted in sentences written after the seed articles and Stocktake's own reports: for each language,
/// seven sentences that are right, and the same sentences with one figure changed. The right ones give no finding;
/// each changed one gives exactly the finding of its kind, on the changed figure.
struct FigureCheckPlantedTests {
    struct Plant: Sendable, CustomStringConvertible {
        let clean: String
        let slipped: String
        let kind: FigureFinding.Kind
        /// The changed figure, as it reads in the slipped sentence.
        let changed: String
        var description: String { slipped }
    }

    static let planted: [ReportLanguage: [Plant]] = [
        .en: [
            Plant(clean: "159/182 communes (87.36%) meet the new rural standard.", slipped: "159/182 communes (87.63%) meet the new rural standard.", kind: .share, changed: "87.63%"),
            Plant(clean: "Total budget revenue reached 20,699.5 billion VND, 132.2% of the estimate of 15,657.7 billion VND.",
                  slipped: "Total budget revenue reached 20,699.5 billion VND, 123.2% of the estimate of 15,657.7 billion VND.", kind: .achievement, changed: "123.2%"),
            Plant(clean: "GRDP per capita rose from 3,951 USD to 4,370 USD, up 10.6%.", slipped: "GRDP per capita rose from 3,951 USD to 4,370 USD, up 16.0%.", kind: .growth, changed: "16.0%"),
            Plant(clean: "Investment attracted reached 2.04 billion USD, of which foreign direct investment was 1.35 billion USD.",
                  slipped: "Investment attracted reached 2.04 billion USD, of which foreign direct investment was 2.35 billion USD.", kind: .partExceedsWhole, changed: "2.35 billion"),
            Plant(clean: "4 targets were assessed: 3 exceeded, 1 met, 0 not met.", slipped: "4 targets were assessed: 3 exceeded, 2 met, 0 not met.", kind: .partsSum, changed: "2"),
            Plant(clean: "GRDP size ranked 12th of 63 provinces.", slipped: "GRDP size ranked 72nd of 63 provinces.", kind: .rankBeyondPeers, changed: "72nd"),
            Plant(clean: "Resolution 381-NQ/TU of December 6, 2024 sets 15 groups of targets.", slipped: "Resolution 381-NQ/TU of June 31, 2024 sets 15 groups of targets.", kind: .impossibleDate, changed: "31, 2024"),
        ],
        .vi: [
            Plant(clean: "Toàn tỉnh có 159/182 xã đạt chuẩn nông thôn mới (87,36%).", slipped: "Toàn tỉnh có 159/182 xã đạt chuẩn nông thôn mới (78,36%).", kind: .share, changed: "78,36%"),
            Plant(clean: "Tổng thu ngân sách đạt 20.699,5 tỷ đồng, bằng 132,2% dự toán 15.657,7 tỷ đồng.",
                  slipped: "Tổng thu ngân sách đạt 20.699,5 tỷ đồng, bằng 123,2% dự toán 15.657,7 tỷ đồng.", kind: .achievement, changed: "123,2%"),
            Plant(clean: "GRDP bình quân đầu người tăng từ 3.951 USD lên 4.370 USD, tăng 10,6%.", slipped: "GRDP bình quân đầu người tăng từ 3.951 USD lên 4.370 USD, tăng 16,0%.", kind: .growth, changed: "16,0%"),
            Plant(clean: "Vốn đầu tư thu hút đạt 2,04 tỷ USD, trong đó vốn FDI đạt 1,35 tỷ USD.",
                  slipped: "Vốn đầu tư thu hút đạt 2,04 tỷ USD, trong đó vốn FDI đạt 2,35 tỷ USD.", kind: .partExceedsWhole, changed: "2,35 tỷ"),
            Plant(clean: "Có 4 chỉ tiêu được đánh giá: 3 chỉ tiêu vượt, 1 chỉ tiêu đạt, 0 chỉ tiêu không đạt.",
                  slipped: "Có 4 chỉ tiêu được đánh giá: 3 chỉ tiêu vượt, 2 chỉ tiêu đạt, 0 chỉ tiêu không đạt.", kind: .partsSum, changed: "2"),
            Plant(clean: "Quy mô GRDP xếp thứ 12/63 tỉnh, thành phố.", slipped: "Quy mô GRDP xếp thứ 72/63 tỉnh, thành phố.", kind: .rankBeyondPeers, changed: "72/63"),
            Plant(clean: "Nghị quyết số 381-NQ/TU ngày 06/12/2024 của Tỉnh ủy.", slipped: "Nghị quyết số 381-NQ/TU ngày 31/11/2024 của Tỉnh ủy.", kind: .impossibleDate, changed: "31/11/2024"),
        ],
        .es: [
            Plant(clean: "159 de 182 comunas (87,36 %) cumplen el nuevo estándar rural.", slipped: "159 de 182 comunas (87,63 %) cumplen el nuevo estándar rural.", kind: .share, changed: "87,63 %"),
            Plant(clean: "Los ingresos presupuestarios alcanzaron 20.699,5 mil millones de VND, el 132,2 % de la previsión de 15.657,7 mil millones de VND.",
                  slipped: "Los ingresos presupuestarios alcanzaron 20.699,5 mil millones de VND, el 123,2 % de la previsión de 15.657,7 mil millones de VND.", kind: .achievement, changed: "123,2 %"),
            Plant(clean: "El PIB per cápita pasó de 3.951 a 4.370 dólares, un aumento del 10,6 %.", slipped: "El PIB per cápita pasó de 3.951 a 4.370 dólares, un aumento del 16,0 %.", kind: .growth, changed: "16,0 %"),
            Plant(clean: "La inversión captada alcanzó 2,04 mil millones de dólares, de los cuales 1,35 mil millones fueron inversión extranjera directa.",
                  slipped: "La inversión captada alcanzó 2,04 mil millones de dólares, de los cuales 2,35 mil millones fueron inversión extranjera directa.", kind: .partExceedsWhole, changed: "2,35 mil millones"),
            Plant(clean: "Se evaluaron 4 metas (superadas: 3; cumplidas: 1; no cumplidas: 0).", slipped: "Se evaluaron 4 metas (superadas: 3; cumplidas: 2; no cumplidas: 0).", kind: .partsSum, changed: "2"),
            Plant(clean: "Crecimiento del PIB regional: puesto 1 entre 63 provincias.", slipped: "Crecimiento del PIB regional: puesto 70 entre 63 provincias.", kind: .rankBeyondPeers, changed: "70"),
            Plant(clean: "La Resolución 381-NQ/TU del 6 de diciembre de 2024 fija 15 grupos de metas.", slipped: "La Resolución 381-NQ/TU del 31 de noviembre de 2024 fija 15 grupos de metas.", kind: .impossibleDate, changed: "31 de noviembre de 2024"),
        ],
        .el: [
            Plant(clean: "159/182 κοινότητες (87,36%) πληρούν τα νέα αγροτικά πρότυπα.", slipped: "159/182 κοινότητες (87,63%) πληρούν τα νέα αγροτικά πρότυπα.", kind: .share, changed: "87,63%"),
            Plant(clean: "Τα έσοδα έφτασαν τα 20.699,5 δισεκατομμύρια VND, φτάνοντας το 132,2% της εκτίμησης των 15.657,7 δισεκατομμυρίων VND.",
                  slipped: "Τα έσοδα έφτασαν τα 20.699,5 δισεκατομμύρια VND, φτάνοντας το 123,2% της εκτίμησης των 15.657,7 δισεκατομμυρίων VND.", kind: .achievement, changed: "123,2%"),
            Plant(clean: "Το κατά κεφαλήν ΑΕΠ αυξήθηκε από 3.951 σε 4.370 δολάρια ΗΠΑ, σημειώνοντας αύξηση 10,6%.",
                  slipped: "Το κατά κεφαλήν ΑΕΠ αυξήθηκε από 3.951 σε 4.370 δολάρια ΗΠΑ, σημειώνοντας αύξηση 16,0%.", kind: .growth, changed: "16,0%"),
            Plant(clean: "Η προσέλκυση επενδύσεων έφτασε τα 2,04 δισεκατομμύρια δολάρια ΗΠΑ, εκ των οποίων 1,35 δισεκατομμύρια άμεσες ξένες επενδύσεις.",
                  slipped: "Η προσέλκυση επενδύσεων έφτασε τα 2,04 δισεκατομμύρια δολάρια ΗΠΑ, εκ των οποίων 2,35 δισεκατομμύρια άμεσες ξένες επενδύσεις.", kind: .partExceedsWhole, changed: "2,35 δισεκατομμύρια"),
            Plant(clean: "Αξιολογήθηκαν 4 στόχοι: ξεπεράστηκαν 3, επιτεύχθηκαν 1, δεν επιτεύχθηκαν 0.", slipped: "Αξιολογήθηκαν 4 στόχοι: ξεπεράστηκαν 3, επιτεύχθηκαν 2, δεν επιτεύχθηκαν 0.", kind: .partsSum, changed: "2"),
            Plant(clean: "Ρυθμός ανάπτυξης του ΑΕΠΠ: 1η θέση μεταξύ 63 επαρχιών.", slipped: "Ρυθμός ανάπτυξης του ΑΕΠΠ: 70η θέση μεταξύ 63 επαρχιών.", kind: .rankBeyondPeers, changed: "70η"),
            Plant(clean: "Το Ψήφισμα 381-NQ/TU της 6ης Δεκεμβρίου 2024 ορίζει 15 ομάδες στόχων.", slipped: "Το Ψήφισμα 381-NQ/TU της 31ης Νοεμβρίου 2024 ορίζει 15 ομάδες στόχων.", kind: .impossibleDate, changed: "31ης Νοεμβρίου 2024"),
        ],
        .ru: [
            Plant(clean: "159 из 182 общин (87,36 %) соответствуют новому сельскому стандарту.", slipped: "159 из 182 общин (87,63 %) соответствуют новому сельскому стандарту.", kind: .share, changed: "87,63 %"),
            Plant(clean: "Доходы бюджета составили 20 699,5 млрд донгов, или 132,2 % прогноза в 15 657,7 млрд донгов.",
                  slipped: "Доходы бюджета составили 20 699,5 млрд донгов, или 123,2 % прогноза в 15 657,7 млрд донгов.", kind: .achievement, changed: "123,2 %"),
            Plant(clean: "ВРП на душу населения вырос с 3951 до 4370 долларов США, рост составил 10,6 %.",
                  slipped: "ВРП на душу населения вырос с 3951 до 4370 долларов США, рост составил 16,0 %.", kind: .growth, changed: "16,0 %"),
            Plant(clean: "Привлечено инвестиций на 2,04 млрд долларов США, из них прямые иностранные инвестиции — 1,35 млрд долларов.",
                  slipped: "Привлечено инвестиций на 2,04 млрд долларов США, из них прямые иностранные инвестиции — 2,35 млрд долларов.", kind: .partExceedsWhole, changed: "2,35 млрд"),
            Plant(clean: "Оценено 4 целевых показателя: превышено — 3, выполнено — 1, не выполнено — 0.",
                  slipped: "Оценено 4 целевых показателя: превышено — 3, выполнено — 2, не выполнено — 0.", kind: .partsSum, changed: "2"),
            Plant(clean: "Темп роста ВРП: 1-е место среди 63 провинций.", slipped: "Темп роста ВРП: 70-е место среди 63 провинций.", kind: .rankBeyondPeers, changed: "70-е"),
            Plant(clean: "Резолюция 381-NQ/TU от 6 декабря 2024 г. устанавливает 15 групп целей.", slipped: "Резолюция 381-NQ/TU от 31 ноября 2024 г. устанавливает 15 групп целей.", kind: .impossibleDate, changed: "31 ноября 2024"),
        ],
        .ar: [
            Plant(clean: "استوفت ١٥٩ من أصل ١٨٢ بلدية (٨٧٫٣٦٪) معايير الريف الجديد.", slipped: "استوفت ١٥٩ من أصل ١٨٢ بلدية (٨٧٫٦٣٪) معايير الريف الجديد.", kind: .share, changed: "٨٧٫٦٣٪"),
            Plant(clean: "بلغت إيرادات الميزانية 20,699.5 مليار دونغ، أي 132.2٪ من التقديرات البالغة 15,657.7 مليار دونغ.",
                  slipped: "بلغت إيرادات الميزانية 20,699.5 مليار دونغ، أي 123.2٪ من التقديرات البالغة 15,657.7 مليار دونغ.", kind: .achievement, changed: "123.2٪"),
            Plant(clean: "ارتفع نصيب الفرد من الناتج من 3951 إلى 4370 دولارًا، بزيادة قدرها 10.6٪.", slipped: "ارتفع نصيب الفرد من الناتج من 3951 إلى 4370 دولارًا، بزيادة قدرها 16.0٪.", kind: .growth, changed: "16.0٪"),
            Plant(clean: "بلغت الاستثمارات المستقطبة 2.04 مليار دولار، منها 1.35 مليار دولار استثمارات أجنبية مباشرة.",
                  slipped: "بلغت الاستثمارات المستقطبة 2.04 مليار دولار، منها 2.35 مليار دولار استثمارات أجنبية مباشرة.", kind: .partExceedsWhole, changed: "2.35 مليار"),
            Plant(clean: "جرى تقييم ٤ أهداف؛ عدد المتجاوَز منها ٣، والمتحقق ١، وغير المتحقق ٠.", slipped: "جرى تقييم ٤ أهداف؛ عدد المتجاوَز منها ٣، والمتحقق ٢، وغير المتحقق ٠.", kind: .partsSum, changed: "٢"),
            Plant(clean: "معدل نمو الناتج المحلي الإجمالي: المرتبة ١ من بين ٦٣ مقاطعة.", slipped: "معدل نمو الناتج المحلي الإجمالي: المرتبة ٧٠ من بين ٦٣ مقاطعة.", kind: .rankBeyondPeers, changed: "٧٠"),
            Plant(clean: "حدد القرار 381-NQ/TU المؤرخ في ٦ ديسمبر ٢٠٢٤ خمس عشرة مجموعة من الأهداف.", slipped: "حدد القرار 381-NQ/TU المؤرخ في ٣١ نوفمبر ٢٠٢٤ خمس عشرة مجموعة من الأهداف.", kind: .impossibleDate, changed: "٣١ نوفمبر ٢٠٢٤"),
        ],
    ]

    @Test("each planted slip is found, on the changed figure; its clean twin gives nothing", arguments: ReportLanguage.allCases)
    func plantedSlips(language: ReportLanguage) throws {
        let plants = try #require(Self.planted[language])
        #expect(plants.count >= 5)
        #expect(Set(plants.map(\.kind)).count >= 5)
        for plant in plants {
            let clean = FigureCheck.check(plant.clean, language: language)
            #expect(clean.findings.isEmpty, "\(language): false alarm in «\(plant.clean)»: \(clean.findings)")
            let slipped = FigureCheck.check(plant.slipped, language: language)
            #expect(slipped.findings.map(\.kind) == [plant.kind], "\(language): «\(plant.slipped)» gave \(slipped.findings)")
            if let finding = slipped.findings.first {
                #expect(finding.quote.contains(plant.changed), "\(language): the finding quotes «\(finding.quote)», not the changed «\(plant.changed)»")
            }
        }
    }

    @Test("a whole text of each language: all its slips found, in order, and none in its clean twin; the language is detected", arguments: ReportLanguage.allCases)
    func wholeTexts(language: ReportLanguage) throws {
        let plants = try #require(Self.planted[language])
        let clean = plants.map(\.clean).joined(separator: "\n"), slipped = plants.map(\.slipped).joined(separator: " ")
        #expect(LanguageDetector.detect(clean) == language)
        #expect(FigureCheck.check(clean).findings.isEmpty)
        let result = FigureCheck.check(slipped)
        #expect(result.language == language)
        #expect(result.findings.map(\.kind) == plants.map(\.kind))
        // Offsets point into the text: the quoted span is the text at those offsets.
        let scalars = Array(slipped.unicodeScalars)
        for finding in result.findings {
            var quoted = String.UnicodeScalarView()
            quoted.append(contentsOf: scalars[finding.start..<finding.end])
            #expect(String(quoted) == finding.quote)
        }
    }

    @Test("a growth rate before or after its two values, rising or falling")
    func growthEitherWay() {
        for (text, kinds) in [
            ("GRDP per capita rose 10.6% from 3,951 USD to 4,370 USD.", []),
            ("GRDP per capita rose 16.0% from 3,951 USD to 4,370 USD.", [FigureFinding.Kind.growth]),
            ("Poor households fell from 12,400 to 10,850, down 12.5%.", []),
            ("Poor households fell from 12,400 to 10,850, down 15.5%.", [.growth]),
            ("Poor households fell from 12,400 to 10,850, up 12.5%.", [.growth]),
        ] {
            #expect(FigureCheck.check(text, language: .en).findings.map(\.kind) == kinds, "\(text)")
        }
    }

    @Test("a rank written as a word is a rank too")
    func wordRanks() {
        #expect(FigureCheck.check("Bac Giang ranked first of 63 provinces.", language: .en).findings.isEmpty)
        #expect(FigureCheck.check("The unit came third of 2 candidates.", language: .en).findings.map(\.kind) == [.rankBeyondPeers])
        #expect(FigureCheck.check("Η επαρχία κατέλαβε την τρίτη θέση μεταξύ 2 επαρχιών.", language: .el).findings.map(\.kind) == [.rankBeyondPeers])
    }

    @Test("percentages are compared at the precision they were printed with")
    func precision() {
        for (text, findings) in [
            ("159/182 communes (87.36%) qualify.", 0), ("159/182 communes (87.4%) qualify.", 0), ("159/182 communes (87%) qualify.", 0),
            ("159/182 communes (87.3626%) qualify.", 0), ("159/182 communes (87.37%) qualify.", 1), ("159/182 communes (87.63%) qualify.", 1),
            ("159/182 communes (88%) qualify.", 1), ("159/182 communes (87.5%) qualify.", 1),
        ] {
            #expect(FigureCheck.check(text, language: .en).findings.count == findings, "\(text)")
        }
    }

    /// Sentences that once looked like claims to the check and are not: each is here so that it stays silent.
    static let notClaims: [(ReportLanguage, String)] = [
        // The rule explained, not a claim about a target: 1,150 is the actual, "target" names the quotient's divisor.
        (.en, "- **Achievement** of amounts and counts: actual ÷ target (1,150 against 1,000 is 115.00 %; \"exceeding the target by 15 %\")."),
        // A seed before a colon is not a whole broken down after it.
        (.en, "`stocktake generate --scale nation --seed 1` writes a deterministic national data set: the 63 provinces with their 728 districts, 10,945 communes."),
        (.en, "2 cores (AMD EPYC, virtualized), 24 GiB of memory, Linux 6.18; Swift 6.3.1, release build."),
        (.en, "٢٠٬٦٩٩٫٥ by default (`--latin-digits`, `&digits=latin` for 20,699.5)."),
        // "one of them on time and three late": منها follows the part it qualifies.
        (.ar, "أُنجزت ٤ من أصل ٤ مهام رئيسية، ١ منها في الموعد المحدد و٣ بعد انقضائه."),
        // Counts beside an indicator's name that are not its figure.
        (.vi, "- Việt Nam — Xã đạt chuẩn nông thôn mới: 62/63 đơn vị cấp dưới chưa báo cáo."),
        (.vi, "- Thu ngân sách trên địa bàn cấp huyện: đứng thứ nhất trong 10 đơn vị cấp huyện."),
        // A fraction and another rate in the next clause.
        (.vi, "Toàn tỉnh có 7/10 huyện đạt chuẩn, tỷ lệ trưởng thôn là đảng viên 94,7%."),
        (.en, "7/10 districts meet the standard, and 94.7% of village heads are party members."),
        // Days and months written with a slash are not fractions larger than one.
        (.vi, "Hội nghị ngày 14/1 và 17/1 đã thống nhất 15 nhóm giải pháp."),
        (.el, "Η παροχή υπηρεσιών 24/7 συνεχίστηκε."),
    ]

    @Test("sentences that are not claims give no finding")
    func notClaims() {
        for (language, text) in Self.notClaims {
            let result = FigureCheck.check(text, language: language)
            #expect(result.findings.isEmpty, "\(language) «\(text)»: \(result.findings)")
        }
    }

    /// Review prose with many correct figures in each language (counts, shares without their fraction, ranks
    /// without their peers, rates against figures not printed): none of it is a slip.
    static let cleanProse: [ReportLanguage: String] = [
        .en: """
        In 2024, the province admitted 2,938 new party members, up 12% on 2023.
        Of the 182 communes, 159 met the standard; 70 of them met the advanced standard and 19 the model standard.
        The 2021-2025 plan sets 15 targets, of which 12 were met by 2024.
        Revenue rose 9.5% to 20,699.5 billion VND, against an estimate of 15,657.7 billion.
        GRDP grew 13.85%, the highest of 63 provinces; the province ranked 1st in the region and 12th nationally.
        The conference on 14/1/2025 heard 15 comments from 63 delegates.
        About 95% of households, or 1.2 million people, have clean water; 3 of 4 districts finished early.
        The 5-year plan for 2021-2025 was 80% complete by the end of 2024, with 4 of 5 years gone.
        Exports reached 60 billion USD, 100% of the plan, up 14.5% year on year.
        """,
        .vi: """
        Năm 2024, toàn tỉnh kết nạp 2.938 đảng viên mới, tăng 12% so với năm 2023.
        Trong 182 xã, có 159 xã đạt chuẩn, trong đó 70 xã đạt chuẩn nâng cao và 19 xã đạt chuẩn kiểu mẫu.
        Tổng thu ngân sách đạt 20.699,5 tỷ đồng, vượt 32,2% dự toán Trung ương giao và vượt 28,8% dự toán HĐND tỉnh giao.
        Tốc độ tăng trưởng GRDP đạt 13,85%, đứng thứ nhất cả nước; quy mô GRDP đạt 207 nghìn tỷ đồng, đứng thứ 12/63 tỉnh, thành phố.
        Kim ngạch xuất nhập khẩu đạt 60 tỷ USD, tăng 14,5% so với năm 2023, đạt 100% kế hoạch.
        Ngày 14/01/2025, Tỉnh ủy tổ chức hội nghị tổng kết năm 2024, giai đoạn 2020 - 2025.
        """,
        .es: """
        En 2024, la provincia admitió a 2.938 nuevos miembros del Partido, un 12 % más que en 2023.
        De las 182 comunas, 159 cumplieron el estándar; 70 de ellas alcanzaron el estándar avanzado y 19 el modelo.
        El plan 2021-2025 fija 15 metas, de las cuales 12 se cumplieron en 2024.
        Los ingresos crecieron un 9,5 % hasta 20.699,5 mil millones de VND, frente a una previsión de 15.657,7 mil millones.
        El PIB creció un 13,85 %, el primero de 63 provincias; la provincia ocupó el puesto 12 del país.
        La conferencia del 14/1/2025 escuchó 15 comentarios de 63 delegados.
        Las exportaciones alcanzaron 60 mil millones de dólares, el 100 % del plan, un 14,5 % más que el año anterior.
        """,
        .el: """
        Το 2024, η επαρχία δέχτηκε 2.938 νέα μέλη του Κόμματος, αύξηση 12% σε σύγκριση με το 2023.
        Από τις 182 κοινότητες, οι 159 πληρούν τα πρότυπα· 70 από αυτές πληρούν τα προηγμένα πρότυπα και 19 τα πρότυπα υποδειγματικής.
        Το σχέδιο 2021-2025 ορίζει 15 στόχους, εκ των οποίων 12 επιτεύχθηκαν έως το 2024.
        Τα έσοδα αυξήθηκαν κατά 9,5% στα 20.699,5 δισεκατομμύρια VND, έναντι εκτίμησης 15.657,7 δισεκατομμυρίων.
        Το ΑΕΠΠ αυξήθηκε κατά 13,85%, πρώτη θέση μεταξύ 63 επαρχιών· η επαρχία κατατάχθηκε 12η στη χώρα.
        Το συνέδριο της 14/1/2025 άκουσε 15 σχόλια από 63 αντιπροσώπους.
        """,
        .ru: """
        В 2024 году провинция приняла 2938 новых членов партии, что на 12 % больше, чем в 2023 году.
        Из 182 общин 159 соответствуют стандарту; 70 из них — повышенному стандарту и 19 — образцовому.
        План на 2021–2025 годы устанавливает 15 целей, из них 12 выполнены к 2024 году.
        Доходы выросли на 9,5 % до 20 699,5 млрд донгов при прогнозе 15 657,7 млрд.
        ВРП вырос на 13,85 %, первое место среди 63 провинций; по объёму провинция заняла 12-е место в стране.
        Конференция 14.01.2025 заслушала 15 выступлений 63 делегатов.
        Экспорт составил 60 млрд долларов, 100 % плана, рост на 14,5 % к предыдущему году.
        """,
        .ar: """
        في عام ٢٠٢٤ قبلت المقاطعة ٢٬٩٣٨ عضوًا جديدًا في الحزب، بزيادة ١٢٪ مقارنة بعام ٢٠٢٣.
        من أصل ١٨٢ بلدية استوفت ١٥٩ المعايير، منها ٧٠ استوفت المعايير المتقدمة و١٩ المعايير النموذجية.
        تحدد خطة ٢٠٢١-٢٠٢٥ خمسة عشر هدفًا، تحقق منها ١٢ بحلول عام ٢٠٢٤.
        ارتفعت الإيرادات بنسبة ٩٫٥٪ إلى ٢٠٬٦٩٩٫٥ مليار دونغ، مقابل تقديرات بلغت ١٥٬٦٥٧٫٧ مليار.
        نما الناتج المحلي الإجمالي بنسبة ١٣٫٨٥٪، في المرتبة الأولى من بين ٦٣ مقاطعة، وجاءت المقاطعة في المرتبة ١٢ على مستوى البلاد.
        بلغت الصادرات 60 مليار دولار، أي 100٪ من الخطة، بزيادة 14.5٪ عن العام السابق.
        """,
    ]

    @Test("review prose in each language with many correct figures gives no finding, and its language is detected", arguments: ReportLanguage.allCases)
    func cleanProse(language: ReportLanguage) throws {
        let text = try #require(Self.cleanProse[language])
        let result = FigureCheck.check(text)
        #expect(result.language == language)
        #expect(result.figures >= 20)
        #expect(result.findings.isEmpty, "\(language): \(result.findings)")
    }
}
