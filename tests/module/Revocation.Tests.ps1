# Test-CaChain -CheckRevocation as an administrator runs it, against a CA
# built with the openssl CLI (RevocationLab.psm1): its CRLs made by
# `openssl ca -gencrl` and served by python3's http.server on 127.0.0.1.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    Import-Module (Join-Path (Split-Path $env:CACHAIN_TEST_SUPPORT) RevocationLab.psm1) -Force
    $port = Get-FreePort
    $base = "http://127.0.0.1:$port"
    $revocationLab = New-RevocationLab -Folder "$TestDrive/lab" -Base $base
    $lab = $revocationLab.Folder
    $ldap = $revocationLab.Ldap

    # The root is all this machine trusts; the servers' files bring the issuing CA.
    $store = New-Item -ItemType Directory "$TestDrive/store"
    New-Item -ItemType Directory "$store/Root", "$store/CA" | Out-Null
    $hash = & openssl x509 -in "$lab/LabRootCA.pem" -noout -subject_hash
    Copy-Item "$lab/LabRootCA.pem" "$store/Root/$hash.0"
    $web = Start-HttpServer -Folder $revocationLab.Www -Port $port
}
AfterAll { $web | Stop-TestServer }

Describe 'Test-CaChain -CheckRevocation' {
    It 'finds a current, signed CRL for each certificate and says the chain is not revoked' {
        $result = Test-CaChain -Path "$lab/pool1.pem", "$lab/LabIssuingCA.pem" -StorePath $store -CheckRevocation
        "$($result.Trusted) $($result.RevocationStatus) [$($result.RevocationError)]" | Should -BeExactly 'True Good []'
        @($result.Revocation.Status) | Should -Be @('Good', 'Good', 'NotChecked')
        $result.Revocation[0].Published | Should -Be "$base/LabIssuingCA.crl"
        $result.Revocation[0].Reached | Should -Match "^$([regex]::Escape("$base/LabIssuingCA.crl")): not revoked, says the CRL issued "
    }

    It 'refuses a revoked server certificate, with its date, its reason and the code Windows clients report' {
        $result = Test-CaChain -Path "$lab/pool2.pem", "$lab/LabIssuingCA.pem" -StorePath $store -CheckRevocation
        "$($result.Trusted) $($result.Cause) $($result.RevocationStatus)" | Should -BeExactly 'False Revoked Revoked'
        "$($result.RevocationError) $($result.RevocationErrorName) $($result.RevocationOpenSslError)" |
            Should -BeExactly '0x80092010 CRYPT_E_REVOKED 23'
        $result.Revocation[0].RevokedAt | Should -Be ([datetime]::new(2026, 11, 29, 12, 0, 0, [DateTimeKind]::Utc))
        $result.Revocation[0].RevocationReason | Should -BeExactly 'keyCompromise'
        $result.Reason | Should -BeExactly ("'pool2' was revoked on 2026-11-29 12:00:00 UTC (keyCompromise), says $base/LabIssuingCA.crl: " +
            'clients that check revocation refuse the server (CRYPT_E_REVOKED, 0x80092010)')
        $result.Fix | Should -Match 'Importing the chain cannot help\.$'
        $result.Fix | Should -Not -Match 'Import-CaChain'
    }

    It 'says, offline and before any client fails, that an ldap:-only CRL is out of reach outside the domain' {
        $web | Stop-TestServer  # nothing may be fetched: the answer needs no network
        $result = Test-CaChain -Path "$lab/pool3.pem", "$lab/LabIssuingCA.pem" -StorePath $store -CheckRevocation -Offline
        "$($result.Trusted) $($result.RevocationStatus) $($result.RevocationError) $($result.RevocationErrorName)" |
            Should -BeExactly 'True Offline 0x80092013 CRYPT_E_REVOCATION_OFFLINE'
        $result.Revocation[0].Published | Should -BeExactly $ldap
        $result.RevocationReason | Should -BeExactly ("'pool3' publishes its revocation status only at ${ldap}: ldap: addresses, which only " +
            'members of the CA''s Active Directory domain can reach, so clients on this machine that check revocation fail with ' +
            'CRYPT_E_REVOCATION_OFFLINE (0x80092013); programs that check through WinVerifyTrust or WinHTTP report ' +
            'CERT_E_REVOCATION_FAILURE (0x800B010E)')
        $result.RevocationFix | Should -Match '^Either the CA''s administrator adds an http:// CRL distribution point'
        # The issuing CA's own status is published over http, which -Offline does not fetch.
        $result.Revocation[1].Reached | Should -BeExactly "$base/LabRootCA.crl: not fetched (offline)"
    }

    It 'checks nothing without -CheckRevocation' {
        $result = Test-CaChain -Path "$lab/pool2.pem", "$lab/LabIssuingCA.pem" -StorePath $store -Offline
        "$($result.Trusted) $($result.RevocationStatus) $(@($result.Revocation).Count)" | Should -BeExactly 'True NotChecked 0'
    }
}
