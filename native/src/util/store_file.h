// Rewriting a store that is one file (a PEM bundle, a Java keystore) in
// place, the way its owner set it up: through a symbolic link to its target,
// with the file's mode and owner kept.
#pragma once

#include <cstdint>
#include <filesystem>

#include <gsl/gsl>

namespace cachain {

// The file to write for a store kept at path: a symbolic link's target
// (Debian's cacerts is a link into /etc/ssl/certs/java), so that the link
// stays; the atomic writer replaces only regular files.
std::filesystem::path store_file_target(const std::filesystem::path& path);

// Writes bytes to file in one step (write_file_atomically; replace as
// there), creating its folder when missing; a file that was there keeps its
// mode (and, for root, its owner) from the first byte written, since the
// writer makes new files 0644. Throws Failure naming the
// folder (ACCESS_DENIED or IO) when it cannot be created, and the writer's
// failures otherwise.
void rewrite_store_file(const std::filesystem::path& file, gsl::span<const std::uint8_t> bytes, bool replace);

}  // namespace cachain
