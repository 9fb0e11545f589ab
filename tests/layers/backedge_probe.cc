// A probe of the layering (tests/CMakeLists.txt): code that would sit in core/, the ground floor,
// calling the normalizer one floor up. Linked as a layer with core/ alone, it must not link;
// with normalize/ declared below it, it does. Never part of the library.
#include <string_view>

#include "baocao/normalize/text.h"

namespace baocao::probe {

bool NormalizesFromTheGroundFloor(std::string_view bytes) { return Normalize(bytes, {}).ok(); }

}  // namespace baocao::probe
