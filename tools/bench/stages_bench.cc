// Per-stage throughput over the corpus documents (corpus/docs/*.txt): one benchmark per stage,
// each iteration running the stage over all documents. Bytes are the ORIGINAL input bytes of
// the documents, so every stage reports comparable MB/s ("bytes_per_second") and documents/s
// ("items_per_second"). The inputs of a stage (the Text, the Extraction) are prepared once
// outside the timed loop. Nothing here asserts on time. The figures are of a warm process: the
// recognizer turns its window prefilter on after its first megabyte (recognize/rule_set.cc), so
// a single small document in a fresh process costs more per byte (tools/bench/run.sh measures
// whole processes).
//
//   build/tools/bench/baocao_stages_bench                                # all stages
//   build/tools/bench/baocao_stages_bench --benchmark_filter=Recognize --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "baocao/pipeline/extract.h"
#include "baocao/emit/json.h"
#include "baocao/layout/layout.h"
#include "baocao/link/link.h"
#include "baocao/layout/meta.h"
#include "baocao/recognize/recognize.h"
#include "baocao/normalize/text.h"

namespace {

struct Doc {
  std::string path;
  std::string bytes;
};

struct Corpus {
  std::vector<Doc> docs;
  std::vector<baocao::Text> texts;
  std::vector<baocao::Extraction> extractions;
  std::vector<baocao::Stages> stages;
  std::optional<baocao::Engine> engine;
  std::optional<baocao::Gazetteer> places;
  size_t total_bytes = 0;
};

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "baocao_stages_bench: %s\n", message.c_str());
  std::exit(1);
}

// Loaded once, on first use; every benchmark checks its own inputs ran cleanly here.
const Corpus& GetCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(BAOCAO_BENCH_CORPUS)) {
      if (entry.path().extension() == ".txt") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) Die(std::string("no .txt documents in ") + BAOCAO_BENCH_CORPUS);
    auto engine = baocao::Engine::Create({BAOCAO_BENCH_RULES});
    if (!engine.ok()) Die("rules: " + engine.status().ToString());
    c.engine.emplace(std::move(engine).value());
    auto places = baocao::Gazetteer::Load(std::string(BAOCAO_BENCH_RULES) + "/places/provinces.txt");
    if (!places.ok()) Die("places: " + places.status().ToString());
    c.places.emplace(std::move(places).value());
    for (const auto& p : paths) {
      auto bytes = baocao::ReadFileBytes(p.string(), size_t(256) << 20);
      if (!bytes.ok()) Die(bytes.status().ToString());
      c.total_bytes += bytes->size();
      c.docs.push_back({p.string(), std::move(bytes).value()});
    }
    for (const Doc& d : c.docs) {
      auto text = baocao::Normalize(d.bytes);
      if (!text.ok()) Die(d.path + ": " + text.status().ToString());
      c.texts.push_back(std::move(text).value());
      baocao::Stages stages;
      auto x = c.engine->ExtractBytes(d.bytes, d.path, {}, &stages);
      if (!x.ok()) Die(x.status().ToString());
      c.extractions.push_back(std::move(x).value());
      c.stages.push_back(std::move(stages));
    }
    return c;
  }();
  return corpus;
}

void Report(benchmark::State& state, const Corpus& c) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.total_bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(c.docs.size()));
  state.counters["docs"] = static_cast<double>(c.docs.size());
  state.counters["input_bytes"] = static_cast<double>(c.total_bytes);
}

// Decoding, converter debris, NFC, white space, tone marks, offset maps.
void BM_Normalize(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  for (auto _ : state) {
    for (const Doc& d : c.docs) {
      auto text = baocao::Normalize(d.bytes);
      benchmark::DoNotOptimize(text);
    }
  }
  Report(state, c);
}
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);

// Header, sections, paragraphs, tables, closing block, from the normalized text.
void BM_AnalyzeLayout(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  for (auto _ : state) {
    for (const baocao::Text& t : c.texts) {
      baocao::Layout layout = baocao::AnalyzeLayout(t.view());
      benchmark::DoNotOptimize(layout);
    }
  }
  Report(state, c);
}
BENCHMARK(BM_AnalyzeLayout)->Unit(benchmark::kMillisecond);

// Every rule over the normalized text, overlaps resolved, comparators attached.
void BM_Recognize(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  const baocao::RuleSet& rules = c.engine->rules();
  for (auto _ : state) {
    for (const baocao::Text& t : c.texts) {
      std::vector<baocao::Mention> mentions = rules.Recognize(t.view());
      benchmark::DoNotOptimize(mentions);
    }
  }
  Report(state, c);
}
BENCHMARK(BM_Recognize)->Unit(benchmark::kMillisecond);

// Document meta (kind, number, issuer, date, signer ...) from the layout and the text.
void BM_BuildMeta(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  for (auto _ : state) {
    for (const baocao::Stages& st : c.stages) {
      baocao::Meta meta = baocao::BuildMeta(st.layout, st.text.view(), *c.places);
      benchmark::DoNotOptimize(meta);
    }
  }
  Report(state, c);
}
BENCHMARK(BM_BuildMeta)->Unit(benchmark::kMillisecond);

// Facts: mentions tied to the indicator catalogue (rules/indicators).
void BM_LinkFacts(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  for (auto _ : state) {
    for (size_t i = 0; i < c.stages.size(); ++i) {
      const baocao::Stages& st = c.stages[i];
      std::vector<baocao::Fact> facts = baocao::LinkFacts(c.engine->lexicon(), st.text.view(), st.layout,
                                                          st.mentions, c.extractions[i].meta);
      benchmark::DoNotOptimize(facts);
    }
  }
  Report(state, c);
}
BENCHMARK(BM_LinkFacts)->Unit(benchmark::kMillisecond);

// The whole library pipeline: sha256, Normalize, layout, mentions, meta, facts, spans, references.
void BM_ExtractBytes(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  for (auto _ : state) {
    for (const Doc& d : c.docs) {
      auto x = c.engine->ExtractBytes(d.bytes, d.path);
      benchmark::DoNotOptimize(x);
    }
  }
  Report(state, c);
}
BENCHMARK(BM_ExtractBytes)->Unit(benchmark::kMillisecond);

// The Extraction to a JSON value, and that value to compact text (what --jsonl writes).
void BM_ToJsonDump(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  size_t json_bytes = 0;
  for (auto _ : state) {
    json_bytes = 0;
    for (const baocao::Extraction& x : c.extractions) {
      std::string out = baocao::ToJson(x).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      json_bytes += out.size();
      benchmark::DoNotOptimize(out);
    }
  }
  Report(state, c);
  state.counters["json_bytes"] = static_cast<double>(json_bytes);
}
BENCHMARK(BM_ToJsonDump)->Unit(benchmark::kMillisecond);

// What `baocao extract --jsonl` writes: the streamed JSON (WriteJson), compact.
void BM_WriteJson(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  size_t json_bytes = 0;
  for (auto _ : state) {
    json_bytes = 0;
    for (const baocao::Extraction& x : c.extractions) {
      std::ostringstream out;
      baocao::WriteJson(x, out, false);
      json_bytes += static_cast<size_t>(out.tellp());
      benchmark::DoNotOptimize(out);
    }
  }
  Report(state, c);
  state.counters["json_bytes"] = static_cast<double>(json_bytes);
}
BENCHMARK(BM_WriteJson)->Unit(benchmark::kMillisecond);

// Raw bytes to written JSON text, in memory, as the CLI does it: ExtractBytes then WriteJson.
void BM_BytesToJson(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  for (auto _ : state) {
    for (const Doc& d : c.docs) {
      auto x = c.engine->ExtractBytes(d.bytes, d.path);
      std::ostringstream out;
      baocao::WriteJson(*x, out, false);
      benchmark::DoNotOptimize(out);
    }
  }
  Report(state, c);
}
BENCHMARK(BM_BytesToJson)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
