// Meta: the document's identity, read from the header and closing block, and, for what the
// header may leave out (the issuing unit, the province), from how the text names them.
#include "core/strings.h"
#include "baocao/layout/meta.h"

#include <re2/re2.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "baocao/normalize/text.h"
#include "core/chars.h"
#include "core/script.h"
#include "layout/text_util.h"

namespace baocao {

using layout_internal::Words;
using layout_internal::Word;

// ---------------------------------------------------------------------------------------------
// Gazetteer

Status Gazetteer::Add(std::string_view line, const std::string& where, bool strict) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t bar = line.find('|', start);
    std::string_view part = line.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    while (!part.empty() && (part.front() == ' ' || part.front() == '\t')) part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\t' || part.back() == '\r')) part.remove_suffix(1);
    parts.push_back(part);
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  std::vector<Spelling> spellings;
  for (std::string_view part : parts) {
    Spelling s;
    if (!part.empty() && part.front() == '~') {
      s.needs_context = true;
      part.remove_prefix(1);
    }
    for (const Word& w : Words(part)) {
      s.words.push_back(w.fold);
      s.capitals.push_back(w.capitalized);
    }
    if (s.words.empty()) return Status(ErrorCode::kBadRules, where + ": empty name");
    std::string key;
    for (const std::string& w : s.words) key += (key.empty() ? "" : " ") + w;
    if (by_key_.count(key)) {
      if (strict) return Status(ErrorCode::kBadRules, where + ": \"" + std::string(part) + "\" is listed twice");
      continue;
    }
    spellings.push_back(std::move(s));
  }
  if (spellings.empty()) return Status::Ok();
  std::string_view canonical = parts.front();
  if (!canonical.empty() && canonical.front() == '~') canonical.remove_prefix(1);
  size_t index = provinces_.size();
  provinces_.emplace_back(canonical);
  keys_.push_back(FoldKey(canonical));
  for (Spelling& s : spellings) {
    s.province = index;
    std::string key;
    for (const std::string& w : s.words) key += (key.empty() ? "" : " ") + w;
    by_key_.emplace(key, index);
    std::vector<size_t>& list = by_first_word_[s.words.front()];
    list.push_back(spellings_.size());
    spellings_.push_back(std::move(s));
    std::stable_sort(list.begin(), list.end(), [&](size_t a, size_t b) {
      return spellings_[a].words.size() > spellings_[b].words.size();
    });
  }
  return Status::Ok();
}

Result<Gazetteer> Gazetteer::Parse(std::string_view content, const std::string& name) {
  Gazetteer g;
  size_t start = 0;
  int number = 0;
  while (start <= content.size()) {
    size_t nl = content.find('\n', start);
    std::string_view line = content.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    ++number;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    if (!layout_internal::IsBlank(line)) {
      Status st = g.Add(line, name + ":" + std::to_string(number), /*strict=*/true);
      if (!st.ok()) return st;
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  if (g.provinces_.empty()) return Status(ErrorCode::kBadRules, name + ": no names");
  return g;
}

Result<Gazetteer> Gazetteer::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kBadRules, path + ": cannot read the gazetteer");
  std::ostringstream content;
  content << in.rdbuf();
  return Parse(content.str(), path);
}

Gazetteer Gazetteer::FromNames(std::vector<std::string> names) {
  Gazetteer g;
  // Bad entries are skipped, as promised: an empty name is the only error a non-strict Add has.
  for (const std::string& n : names) (void)g.Add(n, "", /*strict=*/false);
  return g;
}

std::string Gazetteer::Canonical(std::string_view name) const {
  std::string key;
  for (const Word& w : Words(name)) key += (key.empty() ? "" : " ") + w.fold;
  auto it = by_key_.find(key);
  return it == by_key_.end() ? std::string() : provinces_[it->second];
}

const std::vector<size_t>* Gazetteer::StartingWith(const std::string& word) const {
  auto it = by_first_word_.find(word);
  return it == by_first_word_.end() ? nullptr : &it->second;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Province

// Words are neighbours when only spaces, a dot or a hyphen stand between them on one line.
bool Adjacent(std::string_view text, const Word& a, const Word& b, const LayoutLimits& limits) {
  if (b.begin < a.end || b.begin - a.end > limits.meta_adjacent_gap_bytes) return false;
  for (size_t i = a.end; i < b.begin; ++i) {
    char c = text[i];
    if (c != ' ' && c != '.' && c != '-') return false;
  }
  return true;
}

// Words ForEachWord keeps before the current one.
constexpr size_t kWordsBehind = 2;

// Calls `visit(window, i)` for each word of `text` in order: window[i] is the word, the
// kWordsBehind before it stand at i-1, i-2 (when there are), up to `ahead` words follow it.
// `visit` returns how many words it took (at least one). Holds only a few words at a time.
// Stops early once `budget` is spent: BuildMeta's caller turns that into the budget's error.
template <typename Visit>
void ForEachWord(std::string_view text, size_t ahead, const Budget& budget, Visit visit) {
  layout_internal::WordReader reader(text);
  std::deque<Word> window;
  BudgetTicker ticker(budget);
  size_t i = 0;
  bool done = false;
  while (!ticker.Exhausted()) {
    while (!done && window.size() < i + 1 + ahead) {
      Word w;
      if (reader.Next(&w)) {
        window.push_back(std::move(w));
      } else {
        done = true;
      }
    }
    if (i >= window.size()) break;
    i += std::max<size_t>(1, visit(window, i));
    while (i > kWordsBehind && !window.empty()) {
      window.pop_front();
      --i;
    }
  }
}

std::optional<std::string> FindProvince(std::string_view text, const Gazetteer& places, const LayoutOptions& options) {
  const LayoutLimits& limits = options.limits;
  struct Tally {
    size_t count = 0;
    size_t first = 0;
  };
  std::map<size_t, Tally> tally;
  size_t longest = 1;
  for (const Gazetteer::Spelling& sp : places.spellings()) longest = std::max(longest, sp.words.size());
  ForEachWord(text, longest, options.budget, [&](const std::deque<Word>& words, size_t i) -> size_t {
    const std::vector<size_t>* candidates = places.StartingWith(words[i].fold);
    if (!candidates) return 1;
    for (size_t id : *candidates) {
      const Gazetteer::Spelling& sp = places.spellings()[id];
      size_t n = sp.words.size();
      if (i + n > words.size()) continue;
      bool match = true;
      bool capitals = true;
      for (size_t k = 0; k < n && match; ++k) {
        match = words[i + k].fold == sp.words[k] && (k == 0 || Adjacent(text, words[i + k - 1], words[i + k], limits));
        capitals = capitals && (!sp.capitals[k] || words[i + k].capitalized);
      }
      if (!match) continue;
      std::string p1 = i >= 1 && Adjacent(text, words[i - 1], words[i], limits) ? words[i - 1].fold : "";
      std::string p2 =
          i >= 2 && !p1.empty() && Adjacent(text, words[i - 2], words[i - 1], limits) ? words[i - 2].fold : "";
      bool context = p1 == "tinh" || p1 == "tp" || (p2 == "thanh" && (p1 == "pho" || p1 == "uy")) ||
                     (p2 == "tinh" && p1 == "uy");
      // "phường Hòa Bình", "tổ dân phố Hà Nội": a smaller unit of that name.
      static const char* const kSmaller[] = {"phuong", "xa", "huyen", "quan", "tran", "thon",
                                             "ap", "khu", "xom", "ban", "to", "duong", "pho"};
      bool smaller = false;
      for (const char* w : kSmaller) smaller = smaller || p1 == w;
      if (p1 == "pho" && p2 == "thanh") smaller = false;
      if (context || (capitals && !smaller && !sp.needs_context)) {
        Tally& t = tally[sp.province];
        if (t.count++ == 0) t.first = words[i].begin;
      }
      return n;
    }
    return 1;
  });
  std::optional<size_t> best;
  for (const auto& [province, t] : tally) {
    if (!best || t.count > tally[*best].count ||
        (t.count == tally[*best].count && t.first < tally[*best].first)) {
      best = province;
    }
  }
  if (!best) return std::nullopt;
  return places.provinces()[*best];
}

// ---------------------------------------------------------------------------------------------
// Issuer and ward

constexpr const char* kUnitWords = "phường|xã|thị trấn|đặc khu|thị xã|quận|huyện|thành phố|tỉnh";
// A place name: up to five capitalized words, or a number ("Phường 3").
const std::string& NameWords() {
  static const std::string words = [] {
    std::string word = std::string("[") + internal::kUpperClass + "][" + internal::kLetterClass + "]*";
    return "(?:" + word + "|[0-9]{1,2})(?:[ ]+" + word + "){0,4}";
  }();
  return words;
}

// "UBND phường Chí Linh", "Ủy ban nhân dân (UBND) phường Ba Ngòi".
const RE2& CouncilMention() {
  static const RE2 re(std::string(R"((?i:ủy ban nhân dân|ubnd)(?:[ ]*\((?i:ubnd)\))?[ ]+((?i:)") +
                          kUnitWords + "))[ ]+(" + NameWords() + ")",
                      RE2::Quiet);
  return re;
}
// "phường Chí Linh" anywhere ("Đảng ủy phường Ba Ngòi").
const RE2& UnitMention() {
  static const RE2 re("((?i:phường|xã|thị trấn|đặc khu))[ ]+(" + NameWords() + ")", RE2::Quiet);
  return re;
}
// "UBND phường đã ...": the council named by its level only.
const RE2& BareCouncil() {
  static const RE2 re(std::string(R"((?i:ủy ban nhân dân|ubnd)[ ]+((?i:phường|xã|thị trấn|đặc khu))[ ,.;:]+[)") +
                          internal::kLowerClass + "]",
                      RE2::Quiet);
  return re;
}
// An issuer line such as "ỦY BAN NHÂN DÂN PHƯỜNG CHÍ LINH".
// A draft's stray capital typed onto the abbreviation ("DUBND TỈNH LÀO CAI") is read as the
// slip it is.
const RE2& CouncilLine() {
  static const RE2 re(std::string(R"(^(?:(?i:ủy ban nhân dân|ubnd)|[A-Z]UBND)[ ]+((?i:)") + kUnitWords +
                          R"())[ ]+(.+)$)",
                      RE2::Quiet);
  return re;
}

bool IsWardLevel(const std::string& unit) {
  return unit == "phường" || unit == "xã" || unit == "thị trấn" || unit == "đặc khu";
}

std::vector<std::string> FoldWords(std::string_view s) {
  std::vector<std::string> out;
  for (const Word& w : Words(s)) out.push_back(w.fold);
  return out;
}

struct UnitName {
  std::string unit;   // "phường"
  std::string name;   // "Chí Linh", as written
  bool council = false;
};

// "thị " of "thị xã", in bytes.
constexpr size_t kThiBytes = std::string_view("thị ").size();

// Stops early once `budget` is spent: BuildMeta's caller reports the budget's error.
std::vector<UnitName> Mentions(std::string_view text, const RE2& re, bool council, const Budget& budget) {
  std::vector<UnitName> out;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece unit, name;
  while (!budget.Exhausted() && RE2::FindAndConsume(&input, re, &unit, &name)) {
    size_t at = static_cast<size_t>(unit.data() - text.data());
    if (!council && at >= 1) {
      // "thị xã X" is no commune; a letter just before means we are inside a word.
      if (internal::IsLetter(internal::LastCodePoint(text, at))) continue;
      std::string before = FoldKey(text.substr(at >= kThiBytes ? at - kThiBytes : 0, std::min(at, kThiBytes)));
      if (before.ends_with("thi ") && FoldKey(std::string_view(unit.data(), unit.size())) == "xa") continue;
    }
    out.push_back({internal::Lower(std::string_view(unit.data(), unit.size())),
                   std::string(name.data(), name.size()), council});
  }
  return out;
}

// The first `n` words of `name`, as written.
std::string FirstWords(std::string_view name, size_t n) {
  std::vector<Word> words = Words(name);
  if (words.size() <= n) return std::string(name);
  return std::string(name.substr(0, words[n - 1].end));
}

bool HasLowerLetter(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    if (internal::IsLowerLetter(internal::NextCodePoint(s, pos))) return true;
  }
  return false;
}

// `s` with its first letter in capitals.
std::string CapitalizeFirst(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    size_t begin = pos;
    char32_t cp = internal::NextCodePoint(s, pos);
    if (internal::IsLetter(cp)) {
      return std::string(s.substr(0, begin)) + layout_internal::TitleCase(s.substr(begin, pos - begin)) +
             std::string(s.substr(pos));
    }
  }
  return std::string(s);
}

// tally[k][len - 1]: the spellings of `target` words [k, k + len) in the text, not in capitals,
// with how often each is seen (a name has few; more than limits.meta_spellings are not told
// apart); abbreviation[k]: word k is written in capitals among words in small letters.
using Tally = std::vector<std::pair<std::string_view, size_t>>;
struct Spellings {
  std::vector<std::vector<Tally>> tally;
  std::vector<bool> abbreviation;
};

Spellings TallySpellings(const std::vector<Word>& target, std::string_view text, const LayoutOptions& options) {
  const LayoutLimits& limits = options.limits;
  const size_t n = target.size();
  const size_t ahead = limits.meta_abbreviation_ahead;
  Spellings out{std::vector<std::vector<Tally>>(n, std::vector<Tally>(n)), std::vector<bool>(n, false)};
  std::unordered_map<std::string, std::vector<size_t>> where;   // a folded word -> its places in target
  for (size_t k = 0; k < n; ++k) where[target[k].fold].push_back(k);
  auto lower_in = [&](const Word& w) { return HasLowerLetter(text.substr(w.begin, w.end - w.begin)); };
  ForEachWord(text, std::max(n, ahead), options.budget, [&](const std::deque<Word>& words, size_t i) -> size_t {
    auto found = where.find(words[i].fold);
    if (found == where.end()) return 1;
    for (size_t k : found->second) {
      bool lower = false;   // a small letter in the run so far
      for (size_t len = 1; k + len <= n && i + len <= words.size(); ++len) {
        const Word& last = words[i + len - 1];
        if (last.fold != target[k + len - 1].fold) break;
        if (len > 1) {
          const Word& prev = words[i + len - 2];
          if (!Adjacent(text, prev, last, limits) && text.substr(prev.end, last.begin - prev.end) != ", ") break;
        }
        lower = lower || lower_in(last);
        if (!lower) {
          // In capitals among words in small letters: an abbreviation ("số 12/QĐ-SCT ngày").
          if (len == 1 && last.capitalized) {
            for (size_t j = i >= kWordsBehind ? i - kWordsBehind : 0; j < std::min(words.size(), i + 1 + ahead); ++j) {
              if (j != i && lower_in(words[j])) out.abbreviation[k] = true;
            }
          }
          continue;
        }
        std::string_view spelled = text.substr(words[i].begin, last.end - words[i].begin);
        Tally& tally = out.tally[k][len - 1];
        auto at = std::find_if(tally.begin(), tally.end(), [&](const auto& e) { return e.first == spelled; });
        if (at != tally.end()) {
          ++at->second;
        } else if (tally.size() < limits.meta_spellings) {
          tally.emplace_back(spelled, 1);
        }
      }
    }
    return 1;
  });
  return out;
}

// The spelling seen most often, the first of those seen as often.
std::string_view MostSeen(const Tally& counts) {
  std::string_view best;
  size_t top = 0;
  for (const auto& [spelling, count] : counts) {
    if (count > top) {
      best = spelling;
      top = count;
    }
  }
  return best;
}

// The way the text writes `upper` (an issuer line in capitals), not in capitals: the longest
// runs of its words the text writes together, each as the text spells it most ("Sở Công
// Thương" + "tỉnh Lào Cai"); a word the text writes only in capitals among small letters (an
// abbreviation: "QĐ", "SCT") kept so, any other word the text never writes in small letters
// in small letters. The name keeps its own separators ("ĐẦU TƯ THƯƠNG MẠI" stays without the
// comma the body may write) and starts with a capital. A `proper` name (a place) has its words
// the text never writes in small letters in title case. Vietnamese title case when the text
// writes none of its words.
// A Vietnamese syllable has a vowel: a word in capitals without one is an abbreviation ("QLCN",
// "HĐND", "KCN"), kept in capitals however the text writes the rest.
bool IsAbbreviation(std::string_view word) {
  constexpr size_t kMinLetters = 2;
  const std::string key = FoldKey(word);
  return key.size() >= kMinLetters && key.find_first_of("aeiouy") == std::string::npos;
}

// Vietnamese title case, abbreviations kept: "PHÒNG QLCN" -> "Phòng QLCN".
std::string TitleCaseKeepingAbbreviations(std::string_view upper) {
  std::string out;
  size_t copied = 0;
  for (const Word& w : Words(upper)) {
    std::string_view word = upper.substr(w.begin, w.end - w.begin);
    out.append(upper.substr(copied, w.begin - copied));
    out += IsAbbreviation(word) ? std::string(word) : layout_internal::TitleCase(word);
    copied = w.end;
  }
  out.append(upper.substr(copied));
  return out;
}

std::string Recase(std::string_view upper, std::string_view text, const LayoutOptions& options, bool proper = false) {
  std::vector<Word> target = Words(upper);
  if (target.empty()) return std::string(upper);
  const size_t n = target.size();
  const Spellings seen = TallySpellings(target, text, options);
  bool any = false;
  std::string out;
  size_t copied = 0;   // bytes of `upper` written
  for (size_t k = 0; k < n;) {
    size_t len = n - k;
    while (len > 0 && seen.tally[k][len - 1].empty()) --len;
    out.append(upper.substr(copied, target[k].begin - copied));
    if (len == 0 || (seen.abbreviation[k] && len == 1)) {
      std::string_view word = upper.substr(target[k].begin, target[k].end - target[k].begin);
      out += seen.abbreviation[k] || IsAbbreviation(word) ? std::string(word)
             : proper                                      ? layout_internal::TitleCase(word)
                                                           : internal::Lower(word);
      copied = target[k].end;
      ++k;
      continue;
    }
    any = true;
    std::string_view spelling = MostSeen(seen.tally[k][len - 1]);
    std::vector<Word> words = Words(spelling);
    for (size_t j = 0; j < len; ++j) {
      if (j > 0) out.append(upper.substr(target[k + j - 1].end, target[k + j].begin - target[k + j - 1].end));
      out.append(spelling.substr(words[j].begin, words[j].end - words[j].begin));
    }
    copied = target[k + len - 1].end;
    k += len;
  }
  out.append(upper.substr(copied));
  if (!any) return TitleCaseKeepingAbbreviations(upper);
  return CapitalizeFirst(out);
}

struct Issuer {
  std::string issuer;
  std::optional<std::string> ward;
  bool national = false;   // a body of the State or the Party at national level
};

// The words that begin the name of a body under another, on the line of the header's issuer
// block where that body's name starts ("UBND TỈNH LÀO CAI" / "SỞ CÔNG THƯƠNG", "BỘ CÔNG THƯƠNG" /
// "CỤC HÓA CHẤT", "SỞ CÔNG THƯƠNG LÀO CAI" / "ĐOÀN KIỂM TRA"). Folded.
constexpr std::string_view kBodyHeads[] = {
    "so", "cuc", "chi cuc", "tong cuc", "vu", "van phong", "ban", "trung tam", "doan", "to", "phong",
    "thanh tra", "hoi dong", "truong", "vien", "benh vien", "cong an", "bo chi huy", "kho bac", "dang uy"};
// Of them, the teams set up for a task, named with the body that set them up.
constexpr std::string_view kTeamHeads[] = {"doan", "to"};
// Named with the body above them: teams, and offices, which issue nothing alone ("Phòng QLCN - Sở").
constexpr std::string_view kNamedWithParentHeads[] = {"doan", "to", "phong"};

bool StartsWithPhrase(const std::string& key, std::string_view phrase) {
  return key.starts_with(phrase) && (key.size() == phrase.size() || key[phrase.size()] == ' ');
}

template <size_t N>
bool StartsWithAny(const std::string& key, const std::string_view (&phrases)[N]) {
  for (std::string_view p : phrases) {
    if (StartsWithPhrase(key, p)) return true;
  }
  return false;
}

// A line that begins a body's name, not one that continues a name wrapped before a common word
// that starts like one ("ỦY BAN MẶT TRẬN" / "TỔ QUỐC VIỆT NAM", "CỤC CẢNH SÁT" / "PHÒNG CHÁY,
// CHỮA CHÁY ...").
bool BeginsBody(const std::string& key) {
  static constexpr std::string_view kNotBodies[] = {"to quoc", "to chuc", "phong chay", "phong chong",
                                                    "phong ngua", "phong ve", "vu khi", "so huu"};
  return StartsWithAny(key, kBodyHeads) && !StartsWithAny(key, kNotBodies);
}

// A line that ends a name in the middle of a phrase: the next line continues it ("CỤC ĐỔI MỚI
// SÁNG TẠO, CHUYỂN ĐỔI XANH VÀ" / "KHUYẾN CÔNG").
bool EndsOpen(std::string_view line) {
  while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
  if (line.empty()) return true;
  char last = line.back();
  if (last == ',' || last == '-' || last == '&') return true;
  std::string key = FoldKey(line);
  return key.ends_with(" va") || key == "va";
}

// A body of the State or the Party at national level: ministries, the Government and its
// office, the National Assembly, the central courts and agencies, the Party's central bodies,
// a department (Cục) at the top of the block. (A block that names a province, "CỤC THUẾ TỈNH
// X", still gives that province: BuildMeta.)
bool IsNationalBody(const std::string& key) {
  static constexpr std::string_view kNational[] = {
      "chinh phu", "thu tuong", "van phong chinh phu", "quoc hoi", "uy ban thuong vu quoc hoi",
      "van phong quoc hoi", "tong cuc", "cuc", "kiem toan nha nuoc", "toa an nhan dan toi cao",
      "vien kiem sat nhan dan toi cao", "ngan hang nha nuoc", "bo chinh tri", "ban bi thu",
      "ban chap hanh trung uong", "van phong trung uong", "bao hiem xa hoi viet nam"};
  if (StartsWithPhrase(key, "bo")) return !StartsWithPhrase(key, "bo chi huy") && !StartsWithPhrase(key, "bo doi");
  for (std::string_view p : kNational) {
    if (StartsWithPhrase(key, p)) return true;
  }
  return key.find("trung uong") != std::string::npos;
}

// The text of a line in capitals as the text writes it; another line as it is.
std::string Spelled(std::string_view line, std::string_view text, const LayoutOptions& options, bool proper = false) {
  return layout_internal::IsAllUpper(line) ? Recase(line, text, options, proper) : std::string(line);
}

// Issuer lines of a header whose cell a converter wrote as one line ("UBND TỈNH LÀO CAI SỞ CÔNG
// THƯƠNG", "SỞ CÔNG THƯƠNG LÀO CAI ĐOÀN KIỂM TRA"): cut where a province's name ends and the
// name of a body begins.
// The ministries, folded, current and of the last twenty years: a ministry's name is where a
// merged line "BỘ CÔNG AN CÔNG AN TỈNH LÂM ĐỒNG" is cut (OCR joins a header's two lines as a
// converter joins a cell's), since "CÔNG AN" alone could begin either body.
constexpr std::string_view kMinistries[] = {
    "bo quoc phong", "bo cong an", "bo ngoai giao", "bo noi vu", "bo tu phap", "bo tai chinh",
    "bo cong thuong", "bo nong nghiep va moi truong", "bo nong nghiep va phat trien nong thon",
    "bo xay dung", "bo van hoa, the thao va du lich", "bo van hoa the thao va du lich",
    "bo khoa hoc va cong nghe", "bo giao duc va dao tao", "bo y te", "bo dan toc va ton giao",
    "bo ke hoach va dau tu", "bo giao thong van tai", "bo lao dong - thuong binh va xa hoi",
    "bo thong tin va truyen thong", "bo tai nguyen va moi truong"};

// "BỘ CÔNG THƯƠNG CỤC HÓA CHẤT" -> the number of words of the ministry's name (3) when a body's
// name follows it; 0 otherwise.
size_t MinistryThenBody(const std::string& line, const std::vector<Word>& words) {
  const std::string key = FoldKey(line);
  for (std::string_view ministry : kMinistries) {
    if (!StartsWithPhrase(key, ministry) || key.size() == ministry.size()) continue;
    const size_t n = Words(std::string(ministry)).size();
    if (n < words.size() && BeginsBody(FoldKey(std::string_view(line).substr(words[n].begin)))) return n;
  }
  return 0;
}

std::vector<std::string> SplitMergedLines(const std::vector<std::string>& lines, const Gazetteer& places) {
  std::vector<std::string> out;
  for (const std::string& line : lines) {
    std::vector<Word> words = Words(line);
    size_t from = 0;
    if (size_t n = MinistryThenBody(line, words); n > 0) {
      std::string part = line.substr(0, words[n].begin);
      while (!part.empty() && part.back() == ' ') part.pop_back();
      out.push_back(part);
      from = words[n].begin;
    }
    for (size_t p = 1; p < words.size(); ++p) {
      std::string rest = FoldKey(std::string_view(line).substr(words[p].begin));
      if (!BeginsBody(rest)) continue;
      bool after_province = false;
      for (const Gazetteer::Spelling& sp : places.spellings()) {
        size_t n = sp.words.size();
        if (n > p) continue;
        bool same = true;
        for (size_t k = 0; k < n && same; ++k) same = words[p - n + k].fold == sp.words[k];
        after_province = after_province || same;
      }
      if (!after_province) continue;
      std::string part = line.substr(from, words[p].begin - from);
      while (!part.empty() && part.back() == ' ') part.pop_back();
      out.push_back(part);
      from = words[p].begin;
    }
    out.push_back(line.substr(from));
  }
  return out;
}

std::optional<Issuer> IssuerFromHeader(const DocumentHeader& h, std::string_view text, const Gazetteer& places,
                                       const LayoutOptions& options) {
  const LayoutLimits& limits = options.limits;
  const std::vector<std::string> lines = SplitMergedLines(h.issuer_lines, places);
  if (lines.empty()) return std::nullopt;
  auto join = [&](size_t from, size_t to) {
    std::string s;
    for (size_t k = from; k < to; ++k) s += (s.empty() ? "" : " ") + lines[k];
    return s;
  };
  // Where the issuing body's name starts: the first line after the top one that begins a body's
  // name, the line before it being complete; or under a council on a line of its own
  // ("UBND TỈNH LÂM ĐỒNG" / "SỞ NỘI VỤ"). None: the lines are one name.
  std::string unit, name;
  size_t body = 0;
  for (size_t k = 1; k < lines.size() && body == 0; ++k) {
    if (BeginsBody(FoldKey(lines[k])) && !EndsOpen(lines[k - 1])) body = k;
  }
  if (body == 0 && lines.size() >= 2 && RE2::FullMatch(lines[0], CouncilLine(), &unit, &name)) body = 1;

  if (body == 0) {
    // The issuing council: the last line, or the lines from a bare "ỦY BAN NHÂN DÂN" on read
    // together ("ỦY BAN NHÂN DÂN" / "PHƯỜNG CHÍ LINH").
    for (size_t k = 1; k <= std::min(limits.issuer_council_lines, lines.size()); ++k) {
      std::string head = FoldKey(lines[lines.size() - k]);
      if (k > 1 && head != "uy ban nhan dan" && head != "ubnd") continue;
      if (RE2::FullMatch(join(lines.size() - k, lines.size()), CouncilLine(), &unit, &name)) {
        Issuer out;
        unit = internal::Lower(unit);
        std::string spelled = Spelled(name, text, options, /*proper=*/true);
        out.issuer = "UBND " + unit + " " + spelled;
        if (IsWardLevel(unit)) out.ward = spelled;
        return out;
      }
    }
    std::string org = join(0, lines.size());
    return Issuer{Spelled(org, text, options), std::nullopt, IsNationalBody(FoldKey(org))};
  }

  std::string parent = join(0, body);
  std::string own = Spelled(join(body, lines.size()), text, options);
  std::string own_key = FoldKey(own);
  bool team = StartsWithAny(own_key, kTeamHeads);
  Issuer out;
  out.national = IsNationalBody(FoldKey(parent));
  if (RE2::FullMatch(parent, CouncilLine(), &unit, &name)) {
    // A body of a council is named with the council's unit and place: "Sở Công Thương tỉnh
    // Lào Cai", "Văn phòng UBND tỉnh Lào Cai", "Phòng Kinh tế phường Hồng Bàng"; a team
    // with its council: "Đoàn kiểm tra - UBND tỉnh Lào Cai".
    unit = internal::Lower(unit);
    // A province as the gazetteer spells it, without reading the text again.
    std::string place = places.Canonical(name);
    if (place.empty()) place = Spelled(name, text, options, /*proper=*/true);
    std::string council = "UBND " + unit + " " + place;
    if (team) {
      out.issuer = own + " - " + council;
    } else if (own_key.ends_with(" " + FoldKey(place))) {
      out.issuer = own;   // "SỞ CÔNG THƯƠNG LÀO CAI" names its place already
    } else if (own_key == "van phong") {
      out.issuer = own + " " + council;   // the council's own office
    } else {
      out.issuer = own + " " + unit + " " + place;   // also "Văn phòng HĐND và UBND" + "phường X"
    }
    if (IsWardLevel(unit)) out.ward = place;
    return out;
  }
  // Under a ministry, a department or another body: the issuer is the body under it ("BỘ CÔNG
  // THƯƠNG" / "CỤC HÓA CHẤT"); a team or an office named with the body above it.
  out.issuer = StartsWithAny(own_key, kNamedWithParentHeads) ? own + " - " + Spelled(parent, text, options) : own;
  return out;
}

std::optional<Issuer> IssuerFromText(const DocumentHeader& h, std::string_view text, const LayoutOptions& options) {
  const LayoutLimits& limits = options.limits;
  std::vector<UnitName> mentions = Mentions(text, CouncilMention(), /*council=*/true, options.budget);
  std::vector<UnitName> units = Mentions(text, UnitMention(), /*council=*/false, options.budget);
  mentions.insert(mentions.end(), units.begin(), units.end());

  std::map<std::string, size_t> council_units, any_units, spellings;
  if (h.place) {
    std::vector<std::string> place = FoldWords(*h.place);
    if (place.empty()) return std::nullopt;
    for (const UnitName& m : mentions) {
      std::vector<std::string> name = FoldWords(m.name);
      if (name.size() < place.size() || !std::equal(place.begin(), place.end(), name.begin())) continue;
      ++(m.council ? council_units : any_units)[m.unit];
      ++spellings[FirstWords(m.name, place.size())];
    }
    if (spellings.empty()) {
      // "UBND phường đã ..." throughout, the name only in the date line.
      re2::StringPiece input(text.data(), text.size());
      std::string unit;
      while (RE2::FindAndConsume(&input, BareCouncil(), &unit)) ++council_units[internal::Lower(unit)];
      size_t total = 0;
      for (const auto& [u, n] : council_units) total += n;
      if (total < limits.bare_council_min_mentions) return std::nullopt;
      spellings[*h.place] = 1;
    }
  } else {
    // No date line to say where the document is from: only a document with a header of its
    // own (a number or a kind line) is read as issued by the council it names most.
    if (!h.number_line && !h.kind_line) return std::nullopt;
    for (const UnitName& m : mentions) {
      if (!m.council) continue;
      ++council_units[m.unit];
      ++spellings[m.name];
    }
  }
  auto most = [](const std::map<std::string, size_t>& counts, const std::string& prefer) {
    const std::string* best = nullptr;
    size_t n = 0;
    for (const auto& [k, c] : counts) {
      if (c > n || (c == n && k == prefer)) {
        best = &k;
        n = c;
      }
    }
    return best ? *best : std::string();
  };
  std::string unit = most(council_units.empty() ? any_units : council_units, "phường");
  std::string name = most(spellings, h.place.value_or(""));
  if (unit.empty() || name.empty()) return std::nullopt;
  Issuer out;
  out.issuer = "UBND " + unit + " " + name;
  if (IsWardLevel(unit)) out.ward = name;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Date

// A header date with its day or month left blank ("ngày   tháng   năm 2026") may be completed
// by the document's citation of itself, which its appendices carry ("(Ban hành kèm theo Kế
// hoạch số /KH-UBND ngày /02/2026 của UBND phường)"): the same symbol, the same number or
// none, the same year and, when the header gives one, the same month.
std::optional<std::string> CompleteDate(const DocumentHeader& h, std::string_view text) {
  if (!h.date || h.date->size() >= layout_internal::kIsoDayChars || !h.symbol || h.symbol->empty()) return h.date;
  std::string digits;
  if (h.number) {
    for (char c : *h.number) {
      if (c < '0' || c > '9') break;
      digits.push_back(c);
    }
  }
  std::string cite = "(?i:số)[ ]*" + (digits.empty() ? std::string() : "(?:" + digits + ")?") +
                     "[ ._…]*[/-][ ]*" + RE2::QuoteMeta(*h.symbol) + "[ ,]*(?i:ngày)[ ]*([0-9]{1,2})?[ ._…]*" +
                     "(?:/|(?i:tháng))[ ]*([0-9]{1,2})[ ]*(?:/|(?i:năm))[ ]*([0-9]{4})";
  RE2 re(cite, RE2::Quiet);
  if (!re.ok()) return h.date;
  re2::StringPiece input(text.data(), text.size());
  std::string day, month, year;
  while (RE2::FindAndConsume(&input, re, &day, &month, &year)) {
    if (!h.date->starts_with(year)) continue;
    int m = std::stoi(month);
    if (m < 1 || m > layout_internal::kMonthsInYear) continue;
    std::string iso = internal::Concat({year, "-", layout_internal::TwoDigits(m)});
    if (h.date->size() == layout_internal::kIsoMonthChars && *h.date != iso) continue;
    int d = day.empty() ? 0 : std::stoi(day);
    if (d >= 1 && d <= layout_internal::kMaxDayOfMonth) iso.append("-").append(layout_internal::TwoDigits(d));
    if (iso.size() > h.date->size()) return iso;
  }
  return h.date;
}

}  // namespace

Meta BuildMeta(const Layout& layout, std::string_view text, const Gazetteer& places, const LayoutOptions& options) {
  Meta meta;
  const DocumentHeader& h = layout.header;
  meta.kind = h.kind.empty() ? "other" : h.kind;
  meta.number = h.number;
  meta.symbol = h.symbol;
  meta.date = CompleteDate(h, text);
  meta.place = h.place;
  meta.title = h.title_text;
  meta.signer = layout.closing.signer;
  meta.signer_title = layout.closing.signer_title;
  meta.recipients = layout.closing.recipients;

  std::optional<Issuer> issuer = IssuerFromHeader(h, text, places, options);
  if (!issuer) issuer = IssuerFromText(h, text, options);
  if (issuer) {
    meta.issuer = issuer->issuer;
    meta.ward = issuer->ward;
  }
  // The province the header's issuer block names ("UBND TỈNH LÂM ĐỒNG" / "SỞ NỘI VỤ") is the
  // document's; a national body that names none has none, whatever places its text (or its
  // place line, "Hà Nội") names; otherwise the province the text names most.
  std::string block;
  for (const std::string& line : h.issuer_lines) block += (block.empty() ? "" : "\n") + line;
  std::optional<std::string> own = block.empty() ? std::nullopt : FindProvince(block, places, options);
  if (own) {
    meta.province = own;
  } else if (!issuer || !issuer->national) {
    meta.province = FindProvince(text, places, options);
  }
  return meta;
}

}  // namespace baocao
