// The names of the closed sets of baocao/core/document.h as the output writes them
// (docs/OUTPUT.md), and back: the one place these strings live.
//
//   NameOf(Severity::kWarning)        // "warning"
//   NameOf(Comparator::kAtLeast)      // ">="; Comparator::kNone is ""
//   ParseRole("target")               // Role::kTarget; std::nullopt for a name not in the set
//
// Reading back (the store's rows) takes exactly the names NameOf writes.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "baocao/core/document.h"

namespace baocao {

std::string_view NameOf(Severity severity);
std::string_view NameOf(Role role);
std::string_view NameOf(MemberRole role);
std::string_view NameOf(Comparator comparator);
std::string_view NameOf(Format format);

std::optional<Severity> ParseSeverity(std::string_view name);
std::optional<Role> ParseRole(std::string_view name);
std::optional<MemberRole> ParseMemberRole(std::string_view name);
std::optional<Comparator> ParseComparator(std::string_view name);
std::optional<Format> ParseFormat(std::string_view name);

// nlohmann::json writes these by name ({"severity", flag.severity} is "error"); the build defines
// JSON_DISABLE_ENUM_SERIALIZATION, so an enum without a to_json is a compile error, not a number.
inline void to_json(nlohmann::json& j, Severity v) { j = NameOf(v); }
inline void to_json(nlohmann::json& j, Role v) { j = NameOf(v); }
inline void to_json(nlohmann::json& j, MemberRole v) { j = NameOf(v); }
inline void to_json(nlohmann::json& j, Comparator v) { j = NameOf(v); }
inline void to_json(nlohmann::json& j, Format v) { j = NameOf(v); }

}  // namespace baocao
