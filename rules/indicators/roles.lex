# Words that decide a value's role. Compared without diacritics or case.
# A value is a target when its label context (before the value) holds a target word; else in
# a plan, or in a section about tasks ahead, it is a target; else an actual result. An actual
# word after a target word and a number makes the value an actual: "chỉ tiêu tối thiểu 98%,
# hiện đạt 97,3%" gives a target 98 and an actual 97,3.
target: chỉ tiêu | mục tiêu | phấn đấu | tối thiểu | ít nhất | chỉ tiêu giao | đề ra | hướng tới | duy trì | bảo đảm | đảm bảo
actual: đã đạt | đạt được | thực hiện được | hiện đạt | thực tế đạt | kết quả đạt | thực hiện đạt
actual_section: kết quả | tình hình
target_section: nhiệm vụ trọng tâm | nhiệm vụ, giải pháp | nhiệm vụ và giải pháp | giải pháp trọng tâm | phương hướng | thời gian tới | mục tiêu | chỉ tiêu | đề xuất, kiến nghị | kế hoạch năm | cuối năm

# Nouns that count the same thing as a catalogue unit.
alias thủ tục = thủ tục hành chính | TTHC | dịch vụ công | dịch vụ công trực tuyến | DVC | DVCTT
alias người = người dân | công dân | trường hợp | thí sinh | cán bộ | công chức | viên chức | cán bộ, công chức | học viên | thành viên
alias phản ánh = kiến nghị | phản ánh, kiến nghị
alias cơ sở = cơ sở giáo dục | đơn vị | doanh nghiệp | hộ kinh doanh
alias tài khoản = tài khoản định danh
