// What a figure's own words say, for the readers of the document's structure (structure_impl.h):
// the noun it counts, whether it names rather than counts, the share written after it, the cue
// that opens a list of parts, the list items below a line.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "audit/structure_impl.h"
#include "baocao/link/link.h"

namespace baocao::audit_structure {

bool Structure::ChangesBase(const std::string& folded) {
  for (const char* w : {"so voi", "tang", "giam", "vuot", "cao hon", "thap hon", "con lai", "moi"}) {
    if (HasWord(folded, w)) return true;
  }
  return false;
}

bool Structure::IntroducesShare(const std::string& folded_before) {
  static const char* kCues[] = {"chiem", "dat", "ty le", "bang", "tuong ung", "la"};
  std::string tail = folded_before;
  for (const char* cue : kCues) {
    std::string w = std::string(" ") + cue + " ";
    if (tail.size() >= w.size() && tail.compare(tail.size() - w.size(), w.size(), w) == 0) return true;
  }
  return false;
}

std::string Structure::LabelAfter(const Mention& m, size_t limit) const {
  size_t e = m.span.normalized.end, k = e;
  limit = std::min({limit, text.size(), e + tuning.label_after_reach});
  while (k < limit && std::string_view("/,;.:()\t").find(text[k]) == std::string_view::npos) ++k;
  std::vector<const Mention*> next = In(e, k);
  if (!next.empty()) k = next.front()->span.normalized.begin;
  std::string unit = m.type == MentionType::kCount ? m.unit : "";
  std::string label;
  for (const std::string& w : Tokenize(unit + " " + std::string(Between(e, k)))) label += (label.empty() ? "" : " ") + w;
  return label;
}

size_t Structure::SentencesBack(size_t pos, int sentences) const {
  size_t from = pos;
  for (int back = 0; back < sentences && from > 1; ++back) {
    size_t end = from;
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;
    if (Between(end, from).find("\n\n") != std::string_view::npos || end < 2) break;
    TextRange prev = Sentence(end - 1, 0, end, false, false);
    if (prev.begin >= from) break;
    from = prev.begin;
  }
  return from;
}

bool Structure::IsName(std::string_view item, size_t at) const {
  size_t lead = item.find_first_not_of(' ');
  if (lead == std::string_view::npos || item.size() > tuning.list_name_bytes) return false;
  item = item.substr(lead);
  at += lead;
  if (Tokenize(item).size() < 2) return false;
  int32_t i = 0;
  UChar32 cp = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(item.data()), i, static_cast<int32_t>(item.size()), cp);
  if (cp <= 0 || !u_isupper(cp)) return false;
  for (const Mention* v : In(at, at + item.size())) {
    if ((IsAdditive(*v) || v->type == MentionType::kPercent) && !NamesSomething(*v)) return false;
  }
  return true;
}

double Structure::Multiplier(const std::string& noun) {
  if (noun == "ty") return kBillion;
  if (noun == "trieu") return kMillion;
  if (noun == "nghin") return kThousand;
  return 0;
}

double Structure::AmountOf(const Mention& whole, const Mention& part) const {
  if (whole.type == MentionType::kMoney && part.type == MentionType::kNumber) {
    double k = Multiplier(NounAfter(part));
    if (k > 0) return part.number * k;
  }
  return part.number;
}

std::string Structure::NounAfter(const Mention& m) const {
  if (m.type == MentionType::kCount && !m.unit.empty()) {
    std::vector<std::string> words = Tokenize(m.unit);
    return words.empty() ? "" : words.front();
  }
  size_t e = m.span.normalized.end;
  // A unit glued to the figure: "92.075kg", "62ha".
  if (e < text.size() && std::isalpha(static_cast<unsigned char>(text[e]))) {
    size_t k = e;
    while (k < text.size() && std::isalnum(static_cast<unsigned char>(text[k]))) ++k;
    std::vector<std::string> glued = Tokenize(Between(e, k));
    return glued.size() == 1 && kNouns.count(glued[0]) ? glued[0] : "";
  }
  if (e >= text.size() || text[e] != ' ') return "";
  size_t b = e + 1, k = b;
  if (b >= text.size() || std::ispunct(static_cast<unsigned char>(text[b]))) return "";
  while (k < text.size() && text[k] != ' ' && text[k] != '\n' && text[k] != '\t') ++k;
  std::vector<std::string> words = Tokenize(Between(b, k));
  if (words.size() != 1) return "";
  std::string word = SuperscriptsAsDigits(words[0]);
  if (!kNouns.count(word)) return "";
  return word;
}

std::string Structure::SuperscriptsAsDigits(std::string word) {
  for (auto [from, to] : {std::pair<std::string_view, char>{"\u00b2", '2'}, {"\u00b3", '3'}}) {
    for (size_t at = word.find(from); at != std::string::npos; at = word.find(from)) word.replace(at, from.size(), 1, to);
  }
  return word;
}

const std::set<std::string> Structure::kNouns = {
      "ha", "m", "m2", "m3", "km", "km2", "kg", "tan", "ta", "lit", "kw", "kwh", "mw", "mwh", "ty", "trieu", "nghin", "dong",
      "usd", "cai", "chiec", "lan", "nguoi", "ho", "cum", "ccn", "kcn", "du", "co", "doanh", "don", "giay", "kho", "cuoc",
      "van", "ban", "thu", "tthc", "xa", "phuong", "tinh", "nhiem", "chi", "tieu", "mo", "diem", "khu", "lo", "thua",
      "cong", "trinh", "hop", "dong", "hoi", "lop", "buoi", "vu", "viec", "kien", "nghi", "phan", "anh", "tai", "khoan",
      "thiet", "bi", "may", "xe", "phuong", "tien", "nha", "so", "quyet", "dinh", "ke", "hoach", "bao", "cao", "ngay"};

bool Structure::SameKind(const Mention& total, const Mention& part) const {
  if (total.type == MentionType::kMoney && part.type == MentionType::kNumber) return Multiplier(NounAfter(part)) > 0;
  if (total.type == MentionType::kMoney || part.type == MentionType::kMoney) {
    return total.type == part.type && total.unit == part.unit;
  }
  std::string a = Unabbreviated(NounAfter(total)), b = Unabbreviated(NounAfter(part));
  return a.empty() || b.empty() || a == b;
}

std::string Structure::Unabbreviated(const std::string& noun) {
  static const std::map<std::string, std::string> kAbbreviations = {{"ccn", "cum"}, {"kcn", "khu"}, {"tthc", "thu"}};
  auto it = kAbbreviations.find(noun);
  return it == kAbbreviations.end() ? noun : it->second;
}

const Mention* Structure::ShareAfter(size_t index, size_t end) const {
  if (index + 1 >= order.size()) return nullptr;
  const Mention& next = *order[index + 1];
  if (next.type != MentionType::kPercent || next.span.normalized.begin >= end) return nullptr;
  std::string_view raw = Between(order[index]->span.normalized.end, next.span.normalized.begin);
  if (raw.find(';') != std::string_view::npos) return nullptr;
  std::string gap = FoldedWords(raw);
  if (ChangesBase(gap) || Tokenize(raw).size() > tuning.part_percent_words) return nullptr;
  // "(chiếm 42% tổng vốn đăng ký)": the percentage names its own base, another whole.
  std::vector<std::string> named = Tokenize(Between(next.span.normalized.end, std::min(text.size(), next.span.normalized.end + tuning.share_base_reach)));
  for (size_t k = 0; k < named.size() && k < 3; ++k) {
    if (named[k] == "tong" || named[k] == "voi" || named[k] == "cua") return nullptr;
  }
  return raw.find('(') != std::string_view::npos || IntroducesShare(gap) ? &next : nullptr;
}

bool Structure::DigitSlip(const Mention& m, double value) const {
  if (value <= 0) return false;
  int d = Decimals(m);
  std::string written;
  for (char ch : m.span.text) {
    if (std::isdigit(static_cast<unsigned char>(ch))) written.push_back(ch);
    else if (std::isalpha(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= kFirstNonAscii) break;
  }
  // A figure written with a scale word ("7,45 tỷ" is 7.450.000.000) slips in the digits written.
  constexpr size_t kExactDigits = 16;   // a double holds a whole number of fewer digits exactly
  if (!written.empty() && written.size() < kExactDigits && m.number != 0) {
    double as_written = std::stod(written) / std::pow(kDecimalBase, d);
    if (as_written > 0 && std::fabs(m.number / as_written - 1.0) > kBinaryNoise) value /= m.number / as_written;
  }
  long long scaled = std::llround(value * std::pow(kDecimalBase, d));
  if (std::fabs(value * std::pow(kDecimalBase, d) - static_cast<double>(scaled)) > kScaledNoise) return false;
  std::string other = std::to_string(scaled);
  while (other.size() < written.size()) other.insert(other.begin(), '0');
  if (other.size() != written.size()) return false;
  // A short number is one slip away from too many others: one digit there, two in longer ones.
  int differ = 0;
  for (size_t i = 0; i < other.size(); ++i) differ += other[i] != written[i];
  return differ >= 1 && differ <= (written.size() >= 4 ? 2 : 1);
}

size_t Structure::IndexOf(const Mention* m) const {
  return static_cast<size_t>(std::lower_bound(order.begin(), order.end(), m->span.normalized.begin,
                                              [](const Mention* x, size_t p) { return x->span.normalized.begin < p; }) -
                             order.begin());
}

size_t Structure::FindCue(std::string_view raw, const std::string& list, std::string* found) const {
  auto it = c.rules.words.find(list);
  if (it == c.rules.words.end()) return std::string_view::npos;
  // Walk the words of raw, keeping each word's byte offset.
  std::vector<std::pair<size_t, std::string>> words;
  size_t i = 0;
  while (i < raw.size()) {
    while (i < raw.size() && (std::isspace(static_cast<unsigned char>(raw[i])) || std::ispunct(static_cast<unsigned char>(raw[i])))) ++i;
    size_t b = i;
    while (i < raw.size() && !std::isspace(static_cast<unsigned char>(raw[i])) &&
           !(std::ispunct(static_cast<unsigned char>(raw[i])) && raw[i] != '&')) ++i;
    if (i > b) for (const std::string& t : Tokenize(raw.substr(b, i - b))) words.push_back({b, t});
  }
  size_t best = std::string_view::npos;
  for (const std::string& phrase : it->second) {
    std::vector<std::string> pw = Tokenize(phrase);
    for (size_t k = 0; k + pw.size() <= words.size(); ++k) {
      bool ok = true;
      for (size_t q = 0; q < pw.size() && ok; ++q) ok = words[k + q].second == pw[q];
      if (ok && words[k].first < best) {
        best = words[k].first;
        *found = phrase;
      }
      if (ok) break;
    }
  }
  return best;
}

int Structure::AnnouncedCount(size_t from, size_t to) const {
  // Only within the whole's own line and clause: "04 cụm công nghiệp với tổng diện tích 62ha".
  size_t cut = std::string_view(text.data(), to).find_last_of("\n,;:");
  if (cut != std::string_view::npos && cut + 1 > from) from = cut + 1;
  for (const Mention* m : In(from, to)) {
    if (!IsAdditive(*m) || m->number < 2 || m->number > tuning.announced_count_max || m->number != std::floor(m->number)) continue;
    if (Decimals(*m) > 0 || NounAfter(*m).empty()) continue;
    return static_cast<int>(m->number);
  }
  return 0;
}

std::string Structure::Status(const std::string& folded, bool last) const {
  std::string found;
  size_t found_at = 0;
  for (const auto& [name, phrases] : c.rules.words) {
    if (name.rfind("status_", 0) != 0) continue;
    for (const std::string& p : phrases) {
      std::string w = FoldedWords(p);
      size_t at = last ? folded.rfind(w) : folded.find(w);
      if (at == std::string::npos) continue;
      if (found.empty() || (last ? at > found_at : at < found_at)) {
        size_t next = at + w.size(), end = folded.find(' ', next);
        found = name + " " + (end == std::string::npos ? std::string() : folded.substr(next, end - next));
        found_at = at;
      }
    }
  }
  return found;
}

std::vector<TextRange> Structure::ListItemsBelow(size_t pos) const {
  std::vector<TextRange> items;
  size_t line = text.find('\n', pos);
  std::string first_kind;
  int continuation = 0;
  while (line != std::string_view::npos && line + 1 < text.size() && static_cast<int>(items.size()) < tuning.max_listed_parts) {
    size_t lb = line + 1, le = text.find('\n', lb);
    if (le == std::string_view::npos) le = text.size();
    line = le < text.size() ? le : std::string_view::npos;
    if (Trim(std::string(Between(lb, le))).empty()) break;
    std::string kind = MarkerKind(lb);
    if (kind.empty()) {
      // A wrapped item goes on; after an item that ended its sentence, prose ends the list.
      std::string prev = Trim(std::string(Between(LineStart(lb - 1, tuning.line_reach), lb - 1)));
      bool ended = !prev.empty() && (prev.back() == '.' || prev.back() == ';' || prev.back() == ':');
      if (items.empty() || ended || ++continuation > 3) break;
      continue;
    }
    if (first_kind.empty()) first_kind = kind;
    else if (kind != first_kind) break;
    continuation = 0;
    // The item runs to the next marked line.
    size_t item_end = le;
    for (size_t nb = le; nb < text.size() && nb - le < tuning.list_item_bytes;) {
      size_t ne = text.find('\n', nb + 1);
      if (ne == std::string_view::npos) ne = text.size();
      if (!MarkerKind(nb + 1).empty() || Trim(std::string(Between(nb + 1, ne))).empty()) break;
      item_end = ne;
      nb = ne;
    }
    items.push_back({lb, item_end});
  }
  return items;
}

bool Structure::NamesSomething(const Mention& m) const {
  if (m.comparator != Comparator::kNone) return true;
  size_t b = m.span.normalized.begin, e = m.span.normalized.end;
  size_t p = b;
  while (p > 0 && text[p - 1] == ' ') --p;
  // "[1]", "#3", a range "19,4-30,7" (a dash glued to the figure); "Sơn Mãn - 7,5ha" is a part.
  if (p > 0 && (text[p - 1] == '[' || text[p - 1] == '#' || (text[p - 1] == '-' && p == b))) return true;
  // A code: "A.1.2", "04R01", "QCVN 06:2022" — letters or a dot glued to the figure.
  if (b > 0 && (std::isalpha(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '.' || text[b - 1] == '_')) return true;
  if (e < text.size() && std::isalpha(static_cast<unsigned char>(text[e])) && m.type == MentionType::kNumber &&
      NounAfter(m).empty()) {
    return true;   // "04R01", but not "62ha"
  }
  size_t q = e;
  while (q < text.size() && text[q] == ' ') ++q;
  if (q < text.size() && text[q] == ']') return true;
  if (q < text.size() && text[q] == '-') {
    // "19,4-30,7" glued, or "khoáng sản 3 - Vimico": a name goes on after the dash.
    if (q == e) return true;
    size_t r = q + 1;
    while (r < text.size() && text[r] == ' ') ++r;
    int32_t i = static_cast<int32_t>(r);
    UChar32 cp = 0;
    if (r < text.size()) U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), cp);
    if (cp > 0 && u_isupper(cp)) return true;
  }
  // The word before it.
  size_t we = p, wb = p;
  while (wb > 0 && text[wb - 1] != ' ' && text[wb - 1] != '\n' && text[wb - 1] != '\t' && text[wb - 1] != '(') --wb;
  std::vector<std::string> prev = Tokenize(Between(wb, we));
  // The naming word stands right before the figure: "Điều 50", not "hạ tầng: 23".
  std::string_view prev_word = Between(wb, we);
  bool glued_word = !prev_word.empty() && (std::isalnum(static_cast<unsigned char>(prev_word.back())) ||
                                           static_cast<unsigned char>(prev_word.back()) >= kFirstNonAscii);
  if (prev.size() == 1 && glued_word) {
    // Words that number what follows them; not those that end a phrase before a quantity
    // ("trực tuyến 800", "một phần 160", "lấp đầy 95%", "hiệu quả").
    static const std::set<std::string> kNaming = {"dieu", "khoan", "diem", "trang", "nhom", "so", "muc", "chuong",
                                                  "lan", "dot", "bang", "hinh", "ma", "phu", "luc", "tcvn", "qcvn",
                                                  "giai", "doan", "khu", "lo", "thua", "to", "loai",
                                                  "tang", "xuong", "goi", "thau", "phong", "block",
                                                  "ngay", "thang", "nam"};   // "ngày 05 tháng 6": a date's pieces
    // "số 45/KH-UBND" names a document; "tổng số 412" counts.
    // "tầng 3" names a floor; "tăng 150" is a rise (one folded word, two words as written).
    bool rise = prev[0] == "tang" && prev_word.find("\u1ea7") == std::string_view::npos && prev_word.find("\u1ea6") == std::string_view::npos;
    if (kNaming.count(prev[0]) && !rise) {
      if (prev[0] != "so") return true;
      std::vector<std::string> two = Tokenize(Between(wb > tuning.total_word_reach ? wb - tuning.total_word_reach : 0, we));
      if (two.size() < 2 || two[two.size() - 2] != "tong") return true;
    }
    // "Thống Nhất 1", "Phú Thịnh 3": a small number right after a capitalized name.
    std::string_view word = Between(wb, we);
    bool capital = false;
    if (!word.empty()) {
      int32_t i = 0;
      UChar32 cp;
      U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, static_cast<int32_t>(word.size()), cp);
      capital = cp > 0 && u_isupper(cp);
    }
    bool glued = !word.empty() && std::isalpha(static_cast<unsigned char>(word.back())) | (static_cast<unsigned char>(word.back()) >= kFirstNonAscii);
    if (capital && glued && m.number < tuning.name_number_limit && m.number == std::floor(m.number) && m.type == MentionType::kNumber && wb > 0 &&
        text[wb - 1] == ' ') {
      return true;
    }
  }
  return false;
}

bool Structure::AloneOnLine(const Mention& m) const {
  if (!IsAdditive(m) || m.number > tuning.row_number_max || m.number != std::floor(m.number)) return false;
  // The digits as written: a count read across the line break ("2⏎   TTHC", a row number
  // before a cell's next line) is still a number alone on its line.
  size_t b = m.span.normalized.begin, e = b;
  while (e < m.span.normalized.end && (std::isdigit(static_cast<unsigned char>(text[e])) || text[e] == '.' || text[e] == ',')) ++e;
  if (e == b) return false;
  while (b > 0 && text[b - 1] == ' ') --b;
  while (e < text.size() && text[e] == ' ') ++e;
  return (b == 0 || text[b - 1] == '\n') && (e >= text.size() || text[e] == '\n');
}

bool Structure::LeafMarkerAt(const Mention& m) const {
  size_t b = m.span.normalized.begin;
  while (b > 0 && text[b - 1] == ' ') --b;
  bool line_start = b == 0 || text[b - 1] == '\n';
  size_t e = m.span.normalized.end;
  return line_start && e < text.size() && (text[e] == '.' || text[e] == ')');
}

}  // namespace baocao::audit_structure
