"""What each kind of city department handles, in the words people use when they write in.

Plain data, read by `routing.py`. Each entry names a department the way the registry's
aliases do ("Sở Xây dựng"; resolved to the city's body, e.g. "Sở Xây dựng thành phố Hải
Phòng"), and the words of the matters it answers for after the 2025 mergers (Sở Giao thông
vận tải into Sở Xây dựng; Sở Tài nguyên và Môi trường and Sở Nông nghiệp và Phát triển
nông thôn into Sở Nông nghiệp và Môi trường; Sở Thông tin và Truyền thông into Sở Khoa học
và Công nghệ, its press into Sở Văn hóa, Thể thao và Du lịch; Sở Lao động - Thương binh và
Xã hội into Sở Nội vụ, its social protection and children into Sở Y tế, vocational
training into Sở Giáo dục và Đào tạo; driving licences and vehicle registration with the
police). These are general words of each field, not phrases of particular petitions.

A cue counts its number of words (a longer phrase is more specific); "phrase:N" weighs N.
Matching ignores case and, for text typed without diacritics, diacritics.
"""

# The commune level as the registry names it (one collective body for all of them).
WARD_LEVEL = "Ủy ban nhân dân các xã, phường, đặc khu"

DEPARTMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Sở Xây dựng", "giao thông, đường sá, xây dựng, đô thị, nhà ở, cấp thoát nước", (
        "đường:1", "mặt đường", "ổ gà:3", "ổ voi:3", "hố sâu", "sụt lún:3", "lún sụt:3", "sụt lún mặt đường:4",
        "nứt mặt đường", "vỉa hè", "lòng đường", "cầu:1", "cây cầu", "cầu yếu", "lan can cầu", "hầm chui",
        "cầu vượt", "nút giao", "ngã tư", "ngã ba", "vòng xuyến", "dải phân cách", "biển báo:3", "vạch kẻ đường:3",
        "đèn tín hiệu:3", "đèn giao thông:3", "đèn đỏ", "gờ giảm tốc:3", "ùn tắc:3", "tắc đường:3", "kẹt xe:3",
        "hạ tầng giao thông", "giao thông:1", "xe buýt:3", "tuyến buýt:3", "điểm dừng xe buýt:4", "nhà chờ xe buýt:4",
        "bến xe:3", "xe khách", "taxi", "bãi đỗ xe", "bãi gửi xe", "đăng kiểm:3", "trạm thu phí", "cao tốc",
        "quốc lộ", "tỉnh lộ", "đường tỉnh", "đường liên xã", "đường làng", "ngõ", "ngách", "bến phà", "phà",
        "đường thủy", "bến thủy nội địa", "xe quá tải", "xe chở vật liệu", "rơi vãi vật liệu", "đường sắt",
        "chiếu sáng:3", "đèn đường:3", "đèn chiếu sáng", "cột đèn", "thoát nước:3", "cống thoát nước:4",
        "nắp cống:3", "hố ga:3", "nước cống:3", "ngập úng:3", "ngập nước", "ngập sâu", "mưa to là ngập", "cấp nước:3",
        "nước sạch:2", "mất nước:3", "nước máy:3", "đường ống nước", "áp lực nước yếu", "vỡ đường ống",
        "giấy phép xây dựng:4", "xây dựng trái phép:4", "xây dựng không phép:4", "xây dựng sai phép:4",
        "trật tự xây dựng:4", "công trình xây dựng", "công trình", "thi công:2", "công trường", "chậm tiến độ",
        "dự án chậm", "chung cư:3", "nhà chung cư", "nhà ở xã hội:4", "nhà ở", "thang máy chung cư",
        "ban quản trị", "phí dịch vụ chung cư", "quy hoạch xây dựng", "quy hoạch chi tiết", "quy hoạch đô thị",
        "chỉ giới", "cây xanh đô thị", "cây xanh:2", "cây đổ:2", "cành cây", "cắt tỉa cây", "công viên",
        "vườn hoa", "nghĩa trang:2", "nhà tang lễ", "vật liệu xây dựng", "nhà nguy hiểm", "nhà xuống cấp",
        "khu đô thị", "tầng hầm", "phí gửi xe", "hạ tầng kỹ thuật", "cống hộp", "mương thoát nước",
        "đào đường", "tái lập mặt đường", "lát đá", "vỉa hè bị", "cọc tiêu", "hộ lan",
    )),
    ("Sở Nông nghiệp và Môi trường", "đất đai, môi trường, tài nguyên, nông nghiệp, thủy lợi", (
        "đất đai:3", "đất:1", "sổ đỏ:4", "sổ hồng:4", "giấy chứng nhận quyền sử dụng đất:6", "quyền sử dụng đất:4",
        "cấp sổ", "cấp giấy chứng nhận", "thửa đất:3", "mảnh đất", "lô đất", "diện tích đất", "đo đạc",
        "trích lục", "bản đồ địa chính", "thu hồi đất:4", "bồi thường:2", "giải phóng mặt bằng:4", "tái định cư:3",
        "giá đất", "tiền sử dụng đất", "tranh chấp đất", "lấn chiếm đất", "đất công", "đất nông nghiệp",
        "chuyển mục đích sử dụng đất:4", "môi trường:2", "ô nhiễm:3", "gây ô nhiễm", "mùi hôi:3", "bốc mùi:3",
        "hôi thối:3", "khói:2", "khói bụi:3", "bụi:1", "bụi bặm", "khí thải:3", "nước thải:3", "xả thải:3",
        "xả trộm", "rác:2", "rác thải:3", "rác nhựa:3",
        "phao xốp:4", "bãi rác:3", "đổ trộm rác", "đổ phế thải:3", "phế thải",
        "chất thải:3", "chất thải nguy hại", "cá chết:3", "nước sông", "dòng sông",
        "kênh", "mương", "ao hồ", "hồ điều hòa", "sông", "khai thác cát:4", "hút cát", "khai thác khoáng sản:4",
        "khoáng sản:3", "tài nguyên", "nước ngầm", "giếng khoan", "đê:2", "đê điều:3", "thủy lợi:3", "kênh mương:3",
        "trạm bơm", "cống tưới", "tưới tiêu", "nông nghiệp", "nông dân", "cánh đồng", "lúa:2", "ruộng",
        "cây trồng", "phân bón:3", "thuốc bảo vệ thực vật:4", "thuốc trừ sâu:3", "giống cây", "vật nuôi",
        "chăn nuôi:3", "trại lợn:3", "trang trại", "gia súc", "gia cầm", "dịch tả lợn:4", "dịch bệnh gia súc",
        "thú y:3", "giết mổ", "lò mổ", "thủy sản:2", "nuôi trồng thủy sản",
        "đầm nuôi", "rừng:2", "rừng ngập mặn:4", "chặt phá rừng", "biến đổi khí hậu", "triều cường:3",
        "sạt lở:3", "xâm nhập mặn:3", "thiên tai", "phòng chống thiên tai", "tiếng ồn nhà máy",
        "quan trắc", "đánh giá tác động môi trường", "nước thải sinh hoạt", "vệ sinh môi trường",
        "động vật hoang dã", "đất ở", "đất vườn", "đất thổ cư", "hồ sơ đất", "biến động đất",
    )),
    ("Công an thành phố", "an ninh, trật tự, giao thông (vi phạm), cư trú, phòng cháy", (
        "an ninh:2", "trật tự:2", "an ninh trật tự:4", "mất trật tự", "gây rối:3", "đánh nhau:3", "hành hung:3",
        "đe dọa:2", "côn đồ", "giang hồ", "băng nhóm", "trộm:3", "trộm cắp:3", "mất trộm:3", "cướp:3", "cướp giật:4",
        "lừa đảo:3", "chiếm đoạt", "việc nhẹ lương cao:5", "làm nhiệm vụ:3", "nạp tiền:3", "tung ảnh:3",
        "ma túy:4", "nghiện", "tiêm chích", "đánh bạc:4", "cờ bạc:4", "lô đề:4",
        "cá độ:4", "mại dâm:4", "tín dụng đen:4", "cho vay nặng lãi:4", "đòi nợ thuê:4", "karaoke:2",
        "hát karaoke", "loa kẹo kéo:3", "tiếng ồn:2", "ồn ào:2", "ồn ào về đêm", "gây ồn", "nửa đêm", "đêm khuya",
        "tụ tập:3", "đua xe:4", "lạng lách:4", "bốc đầu", "vượt đèn đỏ:3", "vi phạm giao thông:4",
        "cảnh sát giao thông:4", "csgt:4", "phạt nguội", "nồng độ cồn", "say rượu", "xe không chính chủ",
        "đăng ký xe:4", "biển số xe:4", "biển số", "giấy phép lái xe:4", "bằng lái xe:4", "đổi bằng lái",
        "căn cước:4", "cccd:4", "căn cước công dân:4", "định danh điện tử", "vneid:4", "cư trú:3", "tạm trú:3",
        "thường trú:3", "hộ khẩu:3", "đăng ký cư trú", "phòng cháy:4", "chữa cháy:4", "cháy nổ:3", "pccc:4",
        "hỏa hoạn", "bình chữa cháy", "lối thoát hiểm", "công an:2", "công an phường", "công an xã",
        "trình báo", "tố giác tội phạm", "tội phạm", "bạo lực", "bắt cóc", "xâm hại", "hàng cấm", "pháo nổ",
        "vũ khí", "dao kiếm", "chống người thi hành công vụ", "camera an ninh", "lấn chiếm lòng đường",
        "đậu đỗ xe", "đỗ xe trái phép", "dừng đỗ:3", "đỗ trái phép:4", "xe dừng đỗ", "đỗ xe", "chắn lối đi",
        "đỗ xe sai quy định:4", "đỗ dọc:3", "đỗ sai quy định:4", "đỗ sai:3", "ô tô đỗ:2", "xe đỗ:2", "chiếm lòng đường:3",
    )),
    ("Sở Giáo dục và Đào tạo", "trường học, học sinh, tuyển sinh, giáo dục nghề nghiệp", (
        "trường:2", "trường học:3", "nhà trường:3", "học sinh:3", "sinh viên", "giáo viên:3", "cô giáo", "thầy giáo",
        "hiệu trưởng:3", "lớp học", "học phí:4", "lạm thu:4", "khoản thu đầu năm", "quỹ phụ huynh",
        "ban đại diện cha mẹ học sinh", "phụ huynh:2", "tuyển sinh:4", "tuyển sinh lớp", "trái tuyến", "đúng tuyến",
        "lớp 1", "lớp 6", "lớp 10", "thi vào lớp", "kỳ thi:2", "đề thi", "thi tốt nghiệp", "điểm thi",
        "dạy thêm:4", "học thêm:4", "sách giáo khoa:4", "đồng phục", "bán trú", "bữa ăn bán trú", "căng tin",
        "mầm non:3", "mẫu giáo", "nhà trẻ", "nhóm trẻ", "trẻ mầm non", "tiểu học:3", "trung học:3", "thcs", "thpt",
        "bạo lực học đường:5", "giáo dục:2", "đào tạo", "trường nghề:3", "trung cấp", "cao đẳng",
        "giáo dục nghề nghiệp:4", "học nghề:3", "văn bằng", "bằng tốt nghiệp", "chứng chỉ", "ký túc xá",
        "xe đưa đón học sinh", "sĩ số", "phòng học", "điểm trường", "năm học",
    )),
    ("Sở Y tế", "khám chữa bệnh, dược, an toàn thực phẩm, dịch bệnh, bảo trợ xã hội, trẻ em", (
        "bệnh viện:4", "trạm y tế:4", "trung tâm y tế:4", "phòng khám:3", "bác sĩ:3", "y tá", "điều dưỡng", "y tế:2",
        "khám bệnh:3", "chữa bệnh", "khám chữa bệnh:4", "cấp cứu:3", "nằm viện", "điều trị", "bệnh nhân:3",
        "người bệnh", "thuốc:2", "nhà thuốc:3", "hiệu thuốc", "dược", "thuốc giả", "thuốc kháng sinh", "kê đơn",
        "bảo hiểm y tế:3", "thẻ bhyt", "bhyt", "viện phí:3", "an toàn thực phẩm:5", "vệ sinh an toàn thực phẩm:6",
        "ngộ độc:4", "ngộ độc thực phẩm:5", "thực phẩm bẩn:4", "thực phẩm không rõ nguồn gốc:4", "thực phẩm",
        "quán ăn", "bếp ăn", "bếp ăn tập thể", "nhà hàng mất vệ sinh", "dịch bệnh:2", "sốt xuất huyết:4",
        "muỗi", "phun thuốc muỗi", "tiêm chủng:4", "vắc xin:4", "tiêm phòng", "sởi", "tay chân miệng",
        "thẩm mỹ viện:4", "spa", "phẫu thuật thẩm mỹ", "trang thiết bị y tế", "xe cứu thương", "115",
        "bảo trợ xã hội:4", "người khuyết tật:3", "người cao tuổi",
        "neo đơn", "trẻ em:2", "bảo vệ trẻ em", "trẻ em bị bạo hành", "trẻ mồ côi", "trẻ lang thang", "ăn xin",
        "cai nghiện:3", "người tâm thần", "chất lượng phục vụ bệnh viện",
    )),
    ("Sở Nội vụ", "lao động, tiền lương, việc làm, người có công, công chức, tôn giáo", (
        "lao động:2", "người lao động:3", "công nhân:2", "nợ lương:4", "chậm lương:4", "trả lương:3", "tiền lương:3",
        "lương:2", "lương tối thiểu", "hợp đồng lao động:4", "sa thải:3", "đuổi việc", "nghỉ việc", "thôi việc",
        "bảo hiểm xã hội:3", "đóng bảo hiểm", "nợ bảo hiểm", "chốt sổ bảo hiểm", "bảo hiểm thất nghiệp:4",
        "trợ cấp thất nghiệp:4", "việc làm:2", "giới thiệu việc làm", "xuất khẩu lao động:4", "đi làm việc ở nước ngoài",
        "tai nạn lao động:4", "an toàn lao động:4", "giờ làm thêm", "tăng ca", "người có công:4", "thương binh:4",
        "liệt sĩ:4", "bệnh binh", "chất độc da cam", "gia đình chính sách", "ưu đãi người có công", "mẹ việt nam anh hùng",
        "công chức:3", "viên chức:3", "thi tuyển công chức", "tuyển dụng:2", "biên chế", "cán bộ xã", "tinh giản",
        "nghỉ hưu", "chế độ nghỉ việc", "sắp xếp bộ máy", "sáp nhập xã", "địa giới hành chính:4", "thi đua",
        "khen thưởng", "tôn giáo:3", "tín ngưỡng", "nhà thờ", "giáo xứ", "sinh hoạt tôn giáo", "hội, quỹ",
        "văn thư", "lưu trữ",
    )),
    # Taxes and customs are collected by the Ministry of Finance's own offices in the city (Thuế
    # thành phố Hải Phòng, the regional customs branch), not by the city's Sở Tài chính; the
    # registry has no body for those offices, so the ministry stands for them.
    ("Bộ Tài chính", "thuế, hải quan (cơ quan thuế, hải quan thuộc Bộ Tài chính)", (
        "thuế:3", "nộp thuế", "hoàn thuế:4", "thuế thu nhập", "thuế đất", "mã số thuế:4", "hóa đơn:3",
        "hóa đơn điện tử:4", "thuế khoán", "cơ quan thuế:4", "chi cục thuế:5", "cục thuế:5", "thuế giá trị gia tăng:4",
        "thuế gtgt:4", "hải quan:4", "thông quan:4", "tờ khai hải quan:5", "chi cục hải quan:5", "khai hải quan:4",
    )),
    ("Sở Tài chính", "giá, ngân sách, đầu tư, đăng ký kinh doanh, tài sản công", (
        "hộ kinh doanh:3", "giá:1", "giá cả:3", "tăng giá:3", "niêm yết giá:4",
        "bình ổn giá", "thẩm định giá", "giá dịch vụ", "giá vé", "phí:1", "lệ phí:2", "thu phí", "ngân sách:3",
        "vốn ngân sách", "kinh phí:2", "tạm ứng", "quyết toán", "thanh toán vốn", "đầu tư công:4",
        "dự án đầu tư:3", "nhà đầu tư:3", "chủ trương đầu tư:4",
        # Outside the zones; inside one the board issues it, and the zone's words outweigh these.
        "đăng ký đầu tư:2", "giấy chứng nhận đăng ký đầu tư:3", "đăng ký kinh doanh:4", "đăng ký doanh nghiệp:4",
        "thành lập doanh nghiệp:4", "giấy chứng nhận đăng ký doanh nghiệp:5", "doanh nghiệp:2", "công ty:1",
        "thủ tục đầu tư", "ưu đãi đầu tư", "tài sản công:4", "trụ sở dôi dư", "đấu giá tài sản công",
        "xổ số", "bảo hiểm", "hỗ trợ doanh nghiệp", "vay vốn", "tín dụng", "ngân hàng:2", "kho bạc",
        "hợp tác xã", "kinh tế tập thể", "mua sắm công", "đấu thầu:3", "gói thầu:3",
    )),
    ("Sở Công Thương", "điện, chợ, thương mại, hàng giả, xăng dầu, người tiêu dùng", (
        "điện:2", "mất điện:4", "cắt điện:4", "cúp điện:4", "điện yếu:4", "tiền điện:4", "hóa đơn tiền điện:5",
        "giá điện:4", "công tơ điện:4", "đồng hồ điện", "lưới điện:4", "cột điện:3", "dây điện:3", "trạm biến áp:4",
        "điện lực:4", "evn:4", "chợ:3", "ban quản lý chợ", "tiểu thương:3", "kiốt",
        "siêu thị:3", "trung tâm thương mại:3", "hàng giả:4", "hàng nhái:4", "hàng kém chất lượng:4",
        "hàng nhập lậu:4", "buôn lậu:3", "quản lý thị trường:4", "người tiêu dùng:4", "bảo vệ người tiêu dùng:5",
        "khuyến mại:3", "bán hàng đa cấp:5", "đa cấp:4", "thương mại điện tử:4", "bán hàng online", "mua hàng online",
        "xăng dầu:4", "cây xăng:4", "cửa hàng xăng", "khí gas", "bình gas:3", "gas:2", "cụm công nghiệp:4",
        "hạ tầng cụm công nghiệp:5",
        "thương mại:2", "xuất khẩu", "nhập khẩu", "hóa chất:2", "vật liệu nổ công nghiệp", "thủy điện",
        "năng lượng", "điện mặt trời:4", "an toàn điện", "hàng hóa", "cân điêu",
    )),
    ("Sở Khoa học và Công nghệ", "viễn thông, internet, bưu chính, dịch vụ công trực tuyến, đo lường", (
        "internet:4", "mạng internet", "wifi", "cáp quang:4", "sóng điện thoại:4", "sóng di động:4", "mất sóng:4",
        "sóng yếu:3", "viễn thông:4", "nhà mạng:4", "trạm bts:5", "cột ăng ten:4", "cột phát sóng:4",
        "dây cáp viễn thông:4", "dây cáp:3", "cáp treo", "bưu chính:4", "bưu điện:4", "bưu phẩm", "chuyển phát",
        "tin nhắn rác:5", "cuộc gọi rác:5", "sim rác:5", "lừa đảo qua mạng", "an toàn thông tin:4", "lộ lọt thông tin",
        "dịch vụ công trực tuyến:5", "cổng dịch vụ công:5", "nộp hồ sơ trực tuyến:4", "ứng dụng", "phần mềm:3",
        "chuyển đổi số:4", "chữ ký số:4", "đo lường:4", "tiêu chuẩn", "quy chuẩn", "cân sai", "đồng hồ nước",
        "sở hữu trí tuệ:4", "nhãn hiệu", "bằng sáng chế", "khoa học:2", "công nghệ:2", "an toàn bức xạ:4",
        "bức xạ", "khởi nghiệp", "đổi mới sáng tạo",
    )),
    ("Sở Văn hóa, Thể thao và Du lịch", "văn hóa, di tích, lễ hội, du lịch, thể thao, quảng cáo, báo chí", (
        "du lịch:3", "khách du lịch:4", "khách sạn:3", "nhà nghỉ", "homestay:3", "lưu trú", "tour:3", "hướng dẫn viên",
        "bãi tắm:4", "bãi biển:3", "chặt chém:3", "chèo kéo khách:4", "di tích:4", "di sản", "đình:2", "chùa:2",
        "đền:2", "miếu", "lễ hội:4", "văn hóa:2", "nếp sống văn minh", "việc cưới", "việc tang", "đám cưới",
        "đám ma", "nhà văn hóa:4", "thư viện:3", "bảo tàng:3", "rạp chiếu phim", "biểu diễn:3", "nghệ thuật",
        "ca nhạc", "thể thao:3", "sân bóng:3", "sân vận động:4", "bể bơi:3", "sân chơi:2", "khu vui chơi:3",
        "phòng tập", "quảng cáo:3", "biển quảng cáo:4", "băng rôn:3", "pa nô", "rao vặt", "tờ rơi",
        "báo chí:4", "nhà báo", "phóng viên", "xuất bản:3", "in ấn", "phát thanh", "truyền hình", "loa phát thanh:4",
        "bạo lực gia đình:5", "gia đình văn hóa", "trò chơi điện tử", "game online", "quán net", "vũ trường",
        "bar", "quán bar", "hát rong",
    )),
    ("Sở Tư pháp", "hộ tịch, công chứng, chứng thực, lý lịch tư pháp, trợ giúp pháp lý", (
        "hộ tịch:4", "khai sinh:4", "giấy khai sinh:4", "khai tử:4", "đăng ký kết hôn:4", "kết hôn:2", "ly hôn:2",
        "xác nhận tình trạng hôn nhân:5", "độc thân", "nhận cha con", "con nuôi:3", "công chứng:4", "văn phòng công chứng:5",
        "chứng thực:4", "sao y", "bản sao", "lý lịch tư pháp:5", "phiếu lý lịch", "luật sư:3", "trợ giúp pháp lý:5",
        "tư vấn pháp luật", "đấu giá:2", "bán đấu giá:3", "thừa phát lại:4", "thi hành án:3", "quốc tịch:4",
        "giám định tư pháp:4", "thừa kế:3", "di chúc:3", "hợp đồng mua bán nhà", "văn bản quy phạm pháp luật",
        "pháp luật", "hòa giải",
    )),
    ("Thanh tra thành phố", "khiếu nại, tố cáo, tham nhũng, tiêu cực của cán bộ", (
        "tham nhũng:5", "tiêu cực:3", "nhũng nhiễu:5", "hối lộ:5", "đưa hối lộ", "nhận hối lộ", "vòi vĩnh:5",
        "đòi tiền:3", "phong bì:3", "bôi trơn", "chi tiền", "lợi dụng chức vụ:5", "sai phạm:3", "vi phạm của cán bộ",
        "khiếu nại:3", "đơn khiếu nại:4", "khiếu nại quyết định", "tố cáo:3", "đơn tố cáo:4", "tố cáo cán bộ:5",
        "thanh tra:3", "kiểm tra làm rõ", "làm rõ sai phạm", "bao che", "lãng phí", "thất thoát",
        "kê khai tài sản", "chủ tịch xã", "chủ tịch phường", "cán bộ địa chính",
    )),
    ("Ban Quản lý Khu kinh tế", "khu công nghiệp, khu kinh tế", (
        "khu công nghiệp:5", "kcn:5", "khu kinh tế:5", "khu chế xuất:5", "doanh nghiệp trong khu công nghiệp:6",
        "nhà máy trong khu", "khu phi thuế quan",
        # Its infrastructure is the developer's, overseen by the board: internal roads, drains.
        "hạ tầng khu công nghiệp:6", "chủ đầu tư hạ tầng:5", "công ty hạ tầng:4",
        # What happens inside a zone is first the board's, whatever the field's words.
        "trong khu công nghiệp:6", "trong kcn:6", "trong khu kinh tế:6", "đầu tư vào khu công nghiệp:6",
        "đầu tư vào kcn:6", "đầu tư vào khu kinh tế:6",
    )),
    ("Bộ Chỉ huy Quân sự thành phố", "nghĩa vụ quân sự, dân quân, bom mìn, đất quốc phòng", (
        "nghĩa vụ quân sự:5", "khám nghĩa vụ:5", "khám tuyển:3", "nhập ngũ:5", "xuất ngũ:5", "tại ngũ", "quân nhân:4",
        "bộ đội:3", "dân quân:4", "tự vệ", "quân sự:4", "quốc phòng:3", "đất quốc phòng:5", "doanh trại",
        "thao trường:4", "trường bắn", "bom:3", "mìn:3", "bom mìn:5", "vật nổ:4", "đạn pháo", "quả đạn",
        "hậu phương quân đội", "cựu chiến binh", "dự bị động viên:5", "giáo dục quốc phòng",
    )),
    ("Bộ đội Biên phòng thành phố", "biển, đảo, tàu cá, cửa khẩu cảng, khai thác hải sản", (
        "tàu cá:5", "ngư dân:4", "đánh bắt:3", "khai thác hải sản:4", "hải sản trái phép", "iuu:5", "vùng biển:4",
        "trên biển:3", "ngoài khơi:4", "cửa biển:4", "cửa sông", "âu thuyền", "neo đậu:3", "tàu thuyền:3",
        "thuyền:2", "tàu:1", "đồn biên phòng:5", "biên phòng:5", "biên giới:3", "đảo:2", "hải đảo", "xuất cảnh trái phép",
        "xuất nhập cảnh", "buôn lậu trên biển:5", "cứu nạn trên biển:5", "mất tích trên biển", "lặn bắt",
        "kích điện", "chất nổ đánh cá", "giã cào",
    )),
    ("Văn phòng UBND thành phố", "thủ tục hành chính, trung tâm phục vụ hành chính công", (
        "thủ tục hành chính:4", "cải cách hành chính:4", "một cửa:3", "bộ phận một cửa:4",
        "trung tâm phục vụ hành chính công:6", "hành chính công:4", "trễ hẹn:4", "quá hạn giải quyết hồ sơ:4",
        "hồ sơ trễ hạn:4", "giấy hẹn", "đường dây nóng:3", "cổng thông tin điện tử thành phố",
        "tiếp công dân", "lịch tiếp dân",
    )),
    ("Ủy ban nhân dân thành phố", "chủ trương chung của thành phố", (
        "chủ tịch ủy ban nhân dân thành phố", "chủ tịch thành phố", "lãnh đạo thành phố", "chính quyền thành phố",
        "chủ trương của thành phố", "kế hoạch của thành phố", "sáp nhập tỉnh", "tên gọi thành phố",
    )),
    # Since 01/07/2025 (no more districts) these are decided by the commune, ward or special
    # zone itself, not by a department: the order of its streets, copies it certifies, what
    # it collects from residents and the hamlet and street-group heads it oversees.
    # The registry has no body per ward; the office picks the ward the petition names.
    (WARD_LEVEL, "việc của chính quyền cấp xã, phường, đặc khu", (
        "lấn chiếm vỉa hè:5", "chiếm vỉa hè:4", "lấn chiếm hè phố:5", "trật tự đô thị:4", "chứng thực bản sao:5",
        "chứng thực chữ ký:4", "trưởng thôn:3", "tổ trưởng tổ dân phố:4", "công khai thu chi:4",
        "khoản đóng góp:3", "đóng góp xây dựng:3", "hòa giải ở cơ sở:4",
        # Each commune has its own one-stop desk since 07/2025: "một cửa phường" is the ward's.
        "bộ phận một cửa phường:6", "bộ phận một cửa xã:6", "một cửa phường:5", "một cửa xã:5",
        # Household businesses register at the commune since 07/2025.
        "đăng ký hộ kinh doanh:6",
        # A family's house: the commune permits it and keeps its building order since 07/2025.
        "nhà ở riêng lẻ:5", "nhà cấp 4:3", "đổ mái:3", "sửa chữa nhà:3", "cơi nới:3", "xây nhà không phép:5",
        "xây nhà trái phép:5",
        # Poor households are listed by the commune, which carries out their housing support.
        "hộ nghèo:2", "hộ cận nghèo:3", "xóa nhà tạm:4", "nhà tạm:2",
        # Dogs loose in the streets: the commune registers dogs and fines their owners.
        "chó thả rông:3", "thả rông chó:3", "chó dữ", "chó hoang:3", "chó cắn:3", "rọ mõm:3",
        # Makeshift markets on the street: the commune's street order.
        "chợ cóc:4", "chợ tạm:4", "họp chợ:3",
        # Open burning in a yard or a field is the commune's to stop and fine.
        "đốt rác:3", "đốt rơm rạ:4", "đốt rơm:3",
        # Household waste is collected under the commune's contract.
        "thu gom rác:4", "điểm tập kết rác:5", "tiền rác:3", "xe rác:3",
        # A neighbour building over the line: the commune mediates, and since 07/2025 its chairman
        # decides such disputes between households.
        "lấn sang đất:4", "xây lấn:3",
        # The commune's chairman grants the monthly social allowance since 07/2025.
        "trợ cấp xã hội:4", "trợ cấp hằng tháng", "trợ cấp hàng tháng",
    )),
    ("Hội đồng nhân dân thành phố Hải Phòng", "đại biểu, tiếp xúc cử tri, nghị quyết HĐND", (
        "đại biểu hội đồng nhân dân:5", "đại biểu hđnd:5", "tiếp xúc cử tri:5", "cử tri:3", "kỳ họp hội đồng nhân dân:5",
        "nghị quyết của hội đồng nhân dân", "chất vấn",
    )),
)

# A school's money: since 01/07/2025 the commune, ward or special zone runs the public
# kindergartens, primary and lower-secondary schools, so what such a school collects is
# first its matter; the department of education still sets the rules for school fees and
# runs the upper-secondary schools, so it stays among the proposals. These commune-level
# cues ("khoản đóng góp") are a school's money when the petition names a school (any cue of
# the department, or these words, which count here even without diacritics: the money
# cue says which "truong" is meant).
SCHOOL_MONEY = ("công khai thu chi", "khoản đóng góp", "đóng góp xây dựng")
SCHOOL_WORDS = ("trường", "lớp", "cô giáo", "thầy giáo", "phụ huynh", "học sinh")
SCHOOL_DEPARTMENT = "Sở Giáo dục và Đào tạo"

# An upper-secondary school is the department of education's own (the commune runs only the
# kindergartens, primary and lower-secondary schools): its money is the department's matter.
# "cấp 3" only after a word that makes it a school level: "trợ cấp 3 tháng" is an allowance.
UPPER_SECONDARY = ("thpt", "trung học phổ thông", "học cấp 3", "học cấp ba", "trường cấp 3", "trường cấp ba",
                   "lên cấp 3", "lên cấp ba", "vào cấp 3", "vào cấp ba", "lớp 10", "lớp 11", "lớp 12")

# Phrases that contain a matter word but are no matter: they take their stretch of text away
# from shorter cues ("gia đình" is a family, not a temple's "đình"; "Đình Vũ" is a peninsula; a
# project "ngoài khu công nghiệp" is precisely not the industrial zones' board's). Longer cues
# still win ("bạo lực gia đình").
NOT_MATTERS = (
    "gia đình", "đình vũ", "ngoài khu công nghiệp", "ngoài kcn", "ngoài khu kinh tế",
    "không nằm trong khu công nghiệp", "không thuộc khu công nghiệp",
    "not in an industrial zone", "outside the industrial zone", "outside an industrial zone",
    "outside industrial zones",
)

# Foreign investors and residents write in English: the same fields in their words. Matched
# like a text typed without diacritics; no word here is also unmarked Vietnamese ("vat" is
# "vật", so only "vat refund").
ENGLISH: dict[str, tuple[str, ...]] = {
    "Sở Xây dựng": (
        "road:2", "roads:2", "pothole:3", "potholes:3", "flooding:3", "flooded:3", "drainage:3", "drains:2",
        "bus route:4", "bus:2", "street light:4", "street lights:4", "water supply:4", "tap water:4",
        "traffic jam:3", "building permit:4", "construction permit:4", "bridge:2",
    ),
    "Sở Nông nghiệp và Môi trường": (
        "land lease:4", "land use:3", "land:2", "pollution:3", "polluted:3", "wastewater:3", "waste water:3",
        "garbage:2", "environmental:2", "land compensation:4",
    ),
    "Công an thành phố": (
        "police:3", "fire safety:5", "fire protection:4", "fire prevention:4", "scam:4", "scammed:4",
        "fraud:4", "stolen:3", "theft:3", "robbery:3", "temporary residence:5", "residence card:5",
        "immigration:4", "visa:3", "drugs:3", "driving licence:4", "driving license:4",
    ),
    "Sở Giáo dục và Đào tạo": ("school:3", "tuition:4", "teacher:3", "kindergarten:3"),
    "Sở Y tế": (
        "hospital:4", "health insurance:4", "doctor:3", "clinic:3", "food poisoning:5", "food safety:5",
        "pharmacy:3",
    ),
    "Sở Nội vụ": (
        "work permit:5", "work permits:5", "unpaid wages:5", "salary:3", "wages:3", "overtime:3",
        "labour:2", "labor:2", "workers:2",
    ),
    "Bộ Tài chính": (
        "tax:3", "taxes:3", "tax office:5", "tax refund:5", "vat refund:5", "customs:4", "customs clearance:5",
        "invoice:2", "invoices:2",
    ),
    "Sở Tài chính": (
        "investment registration:5", "business registration:5", "enterprise registration:5", "investor:2",
        "investment:2",
    ),
    "Sở Công Thương": (
        "power outage:5", "power outages:5", "power cut:5", "power cuts:5", "electricity:4",
        "electricity bill:5", "blackout:4", "counterfeit:4", "fake goods:4", "petrol station:4",
    ),
    "Sở Khoa học và Công nghệ": (
        "mobile signal:4", "telecom:3", "spam:3", "public service portal:5", "online portal:3",
    ),
    "Sở Văn hóa, Thể thao và Du lịch": (
        "tourism:3", "tourist:3", "tourists:3", "beach:2", "hotel:3", "advertising:3", "billboard:4",
        "heritage:3",
    ),
    "Sở Tư pháp": (
        "birth certificate:5", "notary:4", "notarised:3", "notarized:3", "criminal record:5",
        "marriage registration:5", "legal aid:5",
    ),
    "Thanh tra thành phố": ("corruption:5", "bribe:5", "bribes:5", "corrupt:4"),
    "Ban Quản lý Khu kinh tế": (
        "industrial zone:5", "industrial zones:5", "industrial park:5", "economic zone:5",
        "infrastructure developer:5", "sublease:3",
    ),
    "Bộ đội Biên phòng thành phố": ("fishing boat:5", "fishing boats:5", "fishermen:4", "border guard:5"),
    "Bộ Chỉ huy Quân sự thành phố": ("military service:5",),
    WARD_LEVEL: ("stray dog:4", "stray dogs:4"),
}

# Place words that point to a department whatever the matter: the city's industrial zones,
# its islands and sea. (Streets and wards name where, not who.)
PLACES: tuple[tuple[str, str], ...] = (
    ("Ban Quản lý Khu kinh tế", "khu công nghiệp đình vũ"), ("Ban Quản lý Khu kinh tế", "tràng duệ"),
    ("Ban Quản lý Khu kinh tế", "vsip"), ("Ban Quản lý Khu kinh tế", "deep c"),
    ("Ban Quản lý Khu kinh tế", "nomura"), ("Ban Quản lý Khu kinh tế", "nam cầu kiền"),
    ("Ban Quản lý Khu kinh tế", "khu kinh tế đình vũ - cát hải"),
    ("Bộ đội Biên phòng thành phố", "bạch long vĩ"), ("Bộ đội Biên phòng thành phố", "long châu"),
    ("Bộ đội Biên phòng thành phố", "cửa nam triệu"), ("Bộ đội Biên phòng thành phố", "cửa lạch tray"),
    ("Bộ đội Biên phòng thành phố", "cửa văn úc"), ("Bộ đội Biên phòng thành phố", "vịnh lan hạ"),
    ("Sở Văn hóa, Thể thao và Du lịch", "đồ sơn"), ("Sở Văn hóa, Thể thao và Du lịch", "cát bà"),
    ("Sở Văn hóa, Thể thao và Du lịch", "côn sơn"), ("Sở Văn hóa, Thể thao và Du lịch", "kiếp bạc"),
)

# Domains of the task taxonomy (theodoi/extraction/domains.py) that name one department.
DOMAIN_AGENCIES: dict[str, str] = {
    "ha-tang": "Sở Xây dựng",
    "quy-hoach": "Sở Xây dựng",
    "moi-truong": "Sở Nông nghiệp và Môi trường",
    "quoc-phong-an-ninh": "Công an thành phố",
    "khcn-cds": "Sở Khoa học và Công nghệ",
    "kinh-te": "Sở Tài chính",
    "the-che": "Sở Tư pháp",
}

# When the words name no field: the office sorts it out.
FALLBACK = "Văn phòng UBND thành phố"
