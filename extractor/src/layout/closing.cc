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

constexpr size_t kLookBack = 12;    // lines before "Nơi nhận" that may hold the title
constexpr size_t kLookAhead = 45;   // lines after it that may hold the list, title and name
constexpr size_t kMaxPieceBytes = 400;

// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "TL.", "TUQ.", "Q. GIÁM ĐỐC".
const RE2& SignerPrefix() {
  static const RE2 re(std::string(R"(^(TM|KT|TL|TUQ|Q|T/M|K/T)[ ]*\.[ ]*([)") + internal::kUpperClass + "].*)$",
                      RE2::Quiet);
  return re;
}

constexpr size_t kMaxInlineListBytes = 2000;

// "Nơi nhận:", "Nơi nhận: (VBĐT)"; not "Nơi nhận hồ sơ ...". A word processor's table cell
// written as one line holds the whole list: "Nơi nhận: - Như trên; - Lưu: VT.".
bool IsRecipientsAnchor(std::string_view s) {
  if (s.size() > kMaxInlineListBytes) return false;
  std::string key = FoldKey(s.substr(0, std::min<size_t>(s.size(), 40)));
  if (!key.starts_with("noi nhan")) return false;
  std::string_view after = std::string_view(key).substr(8);
  while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  if (s.size() <= 120) return after.empty() || after.front() == ':' || after.front() == '(';
  if (after.empty() || after.front() != ':') return false;
  after.remove_prefix(1);
  while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  return !after.empty() && (after.front() == '-' || after.front() == '+');
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
bool IsTitlePiece(std::string_view s, bool more) {
  if (s.empty() || s.size() > 160) return false;
  if (RE2::FullMatch(s, SignerPrefix())) return true;
  return IsAllUpper(s, 3) && CodePointsUpTo(s, 61) <= 60 && (more || HasRoleWord(s)) &&
         !MatchHeading(s, {0, s.size()});  // "VII. KIẾN NGHỊ", "PHỤ LỤC I" are no titles
}

// "Trần Thị Hồng Vân": two to five words, each a capital then small letters.
bool IsNamePiece(std::string_view s) {
  if (s.empty() || s.size() > 60) return false;
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
      if (!IsLowerLetter(cp) || ++letters_in_word > 8) return false;
    }
  }
  return words >= 2 && words <= 5;
}

// Signature stamps and marks that stand between the title and the name.
bool IsStamp(std::string_view s) {
  std::string key = FoldKey(s.substr(0, std::min<size_t>(s.size(), 40)));
  return key.starts_with("(da ky") || key.starts_with("da ky") || key.starts_with("ky boi") ||
         key.starts_with("nguoi ky") || key.starts_with("(ky") || key.starts_with("[") ||
         key.starts_with("(dau") || key.starts_with("ky ten");
}

std::string_view StripBullet(std::string_view s) {
  if (s.starts_with("•")) s.remove_prefix(std::string_view("•").size());
  else if (!s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == '*')) s.remove_prefix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

bool IsBullet(std::string_view s) {
  return !s.empty() && (s[0] == '-' || s[0] == '+' || s.starts_with("•"));
}

// A signature cell written as one line: the title, the name, and perhaps the signer's position
// under it ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Hoàng Văn Thuân", "TM. ĐOÀN KIỂM TRA TRƯỞNG ĐOÀN Hoàng Văn
// Thuân PHÓ GIÁM ĐỐC SỞ CÔNG THƯƠNG") -> its pieces; any other segment comes back whole.
std::vector<TextRange> SignatureParts(std::string_view text, TextRange seg) {
  std::string_view s = View(text, seg);
  std::vector<TextRange> whole{seg};
  if (s.size() > kMaxPieceBytes) return whole;
  // Words separated by single spaces, as [begin, end) in `s`.
  std::vector<std::pair<size_t, size_t>> words;
  for (size_t i = 0; i < s.size();) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) words.emplace_back(i, j);
    i = j;
  }
  auto has_lower = [&](size_t k) {
    std::string_view w = s.substr(words[k].first, words[k].second - words[k].first);
    size_t pos = 0;
    while (pos < w.size()) {
      if (IsLowerLetter(NextCodePoint(w, pos))) return true;
    }
    return false;
  };
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
  if (!IsTitlePiece(View(text, title), false) || !IsNamePiece(View(text, person))) return whole;
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
std::vector<TextRange> Pieces(std::string_view text, TextRange line) {
  std::vector<TextRange> out;
  for (TextRange seg : Segments(text, line)) {
    std::vector<TextRange> parts = SignatureParts(text, seg);
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

}  // namespace

ClosingScan FindClosing(std::string_view text, const std::vector<Line>& lines, size_t from) {
  ClosingScan scan;
  size_t anchor = lines.size();
  for (size_t i = from; i < lines.size(); ++i) {
    TextRange seg = Trim(text, {lines[i].begin, lines[i].end});
    std::string_view s = View(text, seg);
    if (s.size() > 2000) continue;
    std::vector<TextRange> segs = Segments(text, seg);
    if (!segs.empty() && IsRecipientsAnchor(View(text, segs[0]))) {
      anchor = i;
      break;
    }
  }
  if (anchor == lines.size()) {
    // No list of recipients: the first "TM." / "KT." line stands for it.
    for (size_t i = from; i < lines.size() && anchor == lines.size(); ++i) {
      if (lines[i].end - lines[i].begin > 2000) continue;
      for (TextRange seg : Segments(text, {lines[i].begin, lines[i].end})) {
        if (RE2::FullMatch(View(text, seg), SignerPrefix())) {
          anchor = i;
          break;
        }
      }
    }
    if (anchor == lines.size()) return scan;
  }

  // The title (and name) may come first: take the lines just above that are only that.
  size_t start = anchor;
  for (size_t i = anchor, seen = 0; i > from && seen < kLookBack;) {
    --i;
    TextRange lr{lines[i].begin, lines[i].end};
    if (IsBlank(View(text, lr))) continue;
    ++seen;
    bool only_closing = true;
    for (TextRange seg : Pieces(text, lr)) {
      std::string_view s = View(text, seg);
      only_closing = only_closing && (IsTitlePiece(s, false) || IsNamePiece(s) || IsStamp(s));
    }
    if (!only_closing) break;
    start = i;
  }

  ClosingBlock& c = scan.closing;
  std::vector<std::string> titles;
  std::optional<TextRange> title_range;
  bool anchor_seen = false;
  size_t last = anchor;
  size_t limit = std::min(lines.size(), anchor + kLookAhead);
  for (size_t i = start; i < limit; ++i) {
    TextRange lr{lines[i].begin, lines[i].end};
    if (IsBlank(View(text, lr))) continue;
    if (lr.end - lr.begin > 2000) break;
    bool used = false;
    for (TextRange seg : Pieces(text, lr)) {
      std::string_view s = View(text, seg);
      if (!anchor_seen && i == anchor && IsRecipientsAnchor(s)) {
        anchor_seen = true;
        used = true;
        for (std::string& item : InlineRecipients(s)) c.recipients.push_back(std::move(item));
        continue;
      }
      if (s.size() > kMaxPieceBytes) continue;
      if (IsStamp(s)) {
        used = true;
      } else if (anchor_seen && IsBullet(s)) {
        c.recipients.push_back(Squeeze(StripBullet(s), kEmphasis));
        used = true;
      } else if (!c.signer && IsTitlePiece(s, !titles.empty())) {
        titles.push_back(NormalizeTitle(s));
        title_range = TextRange{title_range ? title_range->begin : seg.begin, seg.end};
        used = true;
      } else if (!c.signer && !titles.empty() && IsNamePiece(s)) {
        c.signer = std::string(s);
        c.signer_range = seg;
        used = true;
      } else if (anchor_seen && !c.recipients.empty() && !c.signer && s.size() < 200 &&
                 (IsLowerLetter(FirstLetter(s)) || s.back() == ';' || s.back() == ',' || s.back() == '.')) {
        // A recipient wrapped onto the next line, or one its bullet was lost from.
        if (IsLowerLetter(FirstLetter(s))) {
          c.recipients.back().append(" ").append(Squeeze(s, kEmphasis));
        } else {
          c.recipients.push_back(Squeeze(s, kEmphasis));
        }
        used = true;
      }
    }
    if (i == anchor) {
      used = true;
      anchor_seen = true;
    }
    if (!used) {
      if (i < anchor) continue;
      break;
    }
    last = i;
    if (c.signer && anchor_seen && i >= anchor) {
      // The recipients may still follow a name written above them; otherwise done.
      size_t j = i + 1;
      while (j < limit && IsBlank(View(text, {lines[j].begin, lines[j].end}))) ++j;
      if (j >= limit) break;
      std::string_view next = View(text, Trim(text, {lines[j].begin, lines[j].end}));
      if (!IsBullet(next)) break;
    }
  }
  if (!titles.empty()) {
    std::string joined;
    for (const std::string& t : titles) joined += (joined.empty() ? "" : " ") + t;
    c.signer_title = joined;
    c.signer_title_range = title_range;
  }
  scan.first_line = start;
  scan.end_line = last + 1;
  c.range = TextRange{lines[start].begin, lines[last].end};
  return scan;
}

}  // namespace baocao::layout_internal
