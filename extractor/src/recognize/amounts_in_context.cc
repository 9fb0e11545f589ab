// "Tiền ăn: 2 triệu", "với tổng thu nhập 18 triệu/tháng, mỗi tháng … để ra được 8 triệu": in a
// sentence about money a figure in triệu, nghìn or tỷ that counts nothing after it is an amount in
// đồng. Where nothing in the sentence speaks of money ("tiếp nhận 4,3 triệu"), it stays a number.
#include <string>
#include <vector>

#include "core/strings.h"
#include "recognize/rule_set_impl.h"

namespace baocao::recognize_internal {

namespace {

constexpr size_t kSentenceReach = 400;   // bytes either side: a sentence, not a paragraph

// The sentence around [begin, end): from after the last stop before it to the first after it.
std::string_view SentenceAround(std::string_view text, size_t begin, size_t end) {
  auto is_stop = [&](size_t i) {
    char c = text[i];
    if (c == ';' || c == '!' || c == '?') return true;
    if (c == '\n') return i + 1 < text.size() && text[i + 1] == '\n';
    return c == '.' && (i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
  };
  size_t b = begin, e = end;
  const size_t b_limit = begin > kSentenceReach ? begin - kSentenceReach : 0;
  while (b > b_limit && !is_stop(b - 1)) --b;
  const size_t e_limit = std::min(text.size(), end + kSentenceReach);
  while (e < e_limit && !is_stop(e)) ++e;
  return text.substr(b, e - b);
}

// Whether a word of money stands in the sentence, or an amount already read in it.
bool SpeaksOfMoney(std::string_view sentence, const std::vector<Mention>& mentions, std::string_view text) {
  static const RE2 kMoneyWord(
      "(?i)(?:^|[^\\pL])(?:tiền|giá|lương|học\\s+phí|lệ\\s+phí|phí|thu\\s+nhập|vốn|kinh\\s+phí|ngân\\s+sách|tiết\\s+kiệm|"
      "trả|mua|bán|thuê|nộp|vay|lãi|doanh\\s+thu|thưởng|phạt|trợ\\s+cấp|chi\\s+tiêu|chi\\s+phí|đồng/|VNĐ|VND)(?:[^\\pL]|$)");
  if (RE2::PartialMatch(sentence, kMoneyWord)) return true;
  const size_t b = sentence.data() - text.data(), e = b + sentence.size();
  for (const Mention& m : mentions) {
    if (m.type == MentionType::kMoney && m.span.normalized.begin >= b && m.span.normalized.end <= e) return true;
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
    std::string_view sentence = SentenceAround(text, m.span.normalized.begin, m.span.normalized.end);
    if (!SpeaksOfMoney(sentence, mentions, text)) continue;
    static const std::string kDong = "đồng";   // a string, not a literal assigned: GCC 12 -Wrestrict
    m.type = MentionType::kMoney;
    m.unit = kDong;
  }
}

}  // namespace baocao::recognize_internal
