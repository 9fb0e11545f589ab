// The engine's side of the OCR module (ocr/module.h): RecognizeImage, OcrAvailable and
// RepairOcrGlyphs of baocao/ocr/ocr.h and ReadImageInfo and DecodeImage of baocao/ocr/image.h, forwarded to libbaocao_ocr.so, loaded once on first use.
// Where it is looked for: $BAOCAO_OCR_MODULE, then <prefix>/lib/baocao for <prefix>/bin/baocao
// (an installed tree: /usr/lib/baocao), then beside the running executable and one folder up
// (the build folder, the tests' folder), then the build folder this library was built in.
#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "ocr/module.h"

namespace baocao {
namespace {

constexpr const char* kModuleName = "libbaocao_ocr.so";

struct Loaded {
  const ocr_internal::OcrModule* module = nullptr;
  std::string error;   // why there is none
};

std::vector<std::string> Candidates() {
  std::vector<std::string> out;
  if (const char* env = std::getenv("BAOCAO_OCR_MODULE"); env && *env) out.push_back(env);
  char self[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    std::filesystem::path dir = std::filesystem::path(std::string(self, static_cast<size_t>(n))).parent_path();
    out.push_back((dir.parent_path() / "lib" / "baocao" / kModuleName).string());
    out.push_back((dir / kModuleName).string());
    out.push_back((dir.parent_path() / kModuleName).string());
  }
#ifdef BAOCAO_OCR_MODULE_BUILT
  out.push_back(BAOCAO_OCR_MODULE_BUILT);
#endif
  return out;
}

const Loaded& Module() {
  static const Loaded loaded = [] {
    Loaded l;
    std::string tried;
    for (const std::string& path : Candidates()) {
      std::error_code ec;
      if (!std::filesystem::exists(path, ec)) {
        tried += (tried.empty() ? "" : ", ") + path;
        continue;
      }
      // Never closed: Tesseract's threads and objects live as long as the process.
      void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (!handle) {
        const char* why = ::dlerror();
        l.error = "the OCR module " + path + " could not be loaded: " + (why ? why : "unknown error");
        return l;
      }
      auto entry = reinterpret_cast<const ocr_internal::OcrModule* (*)()>(::dlsym(handle, "baocao_ocr_module"));
      const ocr_internal::OcrModule* module = entry ? entry() : nullptr;
      if (!module || module->version != ocr_internal::kOcrModuleVersion) {
        l.error = "the OCR module " + path + " is not this engine's (rebuild it)";
        return l;
      }
      l.module = module;
      return l;
    }
    l.error = std::string("the OCR module ") + kModuleName + " was not found (looked in: " + tried +
              "; set BAOCAO_OCR_MODULE)";
    return l;
  }();
  return loaded;
}

}  // namespace

Result<OcrPage> RecognizeImage(const OcrImage& image, const OcrOptions& options) {
  const Loaded& l = Module();
  if (!l.module) return Status(ErrorCode::kInternal, "ocr: " + l.error);
  return l.module->recognize_image(image, options);
}

Status OcrAvailable(const OcrOptions& options) {
  const Loaded& l = Module();
  if (!l.module) return Status(ErrorCode::kInternal, "ocr: " + l.error);
  return l.module->ocr_available(options);
}

std::string RepairOcrGlyphs(std::string word) {
  const Loaded& l = Module();
  return l.module ? l.module->repair_ocr_glyphs(std::move(word)) : word;
}

Result<ImageInfo> ReadImageInfo(std::string_view bytes, size_t max_pages) {
  const Loaded& l = Module();
  if (!l.module) return Status(ErrorCode::kInternal, "images: " + l.error);
  return l.module->read_image_info(bytes, max_pages);
}

Result<DecodedImage> DecodeImage(std::string_view bytes, int index, int orientation) {
  const Loaded& l = Module();
  if (!l.module) return Status(ErrorCode::kInternal, "images: " + l.error);
  return l.module->decode_image(bytes, index, orientation);
}

}  // namespace baocao
