// The folders CaChain places trust in, made so that no one else can add a
// certificate to them. A certificate in an anchors folder becomes a trusted
// root at the next refresh, whoever put it there: a folder another user can
// write to, or that is another user's, is a way for them to make every
// program on the machine trust their CA.
#pragma once

#include <filesystem>

namespace cachain {

// Makes folder and any missing parent, each with mode 0755 whatever the
// umask (certificates are public, and services running as other users read
// them), and refuses with Failure(REFUSED), naming the path and the reason,
// when folder or any existing parent up to "/" is owned by a user other than
// root and the caller, or writable by group or others (sshd's StrictModes
// rule); a root-owned folder with the sticky bit (/tmp) is allowed. Also
// refuses a symbolic link standing where folder itself should be.
// Failure(ACCESS_DENIED / IO) when a folder cannot be made. On Windows,
// only makes the folders: modes and owners are ACLs there.
void make_trusted_folder(const std::filesystem::path& folder);

// For removal, which only deletes CaChain's own files: refuses with
// Failure(REFUSED) when a symbolic link stands where folder should be, so
// that a removal never deletes files somewhere else. Read-only.
void refuse_symlinked_folder(const std::filesystem::path& folder);

}  // namespace cachain
