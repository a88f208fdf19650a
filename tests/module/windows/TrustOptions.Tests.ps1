# Test-CaChain's -At, -DnsName, -Purpose, -WarnWithinDays, -Offline and -CheckRevocation on
# Windows, where the verdict is Windows' own chain engine's
# (CertGetCertificateChain and the SSL policy) against the computer's stores.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    Import-Module $env:CACHAIN_WINDOWS_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $labChain = Get-CaChain -Path "$pki/chain.p7b"
    $leaf = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/pool1.cer")
    $root = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/root.cer")

    function Format-Verdict($Result) { "$($Result.Trusted) $($Result.Cause) '$($Result.ChainError)'" }
}

Describe 'Test-CaChain options against LocalMachine' {
    BeforeAll {
        Clear-LabFromStore -Thumbprint $labChain.Thumbprint
        Import-CaChain -Path "$pki/chain.p7b" | Out-Null
    }
    AfterAll { Clear-LabFromStore -Thumbprint $labChain.Thumbprint }

    It 'trusts the server''s certificate alone, since Windows clients read the CA store' {
        Format-Verdict (Test-CaChain -Path "$pki/pool1.cer" -DnsName pool1.schertz.lab) | Should -BeExactly "True None ''"
    }

    It 'refuses it with -At a day after its notAfter, as CertGetCertificateChain does at that time' {
        $after = $leaf.NotAfter.AddDays(1)
        $result = Test-CaChain -Path "$pki/pool1.cer" -At $after
        Format-Verdict $result | Should -BeExactly "False Expired '0x800B0101'"
        $result.ChainErrorName | Should -BeExactly 'CERT_E_EXPIRED'
        $when = $leaf.NotAfter.ToUniversalTime().ToString('yyyy-MM-dd HH:mm:ss')
        $result.Reason | Should -BeExactly "'pool1.schertz.lab' expired on $when UTC"
        # The same moment minus two days is within the leaf's life.
        Format-Verdict (Test-CaChain -Path "$pki/pool1.cer" -At $after.AddDays(-2)) | Should -BeExactly "True None ''"
    }

    It 'refuses a name the certificate is not issued for, with Schannel''s codes' {
        $result = Test-CaChain -Path "$pki/pool1.cer" -DnsName pool2.schertz.lab
        Format-Verdict $result | Should -BeExactly "False HostNameMismatch '0x800B010F'"
        "$($result.ChainErrorName) $($result.TlsError) $($result.TlsErrorName)" | Should -BeExactly 'CERT_E_CN_NO_MATCH 0x80090322 SEC_E_WRONG_PRINCIPAL'
        $result.Reason | Should -BeExactly "the name 'pool2.schertz.lab' is not one that 'pool1.schertz.lab' is issued for (its Subject Alternative Names)"
    }

    It 'warns about each lab CA that expires within -WarnWithinDays' {
        $days = [long][Math]::Floor(([DateTimeOffset]$root.NotAfter - [DateTimeOffset]::UtcNow).TotalDays)
        $result = Test-CaChain -Path "$pki/pool1.cer" -WarnWithinDays ($days + 1) -WarningVariable warned -WarningAction SilentlyContinue
        $result.Trusted | Should -BeTrue
        $on = $root.NotAfter.ToUniversalTime().ToString('yyyy-MM-dd')
        $result.Warnings | Should -Contain "'SchertzLabRootCA' expires on $on (in $days days)"
        @($warned.Message) | Should -Contain "'SchertzLabRootCA' expires on $on (in $days days)"
        @((Test-CaChain -Path "$pki/pool1.cer" -WarnWithinDays 1).Warnings).Count | Should -Be 0
    }
}

Describe 'Test-CaChain -Purpose against CurrentUser' {
    BeforeAll {
        # A corpus case: a leaf for serverAuth only, under its own root.
        & $env:CACHAIN_TEST_PKI --corpus "$TestDrive/corpus"
        $LASTEXITCODE | Should -Be 0 -Because 'cachain-test-pki --corpus writes the corpus'
        $case = "$TestDrive/corpus/extended-key-usage/server-auth-only-for-a-client"
        $caseRoots = @(Get-ChildItem "$case/roots" -Filter *.pem)
        $placed = $caseRoots | Import-CaChain -StoreLocation CurrentUser
        $sent = if ((Get-Item "$case/sent.pem").Length -gt 0) { @{ IssuerPath = "$case/sent.pem" } } else { @{} }
    }
    AfterAll { $placed | Remove-CaChain -Confirm:$false | Out-Null }

    It 'refuses a serverAuth-only leaf for ClientAuth with CERT_E_WRONG_USAGE, and accepts it for ServerAuth and Any' {
        $refused = Test-CaChain -Path "$case/target.pem" -StoreLocation CurrentUser -Purpose ClientAuth @sent
        Format-Verdict $refused | Should -BeExactly "False WrongPurpose '0x800B0110'"
        $refused.ChainErrorName | Should -BeExactly 'CERT_E_WRONG_USAGE'
        Format-Verdict (Test-CaChain -Path "$case/target.pem" -StoreLocation CurrentUser @sent) | Should -BeExactly "True None ''"
        Format-Verdict (Test-CaChain -Path "$case/target.pem" -StoreLocation CurrentUser -Purpose Any @sent) | Should -BeExactly "True None ''"
    }
}

Describe 'Test-CaChain -Offline against CurrentUser' {
    BeforeAll {
        # The AIA lab PKI: each certificate names where its issuer is
        # published, on Linux's python3 http.server on 127.0.0.1.
        New-Item -ItemType Directory "$TestDrive/aia" -Force | Out-Null
        $http = Start-LinuxHttpServer -Folder "$TestDrive/aia"
        $aiaPki = New-TestPki "$TestDrive/aia" -AiaBase "http://127.0.0.1:$($http.Port)"
        $aiaChain = Get-CaChain -Path "$aiaPki/chain.p7b"
        Clear-LabFromStore -Thumbprint $aiaChain.Thumbprint -Location CurrentUser
        Import-CaChain -Path "$aiaPki/root.cer" -StoreLocation CurrentUser | Out-Null
    }
    AfterAll {
        Clear-LabFromStore -Thumbprint $aiaChain.Thumbprint -Location CurrentUser
        $http | Stop-LinuxHttpServer
    }

    It 'trusts the leaf alone, as Windows clients do: they download its issuers through AIA' {
        Format-Verdict (Test-CaChain -Path "$aiaPki/pool1.cer" -StoreLocation CurrentUser) | Should -BeExactly "True None ''"
        $fetched = Get-Content $http.Log | ForEach-Object { if ($_ -match '"GET (\S+) HTTP/1\.[01]" 200') { $Matches[1] } }
        $fetched | Sort-Object -Unique | Should -Be '/issuing.cer', '/policy.cer'
    }

    It 'downloads nothing with -Offline, neither CaChain nor the chain engine, and names the missing issuer' {
        $requestsBefore = @(Get-Content $http.Log | Where-Object { $_ -match '"GET ' }).Count
        $result = Test-CaChain -Path "$aiaPki/pool1.cer" -StoreLocation CurrentUser -Offline
        @(Get-Content $http.Log | Where-Object { $_ -match '"GET ' }).Count | Should -Be $requestsBefore -Because 'nothing was downloaded'
        $result.Trusted | Should -BeFalse
        $result.Cause | Should -BeExactly 'IssuerMissing'
        $result.Reason | Should -BeExactly ("the chain is incomplete: the issuer 'CN=SchertzLabIssuingCA, DC=schertz, DC=lab' of " +
            "'pool1.schertz.lab' is in neither CurrentUser\Root nor CurrentUser\CA, and was not supplied " +
            "(it is published at http://127.0.0.1:$($http.Port)/issuing.cer)")
    }
}

Describe 'Test-CaChain -CheckRevocation against CurrentUser' {
    BeforeAll {
        # A CA made with openssl.exe that publishes its CRLs over http on
        # Linux's python3 http.server (RevocationLab.psm1); the user's Root
        # holds its root, and each server sends its issuing CA.
        Import-Module (Join-Path (Split-Path $env:CACHAIN_TEST_SUPPORT) RevocationLab.psm1) -Force
        $port = Get-FreePort
        $base = "http://127.0.0.1:$port"
        $revocationLab = New-RevocationLab -Folder "$TestDrive/revocation" -Base $base
        $lab = $revocationLab.Folder
        $http = Start-LinuxHttpServer -Folder $revocationLab.Www -Port $port
        $labRoot = Import-CaChain -Path "$lab/LabRootCA.cer" -StoreLocation CurrentUser

        # Windows' own chain engine, checking revocation as Schannel clients do.
        function Test-WindowsRevocation([string] $Server) {
            $output = & $env:CACHAIN_WINDOWS_VERDICT -revocation pool1.schertz.lab "$lab/$Server.cer" "$lab/LabIssuingCA.cer"
            if ($LASTEXITCODE -gt 1) { throw "cachain-windows-verdict could not ask: $output" }
            $output | Select-Object -First 1
        }
    }
    AfterAll {
        if ($labRoot) { $labRoot | Remove-CaChain -Confirm:$false | Out-Null }
        $http | Stop-LinuxHttpServer
    }

    It 'finds current, signed CRLs through cachain.dll''s own HTTP client, and agrees with Windows that nothing is revoked' {
        $result = Test-CaChain -Path "$lab/pool1.pem", "$lab/LabIssuingCA.pem" -StoreLocation CurrentUser -CheckRevocation
        "$($result.Trusted) $($result.RevocationStatus) [$($result.RevocationError)]" | Should -BeExactly 'True Good []'
        @($result.Revocation.Status) | Should -Be @('Good', 'Good', 'NotChecked')
        $result.Revocation[0].Reached | Should -Match "^$([regex]::Escape("$base/LabIssuingCA.crl")): not revoked, says the CRL issued "
        Test-WindowsRevocation pool1 | Should -BeExactly 'trusted'
    }

    It 'refuses a revoked server certificate with CRYPT_E_REVOKED, as Windows'' chain engine does' {
        $result = Test-CaChain -Path "$lab/pool2.pem", "$lab/LabIssuingCA.pem" -StoreLocation CurrentUser -CheckRevocation
        "$($result.Trusted) $($result.Cause) $($result.RevocationStatus)" | Should -BeExactly 'False Revoked Revoked'
        "$($result.RevocationError) $($result.RevocationErrorName) $($result.RevocationOpenSslError)" |
            Should -BeExactly '0x80092010 CRYPT_E_REVOKED 23'
        $result.Revocation[0].RevokedAt | Should -Be ([datetime]::new(2026, 11, 29, 12, 0, 0, [DateTimeKind]::Utc))
        $result.Revocation[0].RevocationReason | Should -BeExactly 'keyCompromise'
        # The chain engine says CERT_TRUST_IS_REVOKED (0x4) and nothing else.
        # (Wine's SSL policy then names it CERT_E_REVOKED, 0x800B010C, where
        # Windows' documents CRYPT_E_REVOKED: the engine's status is the verdict.)
        Test-WindowsRevocation pool2 | Should -Match '^untrusted: chain status 0x00000004, SSL policy error 0x[0-9A-F]{8}$'
    }

    It 'says without any network that an ldap:-only CRL is out of reach' {
        $requestsBefore = @(Get-Content $http.Log | Where-Object { $_ -match '"GET ' }).Count
        $result = Test-CaChain -Path "$lab/pool3.pem", "$lab/LabIssuingCA.pem" -StoreLocation CurrentUser -CheckRevocation -Offline
        @(Get-Content $http.Log | Where-Object { $_ -match '"GET ' }).Count | Should -Be $requestsBefore -Because '-Offline fetches nothing'
        "$($result.RevocationStatus) $($result.RevocationError) $($result.RevocationErrorName)" |
            Should -BeExactly 'Offline 0x80092013 CRYPT_E_REVOCATION_OFFLINE'
        $result.Revocation[0].Published | Should -BeExactly $revocationLab.Ldap
        $result.Revocation[1].Reached | Should -BeExactly "$base/LabRootCA.crl: not fetched (offline)"
    }
}
