// Internal: RE2 character classes for the letters of Vietnamese, for the engine's own patterns.
// Vietnamese is written in Latin script. \p{L}, \p{Lu}, \p{Ll} and \p{M} cover every script
// and compile to automata about ten times the size of these (a first use pays that, and the
// DFA runs slower), for letters no Vietnamese report holds. Each is the inside of a [...] class.
#pragma once

namespace baocao::internal {

// A letter of Latin script, or a combining mark of Vietnamese (U+0300-U+036F) that text not
// yet in NFC may carry.
inline constexpr const char* kLetterClass = R"(\p{Latin}\x{300}-\x{36F})";
// The capitals of the Vietnamese alphabet, with their tone marks, and the Latin ones A-Z.
inline constexpr const char* kUpperClass = "A-ZĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ";
// Their small letters.
inline constexpr const char* kLowerClass = "a-zđàáâãèéêìíòóôõùúýăĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";

}  // namespace baocao::internal
