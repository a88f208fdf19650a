// Inputs the fuzzers in fuzz/ found to break a promise, kept so the fix
// stays fixed. Each test says what the input was and what went wrong.
#include <ctime>
#include <string>

#include <gtest/gtest.h>
#include <openssl/bio.h>

#include "failure.h"
#include "file_names.h"
#include "starttls.h"

namespace cachain {
namespace {

// file_names_fuzzer: "CON.t", 120 NUL bytes, "xt". The NULs became '_', the
// stem was cut to the 100-byte limit, and the device-name prefix then made
// it 101 bytes.
TEST(FuzzRegressions, ADeviceNameCutToTheLimitStaysWithinIt) {
    const std::string subject = "CON.t" + std::string(120, '\0') + "xt";
    const std::string stem = safe_file_stem(subject);
    EXPECT_EQ(stem, "_CON.t" + std::string(94, '_'));  // 100 bytes, the limit
}

// starttls_fuzzer: a reply line whose code is not three digits, here
// "\"\0004 not now", made std::stoi throw std::invalid_argument, which no
// caller expected: it must be "the server does not speak SMTP".
TEST(FuzzRegressions, AnSmtpReplyWithoutANumericCodeIsNotSmtp) {
    BIO* ours = nullptr;
    BIO* server = nullptr;
    ASSERT_EQ(BIO_new_bio_pair(&ours, 4096, &server, 4096), 1);
    const std::string reply = std::string("220-mail\r\n\"") + '\0' + "4 not now\r\n";  // the greeting's last line
    ASSERT_EQ(BIO_write(server, reply.data(), static_cast<int>(reply.size())), static_cast<int>(reply.size()));
    BIO_shutdown_wr(server);
    try {
        negotiate_smtp_starttls(ours, "mail.schertz.lab:25", std::time(nullptr) + 5);
        ADD_FAILURE() << "the exchange succeeded";
    } catch (const Failure& failure) {
        EXPECT_EQ(failure.status(), CACHAIN_E_UNSUPPORTED_FORMAT);
        EXPECT_NE(failure.reason().find("does not speak SMTP"), std::string::npos) << failure.reason();
    }
    BIO_free(ours);
    BIO_free(server);
}

}  // namespace
}  // namespace cachain
