// Small made-up texts through the whole engine with the audit on, and what the audit says of
// them: shared by the audit suites (tests/audit/*_test.cc).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "baocao/emit/names.h"
#include "baocao/pipeline/extract.h"
#include "engine_util.h"

namespace baocao::testing_util {

// The text extracted and audited, explanations in `lang` ("vi" or "en").
inline Extraction Audited(const std::string& text, const std::string& lang = "vi") {
  ExtractOptions options;
  options.audit.lang = lang;
  Result<Extraction> x = SharedEngine().ExtractBytes(text, "test.txt", options);
  EXPECT_TRUE(x.ok()) << x.status().ToString();
  return x.ok() ? *x : Extraction{};
}

// The flags of one kind ("sum_mismatch", "ratio_mismatch" …) the audit raises on the text.
inline std::vector<Flag> FlagsOf(const std::string& text, const std::string& kind, const std::string& lang = "vi") {
  std::vector<Flag> out;
  for (const Flag& f : Audited(text, lang).flags) if (f.kind == kind) out.push_back(f);
  return out;
}

// The text with the first occurrence of `from` replaced (a failure when there is none).
inline std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Whether a check of the relation ("sum", "ratio", "table_sum" …) was listed.
inline bool HasCheck(const Extraction& x, const std::string& relation) {
  return std::any_of(x.checks.begin(), x.checks.end(), [&](const Check& c) { return c.relation == relation; });
}

// The flags, one a line, for a failure message.
inline std::string Explain(const std::vector<Flag>& flags) {
  std::string out;
  for (const Flag& f : flags) out += f.kind + " [" + std::string(NameOf(f.severity)) + ", " + f.rule + "]: " + f.explanation + "\n";
  return out;
}

// A document's header (issuer, number, place and date, kind, title), so meta is known.
inline std::string Header(const std::string& kind, const std::string& symbol, const std::string& title) {
  return "UBND PHƯỜNG TRUNG THÀNH\n\nSố: 12/" + symbol + "\n\nTrung Thành, ngày 10 tháng 6 năm 2026\n\n" + kind + "\n\n" +
         title + "\n\n";
}

// A ward's report, dated 10/6/2026.
inline const std::string kReport = Header("BÁO CÁO", "BC-UBND", "Kết quả thực hiện chuyển đổi số");

}  // namespace baocao::testing_util
