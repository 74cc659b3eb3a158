#include "anonymize/crypto.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <memory>

#include "piiscan/anonymizer.h"

namespace piiscan {
namespace anonymize {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int AlphabetIndex(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::string Hex(const unsigned char* bytes, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

}  // namespace

Result<std::string> HexDigest(std::string_view data, const std::string& digest,
                              std::string_view key) {
  const EVP_MD* md = digest == "sha256"   ? EVP_sha256()
                     : digest == "sha512" ? EVP_sha512()
                                          : nullptr;
  if (md == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "hash_type '" + digest + "': expected sha256 or sha512");
  }
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  const bool ok = key.empty() ? EVP_Digest(bytes, data.size(), out, &length, md, nullptr) == 1
                              : HMAC(md, key.data(), static_cast<int>(key.size()), bytes,
                                     data.size(), out, &length) != nullptr;
  if (!ok) return MakeError(ErrorCode::kInternal, "digest failed");
  return Hex(out, length);
}

Result<std::string> RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    return MakeError(ErrorCode::kUnavailable, "no random bytes available");
  }
  return out;
}

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

Result<std::string> Base64UrlDecode(std::string_view text) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const int v = AlphabetIndex(c);
    if (v < 0) return MakeError(ErrorCode::kInvalidArgument, "not a base64url token");
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  // Only the canonical spelling: no dangling character, unused bits zero.
  if (bits >= 6 || (acc & ((1u << bits) - 1)) != 0) {
    return MakeError(ErrorCode::kInvalidArgument, "not a base64url token");
  }
  return out;
}

}  // namespace anonymize

namespace {

// Token layout: one mode byte, then for SIV the 16-byte tag and the
// ciphertext, for GCM the 12-byte nonce, the 16-byte tag and the ciphertext.
constexpr char kModeSiv = 1;
constexpr char kModeGcm = 2;
constexpr size_t kTag = 16;
constexpr size_t kNonce = 12;

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
struct CipherFree {
  void operator()(EVP_CIPHER* c) const { EVP_CIPHER_free(c); }
};
using Ctx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;
using Cipher = std::unique_ptr<EVP_CIPHER, CipherFree>;

// Cipher keys are derived from the user's key with HKDF-SHA256, one per
// mode, so any passphrase works and the two modes never share a key.
Result<std::string> DeriveKey(const std::string& key, std::string_view purpose, size_t n) {
  if (key.empty()) return MakeError(ErrorCode::kInvalidArgument, "encryption needs a key");
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  EVP_KDF_CTX* ctx = kdf != nullptr ? EVP_KDF_CTX_new(kdf) : nullptr;
  EVP_KDF_free(kdf);
  if (ctx == nullptr) return MakeError(ErrorCode::kInternal, "HKDF unavailable");
  std::string salt = "piiscan-encrypt-v1";
  std::string info(purpose);
  std::string k = key;
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, k.data(), k.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt.data(), salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), info.size()),
      OSSL_PARAM_construct_end()};
  std::string out(n, '\0');
  const int ok = EVP_KDF_derive(ctx, reinterpret_cast<unsigned char*>(out.data()), n, params);
  EVP_KDF_CTX_free(ctx);
  if (ok != 1) return MakeError(ErrorCode::kInternal, "key derivation failed");
  return out;
}

Result<std::string> Seal(std::string_view plaintext, const std::string& key, bool siv) {
  // OpenSSL's AES-SIV cannot seal an empty message.
  if (siv && plaintext.empty()) {
    return MakeError(ErrorCode::kUnsupported, "deterministic encryption of an empty value");
  }
  auto cipher_key = DeriveKey(key, siv ? "aes-256-siv" : "aes-256-gcm", siv ? 64 : 32);
  if (!cipher_key) return tl::unexpected(cipher_key.error());
  Cipher cipher(EVP_CIPHER_fetch(nullptr, siv ? "AES-256-SIV" : "AES-256-GCM", nullptr));
  Ctx ctx(EVP_CIPHER_CTX_new());
  if (!cipher || !ctx) return MakeError(ErrorCode::kInternal, "cipher unavailable");

  std::string nonce;
  if (!siv) {
    auto random = anonymize::RandomBytes(kNonce);
    if (!random) return tl::unexpected(random.error());
    nonce = *random;
  }
  const auto* k = reinterpret_cast<const unsigned char*>(cipher_key->data());
  const auto* iv = siv ? nullptr : reinterpret_cast<const unsigned char*>(nonce.data());
  std::string body(plaintext.size() + 16, '\0');
  int n = 0;
  int tail = 0;
  unsigned char tag[kTag];
  const bool ok = EVP_EncryptInit_ex2(ctx.get(), cipher.get(), k, iv, nullptr) == 1 &&
                  EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(body.data()), &n,
                                    reinterpret_cast<const unsigned char*>(plaintext.data()),
                                    static_cast<int>(plaintext.size())) == 1 &&
                  EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(body.data()) + n,
                                      &tail) == 1 &&
                  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, kTag, tag) == 1;
  if (!ok) return MakeError(ErrorCode::kInternal, "encryption failed");
  body.resize(static_cast<size_t>(n + tail));
  std::string token(1, siv ? kModeSiv : kModeGcm);
  token += nonce;
  token.append(reinterpret_cast<const char*>(tag), kTag);
  token += body;
  return anonymize::Base64UrlEncode(token);
}

}  // namespace

Result<std::string> EncryptValue(std::string_view plaintext, const std::string& key,
                                 bool deterministic) {
  return Seal(plaintext, key, deterministic);
}

Result<std::string> DecryptValue(std::string_view token, const std::string& key) {
  auto raw = anonymize::Base64UrlDecode(token);
  const auto bad = [] {
    return MakeError(ErrorCode::kInvalidArgument,
                     "cannot decrypt: wrong key, or the token is damaged");
  };
  if (!raw || raw->empty()) return bad();
  const bool siv = (*raw)[0] == kModeSiv;
  if (!siv && (*raw)[0] != kModeGcm) return bad();
  const size_t head = 1 + (siv ? 0 : kNonce) + kTag;
  if (raw->size() < head) return bad();

  auto cipher_key = DeriveKey(key, siv ? "aes-256-siv" : "aes-256-gcm", siv ? 64 : 32);
  if (!cipher_key) return tl::unexpected(cipher_key.error());
  Cipher cipher(EVP_CIPHER_fetch(nullptr, siv ? "AES-256-SIV" : "AES-256-GCM", nullptr));
  Ctx ctx(EVP_CIPHER_CTX_new());
  if (!cipher || !ctx) return MakeError(ErrorCode::kInternal, "cipher unavailable");

  const auto* bytes = reinterpret_cast<const unsigned char*>(raw->data());
  const unsigned char* iv = siv ? nullptr : bytes + 1;
  std::string tag = raw->substr(head - kTag, kTag);
  const std::string_view body = std::string_view(*raw).substr(head);
  std::string out(body.size() + 16, '\0');
  int n = 0;
  int tail = 0;
  const bool ok =
      EVP_DecryptInit_ex2(ctx.get(), cipher.get(),
                          reinterpret_cast<const unsigned char*>(cipher_key->data()), iv,
                          nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, kTag, tag.data()) == 1 &&
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n,
                        reinterpret_cast<const unsigned char*>(body.data()),
                        static_cast<int>(body.size())) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + n, &tail) == 1;
  if (!ok) return bad();
  out.resize(static_cast<size_t>(n + tail));
  return out;
}

}  // namespace piiscan
