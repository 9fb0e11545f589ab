#include "source/docx_numbering.h"

#include <charconv>
#include <string_view>


namespace baocao::internal {

namespace {

constexpr uint32_t kNone = XmlTree::kNone;
constexpr int kMaxLevels = 9;                    // w:ilvl 0..8
constexpr int kLetters = 26;
constexpr unsigned char kUtf8LeadE = 0xEF;       // U+F000..U+FFFF start EF (the symbol fonts' area)
constexpr std::string_view kBullet = "•";

struct RomanDigit {
  int value;
  const char* text;
};
constexpr RomanDigit kRoman[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
                                 {50, "L"},   {40, "XL"},  {10, "X"},  {9, "IX"},   {5, "V"},   {4, "IV"}, {1, "I"}};

int IntOf(const std::string* s, int fallback) {
  int v = 0;
  if (!s || std::from_chars(s->data(), s->data() + s->size(), v).ec != std::errc()) return fallback;
  return v;
}

std::string Formatted(int n, const std::string& format) {
  if (format == "lowerLetter" || format == "upperLetter") {
    const char base = format == "lowerLetter" ? 'a' : 'A';
    const int k = n > 0 ? (n - 1) % kLetters : 0;
    return std::string(static_cast<size_t>(n > 0 ? (n - 1) / kLetters + 1 : 1), static_cast<char>(base + k));
  }
  if (format == "lowerRoman" || format == "upperRoman") {
    std::string out;
    for (const RomanDigit& d : kRoman) {
      for (; n >= d.value; n -= d.value) out += d.text;
    }
    if (format == "lowerRoman") {
      for (char& c : out) c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  return std::to_string(n);
}

}  // namespace

DocxNumbering::DocxNumbering(const XmlTree& t) {
  const uint32_t root = t.root();
  if (root == kNone) return;
  const uint32_t abstract_num = t.Id("w:abstractNum"), num = t.Id("w:num"), lvl = t.Id("w:lvl"),
                 start = t.Id("w:start"), fmt = t.Id("w:numFmt"), text = t.Id("w:lvlText"), val = t.Id("w:val"),
                 ilvl = t.Id("w:ilvl"), abstract_id = t.Id("w:abstractNumId"), num_id = t.Id("w:numId"),
                 override_ = t.Id("w:lvlOverride"), start_override = t.Id("w:startOverride");
  auto child_val = [&](uint32_t node, uint32_t name) -> const std::string* {
    const uint32_t c = name == kNone ? kNone : t.Child(node, name);
    return c == kNone ? nullptr : t.Attribute(c, val);
  };
  for (uint32_t n = t.first_child(root); n != kNone; n = t.next_sibling(n)) {
    if (t.name(n) == abstract_num && abstract_num != kNone) {
      std::vector<Level>& levels = abstract_[IntOf(t.Attribute(n, abstract_id), -1)];
      levels.assign(kMaxLevels, Level{});
      for (uint32_t l = t.first_child(n); l != kNone; l = t.next_sibling(l)) {
        const int k = t.name(l) == lvl ? IntOf(t.Attribute(l, ilvl), -1) : -1;
        if (k < 0 || k >= kMaxLevels) continue;
        levels[static_cast<size_t>(k)] = {IntOf(child_val(l, start), 1),
                                          child_val(l, fmt) ? *child_val(l, fmt) : "decimal",
                                          child_val(l, text) ? *child_val(l, text) : ""};
      }
    } else if (t.name(n) == num && num != kNone) {
      auto& [abstract, starts] = nums_[IntOf(t.Attribute(n, num_id), -1)];
      abstract = IntOf(child_val(n, abstract_id), -1);
      for (uint32_t o = t.first_child(n); o != kNone; o = t.next_sibling(o)) {
        const std::string* s = t.name(o) == override_ ? child_val(o, start_override) : nullptr;
        if (s) starts[IntOf(t.Attribute(o, ilvl), 0)] = IntOf(s, 1);
      }
    }
  }
}

std::string DocxNumbering::Next(int num_id, int level) {
  auto num = nums_.find(num_id);
  if (num == nums_.end() || level < 0 || level >= kMaxLevels) return "";
  auto abstract = abstract_.find(num->second.first);
  if (abstract == abstract_.end()) return "";
  const std::vector<Level>& levels = abstract->second;
  std::vector<int>& counters = counters_[num_id];
  if (counters.empty()) {
    for (int k = 0; k < kMaxLevels; ++k) {
      auto over = num->second.second.find(k);
      counters.push_back((over != num->second.second.end() ? over->second : levels[static_cast<size_t>(k)].start) - 1);
    }
  }
  ++counters[static_cast<size_t>(level)];
  for (int k = level + 1; k < kMaxLevels; ++k) counters[static_cast<size_t>(k)] = levels[static_cast<size_t>(k)].start - 1;
  const Level& l = levels[static_cast<size_t>(level)];
  if (l.format == "none") return "";
  if (l.format == "bullet") {
    const bool symbol = !l.text.empty() && static_cast<unsigned char>(l.text[0]) == kUtf8LeadE;
    return symbol ? std::string(kBullet) : l.text;
  }
  std::string out;
  for (size_t i = 0; i < l.text.size(); ++i) {
    const char c = l.text[i];
    if (c == '%' && i + 1 < l.text.size() && l.text[i + 1] >= '1' && l.text[i + 1] <= '9') {
      const size_t k = static_cast<size_t>(l.text[++i] - '1');
      out += Formatted(counters[k], levels[k].format);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace baocao::internal
