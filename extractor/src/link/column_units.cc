// Figures typed by the unit their table column names: "Tỷ lệ (%)", "TMĐT (tỷ đồng)", "Diện tích
// (ha)". A cell writes "95" where the column heading says what 95 is.
#include <algorithm>
#include <string>

#include "baocao/link/link.h"
#include "baocao/normalize/text.h"

namespace baocao {
namespace {

struct ColumnUnit {
  MentionType type = MentionType::kNumber;   // kNumber: the column names no unit
  double scale = 1;
  std::string unit;
};

// The unit a heading names in parentheses ("Tỷ lệ lấp đầy (%)", "Vốn (tỷ đồng)"), as the folded
// words there; a bare "%" heading too.
ColumnUnit UnitOfHeading(const std::string& heading) {
  // Units copied from strings, not assigned from literals: GCC 12 warns (-Wrestrict) on the
  // literal assignment once it is inlined here, wrongly.
  static const std::string kPercent = "%", kDong = "đồng";
  ColumnUnit u;
  std::string key = FoldKey(heading);
  size_t open = key.rfind('(');
  size_t close = open == std::string::npos ? std::string::npos : key.find(')', open);
  std::string inside = close == std::string::npos ? "" : key.substr(open + 1, close - open - 1);
  while (!inside.empty() && inside.front() == ' ') inside.erase(inside.begin());
  while (!inside.empty() && inside.back() == ' ') inside.pop_back();
  if (inside == "%" || key == "%") {
    u.type = MentionType::kPercent;
    u.unit = kPercent;
    return u;
  }
  static const std::pair<const char*, double> kMoney[] = {
      {"ty dong", 1e9}, {"trieu dong", 1e6}, {"nghin dong", 1e3}, {"ngan dong", 1e3}, {"dong", 1}, {"vnd", 1},
      {"ty", 1e9},      {"trieu", 1e6}};
  for (const auto& [words, scale] : kMoney) {
    if (inside == words) {
      u.type = MentionType::kMoney;
      u.scale = scale;
      u.unit = kDong;
      return u;
    }
  }
  static const char* const kMeasures[] = {"ha", "m2", "m3", "km", "km2", "kg", "tan", "m", "mm", "cm"};
  for (const char* measure : kMeasures) {
    if (inside == measure) {
      u.type = MentionType::kCount;
      u.unit = heading.substr(heading.rfind('(') + 1);
      u.unit = u.unit.substr(0, u.unit.find(')'));
      while (!u.unit.empty() && u.unit.front() == ' ') u.unit.erase(u.unit.begin());
      while (!u.unit.empty() && u.unit.back() == ' ') u.unit.pop_back();
      return u;
    }
  }
  return u;
}

}  // namespace

void TypeFiguresByColumnUnits(const Layout& layout, std::vector<Mention>& mentions) {
  auto by_begin = [](const Mention& m, size_t at) { return m.span.normalized.begin < at; };
  for (const LayoutTable& t : layout.tables) {
    if (t.header.empty()) continue;
    size_t columns = 0;
    for (const auto& row : t.header) columns = std::max(columns, row.size());
    std::vector<ColumnUnit> units(columns);
    bool any = false;
    for (size_t j = 0; j < columns; ++j) {
      std::string heading;
      for (const auto& row : t.header) {
        if (j >= row.size()) continue;
        if (!heading.empty()) heading.push_back(' ');
        heading.append(row[j].text);
      }
      units[j] = UnitOfHeading(heading);
      any |= units[j].type != MentionType::kNumber;
    }
    if (!any) continue;
    for (const auto& row : t.rows) {
      for (size_t j = 0; j < row.size() && j < columns; ++j) {
        const ColumnUnit& u = units[j];
        if (u.type == MentionType::kNumber) continue;
        const size_t b = row[j].range.begin, e = b + row[j].text.size();
        auto it = std::lower_bound(mentions.begin(), mentions.end(), b, by_begin);
        for (; it != mentions.end() && it->span.normalized.begin < e; ++it) {
          // Only a bare figure: what is written with its own unit or bound keeps it.
          if (it->type != MentionType::kNumber || it->comparator != Comparator::kNone || it->span.normalized.end > e) continue;
          it->type = u.type;
          it->number *= u.scale;
          if (it->range_to) *it->range_to *= u.scale;
          it->unit = u.unit;
          it->rule_id += "+column_unit";
        }
      }
    }
  }
}

}  // namespace baocao
