/*
 * cachain.h - the whole C interface of libcachain.
 *
 * CaChain finds the certification path of a server certificate (leaf ->
 * issuing CA -> policy CA -> root), and writes the CA certificates of that
 * path to files, so another machine can be made to trust them.
 *
 * Conventions, the same for every function below:
 * - Functions that can fail return a cachain_status. CACHAIN_OK is 0. On any
 *   other value, cachain_last_error() gives a UTF-8 sentence that names the
 *   item (file, folder, certificate) and the reason.
 * - Results leave through out-parameters. A handle returned through an
 *   out-parameter is owned by the caller, who frees it with the matching
 *   *_free function. Every *_free function accepts NULL.
 * - A function that can fail refuses a NULL handle with CACHAIN_E_ARGUMENT,
 *   naming the argument. One that hands out a handle first sets it to NULL,
 *   so a refused call never leaves a stale pointer in it.
 * - Accessors (functions named after a noun) cannot fail in a way the caller
 *   must handle: they return a value directly, "" or 0 for an absent field,
 *   and NULL or 0 when given a NULL handle or an index out of range.
 * - "Borrowed" means the pointer stays valid until the object it came from is
 *   freed; the caller must not free it.
 * - Strings are NUL-terminated UTF-8, bytes cross as (pointer, length),
 *   counts as size_t, times as seconds since 1970-01-01 UTC.
 * - Certificates cross as DER bytes. Private keys never cross: a PKCS#12
 *   file's keys are not even decrypted.
 * - No C++ exception ever leaves the library.
 * - Handles may be used from any thread, but one handle from one thread at a
 *   time. The last error is kept per thread. One exception: a set that is
 *   only read (nothing added to it meanwhile) may be the pool of several
 *   threads' cachain_discover* calls at once. The pool remembers the links
 *   between its own certificates that a call proved, under a lock, so later
 *   calls, from any thread, skip those signature checks.
 */
#ifndef CACHAIN_CACHAIN_H
#define CACHAIN_CACHAIN_H

#include <stddef.h>
#include <stdint.h>

/* On Windows, programs that link the library statically (its own tests)
 * define CACHAIN_STATIC, so the functions are not looked up in cachain.dll. */
#if defined(_WIN32)
#  if defined(CACHAIN_STATIC)
#    define CACHAIN_API
#  elif defined(CACHAIN_BUILDING_LIBRARY)
#    define CACHAIN_API __declspec(dllexport)
#  else
#    define CACHAIN_API __declspec(dllimport)
#  endif
#else
#  define CACHAIN_API __attribute__((visibility("default")))
#endif

/* Enumerations cross the interface as int. C++ code inside the library sees
 * them with int as their fixed underlying type, so a caller that passes a
 * value the enumeration does not list (P/Invoke passes any int) is refused
 * with CACHAIN_E_ARGUMENT instead of being undefined behaviour. */
#ifdef __cplusplus
#  define CACHAIN_ENUM(name) enum name : int
#else
#  define CACHAIN_ENUM(name) enum name
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Status and errors                                                    */
/* ------------------------------------------------------------------ */

typedef CACHAIN_ENUM(cachain_status) {
    CACHAIN_OK = 0,
    CACHAIN_E_ARGUMENT = 1,           /* NULL handle, index out of range, unknown enum value */
    CACHAIN_E_EMPTY = 2,              /* the item holds no data at all */
    CACHAIN_E_TRUNCATED = 3,          /* the data ends before the structure it starts */
    CACHAIN_E_NOT_CERTIFICATE = 4,    /* well-formed, but not a certificate (a key, a CRL...) */
    CACHAIN_E_UNSUPPORTED_FORMAT = 5, /* not DER, PEM, PKCS#7 or PKCS#12 */
    CACHAIN_E_WRONG_PASSWORD = 6,     /* PKCS#12 password does not match */
    CACHAIN_E_IO = 7,                 /* a file or folder could not be read or written */
    CACHAIN_E_EXISTS = 8,             /* a different file is in the way: pass CACHAIN_EXPORT_FORCE */
    CACHAIN_E_TOO_LARGE = 9,          /* the item is larger than the library accepts */
    CACHAIN_E_ACCESS_DENIED = 10,     /* the store needs rights the caller lacks: the message says how to get them */
    CACHAIN_E_CANCELLED = 11,         /* the user (or an unattended session) cancelled a security prompt */
    CACHAIN_E_REFUSED = 12,           /* the request breaks a placement rule (a leaf into a trust store, a broken chain,
                                         a trust folder someone else can write) */
    CACHAIN_E_NOT_SUPPORTED = 13,     /* this store or operation does not exist on this platform */
    CACHAIN_E_PATH_NOT_FOUND = 14,    /* no file or folder at that path */
    CACHAIN_E_HOST_NOT_FOUND = 15,    /* the host name does not resolve (DNS) */
    CACHAIN_E_CONNECTION_FAILED = 16, /* the connection was refused, or closed or broken by the peer */
    CACHAIN_E_TIMED_OUT = 17,         /* the server did not connect or answer within the time limit */
    CACHAIN_E_PASSWORD_NEEDED = 18,   /* PKCS#12 protected by a password, and none was given */
    CACHAIN_E_INTERNAL = 99           /* a bug: please report it with the message */
} cachain_status;
/* Later versions may add failure codes: treat any status other than
 * CACHAIN_OK as a failure. */

/* The message of the last status-returning call on this thread: "" when it
 * succeeded. Borrowed: valid until the next cachain_* call on this thread,
 * or until this thread ends. */
CACHAIN_API const char* cachain_last_error(void);

/* The version of this header, the same as the project's (CMakeLists.txt;
 * test CApiVersion.HeaderMacrosAreTheProjectVersion keeps them equal). A
 * program built against one header can compare it with cachain_version(),
 * the version of the library it loaded. */
#define CACHAIN_VERSION_MAJOR 0
#define CACHAIN_VERSION_MINOR 1
#define CACHAIN_VERSION_PATCH 0

/* The library version, "MAJOR.MINOR.PATCH". Borrowed, static. */
CACHAIN_API const char* cachain_version(void);

/* ------------------------------------------------------------------ */
/* Certificates                                                         */
/* ------------------------------------------------------------------ */

/* One certificate. Always borrowed from a set, a chain or a result. */

typedef CACHAIN_ENUM(cachain_role) {
    CACHAIN_ROLE_LEAF = 0,         /* not a CA: the server's own certificate */
    CACHAIN_ROLE_INTERMEDIATE = 1, /* a policy or issuing CA */
    CACHAIN_ROLE_ROOT = 2          /* a self-signed CA */
} cachain_role;

typedef struct cachain_cert cachain_cert;

typedef CACHAIN_ENUM(cachain_text_field) {
    CACHAIN_TEXT_SUBJECT = 0,          /* "CN=SchertzLabRootCA, DC=schertz, DC=lab" */
    CACHAIN_TEXT_ISSUER = 1,
    CACHAIN_TEXT_COMMON_NAME = 2,      /* the most specific CN, "" if none */
    CACHAIN_TEXT_THUMBPRINT = 3,       /* SHA-1 of the DER, upper-case hex, as Windows shows it */
    CACHAIN_TEXT_SHA256 = 4,           /* SHA-256 of the DER, upper-case hex */
    CACHAIN_TEXT_SERIAL = 5,           /* upper-case hex */
    CACHAIN_TEXT_SUBJECT_KEY_ID = 6,   /* upper-case hex, "" if absent */
    CACHAIN_TEXT_AUTHORITY_KEY_ID = 7, /* upper-case hex, "" if absent */
    CACHAIN_TEXT_CA_ISSUERS_URL = 8    /* first AIA caIssuers URL, "" if absent */
} cachain_text_field;

/* Borrowed: valid as long as the certificate. */
CACHAIN_API const char* cachain_cert_text(const cachain_cert* cert, cachain_text_field field);

typedef CACHAIN_ENUM(cachain_number_field) {
    CACHAIN_NUMBER_NOT_BEFORE = 0,  /* seconds since 1970 UTC */
    CACHAIN_NUMBER_NOT_AFTER = 1,
    CACHAIN_NUMBER_IS_CA = 2,       /* 1 when basicConstraints says CA:TRUE */
    CACHAIN_NUMBER_PATH_LENGTH = 3, /* basicConstraints pathLenConstraint, -1 when unlimited */
    CACHAIN_NUMBER_KEY_USAGE = 4,   /* keyUsage bits as OpenSSL's KU_* flags, -1 when absent */
    CACHAIN_NUMBER_SELF_SIGNED = 5, /* 1 when the certificate verifies with its own key */
    CACHAIN_NUMBER_ROLE = 6         /* a cachain_role, from the certificate alone */
} cachain_number_field;

CACHAIN_API int64_t cachain_cert_number(const cachain_cert* cert, cachain_number_field field);

/* The certificate's DER bytes. Borrowed: valid as long as the certificate. */
CACHAIN_API cachain_status cachain_cert_der(const cachain_cert* cert, const uint8_t** der, size_t* length);

/* ------------------------------------------------------------------ */
/* Certificate sets: what was loaded, and what could not be              */
/* ------------------------------------------------------------------ */

/* An ordered set of certificates without duplicates, and the list of items
 * that could not be loaded into it ("problems"). */
typedef struct cachain_set cachain_set;

/* The caller frees the set with cachain_set_free. */
CACHAIN_API cachain_status cachain_set_new(cachain_set** set);
CACHAIN_API void cachain_set_free(cachain_set* set);

/* Loads every certificate in data: DER, PEM (any number of blocks, text
 * between them ignored), base64 without PEM armour, PKCS#7 (DER or PEM) or
 * PKCS#12 (password may be NULL for none). item names the data in messages,
 * for example "clipboard" (may be NULL). On failure nothing is added, the
 * problem is recorded in the set, and its status is returned. */
CACHAIN_API cachain_status cachain_set_add_bytes(cachain_set* set, const uint8_t* data, size_t length,
                                                 const char* item, const char* password);

/* Loads a file, or every file directly inside a folder (sorted by name). A
 * bad file never stops the others: each failure is recorded as a problem.
 * Returns CACHAIN_OK when every file loaded, else the status of the first
 * failure (CACHAIN_E_PATH_NOT_FOUND when nothing is at path), while all
 * certificates that did load are in the set. */
CACHAIN_API cachain_status cachain_set_add_path(cachain_set* set, const char* path, const char* password);

/* Adds the CA certificates this machine already holds, as issuers discovery
 * may use (what a domain member's Certification Path tab builds from): on
 * Windows the LocalMachine and CurrentUser stores Root, CA and AuthRoot; on
 * Linux the system trust bundle and CaChain's intermediates folder. Each
 * certificate's source names its store ("LocalMachine\Root",
 * "/etc/ssl/certs/ca-certificates.crt"). system_root: on Linux an image or
 * container root to read instead of this machine (NULL or "": this
 * machine). On Windows a system_root is refused with
 * CACHAIN_E_NOT_SUPPORTED. A store that cannot be read is recorded as a problem,
 * naming it and why; the others are still added, and the call succeeds. */
CACHAIN_API cachain_status cachain_set_add_local_issuers(cachain_set* set, const char* system_root);

/* Adds every certificate of other to set, each with its source (the first
 * source of a certificate both hold stays). Problems are not copied. */
CACHAIN_API cachain_status cachain_set_add_set(cachain_set* set, const cachain_set* other);

CACHAIN_API size_t cachain_set_count(const cachain_set* set);
/* Borrowed: valid until the set is freed. */
CACHAIN_API const cachain_cert* cachain_set_cert(const cachain_set* set, size_t index);

CACHAIN_API size_t cachain_set_problem_count(const cachain_set* set);
/* Each of item and message is borrowed (valid until the set is freed); any
 * out-parameter may be NULL. */
CACHAIN_API cachain_status cachain_set_problem(const cachain_set* set, size_t index, cachain_status* code,
                                               const char** item, const char** message);

/* ------------------------------------------------------------------ */
/* Chain discovery                                                      */
/* ------------------------------------------------------------------ */

typedef struct cachain_chains cachain_chains;
typedef struct cachain_chain cachain_chain;

typedef CACHAIN_ENUM(cachain_chain_status) {
    CACHAIN_CHAIN_COMPLETE = 0,       /* ends at a self-signed root */
    CACHAIN_CHAIN_MISSING_ISSUER = 1, /* the last certificate's issuer was not found */
    CACHAIN_CHAIN_LIMIT_REACHED = 2   /* the search stopped at its work limit */
} cachain_chain_status;

typedef CACHAIN_ENUM(cachain_validity) {
    CACHAIN_VALIDITY_VALID = 0,
    CACHAIN_VALIDITY_EXPIRED = 1,
    CACHAIN_VALIDITY_NOT_YET_VALID = 2
} cachain_validity;

/* Finds chains, offline: cachain_discover_with_options with CACHAIN_DISCOVER_OFFLINE.
 * Each certificate of inputs that issued no other certificate
 * of inputs is a target (so a .p7b holding a whole chain yields one target,
 * its leaf). Issuer candidates are inputs plus pool (pool may be NULL).
 * Every target gets its best path (rank 0) and up to a few alternates, best
 * first. Issuers are matched by name, then proven by signature; key
 * identifiers only order candidates. The caller frees *chains with
 * cachain_chains_free; the chains copy what they need from the sets. */
CACHAIN_API cachain_status cachain_discover(const cachain_set* inputs, const cachain_set* pool,
                                            cachain_chains** chains);

#define CACHAIN_DISCOVER_OFFLINE 0x1u /* never download missing issuers */

/* Options that later versions may extend, as one struct: the caller starts
 * from CACHAIN_DISCOVER_OPTIONS_INIT (which sets version) and changes the
 * fields it needs. This library reads versions 1 to
 * CACHAIN_DISCOVER_OPTIONS_VERSION, each only as far as that version's
 * fields go, and refuses any other with CACHAIN_E_ARGUMENT; fields a later
 * version adds go after these ones. */
typedef struct cachain_discover_options {
    unsigned int version;     /* CACHAIN_DISCOVER_OPTIONS_VERSION */
    uint32_t flags;           /* CACHAIN_DISCOVER_* */
    uint32_t timeout_seconds; /* per download; 0: 10, at most 600 */
    /* Since version 2: paths returned per target, best first; 0: every path
     * found (up to 8). The best path is the same whatever the number; 1 is
     * the cheapest call for a caller that reads only rank 0. A version 1
     * struct, which ends before this field, returns every path. */
    uint32_t max_paths;
} cachain_discover_options;

#define CACHAIN_DISCOVER_OPTIONS_VERSION 2
#define CACHAIN_DISCOVER_OPTIONS_INIT {CACHAIN_DISCOVER_OPTIONS_VERSION, 0, 0, 0}

/* Like cachain_discover, and, unless CACHAIN_DISCOVER_OFFLINE, downloads
 * each missing issuer whose certificate names an AIA caIssuers http:// URL
 * and searches again. Downloads are bounded: timeout_seconds each, 64 KiB,
 * 3 redirects, 8 per call, http only, never through a proxy. A failed
 * download is explained in the chain's summary. options NULL: the defaults
 * (CACHAIN_DISCOVER_OPTIONS_INIT). */
CACHAIN_API cachain_status cachain_discover_with_options(const cachain_set* inputs, const cachain_set* pool,
                                                         const cachain_discover_options* options,
                                                         cachain_chains** chains);

/* cachain_discover_with_options with those two options: kept for the
 * callers written before the options struct. */
CACHAIN_API cachain_status cachain_discover_ex(const cachain_set* inputs, const cachain_set* pool, uint32_t flags,
                                               uint32_t timeout_seconds, cachain_chains** chains);
CACHAIN_API void cachain_chains_free(cachain_chains* chains);

/* All paths found, ordered by target and then by rank. */
CACHAIN_API size_t cachain_chains_count(const cachain_chains* chains);
/* Borrowed: valid until the chains are freed. */
CACHAIN_API const cachain_chain* cachain_chains_get(const cachain_chains* chains, size_t index);

typedef CACHAIN_ENUM(cachain_chain_field) {
    CACHAIN_CHAIN_FIELD_STATUS = 0, /* a cachain_chain_status */
    CACHAIN_CHAIN_FIELD_TARGET = 1, /* which target (0-based) this path belongs to */
    CACHAIN_CHAIN_FIELD_RANK = 2    /* 0 for the best path of its target */
} cachain_chain_field;
CACHAIN_API int64_t cachain_chain_number(const cachain_chain* chain, cachain_chain_field field);

typedef CACHAIN_ENUM(cachain_chain_text_field) {
    CACHAIN_CHAIN_TEXT_SUMMARY = 0,              /* one sentence on the outcome */
    CACHAIN_CHAIN_TEXT_MISSING_ISSUER = 1,       /* the name of the issuer not found, "" if complete */
    CACHAIN_CHAIN_TEXT_MISSING_KEY_ID = 2,       /* its key identifier (from AKI), "" if unknown */
    CACHAIN_CHAIN_TEXT_MISSING_ISSUER_URL = 3    /* where to download it (AIA caIssuers), "" if none */
} cachain_chain_text_field;
/* Borrowed: valid until the chains are freed. */
CACHAIN_API const char* cachain_chain_text(const cachain_chain* chain, cachain_chain_text_field field);

/* Elements, depth 0 being the target and the last one the root. */
CACHAIN_API size_t cachain_chain_length(const cachain_chain* chain);
/* Borrowed: valid until the chains are freed. */
CACHAIN_API const cachain_cert* cachain_chain_cert(const cachain_chain* chain, size_t depth);
CACHAIN_API cachain_role cachain_chain_role(const cachain_chain* chain, size_t depth);
CACHAIN_API cachain_validity cachain_chain_validity(const cachain_chain* chain, size_t depth);
/* Where the element came from: the file it was loaded from, "presented by
 * host:port", "downloaded from <url>"; "" when unknown. Borrowed: valid
 * until the chains are freed. */
CACHAIN_API const char* cachain_chain_source(const cachain_chain* chain, size_t depth);

/* ------------------------------------------------------------------ */
/* Live sources: a server's presented chain                              */
/* ------------------------------------------------------------------ */

typedef CACHAIN_ENUM(cachain_protocol) {
    CACHAIN_PROTOCOL_AUTO = 0, /* SMTP STARTTLS on 25 and 587, LDAP StartTLS on 389, plain TLS otherwise */
    CACHAIN_PROTOCOL_TLS = 1,  /* TLS from the first byte: 443, 636, 3269, 5061... */
    CACHAIN_PROTOCOL_SMTP = 2,
    CACHAIN_PROTOCOL_LDAP = 3
} cachain_protocol;

/* A server's address as an administrator types or pastes it. */
typedef struct cachain_endpoint cachain_endpoint;

/* Parses text: "host", "host:port", "[v6]:port", a bare IPv6 address
 * ("::1"), or a URL ("https://host:8443/path": the scheme, user, path,
 * query and fragment are dropped). A port written in text wins;
 * default_port applies when it gives none (0: 443). CACHAIN_E_ARGUMENT,
 * with a last error naming text and why, when it is none of these or its
 * port is not a number from 1 to 65535 (default_port too). The caller frees
 * *endpoint with cachain_endpoint_free. */
CACHAIN_API cachain_status cachain_endpoint_parse(const char* text, uint32_t default_port, cachain_endpoint** endpoint);
CACHAIN_API void cachain_endpoint_free(cachain_endpoint* endpoint);

/* "host:port", or "[v6]:port" for an IPv6 address: what the elements' source
 * names, and what cachain_fetch_endpoint takes. Borrowed: valid until the
 * endpoint is freed. "" for NULL. */
CACHAIN_API const char* cachain_endpoint_text(const cachain_endpoint* endpoint);

/* Connects to endpoint (any text cachain_endpoint_parse takes, port 443 when
 * it gives none) over IPv4 or IPv6, sends SNI, and takes the certificates
 * the server presents without trusting them: the first (the server's own)
 * goes into target, the rest into pool (or target when pool is NULL), each
 * labelled "presented by host:port". timeout_seconds bounds connect,
 * STARTTLS and handshake together (0: 10). A failure is recorded as a
 * problem in target and returned: CACHAIN_E_HOST_NOT_FOUND for a DNS
 * failure, CACHAIN_E_CONNECTION_FAILED for a refused or broken connection,
 * CACHAIN_E_TIMED_OUT for a time-out, CACHAIN_E_UNSUPPORTED_FORMAT for a
 * peer that does not speak TLS, CACHAIN_E_TOO_LARGE for over 100 KiB of
 * certificates, CACHAIN_E_IO for another failed handshake. */
CACHAIN_API cachain_status cachain_fetch_endpoint(const char* endpoint, cachain_protocol protocol,
                                                  uint32_t timeout_seconds, cachain_set* target, cachain_set* pool);

/* ------------------------------------------------------------------ */
/* Export                                                               */
/* ------------------------------------------------------------------ */

typedef CACHAIN_ENUM(cachain_format) {
    CACHAIN_FORMAT_DER = 0, /* one .cer file per certificate, as the MMC export wizard writes */
    CACHAIN_FORMAT_PEM = 1, /* one .pem file per certificate */
    CACHAIN_FORMAT_P7B = 2  /* one PKCS#7 .p7b bundle for the whole chain */
} cachain_format;

#define CACHAIN_EXPORT_INCLUDE_LEAF 0x1u /* also write the target when it is not a CA */
#define CACHAIN_EXPORT_FORCE 0x2u        /* replace existing files whose content differs */
#define CACHAIN_EXPORT_DRY_RUN 0x4u      /* decide names and actions, write nothing */

typedef CACHAIN_ENUM(cachain_file_action) {
    CACHAIN_FILE_WRITTEN = 0,     /* a new file */
    CACHAIN_FILE_UNCHANGED = 1,   /* the same bytes were already there */
    CACHAIN_FILE_REPLACED = 2,    /* a different file was replaced (CACHAIN_EXPORT_FORCE) */
    CACHAIN_FILE_WOULD_WRITE = 3, /* CACHAIN_EXPORT_DRY_RUN: would be written or replaced */
    CACHAIN_FILE_FAILED = 4       /* see the file's status and message */
} cachain_file_action;

typedef struct cachain_export cachain_export;

/* Writes the CA certificates of chain into directory (created if missing).
 * File names come from the certificates' subjects, made safe for every OS;
 * they never leave directory. Each file is written atomically; a file that
 * fails never stops the others. Returns CACHAIN_OK when every file is in
 * place, else the status of the first failure; *result lists every file
 * either way (except on CACHAIN_E_ARGUMENT). The caller frees *result with
 * cachain_export_free. */
CACHAIN_API cachain_status cachain_export_chain(const cachain_chain* chain, const char* directory,
                                                cachain_format format, uint32_t flags,
                                                cachain_export** result);
CACHAIN_API void cachain_export_free(cachain_export* result);

CACHAIN_API size_t cachain_export_count(const cachain_export* result);
/* path and message are borrowed (valid until the result is freed); any
 * out-parameter may be NULL. message is "" for a success. */
CACHAIN_API cachain_status cachain_export_file(const cachain_export* result, size_t index, const char** path,
                                               cachain_file_action* action, cachain_status* status,
                                               const char** message);
/* The certificate in a per-certificate file, or NULL for a bundle.
 * Borrowed: valid until the result is freed. */
CACHAIN_API const cachain_cert* cachain_export_cert(const cachain_export* result, size_t index);

/* ------------------------------------------------------------------ */
/* Trust stores: placing a chain where a machine will trust it           */
/* ------------------------------------------------------------------ */

/* The seed's rule: a root (self-signed CA) goes into Root and CA, every
 * other CA into CA only, a certificate that is not a CA into no store
 * (skipped, unless CACHAIN_PLACE_FORCE). Every call is one all-or-nothing
 * transaction: when any write fails, what the call added is removed again
 * and nothing that was there before is touched. */

typedef struct cachain_store cachain_store;

typedef CACHAIN_ENUM(cachain_store_location) {
    CACHAIN_LOCATION_LOCAL_MACHINE = 0, /* Windows: LocalMachine system stores; Linux: the system trust */
    CACHAIN_LOCATION_CURRENT_USER = 1,  /* Windows: CurrentUser system stores; elsewhere NOT_SUPPORTED */
    CACHAIN_LOCATION_DIRECTORY = 2,     /* a folder with Root/ and CA/ in OpenSSL's hashed layout */
    CACHAIN_LOCATION_BUNDLE = 3,        /* a PEM bundle file for tools that take one (curl --cacert, git's
                                           http.sslCAInfo, NODE_EXTRA_CA_CERTS): CaChain's roots and
                                           intermediates in it, each marked with its thumbprint */
    CACHAIN_LOCATION_NSS = 4,           /* an NSS database (Chromium's ~/.pki/nssdb, a Firefox profile),
                                           changed through certutil; Linux only */
    CACHAIN_LOCATION_JAVA = 5,          /* a Java keystore, JKS or PKCS#12 (the JDK's cacerts, an
                                           application's truststore), changed through keytool; roots
                                           only; Linux only */
    CACHAIN_LOCATION_ALL = 6            /* every store this user's software reads, as one transaction:
                                           on Linux LOCAL_MACHINE, then each of NSS, JAVA and BUNDLE
                                           that is present; on Windows LOCAL_MACHINE */
} cachain_store_location;

typedef CACHAIN_ENUM(cachain_store_name) {
    CACHAIN_STORE_ROOT = 0, /* Trusted Root Certification Authorities */
    CACHAIN_STORE_CA = 1    /* Intermediate Certification Authorities */
} cachain_store_name;

/* Opens a store. path: for DIRECTORY the folder (created on first write);
 * for BUNDLE the file (created on first write; NULL for the user's own:
 * $XDG_DATA_HOME/cachain/ca-bundle.pem, else ~/.local/share/cachain/ca-bundle.pem,
 * on Linux, %LOCALAPPDATA%\CaChain\ca-bundle.pem on Windows). A bundle keeps
 * every other line of the file byte for byte, takes each root in once (never
 * in CA as well), and trusts, for cachain_evaluate, every certificate in it;
 * a removal that leaves it empty deletes it;
 * for NSS the database's folder (created on first write), or NULL for every
 * NSS database of the user ($HOME/.pki/nssdb, and each Firefox profile with
 * a cert9.db under ~/.mozilla/firefox or ~/snap/firefox/common/.mozilla/firefox),
 * all changed as one transaction: a failure in one undoes the others. Roots
 * go in as "CaChain Root <thumbprint>" trusted "C,,", intermediates as
 * "CaChain CA <thumbprint>" with no trust; only those nicknames are ever
 * removed, and an entry of someone else's is never changed. certutil
 * (libnss3-tools) must be installed: CACHAIN_E_NOT_SUPPORTED says so when it
 * is not. cachain_evaluate needs one database: with several it fails with
 * CACHAIN_E_ARGUMENT;
 * for JAVA the keystore file (created, as PKCS#12, on first write), or NULL
 * for the cacerts of the JDK whose keytool the system runs, with the
 * password changeit (cachain_store_open_java takes another). Only roots go
 * in, as trusted certificates under the alias "cachain-<thumbprint>" (lower
 * case): Java trusts every trusted certificate of a keystore as an anchor,
 * so intermediates are left out with a note. keytool changes a private copy
 * that replaces the keystore in one step; a keystore left empty by a
 * removal is deleted. keytool (a Java runtime) must be installed;
 * for LOCAL_MACHINE on Linux an optional system root (a mounted image or a
 * container's root folder; NULL for this machine). On Windows a path is
 * refused with CACHAIN_E_NOT_SUPPORTED rather than silently standing for
 * this machine's stores;
 * for ALL the system root, as for LOCAL_MACHINE. On Linux it opens the
 * system trust, then every NSS database of the user when certutil is
 * installed, the default Java keystore (as for JAVA with NULL) when keytool
 * is installed and the keystore exists, and the user's own bundle (as for
 * BUNDLE with NULL) when the file exists; all are changed as one
 * transaction, and each placement names its store's kind
 * (CACHAIN_PLACEMENT_STORE_LOCATION). On Windows, where browsers and Java
 * can read the system stores, it is LOCAL_MACHINE. cachain_evaluate needs
 * one store: with ALL it fails with CACHAIN_E_ARGUMENT.
 * The caller frees *store with cachain_store_free. */
CACHAIN_API cachain_status cachain_store_open(cachain_store_location location, const char* path,
                                              cachain_store** store);
CACHAIN_API void cachain_store_free(cachain_store* store);

/* A Java keystore (CACHAIN_LOCATION_JAVA) with its password: keystore NULL
 * for the JDK's cacerts, password NULL for changeit. A wrong password fails
 * the first read or write with CACHAIN_E_WRONG_PASSWORD; the password
 * reaches keytool through its environment, never its command line. */
CACHAIN_API cachain_status cachain_store_open_java(const char* keystore, const char* password, cachain_store** store);

/* A store whose reads and writes the caller performs, for stores only the
 * caller's runtime can reach (the module uses it for .NET's per-user
 * X509Store outside Windows). The library still applies the rule and the
 * transaction. Every callback returns CACHAIN_OK or a failure status, which
 * aborts (and rolls back) the operation. context is passed back unchanged.
 * A version the library does not know is refused with CACHAIN_E_ARGUMENT.
 * list adds the store's certificates to into with cachain_set_add_bytes. */
typedef struct cachain_store_callbacks {
    unsigned int version; /* CACHAIN_STORE_CALLBACKS_VERSION */
    void* context;
    cachain_status (*contains)(void* context, cachain_store_name name, const char* thumbprint, int* present);
    cachain_status (*add)(void* context, cachain_store_name name, const uint8_t* der, size_t length,
                          const char* thumbprint, int* added);
    cachain_status (*remove)(void* context, cachain_store_name name, const char* thumbprint, int* removed);
    cachain_status (*list)(void* context, cachain_store_name name, cachain_set* into);
} cachain_store_callbacks;

#define CACHAIN_STORE_CALLBACKS_VERSION 1
/* Start from this, then set context and the four functions. */
#define CACHAIN_STORE_CALLBACKS_INIT {CACHAIN_STORE_CALLBACKS_VERSION, NULL, NULL, NULL, NULL, NULL}

/* root_location and ca_location name the two stores in results, e.g.
 * "CurrentUser\Root". callbacks is copied; its functions must stay callable
 * until the store is freed. The caller frees *store with cachain_store_free. */
CACHAIN_API cachain_status cachain_store_open_callbacks(const cachain_store_callbacks* callbacks,
                                                        const char* root_location, const char* ca_location,
                                                        cachain_store** store);

/* Where a store keeps name, for messages: "LocalMachine\Root",
 * "/usr/local/share/ca-certificates/cachain". Borrowed: valid until the
 * store is freed. */
CACHAIN_API const char* cachain_store_location_text(const cachain_store* store, cachain_store_name name);

/* Everything name holds, as a new set the caller frees with cachain_set_free. */
CACHAIN_API cachain_status cachain_store_list(cachain_store* store, cachain_store_name name, cachain_set** certs);

#define CACHAIN_PLACE_DRY_RUN 0x1u         /* report what would change, change nothing */
#define CACHAIN_PLACE_FORCE 0x2u           /* place non-CA certificates too: self-signed into Root, others into CA */
#define CACHAIN_PLACE_ROOT_NOT_IN_CA 0x4u  /* leave roots out of CA (the seed puts them in both) */

typedef CACHAIN_ENUM(cachain_placement_action) {
    CACHAIN_ACTION_ADDED = 0,
    CACHAIN_ACTION_ALREADY_PRESENT = 1,
    CACHAIN_ACTION_WOULD_ADD = 2,      /* dry run */
    CACHAIN_ACTION_SKIPPED = 3,        /* refused by the rule: see the entry's status and message */
    CACHAIN_ACTION_REMOVED = 4,
    CACHAIN_ACTION_NOT_PRESENT = 5,    /* nothing to remove */
    CACHAIN_ACTION_WOULD_REMOVE = 6    /* dry run */
} cachain_placement_action;

typedef struct cachain_placement cachain_placement;

/* Places every certificate of certs by the rule. A set whose links do not
 * verify (a certificate whose issuer is in the set by name but did not sign
 * it) is refused whole with CACHAIN_E_REFUSED. Skipped certificates do not
 * stop the others and do not make the call fail. A certificate that is not a
 * CA is skipped with CACHAIN_E_REFUSED when it came alone (a file or item
 * holding just it: the user asked for it), and with CACHAIN_OK, a note, when
 * it came in a bundle with other certificates (a .pfx or .p7b with its chain).
 * Each root the call added to Root that has expired gives a warning
 * (cachain_placement_warning); it is placed all the same. So does a store
 * folder (directory store, system root) that did not exist and was created. On failure *result is NULL
 * and the store is as it was. The caller frees *result with
 * cachain_placement_free. */
CACHAIN_API cachain_status cachain_place(cachain_store* store, const cachain_set* certs, uint32_t flags,
                                         cachain_placement** result);

/* Like cachain_place, leaving out the (names[i], thumbprints[i]) writes the
 * user declined (PowerShell's -Confirm): they are reported as
 * CACHAIN_ACTION_SKIPPED with status CACHAIN_E_CANCELLED, and everything
 * else is placed as one transaction. count may be 0 (then names and
 * thumbprints may be NULL). */
CACHAIN_API cachain_status cachain_place_except(cachain_store* store, const cachain_set* certs, uint32_t flags,
                                                const cachain_store_name* names, const char* const* thumbprints,
                                                size_t count, cachain_placement** result);

/* Like cachain_place_except, each declined write also naming the location
 * of the store it was declined for (as CACHAIN_PLACEMENT_TEXT_LOCATION gives
 * it), for a store of several (every NSS database of a user): a write
 * declined in one of them is still made in the others. locations may be
 * NULL, and an entry NULL or "": then that write is declined everywhere. */
CACHAIN_API cachain_status cachain_place_except_in(cachain_store* store, const cachain_set* certs, uint32_t flags,
                                                   const cachain_store_name* names, const char* const* thumbprints,
                                                   const char* const* locations, size_t count,
                                                   cachain_placement** result);

/* Removes exactly the given (store name, SHA-1 thumbprint) pairs, never by
 * name or serial number. names may be NULL: then each thumbprint is removed
 * from Root and from CA, wherever it is. Only CACHAIN_PLACE_DRY_RUN applies.
 * All or nothing, like cachain_place. */
CACHAIN_API cachain_status cachain_unplace(cachain_store* store, const cachain_store_name* names,
                                           const char* const* thumbprints, size_t count, uint32_t flags,
                                           cachain_placement** result);

/* Like cachain_unplace, each removal applying only to the store whose
 * location (as CACHAIN_PLACEMENT_TEXT_LOCATION gives it) is locations[i],
 * or to every store when locations or locations[i] is NULL: in a call on
 * several stores, what was confirmed for one store is removed from that
 * store only. */
CACHAIN_API cachain_status cachain_unplace_in(cachain_store* store, const cachain_store_name* names,
                                              const char* const* thumbprints, const char* const* locations, size_t count,
                                              uint32_t flags, cachain_placement** result);
CACHAIN_API void cachain_placement_free(cachain_placement* result);

CACHAIN_API size_t cachain_placement_count(const cachain_placement* result);
/* The certificate of entry index, or NULL when a removal named a thumbprint
 * the store does not hold. Borrowed: valid until the result is freed. */
CACHAIN_API const cachain_cert* cachain_placement_cert(const cachain_placement* result, size_t index);

typedef CACHAIN_ENUM(cachain_placement_field) {
    CACHAIN_PLACEMENT_STORE = 0,  /* a cachain_store_name */
    CACHAIN_PLACEMENT_ACTION = 1, /* a cachain_placement_action */
    CACHAIN_PLACEMENT_STATUS = 2,        /* CACHAIN_OK, or why the entry was skipped */
    CACHAIN_PLACEMENT_STORE_LOCATION = 3 /* the cachain_store_location of the store it is in (never
                                            ALL); CURRENT_USER for a store of callbacks */
} cachain_placement_field;
CACHAIN_API int64_t cachain_placement_number(const cachain_placement* result, size_t index,
                                             cachain_placement_field field);

typedef CACHAIN_ENUM(cachain_placement_text_field) {
    CACHAIN_PLACEMENT_TEXT_THUMBPRINT = 0, /* SHA-1, upper-case hex */
    CACHAIN_PLACEMENT_TEXT_LOCATION = 1,   /* as cachain_store_location_text */
    CACHAIN_PLACEMENT_TEXT_MESSAGE = 2     /* why it was skipped, "" otherwise */
} cachain_placement_text_field;
/* Borrowed: valid until the result is freed. */
CACHAIN_API const char* cachain_placement_text(const cachain_placement* result, size_t index,
                                               cachain_placement_text_field field);

/* What the caller must still do for the change to take effect, one sentence
 * each; none for most stores. On Linux, a system root that is an image whose
 * own tool cannot run from this machine (RHEL's update-ca-trust, SUSE's
 * update-ca-certificates) gets its files written and one warning naming the
 * command to run inside the image ("... run 'update-ca-trust extract' inside
 * the image ..."). A dry run has none. Borrowed: valid until the result is
 * freed; NULL for an index out of range. */
CACHAIN_API size_t cachain_placement_warning_count(const cachain_placement* result);
CACHAIN_API const char* cachain_placement_warning(const cachain_placement* result, size_t index);

/* ------------------------------------------------------------------ */
/* Trust evaluation: does this machine (this store) trust it?            */
/* ------------------------------------------------------------------ */

typedef struct cachain_verdicts cachain_verdicts;

/* Why a chain is not trusted, one kind per failure; each has its own
 * reason, fix and codes (CACHAIN_VERDICT_CHAIN_ERROR, _TLS_ERROR). */
typedef CACHAIN_ENUM(cachain_trust_cause) {
    CACHAIN_CAUSE_NONE = 0,                       /* trusted */
    CACHAIN_CAUSE_ISSUER_MISSING = 1,             /* an issuer is nowhere: CERT_E_CHAINING */
    CACHAIN_CAUSE_SERVER_OMITS_INTERMEDIATES = 2, /* only CaChain's intermediates file or an AIA download has them:
                                                     CERT_E_CHAINING */
    CACHAIN_CAUSE_ROOT_NOT_TRUSTED = 3,           /* the chain ends at a root not in Root: CERT_E_UNTRUSTEDROOT */
    CACHAIN_CAUSE_ANCHOR_NOT_SELF_SIGNED = 4,     /* Root holds a CA that is not self-signed: CERT_E_CHAINING */
    CACHAIN_CAUSE_EXPIRED = 5,                    /* CERT_E_EXPIRED */
    CACHAIN_CAUSE_NOT_YET_VALID = 6,              /* CERT_E_EXPIRED */
    CACHAIN_CAUSE_CRITICAL_EXTENSION = 7,         /* an unknown critical extension: CERT_E_CRITICAL */
    CACHAIN_CAUSE_HOST_NAME_MISMATCH = 8,         /* CERT_E_CN_NO_MATCH, SEC_E_WRONG_PRINCIPAL */
    CACHAIN_CAUSE_WRONG_PURPOSE = 9,              /* extended key usage: CERT_E_WRONG_USAGE */
    CACHAIN_CAUSE_NAME_CONSTRAINTS = 10,          /* CERT_E_INVALID_NAME */
    CACHAIN_CAUSE_INVALID_CA = 11,                /* an issuer that is not a CA: TRUST_E_BASIC_CONSTRAINTS */
    CACHAIN_CAUSE_PATH_LENGTH = 12,               /* pathLenConstraint exceeded: TRUST_E_BASIC_CONSTRAINTS */
    CACHAIN_CAUSE_CA_KEY_USAGE = 13,              /* a CA without keyCertSign: CERT_E_WRONG_USAGE */
    CACHAIN_CAUSE_BAD_SIGNATURE = 14,             /* TRUST_E_CERT_SIGNATURE */
    CACHAIN_CAUSE_PATH_LOOP = 15,                 /* the only issuers would close a loop: CERT_E_CHAINING */
    CACHAIN_CAUSE_SEARCH_LIMIT = 16,              /* the search stopped at its work limit: CERT_E_CHAINING */
    CACHAIN_CAUSE_OTHER = 17,                     /* another OpenSSL code: see CACHAIN_VERDICT_TEXT_OPENSSL */
    CACHAIN_CAUSE_REVOKED = 18                    /* the CA revoked a certificate of the path (only with
                                                     CACHAIN_EVALUATE_CHECK_REVOCATION): CRYPT_E_REVOKED */
} cachain_trust_cause;

/* Builds each target's chain (targets as for cachain_discover) with inputs,
 * issuers (may be NULL) and the store's CA certificates, with the store's
 * Root certificates as the only trust anchors, and says whether it is
 * trusted; if not, the first broken link, the fix, and the codes Windows
 * and OpenSSL report. A directory store or system root whose folder does
 * not exist fails with CACHAIN_E_PATH_NOT_FOUND naming it (an absent store
 * trusts nothing, and is most likely a mistyped path). The caller frees
 * *verdicts with cachain_verdicts_free. */
CACHAIN_API cachain_status cachain_evaluate(cachain_store* store, const cachain_set* inputs,
                                            const cachain_set* issuers, cachain_verdicts** verdicts);

/* What a client checks the chain for: TLS server authentication (the
 * default, what curl and browsers check), TLS client authentication, or any
 * purpose (no extended key usage check). */
typedef CACHAIN_ENUM(cachain_purpose) {
    CACHAIN_PURPOSE_SERVER_AUTH = 0,
    CACHAIN_PURPOSE_CLIENT_AUTH = 1,
    CACHAIN_PURPOSE_ANY = 2
} cachain_purpose;

/* Options that later versions may extend, as cachain_discover_options: start
 * from CACHAIN_EVALUATE_OPTIONS_INIT. A version the library does not know,
 * or a purpose it does not list, is refused with CACHAIN_E_ARGUMENT. */
typedef struct cachain_evaluate_options {
    unsigned int version;      /* CACHAIN_EVALUATE_OPTIONS_VERSION */
    int64_t at;                /* evaluation time, seconds since 1970 UTC; 0: now */
    cachain_purpose purpose;   /* CACHAIN_PURPOSE_SERVER_AUTH by default */
    const char* dns_name;      /* the name the client connects with (a host name, or an IPv4/IPv6
                                  literal); NULL or "": no name check */
    uint32_t warn_within_days; /* warn about CA certificates of the path that expire within this many
                                  days of at; 0: no warnings */
    uint32_t flags;            /* CACHAIN_EVALUATE_* */
    uint32_t timeout_seconds;  /* per download; 0: 10, at most 600 */
} cachain_evaluate_options;

/* Download each missing issuer whose certificate names an AIA caIssuers
 * http:// URL, with the bounds of cachain_discover_with_options, to explain
 * the verdict: the reason then names the certificate that was not sent and
 * its URL. Only a judge that downloads issuers itself gets them (CryptoAPI
 * does; OpenSSL, and so curl and openssl s_client, never does), so on Linux
 * a download never makes a chain trusted. Without this flag nothing is
 * downloaded at all: CryptoAPI's judge is then told to use only what it
 * already holds (CERT_CHAIN_CACHE_ONLY_URL_RETRIEVAL). */
#define CACHAIN_EVALUATE_DOWNLOAD_ISSUERS 0x1u

/* Check the revocation of each certificate of the path but its root, as a
 * client that checks revocation (Schannel does, by default) would: ask each
 * OCSP responder its AIA names (a POST, which follows no redirect) and
 * fetch each http:// CRL its CRL distribution points name (3 redirects at
 * most), each URL once per call, with the bounds of AIA downloads
 * (timeout_seconds per URL, no proxy from the environment), 16 MiB per
 * CRL, 64 KiB per OCSP answer and 32 fetches per call. A CRL counts when
 * its issuer signed it (with keyUsage cRLSign), it is current now
 * (thisUpdate and nextUpdate, 5 minutes of leeway) and it is a base CRL
 * with no critical extension but an issuing distribution point; an OCSP
 * answer when the issuer or a responder it delegated OCSP signing to
 * signed it and it is current (a week at most without a nextUpdate). ldap: addresses are never fetched: they
 * are reported as reachable only from domain members. A certificate found
 * revoked makes the verdict untrusted (CACHAIN_CAUSE_REVOKED); any other
 * outcome leaves the path's verdict and is told by the
 * CACHAIN_VERDICT_REVOCATION_* fields and cachain_verdict_revocation_*. */
#define CACHAIN_EVALUATE_CHECK_REVOCATION 0x2u
/* With CACHAIN_EVALUATE_CHECK_REVOCATION: fetch nothing, only say where each
 * certificate's status is published, and what cannot be reached from
 * outside the domain (ldap: only). */
#define CACHAIN_EVALUATE_REVOCATION_OFFLINE 0x4u

#define CACHAIN_EVALUATE_OPTIONS_VERSION 1
#define CACHAIN_EVALUATE_OPTIONS_INIT {CACHAIN_EVALUATE_OPTIONS_VERSION, 0, CACHAIN_PURPOSE_SERVER_AUTH, NULL, 0, 0, 0}

/* Like cachain_evaluate, as a client of the store's machine decides at the
 * given time, for the given purpose and name. The verdict is the platform
 * judge's: on Linux and for directory stores OpenSSL's X509_verify_cert
 * with the store's Root certificates as the only anchors and OpenSSL's
 * default flags (as curl and openssl s_client). The certificates it may
 * chain through are inputs, issuers, and the store's CA certificates only
 * where clients read them (Windows's CA store and directory stores; never
 * CaChain's intermediates file on Linux, which no TLS client reads).
 * options NULL: the defaults (CACHAIN_EVALUATE_OPTIONS_INIT). */
CACHAIN_API cachain_status cachain_evaluate_with_options(cachain_store* store, const cachain_set* inputs,
                                                         const cachain_set* issuers,
                                                         const cachain_evaluate_options* options,
                                                         cachain_verdicts** verdicts);
CACHAIN_API void cachain_verdicts_free(cachain_verdicts* verdicts);

CACHAIN_API size_t cachain_verdicts_count(const cachain_verdicts* verdicts);
/* The chain the verdict is about. Borrowed: valid until the verdicts are freed. */
CACHAIN_API const cachain_chain* cachain_verdict_chain(const cachain_verdicts* verdicts, size_t index);

typedef CACHAIN_ENUM(cachain_verdict_field) {
    CACHAIN_VERDICT_TRUSTED = 0,       /* 1 when trusted */
    CACHAIN_VERDICT_CHAIN_ERROR = 1,   /* CERT_E_* or TRUST_E_* as CertVerifyCertificateChainPolicy reports the
                                          cause (see cachain_trust_cause): 0x800B0109 untrusted root, 0x800B010A
                                          chaining, 0x800B0101 expired...; 0 when trusted */
    CACHAIN_VERDICT_TLS_ERROR = 2,     /* SEC_E_* as Schannel reports it: 0x80090325 SEC_E_UNTRUSTED_ROOT,
                                          0x80090328 SEC_E_CERT_EXPIRED, 0x80090322 SEC_E_WRONG_PRINCIPAL...;
                                          0 when trusted */
    CACHAIN_VERDICT_OPENSSL_CODE = 3,  /* X509_V_OK (0) or X509_V_ERR_*, from OpenSSL's X509_verify_cert */
    CACHAIN_VERDICT_CAUSE = 4,         /* a cachain_trust_cause */
    CACHAIN_VERDICT_REVOCATION_STATUS = 5, /* a cachain_revocation_status, for the whole path: the worst of its
                                              certificates' (revoked, then offline, then unusable, then not
                                              published, then not checked); CACHAIN_REVOCATION_NOT_CHECKED
                                              without CACHAIN_EVALUATE_CHECK_REVOCATION */
    CACHAIN_VERDICT_REVOCATION_ERROR = 6,  /* what Schannel and CertGetCertificateChain report for that status:
                                              0x80092010 CRYPT_E_REVOKED, 0x80092013 CRYPT_E_REVOCATION_OFFLINE,
                                              0x80092012 CRYPT_E_NO_REVOCATION_CHECK (not published, or every
                                              answer fails its checks); 0 when good or not checked. Programs
                                              that check through WinVerifyTrust or WinHTTP report the last two
                                              as 0x800B010E CERT_E_REVOCATION_FAILURE, which the reason says */
    CACHAIN_VERDICT_REVOCATION_OPENSSL_CODE = 7 /* what OpenSSL's verifier reports with CRL checking
                                                   (X509_V_ERR_CERT_REVOKED 23, _UNABLE_TO_GET_CRL 3,
                                                   _CRL_HAS_EXPIRED 12, _CRL_SIGNATURE_FAILURE 8) or OCSP
                                                   (_OCSP_VERIFY_FAILED 74, _OCSP_CERT_UNKNOWN 75); 0 when good */
} cachain_verdict_field;
CACHAIN_API int64_t cachain_verdict_number(const cachain_verdicts* verdicts, size_t index,
                                           cachain_verdict_field field);

typedef CACHAIN_ENUM(cachain_verdict_text_field) {
    CACHAIN_VERDICT_TEXT_REASON = 0,  /* "the root 'SchertzLabRootCA' is not in LocalMachine\Root" */
    CACHAIN_VERDICT_TEXT_FIX = 1,     /* "run Import-CaChain ...", "" when trusted */
    CACHAIN_VERDICT_TEXT_OPENSSL = 2, /* OpenSSL's words for its code */
    CACHAIN_VERDICT_TEXT_WARNINGS = 3, /* one line per CA certificate of the path that expires within
                                         warn_within_days: "'Root CA' expires on 2027-03-01 (in 91 days)"; "" for none */
    CACHAIN_VERDICT_TEXT_UNREADABLE = 4, /* one line per entry of the store's Root or CA that OpenSSL cannot read,
                                           so it anchors nothing: "<file or store entry>: <OpenSSL's reason>"
                                           ("/srv/trust/Root/1a2b3c4d.0: the certificate has malformed
                                           extensions"); "" for none */
    CACHAIN_VERDICT_TEXT_REVOCATION_REASON = 5, /* the revocation status, named at the certificate it is about:
                                                   "'pool1.schertz.lab' was revoked on ... (keyCompromise),
                                                   says the CRL at http://..."; "" when not checked */
    CACHAIN_VERDICT_TEXT_REVOCATION_FIX = 6     /* what can mend it; "" when good or not checked */
} cachain_verdict_text_field;
/* Borrowed: valid until the verdicts are freed. */
CACHAIN_API const char* cachain_verdict_text(const cachain_verdicts* verdicts, size_t index,
                                             cachain_verdict_text_field field);

/* Revocation, per certificate of the path (CACHAIN_EVALUATE_CHECK_REVOCATION). */
typedef CACHAIN_ENUM(cachain_revocation_status) {
    CACHAIN_REVOCATION_NOT_CHECKED = 0,   /* not asked, a root (trusted by being in Root), or offline with an
                                             http:// address to try */
    CACHAIN_REVOCATION_GOOD = 1,          /* a current, correctly signed CRL or OCSP answer says not revoked */
    CACHAIN_REVOCATION_REVOKED = 2,       /* a current, correctly signed CRL or OCSP answer says revoked */
    CACHAIN_REVOCATION_OFFLINE = 3,       /* published, but nothing current could be fetched (ldap: only,
                                             unreachable, too slow, too large, an expired CRL) */
    CACHAIN_REVOCATION_UNUSABLE = 4,      /* fetched, but every answer failed its checks (signed by another key,
                                             not a CRL or OCSP answer, the responder does not know it) */
    CACHAIN_REVOCATION_NOT_PUBLISHED = 5  /* the certificate names no CRL distribution point and no OCSP responder */
} cachain_revocation_status;

/* How many certificates of the verdict's path have a revocation entry: all
 * of them, in path order (0 the target), when revocation was checked; 0
 * otherwise. */
CACHAIN_API size_t cachain_verdict_revocation_count(const cachain_verdicts* verdicts, size_t index);

typedef CACHAIN_ENUM(cachain_revocation_field) {
    CACHAIN_REVOCATION_STATUS = 0,       /* a cachain_revocation_status */
    CACHAIN_REVOCATION_REVOKED_AT = 1,   /* when revoked: the revocation date, seconds since 1970 UTC; else 0 */
    CACHAIN_REVOCATION_OPENSSL_CODE = 2  /* as CACHAIN_VERDICT_REVOCATION_OPENSSL_CODE, for this certificate */
} cachain_revocation_field;
/* -1 for an index or element out of range. */
CACHAIN_API int64_t cachain_verdict_revocation_number(const cachain_verdicts* verdicts, size_t index,
                                                      size_t element, cachain_revocation_field field);

typedef CACHAIN_ENUM(cachain_revocation_text_field) {
    CACHAIN_REVOCATION_TEXT_SUBJECT = 0,    /* the certificate's subject */
    CACHAIN_REVOCATION_TEXT_REASON_CODE = 1, /* when revoked: the CRL reason ("keyCompromise",
                                               "unspecified" when the CA gave none); else "" */
    CACHAIN_REVOCATION_TEXT_PUBLISHED = 2,   /* where its status is published, one URL a line, OCSP first */
    CACHAIN_REVOCATION_TEXT_REACHED = 3,     /* what this machine got from each, one a line:
                                                "<url>: <what happened>" */
    CACHAIN_REVOCATION_TEXT_SUMMARY = 4      /* one sentence for this certificate */
} cachain_revocation_text_field;
/* Borrowed: valid until the verdicts are freed. "" out of range. */
CACHAIN_API const char* cachain_verdict_revocation_text(const cachain_verdicts* verdicts, size_t index,
                                                        size_t element, cachain_revocation_text_field field);

/* ------------------------------------------------------------------ */
/* Error codes: what 0x80090325 means, and what to run                  */
/* ------------------------------------------------------------------ */

typedef struct cachain_explanation cachain_explanation;

/* Explains an error code as a user pastes it. After leading and trailing
 * blanks are dropped, the text is read by this rule:
 *   "0x" and 1..8 hex digits        an HRESULT ("0x80090325")
 *   8 hex digits starting with 8    an HRESULT, as event logs show it ("80090325", "800B010A")
 *   decimal 0..199                  an OpenSSL verify code ("20")
 *   any other decimal               an HRESULT, unsigned or negative ("2148074277", "-2146893019")
 *   anything else                   a symbolic name in any case ("SEC_E_UNTRUSTED_ROOT",
 *                                   "x509_v_err_unable_to_get_issuer_cert_locally"), or OpenSSL's
 *                                   own text for a code, whole, in any case ("unable to get local
 *                                   issuer certificate", X509_verify_cert_error_string's words)
 * Covers the SEC_E_*, CERT_E_*, TRUST_E_* and CRYPT_E_* codes of TLS and
 * chain failures (Schannel's, and the Kerberos and NTLM ones machines
 * outside a domain meet), E_ACCESSDENIED and ERROR_CANCELLED from the
 * stores, and the OpenSSL codes chain building produces.
 * CACHAIN_E_ARGUMENT, with a last error that quotes the text and says "not
 * a code CaChain knows" (a number) or "not a number, a known name or
 * OpenSSL's text for a known code", when it is not recognised. The caller
 * frees *result with cachain_explanation_free. */
CACHAIN_API cachain_status cachain_explain(const char* code, cachain_explanation** result);
CACHAIN_API void cachain_explanation_free(cachain_explanation* explanation);

/* The number of codes the catalogue holds, for listing or completing them. */
CACHAIN_API size_t cachain_catalog_count(void);
/* The index-th code of the catalogue (HRESULTs first, then OpenSSL codes),
 * explained as cachain_explain explains it. CACHAIN_E_ARGUMENT when index is
 * not below cachain_catalog_count(). The caller frees *result with
 * cachain_explanation_free. */
CACHAIN_API cachain_status cachain_catalog_entry(size_t index, cachain_explanation** result);

typedef CACHAIN_ENUM(cachain_explanation_field) {
    CACHAIN_EXPLANATION_CODE = 0,        /* "0x80090325" (upper-case hex digits, 8 of them) for HRESULTs; "20" for OpenSSL codes */
    CACHAIN_EXPLANATION_NAME = 1,        /* "SEC_E_UNTRUSTED_ROOT", "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY" */
    CACHAIN_EXPLANATION_KIND = 2,        /* "HRESULT" or "OpenSSL" */
    CACHAIN_EXPLANATION_DESCRIPTION = 3, /* what it means; OpenSSL's own words for OpenSSL codes */
    CACHAIN_EXPLANATION_CAUSES = 4,      /* likely causes, one per line ("\n" between them) */
    CACHAIN_EXPLANATION_FIX = 5          /* what to do: the cmdlet to run ("Import-CaChain -Path <the exported .cer files>")
                                            where one mends it, otherwise the change to make */
} cachain_explanation_field;
/* Borrowed: valid until the explanation is freed. "" for a NULL explanation. */
CACHAIN_API const char* cachain_explanation_text(const cachain_explanation* explanation,
                                                 cachain_explanation_field field);
/* The code's value: an HRESULT as an unsigned 32-bit number (0x80090325 -> 2148074277), or the OpenSSL code. -1 for NULL. */
CACHAIN_API int64_t cachain_explanation_value(const cachain_explanation* explanation);

#ifdef __cplusplus
}
#endif

#endif /* CACHAIN_CACHAIN_H */
