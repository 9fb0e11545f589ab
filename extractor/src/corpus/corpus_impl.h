// Internal: what the corpus files share (formatting for people, keys, lines of a source).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "baocao/audit/audit.h"
#include "baocao/corpus/corpus.h"
#include "baocao/emit/names.h"

namespace baocao::corpus {

using baocao::ComparatorSymbol;   // one table of comparator symbols, the audit's
using baocao::ComparatorText;

// Case-folded (ICU full folding), diacritics kept: "Trưng Thành" != "Trung Thành", but
// "TRUNG THÀNH" == "Trung Thành".
std::string CaseFold(std::string_view utf8);

// The ward's name without its unit word: "phường Gia Sàng" -> "Gia Sàng", "P.1 Bảo Lộc" ->
// "1 Bảo Lộc", "xã Đông Anh" -> "Đông Anh"; spaces trimmed and collapsed.
std::string StripUnitWord(std::string_view written);
// How a spelling is compared with another: case-folded, leading zeros of numbers dropped.
std::string SpellingKey(std::string_view name);
// The key one ward's spellings share: FoldKey, spaces around '-' dropped, "’" as "'", leading
// zeros of numbers dropped ("01 Bảo Lộc" and "1 bao loc" meet).
std::string WardKey(std::string_view name);

// A value as a Vietnamese document writes it, with its unit: "91,5%", "12 sáng kiến".
std::string FormatValue(double value, const std::string& unit);
// Whether `value` meets `target` read with its comparator; without one, by the direction.
bool Meets(double value, double target, Comparator comparator, int direction);

// How people name a document: "Kế hoạch số 12/KH-UBND", "Báo cáo số 45/BC-UBND", else its
// file name.
std::string DocumentName(const CorpusDocument& doc, std::string_view lang);
// "phường Gia Sàng (Thái Nguyên)".
std::string WardName(const std::string& ward, const std::string& province, std::string_view lang);

// Whether a stored document's spans index UTF-8 text lines (text input decoded from UTF-8).
bool LinesReadable(const CorpusDocument& doc);

// Resolves every document's ward (WardRegistry::Resolve, then unknown wards grouped by key).
void ResolveWards(Corpus& corpus, const CorpusRules& rules);

// Fills rules.reading_lists and rules.owned_lists from the audit's word lists and catalogue.
void LearnReadings(const AuditRules& audit, CorpusRules& rules);
// What a fact is a figure of beyond its indicator, role and period, as every check across
// documents compares facts (reading.cc): nullopt when its scope names another unit than the
// ward ("toàn tỉnh", "cấp xã", "Cục Thuế": not the ward's value); else the key of its basis and
// qualifiers, "" for the indicator's own figure of the period. A bound ("tối thiểu"), what the
// indicator's catalogue name itself says ("đúng hạn" of the on-time rate) and a rank's field
// ("thứ 10 toàn thành phố") do not count;
// spellings of one word list meet ("trễ hạn", "quá hạn"). Two facts are one figure only when
// their keys are equal.
std::optional<std::string> WardReading(const Fact& fact, const CorpusRules& rules);

// The stored sources of `ids` whose spans index UTF-8 lines (others are left out); kStore when
// the store cannot be read.
Result<std::map<int64_t, std::string>> ReadableSources(Store& store, const std::set<int64_t>& ids);

// "2026-01-23" -> "23/01/2026"; other text unchanged.
std::string DayMonthYear(std::string_view iso);

std::string HtmlEscape(std::string_view s);
std::string CsvField(std::string_view s);

}  // namespace baocao::corpus
