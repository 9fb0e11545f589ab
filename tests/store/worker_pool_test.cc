// The worker pool `baocao ingest` and `baocao serve` share (store/worker_pool.h), and the ingest
// it runs (baocao/ingest.h) called as a library.
#include "baocao/store/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "baocao/store/ingest.h"
#include "store_test_util.h"

namespace baocao::store {
namespace {

using namespace std::chrono_literals;

TEST(WorkerPool, OneWorkerRunsJobsInTheOrderTheyWereQueued) {
  WorkerPool pool(1);
  std::mutex mu;
  std::vector<int> order;
  std::vector<WorkerPool::Ticket> tickets;
  for (int i = 0; i < 20; ++i) {
    WorkerPool::Submitted job = pool.Submit([&, i] {
      std::lock_guard lock(mu);
      order.push_back(i);
    });
    ASSERT_TRUE(job.ticket);
    tickets.push_back(job.ticket);
  }
  for (const WorkerPool::Ticket& t : tickets) {
    pool.Wait(t);
    EXPECT_TRUE(pool.Finished(t));
    EXPECT_TRUE(pool.Ran(t));
  }
  std::vector<int> expected(20);
  for (int i = 0; i < 20; ++i) expected[i] = i;
  EXPECT_EQ(order, expected);
}

TEST(WorkerPool, ShutdownDropsQueuedJobsAndRefusesNewOnes) {
  WorkerPool pool(1);
  std::atomic<bool> started{false}, release{false};
  WorkerPool::Submitted busy = pool.Submit([&] {
    started = true;
    while (!release) std::this_thread::sleep_for(1ms);
  });
  // The worker must hold the first job before Shutdown, or Shutdown drops both (a race the
  // test lost on a loaded machine).
  while (!started) std::this_thread::sleep_for(1ms);
  WorkerPool::Submitted queued = pool.Submit([] {});
  ASSERT_TRUE(busy.ticket && queued.ticket);
  std::thread stopper([&] { pool.Shutdown(); });
  pool.Wait(queued.ticket);   // dropped by Shutdown, which then waits for the running job
  EXPECT_FALSE(pool.Ran(queued.ticket));
  release = true;
  stopper.join();
  EXPECT_TRUE(pool.Ran(busy.ticket));
  EXPECT_EQ(pool.Submit([] {}).refusal, WorkerPool::Refusal::kShutDown);
}

TEST(WorkerPool, AnAbandonedRunningJobIsReplacedAndItsWorkerRetires) {
  WorkerPool pool(1);
  std::atomic<bool> started{false}, release{false};
  WorkerPool::Submitted slow = pool.Submit([&] {
    started = true;
    while (!release) std::this_thread::sleep_for(1ms);
  });
  while (!started) std::this_thread::sleep_for(1ms);
  EXPECT_FALSE(pool.WaitFor(slow.ticket, 1ms));
  EXPECT_EQ(pool.stragglers(), 1u);
  // The only worker is stuck: its replacement takes the next job.
  WorkerPool::Submitted next = pool.Submit([] {});
  ASSERT_TRUE(next.ticket);
  EXPECT_TRUE(pool.WaitFor(next.ticket, 60s));
  release = true;
  for (int i = 0; i < 500 && pool.stragglers() > 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(pool.stragglers(), 0u);
}

TEST(WorkerPool, RefusesJobsWhileTooManyWorkersAreStuck) {
  WorkerPool pool(1);
  std::atomic<int> started{0};
  std::atomic<bool> release{false};
  auto stuck = [&] {
    ++started;
    while (!release) std::this_thread::sleep_for(1ms);
  };
  for (size_t k = 0; k < WorkerPool::kStragglersPerWorker; ++k) {
    WorkerPool::Submitted job = pool.Submit(stuck);
    ASSERT_TRUE(job.ticket);
    while (started <= static_cast<int>(k)) std::this_thread::sleep_for(1ms);
    EXPECT_FALSE(pool.WaitFor(job.ticket, 1ms));
  }
  EXPECT_EQ(pool.Submit([] {}).refusal, WorkerPool::Refusal::kTooManyStragglers);
  release = true;
}

}  // namespace
}  // namespace baocao::store

namespace baocao::store_test {
namespace {

TEST(Ingest, ReportsEachInputInOrderAndCountsTheOutcomes) {
  TempDir dir;
  MakeCorpus(dir.path() / "docs", 6);
  WriteFile(dir.path() / "docs" / "empty.txt", "   \n");
  Result<Engine> engine = Engine::Create({BAOCAO_RULES_DIR});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  Result<Store> store = Store::Open(dir / "s.sqlite");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::vector<IngestInput> inputs = CollectIngestInputs({(dir.path() / "docs").string()}, dir / "s.sqlite", false);
  ASSERT_EQ(inputs.size(), 7u);
  IngestOptions options;
  options.jobs = 3;
  options.batch = 2;
  std::vector<size_t> seen;
  std::vector<std::string> failed;
  Result<IngestSummary> done = Ingest(*store, *engine, inputs, options, [&](const IngestItem& item) {
    seen.push_back(item.index);
    EXPECT_EQ(item.path, inputs[item.index].path);
    if (item.failure) failed.push_back(item.path);
  });
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(seen, (std::vector<size_t>{0, 1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(done->added, 6u);
  EXPECT_EQ(done->failed, 1u);
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_NE(failed[0].find("empty.txt"), std::string::npos);
  EXPECT_EQ(done->first_failure, ErrorCode::kEmpty);

  Result<IngestSummary> again = Ingest(*store, *engine, inputs, options, {});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->unchanged, 6u);
  EXPECT_EQ(again->added, 0u);
  EXPECT_EQ(again->failed, 1u);
}

}  // namespace
}  // namespace baocao::store_test
