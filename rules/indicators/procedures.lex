# Administrative procedures and applications (TTHC, DVC, hồ sơ).

indicator tthc.online_application_rate
cue: hồ sơ + trực tuyến
not: thanh toán | toàn trình | một phần | hoàn toàn | phi địa giới | địa giới | tái sử dụng | nhập dữ liệu
match: Tỷ lệ nộp hồ sơ trực tuyến của phường đạt 86,98% => actual 86.98
match: Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt 70% => actual 70
reject: Tỷ lệ thanh toán trực tuyến thường đạt 90,61%

indicator tthc.fully_online_rate
cue: hoàn toàn + trực tuyến
cue: nhập dữ liệu + một lần
match: Tối thiểu 90% hồ sơ TTHC được xử lý hoàn toàn trực tuyến => target 90

indicator dvc.full_online_service_rate
cue: (dịch vụ công trực tuyến | DVC trực tuyến | DVCTT) + toàn trình + (tỷ lệ | tổng số | đủ điều kiện)
match: Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện đạt 100% => actual 100

indicator tthc.digitization_rate
cue: số hóa + (hồ sơ | kết quả giải quyết)
not: sử dụng lại | tái sử dụng | khai thác | cơ sở dữ liệu | liên thông | tài liệu
match: Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt 100% => actual 100
reject: Tỷ lệ cơ sở dữ liệu được số hóa và liên thông tới thành phố đạt 100%

indicator tthc.data_reuse_rate
cue: (sử dụng lại | tái sử dụng | khai thác) + (dữ liệu | thông tin)
match: tỷ lệ tái sử dụng dữ liệu đạt 100% => actual 100

indicator tthc.online_payment_rate
cue: thanh toán + trực tuyến
match: Tỷ lệ thanh toán trực tuyến thường đạt 90,61% => actual 90.61

indicator tthc.electronic_result_rate
cue: kết quả + điện tử + (cấp | trả)
not: số hóa
match: Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử đạt 100% => actual 100

indicator tthc.on_time_rate
cue: hồ sơ + (đúng hạn | trước hạn)
match: 100% hồ sơ được giải quyết đúng và trước hạn => actual 100

indicator tthc.resolution_rate
cue: hồ sơ + giải quyết
not: đúng hạn | trước hạn | quá hạn | trực tuyến | đang giải quyết | cập nhật
match: UBND phường đã giải quyết 12.294 hồ sơ, đạt tỷ lệ 98,70% trên tổng số hồ sơ tiếp nhận => actual 98.7

indicator tthc.cross_boundary_rate
cue: (phi địa giới | không phụ thuộc vào địa giới | không phụ thuộc địa giới)
match: 100% TTHC đủ điều kiện thực hiện không phụ thuộc vào địa giới hành chính => actual 100

indicator tthc.contactless_rate
cue: phi tiếp xúc
match: Tỷ lệ giao dịch hành chính thuộc diện "phi tiếp xúc" đạt 100% => actual 100

indicator tthc.business_online_rate
cue: (sản xuất | kinh doanh | nghiên cứu) + trực tuyến
not: một lần | doanh nghiệp vừa và nhỏ | hộ kinh doanh hiện diện
match: Tỷ lệ thủ tục hành chính liên quan đến đào tạo, nghiên cứu, sản xuất, kinh doanh được thực hiện trực tuyến đạt 100% => actual 100

indicator tthc.once_only_rate
cue: (cung cấp | nộp) + một lần
cue: thông tin + giấy tờ + (một lần | tái sử dụng)
not: nhập dữ liệu
match: 100% thông tin, giấy tờ chỉ phải cung cấp một lần cho cơ quan hành chính => actual 100

indicator tthc.system_update_rate
cue: hồ sơ + cập nhật + hệ thống
match: Tỷ lệ hồ sơ giải quyết thủ tục hành chính được cập nhật trên hệ thống của phường đạt 100% => actual 100

indicator dvc.satisfaction_rate
cue: hài lòng
match: mức độ hài lòng của người dân khi sử dụng dịch vụ công trực tuyến đạt trên 95% => actual 95

indicator tthc.procedures_total
cue: (thủ tục hành chính | TTHC) + (tổng số | thẩm quyền | tổng)
not: toàn trình | một phần | hồ sơ
match: Tổng số thủ tục hành chính thuộc thẩm quyền giải quyết của cấp xã: 358 thủ tục hành chính => actual 358

indicator dvc.full_online_count
cue: (dịch vụ công | DVC | DVCTT) + toàn trình
match: số dịch vụ công trực tuyến toàn trình là 196 thủ tục => actual 196
match: DVC trực tuyến toàn trình: 218 TTHC => actual 218

indicator dvc.partial_online_count
cue: (dịch vụ công | DVC | DVCTT) + một phần
match: DVC trực tuyến một phần: 160 TTHC => actual 160

indicator tthc.applications_received
cue: hồ sơ + tiếp nhận
not: trực tuyến | trực tiếp | kỳ trước | chuyển sang | BCCI | bưu chính | phi địa giới | giải quyết
match: Tổng số hồ sơ tiếp nhận là 12.456 hồ sơ => actual 12456
match: Năm 2025, UBND phường tiếp nhận 7.618 hồ sơ => actual 7618

indicator tthc.applications_carried_over
cue: hồ sơ + (kỳ trước | chuyển sang)
match: trong đó có 98 hồ sơ kỳ trước chuyển sang => actual 98

indicator tthc.applications_online
cue: hồ sơ + trực tuyến + (tiếp nhận | nộp)
cue: số hồ sơ trực tuyến
not: phi địa giới
match: 10.743 hồ sơ tiếp nhận trực tuyến => actual 10743

indicator tthc.applications_direct
cue: hồ sơ + trực tiếp
not: trực tuyến
match: 1.615 hồ sơ tiếp nhận trực tiếp => actual 1615

indicator tthc.applications_resolved
cue: hồ sơ + (đã giải quyết | giải quyết)
not: đúng hạn | trước hạn | quá hạn | đang giải quyết | đang trong quá trình | còn trong | chưa đến hạn | thời hạn
match: UBND phường đã giải quyết 12.294 hồ sơ => actual 12294

indicator tthc.applications_on_time
cue: hồ sơ + (đúng hạn | trước hạn)
match: Tỷ lệ hồ sơ đã giải quyết trước hạn, đúng hạn 7.517 => actual 7517

indicator tthc.applications_pending
cue: hồ sơ + (đang giải quyết | đang trong quá trình giải quyết | đang xử lý | chưa giải quyết)
not: còn trong thời hạn | trong hạn | chưa đến hạn | quá hạn | tất cả
match: Đến ngày 06/6/2026, còn 162 hồ sơ đang trong quá trình giải quyết => actual 162

indicator tthc.applications_pending_in_time
cue: hồ sơ + (còn trong thời hạn | trong hạn | chưa đến hạn | còn hạn)
match: trong đó 160 hồ sơ còn trong thời hạn giải quyết => actual 160

indicator tthc.applications_overdue
cue: hồ sơ + quá hạn
match: 02 hồ sơ quá hạn => actual 2
match: không có hồ sơ quá hạn => actual 0

indicator tthc.cross_boundary_applications
cue: hồ sơ + phi địa giới
match: Số hồ sơ dịch vụ công trực tuyến phi địa giới: 0 hồ sơ => actual 0

fraction tthc.applications_online / tthc.applications_received
cue: hồ sơ + trực tuyến
