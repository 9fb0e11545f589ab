// RuleSet: loading every rule file of a directory, and Recognize, the phases of
// rule_set_impl.h in order (scan, choose between overlapping readings, attach comparators).
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "baocao/recognize/recognize.h"
#include "baocao/normalize/text.h"
#include "core/parallel.h"
#include "core/strings.h"
#include "recognize/rule_set_impl.h"

namespace baocao {

using internal::kSpaceTabNewline;
using internal::Squeeze;

RuleSet::RuleSet() : impl_(std::make_unique<Impl>()) {}
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;
RuleSet::~RuleSet() = default;

Result<RuleSet> RuleSet::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status(ErrorCode::kBadRules, "rules directory not found: " + dir);
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".rules") files.push_back(it->path());
  }
  // common.rules holds macros every file may use; the rest load in a stable order.
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    bool ca = a.filename() == "common.rules", cb = b.filename() == "common.rules";
    if (ca != cb) return ca;
    return a < b;
  });
  RuleSet set;
  std::map<std::string, std::string> global;
  auto slurp = [](const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
  };
  size_t first = 0;
  if (!files.empty() && files[0].filename() == "common.rules") {   // the macros the others use
    Status st = set.impl_->AddFile(slurp(files[0]), files[0].string(), files[0].parent_path().string(), global, &global);
    if (!st.ok()) return st;
    first = 1;
  }
  // The other files only read those macros: each is parsed and compiled (RE2 compilation is
  // most of an engine's start-up) on one of two threads into a set of its own, then the sets
  // join in file order, as if read one after the other.
  const size_t n = files.size() - first;
  std::vector<Impl> parts(n);
  std::vector<Status> loaded(n);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t k; (k = next.fetch_add(1)) < n;) {
      const fs::path& path = files[first + k];
      loaded[k] = parts[k].AddFile(slurp(path), path.string(), path.parent_path().string(), global, nullptr);
    }
  };
  internal::RunBoth(work, work, n > 1);
  for (size_t k = 0; k < n; ++k) {
    if (!loaded[k].ok()) return loaded[k];
    if (Status st = set.impl_->Adopt(std::move(parts[k].rules)); !st.ok()) return st;
    for (auto& [key, kind] : parts[k].kinds) set.impl_->kinds.insert_or_assign(key, std::move(kind));
  }
  if (set.impl_->rules.empty()) return Status(ErrorCode::kBadRules, "no rules found below " + dir);
  for (const auto& r : set.impl_->rules) set.impl_->infos.push_back(r.info);
  return set;
}

Result<RuleSet> RuleSet::LoadString(std::string_view content, const std::string& name, const std::string& vocab_dir) {
  RuleSet set;
  Status st = set.impl_->AddFile(content, name, vocab_dir, {}, nullptr);
  if (!st.ok()) return st;
  for (const auto& r : set.impl_->rules) set.impl_->infos.push_back(r.info);
  return set;
}

const std::vector<RuleInfo>& RuleSet::rules() const { return impl_->infos; }

bool RuleSet::Cold() const { return impl_->Cold(); }

std::string RuleSet::CanonicalKind(std::string_view kind) const {
  auto it = impl_->kinds.find(FoldKey(kind));
  if (it != impl_->kinds.end()) return it->second;
  std::string k = Squeeze(kind, {}, kSpaceTabNewline);
  return k;
}

std::vector<Mention> RuleSet::Recognize(std::string_view text, const Budget& budget) const {
  recognize_internal::Found found = impl_->Scan(text, budget);
  if (budget.Exhausted()) return {};
  std::vector<Mention> accepted = recognize_internal::ChooseReadings(found, budget);
  if (budget.Exhausted()) return {};
  recognize_internal::AttachComparators(impl_->rules, text, accepted, budget);
  if (budget.Exhausted()) return {};
  recognize_internal::ReadEchoedMonthsSoFar(text, accepted);
  recognize_internal::ReadAmountsInContext(text, accepted);
  return accepted;
}

namespace {
// The rule files' comparator notation, one table for reading and writing it.
constexpr std::pair<Comparator, std::string_view> kComparatorSyntax[] = {
    {Comparator::kAtLeast, ">="}, {Comparator::kAbove, ">"}, {Comparator::kAtMost, "<="},
    {Comparator::kBelow, "<"},    {Comparator::kEqual, "="}};
}  // namespace

std::optional<Comparator> recognize_internal::ComparatorFromRuleSyntax(std::string_view symbol) {
  for (const auto& [comparator, written] : kComparatorSyntax) if (written == symbol) return comparator;
  return std::nullopt;
}

std::string_view recognize_internal::RuleSyntaxOf(Comparator comparator) {
  for (const auto& [c, written] : kComparatorSyntax) if (c == comparator) return written;
  return "";
}

std::string RenderMention(const Mention& m) {
  std::string out;
  if (m.comparator != Comparator::kNone) out = std::string(recognize_internal::RuleSyntaxOf(m.comparator)) + " ";
  auto with_unit = [&](std::string value) {
    if (m.unit == "%") return value + "%";
    if (!m.unit.empty()) return value + " " + m.unit;
    return value;
  };
  switch (m.type) {
    case MentionType::kNumber:
    case MentionType::kPercent:
    case MentionType::kMoney:
    case MentionType::kCount: {
      std::string v = FormatNumber(m.number);
      if (m.range_to) v += ".." + FormatNumber(*m.range_to);
      return out + with_unit(v);
    }
    case MentionType::kFraction:
      return out + with_unit(FormatNumber(m.numerator) + "/" + FormatNumber(m.denominator));
    case MentionType::kDate:
    case MentionType::kPeriod:
      return out + m.iso;
    case MentionType::kReference:
      return m.ref_kind + "|" + m.iso + "|" + m.ref_date;
  }
  return out;
}

}  // namespace baocao
