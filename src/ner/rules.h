#pragma once

// Rule recognizers over the words of a text: street addresses and the
// smaller entity types whose form is fixed (ages, ZIP codes, honorifics,
// nationalities and religions, driver's licence numbers near their
// context). They read the same words and lexicon flags as the name model.

#include <cstddef>
#include <string_view>
#include <vector>

#include "ner/features.h"
#include "ner/tokens.h"

namespace piiscan::ner {

// One finding of the name stage; offsets are bytes into the text.
struct NamedSpan {
  const char* entity;  // "PERSON", "STREET_ADDRESS", ...
  const char* rule;    // what found it: "name_model", "street_address" ...
  size_t start;
  size_t end;
  double score;
};

// The words of a text with what is known of each.
struct Words {
  std::string_view text;
  std::vector<Token> tokens;
  std::vector<WordInfo> infos;
  std::string_view Word(size_t i) const {
    return text.substr(tokens[i].start, tokens[i].end - tokens[i].start);
  }
};

// Street addresses: from the house number (or a flat/unit) through the
// street, unit, city, state, postcode and country that follow, across
// commas and line breaks; US, UK, German/Dutch ("Hauptstraße 5") and
// French/Spanish/Italian ("12 rue de la Paix") street layouts, and US
// military mail (PSC/Unit ... APO). Appends to `out`.
void FindAddresses(const Words& words, std::vector<NamedSpan>* out);

// AGE, ZIP_CODE, TITLE, NRP and US_DRIVER_LICENSE. Appends to `out`.
void FindFixedForms(const Words& words, std::vector<NamedSpan>* out);

}  // namespace piiscan::ner
