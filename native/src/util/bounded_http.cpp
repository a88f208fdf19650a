#include "bounded_http.h"

#include <algorithm>
#include <ctime>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/http.h>
#include <openssl/httperr.h>

#include "openssl_error.h"
#include "ossl.h"
#include "sigpipe_guard.h"

namespace cachain {
namespace {

struct ParsedUrl {
    std::string host, port, path;
};

// Only plain http:// is accepted: RFC 5280 publishes caIssuers, CRLs and
// OCSP over http or ldap, and file:, ldap: or https: from an untrusted
// certificate are refused.
ParsedUrl parse_http_url(const std::string& url, const std::string& kind) {
    int tls = 0;
    char *user = nullptr, *host = nullptr, *port = nullptr, *path = nullptr, *query = nullptr, *fragment = nullptr;
    const bool http = url.rfind("http://", 0) == 0;
    const int parsed = http ? OSSL_HTTP_parse_url(url.c_str(), &tls, &user, &host, &port, nullptr, &path, &query, &fragment) : 0;
    const ossl::OpenSslStringPtr owners[] = {ossl::OpenSslStringPtr(user), ossl::OpenSslStringPtr(host),
                                             ossl::OpenSslStringPtr(port), ossl::OpenSslStringPtr(path),
                                             ossl::OpenSslStringPtr(query), ossl::OpenSslStringPtr(fragment)};
    drain_openssl_errors();
    if (!http || parsed != 1 || tls) {
        throw Failure(CACHAIN_E_NOT_SUPPORTED, url, "only http:// " + kind + " URLs are fetched (no file:, ldap: or https:)");
    }
    std::string full_path = path ? path : "/";
    if (query && *query) full_path += std::string("?") + query;
    return ParsedUrl{host, port, full_path};
}

// "HTTP 404 Not Found" from the data OpenSSL records with an error status
// ("code=404, reason=Not Found"), so a user sees what the server said;
// empty when the queue carries no status.
std::string http_status(const std::vector<OpenSslError>& errors) {
    for (const auto& error : errors) {
        if (error.library != ERR_LIB_HTTP || error.reason != HTTP_R_RECEIVED_ERROR) continue;
        const auto code = error.data.find("code=");
        if (code == std::string::npos) continue;
        const auto code_end = error.data.find_first_not_of("0123456789", code + 5);
        std::string status = "HTTP " + error.data.substr(code + 5, code_end - (code + 5));
        const auto reason = error.data.find("reason=");
        if (reason != std::string::npos) status += " " + error.data.substr(reason + 7);
        return status;
    }
    return "";
}

Failure fetch_failure(const std::string& url, const HttpLimits& limits) {
    const auto errors = drain_openssl_errors();
    const auto has = [&](int reason) {
        return std::any_of(errors.begin(), errors.end(),
                           [&](const OpenSslError& e) { return e.library == ERR_LIB_HTTP && e.reason == reason; });
    };
    if (has(HTTP_R_MAX_RESP_LEN_EXCEEDED) || has(HTTP_R_ASN1_LEN_EXCEEDS_MAX_RESP_LEN))
        return Failure(CACHAIN_E_TOO_LARGE, url,
                       "the answer is larger than " + std::to_string(limits.max_response_bytes / 1024) + " KiB");
    if (has(HTTP_R_RETRY_TIMEOUT) ||
        std::any_of(errors.begin(), errors.end(), [](const OpenSslError& e) { return e.text.find("timeout") != std::string::npos; }))
        return Failure(CACHAIN_E_TIMED_OUT, url, "no complete answer within " + std::to_string(limits.timeout_seconds) + " seconds");
    if (const std::string status = http_status(errors); !status.empty())
        return Failure(CACHAIN_E_IO, url, "the server answered " + status);
    if (has(HTTP_R_RECEIVED_ERROR) || has(HTTP_R_STATUS_CODE_UNSUPPORTED))
        return Failure(CACHAIN_E_IO, url, "the server answered with an error (" + describe(errors, "") + ")");
    return Failure(CACHAIN_E_IO, url, "cannot download it (" + describe(errors, "unknown error") + ")");
}

// The response body. Without a Content-Length, OpenSSL hands over the
// connection itself ("streaming"), so the size and time limits are
// enforced here as well as by OpenSSL.
std::vector<std::uint8_t> read_body(BIO* body, const std::string& url, std::time_t deadline, const HttpLimits& limits) {
    const bool in_memory = BIO_method_type(body) == BIO_TYPE_MEM;
    std::vector<std::uint8_t> bytes;
    char chunk[4096];
    for (;;) {
        const int got = BIO_read(body, chunk, sizeof chunk);
        if (got > 0) {
            bytes.insert(bytes.end(), chunk, chunk + got);
            if (bytes.size() > limits.max_response_bytes) {
                throw Failure(CACHAIN_E_TOO_LARGE, url,
                              "the answer is larger than " + std::to_string(limits.max_response_bytes / 1024) + " KiB");
            }
            continue;
        }
        if (in_memory || !BIO_should_retry(body)) return bytes;
        if (BIO_wait(body, deadline, 50) <= 0) {
            drain_openssl_errors();
            throw Failure(CACHAIN_E_TIMED_OUT, url, "no complete answer within " + std::to_string(limits.timeout_seconds) + " seconds");
        }
    }
}

}  // namespace

std::vector<std::uint8_t> http_exchange(const std::string& first_url, const std::string& kind, const HttpLimits& limits,
                                        const HttpBody& request_body) {
    const SigpipeGuard no_sigpipe;
    const std::time_t deadline = std::time(nullptr) + limits.timeout_seconds;
    std::string url = first_url;
    for (int redirects = 0;; ++redirects) {
        const ParsedUrl target = parse_http_url(url, kind);
        const int remaining = static_cast<int>(std::max<std::time_t>(1, deadline - std::time(nullptr)));
        drain_openssl_errors();
        // A POST sends its body from a memory BIO; without one it is a GET.
        ossl::BioPtr post;
        if (!request_body.bytes.empty()) {
            post.reset(BIO_new_mem_buf(request_body.bytes.data(), static_cast<int>(request_body.bytes.size())));
            if (!post) throw fetch_failure(first_url, limits);
        }
        // proxy "" (not NULL): never take a proxy from the environment for a
        // URL an untrusted certificate chose.
        OSSL_HTTP_REQ_CTX* context = OSSL_HTTP_open(target.host.c_str(), target.port.c_str(), "", nullptr, 0, nullptr,
                                                    nullptr, nullptr, nullptr, 0, remaining);
        if (!context) throw fetch_failure(first_url, limits);
        char* redirection = nullptr;
        BIO* body = nullptr;
        if (OSSL_HTTP_set1_request(context, target.path.c_str(), nullptr,
                                   post ? request_body.content_type.c_str() : nullptr, post.get(), nullptr, 0,
                                   limits.max_response_bytes, remaining, 0) == 1) {
            body = OSSL_HTTP_exchange(context, &redirection);
        }
        const ossl::OpenSslStringPtr redirection_owner(redirection);
        // OSSL_HTTP_exchange hands over a reference of its own to the body.
        const ossl::BioPtr body_owner(body);
        if (body) {
            std::vector<std::uint8_t> bytes;
            try {
                bytes = read_body(body, first_url, deadline, limits);
            } catch (const Failure&) {
                OSSL_HTTP_close(context, 0);
                throw;
            }
            OSSL_HTTP_close(context, 0);
            drain_openssl_errors();
            return bytes;
        }
        OSSL_HTTP_close(context, 0);
        if (!redirection) throw fetch_failure(first_url, limits);
        if (redirects >= limits.max_redirects) {
            drain_openssl_errors();
            throw Failure(CACHAIN_E_IO, first_url, "more than " + std::to_string(limits.max_redirects) + " redirects");
        }
        url = redirection;
        drain_openssl_errors();
    }
}

}  // namespace cachain
