#include "baocao/emit/names.h"

#include <array>
#include <utility>

namespace baocao {
namespace {

template <class Enum, size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

constexpr NameTable<Severity, 3> kSeverities = {{
    {Severity::kError, "error"}, {Severity::kWarning, "warning"}, {Severity::kInfo, "info"}}};
constexpr NameTable<Role, 3> kRoles = {{
    {Role::kActual, "actual"}, {Role::kTarget, "target"}, {Role::kAssessment, "assessment"}}};
constexpr NameTable<MemberRole, 11> kMemberRoles = {{
    {MemberRole::kTotal, "total"}, {MemberRole::kPart, "part"}, {MemberRole::kRate, "rate"},
    {MemberRole::kNumerator, "numerator"}, {MemberRole::kDenominator, "denominator"},
    {MemberRole::kWhole, "whole"}, {MemberRole::kValue, "value"}, {MemberRole::kTarget, "target"},
    {MemberRole::kFigures, "figures"}, {MemberRole::kWords, "words"}, {MemberRole::kMember, "member"}}};
constexpr NameTable<Comparator, 6> kComparators = {{
    {Comparator::kNone, ""}, {Comparator::kAtLeast, ">="}, {Comparator::kAbove, ">"},
    {Comparator::kAtMost, "<="}, {Comparator::kBelow, "<"}, {Comparator::kEqual, "="}}};
constexpr NameTable<Format, 4> kFormats = {{{Format::kText, "text"}, {Format::kPdf, "pdf"}, {Format::kDocx, "docx"}, {Format::kImage, "image"}}};

template <class Enum, size_t N>
std::string_view Lookup(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [e, name] : table) if (e == value) return name;
  return {};
}

template <class Enum, size_t N>
std::optional<Enum> Find(const NameTable<Enum, N>& table, std::string_view name) {
  for (const auto& [e, n] : table) if (n == name) return e;
  return std::nullopt;
}

}  // namespace

std::string_view NameOf(Severity severity) { return Lookup(kSeverities, severity); }
std::string_view NameOf(Role role) { return Lookup(kRoles, role); }
std::string_view NameOf(MemberRole role) { return Lookup(kMemberRoles, role); }
std::string_view NameOf(Comparator comparator) { return Lookup(kComparators, comparator); }
std::string_view NameOf(Format format) { return Lookup(kFormats, format); }

std::optional<Severity> ParseSeverity(std::string_view name) { return Find(kSeverities, name); }
std::optional<Role> ParseRole(std::string_view name) { return Find(kRoles, name); }
std::optional<MemberRole> ParseMemberRole(std::string_view name) { return Find(kMemberRoles, name); }
std::optional<Comparator> ParseComparator(std::string_view name) { return Find(kComparators, name); }
std::optional<Format> ParseFormat(std::string_view name) { return Find(kFormats, name); }

}  // namespace baocao
