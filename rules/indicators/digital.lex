# Digital government, staff, citizens, education, innovation.

indicator edoc.processing_rate
cue: (văn bản | hồ sơ công việc | tài liệu công việc | hồ sơ, tài liệu) + điện tử
not: thủ tục | TTHC | kết quả giải quyết | máy tính | chữ ký số cá nhân | ký số trên
match: Tỷ lệ văn bản trao đổi dưới dạng điện tử đạt 100% => actual 100

indicator staff.basic_digital_skills_rate
cue: (bồi dưỡng | đào tạo | tập huấn | trang bị) + kỹ năng số
not: làm chủ | người dân | dân số
match: Tỷ lệ cán bộ, công chức phường được bồi dưỡng kỹ năng số căn bản đạt 100% => actual 100

indicator staff.digital_mastery_rate
cue: làm chủ + kỹ năng số
match: Tỷ lệ cán bộ, công chức, viên chức làm chủ kỹ năng số đạt 100% => actual 100

indicator staff.computer_and_signature_rate
cue: máy tính + chữ ký số
match: 100% cán bộ, công chức có máy tính đáp ứng yêu cầu và có chữ ký số cá nhân => actual 100

indicator staff.digital_core_rate
cue: hạt nhân + (chuyển đổi số | kiến thức số)
match: Tỷ lệ hạt nhân chuyển đổi số nắm được kiến thức số cơ bản đạt 80% => actual 80

indicator it.equipment_upgrade_progress
cue: (nâng cấp | thay thế | rà soát) + (máy tính | thiết bị) + tiến độ
match: Tiến độ rà soát, nâng cấp, thay thế máy tính, thiết bị đạt 60% => actual 60

indicator infosec.level_approval_rate
cue: cấp độ + an toàn + thông tin
match: Tỉ lệ hệ thống thông tin hoàn thành phê duyệt cấp độ an toàn hệ thống thông tin đạt 100% => actual 100

indicator citizen.vneid_rate
cue: (định danh điện tử | VNeID)
base: dân số
reject: toàn phường đã kích hoạt 21.628 tài khoản định danh điện tử mức độ 2, chiếm tỷ lệ 84,80% so với số công dân đã có thẻ Căn cước
match: Tỷ lệ người dân có tài khoản định danh điện tử VneId đạt 81,08% => actual 81.08

indicator citizen.id_card_rate
cue: (căn cước | CCCD) + (cấp | dân số)
not: định danh
base: dân số
match: Tổng số công dân đã được cấp thẻ Căn cước là 25.506 trường hợp, đạt tỷ lệ 81,08% dân số => actual 81.08

indicator citizen.digital_signature_rate
cue: (chữ ký số | chữ ký điện tử) + (dân số | người dân | trưởng thành)
not: cán bộ | công chức | máy tính
match: Tỉ lệ dân số trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân đạt 50% => actual 50

indicator citizen.e_health_book_rate
cue: sổ sức khỏe điện tử
match: Tỉ lệ người dân có Sổ sức khỏe điện tử đạt 95% => actual 95

indicator citizen.digital_service_access_rate
cue: tiếp cận + dịch vụ số
match: Tỷ lệ dân số trưởng thành tiếp cận dịch vụ số trong y tế, giáo dục, bảo hiểm, giao thông đạt 80% => actual 80

indicator citizen.contest_completion_rate
cue: tỷ lệ hoàn thành
cue: hoàn thành + bài thi
not: nhiệm vụ | kế hoạch
match: Tỷ lệ hoàn thành: 57,5% => actual 57.5

indicator citizen.contest_participation_rate
cue: tham gia + dân số
match: Tỷ lệ người tham gia so với dân số phường: 9,04% => actual 9.04

indicator sme.digital_adoption_rate
cue: doanh nghiệp + (vừa và nhỏ | nhỏ và vừa) + (công nghệ số | chuyển đổi số)
match: Tỷ lệ doanh nghiệp vừa và nhỏ tại địa phương ứng dụng công nghệ số đạt 60% => actual 60

indicator telecom.5g_coverage_rate
cue: phủ sóng + 5G
match: tỷ lệ phủ sóng 5G đạt 75% => actual 75

indicator data.db_digitized_connected_rate
cue: cơ sở dữ liệu + (liên thông | số hóa)
match: Tỷ lệ cơ sở dữ liệu được số hóa và liên thông tới thành phố đạt 100% => actual 100

indicator edu.school_dt_level2_rate
cue: giáo dục phổ thông + (mức 2 | mức độ 2)
match: Cơ sở giáo dục phổ thông đánh giá mức độ CDS đạt mức 2 trở lên 8/8 trường đạt 100% => actual 100

indicator edu.preschool_dt_level2_rate
cue: mầm non + (mức 2 | mức độ 2)
match: tỷ lệ giáo dục mầm non đánh giá mức độ chuyển đổi số đạt mức độ 2 trở lên 4/4 trường đạt 100% => actual 100

indicator edu.digital_signing_rate
cue: ký số + (sổ | học bạ | sổ điểm)
match: Các nhà trường triển khai thực hiện ký số trên các hệ thống sổ sách, sổ điểm, học bạ số (đạt tỷ lệ 100%) => actual 100

indicator edu.stem_rate
cue: STEM
match: Tỷ lệ cơ sở giáo dục phổ thông triển khai giáo dục STEM đạt 100% => actual 100

indicator gov.unified_software_rate
cue: phần mềm + (quản trị | điều hành) + thống nhất
match: Đảng ủy, chính quyền phường sử dụng phần mềm quản trị điều hành thống nhất đạt 100% => actual 100

indicator dti.rank
cue: xếp hạng + (chuyển đổi số | DTI)
match: Xếp hạng mức độ chuyển đổi số (DTI) của phường đứng thứ 10 => actual 10

indicator innovation.products_count
cue: sản phẩm + (chuyển đổi số | đổi mới sáng tạo) + (áp dụng | thực tế)
match: Có 05 sản phẩm chuyển đổi số được áp dụng vào thực tế => actual 5

indicator innovation.initiatives_count
cue: sáng kiến + cấp cơ sở
match: đảm bảo tối thiểu có 10 sáng kiến cấp cơ sở được áp dụng có hiệu quả => target 10

indicator innovation.city_initiatives_count
cue: sáng kiến + (cấp thành phố | cấp tỉnh)
match: có ít nhất 01 sáng kiến đề xuất công nhận cấp thành phố => target 1

indicator innovation.sti_task_proposals_count
cue: đề xuất + đặt hàng
match: Đề xuất đặt hàng nhiệm vụ khoa học, công nghệ: tối thiểu 1 đề xuất => target 1

indicator metrology.inspections_count
cue: đo lường + cơ sở
match: kiểm tra nhà nước về đo lường đối với ít nhất 02 cơ sở trên địa bàn phường => target 2

indicator research.staff_per_10k
cue: nghiên cứu + vạn dân
match: Số người làm nghiên cứu khoa học, phát triển công nghệ trên 01 vạn dân: 7 người => actual 7

indicator research.staff_count
cue: cán bộ nghiên cứu
not: vạn dân
match: Số lượng cán bộ nghiên cứu khoa học và công nghệ toàn phường là 3 người => actual 3

indicator population.total
cue: dân số
not: tỷ lệ | tỉ lệ | trưởng thành | tham gia
match: tổng dân số trên địa bàn phường là 31.459 người => actual 31459
reject: Tỷ lệ người tham gia so với dân số phường: 9,04%

indicator citizen.id_cards_issued
cue: (căn cước | CCCD) + cấp
match: Tổng số công dân đã được cấp thẻ Căn cước là 25.506 trường hợp => actual 25506

indicator citizen.vneid_accounts
cue: tài khoản + (kích hoạt | mức độ 2 | định danh)
match: kích hoạt thành công 21.628 tài khoản mức độ 2 => actual 21628

indicator citizen.contest_registrants
cue: thí sinh + đăng ký
match: số lượng thí sinh đăng ký: 2.890 người => actual 2890

indicator citizen.contest_completers
cue: thí sinh + hoàn thành
match: Số thí sinh hoàn thành đầy đủ bài thi: 1.662 người => actual 1662

indicator staff.it_dedicated_count
cue: (cán bộ | công chức | người) + phụ trách + (công nghệ thông tin | chuyển đổi số)
match: bố trí 01 cán bộ phụ trách công nghệ thông tin, chuyển đổi số => actual 1

indicator staff.headcount_quota
cue: biên chế + giao

match: Số biên chế được giao là 55 người => actual 55