#pragma once

// Turning bytes of unknown quality into UTF-8 the analyzer can read, while
// keeping offsets exact into the original bytes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "piiscan/status.h"

namespace piiscan {

// Maps byte offsets of decoded UTF-8 text back to the bytes it came from.
// Stores one anchor per place where the two differ in length, so that plain
// UTF-8 costs nothing.
class OffsetMap {
 public:
  // Records that decoded offset `decoded` corresponds to source offset
  // `source`, and that both advance equally until the next anchor.
  // REQUIRES: anchors are added in increasing order of both offsets.
  void AddAnchor(size_t decoded, size_t source);

  // Appends `other`'s anchors, shifted by the given bases: used when a
  // stream is decoded block by block.
  void Append(const OffsetMap& other, size_t decoded_base, size_t source_base);

  // Source byte offset for a decoded byte offset.
  size_t ToSource(size_t decoded) const;

  bool identity() const { return anchors_.empty(); }

 private:
  struct Anchor {
    size_t decoded;
    size_t source;
  };
  std::vector<Anchor> anchors_;
};

struct DecodedText {
  std::string utf8;      // valid UTF-8
  OffsetMap offsets;     // utf8 offsets -> source offsets
  std::string encoding;  // "UTF-8", "ISO-8859-1", ...
  size_t replaced = 0;   // bytes that could not be decoded (U+FFFD)
};

// Guesses the encoding of a sample (uchardet) and returns its ICU
// converter name ("UHC" becomes "windows-949"). Returns "UTF-8" for ASCII,
// valid UTF-8, and charsets ICU cannot decode (then decoded leniently).
std::string DetectEncoding(std::string_view sample);

// Decodes `bytes` from `encoding` (any ICU converter name). UTF-8 input is
// decoded leniently: each invalid byte becomes U+FFFD. Errors only for an
// unknown encoding name.
Result<DecodedText> Decode(std::string_view bytes, const std::string& encoding);

// True when `sample` looks like binary data rather than text in some
// encoding: more than 0.2% NUL bytes or 5% control characters, and not
// UTF-16 text.
bool LooksBinary(std::string_view sample);

// "UTF-16LE" or "UTF-16BE" when `sample` reads as UTF-16 text written
// without a byte order mark (mostly Latin letters); else "".
std::string Utf16WithoutBom(std::string_view sample);

// The encoding of a stream from its first bytes (up to 64 KiB): a UTF-32
// or UTF-16 byte order mark, UTF-16 without one, else DetectEncoding(); "" when the
// first 8 KiB look binary. The stream scanner and the redactor share it.
std::string SniffEncoding(std::string_view head);

// Counts code points in valid UTF-8.
size_t CountCodePoints(std::string_view utf8);

// Converts sorted byte offsets of valid UTF-8 `text` to code point offsets
// in one pass. `byte_offsets` must be non-decreasing.
std::vector<size_t> ToCodePoints(std::string_view text, const std::vector<size_t>& byte_offsets);

// The inverse: byte offsets of non-decreasing code point offsets of valid
// UTF-8 `text`, in one pass. An offset past the end maps to
// std::string_view::npos.
std::vector<size_t> ToBytes(std::string_view text, const std::vector<size_t>& code_points);

}  // namespace piiscan
