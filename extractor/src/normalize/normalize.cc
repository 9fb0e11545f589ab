// The normalizer: decode -> converter debris -> characters (NFC, spaces, dashes, quotes) ->
// tone-mark placement. Each rewriting pass writes a new string and an OffsetMap layer back to
// its input; Text composes the layers to reach the original bytes.
#include <re2/re2.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
#include <unordered_map>

#include "baocao/normalize/text.h"
#include "normalize/decode.h"
#include "normalize/known_formats.h"

namespace baocao {
namespace {

// Appends output and records where it came from.
class Writer {
 public:
  explicit Writer(size_t reserve) { out.reserve(reserve); }
  void Copy(std::string_view in, size_t begin, size_t end) {
    if (end <= begin) return;
    out.append(in.data() + begin, end - begin);
    // Copies that continue one another are recorded as one (the map would merge them anyway),
    // which spares the map a call per character of a text that needs no change.
    if (copy_end_ == begin && copy_end_ > copy_begin_ && end - copy_begin_ < (size_t(1) << 30)) {
      copy_end_ = end;
      return;
    }
    FlushCopy();
    copy_begin_ = begin;
    copy_end_ = end;
  }
  void Replace(size_t begin, size_t end, std::string_view with) {
    FlushCopy();
    out.append(with);
    map.Replace(begin, end, with.size());
  }
  // The map of everything written; the Writer is done.
  OffsetMap TakeMap() {
    FlushCopy();
    return std::move(map);
  }
  bool AtLineStart() const { return out.empty() || out.back() == '\n'; }
  // Whether the output's last line has a tab. Scans only what was written since the last call,
  // so a long line with many tags costs linear time, not quadratic.
  bool LineHasTab() {
    for (; scanned_ < out.size(); ++scanned_) {
      if (out[scanned_] == '\n') line_has_tab_ = false;
      else if (out[scanned_] == '\t') line_has_tab_ = true;
    }
    return line_has_tab_;
  }
  std::string out;
  bool changed = false;

 private:
  void FlushCopy() {
    if (copy_end_ > copy_begin_) map.Copy(copy_begin_, copy_end_);
    copy_begin_ = copy_end_ = 0;
  }
  OffsetMap map;
  size_t copy_begin_ = 0, copy_end_ = 0;  // a copy not yet in `map`
  size_t scanned_ = 0;                    // LineHasTab has looked at out[0, scanned_)
  bool line_has_tab_ = false;
};

// ---------------------------------------------------------------------------------------------
// Converter debris.

// Unbounded repetitions keep the program (and its DFA) small; the length limits that keep a
// stray "<" or "$" from swallowing a paragraph are checked in RewriteDebris instead. (RE2
// refuses counted repetitions above 1000, which once left this pattern uncompiled and every
// input unrepaired.)
constexpr size_t kMaxTagAttributes = 500;
constexpr size_t kMaxMath = 300;

const RE2& DebrisPattern() {
  static const RE2 pattern(
      "(?m)"
      "(<(/?)((?i:p|b|i|u|s|em|strong|br|ul|ol|li|a|span|div|table|thead|tbody|tfoot|tr|td|th|"
      "sup|sub|font|h[1-6]|hr|del|strike|mark|small|big|center|blockquote|pre|code|caption))"
      "(?:[ \\t][^<>\\n]*)?[ \\t]*/?>)"                                   // 1-3 HTML tag
      "|(<((?:https?|ftp)://[^<>\\s]+)>)"                                  // 4-5 autolink
      "|(&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,7});)"   // 6-7 entity
      "|(\\$([^$\\n]+)\\$)"                                                // 8-9 inline math
      "|(\\*\\*|__)"                                                        // 10 strong marker
      "|(^#{1,6}[ \\t]+)"                                                   // 11 heading marker
      "|(\\[([^\\]\\n]+)\\]\\((?:https?://|www\\.)[^)\\s]+\\))"             // 12-13 link
      "|(^[ \\t]*\\|([^\\n]*)\\|[ \\t\\r]*$)"                               // 14-15 pipe row
      "|(\\\\([.\\-*_#()\\[\\]!+]))",                                      // 16-17 escape
      RE2::Quiet);
  return pattern;
}

std::string CodePointUtf8(UChar32 cp) {
  std::string s;
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, cp, error);
  if (!error) s.assign(buf, len);
  return s;
}

bool DecodeEntity(std::string_view body, std::string& out) {
  static const std::unordered_map<std::string_view, std::string_view> named = {
      {"nbsp", " "},  {"amp", "&"},    {"lt", "<"},     {"gt", ">"},      {"quot", "\""},
      {"apos", "'"},  {"ndash", "-"},  {"mdash", "-"},  {"hellip", "..."}, {"laquo", "\""},
      {"raquo", "\""}, {"lsquo", "'"}, {"rsquo", "'"},  {"ldquo", "\""},  {"rdquo", "\""},
      {"ge", "≥"},    {"le", "≤"},     {"times", "×"},  {"deg", "°"},     {"percnt", "%"},
      {"bull", "•"},  {"middot", "·"}, {"shy", ""},     {"zwj", ""},      {"zwnj", ""},
      {"ensp", " "},  {"emsp", " "},   {"thinsp", " "}, {"minus", "-"},   {"plusmn", "±"},
  };
  if (body.empty()) return false;
  if (body[0] == '#') {
    long cp = 0;
    if (body.size() > 1 && (body[1] == 'x' || body[1] == 'X')) {
      cp = std::strtol(std::string(body.substr(2)).c_str(), nullptr, 16);
    } else {
      cp = std::strtol(std::string(body.substr(1)).c_str(), nullptr, 10);
    }
    if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    out = CodePointUtf8(static_cast<UChar32>(cp));
    return true;
  }
  auto it = named.find(body);
  if (it == named.end()) return false;
  out = it->second;
  return true;
}

// `$\geq 80\%$` -> `≥ 80%`, token by token so that "80" keeps its own offsets.
void RewriteMath(std::string_view in, size_t begin, size_t end, Writer& w) {
  static const std::array<std::pair<std::string_view, std::string_view>, 22> commands = {{
      {"\\geqslant", "≥"}, {"\\leqslant", "≤"}, {"\\geq", "≥"}, {"\\leq", "≤"}, {"\\ge", "≥"},
      {"\\le", "≤"}, {"\\neq", "≠"}, {"\\approx", "≈"}, {"\\times", "×"}, {"\\cdot", "·"},
      {"\\pm", "±"}, {"\\%", "%"}, {"\\,", " "}, {"\\;", " "}, {"\\!", ""}, {"\\ ", " "},
      {"\\text{", ""}, {"\\mathrm{", ""}, {"\\textbf{", ""}, {"\\mathbf{", ""}, {"\\left", ""},
      {"\\right", ""},
  }};
  size_t i = begin;
  size_t copy_from = begin;
  while (i < end) {
    char c = in[i];
    std::string_view matched, with;
    if (c == '\\') {
      for (const auto& [cmd, rep] : commands) {
        if (in.substr(i, cmd.size()) == cmd && i + cmd.size() <= end) {
          // A command must not run into letters ("\le" is not the start of "\left").
          char next = i + cmd.size() < end ? in[i + cmd.size()] : ' ';
          bool word_cmd = std::isalpha(static_cast<unsigned char>(cmd.back()));
          if (word_cmd && std::isalpha(static_cast<unsigned char>(next))) continue;
          matched = cmd;
          with = rep;
          break;
        }
      }
    } else if (c == '{' || c == '}' || c == '_') {  // "^" stays: "10^6" must not read "106"
      matched = in.substr(i, 1);
      with = "";
    }
    if (matched.empty()) { ++i; continue; }
    w.Copy(in, copy_from, i);
    w.Replace(i, i + matched.size(), with);
    i += matched.size();
    copy_from = i;
  }
  w.Copy(in, copy_from, end);
}

void RewriteDebris(std::string_view in, size_t begin, size_t end, Writer& w,
                   std::vector<std::string>& repairs, bool* row_start, BudgetTicker& ticker);

void NoteRepair(std::vector<std::string>& repairs, const char* kind) {
  if (std::find(repairs.begin(), repairs.end(), kind) == repairs.end()) repairs.emplace_back(kind);
}

// `begin..end` spans the whole line "| a | b |"; cells become tab-separated. Returns true when
// the line was a separator row ("|---|:--:|"), which carries no content and is dropped.
bool RewritePipeRow(std::string_view in, size_t begin, size_t end, Writer& w,
                    std::vector<std::string>& repairs, bool* row_start, BudgetTicker& ticker) {
  size_t first = in.find('|', begin);
  size_t last = in.rfind('|', end - 1);
  std::vector<std::pair<size_t, size_t>> cells;
  size_t cell_begin = first + 1;
  bool separator_row = true;
  for (size_t i = first + 1; i <= last; ++i) {
    if (in[i] != '|') continue;
    size_t b = cell_begin, e = i;
    while (b < e && (in[b] == ' ' || in[b] == '\t')) ++b;
    while (e > b && (in[e - 1] == ' ' || in[e - 1] == '\t')) --e;
    std::string_view cell = in.substr(b, e - b);
    if (cell.empty() || cell.find_first_not_of(":-") != std::string_view::npos || cell.find("--") == std::string_view::npos) separator_row = false;
    cells.emplace_back(b, e);
    cell_begin = i + 1;
  }
  NoteRepair(repairs, "markdown_table");
  if (separator_row) {
    w.Replace(begin, end, "");
    return true;
  }
  size_t prev = begin;
  for (size_t k = 0; k < cells.size(); ++k) {
    w.Replace(prev, cells[k].first, k == 0 ? "" : "\t");
    RewriteDebris(in, cells[k].first, cells[k].second, w, repairs, row_start, ticker);
    prev = cells[k].second;
  }
  w.Replace(prev, end, "");
  return false;
}

// A tag's replacement. Inside a table row (a line with a tab) a break becomes a space, so that
// the row stays one line; none at all next to a cell's edge. `next` is the input byte after
// the tag ('\n' at the end).
void RewriteTag(std::string_view tag, bool closing, char next, size_t begin, size_t end, Writer& w,
                bool* row_start) {
  std::string name(tag);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string_view with;
  if (name == "tr") {
    with = closing ? "\n" : "";
    *row_start = !closing;
  } else if (name == "td" || name == "th") {
    with = (!closing && !*row_start) ? "\t" : "";
    if (!closing) *row_start = false;
  } else if (name == "li") {
    if (!closing) with = w.LineHasTab() ? " - " : (w.AtLineStart() ? "- " : "\n- ");
  } else if (name == "br" || name == "hr" || ((name == "p" || name == "div" || name == "ul" || name == "ol" || name == "table" || name[0] == 'h') && closing)) {
    if (w.LineHasTab()) {
      bool at_edge = next == '\t' || next == '\n' || next == '\r' || w.out.back() == '\t' || w.out.back() == ' ';
      with = at_edge ? "" : " ";
    } else {
      with = w.AtLineStart() ? "" : "\n";
    }
  }
  w.Replace(begin, end, with);
}

void RewriteDebris(std::string_view in, size_t begin, size_t end, Writer& w,
                   std::vector<std::string>& repairs, bool* row_start, BudgetTicker& ticker) {
  const RE2& re = DebrisPattern();
  re2::StringPiece g[18];
  size_t pos = begin;
  while (pos < end && re.Match(in, pos, end, RE2::UNANCHORED, g, 18)) {
    if (ticker.Exhausted()) return;   // Normalize turns this into the budget's error
    size_t mb = g[0].data() - in.data(), me = mb + g[0].size();
    w.Copy(in, pos, mb);
    if ((!g[1].empty() && g[0].size() > kMaxTagAttributes) ||
        (!g[8].empty() && g[9].size() > kMaxMath)) {
      w.Copy(in, mb, mb + 1);  // too long to be a tag or a formula: re-scan after its first byte
      pos = mb + 1;
      continue;
    }
    if (!g[1].empty()) {
      char next = me < in.size() ? in[me] : '\n';
      RewriteTag(std::string_view(g[3].data(), g[3].size()), !g[2].empty(), next, mb, me, w, row_start);
      NoteRepair(repairs, "html");
    } else if (!g[4].empty()) {
      size_t ub = g[5].data() - in.data();
      w.Replace(mb, ub, "");
      w.Copy(in, ub, ub + g[5].size());
      w.Replace(me - 1, me, "");
      NoteRepair(repairs, "markdown");
    } else if (!g[6].empty()) {
      std::string decoded;
      if (DecodeEntity(std::string_view(g[7].data(), g[7].size()), decoded)) {
        w.Replace(mb, me, decoded);
        NoteRepair(repairs, "html");
      } else {
        w.Copy(in, mb, me);
      }
    } else if (!g[8].empty()) {
      std::string_view inner(g[9].data(), g[9].size());
      if (inner.find('\\') != std::string_view::npos || inner.find('^') != std::string_view::npos) {
        w.Replace(mb, mb + 1, "");
        RewriteMath(in, mb + 1, me - 1, w);
        w.Replace(me - 1, me, "");
        NoteRepair(repairs, "latex");
      } else {
        w.Copy(in, mb, mb + 1);  // a dollar sign, not math: re-scan after it
        pos = mb + 1;
        continue;
      }
    } else if (g[10] == "__" && ((mb > begin && in[mb - 1] == '_') || (me < end && in[me] == '_'))) {
      // A run of three or more underscores is a blank to fill in ("Số: ___/BC"), not emphasis.
      size_t run_end = me;
      while (run_end < end && in[run_end] == '_') ++run_end;
      w.Copy(in, mb, run_end);
      me = run_end;
    } else if (!g[10].empty() || !g[11].empty()) {
      w.Replace(mb, me, "");
      NoteRepair(repairs, "markdown");
    } else if (!g[12].empty()) {
      size_t tb = g[13].data() - in.data();
      w.Replace(mb, tb, "");
      RewriteDebris(in, tb, tb + g[13].size(), w, repairs, row_start, ticker);
      w.Replace(tb + g[13].size(), me, "");
      NoteRepair(repairs, "markdown");
    } else if (!g[14].empty()) {
      if (RewritePipeRow(in, mb, me, w, repairs, row_start, ticker) && me < end && in[me] == '\n') {
        w.Replace(me, me + 1, "");  // a dropped separator row takes its line break along
        ++me;
      }
    } else if (!g[16].empty()) {
      w.Replace(mb, mb + 1, "");
      w.Copy(in, mb + 1, me);
      NoteRepair(repairs, "markdown");
    }
    pos = me > mb ? me : mb + 1;
  }
  w.Copy(in, pos, end);
}

// ---------------------------------------------------------------------------------------------
// Characters.

const icu::Normalizer2& Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return *nfc;  // ICU's built-in data: cannot fail in a working ICU install
}

// Replacement for a code point that is white space, a dash or a quote of another form; nullptr
// if the code point stays.
const char* UnifiedChar(UChar32 cp) {
  switch (cp) {
    case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x202F:
    case 0x205F: case 0x3000:
      return " ";
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
      return "";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
    case 0xFE58: case 0xFE63: case 0xFF0D:
      return "-";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
      return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033:
      return "\"";
    case 0x2028: case 0x2029: case 0x0085:
      return "\n";
    default:
      return nullptr;
  }
}

inline UChar32 NextCodePoint(std::string_view s, size_t& i) {
  UChar32 cp;
  int32_t idx = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), idx, static_cast<int32_t>(s.size()), cp);
  i = static_cast<size_t>(idx);
  return cp;
}

// ICU's answers for one code point, remembered: RewriteChars asks them for every non-ASCII
// character, and a Vietnamese text is made of a few hundred distinct ones. Filled on first use
// (threads that race compute the same byte); code points outside the BMP are always asked.
class NfcFacts {
 public:
  static constexpr uint8_t kKnown = 1, kBoundaryBefore = 2, kOwnNfc = 4;
  explicit NfcFacts(const icu::Normalizer2& nfc) : nfc_(nfc) {}
  bool BoundaryBefore(UChar32 cp) const {
    if (cp < 0 || cp >= kSize) return nfc_.hasBoundaryBefore(cp);
    return Get(cp) & kBoundaryBefore;
  }
  // A lone starter with no mark after it that is its own NFC (not a singleton decomposition
  // such as Ω U+2126, which quickCheck tells).
  bool OwnNfc(UChar32 cp) const {
    if (cp < 0 || cp >= kSize) return Compute(cp) & kOwnNfc;
    return Get(cp) & kOwnNfc;
  }

 private:
  static constexpr UChar32 kSize = 0x10000;
  uint8_t Get(UChar32 cp) const {
    uint8_t v = table_[cp].load(std::memory_order_relaxed);
    if (v == 0) {
      v = Compute(cp);
      table_[cp].store(v, std::memory_order_relaxed);
    }
    return v;
  }
  uint8_t Compute(UChar32 cp) const {
    uint8_t v = kKnown;
    if (nfc_.hasBoundaryBefore(cp)) v |= kBoundaryBefore;
    if ((cp < 0x300 || nfc_.isInert(cp) || nfc_.getCombiningClass(cp) == 0) && nfc_.hasBoundaryBefore(cp)) {
      UErrorCode status = U_ZERO_ERROR;
      if (nfc_.quickCheck(icu::UnicodeString(cp), status) == UNORM_YES) v |= kOwnNfc;
    }
    return v;
  }
  const icu::Normalizer2& nfc_;
  static std::atomic<uint8_t> table_[kSize];
};
std::atomic<uint8_t> NfcFacts::table_[NfcFacts::kSize];

void RewriteChars(std::string_view in, Writer& w, const Budget& budget) {
  const icu::Normalizer2& nfc = Nfc();
  const NfcFacts facts(nfc);
  BudgetTicker ticker(budget);
  size_t i = 0, n = in.size();
  while (i < n) {
    if (ticker.Exhausted()) return;   // Normalize turns this into the budget's error
    // ASCII run: copied, except CR and a letter that a combining mark may follow.
    size_t run = i;
    while (run < n) {
      auto c = static_cast<unsigned char>(in[run]);
      if (c >= 0x80 || c == '\r') break;
      if (run + 1 < n && static_cast<unsigned char>(in[run + 1]) >= 0x80) break;
      ++run;
    }
    if (run > i) { w.Copy(in, i, run); i = run; continue; }
    if (in[i] == '\r') {
      bool crlf = i + 1 < n && in[i + 1] == '\n';
      if (crlf) { w.Replace(i, i + 1, ""); } else { w.Replace(i, i + 1, "\n"); }
      w.changed = true;
      ++i;
      continue;
    }
    // A cluster: one code point and the combining ones that follow it.
    size_t begin = i;
    UChar32 cp = NextCodePoint(in, i);
    if (const char* unified = UnifiedChar(cp)) {
      w.Replace(begin, i, unified);
      w.changed = true;
      continue;
    }
    size_t end = i;
    while (end < n) {
      size_t probe = end;
      UChar32 next = NextCodePoint(in, probe);
      if (facts.BoundaryBefore(next)) break;
      end = probe;
    }
    bool single = end == i;
    if (single && facts.OwnNfc(cp)) {
      w.Copy(in, begin, end);
      continue;
    }
    icu::UnicodeString cluster = icu::UnicodeString::fromUTF8(icu::StringPiece(in.data() + begin, static_cast<int32_t>(end - begin)));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString composed = nfc.normalize(cluster, status);
    std::string utf8;
    composed.toUTF8String(utf8);
    if (U_FAILURE(status) || utf8 == in.substr(begin, end - begin)) {
      w.Copy(in, begin, end);
    } else {
      w.Replace(begin, end, utf8);
      w.changed = true;
    }
    i = end;
  }
}

// ---------------------------------------------------------------------------------------------
// Tone-mark placement: "hoá, thuý, khoẻ" (new style) -> "hóa, thúy, khỏe" (old style), only in
// open syllables: "hoàn", "xuyến" are the same in both styles.

struct ToneTables {
  // toned second vowel (a/e/y with a tone) -> (plain vowel, tone mark)
  std::unordered_map<UChar32, std::pair<UChar32, UChar32>> split;
  // (first vowel, tone mark) -> toned first vowel
  std::unordered_map<uint64_t, UChar32> join;
};

const ToneTables& Tones() {
  static ToneTables tables;
  static std::once_flag once;
  std::call_once(once, [] {
    const icu::Normalizer2& nfc = Nfc();
    const UChar32 marks[] = {0x0300, 0x0301, 0x0303, 0x0309, 0x0323};
    for (UChar32 mark : marks) {
      for (UChar32 v : {U'a', U'e', U'y', U'A', U'E', U'Y'}) {
        icu::UnicodeString s;
        s.append(v).append(mark);
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString c = nfc.normalize(s, status);
        if (U_SUCCESS(status) && c.length() == 1) tables.split[c.char32At(0)] = {v, mark};
      }
      for (UChar32 v : {U'o', U'u', U'O', U'U'}) {
        icu::UnicodeString s;
        s.append(v).append(mark);
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString c = nfc.normalize(s, status);
        if (U_SUCCESS(status) && c.length() == 1) tables.join[(uint64_t(v) << 32) | uint64_t(mark)] = c.char32At(0);
      }
    }
  });
  return tables;
}

void RewriteTones(std::string_view in, Writer& w, const Budget& budget) {
  const ToneTables& t = Tones();
  BudgetTicker ticker(budget);
  size_t copy_from = 0, n = in.size();
  // Only a toned a/e/y right after an o or u can move its mark. Those are ASCII and the toned
  // vowel starts with a lead byte, so the pairs are found byte by byte and decoded only there.
  for (size_t prev_begin = 0; prev_begin + 1 < n; ++prev_begin) {
    if (ticker.Exhausted()) return;   // Normalize turns this into the budget's error
    char first = in[prev_begin];
    if (first != 'o' && first != 'O' && first != 'u' && first != 'U') continue;
    if (static_cast<unsigned char>(in[prev_begin + 1]) < 0xC0) continue;
    size_t i = prev_begin + 1;
    UChar32 cp = NextCodePoint(in, i);
    auto it = t.split.find(cp);
    if (it != t.split.end()) {
      UChar32 prev = static_cast<unsigned char>(first), prev2 = 0;
      if (prev_begin > 0) {
        int32_t k = static_cast<int32_t>(prev_begin);
        U8_PREV(reinterpret_cast<const uint8_t*>(in.data()), 0, k, prev2);
      }
      UChar32 plain = it->second.first, mark = it->second.second;
      UChar32 lower_first = u_tolower(prev), lower_second = u_tolower(plain);
      bool pair_ok = (lower_first == 'o' && (lower_second == 'a' || lower_second == 'e')) ||
                     (lower_first == 'u' && lower_second == 'y' && u_tolower(prev2) != 'q');
      size_t after = i;
      UChar32 next = after < n ? NextCodePoint(in, after) : 0;
      bool open_syllable = next == 0 || !(u_isalpha(next) || u_getCombiningClass(next) != 0);
      auto joined = t.join.find((uint64_t(prev) << 32) | uint64_t(mark));
      if (pair_ok && open_syllable && joined != t.join.end()) {
        w.Copy(in, copy_from, prev_begin);
        w.Replace(prev_begin, i, CodePointUtf8(joined->second) + CodePointUtf8(plain));
        w.changed = true;
        copy_from = i;
      }
    }
  }
  w.Copy(in, copy_from, n);
}

// ---------------------------------------------------------------------------------------------
// "ƣ" for "ư": Vietnamese PDFs whose font maps the glyph of ư (U+01B0) to the code of ƣ (U+01A3,
// LATIN SMALL LETTER OI), Ư to Ƣ (U+01A2) - "Bộ Công Thƣơng", "hƣớng dẫn". Both are two bytes
// in UTF-8 (C6 B0 / C6 A3, C6 AF / C6 A2), so the repair rewrites them in place and every
// offset stays. Only on a page (the text between form feeds, a PDF's page breaks) whose other
// letters are Vietnamese: ƣ is a letter of its own in a few other languages' transcriptions.

// Letters only Vietnamese writes: đ, ă, ơ, ư and the tone-marked vowels of U+1EA0-U+1EF9, and the
// hook above and dot below of a text not yet composed. Counted over [begin, end).
size_t VietnameseLetters(std::string_view s, size_t begin, size_t end) {
  size_t n = 0;
  for (size_t i = begin; i + 1 < end; ++i) {
    auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b0 == 0xC4 && (b1 == 0x90 || b1 == 0x91 || b1 == 0x82 || b1 == 0x83)) ||   // Đ đ Ă ă
        (b0 == 0xC6 && (b1 == 0xA0 || b1 == 0xA1 || b1 == 0xAF || b1 == 0xB0)) ||   // Ơ ơ Ư ư
        (b0 == 0xCC && (b1 == 0x89)) || (b0 == 0xCC && b1 == 0xA3)) {               // U+0309, U+0323
      ++n;
    } else if (b0 == 0xE1 && i + 2 < end && (b1 == 0xBA || b1 == 0xBB)) {          // U+1E80-U+1EFF
      auto b2 = static_cast<unsigned char>(s[i + 2]);
      char32_t cp = 0x1000 | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
      if (cp >= 0x1EA0 && cp <= 0x1EF9) ++n;
    }
  }
  return n;
}

// Rewrites ƣ/Ƣ as ư/Ư in place on each Vietnamese page of `s`; true when it did.
bool RepairHornedU(std::string& s) {
  if (s.find("\xC6\xA3") == std::string::npos && s.find("\xC6\xA2") == std::string::npos) return false;
  bool changed = false;
  for (size_t begin = 0; begin < s.size();) {
    size_t end = s.find('\f', begin);
    if (end == std::string::npos) end = s.size();
    size_t broken = 0;
    for (size_t i = begin; i + 1 < end; ++i) {
      if (s[i] == '\xC6' && (s[i + 1] == '\xA3' || s[i + 1] == '\xA2')) ++broken;
    }
    // A page of Vietnamese: its own letters outnumber the broken ones (ư is a few percent of
    // Vietnamese letters, its tone-marked vowels many times more), at least three of them.
    if (broken > 0 && VietnameseLetters(s, begin, end) >= std::max<size_t>(3, broken)) {
      for (size_t i = begin; i + 1 < end; ++i) {
        if (s[i] != '\xC6') continue;
        if (s[i + 1] == '\xA3') s[i + 1] = '\xB0';
        else if (s[i + 1] == '\xA2') s[i + 1] = '\xAF';
      }
      changed = true;
    }
    begin = end + 1;
  }
  return changed;
}

bool IsSpaceOnly(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Result<Text> Normalize(std::string_view original, const NormalizeOptions& options) {
  Text text;
  internal::Decoded decoded;
  Status st = internal::Decode(original, options.encoding, decoded);
  if (!st.ok()) return st;
  text.encoding_ = decoded.encoding;
  text.utf16_ = decoded.encoding.rfind("utf-16", 0) == 0;
  std::string_view current = original;
  if (decoded.map) {
    text.layers_.push_back(std::move(*decoded.map));
    current = decoded.text;
    if (decoded.encoding != "utf-8") text.repairs_.push_back("decoded:" + decoded.encoding);
  }
  // Control bytes other than tab, newline, CR, form feed: not text.
  size_t controls = 0;
  for (size_t i = 0; i < current.size(); ++i) {
    auto c = static_cast<unsigned char>(current[i]);
    if (c == 0) {
      return Status(ErrorCode::kBinary, decoded.map ? std::string("NUL character in decoded text: not a text file")
                                                    : normalize_internal::BinaryRefusal(
                                                          original, "NUL byte at offset " + std::to_string(i) + ": not a text file"));
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ++controls;
  }
  if (controls > 16 && controls * 100 > current.size()) {
    return Status(ErrorCode::kBinary,
                  normalize_internal::BinaryRefusal(original, std::to_string(controls) + " control bytes: not a text file"));
  }
  if (IsSpaceOnly(current)) return Status(ErrorCode::kEmpty, "no text (the input is empty or white space only)");

  if (!DebrisPattern().ok()) return Status(ErrorCode::kInternal, "debris pattern: " + DebrisPattern().error());
  const Budget& budget = options.budget;
  Writer debris(current.size());
  bool row_start = false;
  BudgetTicker debris_ticker(budget, 1);   // a debris match is rare, and its RE2 call long
  RewriteDebris(current, 0, current.size(), debris, text.repairs_, &row_start, debris_ticker);
  if (Status s = budget.Check("normalize"); !s.ok()) return s;
  std::string stage1 = std::move(debris.out);
  text.layers_.push_back(debris.TakeMap());
  if (RepairHornedU(stage1)) text.repairs_.push_back("horned_u");
  if (!decoded.map) decoded.text.clear();  // the decoded copy is no longer needed
  else { std::string().swap(decoded.text); }

  Writer chars(stage1.size());
  RewriteChars(stage1, chars, budget);
  if (Status s = budget.Check("normalize"); !s.ok()) return s;
  if (chars.changed) text.repairs_.push_back("characters");
  std::string().swap(stage1);
  text.layers_.push_back(chars.TakeMap());

  Writer tones(chars.out.size());
  RewriteTones(chars.out, tones, budget);
  if (Status s = budget.Check("normalize"); !s.ok()) return s;
  if (tones.changed) text.repairs_.push_back("tone_marks");
  std::string().swap(chars.out);
  text.layers_.push_back(tones.TakeMap());
  text.text_ = std::move(tones.out);

  // Line starts of the original, for 1-based line numbers of original offsets.
  text.line_starts_.push_back(0);
  if (text.utf16_) {
    bool le = decoded.encoding == "utf-16le";
    for (size_t i = 0; i + 1 < original.size(); i += 2) {
      char lo = le ? original[i] : original[i + 1], hi = le ? original[i + 1] : original[i];
      if (lo == '\n' && hi == 0) text.line_starts_.push_back(i + 2);
    }
  } else {
    for (size_t i = original.find('\n'); i != std::string_view::npos; i = original.find('\n', i + 1)) {
      text.line_starts_.push_back(i + 1);
    }
  }
  if (IsSpaceOnly(text.text_)) return Status(ErrorCode::kEmpty, "no text left after removing markup");
  return text;
}

size_t Text::OriginalBegin(size_t pos) const {
  for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) pos = it->MapBegin(pos);
  return pos;
}

size_t Text::OriginalEnd(size_t pos) const {
  for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) pos = it->MapEnd(pos);
  return pos;
}

int Text::OriginalLine(size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<int>(it - line_starts_.begin());
}

Span Text::SpanOf(TextRange range, std::string_view original) const {
  Span span;
  span.normalized = range;
  span.start = OriginalBegin(range.begin);
  span.end = std::max(span.start, OriginalEnd(range.end));
  span.end = std::min(span.end, original.size());
  span.start = std::min(span.start, span.end);
  span.line = OriginalLine(span.start);
  std::string_view raw = original.substr(span.start, span.end - span.start);
  if (utf16_) {
    bool le = encoding_ == "utf-16le";
    std::u16string units;
    for (size_t i = 0; i + 1 < raw.size(); i += 2) {
      auto lo = static_cast<unsigned char>(raw[i]), hi = static_cast<unsigned char>(raw[i + 1]);
      units.push_back(static_cast<char16_t>(le ? (hi << 8 | lo) : (lo << 8 | hi)));
    }
    icu::UnicodeString(units.data(), static_cast<int32_t>(units.size())).toUTF8String(span.text);
  } else if (encoding_ == "windows-1258") {
    // The span's text is shown decoded, so a reader sees letters rather than legacy bytes.
    span.text = internal::Cp1258ToUtf8(raw);
  } else {
    span.text.assign(raw);
  }
  return span;
}

}  // namespace baocao
