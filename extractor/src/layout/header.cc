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

// Slack a folded prefix is looked for in, past 4 bytes per folded letter: room for a mark a
// decomposed text writes as a character of its own, and for spaces.
constexpr size_t kFoldSlackBytes = 8;

// The opening of a number line, "Số:" as typed or read by OCR ("số"), and a symbol whose first
// character is of `first` ("QĐ-UBND", "01-KH/BCĐ"), captured, to the line's end.
constexpr std::string_view kNumberOpening = R"(^(?:Số|SỐ|Sô|SÔ|số|sô)[ \t]*[:.]?[ \t]*)";
std::string SymbolToEnd(std::string_view first) {
  return internal::Concat({"([", first, "][0-9&./", internal::kLetterClass, R"(-]*?)[ \t.]*$)"});
}

// "Số: 43/BC-UBND", "Số /KH-UBND" (number left blank), "Số: .../QĐ-UBND", "Số 01-KH/BCĐ".
const RE2& NumberPattern() {
  static const RE2 re(internal::Concat({kNumberOpening, R"(([0-9]*)[ \t._…]*([/-])[ \t]*)",
                              SymbolToEnd(internal::Concat({"0-9", internal::kLetterClass}))}),
                      RE2::Quiet);
  return re;
}
// "Số: 45 26 /QĐ-UBND", "số: 4$ /HC-CNHC": a number written by hand into the blank, which OCR
// reads as marks that are no number. The symbol is printed and read; the number stays unread
// (never a guess). The symbol starts with a capital: "QĐ-UBND", "TTr-CAT-PC04".
const RE2& UnreadNumberPattern() {
  static const RE2 re(internal::Concat({kNumberOpening, R"([^/ \t]{1,8}(?:[ \t]+[^/ \t]{1,8})?[ \t]*/[ \t]*)",
                              SymbolToEnd(internal::kUpperClass)}),
                      RE2::Quiet);
  return re;
}
// "Số: 181" alone, its symbol "/BC-SNV" being the next piece (an e-signature stamp gap).
const RE2& NumberOnlyPattern() {
  static const RE2 re(internal::Concat({kNumberOpening, R"([0-9._… ]*$)"}), RE2::Quiet);
  return re;
}
// A piece that opens a number line: "Số:", "số" and what follows it.
bool StartsNumberLine(std::string_view s) {
  for (std::string_view opening : {"Số", "SỐ", "Sô", "SÔ", "số", "sô"}) {
    if (s.starts_with(opening)) return true;
  }
  return false;
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
// "Lào Cai, ngày 0Â tháng † năm 2026": the day and month written by hand, read by OCR as marks
// that are no digits; the printed year is read, a blank holding anything but digits stays
// blank (ReadDateLine).
const RE2& HandFilledDatePattern() {
  static const RE2 re(
      R"(^([^,\d\n]{2,80}?)[ \t]*,[ \t]*(?i:ngày)[ \t]*([^ \t]{0,4}?)[ \t._…/-]*(?i:tháng)[ \t]*([^ \t]{0,4}?)[ \t._…/-]*(?i:năm)[ \t]*([0-9]{4}))",
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

// ISO date, partial when the day or the month is blank.
std::string IsoDate(const std::string& y, const std::string& m, const std::string& d) {
  int month = m.empty() ? 0 : std::stoi(m);
  int day = d.empty() ? 0 : std::stoi(d);
  if (month < 1 || month > kMonthsInYear) return y;
  if (day < 1 || day > kMaxDayOfMonth) return internal::Concat({y, "-", TwoDigits(month)});
  return internal::Concat({y, "-", TwoDigits(month), "-", TwoDigits(day)});
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
  return FoldKey(s.substr(0, std::min<size_t>(s.size(), 4 * prefix.size() + kFoldSlackBytes))).starts_with(prefix);
}

// Lines that open the body rather than continue a title.
bool OpensBody(std::string_view text, TextRange seg, const LayoutLimits& limits) {
  std::string_view s = View(text, seg);
  return StartsWithFold(s, "kinh gui") || StartsWithFold(s, "can cu") ||
         MatchHeading(text, seg, limits).has_value() || MatchListItem(text, seg).has_value();
}

// Word processors put each column of the header table into one cell, and a converter may write
// a cell as one line: "UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG Số: /BC-SCT", "CỘNG HÒA XÃ HỘI CHỦ
// NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Lào Cai, ngày tháng 6 năm 2026"; a PDF's text may
// run "Số: 464/STC-VP V/v góp ý ..." together. The pieces of such a segment, cut before "Số:"
// and "V/v" and around each line of the national motto (written as the motto is: its first
// line in capitals, its second capitalized); a segment without them comes back whole.
// The national motto's two lines, folded word by word: the first in capitals, the second with
// its three phrases capitalized ("Độc lập - Tự do - Hạnh phúc").
constexpr std::string_view kMottoFirstLine[] = {"cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"};
constexpr std::string_view kMottoSecondLine[] = {"doc", "lap", "tu", "do", "hanh", "phuc"};
constexpr size_t kMottoFirstLast = std::size(kMottoFirstLine) - 1;   // its last word's index
constexpr size_t kMottoSecondLast = std::size(kMottoSecondLine) - 1;

// Whether `words` from `i` on are `want`.
template <size_t N>
bool FoldsAt(const std::vector<Word>& words, size_t i, const std::string_view (&want)[N]) {
  if (i + N > words.size()) return false;
  for (size_t k = 0; k < N; ++k) {
    if (words[i + k].fold != want[k]) return false;
  }
  return true;
}

// A scan's number line run on into its place and date ("Số: 23/TTr-CAT-PC06 Lâm Đồng, ngày 9
// tháng 10 …", OCR lost the gap between the columns): where the place begins when word `i` is
// the "ngày" after "Place,", else 0. The place is up to four capitalized words.
size_t PlaceBeforeDate(std::string_view s, const std::vector<Word>& words, size_t i) {
  constexpr size_t kPlaceWords = 4;
  const Word& w = words[i];
  const bool day_word = w.fold == "ngay" || (w.fold.starts_with("ngay") && internal::IsDigit(w.fold[std::string_view("ngay").size()]));
  if (!day_word || i == 0) return 0;
  size_t comma = w.begin;
  while (comma > 0 && s[comma - 1] == ' ') --comma;
  if (comma == 0 || s[comma - 1] != ',' || words[i - 1].end != comma - 1) return 0;
  size_t first = i;
  auto has_digit = [](const std::string& fold) { return std::any_of(fold.begin(), fold.end(), [](char c) { return c >= '0' && c <= '9'; }); };
  // The place's words stand after a space: "PC06 Lâm Đồng", "BC-SCT Lào Cai" give no "PC06" nor "SCT".
  auto place_word = [&](const Word& p) {
    return p.capitalized && !has_digit(p.fold) && (p.begin == 0 || s[p.begin - 1] == ' ');
  };
  while (first > 0 && i - first < kPlaceWords && place_word(words[first - 1]) &&
         (first == i || s.substr(words[first - 1].end, words[first].begin - words[first - 1].end) == " ")) {
    --first;
  }
  return first < i ? words[first].begin : 0;
}

// Where HeaderPieces cuts a segment: around each motto line, before "Số:" and "V/v".
std::vector<size_t> WordCuts(std::string_view s, const std::vector<Word>& words) {
  std::vector<size_t> cuts;
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    if (FoldsAt(words, i, kMottoFirstLine) && IsAllUpper(s.substr(w.begin, words[i + kMottoFirstLast].end - w.begin))) {
      cuts.push_back(w.begin);
      cuts.push_back(words[i + kMottoFirstLast].end);
      i += kMottoFirstLast;
      continue;
    }
    if (FoldsAt(words, i, kMottoSecondLine) && w.capitalized && words[i + 2].capitalized && words[i + 4].capitalized) {
      cuts.push_back(w.begin);
      cuts.push_back(words[i + kMottoSecondLast].end);
      i += kMottoSecondLast;
      continue;
    }
    if (w.begin == 0) continue;
    if (size_t place = PlaceBeforeDate(s, words, i); place > 0) cuts.push_back(place);
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
  return cuts;
}

// Word processors put each column of the header table into one cell, and a converter may write
// a cell as one line: "UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG Số: /BC-SCT", "CỘNG HÒA XÃ HỘI CHỦ
// NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Lào Cai, ngày tháng 6 năm 2026"; a PDF's text may
// run "Số: 464/STC-VP V/v góp ý ..." together. The pieces of such a segment, cut before "Số:"
// and "V/v" and around each line of the national motto (written as the motto is: its first
// line in capitals, its second capitalized); a segment without them comes back whole.
std::vector<TextRange> HeaderPieces(std::string_view text, TextRange seg) {
  std::string_view s = View(text, seg);
  std::vector<size_t> cuts = WordCuts(s, Words(s));
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

std::string KindOfLine(std::string_view segment, const LayoutLimits& limits) {
  std::string_view s = segment;
  while (!s.empty() && (s.back() == ':' || s.back() == '.' || s.back() == '*' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == '*' || s.front() == ' ')) s.remove_prefix(1);
  const size_t most = limits.kind_line_max_code_points;
  if (s.empty() || CodePointsUpTo(s, most + 1) > most) return "";
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

std::optional<IssuedWithClause> FindIssuedWith(std::string_view text, const std::vector<Line>& lines,
                                              const LayoutLimits& limits) {
  size_t seen = 0;
  for (size_t i = 0; i < lines.size() && seen < limits.issued_with_lines; ++i) {
    TextRange lr = Trim(text, {lines[i].begin, lines[i].end});
    std::string_view line = View(text, lr);
    if (line.empty()) continue;
    ++seen;
    if (line.size() > limits.header_max_piece_bytes) continue;
    std::string_view opened = line;
    while (!opened.empty() && (opened.front() == '(' || opened.front() == ' ')) opened.remove_prefix(1);
    if (!StartsWithFold(opened, "ban hanh kem theo") && !StartsWithFold(opened, "kem theo")) continue;
    // The clause may wrap: read on to its closing parenthesis, a few lines at most.
    std::string clause(line);
    for (size_t j = i + 1, more = 0;
         j < lines.size() && more < limits.issued_with_wrap_lines && clause.find(')') == std::string::npos; ++j) {
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

// The place before ", ngày" in a date line, without the spaces and stars after it.
std::string_view PlaceOf(std::string_view place) {
  while (!place.empty() && (place.back() == ' ' || place.back() == '*')) place.remove_suffix(1);
  return place;
}

// Reads the header line by line from the top: each line cut into pieces, each piece classified
// (number, date line, kind line, issuer ...), the title's lines gathered after the kind line.
class HeaderReader {
 public:
  HeaderReader(std::string_view text, const std::vector<Line>& lines, const LayoutLimits& limits)
      : text_(text), lines_(lines), limits_(limits) {}

  HeaderScan Run() {
    size_t i = 0;
    for (; i < lines_.size(); ++i) {
      if (!ReadLine(i)) break;
    }
    return Finish(i);
  }

 private:
  enum class Title { kNone, kWaiting, kCollecting, kDone };

  // Reads line `i`; false when the header ends before it.
  bool ReadLine(size_t i) {
    TextRange lr{lines_[i].begin, lines_[i].end};
    std::string_view line = View(text_, lr);
    if (IsBlank(line)) {
      if (title_ == Title::kCollecting) gap_ = true;
      return true;
    }
    if (++nonblank_ > limits_.header_max_lines || line.size() > limits_.header_max_line_bytes) return false;
    std::vector<TextRange> segs = Segments(text_, lr);
    if (segs.empty()) return true;
    if (title_ == Title::kNone) {  // the header's columns, each cell perhaps one line
      std::vector<TextRange> pieces;
      for (TextRange seg : segs) {
        std::vector<TextRange> more = HeaderPieces(text_, seg);
        pieces.insert(pieces.end(), more.begin(), more.end());
      }
      segs = std::move(pieces);
    }
    bool header_line = false;
    std::vector<TextRange> rest;  // pieces that are none of the header's items
    for (size_t k = 0; k < segs.size();) {
      size_t consumed = 1;
      Piece piece = Classify(segs, k, &consumed);
      if (piece == Piece::kAddressee) return false;   // "Kính gửi:" opens the body
      header_line = Take(piece, segs[k], rest) || header_line;
      k += consumed;
    }
    if (!rest.empty() && (title_ == Title::kWaiting || title_ == Title::kCollecting)) {
      if (TitleContinues(i, rest.front()) && title_bytes_ < limits_.header_max_title_bytes) {
        for (TextRange r : rest) AddTitlePart(r);
        title_ = Title::kCollecting;
        gap_ = false;
        taken_.push_back(i);
        return true;
      }
      title_ = Title::kDone;
    }
    if (header_line) {
      taken_.push_back(i);
      return true;
    }
    return false;  // the first line that is no part of the header
  }

  // Whether the pieces of line `i` that are none of the header's items continue the title.
  bool TitleContinues(size_t i, TextRange first) const {
    if (title_ == Title::kWaiting) {
      return !OpensBody(text_, first, limits_) && lines_[i].end - lines_[i].begin < limits_.header_max_line_bytes;
    }
    if (gap_) return IsLowerLetter(FirstLetter(View(text_, first)));
    return !OpensBody(text_, first, limits_);
  }

  void AddTitlePart(TextRange r) {
    title_parts_.push_back(r);
    title_bytes_ += r.end - r.begin;
  }

  // Records a classified piece; true when it makes its line a header line.
  bool Take(Piece piece, TextRange seg, std::vector<TextRange>& rest) {
    switch (piece) {
      case Piece::kNumber: found_.number = true; return true;
      case Piece::kDate: found_.date = true; return true;
      case Piece::kMotto: return true;
      case Piece::kIssued: return true;
      case Piece::kDecoration:
        if (title_ == Title::kCollecting) title_ = Title::kDone;
        return true;
      case Piece::kKind:
        found_.kind = true;
        title_ = Title::kWaiting;
        return true;
      case Piece::kSubject: TakeSubject(seg); return true;
      case Piece::kIssuer: issuer_parts_.push_back(seg); return true;
      case Piece::kAddressee: return false;
      case Piece::kOther: rest.push_back(seg); return false;
    }
    return false;
  }

  // "V/v góp ý dự thảo ...": an official letter, whose subject is its title.
  void TakeSubject(TextRange seg) {
    found_.kind = true;
    if (kind_from_line_.empty()) kind_from_line_ = "official_letter";
    std::string_view s = View(text_, seg);
    std::string subject;  // the text after "V/v", which ends the piece
    RE2::FullMatch(s, SubjectPattern(), &subject);
    size_t skip = s.size() - subject.size();
    TextRange part{seg.begin + skip, seg.end};
    if (!part.empty()) AddTitlePart(part);
    title_ = Title::kCollecting;
    gap_ = false;
  }

  Piece Classify(const std::vector<TextRange>& segs, size_t k, size_t* consumed) {
    *consumed = 1;
    std::string_view s = View(text_, segs[k]);
    if (s.size() > limits_.header_max_piece_bytes) return Piece::kOther;
    if (IsDecoration(s)) return Piece::kDecoration;
    if (!found_.number && ReadNumber(segs, k, consumed)) return Piece::kNumber;
    if (!found_.date && (ReadDateLine(segs[k]) || ReadCutDateLine(segs, k, consumed))) return Piece::kDate;
    std::string g1, g2, g3;
    if (!found_.date && !issued_ && RE2::PartialMatch(s, FirstIssuePattern(), &g1, &g2, &g3)) {
      issued_ = IsoDate(g3, g2, g1);
      return Piece::kIssued;
    }
    if (IsMotto(s)) return Piece::kMotto;
    if (!found_.kind) {
      std::string kind = KindOfLine(s, limits_);
      if (!kind.empty()) {
        kind_from_line_ = kind;
        header_.kind_line = segs[k];
        return Piece::kKind;
      }
      if (RE2::FullMatch(s, SubjectPattern(), &g1)) return Piece::kSubject;
    }
    if (StartsWithFold(s, "kinh gui")) return Piece::kAddressee;
    if (!found_.any() && title_ == Title::kNone && IsAllUpper(s)) return Piece::kIssuer;
    return Piece::kOther;
  }

  // "Số: 43/BC-UBND", or "Số: 181" with its symbol "/BC-SNV" the next piece.
  bool ReadNumber(const std::vector<TextRange>& segs, size_t k, size_t* consumed) {
    const TextRange seg = segs[k];
    std::string_view s = View(text_, seg);
    std::string number, separator, symbol;
    if (RE2::FullMatch(s, NumberPattern(), &number, &separator, &symbol) ||
        RE2::FullMatch(WithoutSeparatorSpaces(s), NumberPattern(), &number, &separator, &symbol)) {
      SetNumber(seg, number, separator, symbol);
      return true;
    }
    if (RE2::FullMatch(s, UnreadNumberPattern(), &symbol)) {
      SetNumber(seg, "", "/", symbol);
      return true;
    }
    if (k + 1 < segs.size() && StartsNumberLine(s) && text_[segs[k + 1].begin] == '/') {
      const std::string joined_raw = std::string(s) + " " + std::string(View(text_, segs[k + 1]));
      const std::string joined = WithoutSeparatorSpaces(joined_raw);
      const TextRange both{seg.begin, segs[k + 1].end};
      if (RE2::FullMatch(s, NumberOnlyPattern()) && RE2::FullMatch(joined, NumberPattern(), &number, &separator, &symbol)) {
        SetNumber(both, number, separator, symbol);
        *consumed = 2;
        return true;
      }
      if (RE2::FullMatch(joined_raw, UnreadNumberPattern(), &symbol)) {   // "Số: đế”" | "/QĐ-XPVPHC"
        SetNumber(both, "", "/", symbol);
        *consumed = 2;
        return true;
      }
    }
    return false;
  }

  void SetNumber(TextRange line, const std::string& number, const std::string& separator, const std::string& symbol) {
    header_.number_line = line;
    header_.symbol = symbol;
    if (!number.empty()) header_.number = number + separator + symbol;
  }

  // "Chí Linh, ngày 26 tháng 01 năm 2026", "Hà Nội, ngày 10/01/2026".
  bool ReadDateLine(TextRange seg) {
    std::string_view s = View(text_, seg);
    std::string place, day, month, year;
    if (!RE2::PartialMatch(s, DatePattern(), &place, &day, &month, &year) &&
        !RE2::PartialMatch(s, NumericDatePattern(), &place, &day, &month, &year)) {
      if (!RE2::PartialMatch(s, HandFilledDatePattern(), &place, &day, &month, &year)) return false;
      auto digits_only = [](std::string& slot) {
        constexpr size_t kMaxDigits = 2;
        if (slot.size() > kMaxDigits || slot.find_first_not_of("0123456789") != std::string::npos) slot.clear();
      };
      digits_only(day);
      digits_only(month);
    }
    if (!IsUpperLetter(FirstLetter(PlaceOf(place)))) return false;
    SetDate(seg, PlaceOf(place), year, month, day);
    return true;
  }

  // A date line whose blanks were typed as spaces wide enough to cut it: "Cao Bằng, ngày" |
  // "tháng 6 năm 2026".
  bool ReadCutDateLine(const std::vector<TextRange>& segs, size_t k, size_t* consumed) {
    std::string_view s = View(text_, segs[k]);
    if (s.find(',') == std::string_view::npos || k + 1 >= segs.size()) return false;
    std::string key = FoldKey(s);
    if (!key.ends_with(" ngay") && !key.ends_with(" thang")) return false;
    std::string joined(s);
    std::string place, day, month, year;
    for (size_t more = 1; more <= limits_.header_date_pieces && k + more < segs.size(); ++more) {
      joined.append(" ").append(View(text_, segs[k + more]));
      if (RE2::PartialMatch(joined, DatePattern(), &place, &day, &month, &year)) {
        if (!IsUpperLetter(FirstLetter(PlaceOf(place)))) return false;
        SetDate(TextRange{segs[k].begin, segs[k + more].end}, PlaceOf(place), year, month, day);
        *consumed = more + 1;
        return true;
      }
    }
    return false;
  }

  void SetDate(TextRange line, std::string_view place, const std::string& year, const std::string& month,
               const std::string& day) {
    header_.date_line = line;
    header_.place = std::string(place);
    header_.date = IsoDate(year, month, day);
  }

  // The header as read up to line `body_start`: the "kèm theo" clause's date and issuer where
  // it gives none, the title and issuer lines joined.
  HeaderScan Finish(size_t body_start) {
    // A document issued with another takes that one's date (and issuer, when it names none).
    std::optional<IssuedWithClause> with;
    if (!found_.number && !found_.date && !issued_) with = FindIssuedWith(text_, lines_, limits_);
    if (!found_.any()) {  // upper-case lines alone are a title, not a header
      HeaderScan only;
      if (!with) return only;
      only.header.date = with->date;
      if (!with->issuer.empty()) {
        only.header.issuer_lines.push_back(with->issuer);
        only.header.issuer_line = with->issuer;
      }
      return only;
    }
    DocumentHeader& h = header_;
    if (with) {
      issued_ = with->date;
      if (issuer_parts_.empty() && !with->issuer.empty()) {
        h.issuer_lines.push_back(with->issuer);
        h.issuer_line = with->issuer;
      }
    }
    if (!title_parts_.empty()) {
      h.title = TextRange{title_parts_.front().begin, title_parts_.back().end};
      std::string joined;
      for (TextRange r : title_parts_) {
        if (!joined.empty()) joined.push_back(' ');
        joined += Squeeze(View(text_, r), kEmphasis);
      }
      h.title_text = joined;
    }
    JoinIssuerLines();
    if (!h.date && issued_) h.date = issued_;
    h.kind = kind_from_line_;
    if (h.kind.empty() && h.symbol) h.kind = KindOfSymbol(*h.symbol);
    HeaderScan scan;
    scan.header = std::move(header_);
    scan.body_start = body_start;
    scan.lines = std::move(taken_);
    return scan;
  }

  void JoinIssuerLines() {
    DocumentHeader& h = header_;
    for (TextRange r : issuer_parts_) h.issuer_lines.push_back(Squeeze(View(text_, r), kEmphasis));
    if (issuer_parts_.empty()) return;
    std::string joined;
    for (const std::string& s : h.issuer_lines) {
      if (!joined.empty()) joined += ' ';
      joined += s;
    }
    h.issuer_line = joined;
    h.issuer_range = TextRange{issuer_parts_.front().begin, issuer_parts_.back().end};
  }

  std::string_view text_;
  const std::vector<Line>& lines_;
  const LayoutLimits& limits_;
  DocumentHeader header_;
  Title title_ = Title::kNone;
  bool gap_ = false;               // a blank line since the title's last line
  size_t title_bytes_ = 0;
  std::vector<TextRange> title_parts_;
  std::vector<TextRange> issuer_parts_;
  std::vector<size_t> taken_;      // the lines the header took
  Found found_;
  std::string kind_from_line_;
  std::optional<std::string> issued_;  // "Chứng nhận lần đầu: ngày ..."
  size_t nonblank_ = 0;
};

}  // namespace

HeaderScan AnalyzeHeader(std::string_view text, const std::vector<Line>& lines, const LayoutLimits& limits) {
  return HeaderReader(text, lines, limits).Run();
}

}  // namespace baocao::layout_internal
