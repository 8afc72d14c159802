/// Vietnam's 63 provinces and centrally run cities (before the 2025 mergers), with their socio-economic regions:
/// the real names the national generator gives its provinces. Figures attached to them are synthetic.
enum Provinces {
    struct Province {
        let code: String
        let vi: String
        let en: String
        let region: String
    }

    static let all: [Province] = {
        let table: [(String, [(String, String, String)])] = [
            ("Northern Midlands and Mountains", [
                ("HGI", "Hà Giang", "Ha Giang"), ("CBG", "Cao Bằng", "Cao Bang"), ("BKN", "Bắc Kạn", "Bac Kan"),
                ("TQG", "Tuyên Quang", "Tuyen Quang"), ("LCI", "Lào Cai", "Lao Cai"), ("DBN", "Điện Biên", "Dien Bien"),
                ("LCU", "Lai Châu", "Lai Chau"), ("SLA", "Sơn La", "Son La"), ("YBI", "Yên Bái", "Yen Bai"),
                ("HBH", "Hòa Bình", "Hoa Binh"), ("TNN", "Thái Nguyên", "Thai Nguyen"), ("LSN", "Lạng Sơn", "Lang Son"),
                ("BGG", "Bắc Giang", "Bac Giang"), ("PTO", "Phú Thọ", "Phu Tho"),
            ]),
            ("Red River Delta", [
                ("HNI", "Hà Nội", "Ha Noi"), ("VPC", "Vĩnh Phúc", "Vinh Phuc"), ("BNH", "Bắc Ninh", "Bac Ninh"),
                ("QNH", "Quảng Ninh", "Quang Ninh"), ("HDG", "Hải Dương", "Hai Duong"), ("HPG", "Hải Phòng", "Hai Phong"),
                ("HYN", "Hưng Yên", "Hung Yen"), ("TBH", "Thái Bình", "Thai Binh"), ("HNM", "Hà Nam", "Ha Nam"),
                ("NDH", "Nam Định", "Nam Dinh"), ("NBH", "Ninh Bình", "Ninh Binh"),
            ]),
            ("North Central and Central Coast", [
                ("THA", "Thanh Hóa", "Thanh Hoa"), ("NAN", "Nghệ An", "Nghe An"), ("HTH", "Hà Tĩnh", "Ha Tinh"),
                ("QBH", "Quảng Bình", "Quang Binh"), ("QTI", "Quảng Trị", "Quang Tri"), ("TTH", "Thừa Thiên Huế", "Thua Thien Hue"),
                ("DNG", "Đà Nẵng", "Da Nang"), ("QNM", "Quảng Nam", "Quang Nam"), ("QNI", "Quảng Ngãi", "Quang Ngai"),
                ("BDH", "Bình Định", "Binh Dinh"), ("PYN", "Phú Yên", "Phu Yen"), ("KHA", "Khánh Hòa", "Khanh Hoa"),
                ("NTN", "Ninh Thuận", "Ninh Thuan"), ("BTN", "Bình Thuận", "Binh Thuan"),
            ]),
            ("Central Highlands", [
                ("KTM", "Kon Tum", "Kon Tum"), ("GLI", "Gia Lai", "Gia Lai"), ("DLK", "Đắk Lắk", "Dak Lak"),
                ("DNO", "Đắk Nông", "Dak Nong"), ("LDG", "Lâm Đồng", "Lam Dong"),
            ]),
            ("Southeast", [
                ("BPC", "Bình Phước", "Binh Phuoc"), ("TNH", "Tây Ninh", "Tay Ninh"), ("BDG", "Bình Dương", "Binh Duong"),
                ("DNI", "Đồng Nai", "Dong Nai"), ("BRV", "Bà Rịa – Vũng Tàu", "Ba Ria – Vung Tau"), ("HCM", "Thành phố Hồ Chí Minh", "Ho Chi Minh City"),
            ]),
            ("Mekong Delta", [
                ("LAN", "Long An", "Long An"), ("TGG", "Tiền Giang", "Tien Giang"), ("BTE", "Bến Tre", "Ben Tre"),
                ("TVH", "Trà Vinh", "Tra Vinh"), ("VLG", "Vĩnh Long", "Vinh Long"), ("DTP", "Đồng Tháp", "Dong Thap"),
                ("AGG", "An Giang", "An Giang"), ("KGG", "Kiên Giang", "Kien Giang"), ("CTO", "Cần Thơ", "Can Tho"),
                ("HGG", "Hậu Giang", "Hau Giang"), ("STG", "Sóc Trăng", "Soc Trang"), ("BLU", "Bạc Liêu", "Bac Lieu"),
                ("CMU", "Cà Mau", "Ca Mau"),
            ]),
        ]
        return table.flatMap { region, provinces in provinces.map { Province(code: $0.0, vi: $0.1, en: $0.2, region: region) } }
    }()
}
