// Names under which the recognizer catalogue refers to validators.

#include <string_view>

#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

struct Entry {
  std::string_view name;
  ValidatorFn fn;
};

constexpr Entry kValidators[] = {
    {"credit_card", CreditCard},
    {"iban", Iban},
    {"us_ssn", UsSsn},
    {"uk_nhs", UkNhs},
    {"aba_routing", AbaRouting},
    {"ipv4", Ipv4},
    {"ipv6", Ipv6},
    {"email", Email},
    {"mac", Mac},
    {"date_time", DateTime},
    {"bitcoin", Bitcoin},
    {"ethereum", Ethereum},
    {"github_token", GithubToken},
    {"jwt", Jwt},
    {"url", Url},
    {"us_itin", UsItin},
    {"us_npi", UsNpi},
    {"us_mbi", UsMbi},
    {"dea_number", DeaNumber},
    {"uk_nino", UkNino},
    {"es_nif", EsNif},
    {"es_nie", EsNie},
    {"it_fiscal_code", ItFiscalCode},
    {"it_vat_code", ItVatCode},
    {"pl_pesel", PlPesel},
    {"sg_nric", SgNric},
    {"sg_uen", SgUen},
    {"au_abn", AuAbn},
    {"au_acn", AuAcn},
    {"au_tfn", AuTfn},
    {"au_medicare", AuMedicare},
    {"in_pan", InPan},
    {"in_aadhaar", InAadhaar},
    {"in_gstin", InGstin},
    {"fi_hetu", FiHetu},
    {"kr_rrn", KrRrn},
    {"kr_frn", KrFrn},
    {"kr_brn", KrBrn},
    {"th_tnin", ThTnin},
    {"de_tax_id", DeTaxId},
    {"de_tax_number", DeTaxNumber},
    {"de_social_security", DeSocialSecurity},
    {"de_health_insurance", DeHealthInsurance},
    {"ca_sin", CaSin},
    {"se_personnummer", SePersonnummer},
    {"se_organisationsnummer", SeOrganisationsnummer},
    {"za_id_number", ZaIdNumber},
    {"tr_national_id", TrNationalId},
    {"fr_nir", FrNir},
    {"nl_bsn", NlBsn},
    {"be_national_number", BeNationalNumber},
    {"no_fodselsnummer", NoFodselsnummer},
    {"dk_cpr", DkCpr},
    {"br_cpf", BrCpf},
    {"br_cnpj", BrCnpj},
    {"mx_curp", MxCurp},
    {"mx_rfc", MxRfc},
    {"cn_resident_id", CnResidentId},
    {"jp_my_number", JpMyNumber},
    {"imei", Imei},
    {"vin", Vin},
    {"bic", Bic},
    {"passport_mrz", PassportMrz},
    {"eu_vat", EuVat},
    {"secret_token", SecretToken},
    {"npm_token", NpmToken},
    {"secret_assignment", SecretAssignment},
    {"url_password", UrlPassword},
};

}  // namespace

ValidatorFn Find(std::string_view name) {
  for (const Entry& entry : kValidators) {
    if (entry.name == name) return entry.fn;
  }
  return nullptr;
}

}  // namespace piiscan::validators
