// End to end over the gold corpus: every flag of corpus/gold/NAME.json is raised (same kind, and
// a shared indicator, or the same stated value, or - for a flag with neither - evidence on the
// gold evidence's line), at most one flag a document is not in the gold, and no unmatched flag
// lands on a gold non_flag (a relation checked by hand that holds).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "corpus_util.h"
#include "baocao/pipeline/extract.h"

namespace baocao {
namespace {

namespace fs = std::filesystem;

using testing_util::GoldNames;
using testing_util::ReadBytes;

// Byte ranges where `needle` occurs in `bytes`.
std::vector<std::pair<size_t, size_t>> Occurrences(const std::string& bytes, const std::string& needle) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t at = bytes.find(needle); !needle.empty() && at != std::string::npos; at = bytes.find(needle, at + 1)) {
    out.push_back({at, at + needle.size()});
  }
  return out;
}

int LineOf(const std::string& bytes, size_t offset) {
  return 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + std::min(offset, bytes.size()), '\n'));
}

bool OnEvidence(const Flag& f, const nlohmann::json& evidence, const std::string& bytes, bool overlap_only) {
  for (const auto& ev : evidence) {
    for (auto [b, e] : Occurrences(bytes, ev.get<std::string>())) {
      int first = LineOf(bytes, b), last = LineOf(bytes, e > b ? e - 1 : b);
      for (const Span& s : f.evidence) {
        if (s.start < e && b < s.end) return true;
        if (!overlap_only && s.line >= first && s.line <= last) return true;
      }
    }
  }
  return false;
}

bool StatedEqual(const nlohmann::json& gold, const Flag& f) {
  return gold.is_number() && f.stated && std::fabs(gold.get<double>() - *f.stated) <= 1e-6 * std::max(1.0, std::fabs(*f.stated));
}

class AuditCorpus : public testing::TestWithParam<std::string> {};

TEST_P(AuditCorpus, GoldFlagsFoundWithoutFalseAlarms) {
  static Result<Engine> engine = Engine::Create({BAOCAO_RULES_DIR});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  const fs::path corpus(BAOCAO_CORPUS_DIR);
  nlohmann::json gold = nlohmann::json::parse(ReadBytes(corpus / "gold" / (GetParam() + ".json")), nullptr, false);
  ASSERT_FALSE(gold.is_discarded());
  std::string bytes = ReadBytes(corpus / "docs" / (GetParam() + ".txt"));
  Result<Extraction> x = engine->ExtractBytes(bytes, GetParam() + ".txt");
  ASSERT_TRUE(x.ok()) << x.status().ToString();

  std::set<size_t> used;
  for (const auto& g : gold.value("flags", nlohmann::json::array())) {
    std::set<std::string> ids;
    for (const auto& id : g["indicators"]) ids.insert(id.get<std::string>());
    bool keyless = ids.empty() && g["stated"].is_null();
    bool found = false;
    for (size_t i = 0; i < x->flags.size() && !found; ++i) {
      const Flag& f = x->flags[i];
      if (used.count(i) || f.kind != g["kind"].get<std::string>()) continue;
      bool common = std::any_of(f.indicators.begin(), f.indicators.end(), [&](const std::string& id) { return ids.count(id); });
      if (common || StatedEqual(g["stated"], f) || (keyless && OnEvidence(f, g["evidence"], bytes, false))) {
        used.insert(i);
        found = true;
      }
    }
    EXPECT_TRUE(found) << "missed " << g.dump();
  }
  size_t extra = x->flags.size() - used.size();
  EXPECT_LE(extra, 1u) << "flags not in the gold:";
  for (size_t i = 0; i < x->flags.size(); ++i) {
    if (used.count(i)) continue;
    const Flag& f = x->flags[i];
    std::set<std::string> ids(f.indicators.begin(), f.indicators.end());
    for (const auto& nf : gold.value("non_flags", nlohmann::json::array())) {
      std::set<std::string> nf_ids;
      for (const auto& id : nf["indicators"]) nf_ids.insert(id.get<std::string>());
      bool same_set = !nf_ids.empty() && nf_ids == ids;
      EXPECT_FALSE(same_set || OnEvidence(f, nf["evidence"], bytes, true))
          << f.kind << " (" << f.explanation << ") lands on non_flag " << nf.dump();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Gold, AuditCorpus, testing::ValuesIn(GoldNames()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(AuditCorpusChecks, ChecksCarryTheirMembers) {
  static Result<Engine> engine = Engine::Create({BAOCAO_RULES_DIR});
  ASSERT_TRUE(engine.ok());
  std::string path = std::string(BAOCAO_CORPUS_DIR) + "/docs/trung-thanh-2026-06-report.txt";
  Result<Extraction> x = engine->ExtractFile(path);
  ASSERT_TRUE(x.ok());
  // 98 + 1.615 + 10.743 = 12.456 (a gold non_flag) is a check that held, with its four members.
  bool found = false;
  for (const Check& c : x->checks) {
    if (c.relation != "sum" || !c.stated || *c.stated != 12456 || c.members.size() != 4) continue;
    if (c.members[1].value == 98 && c.members[2].value == 1615 && c.members[3].value == 10743) found = true;
    for (const CheckMember& m : c.members) EXPECT_FALSE(m.span.text.empty());
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace baocao
