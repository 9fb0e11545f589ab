// The comparison as a workbook (libxlsxwriter, the one file that talks to it): a sheet per view
// - the results matrix, the targets matrix, the flags, the sources - with flagged, outlier and
// below-target cells coloured, each coloured cell carrying a comment that names its source.
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "core/strings.h"
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

Formats AddFormats(lxw_workbook* wb) {
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
  return fmt;
}

// The four sheets of one workbook, written in order: both matrices and the sources row by
// row, then the flags. Columns 0-2 are period, ward, province; each indicator has its own.
class WorkbookWriter {
 public:
  WorkbookWriter(lxw_workbook* wb, const Comparison& comparison) : comparison_(comparison), fmt_(AddFormats(wb)) {
    CollectColumns();
    results_ = workbook_add_worksheet(wb, "Ma trận kết quả");
    targets_ = workbook_add_worksheet(wb, "Chỉ tiêu");
    flags_ = workbook_add_worksheet(wb, "Phát hiện");
    sources_ = workbook_add_worksheet(wb, "Nguồn");
  }

  void Write() {
    WriteMatrixHead(results_, "kết quả");
    WriteMatrixHead(targets_, "chỉ tiêu");
    WriteSourcesHead();
    for (const ComparePeriod& p : comparison_.periods) {
      for (const CompareRow& r : p.rows) WriteRow(p, r);
    }
    if (row_ > 2 && !ids_.empty()) {
      worksheet_autofilter(results_, 1, 0, row_ - 1, static_cast<lxw_col_t>(2 + ids_.size()));
    }
    WriteFlags();
  }

 private:
  // Every indicator of every period, one column each, in id order.
  void CollectColumns() {
    for (const ComparePeriod& p : comparison_.periods) {
      for (const CompareIndicator& ind : p.indicators) {
        if (info_.emplace(ind.id, &ind).second) ids_.push_back(ind.id);
      }
    }
    std::sort(ids_.begin(), ids_.end());
    for (size_t i = 0; i < ids_.size(); ++i) column_[ids_[i]] = static_cast<lxw_col_t>(3 + i);
  }

  void WriteMatrixHead(lxw_worksheet* ws, const char* what) {
    worksheet_write_string(ws, 0, 0, "Kỳ", fmt_.header);
    worksheet_write_string(ws, 0, 1, "Phường, xã", fmt_.header);
    worksheet_write_string(ws, 0, 2, "Tỉnh, thành phố", fmt_.header);
    worksheet_write_string(ws, 1, 0, what, fmt_.header);
    worksheet_write_string(ws, 1, 1, "", fmt_.header);
    worksheet_write_string(ws, 1, 2, "", fmt_.header);
    for (const std::string& id : ids_) {
      const CompareIndicator& ind = *info_[id];
      std::string label = (ind.label.empty() ? id : ind.label) + (ind.unit.empty() ? "" : " (" + ind.unit + ")") +
                          (ind.direction > 0 ? "" : " - thấp hơn là tốt hơn");
      worksheet_write_string(ws, 0, column_[id], label.c_str(), fmt_.header);
      worksheet_write_string(ws, 1, column_[id], id.c_str(), fmt_.header);
    }
    worksheet_set_row(ws, 0, 75, nullptr);
    worksheet_set_column(ws, 0, 0, 22, nullptr);
    worksheet_set_column(ws, 1, 2, 20, nullptr);
    if (!ids_.empty()) worksheet_set_column(ws, 3, static_cast<lxw_col_t>(2 + ids_.size()), 16, nullptr);
    worksheet_freeze_panes(ws, 2, 3);
  }

  void WriteSourcesHead() {
    const char* head[] = {"Kỳ", "Phường, xã", "Tỉnh, thành phố", "Chỉ tiêu (mã)", "Loại", "Giá trị", "Văn bản", "Dòng",
                          "Đoạn trích", "Dòng nguồn"};
    for (lxw_col_t c = 0; c < 10; ++c) worksheet_write_string(sources_, 0, c, head[c], fmt_.header);
    worksheet_set_column(sources_, 0, 2, 18, nullptr);
    worksheet_set_column(sources_, 3, 3, 34, nullptr);
    worksheet_set_column(sources_, 6, 6, 40, nullptr);
    worksheet_set_column(sources_, 8, 8, 24, nullptr);
    worksheet_set_column(sources_, 9, 9, 90, nullptr);
    worksheet_freeze_panes(sources_, 1, 0);
  }

  void WriteSource(const ComparePeriod& p, const CompareRow& r, const std::string& id, const char* role, double value,
                   const CompareSource& s) {
    worksheet_write_string(sources_, source_row_, 0, PeriodWords(p.period).c_str(), nullptr);
    worksheet_write_string(sources_, source_row_, 1, r.ward.c_str(), nullptr);
    worksheet_write_string(sources_, source_row_, 2, r.province.c_str(), nullptr);
    worksheet_write_string(sources_, source_row_, 3, id.c_str(), nullptr);
    worksheet_write_string(sources_, source_row_, 4, role, nullptr);
    worksheet_write_number(sources_, source_row_, 5, value, fmt_.plain);
    worksheet_write_string(sources_, source_row_, 6, s.path.c_str(), nullptr);
    worksheet_write_number(sources_, source_row_, 7, s.span.line, nullptr);
    worksheet_write_string(sources_, source_row_, 8, s.span.text.c_str(), nullptr);
    if (!s.line_text.empty()) worksheet_write_string(sources_, source_row_, 9, s.line_text.c_str(), nullptr);
    ++source_row_;
  }

  // The comment of a coloured result: its flags, why it is an outlier or below target, and
  // its sources; empty for a plain cell.
  std::string ResultNote(const CompareCell& c, const CompareIndicator& ind) const {
    std::string note;
    for (size_t k : c.flags) {
      const CorpusFlag& flag = comparison_.flags[k];
      note += "Phát hiện (" + flag.kind + "): " + flag.explanation + "\n";
    }
    if (c.outlier && c.robust_z) {
      note += "Giá trị ngoại lai: z = " + VietnameseNumber(std::round(*c.robust_z * 10) / 10) + " (trung vị " +
              VietnameseNumber(*ind.median) + ").\n";
    }
    if (c.meets_target && !*c.meets_target) {
      note += "Chưa đạt chỉ tiêu " + corpus::ComparatorText(c.comparator) + VietnameseNumber(*c.target) + ".\n";
    }
    if (note.empty()) return note;
    note += "Nguồn: " + Where(c.actual_source);
    if (c.target_source.document) note += "\nChỉ tiêu: " + Where(c.target_source);
    return note;
  }

  void WriteResult(const CompareCell& c, const CompareIndicator& ind, lxw_col_t col) {
    lxw_format* f = !c.flags.empty() ? fmt_.flagged : c.outlier ? fmt_.outlier
                    : (c.meets_target && !*c.meets_target) ? fmt_.missed : fmt_.plain;
    worksheet_write_number(results_, row_, col, *c.actual, f);
    std::string note = ResultNote(c, ind);
    if (note.empty()) return;
    lxw_comment_options options = {};
    options.width = 420;
    options.height = 160;
    worksheet_write_comment_opt(results_, row_, col, note.c_str(), &options);
  }

  void WriteTarget(const CompareCell& c, lxw_col_t col) {
    std::string shown = corpus::ComparatorText(c.comparator) + VietnameseNumber(*c.target);
    if (c.comparator == Comparator::kNone) worksheet_write_number(targets_, row_, col, *c.target, fmt_.plain);
    else worksheet_write_string(targets_, row_, col, shown.c_str(), nullptr);
  }

  // One ward of one period: its results, its targets, and a source row for each.
  void WriteRow(const ComparePeriod& p, const CompareRow& r) {
    std::string period = PeriodWords(p.period);
    for (lxw_worksheet* ws : {results_, targets_}) {
      worksheet_write_string(ws, row_, 0, period.c_str(), nullptr);
      worksheet_write_string(ws, row_, 1, r.ward.c_str(), nullptr);
      worksheet_write_string(ws, row_, 2, r.province.c_str(), nullptr);
    }
    for (size_t i = 0; i < p.indicators.size(); ++i) {
      const CompareCell& c = r.cells[i];
      const std::string& id = p.indicators[i].id;
      lxw_col_t col = column_[id];
      if (c.actual) {
        WriteResult(c, p.indicators[i], col);
        WriteSource(p, r, id, "kết quả", *c.actual, c.actual_source);
      }
      if (c.target) {
        WriteTarget(c, col);
        WriteSource(p, r, id, "chỉ tiêu", *c.target, c.target_source);
      }
    }
    ++row_;
  }

  void WriteFlagsHead() {
    const char* head[] = {"Mức độ", "Loại", "Chỉ tiêu (mã)", "Phường, xã", "Tỉnh, thành phố", "Kỳ", "Nêu", "Đối chiếu",
                          "Giải thích", "Bằng chứng"};
    for (lxw_col_t c = 0; c < 10; ++c) worksheet_write_string(flags_, 0, c, head[c], fmt_.header);
    worksheet_set_column(flags_, 0, 1, 18, nullptr);
    worksheet_set_column(flags_, 2, 2, 30, nullptr);
    worksheet_set_column(flags_, 3, 5, 16, nullptr);
    worksheet_set_column(flags_, 8, 9, 70, fmt_.wrap);
    worksheet_freeze_panes(flags_, 1, 0);
  }

  void WriteFlags() {
    WriteFlagsHead();
    lxw_row_t flag_row = 1;
    for (const CorpusFlag& f : comparison_.flags) {
      std::string indicators, evidence;
      for (const std::string& id : f.indicators) indicators += (indicators.empty() ? "" : ", ") + id;
      for (const CorpusEvidence& e : f.evidence) {
        evidence += (evidence.empty() ? "" : "\n") + e.path + ", dòng " + std::to_string(e.span.line) + ": «" + e.span.text + "»";
      }
      worksheet_write_string(flags_, flag_row, 0, std::string(NameOf(f.severity)).c_str(), nullptr);
      worksheet_write_string(flags_, flag_row, 1, f.kind.c_str(), nullptr);
      worksheet_write_string(flags_, flag_row, 2, indicators.c_str(), nullptr);
      worksheet_write_string(flags_, flag_row, 3, f.ward.c_str(), nullptr);
      worksheet_write_string(flags_, flag_row, 4, f.province.c_str(), nullptr);
      worksheet_write_string(flags_, flag_row, 5, PeriodWords(f.period).c_str(), nullptr);
      if (f.stated) worksheet_write_number(flags_, flag_row, 6, *f.stated, fmt_.plain);
      if (f.computed) worksheet_write_number(flags_, flag_row, 7, *f.computed, fmt_.plain);
      worksheet_write_string(flags_, flag_row, 8, f.explanation.c_str(), fmt_.wrap);
      worksheet_write_string(flags_, flag_row, 9, evidence.c_str(), fmt_.wrap);
      ++flag_row;
    }
  }

  const Comparison& comparison_;
  Formats fmt_;
  std::vector<std::string> ids_;
  std::map<std::string, const CompareIndicator*> info_;
  std::map<std::string, lxw_col_t> column_;
  lxw_worksheet* results_ = nullptr;
  lxw_worksheet* targets_ = nullptr;
  lxw_worksheet* flags_ = nullptr;
  lxw_worksheet* sources_ = nullptr;
  lxw_row_t row_ = 2;          // the next row of both matrices
  lxw_row_t source_row_ = 1;   // the next row of the sources sheet
};

}  // namespace

Status CompareToXlsx(const Comparison& comparison, const std::string& path) {
  // libxlsxwriter finds an unwritable path only when closing, and says so on standard error:
  // find it first, and say it once, as a value.
  if (!std::ofstream(path, std::ios::binary)) return Status(ErrorCode::kStore, path + ": cannot write the workbook");
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status(ErrorCode::kStore, path + ": cannot create the workbook");
  WorkbookWriter(wb, comparison).Write();
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return Status(ErrorCode::kStore, path + ": cannot write the workbook: " + lxw_strerror(err));
  return Status::Ok();
}

namespace {

constexpr size_t kMaxCellCharacters = 32767;
constexpr double kMinColumnWidth = 6, kMaxColumnWidth = 60;
constexpr size_t kWidthSampleRows = 200;   // rows looked at to size a column

void WriteSheet(lxw_workbook* wb, const WorkbookSheet& sheet, lxw_format* header, lxw_format* number) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.empty() ? nullptr : sheet.name.c_str());
  std::vector<double> widths(sheet.columns.size(), kMinColumnWidth);
  for (size_t c = 0; c < sheet.columns.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.columns[c].name.c_str(), header);
    widths[c] = std::max(widths[c], static_cast<double>(sheet.columns[c].name.size()));
  }
  for (size_t r = 0; r < sheet.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (size_t c = 0; c < sheet.columns.size() && c < sheet.rows[r].size(); ++c) {
      const std::string& value = sheet.rows[r][c];
      const auto col = static_cast<lxw_col_t>(c);
      if (value.empty()) continue;
      char* end = nullptr;
      const double v = sheet.columns[c].number ? std::strtod(value.c_str(), &end) : 0;
      size_t characters = 0;
      if (sheet.columns[c].number && end && *end == '\0' && std::isfinite(v)) {
        worksheet_write_number(ws, row, col, v, number);
        characters = value.size();
      } else {
        worksheet_write_string(ws, row, col, std::string(internal::FirstCharacters(value, kMaxCellCharacters, &characters)).c_str(), nullptr);
      }
      if (r < kWidthSampleRows) widths[c] = std::max(widths[c], static_cast<double>(characters));
    }
  }
  for (size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), std::min(widths[c] + 1, kMaxColumnWidth), nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
  if (!sheet.columns.empty()) {
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()), static_cast<lxw_col_t>(sheet.columns.size() - 1));
  }
}

}  // namespace

Status WriteWorkbook(const std::vector<WorkbookSheet>& sheets, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status(ErrorCode::kStore, path + ": cannot create the workbook");
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, kHeader);
  lxw_format* number = workbook_add_format(wb);
  format_set_num_format(number, "#,##0.##");
  for (const WorkbookSheet& sheet : sheets) WriteSheet(wb, sheet, header, number);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return Status(ErrorCode::kStore, path + ": cannot write the workbook: " + lxw_strerror(err));
  return Status::Ok();
}

}  // namespace baocao
