// Relations of rules/audit/*.rel: sums, exclusive statuses, partitions by scope, ratios, parts
// and wholes, caps.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "audit/audit_impl.h"

namespace baocao {
namespace {

// Members of a ratio or a part-whole relation are taken anywhere in the document (the farthest
// tier of AuditContext::Tier); those of a sum, only as far as AuditTuning::sum_max_tier.
constexpr int kAnywhere = 4;

std::string Unit(const AuditContext& c, const FactInfo& f) {
  if (!f.fact->unit.empty()) return f.fact->unit;
  const IndicatorLabel* label = c.Label(f.fact->indicator);
  return label ? label->unit : "";
}

int MaxDecimals(const FactInfo& t, const std::vector<const FactInfo*>& parts) {
  int d = t.decimals;
  for (const FactInfo* p : parts) d = std::max(d, p->decimals);
  return d;
}

// Flags keyed so that one inconsistency found from several mentions is one flag.
struct FlagSet {
  std::map<std::string, size_t> index;
  std::vector<Flag> flags;
  Flag* Find(const std::string& key) {
    auto it = index.find(key);
    return it == index.end() ? nullptr : &flags[it->second];
  }
  Flag& Add(const std::string& key, Flag flag) {
    index[key] = flags.size();
    flags.push_back(std::move(flag));
    return flags.back();
  }
  void MoveTo(std::vector<Flag>& out) {
    for (Flag& f : flags) out.push_back(std::move(f));
  }
};

std::string Key(const std::string& rule, double a, double b, const std::vector<const FactInfo*>& members) {
  std::string key = rule + "|" + std::to_string(a) + "|" + std::to_string(b);
  std::vector<size_t> starts;
  for (const FactInfo* m : members) starts.push_back(m->fact->span.start);
  std::sort(starts.begin(), starts.end());
  for (size_t s : starts) key.append("|").append(std::to_string(s));   // not "|" + …: GCC 12's -Wrestrict
  return key;
}

void AddChecked(AuditContext& c, std::set<std::string>& seen, const std::string& key, Check check) {
  if (seen.insert(key).second) c.checks.push_back(std::move(check));
}

// sum T = A + B; exclusive T = A + B + C.
void CheckSum(AuditContext& c, const Relation& r, FlagSet& found, std::set<std::string>& seen) {
  bool exclusive = r.kind == Relation::Kind::kExclusive;
  for (const FactInfo& t : c.facts) {
    if (!t.numeric || t.item_of >= 0 || t.fact->indicator != r.anchor) continue;
    if (c.Spent()) return;
    std::vector<const FactInfo*> parts;
    bool all = true;
    for (const auto& alternatives : r.members) {
      const FactInfo* p = c.Nearest(t, alternatives, c.options.tuning.sum_max_tier);
      if (p) parts.push_back(p);
      else all = false;
    }
    if (parts.size() < 2 || (!all && !exclusive)) continue;
    double sum = 0;
    std::vector<double> values;
    for (const FactInfo* p : parts) {
      sum += p->value;
      values.push_back(p->value);
    }
    int decimals = MaxDecimals(t, parts);
    bool equal = AgreesWithin(t.value, decimals, sum);
    bool over = sum > t.value && !equal;
    std::vector<std::string> ids = {t.fact->indicator};
    for (const FactInfo* p : parts) AddIndicator(ids, p->fact->indicator);
    if (all && equal) {
      Check check = MakeCheck(exclusive ? "exclusive" : "sum", r.where, ids, t.value, sum);
      AddMember(check, t, MemberRole::kTotal);
      for (const FactInfo* p : parts) AddMember(check, *p, MemberRole::kPart);
      std::vector<const FactInfo*> members = parts;
      members.push_back(&t);
      AddChecked(c, seen, Key(r.where, t.value, sum, members), std::move(check));
      continue;
    }
    if (equal || (!all && !over)) continue;
    std::string key = Key(r.where, t.value, sum, parts);
    if (Flag* existing = found.Find(key)) {
      AddEvidence(*existing, t.fact->span);
      continue;
    }
    Flag flag;
    flag.kind = exclusive && over ? "status_overlap" : "sum_mismatch";
    flag.severity = Severity::kError;
    flag.indicators = ids;
    flag.stated = t.value;
    flag.computed = sum;
    flag.rule = r.where;
    std::string label = c.IndicatorName(t.fact->indicator);
    std::string total = FormatNumber(t.value, decimals, c.en()), computed = FormatNumber(sum, decimals, c.en());
    std::string expr = JoinValues(values, decimals, c.en());
    if (flag.kind == "status_overlap") {
      flag.explanation = c.en()
          ? label + ": statuses that exclude each other add up to " + expr + " = " + computed +
                ", more than the " + total + " stated as the total."
          : label + ": các trạng thái loại trừ nhau cộng lại " + expr + " = " + computed +
                ", vượt tổng số đã nêu là " + total + ".";
    } else {
      flag.explanation = c.en() ? label + ": " + expr + " = " + computed + ", not the " + total + " stated as the total."
                                : label + ": " + expr + " = " + computed + ", khác tổng số đã nêu là " + total + ".";
    }
    AddEvidence(flag, t.fact->span);
    for (const FactInfo* p : parts) AddEvidence(flag, p->fact->span);
    found.Add(key, std::move(flag));
  }
}

// partition X by SCOPE: the values of X qualified by each scope value add up to the
// unqualified X of the same section and period.
void CheckPartition(AuditContext& c, const Relation& r, FlagSet& found, std::set<std::string>& seen) {
  const Scope* scope = nullptr;
  for (const Scope& s : c.rules.scopes) if (s.name == r.scope) scope = &s;
  if (!scope) return;
  std::string prefix = r.scope + "=";
  auto scope_value = [&](const FactInfo& f) -> std::string {
    size_t at = f.scope.find(prefix);
    if (at == std::string::npos) return "";
    size_t end = f.scope.find(';', at);
    return f.scope.substr(at + prefix.size(), end == std::string::npos ? std::string::npos : end - at - prefix.size());
  };
  for (const FactInfo& t : c.facts) {
    if (!t.numeric || t.item_of >= 0 || t.fact->indicator != r.anchor || !t.scope.empty()) continue;
    if (c.Spent()) return;
    std::map<std::string, const FactInfo*> parts;   // scope value -> nearest fact
    std::map<std::string, int> tiers;
    for (int pi : c.Of(r.anchor)) {
      const FactInfo& p = c.facts[pi];
      if (!p.numeric || p.fact->role != t.fact->role || p.period != t.period || !Comparable(c, t, p, false)) continue;
      std::string v = scope_value(p);
      if (v.empty()) continue;
      int tier = c.Tier(t, p);
      if (tier > c.options.tuning.sum_max_tier) continue;
      if (!parts.count(v) || tier < tiers[v]) {
        parts[v] = &p;
        tiers[v] = tier;
      }
    }
    if (parts.size() < 2) continue;
    std::vector<const FactInfo*> members;
    std::vector<double> values;
    double sum = 0;
    for (const auto& [v, p] : parts) {
      members.push_back(p);
      values.push_back(p->value);
      sum += p->value;
    }
    int decimals = MaxDecimals(t, members);
    std::vector<std::string> ids = {t.fact->indicator};
    if (AgreesWithin(t.value, decimals, sum)) {
      Check check = MakeCheck("partition", r.where, ids, t.value, sum);
      AddMember(check, t, MemberRole::kTotal);
      for (const FactInfo* p : members) AddMember(check, *p, MemberRole::kPart);
      std::vector<const FactInfo*> all = members;
      all.push_back(&t);
      AddChecked(c, seen, Key(r.where, t.value, sum, all), std::move(check));
      continue;
    }
    // One flag for the parts, whichever indicators they were read as ("16/16 nhiệm vụ đã hoàn
    // thành" is both 16 completed and 16 assigned).
    std::string key = Key("partition", t.value, sum, members);
    if (Flag* existing = found.Find(key)) {
      AddIndicator(existing->indicators, t.fact->indicator);
      AddEvidence(*existing, t.fact->span);
      continue;
    }
    Flag flag;
    flag.kind = "sum_mismatch";
    flag.severity = Severity::kError;
    flag.indicators = ids;
    flag.stated = t.value;
    flag.computed = sum;
    flag.rule = r.where;
    std::string label = c.IndicatorName(t.fact->indicator);
    std::string total = FormatNumber(t.value, decimals, c.en()), computed = FormatNumber(sum, decimals, c.en());
    std::string expr = JoinValues(values, decimals, c.en());
    flag.explanation = c.en()
        ? label + " by " + scope->display + ": " + expr + " = " + computed + ", not the " + total + " stated as the total."
        : label + " theo từng " + scope->display + ": " + expr + " = " + computed + ", khác tổng số đã nêu là " + total + ".";
    for (const FactInfo* p : members) AddEvidence(flag, p->fact->span);
    AddEvidence(flag, t.fact->span);
    found.Add(key, std::move(flag));
  }
}

}  // namespace

void CheckSums(AuditContext& c) {
  FlagSet found;
  std::set<std::string> seen;
  for (const Relation& r : c.rules.relations) {
    if (r.kind == Relation::Kind::kSum || r.kind == Relation::Kind::kExclusive) CheckSum(c, r, found, seen);
    if (r.kind == Relation::Kind::kPartition) CheckPartition(c, r, found, seen);
  }
  found.MoveTo(c.flags);
}

// ---------------------------------------------------------------------------------------------
// Ratios.

namespace {

struct RatioResult {
  const Relation* relation = nullptr;
  const FactInfo* rate = nullptr;
  const FactInfo* num = nullptr;
  const FactInfo* den = nullptr;
  double computed = 0;
  bool holds = false;
};

// The rate against each pair of numerator and denominator found; the first pair that agrees,
// else the nearest pair.
std::optional<RatioResult> Evaluate(const AuditContext& c, const Relation& r, const FactInfo& rate) {
  std::optional<RatioResult> first;
  for (const std::string& n : r.members[0]) {
    const FactInfo* num = c.Nearest(rate, {n}, kAnywhere);
    if (!num) continue;
    for (const std::string& d : r.members[1]) {
      const FactInfo* den = c.Nearest(rate, {d}, kAnywhere);
      if (!den || den->value <= 0 || den == num) continue;
      RatioResult result{&r, &rate, num, den, num->value / den->value * 100.0, false};
      result.holds = RateAgrees(rate.value, rate.decimals, result.computed);
      if (result.holds) return result;
      // "trên 3,2 triệu hồ sơ … hơn 4,3 triệu hồ sơ, chiếm 75,7%": figures known only within a
      // range verify nothing and contradict only what no value in range gives.
      const size_t rough = c.options.tuning.rough_reach;
      WrittenRange rn = RangeOf(num->value, num->fact->span.text, num->fact->comparator, RoughBefore(c.in.text, num->pos, rough));
      WrittenRange rd = RangeOf(den->value, den->fact->span.text, den->fact->comparator, RoughBefore(c.in.text, den->pos, rough));
      if ((!rn.exact || !rd.exact) && RateMayAgree(rate.value, rate.decimals, rn, rd)) continue;
      if (!first) first = result;
    }
  }
  return first;
}

bool SameGroup(const AuditContext& c, const FactInfo& a, const FactInfo& b) {
  return a.fact->indicator == b.fact->indicator && a.fact->role == b.fact->role && a.when == b.when && a.scope == b.scope &&
         Comparable(c, a, b, true);
}

}  // namespace

bool RateAgrees(double stated, int decimals, double computed) {
  if (AgreesWithin(stated, decimals, computed)) return true;
  // Truncated: the computed value with its further decimals cut off (60,858 -> 60,85).
  double scale = std::pow(kDecimalBase, std::max(0, decimals));
  double cut = std::floor(computed * scale + kScaledNoise) / scale;
  return std::fabs(stated - cut) <= kScaledNoise / scale;
}

void CheckRatios(AuditContext& c) {
  std::vector<RatioResult> results;
  for (const Relation& r : c.rules.relations) {
    if (r.kind != Relation::Kind::kRatio) continue;
    for (const FactInfo& rate : c.facts) {
      if (!rate.numeric || rate.item_of >= 0 || rate.fact->indicator != r.anchor) continue;
      if (c.Spent()) return;
      if (auto result = Evaluate(c, r, rate)) results.push_back(*result);
    }
  }
  // The results of each statement group, to see whether another statement is confirmed.
  std::map<std::string, std::vector<size_t>> by_group;
  auto group_key = [&](const FactInfo& f) {
    return f.fact->indicator + "|" + std::to_string(static_cast<int>(f.fact->role)) + "|" + f.when + "|" + f.scope + "|" + SignatureKey(c, f);
  };
  for (size_t i = 0; i < results.size(); ++i) by_group[group_key(*results[i].rate)].push_back(i);
  FlagSet found;
  std::set<std::string> seen;
  for (const RatioResult& res : results) {
    std::vector<std::string> ids = {res.rate->fact->indicator, res.num->fact->indicator, res.den->fact->indicator};
    if (res.holds) {
      Check check = MakeCheck("ratio", res.relation->where, ids, res.rate->value, res.computed);
      AddMember(check, *res.rate, MemberRole::kRate);
      AddMember(check, *res.num, MemberRole::kNumerator);
      AddMember(check, *res.den, MemberRole::kDenominator);
      AddChecked(c, seen, Key(res.relation->where, res.rate->value, 0, {res.rate, res.num, res.den}), std::move(check));
      continue;
    }
    // Another statement of the same rate that the ratio confirms: the two statements conflict,
    // and the conflict is the flag (CheckConflicts), not this ratio.
    const std::vector<size_t>& group = by_group[group_key(*res.rate)];
    bool confirmed_elsewhere = std::any_of(group.begin(), group.end(), [&](size_t i) {
      const RatioResult& o = results[i];
      return o.holds && o.rate != res.rate && SameGroup(c, *o.rate, *res.rate) &&
             !AgreesWithin(o.rate->value, std::max(o.rate->decimals, res.rate->decimals), res.rate->value);
    });
    if (confirmed_elsewhere) continue;
    int decimals = std::max(2, res.rate->decimals);
    double shown = RoundTo(res.computed, decimals);
    std::string key = Key(res.relation->where, res.rate->value, shown, {res.num, res.den});
    if (Flag* existing = found.Find(key)) {
      AddEvidence(*existing, res.rate->fact->span);
      continue;
    }
    Flag flag;
    flag.kind = "ratio_mismatch";
    flag.severity = Severity::kError;
    flag.indicators = ids;
    flag.stated = res.rate->value;
    flag.computed = shown;
    flag.rule = res.relation->where;
    const bool en = c.en();
    std::string label = c.IndicatorName(res.rate->fact->indicator);
    std::string expr = FormatNumber(res.num->value, res.num->decimals, en) + " / " +
                       FormatNumber(res.den->value, res.den->decimals, en) + " = " + FormatNumber(shown, decimals, en) + "%";
    std::string stated = FormatNumber(res.rate->value, res.rate->decimals, en) + "%";
    flag.explanation = en ? label + ": " + expr + ", not the " + stated + " stated."
                          : label + ": " + expr + ", khác tỷ lệ đã nêu là " + stated + ".";
    AddEvidence(flag, res.rate->fact->span);
    AddEvidence(flag, res.num->fact->span);
    AddEvidence(flag, res.den->fact->span);
    found.Add(key, std::move(flag));
  }
  found.MoveTo(c.flags);
}

// ---------------------------------------------------------------------------------------------
// Magnitudes: a part above its whole, an item above its total, a rate above 100 %.

namespace {

// A part above its whole: the part and the relation (or built-in rule) it breaks.
struct Excess {
  const FactInfo* part;
  std::string rule;
};
using ExcessesByWhole = std::map<int, std::vector<Excess>>;   // whole fact index -> parts above it

// "part P <= W" relations: each P against its nearest W, a check where it holds.
void CompareParts(AuditContext& c, ExcessesByWhole& by_whole) {
  std::set<std::string> seen;
  for (const Relation& r : c.rules.relations) {
    if (r.kind != Relation::Kind::kPartWhole) continue;
    for (const FactInfo& p : c.facts) {
      if (!p.numeric || p.item_of >= 0 || p.fact->indicator != r.anchor) continue;
      if (c.Spent()) return;
      const FactInfo* w = c.Nearest(p, r.members[0], kAnywhere);
      if (!w) continue;
      if (p.value > w->value && !AgreesWithin(w->value, std::max(p.decimals, w->decimals), p.value)) {
        by_whole[w->index].push_back({&p, r.where});
      } else {
        Check check = MakeCheck("part_whole", r.where, {p.fact->indicator, w->fact->indicator}, w->value, p.value);
        AddMember(check, p, MemberRole::kPart);
        AddMember(check, *w, MemberRole::kWhole);
        AddChecked(c, seen, Key(r.where, p.value, w->value, {&p, w}), std::move(check));
      }
    }
  }
  for (const FactInfo& item : c.facts) {
    if (item.item_of < 0) continue;
    const FactInfo& total = c.facts[item.item_of];
    if (item.value > total.value && !AgreesWithin(total.value, std::max(item.decimals, total.decimals), item.value)) {
      by_whole[total.index].push_back({&item, "builtin:item_within_total"});
    }
  }
}

// One magnitude_anomaly for each whole, naming the first part above it and the others.
void FlagExcesses(AuditContext& c, const ExcessesByWhole& by_whole) {
  const bool en = c.en();
  for (const auto& [whole_index, parts] : by_whole) {
    const FactInfo& w = c.facts[whole_index];
    Flag flag;
    flag.kind = "magnitude_anomaly";
    flag.severity = Severity::kError;
    flag.indicators = {w.fact->indicator};
    flag.stated = w.value;
    flag.computed = parts.front().part->value;
    flag.rule = parts.front().rule;
    AddEvidence(flag, w.fact->span);
    std::string whole_text = FormatValue(w.value, w.decimals, Unit(c, w), en);
    std::string first_label = c.IndicatorName(parts.front().part->fact->indicator);
    std::string items;
    for (size_t i = 0; i < parts.size(); ++i) {
      AddIndicator(flag.indicators, parts[i].part->fact->indicator);
      AddEvidence(flag, parts[i].part->fact->span);
      if (i > 0) items += (items.empty() ? "" : ", ") + FormatValue(parts[i].part->value, parts[i].part->decimals, Unit(c, *parts[i].part), en);
    }
    std::string first = FormatValue(parts.front().part->value, parts.front().part->decimals, Unit(c, *parts.front().part), en);
    double times = w.value > 0 ? parts.front().part->value / w.value : 0;
    std::string ratio = times >= 2 ? FormatNumber(times, 1, en) : "";
    if (en) {
      flag.explanation = first_label + " (" + first + ") exceeds " + LowerFirst(c.IndicatorName(w.fact->indicator)) +
                         " (" + whole_text + ")" + (ratio.empty() ? "" : ", " + ratio + " times over") +
                         (items.empty() ? "" : "; the items " + items + " exceed it too") + ".";
    } else {
      flag.explanation = first_label + " (" + first + ") lớn hơn " + LowerFirst(c.IndicatorName(w.fact->indicator)) +
                         " (" + whole_text + ")" + (ratio.empty() ? "" : ", gấp " + ratio + " lần") +
                         (items.empty() ? "" : "; các khoản " + items + " cũng vượt con số này") + ".";
    }
    c.flags.push_back(std::move(flag));
  }
}

// Caps: "cap kind:rate <= 100", "cap ID <= N". A value under its cap is no check of its own.
void CheckCaps(AuditContext& c) {
  constexpr std::string_view kKindPrefix = "kind:";
  std::set<int> capped;
  for (const Relation& r : c.rules.relations) {
    if (r.kind != Relation::Kind::kCap) continue;
    for (const FactInfo& f : c.facts) {
      if (!f.numeric || capped.count(f.index)) continue;
      bool applies = r.anchor == f.fact->indicator;
      if (r.anchor.rfind(kKindPrefix, 0) == 0) {
        const IndicatorLabel* label = c.Label(f.fact->indicator);
        applies = label && label->kind == r.anchor.substr(kKindPrefix.size()) && (f.fact->unit.empty() || f.fact->unit == "%");
      }
      if (!applies || f.value <= r.limit + kBinaryNoise) continue;
      capped.insert(f.index);
      Flag flag;
      flag.kind = "magnitude_anomaly";
      flag.severity = Severity::kError;
      flag.indicators = {f.fact->indicator};
      flag.stated = f.value;
      flag.computed = r.limit;
      flag.rule = r.where;
      std::string label = c.IndicatorName(f.fact->indicator);
      std::string value = FormatValue(f.value, f.decimals, Unit(c, f), c.en());
      std::string limit = FormatValue(r.limit, 0, Unit(c, f), c.en());
      flag.explanation = c.en() ? label + ": " + value + " is above " + limit + ", which a share cannot exceed."
                                : label + ": " + value + " vượt quá " + limit + ", điều không thể với một tỷ lệ.";
      AddEvidence(flag, f.fact->span);
      c.flags.push_back(std::move(flag));
    }
  }
}

}  // namespace

void CheckMagnitudes(AuditContext& c) {
  ExcessesByWhole by_whole;
  CompareParts(c, by_whole);
  FlagExcesses(c, by_whole);
  CheckCaps(c);
}

}  // namespace baocao
