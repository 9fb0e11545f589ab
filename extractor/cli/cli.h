// The CLI's shared pieces. Each command lives in its own file and returns the process's exit
// status; main.cc only dispatches. Exit codes are documented in `baocao --help` and the README.
#pragma once

#include <string>
#include <vector>

#include "baocao/emit/names.h"
#include "baocao/pipeline/extract.h"

namespace baocao::cli {

// Exit codes (documented in --help and the README).
constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;
constexpr int kExitUnreadable = 3;   // not found, not readable, a directory
constexpr int kExitBadInput = 4;     // empty, binary, invalid encoding, too large
constexpr int kExitRules = 5;        // rules failed to load
constexpr int kExitOutput = 6;       // an output file could not be written
constexpr int kExitEncrypted = 7;    // a PDF needs a (different) password
constexpr int kExitStore = 8;        // the store (SQLite) or an export target failed
constexpr int kExitBudget = 9;       // an extraction passed --max-seconds or --max-memory
constexpr int kExitConverter = 10;   // a .doc (OLE2) needs LibreOffice, which is not installed
constexpr int kExitInternal = 70;


int ExitCodeFor(ErrorCode code);
// Prints "baocao: MESSAGE" and "Try 'baocao COMMAND --help'." (the command SetUsageCommand
// named, "extract" until then) to standard error; returns kExitUsage.
int Usage(const std::string& message);
// The command whose help a usage error points to: "serve", "audit --db FILE", ...
void SetUsageCommand(const std::string& command);
bool ParseSize(const std::string& s, size_t* out);
// "50M" -> 52428800: bytes with an optional K, M or G (powers of 1024); 0 and over 1 TiB refused.
bool ParseBytes(const std::string& s, size_t* out);

// Options every command that reads documents takes: --rules, --encoding, --max-bytes, --lang,
// --tune stage.field=value (baocao::SetTuning),
// and for PDF input --password PW, --bbox (spans get their box), --max-pages N.
// Returns kNotCommon if args[i] is none of them, kExitOk after consuming it (and its value,
// advancing i), or the usage exit code.
constexpr int kNotCommon = -1;
int ParseCommonOption(const std::vector<std::string>& args, size_t& i, std::string& rules_dir,
                      ExtractOptions& options);

// ExtractOptions as a command starts from them: OCR mode from $BAOCAO_OCR (auto | always |
// never; --ocr overrides it), and a progress line on standard error for each page read by OCR
// in documents of several pages, when standard error is a terminal.
ExtractOptions DefaultExtractOptions();

Result<std::string> ReadStdin(size_t max_bytes);

// Pads to a display width counted in code points, so Vietnamese text lines up.
std::string Pad(const std::string& s, size_t width);
// Cuts to `points` code points, marking the cut with "…".
std::string Clip(const std::string& s, size_t points);

// Commands, each in its own file.
int IngestCommand(const std::vector<std::string>& args);      // ingest_command.cc
int ExportCommand(const std::vector<std::string>& args);      // export_command.cc
int CompareCommand(const std::vector<std::string>& args);     // compare_command.cc
int AuditStoreCommand(const std::vector<std::string>& args);  // audit_store_command.cc
int ServeCommand(const std::vector<std::string>& args);       // serve_command.cc

}  // namespace baocao::cli
