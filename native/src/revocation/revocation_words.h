// The words of a revocation report: per certificate a summary, for the
// path a reason named at the certificate it is about, and a fix that can
// work (importing a chain never mends revocation, so no fix says so).
#pragma once

#include "revocation_check.h"

namespace cachain {

std::string certificate_summary(const CertificateRevocation& entry);

// Sets report's reason and fix from its status and the certificate it is about.
void word_report(RevocationReport& report, const CertificateRevocation* about);

}  // namespace cachain
