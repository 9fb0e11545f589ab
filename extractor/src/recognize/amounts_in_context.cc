// "Tiền ăn: 2 triệu", "với tổng thu nhập 18 triệu/tháng, mỗi tháng … để ra được 8 triệu": in a
// sentence about money a figure in triệu, nghìn or tỷ that counts nothing after it is an amount in
// đồng. Where nothing in the sentence speaks of money ("tiếp nhận 4,3 triệu"), it stays a number.
#include <algorithm>
#include <string>
#include <vector>

#include "core/sentences.h"
#include "core/strings.h"
#include "recognize/rule_set_impl.h"

namespace baocao::recognize_internal {

namespace {

constexpr size_t kSentenceReach = 400;   // bytes either side: a sentence, not a paragraph

// Whether a word of money stands in the sentence, or an amount already read in it.
bool SpeaksOfMoney(std::string_view sentence, const std::vector<Mention>& mentions, std::string_view text) {
  static const RE2 kMoneyWord(
      "(?i)(?:^|[^\\pL])(?:tiền|giá|lương|học\\s+phí|lệ\\s+phí|phí|thu\\s+nhập|vốn|kinh\\s+phí|ngân\\s+sách|tiết\\s+kiệm|"
      "trả|mua|bán|thuê|nộp|vay|lãi|doanh\\s+thu|thưởng|phạt|trợ\\s+cấp|chi\\s+tiêu|chi\\s+phí|đồng/|VNĐ|VND)(?:[^\\pL]|$)");
  if (RE2::PartialMatch(sentence, kMoneyWord)) return true;
  const size_t b = sentence.data() - text.data(), e = b + sentence.size();
  // Mentions are in text order: only those of the sentence are looked at (linear in the text).
  auto it = std::lower_bound(mentions.begin(), mentions.end(), b,
                             [](const Mention& x, size_t at) { return x.span.normalized.begin < at; });
  for (; it != mentions.end() && it->span.normalized.begin < e; ++it) {
    if (it->type == MentionType::kMoney && it->span.normalized.end <= e) return true;
  }
  return false;
}

// Whether the figure ends in a scale word and no counted noun follows it ("8 triệu, chia …",
// "1 triệu\n"; not "2 triệu người", "1,2 triệu hộ").
bool ScaledAndCountsNothing(std::string_view text, const Mention& m) {
  static const RE2 kScaleLast("(?i)(?:triệu|nghìn|ngàn|tỷ|tỉ)$");
  static const RE2 kWordAfter(R"(^[ ]*(\pL+))");
  static const RE2 kMayFollow(
      "^(?:và|là|cho|với|mỗi|một|để|thì|nhưng|còn|nên|so|từ|đến|khi|nếu|rồi|nữa|mà|hay|hoặc|tại|trong|"
      "trên|được|đã|sẽ|thôi|chia|đó|này|kia|ấy)$");
  const size_t b = m.span.normalized.begin, e = m.span.normalized.end;
  if (!RE2::PartialMatch(text.substr(b, e - b), kScaleLast)) return false;
  constexpr size_t kNextWordBytes = 24;
  re2::StringPiece word;
  if (!RE2::PartialMatch(text.substr(e, kNextWordBytes), kWordAfter, &word)) return true;
  return RE2::FullMatch(internal::Lower(std::string_view(word.data(), word.size())), kMayFollow);
}

}  // namespace

void ReadAmountsInContext(std::string_view text, std::vector<Mention>& mentions) {
  for (Mention& m : mentions) {
    if (m.type != MentionType::kNumber || m.range_to || !m.unit.empty() || !ScaledAndCountsNothing(text, m)) continue;
    const TextRange around = internal::SentenceAround(text, m.span.normalized.begin, kSentenceReach, {.semicolon = true});
    std::string_view sentence = text.substr(around.begin, around.end - around.begin);
    if (!SpeaksOfMoney(sentence, mentions, text)) continue;
    static const std::string kDong = "đồng";   // a string, not a literal assigned: GCC 12 -Wrestrict
    m.type = MentionType::kMoney;
    m.unit = kDong;
  }
}

}  // namespace baocao::recognize_internal
