// The C interface to live sources: a server's presented chain, the
// machine's own stores as issuers, and discovery that may download missing
// issuers.
#include <ctime>
#include <memory>
#include <string>

#include "aia_discovery.h"
#include "c_api_handles.h"
#include "c_api_shell.h"
#include "local_issuers.h"
#include "store_factory.h"
#include "tls_source.h"
#include "utf8_path.h"

namespace {

using cachain::capi::fail;
using cachain::capi::guarded;
using cachain::capi::missing_argument;
using cachain::capi::timeout_of;
using cachain::capi::unknown_version;

cachain::StartTls starttls_of(cachain_protocol protocol) {
    switch (protocol) {
    case CACHAIN_PROTOCOL_TLS: return cachain::StartTls::None;
    case CACHAIN_PROTOCOL_SMTP: return cachain::StartTls::Smtp;
    case CACHAIN_PROTOCOL_LDAP: return cachain::StartTls::Ldap;
    default: return cachain::StartTls::Auto;
    }
}

}  // namespace

extern "C" {

cachain_status cachain_endpoint_parse(const char* text, uint32_t default_port, cachain_endpoint** endpoint) {
    return guarded([&] {
        if (!endpoint) return missing_argument("endpoint");
        *endpoint = nullptr;
        if (!text) return missing_argument("text");
        if (default_port > 65535)
            return fail(CACHAIN_E_ARGUMENT, "default_port " + std::to_string(default_port) + " is not a port from 1 to 65535");
        const std::string port = default_port == 0 ? "443" : std::to_string(default_port);
        auto parsed = std::make_unique<cachain_endpoint>();
        parsed->text = cachain::parse_endpoint(text, port).text();
        *endpoint = parsed.release();
        return CACHAIN_OK;
    });
}

void cachain_endpoint_free(cachain_endpoint* endpoint) { delete endpoint; }

const char* cachain_endpoint_text(const cachain_endpoint* endpoint) { return endpoint ? endpoint->text.c_str() : ""; }

cachain_status cachain_fetch_endpoint(const char* endpoint, cachain_protocol protocol, uint32_t timeout_seconds,
                                      cachain_set* target, cachain_set* pool) {
    return guarded([&] {
        if (!endpoint) return missing_argument("endpoint");
        if (!target) return missing_argument("target");
        if (protocol < CACHAIN_PROTOCOL_AUTO || protocol > CACHAIN_PROTOCOL_LDAP)
            return fail(CACHAIN_E_ARGUMENT, "unknown protocol " + std::to_string(protocol));
        try {
            cachain::TlsSourceOptions options;
            options.timeout_seconds = timeout_of(timeout_seconds);
            options.starttls = starttls_of(protocol);
            const auto presented = cachain::fetch_presented_chain(cachain::parse_endpoint(endpoint), options);
            const std::string origin = "presented by " + presented.endpoint.text();
            target->set.add(presented.certificates.front(), origin);
            cachain_set* rest = pool ? pool : target;
            for (std::size_t i = 1; i < presented.certificates.size(); ++i) rest->set.add(presented.certificates[i], origin);
        } catch (const cachain::Failure& failure) {
            target->set.record(cachain::to_problem(failure));
            throw;
        }
        target->sync_handles();
        if (pool) pool->sync_handles();
        return CACHAIN_OK;
    });
}

cachain_status cachain_discover_ex(const cachain_set* inputs, const cachain_set* pool, uint32_t flags,
                                   uint32_t timeout_seconds, cachain_chains** chains) {
    cachain_discover_options options = CACHAIN_DISCOVER_OPTIONS_INIT;
    options.flags = flags;
    options.timeout_seconds = timeout_seconds;
    return cachain_discover_with_options(inputs, pool, &options, chains);
}

cachain_status cachain_discover_with_options(const cachain_set* inputs, const cachain_set* pool,
                                             const cachain_discover_options* given, cachain_chains** chains) {
    return guarded([&] {
        if (chains) *chains = nullptr;  // whichever argument is refused, no handle leaves
        if (!inputs) return missing_argument("inputs");
        if (!chains) return missing_argument("chains");
        const cachain_discover_options defaults = CACHAIN_DISCOVER_OPTIONS_INIT;
        const cachain_discover_options& chosen = given ? *given : defaults;
        if (chosen.version < 1 || chosen.version > CACHAIN_DISCOVER_OPTIONS_VERSION)
            return unknown_version("cachain_discover_options", chosen.version, CACHAIN_DISCOVER_OPTIONS_VERSION, 1);
        cachain::DiscoveryOptions options;
        options.offline = (chosen.flags & CACHAIN_DISCOVER_OFFLINE) != 0;
        options.aia.timeout_seconds = timeout_of(chosen.timeout_seconds);
        // A version 1 caller's struct ends before max_paths: never read it.
        if (chosen.version >= 2) options.paths_per_target = chosen.max_paths;
        const cachain::CertificateSet no_pool;
        auto found = cachain::discover_with_sources(inputs->set, pool ? pool->set : no_pool, options,
                                                    static_cast<std::int64_t>(std::time(nullptr)));
        auto result = std::make_unique<cachain_chains>();
        for (auto& chain : found) result->chains.push_back(cachain_chain::wrap(std::move(chain)));
        *chains = result.release();
        return CACHAIN_OK;
    });
}

cachain_status cachain_set_add_local_issuers(cachain_set* set, const char* system_root) {
    return guarded([&] {
        if (!set) return missing_argument("set");
        const bool given = system_root && *system_root;  // "" means this machine, as for cachain_store_open
        if (given) cachain::refuse_system_root_on_windows(system_root);
        cachain::add_local_issuers(set->set, given ? cachain::path_from_utf8(system_root) : "/");
        set->sync_handles();
        return CACHAIN_OK;
    });
}

}  // extern "C"
