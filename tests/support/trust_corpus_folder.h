// The trust corpus as files, for `openssl verify` and for Pester:
//   <folder>/<category>/<case>/target.pem
//                              sent.pem     (what the server sends; may be empty)
//                              roots/NN.pem (the Root store, one certificate a file)
//                              cas/NN.pem   (the CA store, one certificate a file)
//                              case.tsv     (key<TAB>value lines)
// case.tsv's keys, in this order: category, name, at (Unix seconds), purpose
// (sslserver, sslclient, any), host_kind (none, dns, ip), host, trusted
// (true, false), openssl_code, cause.
#pragma once

#include <filesystem>
#include <vector>

#include "trust_corpus.h"

namespace cachain::testing {

// The folder of one case, below the corpus's folder.
std::filesystem::path case_folder(const std::filesystem::path& corpus_folder, const TrustCase& trust_case);

void write_trust_case(const std::filesystem::path& corpus_folder, const TrustCase& trust_case);
void write_trust_corpus(const std::filesystem::path& corpus_folder, const std::vector<TrustCase>& corpus);

}  // namespace cachain::testing
