#include "core/parallel.h"

#include <exception>
#include <system_error>
#include <thread>

namespace baocao::internal {

void RunBoth(const std::function<void()>& beside, const std::function<void()>& here, bool parallel) {
  std::exception_ptr beside_failed, here_failed;
  auto run_beside = [&] {
    try {
      beside();
    } catch (...) {
      beside_failed = std::current_exception();
    }
  };
  std::thread thread;
  if (parallel && std::thread::hardware_concurrency() >= 2) {
    try {
      thread = std::thread(run_beside);
    } catch (const std::system_error&) {
      // no thread to be had: this one runs both
    }
  }
  if (!thread.joinable()) run_beside();
  try {
    here();
  } catch (...) {
    here_failed = std::current_exception();
  }
  if (thread.joinable()) thread.join();
  if (here_failed) std::rethrow_exception(here_failed);
  if (beside_failed) std::rethrow_exception(beside_failed);
}

}  // namespace baocao::internal
