// The document header: what an administrative document (Decree 30/2020 layout) carries above
// its body. Converters give it either one piece per line or two columns on one line (issuer |
// national motto, number | place and date), separated by a tab or a wide gap; both read the
// same here because every line is cut into Segments first.
#include <re2/re2.h>

#include <array>
#include <utility>

#include "baocao/text.h"
#include "core/chars.h"
#include "core/script.h"
#include "core/strings.h"
#include "layout/parts.h"

namespace baocao::layout_internal {

using internal::IsLowerLetter;
using internal::IsUpperLetter;
using internal::Squeeze;

namespace {

constexpr size_t kMaxHeaderLines = 60;   // non-blank lines looked at before giving up
constexpr size_t kMaxLineBytes = 4000;   // a longer line is body text, whatever it starts with
constexpr size_t kMaxSegmentBytes = 600; // no header piece is longer
constexpr size_t kMaxTitleBytes = 2000;

// "Số: 43/BC-UBND", "Số /KH-UBND" (number left blank), "Số: .../QĐ-UBND", "Số 01-KH/BCĐ".
const RE2& NumberPattern() {
  static const RE2 re = [] {
    std::string pattern = R"(^(?:Số|SỐ|Sô|SÔ)[ \t]*[:.]?[ \t]*([0-9]*)[ \t._…]*([/-])[ \t]*([0-9)";
    pattern.append(internal::kLetterClass).append("][0-9&./").append(internal::kLetterClass);
    pattern.append(R"(-]*?)[ \t.]*$)");
    return RE2(pattern, RE2::Quiet);
  }();
  return re;
}
// "Số: 181" alone, its symbol "/BC-SNV" being the next piece (an e-signature stamp gap).
const RE2& NumberOnlyPattern() {
  static const RE2 re(R"(^(?:Số|SỐ|Sô|SÔ)[ \t]*[:.]?[ \t]*[0-9._… ]*$)", RE2::Quiet);
  return re;
}
// "Chí Linh, ngày 26 tháng 01 năm 2026", blanks allowed: "Ba Ngòi, ngày   tháng   năm 2026".
const RE2& DatePattern() {
  static const RE2 re(
      R"(^([^,\d\n]{2,80}?)[ \t]*,[ \t]*(?i:ngày)[ \t]*([0-9]{1,2})?[ \t._…/-]*(?i:tháng)[ \t]*([0-9]{1,2})?[ \t._…/-]*(?i:năm)[ \t]*([0-9]{4}))",
      RE2::Quiet);
  return re;
}
// "Hà Nội, ngày 10/01/2026".
const RE2& NumericDatePattern() {
  static const RE2 re(
      R"(^([^,\d\n]{2,80}?)[ \t]*,[ \t]*(?i:ngày)[ \t]*([0-9]{1,2})[ \t]*[/.-][ \t]*([0-9]{1,2})[ \t]*[/.-][ \t]*([0-9]{4}))",
      RE2::Quiet);
  return re;
}
const RE2& SubjectPattern() {  // "V/v góp ý dự thảo ..." (official letters)
  static const RE2 re(R"(^[Vv][ ]?/[ ]?[Vv][ \t.:]*(.*)$)", RE2::Quiet);
  return re;
}

std::string Pad2(int v) { return internal::Concat({v < 10 ? "0" : "", std::to_string(v)}); }

// ISO date, partial when the day or the month is blank.
std::string IsoDate(const std::string& y, const std::string& m, const std::string& d) {
  int month = m.empty() ? 0 : std::stoi(m);
  int day = d.empty() ? 0 : std::stoi(d);
  if (month < 1 || month > 12) return y;
  if (day < 1 || day > 31) return y + "-" + Pad2(month);
  return y + "-" + Pad2(month) + "-" + Pad2(day);
}

bool IsDecoration(std::string_view s) {
  if (s.size() < 3) return false;
  for (char c : s) {
    if (c != '_' && c != '-' && c != '=' && c != '*' && c != '.' && c != ' ') return false;
  }
  return true;
}

bool IsMotto(std::string_view s) {
  std::string key = FoldKey(s);
  return key.starts_with("cong hoa xa hoi chu nghia") || key.starts_with("doc lap - tu do") ||
         key.starts_with("doc lap tu do") || key == "viet nam";
}

bool StartsWithFold(std::string_view s, std::string_view prefix) {
  return FoldKey(s.substr(0, std::min<size_t>(s.size(), 4 * prefix.size() + 8))).starts_with(prefix);
}

// Lines that open the body rather than continue a title.
bool OpensBody(std::string_view text, TextRange seg) {
  std::string_view s = View(text, seg);
  return StartsWithFold(s, "kinh gui") || StartsWithFold(s, "can cu") ||
         MatchHeading(text, seg).has_value() || MatchListItem(text, seg).has_value();
}

enum class Piece { kOther, kIssuer, kMotto, kDecoration, kNumber, kDate, kKind, kSubject, kAddressee };

struct Found {
  bool number = false, date = false, kind = false;
  bool any() const { return number || date || kind; }
};

}  // namespace

std::string KindOfLine(std::string_view segment) {
  std::string_view s = segment;
  while (!s.empty() && (s.back() == ':' || s.back() == '.' || s.back() == '*' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == '*' || s.front() == ' ')) s.remove_prefix(1);
  if (s.empty() || CodePointsUpTo(s, 81) > 80) return "";
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kKinds = {{
      {"bao cao", "report"},        {"ke hoach", "plan"},        {"quyet dinh", "decision"},
      {"cong van", "official_letter"}, {"to trinh", "other"},     {"thong bao", "other"},
      {"cong dien", "other"},       {"chi thi", "other"},        {"nghi quyet", "other"},
      {"huong dan", "other"},       {"chuong trinh", "other"},   {"de an", "other"},
      {"phuong an", "other"},       {"bien ban", "other"},       {"giay moi", "other"},
      {"quy che", "other"},         {"quy dinh", "other"},       {"thong tri", "other"},
      {"ket luan", "other"},        {"du an", "other"},          {"hop dong", "other"},
      {"giay uy quyen", "other"},   {"ban ghi nho", "other"},    {"phieu trinh", "other"},
  }};
  // Folding merges "PHƯỜNG" (ward) with "PHƯƠNG" (án): an issuer line "PHƯỜNG AN DƯƠNG" names
  // a ward, never the kind "PHƯƠNG ÁN".
  if (s.starts_with("PHƯỜNG") || s.starts_with("Phường") || s.starts_with("phường")) return "";
  std::string key = FoldKey(s);
  bool upper = IsAllUpper(s);
  for (const auto& [phrase, kind] : kKinds) {
    if (key == phrase) return std::string(kind);
    // "KẾ HOẠCH HÀNH ĐỘNG ...": only in capitals, so that a sentence is never a kind line.
    if (upper && key.size() > phrase.size() && key.starts_with(phrase) && key[phrase.size()] == ' ') {
      return std::string(kind);
    }
  }
  return "";
}

std::string KindOfSymbol(std::string_view symbol) {
  size_t cut = symbol.find_first_of("-/");
  if (cut == 0 || symbol.empty()) return "";
  std::string type = FoldKey(symbol.substr(0, cut));
  if (type == "bc") return "report";
  if (type == "kh") return "plan";
  if (type == "qd") return "decision";
  if (type == "cv") return "official_letter";
  // The other document types of Decree 30/2020, Appendix III.
  static constexpr std::array<std::string_view, 26> kOtherTypes = {
      "nq", "ct", "qc", "qyd", "tb", "hd", "ctr", "pa", "da", "bb", "ttr", "cd", "bgn",
      "btt", "guq", "gm", "ggt", "gnp", "pg", "pc", "pb", "kl", "tt", "nd", "ttlt", "l"};
  for (std::string_view t : kOtherTypes) {
    if (type == t) return "other";
  }
  // An official letter's symbol is the issuer's abbreviation, then the drafting unit's.
  return "official_letter";
}

HeaderScan AnalyzeHeader(std::string_view text, const std::vector<Line>& lines) {
  HeaderScan scan;
  DocumentHeader& h = scan.header;
  enum class Title { kNone, kWaiting, kCollecting, kDone } title = Title::kNone;
  bool gap = false;
  size_t title_bytes = 0;
  std::vector<TextRange> title_parts;
  std::vector<TextRange> issuer_parts;
  std::vector<size_t> taken;
  Found found;
  std::string kind_from_line;
  size_t nonblank = 0;
  size_t i = 0;

  auto classify = [&](const std::vector<TextRange>& segs, size_t k, size_t* consumed) -> Piece {
    *consumed = 1;
    TextRange seg = segs[k];
    std::string_view s = View(text, seg);
    if (s.size() > kMaxSegmentBytes) return Piece::kOther;
    if (IsDecoration(s)) return Piece::kDecoration;
    std::string g1, g2, g3, g4;
    if (!found.number) {
      if (RE2::FullMatch(s, NumberPattern(), &g1, &g2, &g3)) {
        h.number_line = seg;
        h.symbol = g3;
        if (!g1.empty()) h.number = g1 + g2 + g3;
        return Piece::kNumber;
      }
      if (k + 1 < segs.size() && RE2::FullMatch(s, NumberOnlyPattern()) && text[segs[k + 1].begin] == '/') {
        std::string joined = std::string(s) + std::string(View(text, segs[k + 1]));
        if (RE2::FullMatch(joined, NumberPattern(), &g1, &g2, &g3)) {
          h.number_line = TextRange{seg.begin, segs[k + 1].end};
          h.symbol = g3;
          if (!g1.empty()) h.number = g1 + g2 + g3;
          *consumed = 2;
          return Piece::kNumber;
        }
      }
    }
    if (!found.date && (RE2::PartialMatch(s, DatePattern(), &g1, &g2, &g3, &g4) ||
                        RE2::PartialMatch(s, NumericDatePattern(), &g1, &g2, &g3, &g4))) {
      std::string_view place = g1;
      while (!place.empty() && (place.back() == ' ' || place.back() == '*')) place.remove_suffix(1);
      if (IsUpperLetter(FirstLetter(place))) {
        h.date_line = seg;
        h.place = std::string(place);
        h.date = IsoDate(g4, g3, g2);
        return Piece::kDate;
      }
    }
    if (IsMotto(s)) return Piece::kMotto;
    if (!found.kind) {
      std::string kind = KindOfLine(s);
      if (!kind.empty()) {
        kind_from_line = kind;
        h.kind_line = seg;
        return Piece::kKind;
      }
      if (RE2::FullMatch(s, SubjectPattern(), &g1)) return Piece::kSubject;
    }
    if (StartsWithFold(s, "kinh gui")) return Piece::kAddressee;
    if (!found.any() && title == Title::kNone && IsAllUpper(s)) return Piece::kIssuer;
    return Piece::kOther;
  };

  for (; i < lines.size(); ++i) {
    TextRange lr{lines[i].begin, lines[i].end};
    std::string_view line = View(text, lr);
    if (IsBlank(line)) {
      if (title == Title::kCollecting) gap = true;
      continue;
    }
    if (++nonblank > kMaxHeaderLines || line.size() > kMaxLineBytes) break;
    std::vector<TextRange> segs = Segments(text, lr);
    if (segs.empty()) continue;

    bool header_line = false;
    bool ends = false;
    std::vector<TextRange> rest;  // pieces that are none of the header's items
    for (size_t k = 0; k < segs.size();) {
      size_t consumed = 1;
      Piece piece = classify(segs, k, &consumed);
      switch (piece) {
        case Piece::kNumber: found.number = true; header_line = true; break;
        case Piece::kDate: found.date = true; header_line = true; break;
        case Piece::kMotto: header_line = true; break;
        case Piece::kDecoration:
          header_line = true;
          if (title == Title::kCollecting) title = Title::kDone;
          break;
        case Piece::kKind:
          found.kind = true;
          header_line = true;
          title = Title::kWaiting;
          break;
        case Piece::kSubject: {
          found.kind = true;
          header_line = true;
          if (kind_from_line.empty()) kind_from_line = "official_letter";
          std::string_view s = View(text, segs[k]);
          std::string subject;  // the text after "V/v", which ends the piece
          RE2::FullMatch(s, SubjectPattern(), &subject);
          size_t skip = s.size() - subject.size();
          TextRange part{segs[k].begin + skip, segs[k].end};
          if (!part.empty()) {
            title_parts.push_back(part);
            title_bytes += part.end - part.begin;
          }
          title = Title::kCollecting;
          gap = false;
          break;
        }
        case Piece::kAddressee: ends = true; break;
        case Piece::kIssuer: issuer_parts.push_back(segs[k]); header_line = true; break;
        case Piece::kOther: rest.push_back(segs[k]); break;
      }
      if (ends) break;
      k += consumed;
    }
    if (ends) break;

    if (!rest.empty() && (title == Title::kWaiting || title == Title::kCollecting)) {
      bool continues;
      if (title == Title::kWaiting) {
        continues = !OpensBody(text, rest.front()) && lines[i].end - lines[i].begin < kMaxLineBytes;
      } else if (gap) {
        continues = IsLowerLetter(FirstLetter(View(text, rest.front())));
      } else {
        continues = !OpensBody(text, rest.front());
      }
      if (continues && title_bytes < kMaxTitleBytes) {
        for (TextRange r : rest) {
          title_parts.push_back(r);
          title_bytes += r.end - r.begin;
        }
        title = Title::kCollecting;
        gap = false;
        taken.push_back(i);
        continue;
      }
      title = Title::kDone;
    }
    if (header_line) {
      taken.push_back(i);
      continue;
    }
    break;  // the first line that is no part of the header
  }

  if (!found.any()) return HeaderScan{};  // upper-case lines alone are a title, not a header

  scan.body_start = i;
  scan.lines = std::move(taken);
  if (!title_parts.empty()) {
    h.title = TextRange{title_parts.front().begin, title_parts.back().end};
    std::string joined;
    for (TextRange r : title_parts) {
      if (!joined.empty()) joined.push_back(' ');
      joined += Squeeze(View(text, r), kEmphasis);
    }
    h.title_text = joined;
  }
  for (TextRange r : issuer_parts) h.issuer_lines.push_back(Squeeze(View(text, r), kEmphasis));
  if (!issuer_parts.empty()) {
    std::string joined;
    for (const std::string& s : h.issuer_lines) joined += (joined.empty() ? "" : " ") + s;
    h.issuer_line = joined;
    h.issuer_range = TextRange{issuer_parts.front().begin, issuer_parts.back().end};
  }
  h.kind = kind_from_line;
  if (h.kind.empty() && h.symbol) h.kind = KindOfSymbol(*h.symbol);
  return scan;
}

}  // namespace baocao::layout_internal
