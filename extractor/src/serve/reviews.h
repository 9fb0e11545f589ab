// Internal: review marks over HTTP (docs/SERVE.md "Review marks"): a document's marks, the body
// of a PUT that sets one, and the verdicts export (/api/reviews.csv).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "baocao/core/status.h"
#include "baocao/corpus/corpus.h"
#include "baocao/store/store.h"

namespace baocao::serve {

inline constexpr size_t kMaxReviewComment = 2000;   // bytes of a mark's comment

// {"id", "reviews": [{"flag", "key", "review": {...} | null}, ...]}, one per flag in the order of
// the document's "flags"; kNotFound for no such document.
Result<nlohmann::json> DocumentReviews(Store& store, int64_t id);

struct ReviewBody {
  std::string verdict, comment;
};
// The JSON body of PUT .../review: {"verdict": "confirmed" | "false_alarm" | "follow_up",
// "comment": "..."} (comment optional, at most kMaxReviewComment bytes). kUsage saying what is wrong.
Result<ReviewBody> ParseReviewBody(std::string_view body);

// Every mark as a table (serve/table_export.h makes it CSV or XLSX): file, kind, severity,
// rule, evidence ("LINE:TEXT | ..."), verdict (true for confirmed, false for a false alarm,
// empty for follow-up: the columns of corpus/real-verdicts.tsv), review, comment, reviewer, at,
// sha256, flag_key.
Result<WorkbookSheet> ReviewsSheet(Store& store);

}  // namespace baocao::serve
