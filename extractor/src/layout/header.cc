// The document header: what an administrative document (Decree 30/2020 layout) carries above
// its body. Converters give it either one piece per line or two columns on one line (issuer |
// national motto, number | place and date), separated by a tab or a wide gap; both read the
// same here because every line is cut into Segments first.
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <utility>

#include "baocao/normalize/text.h"
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
// "Số: 2170 /QĐ - UBND", "Số: /BC - SCT": the piece without the spaces that stand beside the
// separators of number and symbol (a number stamped into a gap, a template typed with spaces),
// for NumberPattern: "Số: 2170/QĐ-UBND".
std::string WithoutSeparatorSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] != ' ' && s[i] != '\t') {
      out.push_back(s[i++]);
      continue;
    }
    size_t j = i;
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
    char before = out.empty() ? '\0' : out.back();
    char after = j < s.size() ? s[j] : '\0';
    bool beside = before == '-' || before == '/' || after == '-' || after == '/';
    if (!beside || after == '\0') out.append(s.substr(i, j - i));
    i = j;
  }
  return out;
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
// "Chứng nhận lần đầu: ngày 30 tháng 6 năm 2026", "(Cấp lần đầu: Ngày 23 tháng 6 năm 2026)": the
// date of a certificate or licence, which has no place and date line of its own.
const RE2& FirstIssuePattern() {
  static const RE2 re(
      R"(^[(]?[ \t]*(?i:cấp|chứng nhận|đăng ký)[ \t]+(?i:lần đầu)[ \t]*:?[ \t]*(?i:ngày)[ \t]*([0-9]{1,2})[ \t]*(?:(?i:tháng)|/)[ \t]*([0-9]{1,2})[ \t]*(?:(?i:năm)|/)[ \t]*([0-9]{4}))",
      RE2::Quiet);
  return re;
}
// "(Ban hành kèm theo Quyết định số 1074/QĐ-BXD ngày 29 tháng 6 năm 2026 của Bộ trưởng Bộ Xây
// dựng)": what a document issued with a decision says of it instead of a header of its own.
const RE2& IssuedWithPattern() {
  static const RE2 re(
      R"((?i:kèm theo)[ ]+(?:[^ ]+[ ]+){1,3}?(?i:số)[ ]*[0-9][^ ]*[ ]*(?i:ngày)[ ]*([0-9]{1,2})[ ]*(?:(?i:tháng)|/)[ ]*([0-9]{1,2})[ ]*(?:(?i:năm)|/)[ ]*([0-9]{4})(?:[ ,]*(?i:của)[ ]+([^()]+))?)",
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

// Word processors put each column of the header table into one cell, and a converter may write
// a cell as one line: "UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG Số: /BC-SCT", "CỘNG HÒA XÃ HỘI CHỦ
// NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Lào Cai, ngày tháng 6 năm 2026"; a PDF's text may
// run "Số: 464/STC-VP V/v góp ý ..." together. The pieces of such a segment, cut before "Số:"
// and "V/v" and around each line of the national motto (written as the motto is: its first
// line in capitals, its second capitalized); a segment without them comes back whole.
std::vector<TextRange> HeaderPieces(std::string_view text, TextRange seg) {
  std::string_view s = View(text, seg);
  std::vector<Word> words = Words(s);
  std::vector<size_t> cuts;
  auto folds = [&](size_t i, std::initializer_list<std::string_view> want) {
    if (i + want.size() > words.size()) return false;
    size_t k = i;
    for (std::string_view w : want) {
      if (words[k++].fold != w) return false;
    }
    return true;
  };
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    if (folds(i, {"cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"}) &&
        IsAllUpper(s.substr(w.begin, words[i + 7].end - w.begin))) {
      cuts.push_back(w.begin);
      cuts.push_back(words[i + 7].end);
      i += 7;
      continue;
    }
    if (folds(i, {"doc", "lap", "tu", "do", "hanh", "phuc"}) && w.capitalized && words[i + 2].capitalized &&
        words[i + 4].capitalized) {
      cuts.push_back(w.begin);
      cuts.push_back(words[i + 5].end);
      i += 5;
      continue;
    }
    if (w.begin == 0) continue;
    size_t after = w.end;
    while (after < s.size() && (s[after] == ' ' || s[after] == '\t')) ++after;
    bool spaced = s[w.begin - 1] == ' ' || s[w.begin - 1] == '\t';
    if (w.fold == "so" && w.capitalized && spaced && after < s.size() && s[after] == ':') {
      cuts.push_back(w.begin);
    } else if (spaced && s.substr(w.begin).starts_with("V/") && w.end == w.begin + 1 && i + 1 < words.size() &&
               words[i + 1].fold == "v" && words[i + 1].begin == w.begin + 2) {
      cuts.push_back(w.begin);
    }
  }
  // The rule drawn under a column, on the column's line: "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG -------".
  for (size_t i = 0; i < s.size();) {
    size_t j = i;
    while (j < s.size() && (s[j] == '-' || s[j] == '_' || s[j] == '=' || s[j] == '*')) ++j;
    if (j - i >= 3 && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
      cuts.push_back(i);
      cuts.push_back(j);
    }
    i = j > i ? j : i + 1;
  }
  std::sort(cuts.begin(), cuts.end());
  std::vector<TextRange> out;
  size_t from = 0;
  cuts.push_back(s.size());
  for (size_t cut : cuts) {
    if (cut < from) continue;
    TextRange r = Trim(text, {seg.begin + from, seg.begin + cut});
    if (!r.empty()) out.push_back(r);
    from = cut;
  }
  return out;
}

enum class Piece { kOther, kIssuer, kMotto, kDecoration, kNumber, kDate, kKind, kSubject, kAddressee, kIssued };

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
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 29> kKinds = {{
      {"bao cao", "report"},        {"ke hoach", "plan"},        {"quyet dinh", "decision"},
      {"cong van", "official_letter"}, {"to trinh", "other"},     {"thong bao", "other"},
      {"cong dien", "other"},       {"chi thi", "other"},        {"nghi quyet", "other"},
      {"huong dan", "other"},       {"chuong trinh", "other"},   {"de an", "other"},
      {"phuong an", "other"},       {"bien ban", "other"},       {"giay moi", "other"},
      {"quy che", "other"},         {"quy dinh", "other"},       {"thong tri", "other"},
      {"ket luan", "other"},        {"du an", "other"},          {"hop dong", "other"},
      {"giay uy quyen", "other"},   {"ban ghi nho", "other"},    {"phieu trinh", "other"},
      {"giay chung nhan", "other"}, {"giay phep", "other"},      {"giay gioi thieu", "other"},
      {"thong cao", "other"},       {"ban thoa thuan", "other"},
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

namespace {

// "Bộ trưởng Bộ Xây dựng" -> "Bộ Xây dựng": the body an official acts for.
std::string BodyOfOfficial(std::string_view who) {
  static constexpr std::string_view kOfficials[] = {
      "bo truong", "thu truong", "chu tich", "pho chu tich", "tong giam doc", "giam doc",
      "chu nhiem", "tong cuc truong", "cuc truong", "truong ban", "vien truong", "hieu truong"};
  std::vector<Word> words = Words(who);
  for (std::string_view official : kOfficials) {
    size_t n = static_cast<size_t>(std::count(official.begin(), official.end(), ' ')) + 1;
    if (words.size() <= n) continue;
    std::string key;
    for (size_t k = 0; k < n; ++k) key += (k ? " " : "") + words[k].fold;
    if (key == official && words[n].capitalized) {
      return std::string(who.substr(words[n].begin));
    }
  }
  return std::string(who);
}

// What a document issued with another says of it near its top, instead of a number and a date
// line of its own: "(Ban hành kèm theo Quyết định số … ngày 29 tháng 6 năm 2026 của Bộ trưởng Bộ
// Xây dựng)" -> the date, and the issuer "Bộ Xây dựng".
struct IssuedWithClause {
  std::string date;
  std::string issuer;
};

std::optional<IssuedWithClause> FindIssuedWith(std::string_view text, const std::vector<Line>& lines) {
  constexpr size_t kLinesLooked = 15;
  size_t seen = 0;
  for (size_t i = 0; i < lines.size() && seen < kLinesLooked; ++i) {
    TextRange lr = Trim(text, {lines[i].begin, lines[i].end});
    std::string_view line = View(text, lr);
    if (line.empty()) continue;
    ++seen;
    if (line.size() > kMaxSegmentBytes) continue;
    std::string_view opened = line;
    while (!opened.empty() && (opened.front() == '(' || opened.front() == ' ')) opened.remove_prefix(1);
    if (!StartsWithFold(opened, "ban hanh kem theo") && !StartsWithFold(opened, "kem theo")) continue;
    // The clause may wrap: read on to its closing parenthesis, two more lines at most.
    std::string clause(line);
    for (size_t j = i + 1, more = 0; j < lines.size() && more < 2 && clause.find(')') == std::string::npos; ++j) {
      std::string_view next = View(text, Trim(text, {lines[j].begin, lines[j].end}));
      if (next.empty()) continue;
      clause += ' ';
      clause += next;
      ++more;
    }
    std::string day, month, year, by;
    if (!RE2::PartialMatch(clause, IssuedWithPattern(), &day, &month, &year, &by)) return std::nullopt;
    IssuedWithClause out;
    out.date = IsoDate(year, month, day);
    out.issuer = BodyOfOfficial(Squeeze(by, kEmphasis));
    while (!out.issuer.empty() && (out.issuer.back() == ' ' || out.issuer.back() == '.')) out.issuer.pop_back();
    return out;
  }
  return std::nullopt;
}

}  // namespace

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
  std::optional<std::string> issued;  // "Chứng nhận lần đầu: ngày ..."
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
      if (RE2::FullMatch(s, NumberPattern(), &g1, &g2, &g3) ||
          RE2::FullMatch(WithoutSeparatorSpaces(s), NumberPattern(), &g1, &g2, &g3)) {
        h.number_line = seg;
        h.symbol = g3;
        if (!g1.empty()) h.number = g1 + g2 + g3;
        return Piece::kNumber;
      }
      if (k + 1 < segs.size() && RE2::FullMatch(s, NumberOnlyPattern()) && text[segs[k + 1].begin] == '/') {
        std::string joined = WithoutSeparatorSpaces(std::string(s) + std::string(View(text, segs[k + 1])));
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
    // A date line whose blanks were typed as spaces wide enough to cut it: "Cao Bằng, ngày" |
    // "tháng 6 năm 2026".
    if (!found.date && s.find(',') != std::string_view::npos && k + 1 < segs.size()) {
      std::string key = FoldKey(s);
      if (key.ends_with(" ngay") || key.ends_with(" thang")) {
        std::string joined(s);
        for (size_t more = 1; more <= 2 && k + more < segs.size(); ++more) {
          joined.append(" ").append(View(text, segs[k + more]));
          if (RE2::PartialMatch(joined, DatePattern(), &g1, &g2, &g3, &g4)) {
            std::string_view place = g1;
            while (!place.empty() && (place.back() == ' ' || place.back() == '*')) place.remove_suffix(1);
            if (!IsUpperLetter(FirstLetter(place))) break;
            h.date_line = TextRange{seg.begin, segs[k + more].end};
            h.place = std::string(place);
            h.date = IsoDate(g4, g3, g2);
            *consumed = more + 1;
            return Piece::kDate;
          }
        }
      }
    }
    if (!found.date && !issued && RE2::PartialMatch(s, FirstIssuePattern(), &g1, &g2, &g3)) {
      issued = IsoDate(g3, g2, g1);
      return Piece::kIssued;
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
    if (title == Title::kNone) {  // the header's columns, each cell perhaps one line
      std::vector<TextRange> pieces;
      for (TextRange seg : segs) {
        std::vector<TextRange> more = HeaderPieces(text, seg);
        pieces.insert(pieces.end(), more.begin(), more.end());
      }
      segs = std::move(pieces);
    }

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
        case Piece::kIssued: header_line = true; break;
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

  // A document issued with another takes that one's date (and issuer, when it names none).
  std::optional<IssuedWithClause> with;
  if (!found.number && !found.date && !issued) with = FindIssuedWith(text, lines);
  if (!found.any()) {  // upper-case lines alone are a title, not a header
    if (!with) return HeaderScan{};
    HeaderScan only;
    only.header.date = with->date;
    if (!with->issuer.empty()) {
      only.header.issuer_lines.push_back(with->issuer);
      only.header.issuer_line = with->issuer;
    }
    return only;
  }
  if (with) {
    issued = with->date;
    if (issuer_parts.empty() && !with->issuer.empty()) {
      h.issuer_lines.push_back(with->issuer);
      h.issuer_line = with->issuer;
    }
  }

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
  if (!h.date && issued) h.date = issued;
  h.kind = kind_from_line;
  if (h.kind.empty() && h.symbol) h.kind = KindOfSymbol(*h.symbol);
  return scan;
}

}  // namespace baocao::layout_internal
