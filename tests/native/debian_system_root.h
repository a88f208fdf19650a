// A Debian-shaped system root in a test's folder, made by the real
// update-ca-certificates, trusting the distribution-shipped roots given.
// The setup proves itself: the tool's exit code, and a bundle that holds
// exactly those roots, so that a test never starts from a broken root.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "certificate_parser.h"
#include "linux_trust_layout.h"
#include "process_runner.h"
#include "test_pki.h"

namespace cachain::testing {

inline std::filesystem::path bundle_of(const std::filesystem::path& system_root) {
    return system_root / "etc/ssl/certs/ca-certificates.crt";
}

// The thumbprints of the certificates in the system root's bundle, in order.
inline std::vector<std::string> bundle_thumbprints(const std::filesystem::path& system_root) {
    std::vector<std::string> thumbprints;
    for (const auto& cert : parse_certificates(read_file(bundle_of(system_root)), "bundle", nullptr))
        thumbprints.push_back(cert->thumbprint());
    return thumbprints;
}

// Call with ASSERT_NO_FATAL_FAILURE: a failed setup stops the test.
inline void make_debian_system_root(const std::filesystem::path& system_root, const std::vector<const Issued*>& shipped) {
    namespace fs = std::filesystem;
    for (const char* folder : {"etc/ssl/certs", "usr/share/ca-certificates/distro", "usr/local/share/ca-certificates",
                               "etc/ca-certificates/update.d"})
        fs::create_directories(system_root / folder);
    std::string configuration;
    for (std::size_t i = 0; i < shipped.size(); ++i) {
        const std::string name = "distro/shipped" + std::to_string(i) + ".crt";
        write_file(system_root / "usr/share/ca-certificates" / name, shipped[i]->pem());
        configuration += name + "\n";
    }
    write_file(system_root / "etc/ca-certificates.conf", configuration);
    const ProcessResult refreshed = run_process(debian_layout(system_root).refresh);
    ASSERT_EQ(refreshed.exit_code, 0) << "update-ca-certificates failed in the test's system root: " << refreshed.output;
    if (shipped.empty()) return;  // the tool writes no bundle without a certificate
    ASSERT_TRUE(fs::exists(bundle_of(system_root))) << "update-ca-certificates wrote no bundle: " << refreshed.output;
    ASSERT_EQ(bundle_thumbprints(system_root).size(), shipped.size()) << refreshed.output;
}

}  // namespace cachain::testing
