/// The few words around figures that the figure check reads, per language, all lower-case. Word lists are
/// matched as whole words, so "up" is not found in "support".
struct FigureWords: Sendable {
    /// Scale words and their power of ten, longest first where one contains another ("mil millones" before "mil").
    var scales: [(word: String, exponent: Int)]
    var percentWords: WordList
    /// "159 of 182": the word between a part and its whole.
    var of: WordList
    /// "15th among 63 provinces": the words between a rank and the number of peers.
    var among: WordList
    /// Words just before a number that make it a rank ("thứ 15", "puesto 15", "المرتبة 15").
    var rankBefore: WordList
    /// Ordinal endings written right after the digits ("15th", "12η", "15-е", "15.º").
    var ordinalSuffixes: WordList
    /// "2.04 billion, of which …": a breakdown that cannot exceed its whole.
    var ofWhich: WordList
    /// "Of the 27 targets, 20 …": the words before a total whose parts follow.
    var ofTotal: WordList
    /// "It was noted that out of the 25 targets …": the conjunction that opens a clause, as a comma would.
    var that: WordList
    /// "…, reaching a rate of 87.4 %", "chiếm 87,4%": words that make the percentage after them a share.
    var shareWords: WordList
    /// "accounting for", "chiếm": share words that can only mean a part of a whole, not a rate reached.
    var partOfWhole: WordList
    var exceed: WordList
    var reach: WordList
    var target: WordList
    var up: WordList
    var down: WordList
    /// "from A to B".
    var from: WordList
    var to: WordList
    /// "B, up 10 % compared with A".
    var compared: WordList
    /// "2.1 points higher than …", "un 2,12% más que …": the word after a comparative, read only right after a
    /// difference, where it cannot be taken for anything else.
    var than: WordList
    /// Words that make a figure a bound, not a result ("at least 8 %", "8 % كحد أدنى").
    var bounds: WordList
    /// "0,66 điểm %", "2.3 percentage points": a difference of percentages.
    var points: WordList
    /// "100 % or more", "100% trở lên": after a percentage, a level, not a share.
    var orMore: WordList
    /// "5 consecutive years (2020-2024)": the words for years after a count.
    var years: WordList
    /// "consecutive", "liên tục": years counted with both ends; without it, "5 năm (2018-2023)" may count the
    /// years elapsed.
    var consecutive: WordList
    /// "9 months", "6 tháng đầu năm": a count of months, quarters, weeks or days is a period, not an amount.
    var periods: WordList
    /// Ordinals written as words ("first in the region", "thứ nhất", "πρώτη θέση"), one to ten.
    var ordinals: [(word: String, rank: Int)]
    /// The conjunction that ends a list ("3 exceeded, 1 met and 0 not met").
    var and: WordList
    /// Month names (any case or form the language uses) with their number.
    var months: [(name: String, month: Int)]
    /// The word between a day and its month ("17 de enero", "17th of January").
    var dayJoiners: WordList = []
    /// The word before a day written with its month only ("ngày 19/5", "el día 3/4"): a date, not a fraction.
    var dayWords: WordList = []
    /// Whether a numeric date may be month first (the United States' 12/31/2024).
    var monthFirstDates: Bool = false
}

/// Words as the check compares them: scalar arrays, longest first, so that where one word begins another
/// ("mil millones", "mil") the longer is found.
struct WordList: Sendable, ExpressibleByArrayLiteral {
    let scalars: [[Unicode.Scalar]]

    init(arrayLiteral words: String...) {
        scalars = words.map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }
    }
}

extension ReportLanguage {
    var figureWords: FigureWords {
        switch self {
        case .en: .english
        case .vi: .vietnamese
        case .es: .spanish
        case .el: .greek
        case .ru: .russian
        case .ar: .arabic
        }
    }
}

extension FigureWords {
    static let english = FigureWords(
        scales: [("trillion", 12), ("billion", 9), ("bn", 9), ("million", 6), ("mn", 6), ("thousand", 3)],
        percentWords: ["percent", "per cent"],
        of: ["of", "out of"],
        among: ["of", "among", "out of"],
        rankBefore: ["ranked", "rank", "ranking", "position", "place"],
        ordinalSuffixes: ["st", "nd", "rd", "th"],
        ofWhich: ["of which", "of whom", "including", "among them"],
        ofTotal: ["of the", "of", "out of", "out of the", "of all"],
        that: ["that"],
        shareWords: ["accounting for", "a rate of", "equivalent to", "equal to", "representing", "or", "reaching", "at a rate of", "i.e.", "making up", "share of"],
        partOfWhole: ["accounting for", "making up", "representing", "share of"],
        exceed: ["exceed", "exceeded", "exceeding", "exceeds", "surpassed", "surpassing", "above"],
        reach: ["reaching", "reached", "reach", "achieving", "achieved", "equal to"],
        target: ["target", "plan", "estimate", "goal", "objective", "resolution", "budget estimate", "forecast"],
        up: ["up", "increase", "increased", "increasing", "rise", "rose", "rising", "grew", "growth", "higher"],
        down: ["down", "decrease", "decreased", "fell", "fall", "falling", "decline", "declined", "lower"],
        from: ["from"],
        to: ["to"],
        compared: ["compared with", "compared to", "from", "against", "over"],
        than: ["than"],
        bounds: ["at least", "at most", "exactly", "to"],
        points: ["percentage points", "percentage point", "points", "point", "pp", "p.p."],
        orMore: ["or more", "and above", "or above", "or higher"],
        years: ["years", "consecutive years", "years in a row"],
        consecutive: ["consecutive", "in a row"],
        periods: ["months", "month", "quarters", "quarter", "weeks", "week", "days"],
        ordinals: Self.ranked([["first"], ["second"], ["third"], ["fourth"], ["fifth"], ["sixth"], ["seventh"], ["eighth"], ["ninth"], ["tenth"]]),
        and: ["and"],
        months: Self.monthList([
            ["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"], ["may"], ["june", "jun"],
            ["july", "jul"], ["august", "aug"], ["september", "sep", "sept"], ["october", "oct"], ["november", "nov"],
            ["december", "dec"],
        ]),
        dayJoiners: ["of"],
        monthFirstDates: true)

    static let vietnamese = FigureWords(
        scales: [("nghìn tỷ", 12), ("ngàn tỷ", 12), ("tỷ", 9), ("tỉ", 9), ("triệu", 6), ("nghìn", 3), ("ngàn", 3)],
        percentWords: ["phần trăm"],
        of: ["trên", "trong tổng số"],
        among: ["trong", "trên", "trong số", "/"],
        rankBefore: ["thứ", "hạng", "xếp thứ"],
        ordinalSuffixes: [],
        ofWhich: ["trong đó", "bao gồm"],
        ofTotal: ["trong", "trong số", "trong tổng số", "trên tổng số", "tổng số"],
        that: ["rằng"],
        shareWords: ["chiếm", "chiếm tỷ lệ", "chiếm tỉ lệ", "đạt tỷ lệ", "đạt tỉ lệ", "tỷ lệ", "tỉ lệ", "đạt", "bằng", "tương đương", "tương ứng", "tương ứng với", "đạt tỷ lệ là"],
        partOfWhole: ["chiếm", "chiếm tỷ lệ", "chiếm tỉ lệ"],
        exceed: ["vượt"],
        reach: ["đạt", "bằng"],
        target: ["kế hoạch", "chỉ tiêu", "dự toán", "mục tiêu", "nghị quyết", "kịch bản", "được giao"],
        up: ["tăng", "cao hơn"],
        down: ["giảm", "thấp hơn"],
        from: ["từ"],
        to: ["lên", "đến", "tới"],
        compared: ["so với"],
        than: [],
        bounds: ["tối thiểu", "tối đa", "đúng", "từ", "đến"],
        points: ["điểm %", "điểm phần trăm", "điểm"],
        orMore: ["trở lên", "trở xuống"],
        years: ["năm", "năm liên tục", "năm liền", "năm liên tiếp"],
        consecutive: ["liên tục", "liền", "liên tiếp"],
        periods: ["tháng", "quý", "tuần", "ngày"],
        ordinals: Self.ranked([["thứ nhất", "đứng đầu"], ["thứ hai"], ["thứ ba"], ["thứ tư"], ["thứ năm"], ["thứ sáu"], ["thứ bảy"], ["thứ tám"], ["thứ chín"], ["thứ mười"]]),
        and: ["và"],
        months: (1...12).map { ("tháng \($0)", $0) } + (1...9).map { ("tháng 0\($0)", $0) },
        dayWords: ["ngày"])

    static let spanish = FigureWords(
        scales: [("billones", 12), ("billón", 12), ("mil millones", 9), ("millardos", 9), ("millones", 6), ("millón", 6), ("mil", 3)],
        percentWords: ["por ciento"],
        of: ["de", "de un total de", "sobre"],
        among: ["entre", "de"],
        rankBefore: ["puesto", "lugar", "posición"],
        ordinalSuffixes: [".º", "º", ".ª", "ª", "°"],
        ofWhich: ["de los cuales", "de las cuales", "de ellos", "de ellas", "entre ellos", "entre ellas"],
        ofTotal: ["de los", "de las", "del total de", "de un total de", "de"],
        that: ["que"],
        shareWords: ["lo que representa", "que representa", "representa", "representando", "equivalente a", "equivale a", "el equivalente a", "alcanzando", "es decir", "un", "una tasa de", "o sea", "lo que supone", "supone"],
        partOfWhole: ["lo que representa", "que representa", "representa", "representando"],
        exceed: ["superando", "superó", "superior", "supera", "superada", "superado", "por encima"],
        reach: ["alcanzando", "alcanzó", "alcanza", "equivalente", "el equivalente"],
        target: ["meta", "plan", "objetivo", "previsión", "previsto", "estimación", "programado", "presupuestado", "presupuesto"],
        up: ["aumento", "aumentó", "creció", "crecimiento", "subió", "alza", "más"],
        down: ["disminución", "disminuyó", "bajó", "descenso", "cayó", "caída", "menos"],
        from: ["de", "desde"],
        to: ["a", "hasta"],
        compared: ["respecto a", "respecto de", "frente a", "en comparación con", "con respecto a"],
        than: ["que"],
        bounds: ["al menos", "hasta", "exactamente", "entre"],
        points: ["puntos porcentuales", "punto porcentual", "puntos", "p.p."],
        orMore: ["o más", "o superior", "o menos"],
        years: ["años", "años consecutivos"],
        consecutive: ["consecutivos"],
        periods: ["meses", "mes", "trimestres", "semanas", "días"],
        ordinals: Self.ranked([["primero", "primera", "primer"], ["segundo", "segunda"], ["tercero", "tercera", "tercer"], ["cuarto", "cuarta"], ["quinto", "quinta"], ["sexto", "sexta"], ["séptimo", "séptima"], ["octavo", "octava"], ["noveno", "novena"], ["décimo", "décima"]]),
        and: ["y", "e"],
        months: Self.monthList([
            ["enero"], ["febrero"], ["marzo"], ["abril"], ["mayo"], ["junio"], ["julio"], ["agosto"],
            ["septiembre", "setiembre"], ["octubre"], ["noviembre"], ["diciembre"],
        ]),
        dayJoiners: ["de"],
        dayWords: ["día", "el día"])

    static let greek = FigureWords(
        scales: [
            ("τρισεκατομμύρια", 12), ("τρισεκατομμυρίων", 12), ("τρισεκατομμύριο", 12), ("τρισ.", 12),
            ("δισεκατομμύρια", 9), ("δισεκατομμυρίων", 9), ("δισεκατομμύριο", 9), ("δισ.", 9),
            ("εκατομμύρια", 6), ("εκατομμυρίων", 6), ("εκατομμύριο", 6), ("εκατ.", 6), ("χιλιάδες", 3), ("χιλιάδων", 3),
        ],
        percentWords: ["τοις εκατό"],
        of: ["από", "από τις", "από τους", "από τα"],
        among: ["μεταξύ", "από", "από τις", "από τους", "από τα"],
        rankBefore: ["κατατάχθηκε", "κατατάσσεται", "θέση"],
        ordinalSuffixes: ["η", "ος", "ης", "ας", "ου", "ο", "ή", "ό", "ης", "ων"],
        ofWhich: ["εκ των οποίων", "από τις οποίες", "από τους οποίους", "από τα οποία", "μεταξύ των οποίων"],
        ofTotal: ["από τους", "από τις", "από τα", "επί συνόλου", "από"],
        that: ["ότι", "πως"],
        shareWords: ["ποσοστό", "δηλαδή", "που αντιστοιχεί σε", "που αντιστοιχούν σε", "αντιστοιχεί σε", "ήτοι", "ή", "ποσοστό της τάξης του", "με ποσοστό", "σε ποσοστό"],
        partOfWhole: ["που αντιστοιχεί σε", "που αντιστοιχούν σε", "αντιστοιχεί σε"],
        exceed: ["υψηλότερα", "υψηλότερη", "υψηλότερο", "υψηλότερες", "υπερβαίνοντας", "υπερβαίνει", "υπερέβη", "υπέρβαση", "ξεπερνώντας", "ξεπέρασε", "ξεπερνά", "πάνω από"],
        reach: ["φτάνοντας", "έφτασε", "φτάνει", "επιτυγχάνοντας", "ίσο με"],
        target: ["στόχο", "στόχου", "στόχος", "σχεδίου", "σχέδιο", "εκτίμησης", "εκτίμηση", "πρόβλεψης", "προϋπολογισμού", "προϋπολογισμό", "προϋπολογισμός"],
        up: ["αύξηση", "αυξήθηκε", "αυξημένη", "αυξημένο", "αυξημένες", "αυξημένα", "άνοδο", "άνοδος", "περισσότερο"],
        down: ["μείωση", "μειώθηκε", "μειωμένη", "μειωμένο", "πτώση", "λιγότερο"],
        from: ["από"],
        to: ["σε", "στα", "στις", "στους", "στο", "έως"],
        compared: ["σε σύγκριση με", "σε σχέση με", "έναντι"],
        than: ["από"],
        bounds: ["τουλάχιστον", "το πολύ", "ακριβώς", "έως"],
        points: ["ποσοστιαίες μονάδες", "ποσοστιαίας μονάδας", "ποσοστιαία μονάδα", "μονάδες"],
        orMore: ["και άνω", "και πάνω", "ή περισσότερο"],
        years: ["έτη", "συνεχόμενα έτη", "χρόνια", "συνεχόμενα χρόνια"],
        consecutive: ["συνεχόμενα"],
        periods: ["μήνες", "μηνών", "μήνα", "τρίμηνα", "τριμήνου", "εβδομάδες", "ημέρες", "ημερών"],
        ordinals: Self.ranked([["πρώτη", "πρώτος", "πρώτο", "πρώτης", "πρώτου"], ["δεύτερη", "δεύτερος", "δεύτερο"], ["τρίτη", "τρίτος", "τρίτο"], ["τέταρτη", "τέταρτος", "τέταρτο"], ["πέμπτη", "πέμπτος", "πέμπτο"], ["έκτη", "έκτος", "έκτο"], ["έβδομη", "έβδομος", "έβδομο"], ["όγδοη", "όγδοος", "όγδοο"], ["ένατη", "ένατος", "ένατο"], ["δέκατη", "δέκατος", "δέκατο"]]),
        and: ["και"],
        months: Self.monthList([
            ["ιανουαρίου", "ιανουάριος", "ιανουάριο"], ["φεβρουαρίου", "φεβρουάριος", "φεβρουάριο"], ["μαρτίου", "μάρτιος", "μάρτιο"],
            ["απριλίου", "απρίλιος", "απρίλιο"], ["μαΐου", "μάιος", "μάιο"], ["ιουνίου", "ιούνιος", "ιούνιο"],
            ["ιουλίου", "ιούλιος", "ιούλιο"], ["αυγούστου", "αύγουστος", "αύγουστο"], ["σεπτεμβρίου", "σεπτέμβριος", "σεπτέμβριο"],
            ["οκτωβρίου", "οκτώβριος", "οκτώβριο"], ["νοεμβρίου", "νοέμβριος", "νοέμβριο"], ["δεκεμβρίου", "δεκέμβριος", "δεκέμβριο"],
        ]))

    static let russian = FigureWords(
        scales: [
            ("трлн", 12), ("триллионов", 12), ("триллиона", 12), ("триллион", 12), ("млрд", 9), ("миллиардов", 9),
            ("миллиарда", 9), ("миллиард", 9), ("млн", 6), ("миллионов", 6), ("миллиона", 6), ("миллион", 6),
            ("тыс.", 3), ("тысяч", 3), ("тысячи", 3), ("тысяча", 3),
        ],
        percentWords: ["процентов", "процента", "процент"],
        of: ["из"],
        among: ["из", "среди"],
        rankBefore: ["место"],
        ordinalSuffixes: ["-е", "-й", "-го", "-м", "-я", "-ое", "-ий", "-ом", "-ей"],
        ofWhich: ["из них", "в том числе", "в т. ч.", "в т.ч."],
        ofTotal: ["из", "из общего числа"],
        that: ["что"],
        shareWords: ["или", "что составляет", "что составило", "составив", "составляет", "составило", "что соответствует", "то есть", "доля"],
        partOfWhole: ["что составляет", "составляет", "что составило", "составило", "доля"],
        exceed: ["превысив", "превысил", "превысила", "превысило", "превышение", "превышает", "выше"],
        reach: ["достигнув", "достиг", "достигла", "достигло", "составив", "составил", "составила", "составило"],
        target: ["плана", "план", "цели", "цель", "задания", "прогноза", "прогноз", "плановых назначений", "годовых назначений", "назначений",
                 "запланированных", "запланированного", "запланированной", "целевого показателя", "плановых", "планового"],
        up: ["рост", "вырос", "выросла", "выросло", "увеличение", "увеличился", "увеличилась", "увеличилось", "больше"],
        down: ["снижение", "снизился", "снизилась", "снизилось", "сокращение", "уменьшение", "меньше", "падение", "ниже"],
        from: ["с"],
        to: ["до"],
        compared: ["по сравнению с", "против"],
        than: ["чем"],
        bounds: ["не менее", "не более", "ровно", "от", "до"],
        points: ["процентных пункта", "процентных пунктов", "процентного пункта", "процентный пункт", "п.п.", "п. п."],
        orMore: ["и более", "и выше", "и менее"],
        years: ["лет", "года", "год", "лет подряд", "года подряд"],
        consecutive: ["подряд"],
        periods: ["месяцев", "месяца", "месяц", "квартала", "кварталов", "недель", "недели", "дней", "дня"],
        ordinals: Self.ranked([["первое", "первый", "первая", "первом", "первого"], ["второе", "второй", "вторая"], ["третье", "третий", "третья"], ["четвёртое", "четвертое", "четвёртый", "четвертый"], ["пятое", "пятый"], ["шестое", "шестой"], ["седьмое", "седьмой"], ["восьмое", "восьмой"], ["девятое", "девятый"], ["десятое", "десятый"]]),
        and: ["и"],
        months: Self.monthList([
            ["января", "январь"], ["февраля", "февраль"], ["марта", "март"], ["апреля", "апрель"], ["мая", "май"],
            ["июня", "июнь"], ["июля", "июль"], ["августа", "август"], ["сентября", "сентябрь"], ["октября", "октябрь"],
            ["ноября", "ноябрь"], ["декабря", "декабрь"],
        ]))

    static let arabic = FigureWords(
        scales: [("تريليون", 12), ("مليارات", 9), ("مليار", 9), ("ملايين", 6), ("مليون", 6), ("آلاف", 3), ("ألف", 3)],
        percentWords: ["في المائة", "في المئة", "بالمائة", "بالمئة"],
        of: ["من", "من أصل", "من بين"],
        among: ["من بين", "من أصل", "من", "بين"],
        rankBefore: ["المرتبة", "المركز"],
        ordinalSuffixes: [],
        ofWhich: ["منها", "من بينها", "منهم", "بما في ذلك"],
        ofTotal: ["من أصل", "من بين", "من إجمالي", "من"],
        that: ["أن"],
        shareWords: ["بنسبة", "أي بنسبة", "بما نسبته", "ما نسبته", "تمثل", "يمثل", "أي", "بنسبة بلغت", "تعادل", "يعادل", "ما يعادل"],
        partOfWhole: ["تمثل", "يمثل", "ما نسبته", "بما نسبته"],
        exceed: ["متجاوزًا", "متجاوزا", "متجاوزة", "تجاوز", "تجاوزت", "متخطيًا", "فاق", "بزيادة"],
        reach: ["بلغ", "بلغت", "بالغًا", "بالغة", "محققًا", "محققة", "يعادل", "ما يعادل"],
        target: ["الهدف", "المستهدف", "الخطة", "التقديرات", "تقديرات", "المخطط", "المقرر", "المخطط له", "الموازنة"],
        up: ["زيادة", "ارتفاع", "ارتفع", "ارتفعت", "نمو", "نما", "بزيادة"],
        down: ["انخفاض", "انخفض", "انخفضت", "تراجع", "تراجعت", "نقص"],
        from: ["من"],
        to: ["إلى", "الى"],
        compared: ["مقارنة", "مقارنةً", "بالمقارنة"],
        than: [],
        bounds: ["كحد أدنى", "كحد أقصى", "تحديدًا", "إلى"],
        points: ["نقطة مئوية", "نقاط مئوية", "نقطة"],
        orMore: ["فأكثر", "فما فوق", "أو أكثر"],
        years: ["سنوات", "أعوام", "سنوات متتالية", "أعوام متتالية"],
        consecutive: ["متتالية"],
        periods: ["أشهر", "شهرا", "شهراً", "شهور", "أسابيع", "يوما", "يومًا", "أيام"],
        ordinals: Self.ranked([["الأول", "الأولى"], ["الثاني", "الثانية"], ["الثالث", "الثالثة"], ["الرابع", "الرابعة"], ["الخامس", "الخامسة"], ["السادس", "السادسة"], ["السابع", "السابعة"], ["الثامن", "الثامنة"], ["التاسع", "التاسعة"], ["العاشر", "العاشرة"]]),
        and: ["و"],
        months: Self.monthList([
            ["يناير", "كانون الثاني"], ["فبراير", "شباط"], ["مارس", "آذار"], ["أبريل", "إبريل", "نيسان"], ["مايو", "أيار"],
            ["يونيو", "حزيران"], ["يوليو", "تموز"], ["أغسطس", "آب"], ["سبتمبر", "أيلول"], ["أكتوبر", "تشرين الأول"],
            ["نوفمبر", "تشرين الثاني"], ["ديسمبر", "كانون الأول"],
        ]),
        dayWords: ["يوم"])

    private static func ranked(_ names: [[String]]) -> [(word: String, rank: Int)] {
        names.enumerated().flatMap { index, forms in forms.map { ($0, index + 1) } }
            .sorted { $0.word.unicodeScalars.count > $1.word.unicodeScalars.count }
    }

    private static func monthList(_ names: [[String]]) -> [(name: String, month: Int)] {
        names.enumerated().flatMap { index, forms in forms.map { ($0, index + 1) } }
            .sorted { $0.name.unicodeScalars.count > $1.name.unicodeScalars.count }
    }
}
