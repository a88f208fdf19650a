#include "bench_data.h"

#include <malloc.h>
#include <sys/resource.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace cachain::bench {

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot read " + path.string());
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::vector<ossl::X509Ptr> parse_x509s(gsl::span<const std::uint8_t> bundle) {
    std::vector<ossl::X509Ptr> certs;
    const unsigned char* cursor = bundle.data();
    const unsigned char* const end = bundle.data() + bundle.size();
    while (cursor < end) {
        ossl::X509Ptr cert(d2i_X509(nullptr, &cursor, end - cursor));
        if (!cert) throw std::runtime_error("bad DER in a generated bundle");
        certs.push_back(std::move(cert));
    }
    return certs;
}

std::vector<std::vector<std::uint8_t>> split_der(gsl::span<const std::uint8_t> bundle) {
    std::vector<std::vector<std::uint8_t>> items;
    const unsigned char* cursor = bundle.data();
    const unsigned char* const end = bundle.data() + bundle.size();
    while (cursor < end) {
        const unsigned char* start = cursor;
        ossl::X509Ptr cert(d2i_X509(nullptr, &cursor, end - cursor));
        if (!cert) throw std::runtime_error("bad DER in a generated bundle");
        items.emplace_back(start, cursor);
    }
    return items;
}

std::size_t heap_in_use() { return mallinfo2().uordblks; }

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace cachain::bench
