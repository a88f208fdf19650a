/*
 * Prints every constant of cachain.h that the cmdlets mirror in C#, one a
 * line, as "<C type> <name> <value>", and the size of each versioned struct:
 * tests/module/NativeTypes.Tests.ps1 compares them with the cmdlets' enums.
 *
 * Built as C99 with -Wall -Wextra -Werror -pedantic (CMakeLists.txt beside
 * it), so it is also the proof that the header is plain C: a header that
 * only a C++ compiler accepts breaks the build.
 */
#include <stddef.h>
#include <stdio.h>

#include "cachain/cachain.h"

#define PRINT(type, name) printf("%s %s %lld\n", type, #name, (long long)(name))
/* "offsetof <struct>.<field> <bytes>": where the C# copy must put the field. */
#define PRINT_OFFSET(type, field) printf("offsetof %s.%s %lld\n", #type, #field, (long long)offsetof(type, field))

int main(void) {
    /* The _INIT macros must be valid C initialisers too. */
    const cachain_discover_options discover_options = CACHAIN_DISCOVER_OPTIONS_INIT;
    const cachain_store_callbacks store_callbacks = CACHAIN_STORE_CALLBACKS_INIT;
    const cachain_evaluate_options evaluate_options = CACHAIN_EVALUATE_OPTIONS_INIT;

    PRINT("cachain_status", CACHAIN_OK);
    PRINT("cachain_status", CACHAIN_E_ARGUMENT);
    PRINT("cachain_status", CACHAIN_E_EMPTY);
    PRINT("cachain_status", CACHAIN_E_TRUNCATED);
    PRINT("cachain_status", CACHAIN_E_NOT_CERTIFICATE);
    PRINT("cachain_status", CACHAIN_E_UNSUPPORTED_FORMAT);
    PRINT("cachain_status", CACHAIN_E_WRONG_PASSWORD);
    PRINT("cachain_status", CACHAIN_E_IO);
    PRINT("cachain_status", CACHAIN_E_EXISTS);
    PRINT("cachain_status", CACHAIN_E_TOO_LARGE);
    PRINT("cachain_status", CACHAIN_E_ACCESS_DENIED);
    PRINT("cachain_status", CACHAIN_E_CANCELLED);
    PRINT("cachain_status", CACHAIN_E_REFUSED);
    PRINT("cachain_status", CACHAIN_E_NOT_SUPPORTED);
    PRINT("cachain_status", CACHAIN_E_PATH_NOT_FOUND);
    PRINT("cachain_status", CACHAIN_E_HOST_NOT_FOUND);
    PRINT("cachain_status", CACHAIN_E_CONNECTION_FAILED);
    PRINT("cachain_status", CACHAIN_E_TIMED_OUT);
    PRINT("cachain_status", CACHAIN_E_PASSWORD_NEEDED);
    PRINT("cachain_status", CACHAIN_E_INTERNAL);
    PRINT("cachain_role", CACHAIN_ROLE_LEAF);
    PRINT("cachain_role", CACHAIN_ROLE_INTERMEDIATE);
    PRINT("cachain_role", CACHAIN_ROLE_ROOT);
    PRINT("cachain_text_field", CACHAIN_TEXT_SUBJECT);
    PRINT("cachain_text_field", CACHAIN_TEXT_ISSUER);
    PRINT("cachain_text_field", CACHAIN_TEXT_COMMON_NAME);
    PRINT("cachain_text_field", CACHAIN_TEXT_THUMBPRINT);
    PRINT("cachain_text_field", CACHAIN_TEXT_SHA256);
    PRINT("cachain_text_field", CACHAIN_TEXT_SERIAL);
    PRINT("cachain_text_field", CACHAIN_TEXT_SUBJECT_KEY_ID);
    PRINT("cachain_text_field", CACHAIN_TEXT_AUTHORITY_KEY_ID);
    PRINT("cachain_text_field", CACHAIN_TEXT_CA_ISSUERS_URL);
    PRINT("cachain_number_field", CACHAIN_NUMBER_NOT_BEFORE);
    PRINT("cachain_number_field", CACHAIN_NUMBER_NOT_AFTER);
    PRINT("cachain_number_field", CACHAIN_NUMBER_IS_CA);
    PRINT("cachain_number_field", CACHAIN_NUMBER_PATH_LENGTH);
    PRINT("cachain_number_field", CACHAIN_NUMBER_KEY_USAGE);
    PRINT("cachain_number_field", CACHAIN_NUMBER_SELF_SIGNED);
    PRINT("cachain_number_field", CACHAIN_NUMBER_ROLE);
    PRINT("cachain_chain_status", CACHAIN_CHAIN_COMPLETE);
    PRINT("cachain_chain_status", CACHAIN_CHAIN_MISSING_ISSUER);
    PRINT("cachain_chain_status", CACHAIN_CHAIN_LIMIT_REACHED);
    PRINT("cachain_validity", CACHAIN_VALIDITY_VALID);
    PRINT("cachain_validity", CACHAIN_VALIDITY_EXPIRED);
    PRINT("cachain_validity", CACHAIN_VALIDITY_NOT_YET_VALID);
    PRINT("cachain_chain_field", CACHAIN_CHAIN_FIELD_STATUS);
    PRINT("cachain_chain_field", CACHAIN_CHAIN_FIELD_TARGET);
    PRINT("cachain_chain_field", CACHAIN_CHAIN_FIELD_RANK);
    PRINT("cachain_chain_text_field", CACHAIN_CHAIN_TEXT_SUMMARY);
    PRINT("cachain_chain_text_field", CACHAIN_CHAIN_TEXT_MISSING_ISSUER);
    PRINT("cachain_chain_text_field", CACHAIN_CHAIN_TEXT_MISSING_KEY_ID);
    PRINT("cachain_chain_text_field", CACHAIN_CHAIN_TEXT_MISSING_ISSUER_URL);
    PRINT("cachain_protocol", CACHAIN_PROTOCOL_AUTO);
    PRINT("cachain_protocol", CACHAIN_PROTOCOL_TLS);
    PRINT("cachain_protocol", CACHAIN_PROTOCOL_SMTP);
    PRINT("cachain_protocol", CACHAIN_PROTOCOL_LDAP);
    PRINT("cachain_format", CACHAIN_FORMAT_DER);
    PRINT("cachain_format", CACHAIN_FORMAT_PEM);
    PRINT("cachain_format", CACHAIN_FORMAT_P7B);
    PRINT("cachain_file_action", CACHAIN_FILE_WRITTEN);
    PRINT("cachain_file_action", CACHAIN_FILE_UNCHANGED);
    PRINT("cachain_file_action", CACHAIN_FILE_REPLACED);
    PRINT("cachain_file_action", CACHAIN_FILE_WOULD_WRITE);
    PRINT("cachain_file_action", CACHAIN_FILE_FAILED);
    PRINT("cachain_store_location", CACHAIN_LOCATION_LOCAL_MACHINE);
    PRINT("cachain_store_location", CACHAIN_LOCATION_CURRENT_USER);
    PRINT("cachain_store_location", CACHAIN_LOCATION_DIRECTORY);
    PRINT("cachain_store_location", CACHAIN_LOCATION_BUNDLE);
    PRINT("cachain_store_location", CACHAIN_LOCATION_NSS);
    PRINT("cachain_store_location", CACHAIN_LOCATION_JAVA);
    PRINT("cachain_store_location", CACHAIN_LOCATION_ALL);
    PRINT("cachain_store_name", CACHAIN_STORE_ROOT);
    PRINT("cachain_store_name", CACHAIN_STORE_CA);
    PRINT("cachain_placement_action", CACHAIN_ACTION_ADDED);
    PRINT("cachain_placement_action", CACHAIN_ACTION_ALREADY_PRESENT);
    PRINT("cachain_placement_action", CACHAIN_ACTION_WOULD_ADD);
    PRINT("cachain_placement_action", CACHAIN_ACTION_SKIPPED);
    PRINT("cachain_placement_action", CACHAIN_ACTION_REMOVED);
    PRINT("cachain_placement_action", CACHAIN_ACTION_NOT_PRESENT);
    PRINT("cachain_placement_action", CACHAIN_ACTION_WOULD_REMOVE);
    PRINT("cachain_placement_field", CACHAIN_PLACEMENT_STORE);
    PRINT("cachain_placement_field", CACHAIN_PLACEMENT_ACTION);
    PRINT("cachain_placement_field", CACHAIN_PLACEMENT_STATUS);
    PRINT("cachain_placement_field", CACHAIN_PLACEMENT_STORE_LOCATION);
    PRINT("cachain_placement_text_field", CACHAIN_PLACEMENT_TEXT_THUMBPRINT);
    PRINT("cachain_placement_text_field", CACHAIN_PLACEMENT_TEXT_LOCATION);
    PRINT("cachain_placement_text_field", CACHAIN_PLACEMENT_TEXT_MESSAGE);
    PRINT("cachain_verdict_field", CACHAIN_VERDICT_TRUSTED);
    PRINT("cachain_verdict_field", CACHAIN_VERDICT_CHAIN_ERROR);
    PRINT("cachain_verdict_field", CACHAIN_VERDICT_TLS_ERROR);
    PRINT("cachain_verdict_field", CACHAIN_VERDICT_OPENSSL_CODE);
    PRINT("cachain_verdict_field", CACHAIN_VERDICT_CAUSE);
    PRINT("cachain_verdict_field", CACHAIN_VERDICT_REVOCATION_STATUS);
    PRINT("cachain_verdict_field", CACHAIN_VERDICT_REVOCATION_ERROR);
    PRINT("cachain_verdict_field", CACHAIN_VERDICT_REVOCATION_OPENSSL_CODE);
    PRINT("cachain_verdict_text_field", CACHAIN_VERDICT_TEXT_REASON);
    PRINT("cachain_verdict_text_field", CACHAIN_VERDICT_TEXT_FIX);
    PRINT("cachain_verdict_text_field", CACHAIN_VERDICT_TEXT_OPENSSL);
    PRINT("cachain_verdict_text_field", CACHAIN_VERDICT_TEXT_WARNINGS);
    PRINT("cachain_verdict_text_field", CACHAIN_VERDICT_TEXT_UNREADABLE);
    PRINT("cachain_verdict_text_field", CACHAIN_VERDICT_TEXT_REVOCATION_REASON);
    PRINT("cachain_verdict_text_field", CACHAIN_VERDICT_TEXT_REVOCATION_FIX);
    PRINT("cachain_revocation_status", CACHAIN_REVOCATION_NOT_CHECKED);
    PRINT("cachain_revocation_status", CACHAIN_REVOCATION_GOOD);
    PRINT("cachain_revocation_status", CACHAIN_REVOCATION_REVOKED);
    PRINT("cachain_revocation_status", CACHAIN_REVOCATION_OFFLINE);
    PRINT("cachain_revocation_status", CACHAIN_REVOCATION_UNUSABLE);
    PRINT("cachain_revocation_status", CACHAIN_REVOCATION_NOT_PUBLISHED);
    PRINT("cachain_revocation_field", CACHAIN_REVOCATION_STATUS);
    PRINT("cachain_revocation_field", CACHAIN_REVOCATION_REVOKED_AT);
    PRINT("cachain_revocation_field", CACHAIN_REVOCATION_OPENSSL_CODE);
    PRINT("cachain_revocation_text_field", CACHAIN_REVOCATION_TEXT_SUBJECT);
    PRINT("cachain_revocation_text_field", CACHAIN_REVOCATION_TEXT_REASON_CODE);
    PRINT("cachain_revocation_text_field", CACHAIN_REVOCATION_TEXT_PUBLISHED);
    PRINT("cachain_revocation_text_field", CACHAIN_REVOCATION_TEXT_REACHED);
    PRINT("cachain_revocation_text_field", CACHAIN_REVOCATION_TEXT_SUMMARY);
    PRINT("cachain_purpose", CACHAIN_PURPOSE_SERVER_AUTH);
    PRINT("cachain_purpose", CACHAIN_PURPOSE_CLIENT_AUTH);
    PRINT("cachain_purpose", CACHAIN_PURPOSE_ANY);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_NONE);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_ISSUER_MISSING);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_SERVER_OMITS_INTERMEDIATES);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_ROOT_NOT_TRUSTED);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_ANCHOR_NOT_SELF_SIGNED);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_EXPIRED);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_NOT_YET_VALID);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_CRITICAL_EXTENSION);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_HOST_NAME_MISMATCH);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_WRONG_PURPOSE);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_NAME_CONSTRAINTS);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_INVALID_CA);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_PATH_LENGTH);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_CA_KEY_USAGE);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_BAD_SIGNATURE);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_PATH_LOOP);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_SEARCH_LIMIT);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_OTHER);
    PRINT("cachain_trust_cause", CACHAIN_CAUSE_REVOKED);
    PRINT("cachain_explanation_field", CACHAIN_EXPLANATION_CODE);
    PRINT("cachain_explanation_field", CACHAIN_EXPLANATION_NAME);
    PRINT("cachain_explanation_field", CACHAIN_EXPLANATION_KIND);
    PRINT("cachain_explanation_field", CACHAIN_EXPLANATION_DESCRIPTION);
    PRINT("cachain_explanation_field", CACHAIN_EXPLANATION_CAUSES);
    PRINT("cachain_explanation_field", CACHAIN_EXPLANATION_FIX);
    PRINT("flags", CACHAIN_DISCOVER_OFFLINE);
    PRINT("flags", CACHAIN_EVALUATE_DOWNLOAD_ISSUERS);
    PRINT("flags", CACHAIN_EVALUATE_CHECK_REVOCATION);
    PRINT("flags", CACHAIN_EVALUATE_REVOCATION_OFFLINE);
    PRINT("flags", CACHAIN_EXPORT_INCLUDE_LEAF);
    PRINT("flags", CACHAIN_EXPORT_FORCE);
    PRINT("flags", CACHAIN_EXPORT_DRY_RUN);
    PRINT("flags", CACHAIN_PLACE_DRY_RUN);
    PRINT("flags", CACHAIN_PLACE_FORCE);
    PRINT("flags", CACHAIN_PLACE_ROOT_NOT_IN_CA);
    PRINT("version", CACHAIN_DISCOVER_OPTIONS_VERSION);
    PRINT("version", CACHAIN_STORE_CALLBACKS_VERSION);
    PRINT("version", CACHAIN_EVALUATE_OPTIONS_VERSION);
    printf("version discover_options.version %u\n", discover_options.version);
    printf("version store_callbacks.version %u\n", store_callbacks.version);
    printf("version evaluate_options.version %u\n", evaluate_options.version);
    PRINT("sizeof", sizeof(cachain_discover_options));
    PRINT("sizeof", sizeof(cachain_store_callbacks));
    PRINT("sizeof", sizeof(cachain_evaluate_options));
    PRINT_OFFSET(cachain_evaluate_options, version);
    PRINT_OFFSET(cachain_evaluate_options, at);
    PRINT_OFFSET(cachain_evaluate_options, purpose);
    PRINT_OFFSET(cachain_evaluate_options, dns_name);
    PRINT_OFFSET(cachain_evaluate_options, warn_within_days);
    PRINT_OFFSET(cachain_evaluate_options, flags);
    PRINT_OFFSET(cachain_evaluate_options, timeout_seconds);
    return 0;
}
