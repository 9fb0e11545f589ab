// Formatting for people (Vietnamese numbers, periods, document names) and small text helpers.
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/strings.h"
#include "corpus/corpus_impl.h"

namespace baocao {

std::string VietnameseNumber(double value) {
  if (!std::isfinite(value)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", std::fabs(value));
  std::string digits(buf);
  size_t dot = digits.find('.');
  std::string whole = digits.substr(0, dot);
  std::string fraction = digits.substr(dot + 1);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped.push_back('.');
    grouped.push_back(whole[i]);
  }
  std::string out = (value < 0 && (grouped != "0" || !fraction.empty()) ? "-" : "") + grouped;
  if (!fraction.empty()) out += "," + fraction;
  return out;
}

std::string PeriodWords(std::string_view period, std::string_view lang) {
  static const char* kRoman[] = {"", "I", "II", "III", "IV"};
  bool en = lang == "en";
  std::string p(period);
  auto digits = [](std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos; };
  if (p.size() == 4 && digits(p)) return (en ? "year " : "năm ") + p;
  if (p.size() == 7 && digits(p.substr(0, 4)) && p[4] == '-') {
    std::string year = p.substr(0, 4);
    std::string tail = p.substr(5);
    if (tail == "H1") return en ? "first half of " + year : "6 tháng đầu năm " + year;
    if (tail == "H2") return en ? "second half of " + year : "6 tháng cuối năm " + year;
    if (tail.size() == 2 && tail[0] == 'Q' && tail[1] >= '1' && tail[1] <= '4') {
      if (en) return internal::Concat({"Q", std::string_view(tail).substr(1), " ", year});
      return std::string("quý ") + kRoman[tail[1] - '0'] + " năm " + year;
    }
    if (digits(tail)) return en ? year + "-" + tail : "tháng " + std::to_string(std::stoi(tail)) + "/" + year;
  }
  if (p.size() == 21 && p[10] == '/' && p[4] == '-' && p[15] == '-') {
    std::string from = corpus::DayMonthYear(p.substr(0, 10)), to = corpus::DayMonthYear(p.substr(11));
    return en ? "from " + from + " to " + to : "từ " + from + " đến " + to;
  }
  if (p.size() == 9 && p[4] == '/' && digits(p.substr(0, 4)) && digits(p.substr(5))) {
    return (en ? "period " : "giai đoạn ") + p.substr(0, 4) + "-" + p.substr(5);
  }
  return p;
}

namespace corpus {

std::string FormatValue(double value, const std::string& unit) {
  std::string v = VietnameseNumber(value);
  if (unit.empty()) return v;
  if (unit == "%") return v + "%";
  return v + " " + unit;
}

bool Meets(double value, double target, Comparator comparator, int direction) {
  constexpr double kEps = 1e-9;
  if (comparator == Comparator::kAbove) return value > target + kEps;
  if (comparator == Comparator::kBelow) return value < target - kEps;
  if (comparator == Comparator::kAtLeast) return value >= target - kEps;
  if (comparator == Comparator::kAtMost) return value <= target + kEps;
  // No comparator (or "="): a target is reached from the side the indicator improves towards.
  return direction < 0 ? value <= target + kEps : value >= target - kEps;
}

std::string DocumentName(const CorpusDocument& doc, std::string_view lang) {
  bool en = lang == "en";
  std::string kind;
  if (doc.kind == "plan") kind = en ? "Plan" : "Kế hoạch";
  else if (doc.kind == "report") kind = en ? "Report" : "Báo cáo";
  else if (doc.kind == "decision") kind = en ? "Decision" : "Quyết định";
  else if (doc.kind == "official_letter") kind = en ? "Letter" : "Công văn";
  std::string file = std::filesystem::path(doc.path).filename().string();
  if (!kind.empty() && !doc.number.empty()) return kind + (en ? " no. " : " số ") + doc.number;
  if (!kind.empty()) return kind + " " + file;
  return (en ? "document " : "văn bản ") + file;
}

std::string WardName(const std::string& ward, const std::string& province, std::string_view lang) {
  if (ward.empty()) return lang == "en" ? "(unknown ward)" : "(không rõ phường, xã)";
  std::string out = (lang == "en" ? "ward " : "phường, xã ") + ward;
  if (!province.empty()) out += " (" + province + ")";
  return out;
}

bool LinesReadable(const CorpusDocument& doc) {
  return doc.format != Format::kPdf && doc.format != Format::kImage && (doc.encoding.empty() || doc.encoding == "utf-8");
}

std::string DayMonthYear(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
  return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" + std::string(iso.substr(0, 4));
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

}  // namespace corpus
}  // namespace baocao
