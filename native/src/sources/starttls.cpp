#include "starttls.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include <openssl/asn1.h>

#include "openssl_error.h"

namespace cachain {
namespace {

constexpr std::size_t max_reply_bytes = 16 * 1024;

int socket_of(BIO* connection) {
    int fd = -1;
    BIO_get_fd(connection, &fd);
    return fd;
}

Failure timed_out(const std::string& item) {
    return Failure(CACHAIN_E_TIMED_OUT, item, "the server did not answer the STARTTLS exchange in time");
}

Failure closed(const std::string& item) {
    return Failure(CACHAIN_E_CONNECTION_FAILED, item, "the connection closed during STARTTLS");
}

void write_all(BIO* connection, std::string_view data, const std::string& item, std::time_t deadline) {
    while (!data.empty()) {
        const int written = BIO_write(connection, data.data(), static_cast<int>(data.size()));
        if (written > 0) {
            data.remove_prefix(static_cast<std::size_t>(written));
            continue;
        }
        if (!BIO_should_retry(connection)) throw closed(item);
        if (BIO_socket_wait(socket_of(connection), 0, deadline) <= 0) throw timed_out(item);
    }
}

// Reads at least one more byte into buffer.
void read_more(BIO* connection, std::string& buffer, const std::string& item, std::time_t deadline) {
    std::array<char, 1024> chunk{};
    for (;;) {
        const int got = BIO_read(connection, chunk.data(), static_cast<int>(chunk.size()));
        if (got > 0) {
            buffer.append(chunk.data(), static_cast<std::size_t>(got));
            if (buffer.size() > max_reply_bytes) throw Failure(CACHAIN_E_IO, item, "the server's STARTTLS reply is too long");
            return;
        }
        if (!BIO_should_retry(connection)) throw closed(item);
        if (BIO_socket_wait(socket_of(connection), 1, deadline) <= 0) throw timed_out(item);
    }
}

// One SMTP reply, all its lines ("250-..." continue, "250 ..." ends it).
// Returns its three-digit code.
int read_smtp_reply(BIO* connection, const std::string& item, std::time_t deadline) {
    std::string reply;
    for (;;) {
        std::size_t line_start = 0;
        for (std::size_t end; (end = reply.find("\r\n", line_start)) != std::string::npos; line_start = end + 2) {
            const std::string_view line(reply.data() + line_start, end - line_start);
            const bool coded = line.size() >= 3 && std::all_of(line.begin(), line.begin() + 3, [](char c) { return c >= '0' && c <= '9'; });
            if (!coded) throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item, "the server does not speak SMTP");
            if (line.size() == 3 || line[3] == ' ') return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        }
        read_more(connection, reply, item, deadline);
    }
}

void expect_smtp(int code, int wanted, const std::string& item, const char* after) {
    if (code == wanted) return;
    throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item,
                  std::string("the SMTP server answered ") + std::to_string(code) + " " + after +
                      " (it may not offer STARTTLS)");
}

}  // namespace

void negotiate_smtp_starttls(BIO* connection, const std::string& item, std::time_t deadline) {
    expect_smtp(read_smtp_reply(connection, item, deadline), 220, item, "instead of its greeting");
    write_all(connection, "EHLO cachain.invalid\r\n", item, deadline);
    expect_smtp(read_smtp_reply(connection, item, deadline), 250, item, "to EHLO");
    write_all(connection, "STARTTLS\r\n", item, deadline);
    expect_smtp(read_smtp_reply(connection, item, deadline), 220, item, "to STARTTLS");
}

void negotiate_ldap_starttls(BIO* connection, const std::string& item, std::time_t deadline) {
    // LDAPMessage { messageID 1, ExtendedRequest { requestName "1.3.6.1.4.1.1466.20037" } }
    // (RFC 4511 section 4.14): a fixed request, so it is written as it goes on the wire.
    static constexpr std::string_view request =
        "\x30\x1d\x02\x01\x01\x77\x18\x80\x16"
        "1.3.6.1.4.1.1466.20037";
    write_all(connection, request, item, deadline);

    std::string reply;
    long length = 0;
    for (;;) {
        read_more(connection, reply, item, deadline);
        const auto* cursor = reinterpret_cast<const unsigned char*>(reply.data());
        int tag = 0, cls = 0;
        const int flags = ASN1_get_object(&cursor, &length, &tag, &cls, static_cast<long>(reply.size()));
        drain_openssl_errors();
        if (!(flags & 0x80)) break;  // the whole LDAPMessage is here
        if (reply.size() >= 2 && static_cast<unsigned char>(reply[0]) != 0x30)
            throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item, "the server does not speak LDAP");
    }
    // Walk SEQUENCE > messageID INTEGER > [APPLICATION 24] ExtendedResponse > resultCode ENUMERATED.
    const auto* cursor = reinterpret_cast<const unsigned char*>(reply.data());
    const auto* end = cursor + reply.size();
    long item_length = 0;
    int tag = 0, cls = 0;
    ASN1_get_object(&cursor, &item_length, &tag, &cls, end - cursor);           // the message
    ASN1_get_object(&cursor, &item_length, &tag, &cls, end - cursor);           // messageID
    cursor += item_length;
    ASN1_get_object(&cursor, &item_length, &tag, &cls, end - cursor);           // ExtendedResponse
    const bool extended_response = cls == V_ASN1_APPLICATION && tag == 24;
    const int flags = ASN1_get_object(&cursor, &item_length, &tag, &cls, end - cursor);  // resultCode
    drain_openssl_errors();
    if (!extended_response || (flags & 0x80) || tag != V_ASN1_ENUMERATED || item_length < 1) {
        throw Failure(CACHAIN_E_UNSUPPORTED_FORMAT, item, "the LDAP server's answer to StartTLS is not an ExtendedResponse");
    }
    if (*cursor != 0) {
        throw Failure(CACHAIN_E_IO, item,
                      "the LDAP server refused StartTLS (result code " + std::to_string(*cursor) +
                          "); try LDAPS on port 636");
    }
}

}  // namespace cachain
