// The fuzz targets' invariant check: a broken invariant is a finding, so it aborts (libFuzzer
// keeps the input that did it as a crash-* file) after saying which invariant it was.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace baocao::fuzz {

inline void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "invariant failed: %s\n", what);
  std::abort();
}

}  // namespace baocao::fuzz
