// Signatures: what a value's own words say it is of, so that only statements of one thing are
// compared (rules/audit/README.md, "What is compared with what"). One indicator is often
// stated for several units ("toàn tỉnh", "cấp xã", "Cục Thuế"), stretches of time ("trong
// kỳ", "từ đầu năm") and kinds ("trễ hạn", "trực tuyến"): the linker gives them one indicator,
// their words tell them apart. The word lists are data (`words unit_* | period_* | qualifier_*`
// of rules/audit/relations.rel); only their prefixes are known here.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "audit/audit_impl.h"
#include "baocao/link/link.h"
#include "baocao/normalize/text.h"
#include "core/strings.h"

namespace baocao {
namespace {

constexpr std::string_view kUnitPrefix = "unit_";
constexpr std::string_view kPeriodPrefix = "period_";
constexpr std::string_view kQualifierPrefix = "qualifier_";

// A word of a text: a run of letters, digits and marks, with its fold.
struct Word {
  size_t begin = 0, end = 0;   // bytes in the text read, plus the base given
  std::string folded;
};
using Words = std::vector<Word>;

bool WordChar(UChar32 cp) {
  return u_isalnum(cp) || u_charType(cp) == U_NON_SPACING_MARK || u_charType(cp) == U_COMBINING_SPACING_MARK;
}

Words WordsOf(std::string_view text, size_t base) {
  Words out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    int32_t start = i;
    UChar32 cp;
    U8_NEXT(s, i, n, cp);
    if (cp < 0 || !WordChar(cp)) continue;
    int32_t end = i;
    while (i < n) {
      int32_t at = i;
      U8_NEXT(s, i, n, cp);
      if (cp < 0 || !WordChar(cp)) {
        i = at;
        break;
      }
      end = i;
    }
    for (std::string& t : Tokenize(text.substr(start, end - start))) {
      out.push_back({base + static_cast<size_t>(start), base + static_cast<size_t>(end), std::move(t)});
    }
  }
  return out;
}

// The words of `w` within bytes [from, to): indexes [lo, hi).
std::pair<size_t, size_t> Within(const Words& w, size_t from, size_t to) {
  auto lo = std::lower_bound(w.begin(), w.end(), from, [](const Word& x, size_t p) { return x.begin < p; });
  auto hi = std::lower_bound(lo, w.end(), to, [](const Word& x, size_t p) { return x.end <= p; });
  return {static_cast<size_t>(lo - w.begin()), static_cast<size_t>(hi - w.begin())};
}

bool Capitalized(std::string_view word) {
  if (word.empty()) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  int32_t i = 0;
  UChar32 cp;
  U8_NEXT(s, i, static_cast<int32_t>(word.size()), cp);
  return cp > 0 && u_isupper(cp);
}

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// The number of words of folded `phrase` ("cap xa") read at w[i], before w[hi]; or 0.
size_t FoldedAt(const Words& w, size_t i, size_t hi, const std::vector<std::string>& phrase) {
  if (phrase.empty() || i + phrase.size() > hi) return 0;
  for (size_t k = 0; k < phrase.size(); ++k) {
    if (w[i + k].folded != phrase[k]) return 0;
  }
  return phrase.size();
}

// One reading of a signature word list in a text.
struct Hit {
  size_t begin = 0, end = 0;   // bytes of the words read
  std::string key;             // list name, "body:cuc thue", or "" for the issuer itself
};

bool Better(const Hit& a, const Hit& b) { return a.begin > b.begin || (a.begin == b.begin && a.end > b.end); }

// "uy ban nhan dan" and "ubnd" are one word for the issuer check.
std::vector<std::string> IssuerTokens(const std::vector<std::string>& tokens) {
  std::vector<std::string> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i + 3 < tokens.size() && tokens[i] == "uy" && tokens[i + 1] == "ban" && tokens[i + 2] == "nhan" && tokens[i + 3] == "dan") {
      out.push_back("ubnd");
      i += 3;
    } else {
      out.push_back(tokens[i]);
    }
  }
  return out;
}

// The signature word lists of the rules, indexed by their first word.
class Reader {
 public:
  explicit Reader(const AuditContext& c) : body_name_words_(c.options.tuning.body_name_words) {
    for (const auto& [name, phrases] : c.rules.words) {
      bool unit = name.starts_with(kUnitPrefix), period = name.starts_with(kPeriodPrefix),
           qualifier = name.starts_with(kQualifierPrefix);
      if (!unit && !period && !qualifier) continue;
      auto& dest = unit ? units_ : period ? periods_ : qualifiers_;
      for (const std::string& p : phrases) {
        std::vector<std::string> words = SplitSpaces(p);
        if (!words.empty()) dest[words.front()].push_back({name, std::move(words)});
      }
    }
    if (auto it = c.rules.written.find("body"); it != c.rules.written.end()) {
      for (const std::string& head : it->second) {
        std::vector<std::string> words;
        for (const Word& w : WordsOf(head, 0)) words.push_back(head.substr(w.begin, w.end - w.begin));
        if (!words.empty()) bodies_[words.front()].push_back(std::move(words));
      }
    }
    auto read = [&](const char* name, std::vector<std::vector<std::string>>& dest) {
      if (auto it = c.rules.words.find(name); it != c.rules.words.end()) {
        for (const std::string& p : it->second) dest.push_back(SplitSpaces(p));
      }
    };
    read("body_place", places_);
    read("breakdown", breakdown_);
    read("scoring_if", scoring_if_);
    read("scoring_points", points_);
    const Meta& meta = *c.in.meta;
    for (const auto* field : {&meta.issuer, &meta.ward}) {
      if (field->has_value()) {
        for (std::string& t : IssuerTokens(Tokenize(**field))) issuer_.insert(std::move(t));
      }
    }
  }

  // The unit (or stretch) read in words [lo, hi) of `text`: the last one with `last` (the
  // sentence before a value), else the first (a label).
  std::optional<Hit> Find(std::string_view text, const Words& w, size_t lo, size_t hi, bool unit, bool last) const {
    std::optional<Hit> best;
    auto take = [&](const Hit& h) {
      if (!best || (last ? Better(h, *best) : Better(*best, h))) best = h;
    };
    const auto& lists = unit ? units_ : periods_;
    for (size_t i = lo; i < hi; ++i) {
      if (auto it = lists.find(w[i].folded); it != lists.end()) {
        for (const auto& [name, phrase] : it->second) {
          if (size_t k = FoldedAt(w, i, hi, phrase)) take({w[i].begin, w[i + k - 1].end, name});
        }
      }
      if (!unit) continue;
      if (auto it = bodies_.find(std::string(text.substr(w[i].begin, w[i].end - w[i].begin))); it != bodies_.end()) {
        for (const auto& head : it->second) {
          if (auto h = BodyAt(text, w, i, hi, head)) take(*h);
        }
      }
    }
    return best;
  }

  // The qualifier lists read in words [lo, hi) of `text`, with their words as written.
  void Qualifiers(std::string_view text, const Words& w, size_t lo, size_t hi, std::map<std::string, std::string>& out) const {
    for (size_t i = lo; i < hi; ++i) {
      auto it = qualifiers_.find(w[i].folded);
      if (it == qualifiers_.end()) continue;
      for (const auto& [name, phrase] : it->second) {
        if (out.count(name)) continue;
        if (size_t k = FoldedAt(w, i, hi, phrase)) out[name] = std::string(text.substr(w[i].begin, w[i + k - 1].end - w[i].begin));
      }
    }
  }

  // "trong đó" among words [lo, hi), or (`whole`) as all of them.
  bool Breakdown(const Words& w, size_t lo, size_t hi, bool whole) const {
    for (const auto& phrase : breakdown_) {
      if (whole) {
        if (hi - lo == phrase.size() && FoldedAt(w, lo, hi, phrase)) return true;
        continue;
      }
      for (size_t i = lo; i < hi; ++i) if (FoldedAt(w, i, hi, phrase)) return true;
    }
    return false;
  }

  // "thì tiêu chí này đạt 0 điểm", "thì được 1 điểm" in words [lo, hi): a condition word, then a
  // number and the points word.
  bool ScoringRule(const Words& w, size_t lo, size_t hi) const {
    size_t from = hi;
    for (size_t i = lo; i < hi && from == hi; ++i) {
      for (const auto& phrase : scoring_if_) {
        if (FoldedAt(w, i, hi, phrase)) {
          from = i + phrase.size();
          break;
        }
      }
    }
    for (size_t i = from; i + 1 < hi; ++i) {
      bool number = std::all_of(w[i].folded.begin(), w[i].folded.end(), internal::IsAsciiDigit);
      if (!number) continue;
      for (const auto& phrase : points_) if (FoldedAt(w, i + 1, hi, phrase)) return true;
    }
    return false;
  }

 private:
  struct Entry {
    std::string list;
    std::vector<std::string> phrase;
  };

  // A named body at w[i]: its head as written ("Cục", "Công an"), then capitalized words or a
  // place word ("tỉnh", "phường"). The issuer named so ("UBND phường", "UBND phường Trung
  // Thành") is a hit with an empty key: a figure of the document's own.
  std::optional<Hit> BodyAt(std::string_view text, const Words& w, size_t i, size_t hi,
                            const std::vector<std::string>& head) const {
    if (i + head.size() > hi) return std::nullopt;
    for (size_t k = 0; k < head.size(); ++k) {
      if (text.substr(w[i + k].begin, w[i + k].end - w[i + k].begin) != head[k]) return std::nullopt;
    }
    std::vector<std::string> name;
    for (size_t k = 0; k < head.size(); ++k) name.push_back(w[i + k].folded);
    size_t j = i + head.size(), end = w[j - 1].end;
    const size_t head_words = name.size();
    while (j < hi && name.size() < head_words + body_name_words_) {
      std::string_view gap = text.substr(w[j - 1].end, w[j].begin - w[j - 1].end);
      if (gap.find_first_not_of(' ') != std::string_view::npos) break;
      size_t k = 0;
      for (const auto& place : places_) if ((k = FoldedAt(w, j, hi, place))) break;
      if (!k && Capitalized(text.substr(w[j].begin, w[j].end - w[j].begin))) k = 1;
      if (!k) break;
      for (size_t m = 0; m < k; ++m) name.push_back(w[j + m].folded);
      end = w[j + k - 1].end;
      j += k;
    }
    if (name.size() == head_words) return std::nullopt;
    std::vector<std::string> tokens = IssuerTokens(name);
    bool issuer = !issuer_.empty() && std::all_of(tokens.begin(), tokens.end(), [&](const std::string& t) { return issuer_.count(t) > 0; });
    std::string key;
    if (!issuer) {
      key = "body:";
      for (size_t m = 0; m < name.size(); ++m) key += (m ? " " : "") + name[m];
    }
    return Hit{w[i].begin, end, key};
  }

  size_t body_name_words_;   // AuditTuning::body_name_words
  std::unordered_map<std::string, std::vector<Entry>> units_, periods_, qualifiers_;
  std::unordered_map<std::string, std::vector<std::vector<std::string>>> bodies_;
  std::vector<std::vector<std::string>> places_, breakdown_, scoring_if_, points_;
  std::set<std::string> issuer_;
};

bool ClauseBreak(std::string_view text, size_t i) {
  char ch = text[i];
  if (ch == ';' || ch == '(' || ch == '\t') return true;
  // A comma between digits is a decimal mark.
  if (ch == ',') return !(i > 0 && i + 1 < text.size() && internal::IsAsciiDigit(text[i - 1]) && internal::IsAsciiDigit(text[i + 1]));
  return false;
}

// Where the clause ending at `pos` starts: after the last ';' ',' '(' or tab, else `floor`.
size_t ClauseStart(std::string_view text, size_t floor, size_t pos) {
  size_t b = pos;
  while (b > floor && !ClauseBreak(text, b - 1)) --b;
  return b;
}

// Where the first fact at or after `pos` stands (facts are in text order), or npos.
size_t FirstFactFrom(const AuditContext& c, size_t pos) {
  auto it = std::lower_bound(c.facts.begin(), c.facts.end(), pos, [](const FactInfo& f, size_t p) { return f.pos < p; });
  return it == c.facts.end() ? std::string::npos : it->pos;
}

bool Owns(const AuditContext& c, const std::string& indicator, const std::string& list) {
  auto it = c.owned.find(indicator);
  return it != c.owned.end() && std::find(it->second.begin(), it->second.end(), list) != it->second.end();
}

}  // namespace

namespace {

// How widely values are compared (AuditContext::Reach): from the document's kind and title.
void ReadReach(AuditContext& c) {
  const Meta& meta = *c.in.meta;
  const DocumentHeader& header = c.in.layout->header;
  // A text without a header says nothing of its kind: it is read as a whole.
  bool kind_known = header.kind_line.has_value() || header.symbol.has_value() || meta.symbol.has_value();
  if (kind_known && meta.kind != "report" && meta.kind != "plan") c.reach = AuditContext::Reach::kTable;
  if (meta.title && c.HasWords(*meta.title, "narrow_title")) c.reach = AuditContext::Reach::kSentence;
}

// What the indicator's own name says is no qualifier of it ("đúng hạn" of the on-time rate).
void NoteOwnedWords(AuditContext& c, const Reader& reader, const std::string& id) {
  if (c.owned.count(id)) return;
  std::vector<std::string>& owned = c.owned[id];
  const IndicatorLabel* catalogue = c.Label(id);
  if (!catalogue) return;
  Words name = WordsOf(catalogue->vi, 0);
  std::map<std::string, std::string> found;
  reader.Qualifiers(catalogue->vi, name, 0, name.size(), found);
  for (const auto& [list, words] : found) owned.push_back(list);
  for (bool unit : {true, false}) {
    if (auto h = reader.Find(catalogue->vi, name, 0, name.size(), unit, false); h && !h->key.empty()) owned.push_back(h->key);
  }
}

// What one fact's words are read from: the words of its sentence and label, and where the
// part of its sentence that speaks of it starts (after the last ';' before it).
struct FactWords {
  const Words& sentence;
  Words label;
  size_t from = 0;   // bytes: the sentence before the value, from its last ';'
  size_t pos = 0;    // bytes: the value
};

// Whose figure carries over the clauses of a sentence ("với cấp tỉnh, quý I đã tiếp nhận 54.575
// hồ sơ; đã giải quyết 51.780 hồ sơ") and over a paragraph that opens with it ("Với cấp huyện,
// 12 huyện … đã tiếp nhận …. Trong số 3.405 hồ sơ đang giải quyết …"). Only the opening, before
// its first figure: a unit named after one figure ("2.890 người, xếp hạng 23 toàn thành phố;
// …") is that figure's.
std::optional<Hit> UnitOfOpening(const AuditContext& c, const Reader& reader, const FactInfo& f, const FactWords& fw) {
  const std::string_view text = c.in.text;
  size_t first_figure = std::min(fw.pos, FirstFactFrom(c, f.sentence.begin));
  auto [s_lo, s_hi] = Within(fw.sentence, std::min(f.sentence.begin, first_figure), first_figure);
  std::optional<Hit> hit = reader.Find(text, fw.sentence, s_lo, s_hi, true, true);
  if (hit || f.block < 0) return hit;
  const TextRange& para = c.in.layout->blocks[f.block].range;
  size_t open_end = std::min({para.end, f.sentence.begin, text.size()});
  if (para.begin >= open_end) return hit;
  // The paragraph's opening, up to its first figure: "Với cấp huyện, 12 huyện …", "Nếu tính
  // riêng từng cấp, với cấp tỉnh, quý I đã tiếp nhận 54.575 hồ sơ".
  size_t stop = std::min(FirstFactFrom(c, para.begin), open_end);
  if (stop <= para.begin || stop - para.begin > c.options.tuning.paragraph_opening_reach) return hit;
  Words opening = WordsOf(text.substr(para.begin, stop - para.begin), para.begin);
  return reader.Find(text, opening, 0, opening.size(), true, true);
}

// The unit and the stretch of time: the nearest before the value in its sentence, else in its
// label, else (a unit) the one its sentence or paragraph opens with.
void ReadUnitAndStretch(const AuditContext& c, const Reader& reader, FactInfo& f, const FactWords& fw) {
  const std::string_view text = c.in.text;
  const std::string& label = f.fact->label;
  auto [lo, hi] = Within(fw.sentence, fw.from, fw.pos);
  for (bool unit : {true, false}) {
    std::optional<Hit> hit = reader.Find(text, fw.sentence, lo, hi, unit, true);
    std::string_view source = text;
    if (!hit) {
      hit = reader.Find(label, fw.label, 0, fw.label.size(), unit, false);
      source = label;
    }
    if (!hit && unit) {
      source = text;
      hit = UnitOfOpening(c, reader, f, fw);
    }
    if (!hit) continue;
    std::string words(source.substr(hit->begin, hit->end - hit->begin));
    if (unit) {
      f.unit = hit->key;
      f.unit_words = hit->key.empty() ? "" : words;
    } else {
      f.stretch = hit->key;
      f.stretch_words = words;
    }
  }
}

// The qualifiers of the value's clause and label, and "trong đó" before it: "Toàn tỉnh tiếp
// nhận 120.000 hồ sơ, trong đó cấp xã 80.000" is a part of what was stated before. A rate
// after "trong đó" is a rate of its own subject, told apart by its unit.
void ReadQualifiers(const AuditContext& c, const Reader& reader, FactInfo& f, const FactWords& fw) {
  const std::string_view text = c.in.text;
  size_t clause = ClauseStart(text, fw.from, fw.pos);
  auto [clause_lo, clause_hi] = Within(fw.sentence, clause, fw.pos);
  reader.Qualifiers(text, fw.sentence, clause_lo, clause_hi, f.qualifiers);
  reader.Qualifiers(f.fact->label, fw.label, 0, fw.label.size(), f.qualifiers);
  const IndicatorLabel* catalogue = c.Label(f.fact->indicator);
  if (catalogue && catalogue->kind == "rate") return;
  f.part = reader.Breakdown(fw.sentence, clause_lo, clause_hi, false);
  if (!f.part && clause > fw.from + 1 && text[clause - 1] == ',') {
    auto [prev_lo, prev_hi] = Within(fw.sentence, ClauseStart(text, fw.from, clause - 1), clause - 1);
    f.part = reader.Breakdown(fw.sentence, prev_lo, prev_hi, true);
  }
}

// A scoring rule: the words after the value to the end of its clause list ("dưới 95% thì
// tiêu chí này đạt 0 điểm"). Its threshold is no value for any check.
void ReadScoringRule(const AuditContext& c, const Reader& reader, FactInfo& f, const FactWords& fw) {
  const std::string_view text = c.in.text;
  size_t value_end = std::clamp(f.fact->span.normalized.end, fw.pos, std::max(fw.pos, f.sentence.end));
  size_t stop = value_end;
  while (stop < f.sentence.end && stop < text.size() && text[stop] != ';') ++stop;
  auto [after_lo, after_hi] = Within(fw.sentence, value_end, stop);
  f.scoring = reader.ScoringRule(fw.sentence, after_lo, after_hi);
  if (f.scoring) f.numeric = false;
}

// The label's words without its numbers: two statements worded alike.
void ReadContext(FactInfo& f, const Words& label_words) {
  std::string context;
  for (const Word& w : label_words) {
    if (std::any_of(w.folded.begin(), w.folded.end(), internal::IsAsciiDigit)) continue;
    context += w.folded + " ";
    ++f.context_words;
  }
  f.context = std::hash<std::string>{}(context);
}

}  // namespace

void ReadSignatures(AuditContext& c) {
  ReadReach(c);
  const Reader reader(c);
  const std::string_view text = c.in.text;
  TextRange read_sentence{std::string::npos, std::string::npos};
  Words sentence;   // the words of the sentence read last: facts in text order share it
  for (FactInfo& f : c.facts) {
    if (c.Spent()) return;
    NoteOwnedWords(c, reader, f.fact->indicator);
    if (f.sentence.begin != read_sentence.begin || f.sentence.end != read_sentence.end) {
      read_sentence = f.sentence;
      size_t b = std::min(f.sentence.begin, text.size()), e = std::min(std::max(f.sentence.end, b), text.size());
      sentence = WordsOf(text.substr(b, e - b), b);
    }
    FactWords fw{sentence, WordsOf(f.fact->label, 0)};
    // The sentence before the value, from its last ';': "Số lượt làm bài: 2.585 lượt; Tỷ lệ ...:
    // 57,5%" are statements of their own.
    fw.pos = std::min(f.pos, text.size());
    fw.from = std::min(f.sentence.begin, fw.pos);
    if (size_t semicolon = text.substr(fw.from, fw.pos - fw.from).rfind(';'); semicolon != std::string_view::npos) {
      fw.from += semicolon + 1;
    }
    ReadUnitAndStretch(c, reader, f, fw);
    ReadQualifiers(c, reader, f, fw);
    ReadScoringRule(c, reader, f, fw);
    ReadContext(f, fw.label);
  }
}

bool Comparable(const AuditContext& c, const FactInfo& a, const FactInfo& b, bool same_quantity) {
  const std::string& ia = a.fact->indicator;
  const std::string& ib = b.fact->indicator;
  auto owned = [&](const std::string& list) { return Owns(c, ia, list) || Owns(c, ib, list); };
  auto norm = [&](const std::string& v) { return v.empty() || owned(v) ? std::string() : v; };
  if (norm(a.unit) != norm(b.unit) || norm(a.stretch) != norm(b.stretch)) return false;
  // The qualifier lists of both, owned ones aside, are the same (maps are ordered by list).
  auto qa = a.qualifiers.begin(), qb = b.qualifiers.begin();
  while (true) {
    while (qa != a.qualifiers.end() && owned(qa->first)) ++qa;
    while (qb != b.qualifiers.end() && owned(qb->first)) ++qb;
    if (qa == a.qualifiers.end() || qb == b.qualifiers.end()) {
      if (qa != a.qualifiers.end() || qb != b.qualifiers.end()) return false;
      break;
    }
    if (qa->first != qb->first) return false;
    ++qa;
    ++qb;
  }
  if (same_quantity && a.part != b.part) return false;
  switch (c.reach) {
    case AuditContext::Reach::kDocument: return true;
    case AuditContext::Reach::kSentence: return c.Tier(a, b) == 0;
    case AuditContext::Reach::kTable:
      return c.Tier(a, b) == 0 || (a.block >= 0 && a.block == b.block &&
                                   c.in.layout->blocks[a.block].kind == BlockKind::kTable);
  }
  return true;
}

std::string SignatureKey(const AuditContext& c, const FactInfo& f) {
  const std::string& id = f.fact->indicator;
  auto norm = [&](const std::string& v) { return v.empty() || Owns(c, id, v) ? std::string() : v; };
  std::string key = norm(f.unit) + "|" + norm(f.stretch) + "|";
  for (const auto& [name, words] : f.qualifiers) if (!Owns(c, id, name)) key += name + ",";
  return key + (f.part ? "|part" : "|");
}

std::string SignatureWords(const AuditContext& c, const FactInfo& f) {
  const std::string& id = f.fact->indicator;
  std::vector<std::string> words;
  auto add = [&](const std::string& list, const std::string& w) {
    if (w.empty() || Owns(c, id, list) || std::find(words.begin(), words.end(), w) != words.end()) return;
    words.push_back(w);
  };
  add(f.unit, f.unit_words);
  add(f.stretch, f.stretch_words);
  for (const auto& [name, w] : f.qualifiers) add(name, w);
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "“" : "”, “") + w;
  return out.empty() ? out : out + "”";
}

}  // namespace baocao
