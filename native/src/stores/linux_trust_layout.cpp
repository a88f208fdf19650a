#include "linux_trust_layout.h"

#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "failure.h"
#include "process_runner.h"

namespace cachain {
namespace {

namespace fs = std::filesystem;

enum class Family { Debian, RHEL, SUSE };

fs::path under(const fs::path& system_root, const char* absolute) {
    return system_root / fs::path(absolute).relative_path();
}

bool is_this_machine(const fs::path& system_root) {
    std::error_code error;
    return fs::equivalent(system_root, "/", error);
}

// Only where run_system_tool looks: a tool elsewhere would never be run.
bool command_exists(const std::string& name) { return find_system_tool(name).has_value(); }

fs::path cachain_intermediates(const fs::path& system_root) {
    return under(system_root, "/usr/local/share/cachain/intermediates");
}

std::optional<Family> family_named(const std::string& word) {
    if (word == "debian" || word == "ubuntu") return Family::Debian;
    if (word == "rhel" || word == "fedora" || word == "centos") return Family::RHEL;
    if (word == "suse" || word == "sles" || word == "sled" || word.rfind("opensuse", 0) == 0) return Family::SUSE;
    return std::nullopt;
}

// The KEY=value lines of the system root's os-release: etc/os-release, else
// usr/lib/os-release (the order os-release(5) gives). Values may be quoted.
std::map<std::string, std::string> os_release(const fs::path& system_root) {
    std::map<std::string, std::string> fields;
    for (const char* file : {"/etc/os-release", "/usr/lib/os-release"}) {
        std::ifstream in(under(system_root, file));
        if (!in) continue;
        constexpr int max_lines = 200;  // the file is the image's: read a sane amount of it
        std::string line;
        for (int n = 0; n < max_lines && std::getline(in, line); ++n) {
            const auto equals = line.find('=');
            if (equals == std::string::npos) continue;
            std::string value = line.substr(equals + 1);
            if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
                value = value.substr(1, value.size() - 2);
            fields[line.substr(0, equals)] = value;
        }
        break;
    }
    return fields;
}

// By the distribution's own words: ID first, then each ID_LIKE in order
// (Rocky Linux says ID=rocky, ID_LIKE="rhel centos fedora").
std::optional<Family> family_from_os_release(const fs::path& system_root) {
    auto fields = os_release(system_root);
    std::istringstream words(fields["ID"] + " " + fields["ID_LIKE"]);
    for (std::string word; words >> word;) {
        if (const auto family = family_named(word)) return family;
    }
    return std::nullopt;
}

// By the anchors folder only that family has (RHEL and SUSE both have an
// etc/ssl/certs, so Debian's folders prove nothing).
std::optional<Family> family_from_folders(const fs::path& system_root) {
    std::error_code error;
    if (fs::is_directory(under(system_root, "/etc/pki/trust/anchors"), error)) return Family::SUSE;
    if (fs::is_directory(under(system_root, "/etc/pki/ca-trust/source/anchors"), error)) return Family::RHEL;
    return std::nullopt;
}

// An empty folder (a new image, a test) is laid out the Debian way.
Family family_of(const fs::path& system_root) {
    if (const auto family = family_from_os_release(system_root)) return *family;
    return family_from_folders(system_root).value_or(Family::Debian);
}

LinuxTrustLayout layout_of(Family family, const fs::path& system_root) {
    switch (family) {
    case Family::RHEL: return rhel_layout(system_root);
    case Family::SUSE: return suse_layout(system_root);
    case Family::Debian: break;
    }
    return debian_layout(system_root);
}

}  // namespace

LinuxTrustLayout debian_layout(const fs::path& system_root) {
    LinuxTrustLayout layout;
    layout.distribution = "Debian";
    layout.system_root = system_root;
    const fs::path local_certs = under(system_root, "/usr/local/share/ca-certificates");
    const fs::path certs = under(system_root, "/usr/share/ca-certificates");
    const fs::path etc_certs = under(system_root, "/etc/ssl/certs");
    layout.anchors = local_certs / "cachain";
    layout.intermediates = cachain_intermediates(system_root);
    layout.bundle = etc_certs / "ca-certificates.crt";
    layout.refresh = {"update-ca-certificates"};
    const fs::path configuration = under(system_root, "/etc/ca-certificates.conf");
    layout.debian_sources = DebianCertificateSources{configuration, certs, local_certs};
    if (!is_this_machine(system_root)) {
        // The tool links etc/ssl/certs/<name>.pem to each certificate by the
        // path it found it under. Given absolute folders, the links would
        // point to /x/img/usr/local/share/..., which dangles as soon as the
        // image is moved or booted. The tool changes into --etccertsdir
        // before it reads the certificate folders (its bundle's final move
        // relies on that), so folders given relative to etc/ssl/certs make
        // relative links, which resolve inside the image wherever it is
        // mounted, and once booted. If that ever changed, it would find no
        // certificate, and the bundle check in commit() would refuse the
        // result and roll back. --certsconf is read before that change of
        // folder, so it, like the folders the tool writes to, stays absolute.
        // The image's hooks are its own programs: run from here they would
        // run as root on this machine, and act on its Java or Mono stores.
        // The tool runs hooks only from an existing folder, and nothing can
        // ever exist below /dev/null, so none run (the store names them).
        const auto from_etc_certs = [&](const fs::path& folder) { return folder.lexically_relative(etc_certs).string(); };
        layout.refresh.insert(layout.refresh.end(),
                              {"--certsconf", configuration.string(),
                               "--certsdir", from_etc_certs(certs),
                               "--localcertsdir", from_etc_certs(local_certs),
                               "--etccertsdir", etc_certs.string(),
                               "--hooksdir", "/dev/null/no-hooks"});
        layout.image_hooks = under(system_root, "/etc/ca-certificates/update.d");
        layout.required_folders = {etc_certs, certs};
    }
    layout.refresh_after_removal = layout.refresh;
    layout.refresh_after_removal.push_back("--fresh");  // without it, removed roots leave dangling links
    return layout;
}

LinuxTrustLayout rhel_layout(const fs::path& system_root) {
    LinuxTrustLayout layout;
    layout.distribution = "RHEL";
    layout.system_root = system_root;
    layout.anchors = under(system_root, "/etc/pki/ca-trust/source/anchors");
    layout.intermediates = cachain_intermediates(system_root);
    layout.bundle = under(system_root, "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem");
    layout.refresh = layout.refresh_after_removal = {"update-ca-trust", "extract"};
    return layout;
}

LinuxTrustLayout suse_layout(const fs::path& system_root) {
    LinuxTrustLayout layout;
    layout.distribution = "SUSE";
    layout.system_root = system_root;
    layout.anchors = under(system_root, "/etc/pki/trust/anchors");
    layout.intermediates = cachain_intermediates(system_root);
    layout.bundle = under(system_root, "/var/lib/ca-certificates/ca-bundle.pem");
    layout.refresh = layout.refresh_after_removal = {"update-ca-certificates"};
    return layout;
}

LinuxTrustLayout detect_linux_trust_layout(const fs::path& system_root) {
    const Family family = family_of(system_root);
    LinuxTrustLayout layout = layout_of(family, system_root);
    const std::string& tool = layout.refresh.front();
    if (is_this_machine(system_root)) {
        if (!command_exists(tool)) {
            throw Failure(CACHAIN_E_NOT_SUPPORTED, "LocalMachine",
                          "this machine is " + layout.distribution + "-like, but its system trust tool " + tool +
                              " was not found; install the ca-certificates package, or use -StorePath <folder>");
        }
        return layout;
    }
    // Of the three tools, only Debian's takes a system root, and only a Debian
    // host has it (SUSE's tool has the same name and other options).
    layout.refresh_runs_here =
        family == Family::Debian && family_of("/") == Family::Debian && command_exists("update-ca-certificates");
    if (!layout.refresh_runs_here) {
        // Then the commands are the ones to run inside the image, as there.
        const LinuxTrustLayout inside = layout_of(family, "/");
        layout.refresh = inside.refresh;
        layout.refresh_after_removal = inside.refresh_after_removal;
        layout.required_folders.clear();
    }
    return layout;
}

std::string command_line(const std::vector<std::string>& command) {
    std::string line;
    for (const auto& word : command) line += (line.empty() ? "" : " ") + word;
    return line;
}

}  // namespace cachain
