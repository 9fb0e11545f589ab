// A whole and its listed parts: "đã giải quyết 8.120 hồ sơ, trong đó đúng hạn 8.051 (99,2%), trễ
// hạn 69 (0,8%)": each part's share of the whole, and the parts' sum; a count beside the list
// it counts.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "audit/structure_impl.h"
#include "baocao/link/link.h"
#include "baocao/normalize/text.h"

namespace baocao::audit_structure {

// ------------------------------------------------------------------------------------------
// "Số thủ tục hành chính hiện nay: 2110, trong đó:" right before a table of one row of figures:
// the row's figures are the parts. A warning: the table may split the whole another way.

const Mention* Structure::OnlyFigure(TextRange range) const {
  const Mention* found = nullptr;
  int count = 0;
  for (const Mention* m : In(range.begin, range.end)) {
    count += IsAdditive(*m) ? 1 : 2;
    found = m;
  }
  return count == 1 ? found : nullptr;
}

void Structure::TableAfterBreakdown() {
  const Layout& layout = *c.in.layout;
  auto breakdown = c.rules.words.find("breakdown");
  if (breakdown == c.rules.words.end()) return;
  for (size_t bi = 1; bi < layout.blocks.size(); ++bi) {
    const Block& block = layout.blocks[bi];
    if (block.kind != BlockKind::kTable || block.table < 0 || block.table >= static_cast<int>(layout.tables.size())) continue;
    if (layout.blocks[bi - 1].kind == BlockKind::kTable && layout.blocks[bi - 1].table == block.table) continue;
    const LayoutTable& t = layout.tables[block.table];
    const Block& intro = layout.blocks[bi - 1];
    if (intro.kind != BlockKind::kParagraph && intro.kind != BlockKind::kListItem) continue;
    std::string_view intro_text = Between(intro.range.begin, intro.range.end);
    while (!intro_text.empty() && (intro_text.back() == ' ' || intro_text.back() == '\n')) intro_text.remove_suffix(1);
    if (intro_text.empty() || intro_text.back() != ':') continue;
    std::string folded = FoldedWords(intro_text);
    bool ends_with_cue = false;
    for (const std::string& p : breakdown->second) {
      std::string tail = " " + p + " ";
      ends_with_cue |= folded.size() >= tail.size() && folded.compare(folded.size() - tail.size(), tail.size(), tail) == 0;
    }
    if (!ends_with_cue || t.header.empty()) continue;
    const Mention* total = OnlyFigure(intro.range);
    if (!total) continue;
    std::vector<const Mention*> parts;
    int rows_with_values = 0;
    for (const auto& row : t.rows) {
      std::vector<const Mention*> in_row;
      for (size_t j = 0; j < row.size(); ++j) {
        std::string head = j < t.header.front().size() ? FoldKey(t.header.front()[j].text) : "";
        if (head == "stt" || head == "tt" || row[j].text.empty()) continue;
        if (const Mention* v = OnlyFigure(row[j].range)) in_row.push_back(v);
      }
      if (!in_row.empty()) {
        ++rows_with_values;
        parts = in_row;
      }
    }
    if (rows_with_values != 1 || parts.size() < 2) continue;
    double sum = 0;
    for (const Mention* p : parts) sum += p->number;
    if (AgreesWithin(total->number, 0, sum)) {
      SumHeld("table_sum", "builtin:table_breakdown", *total, parts, sum);
    } else if (!Flagged(*total)) {
      const bool en = c.en();
      SumFlag("builtin:table_breakdown", Severity::kWarning, *total, parts, sum, 0,
              en ? "The table after “" + std::string(intro_text) + "”" : "Bảng sau “" + std::string(intro_text) + "”");
    }
  }
}

// ------------------------------------------------------------------------------------------
// A count beside the list it counts: "Đối với 03 đơn vị sử dụng hóa chất: Công ty …; Nhà máy …;
// Xí nghiệp …." (names after a colon, one per semicolon), or "… 04 nội dung sau:" over list
// items. Names hold no figures of their own; as many as the count says. A warning: a list may
// group its names another way.

void Structure::CountedLists() {
  const bool en = c.en();
  for (const Mention* m : order) {
    if (ticker.Exhausted()) return;
    if (!IsAdditive(*m) || m->number < 2 || m->number > tuning.counted_list_max || m->number != std::floor(m->number)) continue;
    if (NamesSomething(*m) || Flagged(*m) || NounAfter(*m).empty()) continue;
    // The noun and a few words, then the colon.
    size_t colon = text.find(':', m->span.normalized.end);
    if (colon == std::string_view::npos || colon - m->span.normalized.end > tuning.counted_list_colon_reach) continue;
    std::string_view noun = Between(m->span.normalized.end, colon);
    if (noun.find_first_of(".;,()\n") != std::string_view::npos || Tokenize(noun).size() > tuning.counted_list_noun_words ||
    !In(m->span.normalized.end, colon).empty()) {
      continue;
    }
    size_t line_end = text.find('\n', colon);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view rest = Between(colon + 1, line_end);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\r')) rest.remove_suffix(1);
    int items = 0;
    std::string how;
    if (!rest.empty()) {
      // Names on the line, one per semicolon, up to the sentence's end.
      size_t stop = rest.find(". ");
      if (stop != std::string_view::npos) rest = rest.substr(0, stop);
      if (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);
      if (rest.find(';') == std::string_view::npos) continue;
      size_t from = 0;
      bool names = true;
      while (from <= rest.size() && names) {
        size_t semi = rest.find(';', from);
        std::string_view item = rest.substr(from, semi == std::string_view::npos ? std::string_view::npos : semi - from);
        names = IsName(item, colon + 1 + from);
        ++items;
        if (semi == std::string_view::npos) break;
        from = semi + 1;
      }
      if (!names) continue;
      how = en ? "names after the colon" : "tên nêu sau dấu hai chấm";
    } else {
      // One list item below for each.
      std::vector<TextRange> below = ListItemsBelow(colon);
      bool names = !below.empty();
      for (TextRange item : below) {
        size_t at = item.begin;
        while (at < item.end && (text[at] == ' ' || text[at] == '-' || text[at] == '+' || text[at] == '*')) ++at;
        names = names && IsName(Between(at, item.end), at);
      }
      if (!names) continue;
      items = static_cast<int>(below.size());
      how = en ? "list items below" : "mục liệt kê bên dưới";
    }
    if (items < 2) continue;
    if (items == static_cast<int>(m->number)) {
      Check k = MakeCheck("sum", "builtin:counted_list", {}, m->number, items);
      k.members.push_back({"", MemberRole::kTotal, m->number, m->span});
      Held(std::move(k));
      continue;
    }
    Flag f = MakeFlag("sum_mismatch", Severity::kWarning, m->number, items, "builtin:counted_list");
    AddEvidence(f, m->span);
    std::string said(Between(m->span.normalized.begin, colon + 1));
    f.explanation = en ? "“" + said + "” is followed by " + std::to_string(items) + " " + how + ", not " + m->span.text + "."
                       : "«" + said + "» nhưng chỉ có " + std::to_string(items) + " " + how + ", khác số đã nêu là " + m->span.text + ".";
    Raise(std::move(f));
  }
}

bool Structure::Complementary(const std::vector<Part>& parts) const {
  if (parts.size() < 2) return false;
  // Each word list "partition_…" is one split: every part's label must name a different member.
  for (auto it = c.rules.words.lower_bound("partition_"); it != c.rules.words.end() && it->first.rfind("partition_", 0) == 0; ++it) {
    const std::vector<std::string>& members = it->second;
    std::set<size_t> used;
    bool all = true;
    for (const Part& p : parts) {
      // The longest member that the label names ("không đạt" before "đạt").
      size_t hit = SIZE_MAX;
      for (size_t k = 0; k < members.size(); ++k) {
        if (p.label.find(" " + members[k] + " ") == std::string::npos) continue;
        if (hit == SIZE_MAX || members[k].size() > members[hit].size()) hit = k;
      }
      if (hit == SIZE_MAX || !used.insert(hit).second) { all = false; break; }
    }
    // Two of a split in two make the whole ("đã … chưa …"); two of three ("trực tuyến, trực
    // tiếp" without "bưu chính") may leave one out.
    if (all && (members.size() == 2 || used.size() == members.size())) return true;
  }
  return false;
}

Structure::PartsReading Structure::ReadWholeAndParts(const Mention& total, const std::string& cue, const std::vector<Part>& parts,
                                                     int expected) const {
  PartsReading r;
  const bool en = c.en();
  r.total_decimals = Decimals(total);
  // Shares: each against the whole.
  int shares = 0;
  double share_sum = 0;
  for (const Part& p : parts) {
    if (!p.percent) continue;
    ++shares;
    share_sum += p.percent->number;
    if (total.number > 0 && RateAgrees(p.percent->number, Decimals(*p.percent), p.amount / total.number * 100.0, false)) {
      ++r.shares_agree;
    }
  }
  bool all_shared = shares == static_cast<int>(parts.size());
  r.shares_make_whole = all_shared && parts.size() >= 2 && std::fabs(share_sum - 100.0) <= tuning.share_rounding * parts.size() + kBinaryNoise;
  r.rounded_to_100 = all_shared && std::fabs(share_sum - 100.0) <= kBinaryNoise;
  r.decimals = r.total_decimals;
  for (const Part& p : parts) {
    r.sum += p.amount;
    r.values.push_back(p.amount);
    r.decimals = std::max(r.decimals, Decimals(*p.value));
  }
  r.sum_holds = parts.size() >= 2 && AgreesWithin(total.number, r.decimals, r.sum);
  r.counted = expected >= 2 && expected == static_cast<int>(parts.size());
  r.complementary = Complementary(parts);
  r.exhaustive = r.shares_make_whole || r.complementary || r.counted;
  // The whole and the words that open its parts, as written: «8.120 hồ sơ» … «trong đó»;
  // a list opened by a parenthesis or a colon quotes the whole with it: «23 doanh nghiệp … (».
  std::string open = en ? "“" : "«", close = en ? "”" : "»";
  r.quote = cue == "(" || cue == ":" ? open + total.span.text + " … " + cue + close
                                     : open + total.span.text + close + " … " + open + cue + close;
  return r;
}

void Structure::CheckPartShares(const Mention& total, const std::vector<Part>& parts, const PartsReading& r) {
  const bool en = c.en();
  for (const Part& p : parts) {
    if (!p.percent || total.number <= 0 || Flagged(*p.percent)) continue;
    int d = Decimals(*p.percent);
    double computed = p.amount / total.number * 100.0;
    bool ok = RateAgrees(p.percent->number, d, computed, false) ||
              (r.rounded_to_100 && std::fabs(p.percent->number - computed) <= std::pow(kDecimalBase, -d) + kBinaryNoise);
    if (ok) {
      Check k = MakeCheck("part_percent", "builtin:part_percent", {}, p.percent->number, RoundTo(computed, d));
      k.members.push_back({"", MemberRole::kWhole, total.number, total.span});
      k.members.push_back({"", MemberRole::kPart, p.amount, p.value->span});
      k.members.push_back({"", MemberRole::kRate, p.percent->number, p.percent->span});
      Held(std::move(k));
      continue;
    }
    // The whole is this part's base only when another share or the sum confirms it.
    bool confirmed = r.shares_agree > 0 || r.sum_holds;
    Flag f = MakeFlag("ratio_mismatch", confirmed ? Severity::kError : Severity::kWarning, p.percent->number, RoundTo(computed, d), "builtin:part_percent");
    AddEvidence(f, total.span);
    AddEvidence(f, p.value->span);
    AddEvidence(f, p.percent->span);
    std::string q = FormatNumber(p.value->number, Decimals(*p.value), en) + " / " + FormatNumber(total.number, r.total_decimals, en) +
                    " = " + FormatValue(computed, d, "%", en);
    f.explanation = en ? "Part “" + p.value->span.text + "” of the whole " + r.quote + ": " + q + ", not the " +
                             FormatValue(p.percent->number, d, "%", en) + " stated beside it."
                       : "Phần «" + p.value->span.text + "» của tổng " + r.quote + ": " + q + ", khác tỷ lệ ghi kèm là " +
                             FormatValue(p.percent->number, d, "%", en) + ".";
    if (!confirmed) {
      f.explanation += en ? " (No other share confirms that the percentage is of this whole.)"
                          : " (Không có tỷ lệ nào khác xác nhận tỷ lệ này tính trên tổng đó.)";
    }
    Raise(std::move(f));
  }
}

void Structure::FlagPartsSum(const Mention& total, const std::vector<Part>& parts, const PartsReading& r) {
  const bool en = c.en();
  // The list may name only some parts ("trong đó: nữ 30, đảng viên 12"): an error only where the
  // words say the parts make the whole (their shares make 100%, they are complementary, or they
  // are as many as the text announces); else a warning, and none where the parts and the whole
  // are far apart (another quantity was read). A whole already flagged against other parts may
  // break here too; parts already flagged are one inconsistency told once.
  bool any_flagged = std::any_of(parts.begin(), parts.end(), [&](const Part& p) { return Flagged(*p.value); });
  if (any_flagged) return;
  const double far = tuning.far_off_factor;
  if (!r.exhaustive && (r.sum > far * total.number || far * r.sum < total.number)) return;
  if (!r.exhaustive) {
    // Unannounced lists often name only some parts: warn only where one figure, with a digit or
    // two written differently, would make the sum hold (a slip, not a missing part).
    double diff = total.number - r.sum;
    bool slip = DigitSlip(total, r.sum);
    for (const Part& p : parts) slip = slip || DigitSlip(*p.value, p.value->number + diff * (p.value->number / (p.amount != 0 ? p.amount : 1)));
    if (!slip) return;
  }
  Flag f = MakeFlag("sum_mismatch", r.exhaustive ? Severity::kError : Severity::kWarning, total.number, r.sum, "builtin:stated_parts");
  AddEvidence(f, total.span);
  for (const Part& p : parts) AddEvidence(f, p.value->span);
  std::string why = r.shares_make_whole ? (en ? "their shares add up to 100%" : "các tỷ lệ của chúng cộng lại bằng 100%")
                    : r.complementary   ? (en ? "they are complementary parts" : "đó là các phần bù nhau")
                    : r.counted         ? (en ? "as many parts as the text announces" : "đủ số phần văn bản đã nêu")
                                        : (en ? "the list may not name every part" : "danh sách có thể chưa nêu hết các phần");
  std::string expr = JoinValues(r.values, r.decimals, en) + " = " + FormatNumber(r.sum, r.decimals, en);
  f.explanation = en ? "Parts listed after " + r.quote + " (" + why + "): " + expr + ", not the " +
                           FormatNumber(total.number, r.total_decimals, en) + " stated as the whole."
                     : "Các phần nêu sau " + r.quote + " (" + why + "): " + expr + ", khác tổng đã nêu là " +
                           FormatNumber(total.number, r.total_decimals, en) + ".";
  Raise(std::move(f));
}

bool Structure::WholeAndParts(const Mention& total, const std::string& cue, std::vector<Part> parts, int expected) {
  const PartsReading r = ReadWholeAndParts(total, cue, parts, expected);
  CheckPartShares(total, parts, r);
  if (parts.size() < 2) return false;
  if (r.sum_holds) {
    Check k = MakeCheck("sum", "builtin:stated_parts", {}, total.number, r.sum);
    k.members.push_back({"", MemberRole::kTotal, total.number, total.span});
    for (const Part& p : parts) k.members.push_back({"", MemberRole::kPart, p.amount, p.value->span});
    Held(std::move(k));
    return true;
  }
  FlagPartsSum(total, parts, r);
  return false;
}

void Structure::Breakdowns() {
  const Layout& layout = *c.in.layout;
  if (c.rules.words.find("parts_follow") == c.rules.words.end()) return;
  std::set<size_t> used_totals;
  for (size_t bi = 0; bi < layout.blocks.size(); ++bi) {
    const Block& block = layout.blocks[bi];
    // A numbered line of prose ("1. Tổng số văn bản … là 412, trong đó …") reads as a heading.
    // A table's cells hold prose too ("23 doanh nghiệp (20 đang hoạt động, 03 tạm dừng)"):
    // sentences there end at the cell's tab.
    if (block.kind != BlockKind::kParagraph && block.kind != BlockKind::kListItem && block.kind != BlockKind::kHeading &&
        block.kind != BlockKind::kTable) {
      continue;
    }
    std::vector<const Mention*> here = In(block.range.begin, block.range.end);
    for (size_t mi = 0; mi < here.size(); ++mi) {
      const Mention& total = *here[mi];
      if (!IsAdditive(total) || total.number <= 0 || NamesSomething(total) || CountsParts(total)) continue;
      if (std::optional<PartsList> list = OpenedParts(here, mi, block)) ReadParts(*list, here, mi, used_totals);
    }
  }
}

bool Structure::CountsParts(const Mention& total) const {
  size_t from = total.span.normalized.begin > tuning.parts_count_reach ? total.span.normalized.begin - tuning.parts_count_reach : 0;
  std::string before = FoldedWords(Between(from, total.span.normalized.begin));
  bool counts_parts = false;
  for (const char* w : {" chia thanh ", " gom ", " bao gom ", " gom co ", " chia lam "}) {
    std::string tail(w);
    counts_parts |= before.size() >= tail.size() && before.compare(before.size() - tail.size(), tail.size(), tail) == 0;
  }
  return counts_parts;
}

size_t Structure::NextFigurePastAsides(const std::vector<const Mention*>& here, size_t mi, const Block& block) const {
  const size_t after = here[mi]->span.normalized.end;
  for (size_t k = mi + 1; k < here.size() && k <= mi + tuning.aside_figures; ++k) {
    int depth = 0;
    for (char ch : Between(after, here[k]->span.normalized.begin)) depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
    if (depth > 0 && Between(here[k]->span.normalized.end, block.range.end).find(')') != std::string_view::npos) continue;
    return here[k]->span.normalized.begin;
  }
  return block.range.end;
}

std::optional<Structure::PartsList> Structure::OpenedParts(const std::vector<const Mention*>& here, size_t mi, const Block& block) const {
  const Mention& total = *here[mi];
  const size_t after = total.span.normalized.end;
  PartsList list;
  list.sentence = Sentence(total.span.normalized.begin, block.range.begin, block.range.end, false, false);
  const size_t next_pos = NextFigurePastAsides(here, mi, block);
  // The cue may open the next sentence: "… đạt 291.881.108.667 đồng. Trong đó: …".
  size_t reach = std::min(next_pos, list.sentence.end);
  if (list.sentence.end < next_pos) {
    TextRange following = Sentence(std::min(list.sentence.end + 2, block.range.end), block.range.begin, block.range.end, false, false);
    std::string cue_next;
    size_t at = FindCue(Between(following.begin, following.end), "parts_follow", &cue_next);
    if (at != std::string_view::npos && Tokenize(Between(following.begin, following.begin + at)).empty()) {
      reach = std::min(next_pos, following.end);
      list.sentence.end = following.end;
    }
  }
  list.gap = Between(after, reach);
  if (!FindPartsCue(list, total, reach) || !FindListBounds(list, total)) return std::nullopt;
  return list;
}

bool Structure::FindPartsCue(PartsList& list, const Mention& total, size_t reach) const {
  const std::string_view gap = list.gap;
  size_t cue_at = FindCue(gap, "parts_follow", &list.cue);
  // A cue inside an aside that closes before the list ("09 giấy phép … (bao gồm cả cấp mới và
  // điều chỉnh), trong đó, thăm dò: 03 …") speaks of the aside: look past it.
  while (cue_at != std::string_view::npos) {
    std::string_view lead = gap.substr(0, cue_at);
    size_t open = lead.rfind('(');
    if (open == std::string_view::npos || lead.find(')', open) != std::string_view::npos) break;
    size_t close = gap.find(')', cue_at);
    if (close == std::string_view::npos) break;
    std::string later;
    size_t again = FindCue(gap.substr(close + 1), "parts_follow", &later);
    if (again == std::string_view::npos) break;
    cue_at = close + 1 + again;
    list.cue = later;
  }
  if (cue_at == std::string_view::npos) {
    // "23 doanh nghiệp (20 đang hoạt động, 03 tạm dừng)": parts in parentheses right after.
    // "Cát làm VLXD 04 giấy phép: Thăm dò: 02 giấy phép; Khai thác: 02 giấy phép": after
    // a colon that follows the whole's noun.
    size_t open = gap.find('(');
    size_t colon = gap.find(':');
    if (colon != std::string_view::npos && (open == std::string_view::npos || colon < open) &&
        Tokenize(gap.substr(0, colon)).size() >= 1 && Tokenize(gap.substr(0, colon)).size() <= 4 &&
        gap.substr(0, colon).find_first_of(",;(") == std::string_view::npos && !NounAfter(total).empty()) {
      cue_at = colon;
      list.cue = ":";
    } else if (open == std::string_view::npos || Tokenize(gap.substr(0, open)).size() > 4 ||
               gap.substr(0, open).find_first_of(",;:") != std::string_view::npos) {
      return false;
    } else {
      cue_at = open;
      list.cue = "(";
    }
    list.paren_only = true;
  }
  list.cue_at = cue_at;
  // "cụ thể" opens a list only as "cụ thể:" or "cụ thể như sau" ("kiến nghị cụ thể sửa đổi" does not).
  if (list.cue == "cu the") {
    std::string_view after_cue = Between(total.span.normalized.end + cue_at, reach);
    size_t colon = after_cue.find(':');
    std::string folded_after = FoldedWords(after_cue);
    if (!(colon != std::string_view::npos && Tokenize(after_cue.substr(0, colon)).size() <= 4) &&
        folded_after.find(" cu the nhu sau ") != 0) {
      return false;
    }
  }
  return true;
}

bool Structure::FindListBounds(PartsList& list, const Mention& total) const {
  const size_t after = total.span.normalized.end;
  const std::string& cue = list.cue;
  // Nothing but the whole's noun and a few words may stand between it and the cue.
  // Further, up to twice as many, only for parts that each name the whole's noun ("1,69 ha
  // hiện trạng … cho các tổ chức thuê đất … (gồm: 0,67 ha của … và 1,02 ha của …)").
  const size_t words_to_cue = Tokenize(WithoutAsides(list.gap.substr(0, list.cue_at))).size();
  if (words_to_cue > 2 * tuning.whole_to_cue_words) return false;
  list.far_cue = words_to_cue > tuning.whole_to_cue_words;
  std::string rest_folded = FoldedWords(list.gap.substr(list.cue_at));
  list.one_notable = !list.paren_only && rest_folded.find(" " + cue + " co ") == 0;
  list.cue_pos = after + list.cue_at;
  list.cue_written = CueAsWritten(list);
  // The list ends where the parentheses holding the cue close, else with the sentence
  // (after a bare colon, with its line).
  list.list_end = list.sentence.end;
  if (cue == ":") {
    size_t nl = text.find('\n', list.cue_pos);
    if (nl != std::string_view::npos) list.list_end = std::min(list.list_end, nl);
    // "Có 2 sáng kiến hoặc giải pháp mới: 1": a label and its value, not a whole and parts.
    std::vector<const Mention*> first = In(list.cue_pos, list.list_end);
    if (first.empty() || NounAfter(*first.front()).empty()) return false;
  }
  std::string_view lead = Between(after, list.cue_pos + (cue == "(" ? 1 : 0));
  size_t open = lead.rfind('(');
  if (open != std::string_view::npos && lead.find(')', open) == std::string_view::npos) {
    size_t close = text.find(')', list.cue_pos);
    if (close != std::string_view::npos) list.list_end = std::min(list.list_end, close);
  }
  // "chia thành 02 nhóm:" announces the parts' count; so does "04 cụm … 62ha (…)" before.
  list.expected = AnnouncedCount(list.sentence.begin, total.span.normalized.begin);
  list.parts_start = list.cue_pos;
  if (list.paren_only) return true;
  std::vector<const Mention*> first = In(list.cue_pos, list.list_end);
  if (first.empty() || !IsAdditive(*first.front())) return true;
  std::string_view between = Between(list.cue_pos, first.front()->span.normalized.begin);
  std::string_view after_first = Between(first.front()->span.normalized.end, list.list_end);
  size_t colon = after_first.find(':');
  // "chia thành 02 nhóm:" — the count, then the list.
  if (Tokenize(between).size() <= 3 && colon != std::string_view::npos && Tokenize(after_first.substr(0, colon)).size() <= 3 &&
      Tokenize(after_first.substr(colon + 1)).empty()) {
    list.expected = static_cast<int>(first.front()->number);
    list.parts_start = first.front()->span.normalized.end;
  }
  return true;
}

std::string Structure::CueAsWritten(const PartsList& list) const {
  if (list.paren_only) return list.cue;
  // A window of the text the cue was read in, cut on a character boundary (it is quoted): the
  // folded phrase's bytes and a few more for the diacritics it lost.
  constexpr size_t kDiacriticBytes = 6;
  const size_t window = std::min<size_t>(list.gap.size() - list.cue_at, list.cue.size() + kDiacriticBytes);
  std::string written(Between(list.cue_pos, CharBoundaryAtOrBefore(text, list.cue_pos + window)));
  // Cut the written cue to as many words as the phrase has.
  size_t want = Tokenize(list.cue).size(), seen = 0, k = 0;
  for (; k < written.size(); ++k) {
    if (written[k] == ' ' && ++seen == want) break;
  }
  written = written.substr(0, k);
  while (!written.empty() && std::ispunct(static_cast<unsigned char>(written.back()))) written.pop_back();
  return written;
}

void Structure::CollectParts(const PartsList& list, const Mention& whole, std::vector<Part>& parts, bool& foreign) const {
  size_t parts_from = list.parts_start;
  // "đã giải quyết 2.051 hồ sơ; trong đó 2.041 … trước hạn; đang giải quyết 214 hồ sơ": a figure
  // whose words give it another status than the whole's is no part of it, and the list of parts
  // ends before it.
  const std::string whole_status = Status(FoldedWords(Between(list.sentence.begin, whole.span.normalized.begin)), /*last=*/true);
  bool list_over = false;
  auto take = [&](const Mention& v, size_t end) {
    if (NamesSomething(v)) return;
    if (!SameKind(whole, v)) { foreign = true; return; }
    Part p{&v, ShareAfter(IndexOf(&v), end), "", AmountOf(whole, v)};
    // Its label: the words since the previous part (and its share), or since the cue.
    size_t from = parts_from;
    if (!parts.empty()) {
      from = std::max(from, parts.back().value->span.normalized.end);
      if (parts.back().percent) from = std::max(from, parts.back().percent->span.normalized.end);
    }
    if (from < v.span.normalized.begin) p.label = FoldedWords(Between(from, v.span.normalized.begin));
    std::string status = Status(p.label, /*last=*/false);
    if (!whole_status.empty() && !status.empty() && status != whole_status && Verb(status) == Verb(whole_status)) {
      list_over = true;
      return;
    }
    parts.push_back(p);
  };
  for (const Mention* v : In(parts_from, list.list_end)) {
    if (list_over) break;
    if (v->type == MentionType::kPercent) continue;
    if (!IsAdditive(*v)) break;
    if (!PartOfThisList(list, whole, *v, parts)) continue;
    take(*v, list.list_end);
  }
  // "…, trong đó:" ending the paragraph: the list items below, one part each (the first
  // figure of the whole's kind in each).
  std::string_view rest = Between(parts_from, list.list_end);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\n')) rest.remove_suffix(1);
  if (!parts.empty() || rest.empty() || rest.back() != ':' || Tokenize(rest).size() > tuning.list_intro_words) return;
  for (TextRange item : ListItemsBelow(list.list_end)) {
    const Mention* pick = nullptr;
    for (const Mention* v : In(item.begin, item.end)) {
      if (IsAdditive(*v) && SameKind(whole, *v) && !LeafMarkerAt(*v) && !NamesSomething(*v)) { pick = v; break; }
    }
    if (!pick) break;
    parts_from = item.begin;
    take(*pick, Sentence(pick->span.normalized.begin, item.begin, item.end, false, false).end);
  }
}

bool Structure::PartOfThisList(const PartsList& list, const Mention& whole, const Mention& v, const std::vector<Part>& parts) const {
  // A part's own breakdown in parentheses ("03 giấy phép (01 cấp mới, 02 điều chỉnh)") is one
  // level down: not a part of this whole. A figure in parentheses after a part's name ("CCN Đông
  // An (60 ha)") is that part.
  int depth = 0;
  size_t opened = 0;
  size_t from = list.cue == "(" ? list.cue_pos + 1 : list.cue_pos;
  std::string_view lead = Between(from, v.span.normalized.begin);
  for (size_t q = 0; q < lead.size(); ++q) {
    if (lead[q] == '(' && depth++ == 0) opened = from + q;
    if (lead[q] == ')' && depth > 0) --depth;
  }
  if (depth > 0) {
    size_t since = from;
    if (!parts.empty()) since = std::max(since, parts.back().value->span.normalized.end);
    bool after_name = parts.empty() || Between(since, opened).find_first_of(",;") != std::string_view::npos;
    if (!after_name) return false;
  }
  // After a bare colon the parts name what the whole counts: "04 giấy phép: Thăm dò: 01 giấy phép".
  return !(list.cue == ":" && (NounAfter(whole).empty() || NounAfter(v) != NounAfter(whole)));
}

bool Structure::NamedParts(const Mention& whole, const std::vector<Part>& parts) const {
  std::string noun = Unabbreviated(NounAfter(whole));
  return !noun.empty() && parts.size() >= 2 &&
         std::all_of(parts.begin(), parts.end(), [&](const Part& p) { return Unabbreviated(NounAfter(*p.value)) == noun; });
}

void Structure::ReadParts(const PartsList& list, const std::vector<const Mention*>& here, size_t mi, std::set<size_t>& used_totals) {
  const Mention& total = *here[mi];
  std::vector<Part> parts;
  bool foreign = false;
  const Mention* whole = &total;
  CollectParts(list, total, parts, foreign);
  // Figures of other kinds mixed in ("58 kho, trong đó: … sức chứa 210 tấn (03 kho) …; 01 kho
  // … 60 tấn và 52 kho"): where every part taken names the whole's noun, those are its parts.
  // Only right after the whole and its noun ("58 kho, trong đó:"): a cue further on may open
  // the parts of something named between ("210 tấn (03 kho) và Cụm kho … gồm có 02 kho").
  bool named = false;
  if (foreign && !list.paren_only && Tokenize(list.gap.substr(0, list.cue_at)).size() <= 2 && NamedParts(total, parts)) {
    foreign = false;
    named = true;
  }
  if (list.far_cue && (foreign || !NamedParts(total, parts))) return;
  // "05 cụm … (tổng diện tích 338 ha, tổng mức đầu tư … 4.056 tỷ đồng), cụ thể:": when the
  // figure nearest the cue is of another kind than the parts, an earlier one of the
  // sentence may be their whole.
  for (size_t back = 1; back <= 3 && mi >= back && (parts.size() < 2 || foreign); ++back) {
    const Mention& earlier = *here[mi - back];
    if (earlier.span.normalized.begin < list.sentence.begin || !IsAdditive(earlier) || NamesSomething(earlier)) break;
    std::vector<Part> other;
    bool other_foreign = false;
    CollectParts(list, earlier, other, other_foreign);
    if (other.size() >= 2 && !other_foreign) {
      parts = std::move(other);
      foreign = false;
      whole = &earlier;
    }
  }
  if (parts.empty() || (list.one_notable && parts.size() == 1) || (list.paren_only && parts.size() < 2)) return;
  std::string words = FoldedWords(Between(list.sentence.begin, list.sentence.end));
  for (const Part& p : parts) words += p.label;
  if (Scores(words)) return;
  if (foreign && !list.paren_only) {
    // Parts of another kind mixed in: only the shares are read, each against the whole.
    for (const Part& p : parts) if (p.percent) WholeAndParts(*whole, list.cue_written, {p}, 0);
    return;
  }
  if (foreign) return;
  if (!used_totals.insert(whole->span.start).second) return;
  WholeAndParts(*whole, list.cue_written, std::move(parts), whole == &total && !named ? list.expected : 0);
}

void Structure::WholeBeforeDetails() {
  for (const Block& block : c.in.layout->blocks) {
    if (block.kind != BlockKind::kParagraph && block.kind != BlockKind::kListItem) continue;
    std::string_view body = Between(block.range.begin, block.range.end);
    while (!body.empty() && (body.back() == ' ' || body.back() == '\n')) body.remove_suffix(1);
    if (body.size() < 2 || body.back() != ':') continue;
    const size_t colon = block.range.begin + body.size() - 1;
    TextRange cue = Sentence(colon - 1, block.range.begin, colon + 1, false, false);
    std::string folded = FoldedWords(Between(cue.begin, colon));
    if (folded.rfind(" cu the ", 0) != 0 || folded.find(" nhu sau ") == std::string::npos || !In(cue.begin, colon).empty()) continue;
    size_t dot = cue.begin;
    while (dot > block.range.begin && (text[dot - 1] == ' ' || text[dot - 1] == '\n')) --dot;
    if (dot <= block.range.begin + 1 || text[dot - 1] != '.') continue;
    TextRange stated = Sentence(dot - 2, block.range.begin, dot, false, false);
    std::vector<TextRange> items = ListItemsBelow(colon);
    if (items.size() < 2) continue;
    // Each item's first figure that counts something; all of one noun.
    std::vector<const Mention*> firsts;
    std::string noun;
    for (TextRange item : items) {
      const Mention* pick = nullptr;
      for (const Mention* v : In(item.begin, item.end)) {
        if (IsAdditive(*v) && !LeafMarkerAt(*v) && !NamesSomething(*v)) { pick = v; break; }
      }
      std::string n = pick ? Unabbreviated(NounAfter(*pick)) : "";
      if (n.empty() || (!noun.empty() && n != noun)) { firsts.clear(); break; }
      noun = n;
      firsts.push_back(pick);
    }
    if (firsts.size() < 2) continue;
    const Mention* whole = nullptr;
    for (const Mention* m : In(stated.begin, stated.end)) {
      if (IsAdditive(*m) && !NamesSomething(*m) && Unabbreviated(NounAfter(*m)) == noun) { whole = m; break; }
    }
    if (!whole || whole->number <= 0) continue;
    std::vector<Part> parts;
    for (size_t k = 0; k < firsts.size(); ++k) {
      const Mention& v = *firsts[k];
      Part p{&v, ShareAfter(IndexOf(&v), items[k].end), FoldedWords(Between(items[k].begin, v.span.normalized.begin)), AmountOf(*whole, v)};
      parts.push_back(p);
    }
    constexpr size_t kQuotedCue = 40;   // bytes of the announcing sentence quoted
    std::string cue_written(Between(cue.begin, CharBoundaryAtOrBefore(text, std::min(colon, cue.begin + kQuotedCue))));
    WholeAndParts(*whole, Trim(cue_written), std::move(parts), 0);
  }
}

}  // namespace baocao::audit_structure
