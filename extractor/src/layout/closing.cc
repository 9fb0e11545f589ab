// The closing block: "Nơi nhận:" and its list of recipients, the signer's title ("KT. CHỦ
// TỊCH" / "PHÓ CHỦ TỊCH") and name. Converters put the two columns of the original one after
// the other in either order, or side by side on one line; each line is read piece by piece
// (Segments), so all three read the same. The block often sits in the middle of the text,
// appendices following it.
#include <re2/re2.h>

#include "baocao/normalize/text.h"
#include "core/chars.h"
#include "core/script.h"
#include "core/strings.h"
#include "layout/parts.h"

namespace baocao::layout_internal {

using internal::IsLetter;
using internal::IsLowerLetter;
using internal::IsUpperLetter;
using internal::NextCodePoint;
using internal::Squeeze;

namespace {

// Bytes of a line folded to read its opening words ("Nơi nhận:", "(Đã ký)", "Người ký"): enough
// for them with their marks decomposed and what follows the colon.
constexpr size_t kOpeningBytes = 40;
constexpr std::string_view kRecipientsWords = "noi nhan";   // "Nơi nhận", folded

// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL.", "TUQ.", "Q. GIÁM ĐỐC"; a dot OCR doubled
// ("KT. . GIÁM ĐỐC") is one.
const RE2& SignerPrefix() {
  static const RE2 re(std::string(R"(^(TM|KT|TL|TUQ|Q|T/M|K/T)[ ]*\.[ .]*([)") + internal::kUpperClass + "].*)$",
                      RE2::Quiet);
  return re;
}

std::string_view SkipSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

// "Nơi nhận:", "Nơi nhận: (VBĐT)"; not "Nơi nhận hồ sơ ...". A word processor's table cell
// written as one line holds the whole list: "Nơi nhận: - Như trên; - Lưu: VT.".
bool IsRecipientsAnchor(std::string_view s, const LayoutLimits& limits) {
  // A speck OCR read before it: "'Nơi nhận:".
  while (!s.empty() && (s.front() == '\'' || s.front() == '`' || s.front() == '"' || s.front() == '.')) s.remove_prefix(1);
  if (s.size() > limits.recipients_max_inline_bytes) return false;
  std::string key = FoldKey(s.substr(0, std::min(s.size(), kOpeningBytes)));
  if (!key.starts_with(kRecipientsWords)) return false;
  std::string_view after = SkipSpaces(std::string_view(key).substr(kRecipientsWords.size()));
  if (s.size() <= limits.recipients_short_anchor_bytes) {
    return after.empty() || after.front() == ':' || after.front() == '(';
  }
  if (after.empty() || after.front() != ':') return false;
  after = SkipSpaces(after.substr(1));
  if (!after.empty() && (after.front() == '-' || after.front() == '+')) return true;
  // OCR specks before the list ("Nơi nhận: wụÀ - Thường trực Tỉnh ủy; - Chủ tịch …"): a list all
  // the same when items follow, each a dash and a capital.
  constexpr int kListItems = 2;
  int items = 0;
  for (size_t at = s.find(" - "); at != std::string_view::npos && items < kListItems; at = s.find(" - ", at + 1)) {
    size_t next = at + std::string_view(" - ").size();
    if (next < s.size() && IsUpperLetter(NextCodePoint(s, next))) ++items;
  }
  return items >= kListItems;
}

// The items of a list written on the anchor's line: "Nơi nhận: - Như trên; - Lưu: VT." ->
// {"Như trên;", "Lưu: VT."}.
std::vector<std::string> InlineRecipients(std::string_view s) {
  std::vector<std::string> out;
  size_t colon = s.find(':');
  if (colon == std::string_view::npos) return out;
  std::string_view rest = s.substr(colon + 1);
  size_t start = std::string_view::npos;
  for (size_t i = 0; i < rest.size(); ++i) {
    if ((rest[i] != '-' && rest[i] != '+') || (i + 1 < rest.size() && rest[i + 1] != ' ')) continue;
    size_t k = i;
    while (k > 0 && rest[k - 1] == ' ') --k;
    if (k > 0 && rest[k - 1] != ';' && rest[k - 1] != '.' && rest[k - 1] != ',') continue;
    if (start != std::string_view::npos) {
      std::string item = Squeeze(rest.substr(start, k - start), kEmphasis);
      if (!item.empty()) out.push_back(std::move(item));
    }
    start = i + 1;
  }
  if (start != std::string_view::npos) {
    std::string item = Squeeze(rest.substr(start), kEmphasis);
    if (!item.empty()) out.push_back(std::move(item));
  }
  return out;
}

bool HasRoleWord(std::string_view s) {
  static constexpr std::string_view kRoles[] = {
      "chu tich", "giam doc", "truong", "bi thu", "chanh", "thu tuong", "tong cuc",
      "uy ban nhan dan", "ubnd", "hoi dong", "thuong truc", "pho ", "cuc truong", "ban chi dao"};
  std::string key = FoldKey(s);
  for (std::string_view r : kRoles) {
    if (key.find(r) != std::string::npos) return true;
  }
  return false;
}

// A piece of the signer's title. `more` once a title line was seen: then any short line in
// capitals continues it ("PHÓ CHỦ TỊCH" under "KT. CHỦ TỊCH").
bool IsTitlePiece(std::string_view s, bool more, const LayoutLimits& limits) {
  if (s.empty() || s.size() > limits.signer_title_max_bytes) return false;
  if (RE2::FullMatch(s, SignerPrefix())) return true;
  const size_t most = limits.signer_title_max_code_points;
  return IsAllUpper(s, limits.signer_title_min_letters) && CodePointsUpTo(s, most + 1) <= most &&
         (more || HasRoleWord(s)) &&
         !MatchHeading(s, {0, s.size()}, limits);  // "VII. KIẾN NGHỊ", "PHỤ LỤC I" are no titles
}

// "Trần Thị Hồng Vân": a few words, each a capital then small letters.
bool IsNamePiece(std::string_view s, const LayoutLimits& limits) {
  if (s.empty() || s.size() > limits.signer_name_max_bytes) return false;
  int words = 0;
  size_t pos = 0;
  bool word_start = true;
  size_t letters_in_word = 0;
  while (pos < s.size()) {
    char32_t cp = NextCodePoint(s, pos);
    if (cp == ' ') {
      if (word_start) return false;  // two spaces in a row
      word_start = true;
      continue;
    }
    if (!IsLetter(cp)) return false;
    if (word_start) {
      if (!IsUpperLetter(cp)) return false;
      ++words;
      word_start = false;
      letters_in_word = 1;
    } else {
      if (!IsLowerLetter(cp) || ++letters_in_word > limits.signer_name_max_word_letters) return false;
    }
  }
  return words >= limits.signer_name_min_words && words <= limits.signer_name_max_words;
}

// Words separated by single spaces, as [begin, end) in `s`.
std::vector<std::pair<size_t, size_t>> SpacedWords(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> words;
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) words.emplace_back(i, j);
    i = j;
  }
  return words;
}

// A signer's rank in the police or the army, printed before the name ("Thiếu tướng Trương
// Minh Đương", "Đại tá Nguyễn Văn A"): the name is what follows it.
std::string_view WithoutRank(std::string_view s) {
  static constexpr std::string_view kRanks[] = {"thieu tuong", "trung tuong", "thuong tuong", "dai tuong",
                                                "thieu ta",    "trung ta",    "thuong ta",    "dai ta",
                                                "thieu uy",    "trung uy",    "thuong uy",    "dai uy"};
  const std::vector<std::pair<size_t, size_t>> words = SpacedWords(s);
  constexpr size_t kRankWords = 2;
  if (words.size() <= kRankWords) return s;
  const std::string rank = FoldKey(s.substr(0, words[kRankWords - 1].second));
  for (std::string_view r : kRanks) {
    if (rank == r) return s.substr(words[kRankWords].first);
  }
  return s;
}

// Signature stamps and marks that stand between the title and the name.
bool IsStamp(std::string_view s) {
  std::string key = FoldKey(s.substr(0, std::min(s.size(), kOpeningBytes)));
  return key.starts_with("(da ky") || key.starts_with("da ky") || key.starts_with("ky boi") ||
         key.starts_with("nguoi ky") || key.starts_with("(ky") || key.starts_with("[") ||
         key.starts_with("(dau") || key.starts_with("ky ten");
}

std::string_view StripBullet(std::string_view s) {
  if (s.starts_with("•")) s.remove_prefix(std::string_view("•").size());
  else if (!s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == '*')) s.remove_prefix(1);
  return SkipSpaces(s);
}

bool IsBullet(std::string_view s) {
  return !s.empty() && (s[0] == '-' || s[0] == '+' || s.starts_with("•"));
}

bool HasLetter(std::string_view w) {
  size_t pos = 0;
  while (pos < w.size()) {
    if (IsLetter(NextCodePoint(w, pos))) return true;
  }
  return false;
}

bool HasLowerLetter(std::string_view w) {
  size_t pos = 0;
  while (pos < w.size()) {
    if (IsLowerLetter(NextCodePoint(w, pos))) return true;
  }
  return false;
}

// A line of OCR specks: what a seal, a signature or a smudge reads as ("/Ê 4 3 CÀ", "(C7.,z h",
// ": -% m2"): no run of three letters, so no word of a title, a name or a recipient.
bool IsSpeckLine(std::string_view s) {
  constexpr int kWordLetters = 3;
  int run = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    run = IsLetter(NextCodePoint(s, pos)) ? run + 1 : 0;
    if (run >= kWordLetters) return false;
  }
  return true;
}

// A name with the specks OCR read before it: ">=<Hoàng Chí Hiền", "`>sHoàng Văn Thuân" (a stroke
// of the signature read as a small letter glued to the capital) -> the name; else `s` unchanged.
std::string_view WithoutLeadingSpecks(std::string_view s) {
  constexpr size_t kGluedLetters = 2;
  size_t at = 0, pos = 0;
  while (pos < s.size()) {
    char32_t cp = NextCodePoint(s, pos);
    if (IsLetter(cp)) break;
    at = pos;
  }
  size_t glued = 0, probe = at;
  for (pos = at; pos < s.size() && glued <= kGluedLetters;) {
    char32_t cp = NextCodePoint(s, pos);
    if (IsUpperLetter(cp)) {
      if (glued > 0) at = probe;
      break;
    }
    if (!IsLowerLetter(cp)) break;
    ++glued;
    probe = pos;
  }
  return s.substr(at);
}

// A title with specks after it on its line: "CHỦ TỊCH ' /\" -_. (%4" -> "CHỦ TỊCH"; the words in
// capitals before the first word without a letter, when what follows is mostly not letters
// ("PHÓ GIÁM ĐỐC - SỞ" keeps its "SỞ"). Empty when there are none or nothing follows.
std::string_view TitleBeforeSpecks(std::string_view s) {
  const std::vector<std::pair<size_t, size_t>> words = SpacedWords(s);
  size_t k = 0;
  while (k < words.size() && !HasLowerLetter(s.substr(words[k].first, words[k].second - words[k].first))) {
    if (!HasLetter(s.substr(words[k].first, words[k].second - words[k].first))) break;
    ++k;
  }
  if (k == 0 || k == words.size()) return {};
  constexpr size_t kMarksPerLetter = 3;   // a speck run: at most one letter in four marks
  size_t letters = 0, marks = 0;
  for (size_t pos = words[k].first; pos < s.size();) {
    char32_t cp = NextCodePoint(s, pos);
    if (cp == ' ') continue;
    ++(IsLetter(cp) ? letters : marks);
  }
  if (letters * kMarksPerLetter > marks) return {};
  return s.substr(0, words[k - 1].second);
}

// A signature cell written as one line: the title, the name, and perhaps the signer's position
// under it ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Hoàng Văn Thuân", "TM. ĐOÀN KIỂM TRA TRƯỞNG ĐOÀN Hoàng Văn
// Thuân PHÓ GIÁM ĐỐC SỞ CÔNG THƯƠNG") -> its pieces; any other segment comes back whole.
std::vector<TextRange> SignatureParts(std::string_view text, TextRange seg, const LayoutLimits& limits) {
  std::string_view s = View(text, seg);
  std::vector<TextRange> whole{seg};
  if (s.size() > limits.closing_max_piece_bytes) return whole;
  const std::vector<std::pair<size_t, size_t>> words = SpacedWords(s);
  auto has_lower = [&](size_t k) { return HasLowerLetter(s.substr(words[k].first, words[k].second - words[k].first)); };
  // Words in capitals (the title), words in small letters (the name), words in capitals again.
  size_t name = 0;
  while (name < words.size() && !has_lower(name)) ++name;
  if (name == 0 || name == words.size()) return whole;
  size_t rest = name;
  while (rest < words.size() && has_lower(rest)) ++rest;
  for (size_t k = rest; k < words.size(); ++k) {
    if (has_lower(k)) return whole;
  }
  TextRange title{seg.begin, seg.begin + words[name - 1].second};
  TextRange person{seg.begin + words[name].first, seg.begin + words[rest - 1].second};
  if (!IsTitlePiece(View(text, title), false, limits) || !IsNamePiece(View(text, person), limits)) return whole;
  // "TM. UBND Phường Hòa Bình": a body's name after its title, not a person's.
  static constexpr std::string_view kNotNames[] = {"phuong", "xa", "tinh", "huyen", "thi", "thanh",
                                                   "so", "ban", "uy", "cong", "phong", "cuc"};
  std::string first = FoldKey(s.substr(words[name].first, words[name].second - words[name].first));
  for (std::string_view w : kNotNames) {
    if (first == w) return whole;
  }
  std::vector<TextRange> out{title, person};
  if (rest < words.size()) out.push_back(TextRange{seg.begin + words[rest].first, seg.end});
  return out;
}

// The pieces of a line: its segments, a one-line signature cell cut into its parts.
std::vector<TextRange> Pieces(std::string_view text, TextRange line, const LayoutLimits& limits) {
  std::vector<TextRange> out;
  for (TextRange seg : Segments(text, line)) {
    std::vector<TextRange> parts = SignatureParts(text, seg, limits);
    out.insert(out.end(), parts.begin(), parts.end());
  }
  return out;
}

// "KT.CHỦ TỊCH" -> "KT. CHỦ TỊCH".
std::string NormalizeTitle(std::string_view s) {
  std::string prefix, rest;
  std::string out = Squeeze(s, kEmphasis);
  if (RE2::FullMatch(out, SignerPrefix(), &prefix, &rest)) out = prefix + ". " + rest;
  return out;
}

// What FindClosing reads: the text's lines and the limits.
struct ClosingInput {
  std::string_view text;
  const std::vector<Line>& lines;
  const LayoutLimits& limits;

  TextRange LineRange(size_t i) const { return {lines[i].begin, lines[i].end}; }
  bool Blank(size_t i) const { return IsBlank(View(text, LineRange(i))); }
  bool TooLong(size_t i) const { return lines[i].end - lines[i].begin > limits.closing_max_line_bytes; }
};

// The line the block is read around: "Nơi nhận:"; without a list of recipients, the first
// "TM." / "KT." line stands for it. lines.size() when there is neither.
size_t FindAnchor(const ClosingInput& in, size_t from) {
  const std::string_view text = in.text;
  for (size_t i = from; i < in.lines.size(); ++i) {
    TextRange seg = Trim(text, in.LineRange(i));
    if (View(text, seg).size() > in.limits.closing_max_line_bytes) continue;
    std::vector<TextRange> segs = Segments(text, seg);
    if (!segs.empty() && IsRecipientsAnchor(View(text, segs[0]), in.limits)) return i;
  }
  for (size_t i = from; i < in.lines.size(); ++i) {
    if (in.TooLong(i)) continue;
    for (TextRange seg : Segments(text, in.LineRange(i))) {
      if (RE2::FullMatch(View(text, seg), SignerPrefix())) return i;
    }
  }
  return in.lines.size();
}

// The title (and name) may come first: the first of the lines just above the anchor that are
// only that.
size_t FirstLineAbove(const ClosingInput& in, size_t anchor, size_t from) {
  size_t start = anchor;
  for (size_t i = anchor, seen = 0; i > from && seen < in.limits.closing_look_back_lines;) {
    --i;
    if (in.Blank(i)) continue;
    ++seen;
    bool only_closing = true;
    for (TextRange seg : Pieces(in.text, in.LineRange(i), in.limits)) {
      std::string_view s = View(in.text, seg);
      only_closing = only_closing && (IsTitlePiece(s, false, in.limits) || IsNamePiece(WithoutRank(s), in.limits) || IsStamp(s));
    }
    if (!only_closing) break;
    start = i;
  }
  return start;
}

// The block as its lines are read, top to bottom.
struct BlockReading {
  ClosingBlock& closing;
  std::vector<std::string> titles;
  std::optional<TextRange> title_range;
  bool anchor_seen = false;
};

// A recipient wrapped onto the next line, or one its bullet was lost from.
bool ContinuesRecipients(std::string_view s, const BlockReading& b, const LayoutLimits& limits) {
  return b.anchor_seen && !b.closing.recipients.empty() && !b.closing.signer &&
         s.size() <= limits.recipient_wrap_max_bytes &&
         (IsLowerLetter(FirstLetter(s)) || s.back() == ';' || s.back() == ',' || s.back() == '.');
}

// A rule OCR read as dashes before a piece ("——- GIÁM ĐỐC"): two dashes or more are no bullet;
// the piece is what follows them.
TextRange WithoutRuleDashes(std::string_view text, TextRange seg) {
  size_t dashes = 0, at = seg.begin;
  for (;;) {
    std::string_view rest = text.substr(at, seg.end - at);
    size_t step = 0;
    if (rest.starts_with("-")) step = 1;
    else if (rest.starts_with("—") || rest.starts_with("–")) step = std::string_view("—").size();
    if (step == 0) break;
    at += step;
    ++dashes;
  }
  if (dashes < 2) return seg;
  while (at < seg.end && text[at] == ' ') ++at;
  return TextRange{at, seg.end};
}

// Reads one piece of line `i` into the block; false when it is none of the block's.
bool ReadPiece(const ClosingInput& in, size_t i, size_t anchor, TextRange seg, BlockReading& b) {
  ClosingBlock& c = b.closing;
  seg = WithoutRuleDashes(in.text, seg);
  std::string_view s = View(in.text, seg);
  if (!b.anchor_seen && i == anchor && IsRecipientsAnchor(s, in.limits)) {
    b.anchor_seen = true;
    for (std::string& item : InlineRecipients(s)) c.recipients.push_back(std::move(item));
    return true;
  }
  if (s.size() > in.limits.closing_max_piece_bytes) return false;
  if (IsStamp(s)) return true;
  if (b.anchor_seen && IsBullet(s)) {
    c.recipients.push_back(Squeeze(StripBullet(s), kEmphasis));
    return true;
  }
  std::string_view title = TitleBeforeSpecks(s);
  if (title.empty() || !IsTitlePiece(title, !b.titles.empty(), in.limits)) title = s;
  if (!c.signer && IsTitlePiece(title, !b.titles.empty(), in.limits)) {
    b.titles.push_back(NormalizeTitle(title));
    b.title_range = TextRange{b.title_range ? b.title_range->begin : seg.begin, seg.begin + title.size()};
    return true;
  }
  // Under the list, a line that is only a name is the signer's even when OCR lost the title
  // above it in the seal.
  const bool whole_line_below = b.anchor_seen && i > anchor && View(in.text, Trim(in.text, in.LineRange(i))) == s;
  if (std::string_view name = WithoutRank(WithoutLeadingSpecks(s));
      !c.signer && (!b.titles.empty() || whole_line_below) && IsNamePiece(name, in.limits)) {
    c.signer = std::string(name);
    c.signer_range = TextRange{seg.end - name.size(), seg.end};
    return true;
  }
  if (ContinuesRecipients(s, b, in.limits)) {
    if (IsLowerLetter(FirstLetter(s))) {
      c.recipients.back().append(" ").append(Squeeze(s, kEmphasis));
    } else {
      c.recipients.push_back(Squeeze(s, kEmphasis));
    }
    return true;
  }
  return false;
}

// Once the signer is named below the anchor the block is done, unless the recipients follow
// the name (the next non-blank line a bullet).
bool RecipientsFollow(const ClosingInput& in, size_t i, size_t limit) {
  size_t j = i + 1;
  while (j < limit && in.Blank(j)) ++j;
  if (j >= limit) return false;
  return IsBullet(View(in.text, Trim(in.text, in.LineRange(j))));
}

// Reads the block's lines from `start` on; returns the last line it took.
size_t ReadBlock(const ClosingInput& in, size_t start, size_t anchor, BlockReading& b) {
  size_t last = anchor, specks = 0;
  size_t limit = std::min(in.lines.size(), anchor + in.limits.closing_look_ahead_lines);
  for (size_t i = start; i < limit; ++i) {
    if (in.Blank(i)) continue;
    if (in.TooLong(i)) break;
    bool used = false;
    for (TextRange seg : Pieces(in.text, in.LineRange(i), in.limits)) {
      used = ReadPiece(in, i, anchor, seg, b) || used;
    }
    if (i == anchor) {
      used = true;
      b.anchor_seen = true;
    }
    if (!used) {
      if (i < anchor) continue;
      if (!b.closing.signer && (b.anchor_seen || !b.titles.empty()) && specks < in.limits.closing_max_speck_lines &&
          IsSpeckLine(View(in.text, in.LineRange(i)))) {
        ++specks;
        continue;
      }
      break;
    }
    last = i;
    if (b.closing.signer && b.anchor_seen && i >= anchor && !RecipientsFollow(in, i, limit)) break;
  }
  return last;
}

}  // namespace

ClosingScan FindClosing(std::string_view text, const std::vector<Line>& lines, size_t from,
                        const LayoutLimits& limits) {
  ClosingScan scan;
  const ClosingInput in{text, lines, limits};
  const size_t anchor = FindAnchor(in, from);
  if (anchor == lines.size()) return scan;
  const size_t start = FirstLineAbove(in, anchor, from);
  BlockReading reading{scan.closing, {}, std::nullopt, false};
  const size_t last = ReadBlock(in, start, anchor, reading);
  ClosingBlock& c = scan.closing;
  if (!reading.titles.empty()) {
    std::string joined;
    for (const std::string& t : reading.titles) {
      if (!joined.empty()) joined += ' ';
      joined += t;
    }
    c.signer_title = joined;
    c.signer_title_range = reading.title_range;
  }
  scan.first_line = start;
  scan.end_line = last + 1;
  c.range = TextRange{lines[start].begin, lines[last].end};
  return scan;
}

}  // namespace baocao::layout_internal
