#include "piiscan/scanner.h"

#include <algorithm>
#include <cstring>
#include <fstream>

#include "piiscan/text.h"

namespace piiscan {
namespace {

// Bytes kept before a chunk for context words and boundary checks.
constexpr size_t kLeftMargin = 512;
// Bytes read from the input at a time.
constexpr size_t kReadBlock = 1 << 20;
// What encoding detection and the binary check look at.
constexpr size_t kSniffBytes = 64 << 10;

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Position, code point count, line and line start in decoded text.
struct Cursor {
  size_t pos = 0;
  size_t cp = 0;
  size_t line = 1;
  size_t line_start_cp = 0;

  // REQUIRES: target >= pos.
  // Whole spans at a time, not line by line: findings are sparse.
  void AdvanceTo(std::string_view text, size_t target) {
    std::string_view span = text.substr(pos, target - pos);
    pos = target;
    const auto newlines = static_cast<size_t>(std::count(span.begin(), span.end(), '\n'));
    if (newlines > 0) {
      const size_t line_start = span.rfind('\n') + 1;
      line += newlines;
      cp += CountCodePoints(span.substr(0, line_start));
      line_start_cp = cp;
      span.remove_prefix(line_start);
    }
    cp += CountCodePoints(span);
  }
};

// Feeds decoded text in, analyzes it chunk by chunk, reports each finding
// once with stream-wide offsets.
class ChunkedAnalyzer {
 public:
  ChunkedAnalyzer(const Analyzer& analyzer, const ScanOptions& options, StreamReport* report)
      : analyzer_(analyzer),
        options_(options),
        report_(report),
        overlap_(analyzer.MaxSpanBytes() + kLeftMargin) {}

  Status Feed(const DecodedText& piece, size_t source_base) {
    map_.Append(piece.offsets, base_ + buf_.size(), source_base);
    buf_ += piece.utf8;
    return Process(false);
  }

  Status Finish() { return Process(true); }

 private:
  Status Process(bool final);
  Status AnalyzeChunk(size_t cut, size_t keep_from, Cursor* at_keep);
  size_t ChooseCut(size_t target) const;
  size_t KeepFrom(size_t cut) const;
  void Drop(size_t keep_from, const Cursor& at_keep);

  const Analyzer& analyzer_;
  const ScanOptions& options_;
  StreamReport* report_;
  const size_t overlap_;

  std::string buf_;        // decoded text; buf_[0] is stream offset base_
  size_t base_ = 0;        // decoded stream offset of buf_[0]
  size_t owned_from_ = 0;  // buf_ index where unreported text starts
  size_t last_end_ = 0;    // decoded stream offset after the last finding
  Cursor base_cursor_;     // counters at buf_[0] (pos is always 0)
  OffsetMap map_;          // decoded stream offsets -> source offsets
};

Status ChunkedAnalyzer::Process(bool final) {
  const size_t chunk = std::max<size_t>(options_.chunk_bytes, 4096);
  while (buf_.size() - owned_from_ >= chunk + overlap_) {
    const size_t cut = ChooseCut(owned_from_ + chunk);
    const size_t keep_from = KeepFrom(cut);
    Cursor at_keep;
    if (auto st = AnalyzeChunk(cut, keep_from, &at_keep); !st) return st;
    Drop(keep_from, at_keep);
  }
  if (final && owned_from_ < buf_.size()) {
    Cursor unused;
    return AnalyzeChunk(buf_.size(), buf_.size(), &unused);
  }
  return {};
}

// Where the text kept for the next chunk starts: a margin before the cut,
// on a character border.
size_t ChunkedAnalyzer::KeepFrom(size_t cut) const {
  size_t keep_from = cut > kLeftMargin ? cut - kLeftMargin : 0;
  while (keep_from > 0 && IsContinuation(buf_[keep_from])) --keep_from;
  return keep_from;
}

// A chunk ends after a newline if one is near, else on a character border.
size_t ChooseCut(std::string_view buf, size_t target, size_t floor) {
  const size_t limit = target > 4096 ? target - 4096 : 0;
  for (size_t i = target; i > std::max(limit, floor); --i) {
    if (buf[i - 1] == '\n') return i;
  }
  size_t i = target;
  while (i > floor + 1 && IsContinuation(buf[i])) --i;
  return i;
}

size_t ChunkedAnalyzer::ChooseCut(size_t target) const {
  return piiscan::ChooseCut(buf_, target, owned_from_);
}

// Reports the findings that start in [owned_from_, cut) and leaves in
// `at_keep` the counters at `keep_from`, met on the way: the text is
// counted once.
Status ChunkedAnalyzer::AnalyzeChunk(size_t cut, size_t keep_from, Cursor* at_keep) {
  const std::string_view view(buf_.data(), std::min(buf_.size(), cut + overlap_));
  AnalyzeStats stats;
  AnalyzeOptions analyze = options_.analyze;
  analyze.code_points = false;  // counted below, once, with the lines
  auto findings = analyzer_.Analyze(view, analyze, &stats);
  if (!findings) return tl::unexpected(findings.error());
  report_->truncated |= stats.truncated;

  Cursor cursor = base_cursor_;
  cursor.pos = 0;
  bool kept = false;
  for (Finding& f : *findings) {
    if (f.byte_start < owned_from_ || f.byte_start >= cut) continue;
    if (base_ + f.byte_start < last_end_) continue;  // overlaps what was reported

    if (!kept && f.byte_start >= keep_from) {
      cursor.AdvanceTo(view, keep_from);
      *at_keep = cursor;
      kept = true;
    }
    LocatedFinding lf;
    cursor.AdvanceTo(view, f.byte_start);
    lf.line = cursor.line;
    lf.column = cursor.cp - cursor.line_start_cp + 1;
    const size_t length_cp = CountCodePoints(view.substr(f.byte_start, f.byte_end - f.byte_start));
    if (options_.keep_values) lf.value = view.substr(f.byte_start, f.byte_end - f.byte_start);
    lf.source_start = map_.ToSource(base_ + f.byte_start);
    lf.source_end = map_.ToSource(base_ + f.byte_end);
    f.start = cursor.cp;
    f.end = cursor.cp + length_cp;
    f.byte_start += base_;
    f.byte_end += base_;
    last_end_ = f.byte_end;
    lf.finding = std::move(f);
    if (options_.on_finding) {
      options_.on_finding(std::move(lf));
    } else {
      report_->findings.push_back(std::move(lf));
    }
  }
  if (!kept) {
    cursor.AdvanceTo(view, std::min(keep_from, view.size()));
    *at_keep = cursor;
  }
  owned_from_ = cut;
  return {};
}

// `at_keep`: the counters at `keep_from`.
void ChunkedAnalyzer::Drop(size_t keep_from, const Cursor& at_keep) {
  base_cursor_ = at_keep;
  base_cursor_.pos = 0;
  buf_.erase(0, keep_from);
  base_ += keep_from;
  owned_from_ -= keep_from;
}

bool HasUtf16Bom(std::string_view s, std::string* encoding) {
  if (s.size() >= 2 && s[0] == '\xFF' && s[1] == '\xFE') {
    *encoding = "UTF-16LE";
    return true;
  }
  if (s.size() >= 2 && s[0] == '\xFE' && s[1] == '\xFF') {
    *encoding = "UTF-16BE";
    return true;
  }
  return false;
}

// Length of the byte order mark `s` starts with when read as `encoding`
// (UTF-16 or UTF-32), else 0.
size_t WideBomLength(std::string_view s, const std::string& encoding) {
  if (encoding == "UTF-32LE" && s.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return 4;
  if (encoding == "UTF-32BE" && s.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return 4;
  std::string utf16;
  return encoding.starts_with("UTF-16") && HasUtf16Bom(s, &utf16) && utf16 == encoding ? 2 : 0;
}

// Bytes at the end of `s` that start a UTF-8 sequence not yet complete.
size_t IncompleteTail(std::string_view s) {
  for (size_t back = 1; back <= 3 && back <= s.size(); ++back) {
    const auto c = static_cast<unsigned char>(s[s.size() - back]);
    if ((c & 0xC0) == 0x80) continue;
    const size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

size_t ReadSome(std::istream& in, std::string* out, size_t n) {
  const size_t old = out->size();
  out->resize(old + n);
  in.read(out->data() + old, static_cast<std::streamsize>(n));
  const auto got = static_cast<size_t>(in.gcount());
  out->resize(old + got);
  return got;
}

Status ScanUtf8(std::istream& in, std::string pending, ChunkedAnalyzer* chunks,
                StreamReport* report) {
  // A byte order mark is no text: drop it, offsets still count its bytes.
  const bool bom = pending.compare(0, 3, "\xEF\xBB\xBF") == 0;
  if (bom) pending.erase(0, 3);
  size_t source_base = bom ? 3 : 0;
  for (;;) {
    const bool eof = ReadSome(in, &pending, kReadBlock) == 0;
    const size_t keep = eof ? 0 : IncompleteTail(pending);
    const std::string_view block(pending.data(), pending.size() - keep);
    auto decoded = Decode(block, "UTF-8");
    if (!decoded) return tl::unexpected(decoded.error());
    report->replaced += decoded->replaced;
    if (auto st = chunks->Feed(*decoded, source_base); !st) return st;
    source_base += block.size();
    pending.erase(0, block.size());
    if (eof) break;
  }
  report->bytes = source_base;
  return {};
}

Status ScanWhole(std::istream& in, std::string data, const std::string& name,
                 const ScanOptions& options, ChunkedAnalyzer* chunks, StreamReport* report) {
  while (ReadSome(in, &data, kReadBlock) > 0) {
    if (data.size() > options.max_whole_decode_bytes) {
      return MakeError(ErrorCode::kResourceExhausted,
                       name + ": " + report->encoding + " input over " +
                           std::to_string(options.max_whole_decode_bytes) + " bytes");
    }
  }
  report->bytes = data.size();
  // A UTF-16 or UTF-32 byte order mark is no text: drop it, offsets still count it.
  const size_t bom = WideBomLength(data, report->encoding);
  auto decoded = Decode(std::string_view(data).substr(bom), report->encoding);
  if (!decoded) return MakeError(decoded.error().code, name + ": " + decoded.error().message);
  report->replaced = decoded->replaced;
  return chunks->Feed(*decoded, bom);
}

}  // namespace

Result<StreamReport> ScanStream(const Analyzer& analyzer, std::istream& in, const std::string& name,
                                const ScanOptions& options) {
  StreamReport report;
  std::string head;
  ReadSome(in, &head, kSniffBytes);
  if (in.bad()) return MakeError(ErrorCode::kIo, name + ": read failed");

  report.encoding = SniffEncoding(head);
  if (report.encoding.empty()) {
    report.binary = true;
    report.bytes = head.size();
    return report;
  }

  ChunkedAnalyzer chunks(analyzer, options, &report);
  Status st = report.encoding == "UTF-8"
                  ? ScanUtf8(in, std::move(head), &chunks, &report)
                  : ScanWhole(in, std::move(head), name, options, &chunks, &report);
  if (!st) return tl::unexpected(st.error());
  if (in.bad()) return MakeError(ErrorCode::kIo, name + ": read failed");
  if (auto fin = chunks.Finish(); !fin) return tl::unexpected(fin.error());
  return report;
}

Result<StreamReport> ScanFile(const Analyzer& analyzer, const std::string& path,
                              const ScanOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return MakeError(ErrorCode::kIo, path + ": cannot open: " + std::strerror(errno));
  }
  return ScanStream(analyzer, in, path, options);
}

}  // namespace piiscan
