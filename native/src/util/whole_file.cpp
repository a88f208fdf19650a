#include "whole_file.h"

#include <gsl/gsl>

#ifdef _WIN32
#include <chrono>
#include <thread>

#include <windows.h>

#include "windows_error_text.h"
#else
#include <cerrno>
#include <cstring>
#include <fstream>
#endif

#include "failure.h"
#include "utf8_path.h"

namespace cachain {

#ifdef _WIN32
namespace {

HANDLE open_shared(const std::filesystem::path& path) {
    constexpr int attempts = 20;  // 20 x 10 ms
    for (int attempt = 1;; ++attempt) {
        HANDLE file = CreateFileW(path.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                  nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
        if (file != INVALID_HANDLE_VALUE) return file;
        const DWORD error = GetLastError();
        // A file being replaced at this moment is "delete pending", which
        // Windows reports as access denied: retried too (a real lack of rights
        // costs 200 ms before it is reported).
        const bool busy = error == ERROR_SHARING_VIOLATION || error == ERROR_ACCESS_DENIED;
        if (busy && attempt < attempts) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
        }
        if (error == ERROR_ACCESS_DENIED)
            throw Failure(CACHAIN_E_IO, utf8_from_path(path), "cannot open the file (access is denied)");
        if (error == ERROR_SHARING_VIOLATION)
            throw Failure(CACHAIN_E_IO, utf8_from_path(path), "cannot open the file: another program has it open");
        throw Failure(CACHAIN_E_IO, utf8_from_path(path), "cannot open the file (" + windows_error_text_or_code(error) + ")");
    }
}

}  // namespace

std::vector<std::uint8_t> read_whole_file(const std::filesystem::path& path, std::uintmax_t size) {
    HANDLE file = open_shared(path);
    const auto close_file = gsl::finally([file] { CloseHandle(file); });
    std::vector<std::uint8_t> bytes(gsl::narrow<std::size_t>(size));
    std::size_t done = 0;
    while (done < bytes.size()) {
        DWORD got = 0;
        const DWORD chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size() - done, 1u << 30));
        if (!ReadFile(file, bytes.data() + done, chunk, &got, nullptr))
            throw Failure(CACHAIN_E_IO, utf8_from_path(path), "cannot read the file (" + windows_error_text_or_code(GetLastError()) + ")");
        if (got == 0) break;
        done += got;
    }
    char extra = 0;
    DWORD beyond = 0;
    if (done != bytes.size() || (ReadFile(file, &extra, 1, &beyond, nullptr) && beyond != 0))
        throw Failure(CACHAIN_E_IO, utf8_from_path(path), "the file changed size while it was read");
    return bytes;
}
#else
std::vector<std::uint8_t> read_whole_file(const std::filesystem::path& path, std::uintmax_t size) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        throw Failure(CACHAIN_E_IO, utf8_from_path(path), std::string("cannot open the file (") + std::strerror(errno) + ")");
    std::vector<std::uint8_t> bytes(gsl::narrow<std::size_t>(size));
    stream.read(reinterpret_cast<char*>(bytes.data()), gsl::narrow<std::streamsize>(bytes.size()));
    if (stream.gcount() != gsl::narrow<std::streamsize>(bytes.size()) || stream.peek() != std::char_traits<char>::eof())
        throw Failure(CACHAIN_E_IO, utf8_from_path(path), "the file changed size while it was read");
    return bytes;
}
#endif

std::optional<std::vector<std::uint8_t>> read_store_file(const std::filesystem::path& path, std::uintmax_t largest,
                                                         const std::string& what) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        if (!std::filesystem::exists(path, error)) return std::nullopt;
        throw Failure(CACHAIN_E_IO, utf8_from_path(path), "cannot read the " + what + " (" + error.message() + ")");
    }
    if (size > largest)
        throw Failure(CACHAIN_E_TOO_LARGE, utf8_from_path(path),
                      "is " + std::to_string(size >> 20) + " MiB, larger than any " + what + " (" +
                          std::to_string(largest >> 20) + " MiB at most): is it the right file?");
    return read_whole_file(path, size);
}

}  // namespace cachain
