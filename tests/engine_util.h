// The engine over the project's rules, made once for the whole test binary (a start-up
// compiles every rule) and shared by the suites that extract whole documents.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>

#include "baocao/pipeline/extract.h"

namespace baocao::testing_util {

inline const Engine& SharedEngine() {
  static const Engine* engine = [] {
    Result<Engine> e = Engine::Create({BAOCAO_RULES_DIR});
    if (!e.ok()) {
      ADD_FAILURE() << e.status().ToString();
      std::abort();
    }
    return new Engine(std::move(e).value());
  }();
  return *engine;
}

// The mention whose text is `text` (on 1-based `line`, when given), or nullptr.
inline const Mention* FindMention(const Extraction& x, const std::string& text, int line = 0) {
  for (const Mention& m : x.mentions) {
    if (m.span.text == text && (line == 0 || m.span.line == line)) return &m;
  }
  return nullptr;
}

}  // namespace baocao::testing_util
