#include "piiscan/text.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>

namespace piiscan {

void OffsetMap::AddAnchor(size_t decoded, size_t source) { anchors_.push_back({decoded, source}); }

void OffsetMap::Append(const OffsetMap& other, size_t decoded_base, size_t source_base) {
  AddAnchor(decoded_base, source_base);
  for (const Anchor& a : other.anchors_) {
    AddAnchor(decoded_base + a.decoded, source_base + a.source);
  }
}

size_t OffsetMap::ToSource(size_t decoded) const {
  // The last anchor at or before `decoded`; both sides advance equally after it.
  auto it = std::upper_bound(anchors_.begin(), anchors_.end(), decoded,
                             [](size_t d, const Anchor& a) { return d < a.decoded; });
  if (it == anchors_.begin()) return decoded;
  --it;
  return it->source + (decoded - it->decoded);
}

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if it is not valid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  unsigned cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
constexpr uint64_t kHighBits = 0x8080808080808080ull;

uint64_t Load64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof(w));
  return w;
}

// Index of the first byte at or after `i` that is not ASCII, or `s.size()`.
size_t SkipAscii(std::string_view s, size_t i) {
  while (i + 8 <= s.size() && (Load64(s.data() + i) & kHighBits) == 0) i += 8;
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

DecodedText DecodeUtf8Lenient(std::string_view bytes) {
  DecodedText out;
  out.encoding = "UTF-8";
  out.utf8.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    // Copy the longest valid run in one go; ASCII dominates.
    size_t run = SkipAscii(bytes, i);
    while (run < bytes.size()) {
      const size_t n = Utf8SequenceLength(bytes, run);
      if (n == 0) break;
      run = SkipAscii(bytes, run + n);
    }
    out.utf8.append(bytes.data() + i, run - i);
    i = run;
    if (i >= bytes.size()) break;
    out.utf8.append(kReplacement);
    ++out.replaced;
    ++i;
    // From here on, decoded offsets run 2 bytes ahead per replacement.
    out.offsets.AddAnchor(out.utf8.size(), i);
  }
  return out;
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

Result<DecodedText> DecodeWithIcu(std::string_view bytes, const std::string& encoding) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(encoding.c_str(), &status));
  if (U_FAILURE(status)) {
    return MakeError(ErrorCode::kUnsupported, "unknown text encoding '" + encoding + "'");
  }

  DecodedText out;
  out.encoding = encoding;
  out.utf8.reserve(bytes.size() + bytes.size() / 4);
  const char* src = bytes.data();
  const char* const limit = bytes.data() + bytes.size();
  // One character at a time keeps the offset map exact; these encodings
  // are rare next to UTF-8, so simplicity wins over speed here.
  while (src < limit) {
    const char* before = src;
    status = U_ZERO_ERROR;
    UChar32 cp = ucnv_getNextUChar(conv.get(), &src, limit, &status);
    if (U_FAILURE(status) || src == before) {
      cp = 0xFFFD;
      ++out.replaced;
      if (src == before) ++src;
    }
    char buf[4];
    size_t n = 0;
    if (cp < 0x80) {
      buf[n++] = static_cast<char>(cp);
    } else if (cp < 0x800) {
      buf[n++] = static_cast<char>(0xC0 | (cp >> 6));
      buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      buf[n++] = static_cast<char>(0xE0 | (cp >> 12));
      buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      buf[n++] = static_cast<char>(0xF0 | (cp >> 18));
      buf[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
    }
    const size_t source_len = static_cast<size_t>(src - before);
    out.utf8.append(buf, n);
    if (n != source_len) {
      out.offsets.AddAnchor(out.utf8.size(), static_cast<size_t>(src - bytes.data()));
    }
  }
  return out;
}

// True if `tail` is the start of a UTF-8 sequence that the end of a sample
// cut short: a lead byte followed by fewer continuation bytes than it needs.
bool IsCutSequence(std::string_view tail) {
  const auto lead = static_cast<unsigned char>(tail[0]);
  const size_t need = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (lead > 0xF4 || need == 0 || tail.size() >= need) return false;
  for (size_t k = 1; k < tail.size(); ++k) {
    if ((static_cast<unsigned char>(tail[k]) & 0xC0) != 0x80) return false;
  }
  return true;
}

bool IsUtf8Name(const std::string& e) {
  return e == "UTF-8" || e == "utf-8" || e == "ASCII" || e == "US-ASCII" || e == "utf8";
}

// The ICU converter name for uchardet's `charset`. A charset ICU has no
// converter for becomes "UTF-8", decoded leniently: undecodable bytes are
// replaced and counted (StreamReport::replaced) rather than the whole text
// being refused.
std::string IcuName(const std::string& charset) {
  // uchardet names ICU does not know, and ICU's for the same charset.
  static constexpr std::pair<std::string_view, const char*> kRenamed[] = {
      {"UHC", "windows-949"},  // Korean: EUC-KR plus Microsoft's extension (CP949)
  };
  std::string name = charset;
  for (const auto& [uchardet, icu] : kRenamed) {
    if (uchardet == charset) name = icu;
  }
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(name.c_str(), &status);
  if (conv != nullptr) ucnv_close(conv);
  return U_FAILURE(status) ? "UTF-8" : name;
}

}  // namespace

std::string DetectEncoding(std::string_view sample) {
  // Valid UTF-8 (ASCII included) needs no detector.
  size_t i = 0;
  while (i < sample.size()) {
    const size_t n = Utf8SequenceLength(sample, i);
    if (n == 0) break;
    i += n;
  }
  if (i == sample.size() || IsCutSequence(sample.substr(i))) return "UTF-8";

  uchardet_t detector = uchardet_new();
  uchardet_handle_data(detector, sample.data(), sample.size());
  uchardet_data_end(detector);
  std::string charset = uchardet_get_charset(detector);
  uchardet_delete(detector);
  if (charset.empty() || charset == "ASCII") return "UTF-8";
  return IcuName(charset);
}

Result<DecodedText> Decode(std::string_view bytes, const std::string& encoding) {
  if (IsUtf8Name(encoding)) return DecodeUtf8Lenient(bytes);
  return DecodeWithIcu(bytes, encoding);
}

bool LooksBinary(std::string_view sample) {
  if (sample.empty() || !Utf16WithoutBom(sample).empty()) return false;
  size_t nul = 0;
  size_t control = 0;
  for (unsigned char c : sample) {
    nul += c == 0;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) ++control;
  }
  // A stray NUL in a log is still text; binary formats are full of them.
  return nul * 1000 > sample.size() * 2 || control * 100 > sample.size() * 5;
}

std::string Utf16WithoutBom(std::string_view sample) {
  // Mostly-ASCII UTF-16 has a NUL in every other byte, and no NUL between.
  const size_t pairs = sample.size() / 2;
  if (pairs < 8) return "";
  size_t even_nul = 0;
  size_t odd_nul = 0;
  for (size_t i = 0; i + 1 < sample.size(); i += 2) {
    even_nul += sample[i] == '\0';
    odd_nul += sample[i + 1] == '\0';
  }
  if (odd_nul * 10 >= pairs * 7 && even_nul * 20 < pairs) return "UTF-16LE";
  if (even_nul * 10 >= pairs * 7 && odd_nul * 20 < pairs) return "UTF-16BE";
  return "";
}

std::string SniffEncoding(std::string_view head) {
  constexpr size_t kBinarySample = 8192;
  // UTF-32 first: its little-endian mark starts with UTF-16LE's.
  if (head.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return "UTF-32LE";
  if (head.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return "UTF-32BE";
  if (head.starts_with("\xFF\xFE")) return "UTF-16LE";
  if (head.starts_with("\xFE\xFF")) return "UTF-16BE";
  const std::string_view sample = head.substr(0, kBinarySample);
  if (std::string utf16 = Utf16WithoutBom(sample); !utf16.empty()) return utf16;
  if (LooksBinary(sample)) return "";
  return DetectEncoding(head);
}

size_t CountCodePoints(std::string_view utf8) {
  // Continuation bytes are 10xxxxxx; count them eight at a time.
  size_t continuation = 0;
  size_t i = 0;
  for (; i + 8 <= utf8.size(); i += 8) {
    const uint64_t w = Load64(utf8.data() + i);
    // One bit a byte, moved to the bottom and summed by a multiply.
    const uint64_t marks = (w & ~(w << 1) & kHighBits) >> 7;
    continuation += static_cast<size_t>((marks * 0x0101010101010101ull) >> 56);
  }
  for (; i < utf8.size(); ++i) continuation += (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80;
  return utf8.size() - continuation;
}

std::vector<size_t> ToCodePoints(std::string_view text, const std::vector<size_t>& byte_offsets) {
  std::vector<size_t> out;
  out.reserve(byte_offsets.size());
  size_t pos = 0;
  size_t cps = 0;
  for (size_t target : byte_offsets) {
    target = std::min(target, text.size());
    if (target < pos) pos = cps = 0;  // out of order: count again from the start
    cps += CountCodePoints(text.substr(pos, target - pos));
    pos = target;
    out.push_back(cps);
  }
  return out;
}

std::vector<size_t> ToBytes(std::string_view text, const std::vector<size_t>& code_points) {
  std::vector<size_t> out;
  out.reserve(code_points.size());
  size_t byte = 0;
  size_t cp = 0;
  for (size_t target : code_points) {
    if (target < cp) byte = cp = 0;  // out of order: count again from the start
    for (; cp < target && byte < text.size(); ++cp) {
      ++byte;
      while (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) ++byte;
    }
    out.push_back(cp == target ? byte : std::string_view::npos);
  }
  return out;
}

}  // namespace piiscan
