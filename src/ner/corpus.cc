#include "ner/corpus.h"

#include <array>
#include <fstream>
#include <map>
#include <sstream>

#include "ner/model.h"
#include "ner/tokens.h"

namespace piiscan::ner {
namespace {

// -1: not an entity type this model knows.
int KindIndex(const std::string& type) {
  if (type == "PER" || type == "person" || type == "PERSON") return 0;
  if (type == "LOC" || type == "location" || type == "LOCATION") return 1;
  if (type == "ORG" || type == "corporation" || type == "group" || type == "ORGANIZATION") {
    return 2;
  }
  return -1;
}

// IO and IOB2 alike: an I- tag that does not continue its type begins.
int ToTag(const std::string& label, int previous) {
  if (label.size() < 3 || label[1] != '-') return kO;
  const int kind = KindIndex(label.substr(2));
  if (kind < 0) return kO;
  const int begin = 1 + 2 * kind;
  if (label[0] == 'B') return begin;
  return previous == begin || previous == begin + 1 ? begin + 1 : begin;
}

// Concatenation by appending (GCC 12 warns falsely on chains of +).
template <typename... Parts>
std::string Cat(const Parts&... parts) {
  std::string out;
  (out.append(parts), ...);
  return out;
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  return lines;
}

std::string Capitalized(std::string word) {
  bool start = true;
  for (char& c : word) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = c == ' ' || c == '-' || c == '\'';
  }
  return word;
}

struct Lists {
  std::vector<std::string> templates, firsts, lasts, countries, states, cities;
};

class Filler {
 public:
  Filler(const Lists& lists, Random* random) : l_(lists), r_(*random) {}

  // Appends the words of a slot, tagged.
  void Fill(const std::string& slot, Sentence* s) {
    if (slot == "PER") return Person(s);
    if (slot == "FIRST") return Add(First(), kBPer, s);
    if (slot == "LAST") return Add(Last(), kBPer, s);
    if (slot == "HON") return Add(Pick(kHonorifics), kO, s);
    if (slot == "CITY") return Add(City(), kBLoc, s);
    if (slot == "COUNTRY") return Add(Capitalized(Pick(l_.countries)), kBLoc, s);
    if (slot == "STATE") return Add(Capitalized(Pick(l_.states)), kBLoc, s);
    if (slot == "LOC")
      return Fill(r_.Chance(0.5) ? "CITY" : r_.Chance(0.5) ? "COUNTRY" : "STATE", s);
    if (slot == "ORG") return Add(Organization(), kBOrg, s);
    if (slot == "STREET") return Add(Street(), kO, s);
    if (slot == "UNIT") return Add(Cat(Pick(kUnits), " ", Digits(1 + r_.Below(3))), kO, s);
    if (slot == "ZIP") return Add(Digits(5), kO, s);
    if (slot == "JOB") return Add(Cat(Pick(kJobLevels), Pick(kJobs)), kO, s);
    if (slot == "DEPT") return Add(Pick(kDepartments), kO, s);
    if (slot == "NRP") return Add(Pick(kNrp), kO, s);
    if (slot == "LANG") return Add(Pick(kLanguages), kO, s);
    if (slot == "PRODUCT") return Add(Pick(kProducts), kO, s);
    if (slot == "WEEKDAY") return Add(Pick(kWeekdays), kO, s);
    if (slot == "MONTH") return Add(Pick(kMonths), kO, s);
    return Add(Value(slot), kO, s);
  }
  void NewSentence() { slot_end_ = SIZE_MAX; }
  // Template text between slots.
  void Text(const std::string& text, Sentence* s) { Add(text, kO, s); }

 private:
  static constexpr std::array<const char*, 12> kHonorifics = {
      "Mr.", "Mrs.", "Ms.", "Dr.", "Miss", "Prof.", "Mr", "Mrs", "Ms", "Dr", "Sir", "Mx."};
  static constexpr std::array<const char*, 14> kOrgSuffixes = {
      "Ltd.", "Inc.",  "Inc",  "LLC",      "PLC",      "Group",      "and Sons",
      "Ltd",  "Corp.", "GmbH", "Holdings", "Partners", "Associates", "Co."};
  static constexpr std::array<const char*, 10> kOrgWords = {
      "Bank",      "University", "Hospital", "Labs",    "Foundation",
      "Insurance", "Airlines",   "Media",    "Systems", "Consulting"};
  static constexpr std::array<const char*, 8> kCityPrefixes = {"North", "South", "East", "West",
                                                               "New",   "Lake",  "Port", "Fort"};
  static constexpr std::array<const char*, 16> kCitySuffixes = {
      "town", "ton",  "land",  "ville", "berg",    "burgh", "borough", "bury",
      "view", "port", "mouth", "stad",  "chester", "fort",  "haven",   "side"};

  static constexpr std::array<const char*, 12> kStreetSuffixes = {
      "Street", "St.",     "Avenue", "Ave",   "Road",  "Lane",
      "Drive",  "Parkway", "Ramp",   "Ridge", "Court", "Way"};
  static constexpr std::array<const char*, 5> kUnits = {"Apt.", "Suite", "Unit", "Apt", "Flat"};
  static constexpr std::array<const char*, 5> kJobLevels = {"", "Senior ", "Junior ", "Chief ",
                                                            "Lead "};
  static constexpr std::array<const char*, 12> kJobs = {
      "Software Engineer", "Accountant",      "Nurse",         "Sales Manager",
      "Data Analyst",      "Teacher",         "Civil Drafter", "Product Designer",
      "Technician",        "Legal Secretary", "Pharmacist",    "Marketing Coordinator"};
  static constexpr std::array<const char*, 8> kDepartments = {
      "Finance",     "Human Resources", "Marketing", "Sales",
      "Engineering", "Legal",           "IT",        "Customer Service"};
  static constexpr std::array<const char*, 10> kNrp = {
      "American", "French",     "Chinese",  "Muslim", "Catholic",
      "Jewish",   "Republican", "Democrat", "Indian", "German"};
  static constexpr std::array<const char*, 6> kLanguages = {"English", "Spanish", "French",
                                                            "German",  "Arabic",  "Mandarin"};
  static constexpr std::array<const char*, 8> kProducts = {
      "Windows", "iPhone", "Excel", "Android", "PlayStation", "Kindle", "Photoshop", "Outlook"};
  static constexpr std::array<const char*, 7> kWeekdays = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  static constexpr std::array<const char*, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};

  std::string Street() {
    std::string stem = r_.Chance(0.5) ? First() : Last();
    return Cat(Digits(1 + r_.Below(5)), " ", stem, " ", Pick(kStreetSuffixes));
  }

  template <typename C>
  std::string Pick(const C& c) {
    return c[r_.Below(c.size())];
  }
  // Frequent names more often, yet every name of the list now and then.
  std::string Ranked(const std::vector<std::string>& names, size_t head) {
    const size_t n = r_.Chance(0.6) ? std::min(head, names.size()) : names.size();
    return Capitalized(names[r_.Below(n)]);
  }
  std::string First() { return Ranked(l_.firsts, 1500); }
  std::string Last() { return Ranked(l_.lasts, 3000); }

  std::string City() {
    if (r_.Chance(0.4)) return Capitalized(Pick(l_.cities));
    // Made-up towns named after people: "Port Amanda", "Jessicaberg".
    std::string stem = r_.Chance(0.6) ? First() : Last();
    const bool suffix = r_.Chance(0.6);
    if (suffix) stem += Pick(kCitySuffixes);
    if (suffix && !r_.Chance(0.4)) return stem;
    std::string city = Pick(kCityPrefixes);
    city += ' ';
    city += stem;
    return city;
  }

  std::string Organization() {
    switch (r_.Below(7)) {
      case 0:
        return Last() + "-" + Last();
      case 1:
        return Last() + ", " + Last() + " and " + Last();
      case 2:
        return City() + " " + Pick(kOrgWords);
      case 3:
        return std::string(r_.Chance(0.5) ? "University of " : "Bank of ") + City();
      default:
        return Last() + " " + Pick(kOrgSuffixes);
    }
  }

  void Person(Sentence* s) {
    const size_t form = r_.Below(20);
    std::string name;
    if (form < 9) {
      name = First() + " " + Last();
    } else if (form < 13) {
      name = First();
    } else if (form < 15) {
      name = First();
      name += ' ';
      name += static_cast<char>('A' + r_.Below(26));
      name += ". ";
      name += Last();
    } else if (form < 16) {
      name = First() + " " + Last() + "-" + Last();
    } else if (form < 17) {
      name = First() + " " + First() + " " + Last();
    } else if (form < 18) {
      name = Last();
    } else {
      name = First() + " " + Last() + (r_.Chance(0.5) ? " Jr." : " III");
    }
    Add(name, kBPer, s);
  }

  std::string Digits(size_t n) {
    std::string d;
    for (size_t i = 0; i < n; ++i) d += static_cast<char>('0' + r_.Below(10));
    return d;
  }

  std::string Value(const std::string& slot) {
    if (slot == "NUM") return Digits(1 + r_.Below(4));
    if (slot == "ID") {
      std::string id;
      if (r_.Chance(0.4)) id += static_cast<char>('A' + r_.Below(26));
      id += Digits(5 + r_.Below(6));
      return id;
    }
    if (slot == "DATE") {
      return Cat(std::to_string(1 + r_.Below(12)), "/", std::to_string(1 + r_.Below(28)), "/",
                 std::to_string(1940 + r_.Below(80)));
    }
    if (slot == "TIME") return Cat(std::to_string(1 + r_.Below(12)), ":", Digits(2), " pm");
    if (slot == "MONEY") return Cat("$", Digits(1 + r_.Below(4)), ".", Digits(2));
    if (slot == "PHONE") return Cat("(", Digits(3), ") ", Digits(3), "-", Digits(4));
    if (slot == "EMAIL") return Cat("user", Digits(3), "@example.com");
    return "0";
  }

  // Tokenizes `text` like the runtime does; the first word gets `begin`,
  // the rest its I- tag (O stays O).
  void Add(const std::string& text, int begin, Sentence* s) {
    std::vector<Token> tokens;
    Tokenize(text, &tokens);
    // Slots that touch ("{FIRST} {LAST}") make one entity.
    const bool joins = begin != kO && !s->tags.empty() && s->words.size() == slot_end_ &&
                       s->tags.back() != kO && KindOf(s->tags.back()) == KindOf(begin);
    for (size_t i = 0; i < tokens.size(); ++i) {
      s->words.push_back(text.substr(tokens[i].start, tokens[i].end - tokens[i].start));
      s->tags.push_back(begin == kO ? kO : i == 0 && !joins ? begin : begin + 1);
    }
    if (begin != kO) slot_end_ = s->words.size();
  }

  const Lists& l_;
  Random& r_;
  size_t slot_end_ = SIZE_MAX;  // words in the sentence after the last entity slot
};

Result<Lists> ReadLists(const std::string& dir) {
  Lists l;
  l.templates = ReadLines(dir + "/templates.txt");
  l.firsts = ReadLines(dir + "/first_names.txt");
  l.lasts = ReadLines(dir + "/last_names.txt");
  std::vector<std::string>* section = nullptr;
  for (const std::string& line : ReadLines(dir + "/places.txt")) {
    if (line == "country:")
      section = &l.countries;
    else if (line == "state:")
      section = &l.states;
    else if (line == "city:")
      section = &l.cities;
    else if (section != nullptr)
      section->push_back(line);
  }
  if (l.templates.empty() || l.firsts.empty() || l.lasts.empty() || l.cities.empty() ||
      l.countries.empty() || l.states.empty()) {
    return MakeError(ErrorCode::kNotFound,
                     dir +
                         ": templates.txt, first_names.txt, last_names.txt or places.txt "
                         "is missing or empty");
  }
  return l;
}

Sentence FromTemplate(const std::string& templ, Filler* filler) {
  filler->NewSentence();
  Sentence s;
  size_t from = 0;
  while (from < templ.size()) {
    const size_t open = templ.find('{', from);
    const size_t close = open == std::string::npos ? open : templ.find('}', open);
    const size_t text_end = close == std::string::npos ? templ.size() : open;
    if (text_end > from) filler->Text(templ.substr(from, text_end - from), &s);
    if (close == std::string::npos) break;
    filler->Fill(templ.substr(open + 1, close - open - 1), &s);
    from = close + 1;
  }
  return s;
}

}  // namespace

uint64_t Random::Next() {
  // splitmix64
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

Result<std::vector<Sentence>> ReadConll(const std::string& path) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open");
  std::vector<Sentence> out;
  Sentence s;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (!s.words.empty()) out.push_back(std::move(s));
      s = {};
      continue;
    }
    const size_t cut = line.find_last_of(" \t");
    if (cut == 0) continue;  // a tagged empty word, as in BTC
    if (cut == std::string::npos) {
      return MakeError(ErrorCode::kParse,
                       path + ":" + std::to_string(number) + ": expected 'word tag'");
    }
    const size_t word_end = line.find_first_of(" \t");
    const int previous = s.tags.empty() ? kO : s.tags.back();
    s.words.push_back(line.substr(0, word_end));
    s.tags.push_back(ToTag(line.substr(cut + 1), previous));
  }
  if (!s.words.empty()) out.push_back(std::move(s));
  return out;
}

// Words are filled slot by slot; text between slots is tagged O. Filler
// text is tokenized, so the words match what the runtime tokenizer makes.
Result<std::vector<Sentence>> Synthesize(const std::string& dir, size_t count, Random* random) {
  auto lists = ReadLists(dir);
  if (!lists) return tl::unexpected(lists.error());
  Filler filler(*lists, random);
  std::vector<Sentence> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    out.push_back(FromTemplate(lists->templates[i % lists->templates.size()], &filler));
  }
  return out;
}

void AddCaseVariants(double upper, double lower, Random* random, std::vector<Sentence>* sentences) {
  const size_t n = sentences->size();
  for (size_t i = 0; i < n; ++i) {
    const bool up = random->Chance(upper);
    const bool down = !up && random->Chance(lower);
    if (!up && !down) continue;
    Sentence copy = (*sentences)[i];
    for (std::string& w : copy.words) {
      for (char& c : w) {
        if (up && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (down && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
    }
    sentences->push_back(std::move(copy));
  }
}

}  // namespace piiscan::ner
