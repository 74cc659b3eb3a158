// Dates and times. Parsing is lenient about form; the fields found must
// then be a real calendar date and clock time.

#include <array>
#include <optional>
#include <string_view>

#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

constexpr int kNone = -1;

// Fields as written. For "03/04/2021" the order of day and month is not
// known: `first` and `second` hold them and either order may be right.
struct DateFields {
  int year = kNone;
  int year_digits = 0;
  int month = kNone;
  int day = kNone;
  int first = kNone;
  int second = kNone;
};

struct TimeFields {
  int hour = kNone;
  int minute = 0;
  int second = 0;
  bool twelve_hour = false;
  int offset_hours = 0;
  int offset_minutes = 0;
};

// A cursor over the candidate. Each Consume* method either consumes what it
// names and returns true, or leaves the position unchanged; the parsers
// below keep the same rule unless their comment says otherwise.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool Done() const { return pos_ == text_.size(); }
  char Peek() const { return Done() ? '\0' : text_[pos_]; }
  std::size_t Save() const { return pos_; }
  void Restore(std::size_t pos) { pos_ = pos; }

  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  bool ConsumeIgnoreCase(std::string_view word) {
    if (!EqualsIgnoreCase(text_.substr(pos_, word.size()), word)) return false;
    pos_ += word.size();
    return true;
  }

  int SkipSpaces() {
    int count = 0;
    while (Consume(' ')) ++count;
    return count;
  }

  // Reads a run of digits whose length is within [min, max].
  bool ConsumeNumber(int min, int max, int& value, int* digits = nullptr) {
    std::size_t start = pos_;
    std::size_t end = start;
    while (end < text_.size() && IsDigit(text_[end])) ++end;
    int length = static_cast<int>(end - start);
    if (length < min || length > max) return false;
    value = 0;
    for (std::size_t i = start; i < end; ++i) value = value * 10 + DigitValue(text_[i]);
    if (digits != nullptr) *digits = length;
    pos_ = end;
    return true;
  }

  // Reads a run of letters.
  std::string_view ConsumeWord() {
    std::size_t start = pos_;
    while (!Done() && IsAlpha(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// Full name or an abbreviation of at least three letters ("Sep", "Sept").
bool NameMatches(std::string_view word, std::string_view name) {
  return word.size() >= 3 && word.size() <= name.size() &&
         EqualsIgnoreCase(word, name.substr(0, word.size()));
}

// Month 1-12 named at the cursor (optionally abbreviated with a dot).
bool ConsumeMonthName(Cursor& in, int& month) {
  std::size_t start = in.Save();
  std::string_view word = in.ConsumeWord();
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (!NameMatches(word, kMonths[i])) continue;
    month = static_cast<int>(i) + 1;
    if (word.size() < kMonths[i].size()) in.Consume('.');
    return true;
  }
  in.Restore(start);
  return false;
}

// "Tuesday, " or "Tue " before a written date.
void SkipWeekday(Cursor& in) {
  std::size_t start = in.Save();
  std::string_view word = in.ConsumeWord();
  for (std::string_view name : kWeekdays) {
    if (!NameMatches(word, name)) continue;
    in.Consume('.');
    in.Consume(',');
    if (in.SkipSpaces() > 0) return;
  }
  in.Restore(start);
}

// Day of month with an optional English ordinal suffix.
bool ConsumeDay(Cursor& in, int& day) {
  if (!in.ConsumeNumber(1, 2, day)) return false;
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (in.ConsumeIgnoreCase(suffix)) break;
  }
  return true;
}

bool ConsumeYear(Cursor& in, DateFields& date) {
  return in.ConsumeNumber(4, 4, date.year, &date.year_digits);
}

bool IsDateSeparator(char c) { return c == '-' || c == '/' || c == '.'; }

// "2021-03-15", "2021/3/15", "2021.03.15" or "20210315".
bool ConsumeIsoDate(Cursor& in, DateFields& date) {
  int compact = 0;
  if (in.ConsumeNumber(8, 8, compact)) {
    date = {.year = compact / 10000,
            .year_digits = 4,
            .month = compact / 100 % 100,
            .day = compact % 100};
    return true;
  }
  std::size_t start = in.Save();
  if (!ConsumeYear(in, date)) return false;
  char separator = in.Peek();
  bool ok = IsDateSeparator(separator) && in.Consume(separator) &&
            in.ConsumeNumber(1, 2, date.month) && in.Consume(separator) &&
            in.ConsumeNumber(1, 2, date.day);
  if (!ok) in.Restore(start);
  return ok;
}

// "15/03/2021", "3-15-21", "15.03.2021": day and month order unknown.
bool ConsumeNumericDate(Cursor& in, DateFields& date) {
  std::size_t start = in.Save();
  if (!in.ConsumeNumber(1, 2, date.first)) return false;
  char separator = in.Peek();
  bool ok = IsDateSeparator(separator) && in.Consume(separator) &&
            in.ConsumeNumber(1, 2, date.second) && in.Consume(separator) &&
            in.ConsumeNumber(2, 4, date.year, &date.year_digits) && date.year_digits != 3;
  if (!ok) in.Restore(start);
  return ok;
}

// Optional ", 2021" or " 2021" after a written day and month.
void ConsumeOptionalYear(Cursor& in, DateFields& date) {
  std::size_t start = in.Save();
  in.Consume(',');
  if (in.SkipSpaces() == 0 || !ConsumeYear(in, date)) in.Restore(start);
}

// "3 March 2021", "3rd of March, 2021", "March 3, 2021", "Mar. 3",
// "March 2021", each optionally after a weekday.
bool ConsumeWrittenDate(Cursor& in, DateFields& date) {
  std::size_t start = in.Save();
  SkipWeekday(in);
  std::size_t after_weekday = in.Save();

  if (ConsumeDay(in, date.day) && in.SkipSpaces() > 0) {
    if (in.ConsumeIgnoreCase("of ")) in.SkipSpaces();
    if (ConsumeMonthName(in, date.month)) {
      ConsumeOptionalYear(in, date);
      return true;
    }
  }
  in.Restore(after_weekday);
  date.day = kNone;

  if (ConsumeMonthName(in, date.month) && in.SkipSpaces() > 0) {
    if (ConsumeYear(in, date)) return true;
    if (ConsumeDay(in, date.day)) {
      ConsumeOptionalYear(in, date);
      return true;
    }
  }
  in.Restore(start);
  return false;
}

bool ConsumeMeridiem(Cursor& in) {
  std::size_t start = in.Save();
  in.SkipSpaces();
  for (std::string_view word : {"a.m.", "p.m.", "am", "pm"}) {
    if (in.ConsumeIgnoreCase(word)) return true;
  }
  in.Restore(start);
  return false;
}

// "+01:00", "-0500", "+01".
bool ConsumeOffset(Cursor& in, TimeFields& time) {
  std::size_t start = in.Save();
  int value = 0;
  int digits = 0;
  bool signed_number =
      (in.Consume('+') || in.Consume('-')) && in.ConsumeNumber(1, 4, value, &digits) && digits != 3;
  if (!signed_number) {
    in.Restore(start);
    return false;
  }
  if (digits == 4) {
    time.offset_hours = value / 100;
    time.offset_minutes = value % 100;
    return true;
  }
  time.offset_hours = value;
  std::size_t before_minutes = in.Save();
  if (in.Consume(':') && !in.ConsumeNumber(2, 2, time.offset_minutes)) in.Restore(before_minutes);
  return true;
}

// "Z", "+01:00", " UTC", " GMT+2".
void ConsumeZone(Cursor& in, TimeFields& time) {
  if (in.Consume('Z') || ConsumeOffset(in, time)) return;
  std::size_t start = in.Save();
  in.SkipSpaces();
  if (!in.ConsumeIgnoreCase("UTC") && !in.ConsumeIgnoreCase("GMT")) {
    in.Restore(start);
    return;
  }
  ConsumeOffset(in, time);
}

// ":mm", ":mm:ss" or ":mm:ss.fff" after the hour. May stop part way on
// failure; ConsumeTime restores the cursor.
bool ConsumeMinutesSeconds(Cursor& in, TimeFields& time) {
  if (!in.Consume(':') || !in.ConsumeNumber(2, 2, time.minute)) return false;
  if (!in.Consume(':')) return true;
  if (!in.ConsumeNumber(2, 2, time.second)) return false;
  if (!in.Consume('.') && !in.Consume(',')) return true;
  int fraction = 0;
  return in.ConsumeNumber(1, 9, fraction);
}

// "14:05", "14:05:59.123", "2:05 pm", "2pm", each with an optional zone.
bool ConsumeTime(Cursor& in, TimeFields& time) {
  std::size_t start = in.Save();
  if (!in.ConsumeNumber(1, 2, time.hour)) return false;

  bool has_minutes = in.Peek() == ':';
  bool ok = !has_minutes || ConsumeMinutesSeconds(in, time);
  time.twelve_hour = ok && ConsumeMeridiem(in);
  if (!ok || (!has_minutes && !time.twelve_hour)) {
    in.Restore(start);
    time = TimeFields();
    return false;
  }
  ConsumeZone(in, time);
  return true;
}

// Separator between a date and its time: "T", " ", ", ", " at ".
bool ConsumeDateTimeSeparator(Cursor& in) {
  if (in.Consume('T') || in.Consume('t')) return true;
  std::size_t start = in.Save();
  in.Consume(',');
  if (in.SkipSpaces() == 0) {
    in.Restore(start);
    return false;
  }
  if (in.ConsumeIgnoreCase("at ")) in.SkipSpaces();
  return true;
}

// Tries each date form on fresh fields; each parser restores the cursor
// when it fails.
bool ConsumeDate(Cursor& in, DateFields& date) {
  for (auto parse : {ConsumeIsoDate, ConsumeNumericDate, ConsumeWrittenDate}) {
    DateFields attempt;
    if (parse(in, attempt)) {
      date = attempt;
      return true;
    }
  }
  return false;
}

bool IsLeap(int year, int digits) {
  if (digits == 2) return year % 4 == 0;
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool DayMonthOk(int day, int month, const DateFields& date) {
  constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return false;
  if (day == kNone) return true;
  if (day < 1 || day > kDays[month - 1]) return false;
  bool feb29 = month == 2 && day == 29;
  return !feb29 || date.year == kNone || IsLeap(date.year, date.year_digits);
}

bool DateOk(const DateFields& date) {
  if (date.year_digits == 4 && (date.year < 1000 || date.year > 2999)) return false;
  if (date.first == kNone) return DayMonthOk(date.day, date.month, date);
  // Either order will do: 03/04 is 3 April or March 4.
  return DayMonthOk(date.first, date.second, date) || DayMonthOk(date.second, date.first, date);
}

bool TimeOk(const TimeFields& time) {
  bool hour_ok = time.twelve_hour ? time.hour >= 1 && time.hour <= 12 : time.hour <= 23;
  // Second 60 is a leap second.
  return hour_ok && time.minute <= 59 && time.second <= 60 && time.offset_hours <= 14 &&
         time.offset_minutes <= 59;
}

}  // namespace

Verdict DateTime(std::string_view candidate) {
  Cursor in(candidate);
  DateFields date;
  TimeFields time;

  // A date, a date and a time, or a time alone; anything else is unknown.
  bool has_date = ConsumeDate(in, date);
  if (has_date && !in.Done()) {
    std::size_t after_date = in.Save();
    if (!ConsumeDateTimeSeparator(in) || !ConsumeTime(in, time)) in.Restore(after_date);
  } else if (!has_date) {
    ConsumeTime(in, time);
  }
  if (!in.Done() || (!has_date && time.hour == kNone)) return Verdict::kUnknown;

  if (has_date && !DateOk(date)) return Verdict::kInvalid;
  if (time.hour != kNone && !TimeOk(time)) return Verdict::kInvalid;
  return Verdict::kValid;
}

}  // namespace piiscan::validators
