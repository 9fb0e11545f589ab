# Resolution 57 monitored tasks, feedback (PAKN), and money.

indicator nq57.tasks_assigned
cue: nhiệm vụ + (được giao | giao)
not: hoàn thành | đang thực hiện | quá hạn
match: Tổng số có 52 nhiệm vụ được giao => actual 52
match: Tổng số nhiệm vụ được giao: 34 => actual 34

indicator nq57.tasks_completed
cue: nhiệm vụ + hoàn thành
not: quá hạn | chưa hoàn thành | đang thực hiện
match: Số nhiệm vụ đã hoàn thành 52, tỷ lệ 100% => actual 52

indicator nq57.tasks_completed_late
cue: nhiệm vụ + hoàn thành quá hạn
match: 0 nhiệm vụ hoàn thành quá hạn => actual 0

indicator nq57.tasks_in_progress
cue: nhiệm vụ + đang thực hiện
match: Số nhiệm vụ đang thực hiện đúng hạn 52, tỷ lệ 100% => actual 52

indicator nq57.tasks_overdue
cue: nhiệm vụ + quá hạn + chưa hoàn thành
match: Số nhiệm vụ quá hạn chưa hoàn thành 0, tỷ lệ 0% => actual 0

fraction nq57.tasks_completed / nq57.tasks_assigned
cue: nhiệm vụ + hoàn thành

indicator pakn.received
cue: (PAKN | phản ánh | kiến nghị) + (đã nhận | tiếp nhận | nhận được)
match: Tổng số PAKN, SKGP đã nhận được: 0 => actual 0

indicator pakn.resolved
cue: (PAKN | phản ánh | kiến nghị) + đã giải quyết
match: Số PAKN, SKGP đã giải quyết: 0 => actual 0

indicator pakn.pending
cue: (PAKN | phản ánh | kiến nghị) + (tồn đọng | chưa được giải quyết)
match: Số PAKN, SKGP tồn đọng/chưa được giải quyết: 0 => actual 0

indicator budget.sti_share
cue: (tổng chi ngân sách | ngân sách) + (khoa học | KHCN | chuyển đổi số | CDS | đổi mới sáng tạo | ĐMST)
match: Tỷ lệ chi cho KHCN, ĐMST, chuyển đổi số trong tổng chi ngân sách phường năm 2025 là 1.665.600.000 đồng, đạt 1.12% => actual 1.12
match: Đảm bảo tỉ lệ chi tối thiểu 3% ngân sách phường cho phát triển khoa học, công nghệ => target 3

indicator budget.sti_allocated_vnd
# Money for anything ("kinh phí", "dự án", "đầu tư") is science and technology money only with a
# word of the field beside it: an industrial park's investment is not (real reports of Lào Cai).
cue: (khoa học | KHCN | chuyển đổi số | CDS | đổi mới sáng tạo)
cue: (kinh phí | dự án | mua sắm | đầu tư | trang thiết bị) + (camera | phần mềm | máy tính | thiết bị số | công nghệ | nền tảng số | chữ ký số | hạ tầng số | cơ sở dữ liệu | số hóa)
not: giải ngân | so với tổng chi | vốn đầu tư | tổng mức đầu tư | vốn ngoài ngân sách | hạ tầng | bồi thường | giải phóng mặt bằng | vốn đăng ký | vốn doanh nghiệp | doanh thu | nộp ngân sách | thu ngân sách | vốn điều lệ
match: Tỷ lệ chi cho KHCN, ĐMST, chuyển đổi số trong tổng chi ngân sách phường năm 2025 là 1.665.600.000 đồng => actual 1665600000
match: Mua sắm trang thiết bị phục vụ công tác chuyển đổi số là 100 triệu đồng => actual 100000000
reject: toàn tỉnh có 2.934 dự án đầu tư còn hiệu lực với tổng vốn đầu tư khoảng 2.008.314 tỷ đồng
reject: Dự án hạ tầng cụm công nghiệp do Công ty CP Đầu tư làm chủ đầu tư, tổng mức đầu tư 485 tỷ đồng
reject: Ngân sách nhà nước: hạ tầng đã đầu tư 132,82 tỷ đồng

indicator budget.sti_disbursed_vnd
cue: giải ngân
match: đã giải ngân 120.000.000 đồng => actual 120000000

indicator budget.total_spending_vnd
cue: tổng chi ngân sách
not: trong tổng chi ngân sách | chi cho
match: so với tổng chi ngân sách phường năm 2025 là 151.683.161.778 đồng => actual 151683161778

reject: Tỷ lệ chi cho KHCN, ĐMST, chuyển đổi số trong tổng chi ngân sách phường năm 2025 là 1.665.600.000 đồng