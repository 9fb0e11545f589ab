// Distinct cited documents from reference mentions (the references of docs/OUTPUT.md).
#pragma once

#include <vector>

#include "baocao/core/document.h"

namespace baocao {

// Merges reference mentions into distinct references: one document cited many times, or
// spelled two ways ("57-NQ/TW" and "57- NQ/TW", "01-Ctr/BCĐ" and "01-CTr/BCĐ"), or by its
// short form ("Nghị quyết 57" when exactly one cited "Nghị quyết" is numbered 57-...). The
// kind and date come from the fullest citation; every citation's span is kept, in text order.
std::vector<Reference> MergeReferences(const std::vector<Mention>& mentions);

}  // namespace baocao
