// Two independent pieces of work at once: `beside` on a thread of its own while the calling
// thread runs `here`. Both have finished when RunBoth returns. Without `parallel`, with one
// core, or when no thread can be had, both run on the calling thread, `beside` first.
// An exception from either is rethrown once both are done (`here`'s first), as if they had run
// one after the other.
#pragma once

#include <functional>

namespace baocao::internal {

void RunBoth(const std::function<void()>& beside, const std::function<void()>& here, bool parallel = true);

}  // namespace baocao::internal
