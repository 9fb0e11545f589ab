// The comparison as a workbook (libxlsxwriter, the one file that talks to it): a sheet per view
// - the results matrix, the targets matrix, the flags, the sources - with flagged, outlier and
// below-target cells coloured, each coloured cell carrying a comment that names its source.
#include <xlsxwriter.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include "corpus/corpus_impl.h"

namespace baocao {
namespace {

constexpr lxw_color_t kFlagged = 0xF4B6B0;
constexpr lxw_color_t kOutlier = 0xFFD9D2;
constexpr lxw_color_t kMissed = 0xFFF4D6;
constexpr lxw_color_t kHeader = 0xDCE4EF;

std::string Where(const CompareSource& s) {
  return s.path + ", dòng " + std::to_string(s.span.line) + ": «" + s.span.text + "»";
}

struct Formats {
  lxw_format* header;
  lxw_format* wrap;
  lxw_format* flagged;
  lxw_format* outlier;
  lxw_format* missed;
  lxw_format* plain;
};

lxw_format* Fill(lxw_workbook* wb, lxw_color_t color) {
  lxw_format* f = workbook_add_format(wb);
  format_set_bg_color(f, color);
  format_set_pattern(f, LXW_PATTERN_SOLID);
  format_set_num_format(f, "#,##0.##");
  return f;
}

}  // namespace

Status CompareToXlsx(const Comparison& comparison, const std::string& path) {
  // libxlsxwriter finds an unwritable path only when closing, and says so on standard error:
  // find it first, and say it once, as a value.
  if (!std::ofstream(path, std::ios::binary)) return Status(ErrorCode::kStore, path + ": cannot write the workbook");
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status(ErrorCode::kStore, path + ": cannot create the workbook");
  Formats fmt;
  fmt.header = workbook_add_format(wb);
  format_set_bold(fmt.header);
  format_set_text_wrap(fmt.header);
  format_set_bg_color(fmt.header, kHeader);
  format_set_pattern(fmt.header, LXW_PATTERN_SOLID);
  format_set_align(fmt.header, LXW_ALIGN_VERTICAL_TOP);
  fmt.wrap = workbook_add_format(wb);
  format_set_text_wrap(fmt.wrap);
  format_set_align(fmt.wrap, LXW_ALIGN_VERTICAL_TOP);
  fmt.flagged = Fill(wb, kFlagged);
  fmt.outlier = Fill(wb, kOutlier);
  fmt.missed = Fill(wb, kMissed);
  fmt.plain = workbook_add_format(wb);
  format_set_num_format(fmt.plain, "#,##0.##");

  // Every indicator of every period, one column each.
  std::vector<std::string> ids;
  std::map<std::string, const CompareIndicator*> info;
  for (const ComparePeriod& p : comparison.periods) {
    for (const CompareIndicator& ind : p.indicators) {
      if (info.emplace(ind.id, &ind).second) ids.push_back(ind.id);
    }
  }
  std::sort(ids.begin(), ids.end());
  std::map<std::string, lxw_col_t> column;
  for (size_t i = 0; i < ids.size(); ++i) column[ids[i]] = static_cast<lxw_col_t>(3 + i);

  auto matrix_head = [&](lxw_worksheet* ws, const char* what) {
    worksheet_write_string(ws, 0, 0, "Kỳ", fmt.header);
    worksheet_write_string(ws, 0, 1, "Phường, xã", fmt.header);
    worksheet_write_string(ws, 0, 2, "Tỉnh, thành phố", fmt.header);
    worksheet_write_string(ws, 1, 0, what, fmt.header);
    worksheet_write_string(ws, 1, 1, "", fmt.header);
    worksheet_write_string(ws, 1, 2, "", fmt.header);
    for (const std::string& id : ids) {
      const CompareIndicator& ind = *info[id];
      std::string label = (ind.label.empty() ? id : ind.label) + (ind.unit.empty() ? "" : " (" + ind.unit + ")") +
                          (ind.direction > 0 ? "" : " - thấp hơn là tốt hơn");
      worksheet_write_string(ws, 0, column[id], label.c_str(), fmt.header);
      worksheet_write_string(ws, 1, column[id], id.c_str(), fmt.header);
    }
    worksheet_set_row(ws, 0, 75, nullptr);
    worksheet_set_column(ws, 0, 0, 22, nullptr);
    worksheet_set_column(ws, 1, 2, 20, nullptr);
    if (!ids.empty()) worksheet_set_column(ws, 3, static_cast<lxw_col_t>(2 + ids.size()), 16, nullptr);
    worksheet_freeze_panes(ws, 2, 3);
  };

  lxw_worksheet* results = workbook_add_worksheet(wb, "Ma trận kết quả");
  lxw_worksheet* targets = workbook_add_worksheet(wb, "Chỉ tiêu");
  lxw_worksheet* flags = workbook_add_worksheet(wb, "Cảnh báo");
  lxw_worksheet* sources = workbook_add_worksheet(wb, "Nguồn");
  matrix_head(results, "kết quả");
  matrix_head(targets, "chỉ tiêu");

  lxw_row_t row = 2;
  lxw_row_t source_row = 1;
  const char* source_head[] = {"Kỳ", "Phường, xã", "Tỉnh, thành phố", "Chỉ tiêu (mã)", "Loại", "Giá trị", "Văn bản", "Dòng",
                               "Đoạn trích", "Dòng nguồn"};
  for (lxw_col_t c = 0; c < 10; ++c) worksheet_write_string(sources, 0, c, source_head[c], fmt.header);
  worksheet_set_column(sources, 0, 2, 18, nullptr);
  worksheet_set_column(sources, 3, 3, 34, nullptr);
  worksheet_set_column(sources, 6, 6, 40, nullptr);
  worksheet_set_column(sources, 8, 8, 24, nullptr);
  worksheet_set_column(sources, 9, 9, 90, nullptr);
  worksheet_freeze_panes(sources, 1, 0);

  auto write_source = [&](const ComparePeriod& p, const CompareRow& r, const std::string& id, const char* role, double value,
                          const CompareSource& s) {
    worksheet_write_string(sources, source_row, 0, PeriodWords(p.period).c_str(), nullptr);
    worksheet_write_string(sources, source_row, 1, r.ward.c_str(), nullptr);
    worksheet_write_string(sources, source_row, 2, r.province.c_str(), nullptr);
    worksheet_write_string(sources, source_row, 3, id.c_str(), nullptr);
    worksheet_write_string(sources, source_row, 4, role, nullptr);
    worksheet_write_number(sources, source_row, 5, value, fmt.plain);
    worksheet_write_string(sources, source_row, 6, s.path.c_str(), nullptr);
    worksheet_write_number(sources, source_row, 7, s.span.line, nullptr);
    worksheet_write_string(sources, source_row, 8, s.span.text.c_str(), nullptr);
    if (!s.line_text.empty()) worksheet_write_string(sources, source_row, 9, s.line_text.c_str(), nullptr);
    ++source_row;
  };

  for (const ComparePeriod& p : comparison.periods) {
    for (const CompareRow& r : p.rows) {
      std::string period = PeriodWords(p.period);
      for (lxw_worksheet* ws : {results, targets}) {
        worksheet_write_string(ws, row, 0, period.c_str(), nullptr);
        worksheet_write_string(ws, row, 1, r.ward.c_str(), nullptr);
        worksheet_write_string(ws, row, 2, r.province.c_str(), nullptr);
      }
      for (size_t i = 0; i < p.indicators.size(); ++i) {
        const CompareCell& c = r.cells[i];
        const std::string& id = p.indicators[i].id;
        lxw_col_t col = column[id];
        if (c.actual) {
          lxw_format* f = !c.flags.empty() ? fmt.flagged : c.outlier ? fmt.outlier
                          : (c.meets_target && !*c.meets_target) ? fmt.missed : fmt.plain;
          worksheet_write_number(results, row, col, *c.actual, f);
          std::string note;
          for (size_t k : c.flags) {
            const CorpusFlag& flag = comparison.flags[k];
            note += "Cảnh báo (" + flag.kind + "): " + flag.explanation + "\n";
          }
          if (c.outlier && c.robust_z) {
            note += "Giá trị ngoại lai: z = " + VietnameseNumber(std::round(*c.robust_z * 10) / 10) + " (trung vị " +
                    VietnameseNumber(*p.indicators[i].median) + ").\n";
          }
          if (c.meets_target && !*c.meets_target) {
            note += "Chưa đạt chỉ tiêu " + corpus::ComparatorText(c.comparator) + VietnameseNumber(*c.target) + ".\n";
          }
          if (!note.empty()) {
            note += "Nguồn: " + Where(c.actual_source);
            if (c.target_source.document) note += "\nChỉ tiêu: " + Where(c.target_source);
            lxw_comment_options options = {};
            options.width = 420;
            options.height = 160;
            worksheet_write_comment_opt(results, row, col, note.c_str(), &options);
          }
          write_source(p, r, id, "kết quả", *c.actual, c.actual_source);
        }
        if (c.target) {
          std::string shown = corpus::ComparatorText(c.comparator) + VietnameseNumber(*c.target);
          if (c.comparator.empty()) worksheet_write_number(targets, row, col, *c.target, fmt.plain);
          else worksheet_write_string(targets, row, col, shown.c_str(), nullptr);
          write_source(p, r, id, "chỉ tiêu", *c.target, c.target_source);
        }
      }
      ++row;
    }
  }
  if (row > 2 && !ids.empty()) {
    worksheet_autofilter(results, 1, 0, row - 1, static_cast<lxw_col_t>(2 + ids.size()));
  }

  const char* flag_head[] = {"Mức độ", "Loại", "Chỉ tiêu (mã)", "Phường, xã", "Tỉnh, thành phố", "Kỳ", "Nêu", "Đối chiếu",
                             "Giải thích", "Bằng chứng"};
  for (lxw_col_t c = 0; c < 10; ++c) worksheet_write_string(flags, 0, c, flag_head[c], fmt.header);
  worksheet_set_column(flags, 0, 1, 18, nullptr);
  worksheet_set_column(flags, 2, 2, 30, nullptr);
  worksheet_set_column(flags, 3, 5, 16, nullptr);
  worksheet_set_column(flags, 8, 9, 70, fmt.wrap);
  worksheet_freeze_panes(flags, 1, 0);
  lxw_row_t flag_row = 1;
  for (const CorpusFlag& f : comparison.flags) {
    std::string indicators, evidence;
    for (const std::string& id : f.indicators) indicators += (indicators.empty() ? "" : ", ") + id;
    for (const CorpusEvidence& e : f.evidence) {
      evidence += (evidence.empty() ? "" : "\n") + e.path + ", dòng " + std::to_string(e.span.line) + ": «" + e.span.text + "»";
    }
    worksheet_write_string(flags, flag_row, 0, f.severity.c_str(), nullptr);
    worksheet_write_string(flags, flag_row, 1, f.kind.c_str(), nullptr);
    worksheet_write_string(flags, flag_row, 2, indicators.c_str(), nullptr);
    worksheet_write_string(flags, flag_row, 3, f.ward.c_str(), nullptr);
    worksheet_write_string(flags, flag_row, 4, f.province.c_str(), nullptr);
    worksheet_write_string(flags, flag_row, 5, PeriodWords(f.period).c_str(), nullptr);
    if (f.stated) worksheet_write_number(flags, flag_row, 6, *f.stated, fmt.plain);
    if (f.computed) worksheet_write_number(flags, flag_row, 7, *f.computed, fmt.plain);
    worksheet_write_string(flags, flag_row, 8, f.explanation.c_str(), fmt.wrap);
    worksheet_write_string(flags, flag_row, 9, evidence.c_str(), fmt.wrap);
    ++flag_row;
  }

  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return Status(ErrorCode::kStore, path + ": cannot write the workbook: " + lxw_strerror(err));
  return Status::Ok();
}

}  // namespace baocao
