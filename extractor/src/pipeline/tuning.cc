// Tuning by name: each stage's tuning struct (core/tuning.h) under the stage's name, so a
// threshold can be swept from the command line or tools/evaluate without a rebuild.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "baocao/pipeline/extract.h"
#include "core/tuning.h"

namespace baocao {
namespace {

// Calls visit(stage_name, tuning_struct) for every stage that has one, in pipeline order.
template <class Options, class Visit>
void ForEachStageTuning(Options& options, Visit&& visit) {
  visit("compose", options.pdf.compose);
  visit("ocr", options.pdf.ocr.tuning);
  visit("layout", options.layout.limits);
  visit("link", options.link);
  visit("audit", options.audit.tuning);
}

bool ParseNumber(std::string_view text, double* out) {
  std::string s(text);
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(s.c_str(), &end);
  if (errno != 0 || end != s.c_str() + s.size() || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

}  // namespace

Status SetTuning(ExtractOptions& options, std::string_view assignment) {
  const size_t eq = assignment.find('=');
  const size_t dot = assignment.find('.');
  if (eq == std::string_view::npos || dot == std::string_view::npos || dot > eq) {
    return {ErrorCode::kUsage, "--tune needs stage.field=value, not '" + std::string(assignment) + "'"};
  }
  const std::string_view stage = assignment.substr(0, dot);
  const std::string_view field = assignment.substr(dot + 1, eq - dot - 1);
  double value = 0;
  if (!ParseNumber(assignment.substr(eq + 1), &value)) {
    return {ErrorCode::kUsage, "--tune " + std::string(assignment) + ": the value is not a number"};
  }
  bool stage_found = false;
  bool field_found = false;
  bool set = false;
  ForEachStageTuning(options, [&](std::string_view name, auto& tuning) {
    if (name != stage) return;
    stage_found = true;
    field_found = HasTuningField(tuning, field);
    set = SetTuningField(tuning, field, value);
  });
  if (!stage_found) return {ErrorCode::kUsage, "--tune: no stage '" + std::string(stage) + "' (baocao --tune list)"};
  if (!field_found) {
    return {ErrorCode::kUsage, "--tune: stage " + std::string(stage) + " has no field '" + std::string(field) +
                                   "' (baocao --tune list)"};
  }
  if (!set) {
    return {ErrorCode::kUsage, "--tune " + std::string(assignment) + ": the field holds a whole number in its range"};
  }
  return Status::Ok();
}

std::vector<std::string> ListTuning(const ExtractOptions& options) {
  std::vector<std::string> out;
  ExtractOptions copy = options;   // ForEachField visits mutable fields
  ForEachStageTuning(copy, [&](std::string_view stage, auto& tuning) {
    for (const std::string& field : ListTuningFields(tuning)) out.push_back(std::string(stage) + "." + field);
  });
  return out;
}

}  // namespace baocao
