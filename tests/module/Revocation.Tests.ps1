# Test-CaChain -CheckRevocation as an administrator runs it, against a CA
# built here with the openssl CLI (not CaChain's test PKI): its CRLs made by
# `openssl ca -gencrl` and served by python3's http.server on 127.0.0.1.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $lab = New-Item -ItemType Directory "$TestDrive/lab"
    $port = Get-FreePort
    $base = "http://127.0.0.1:$port"
    $ldap = 'ldap:///CN=LabIssuingCA,CN=ISSUING,CN=CDP,CN=Public Key Services,CN=Services,CN=Configuration,DC=schertz,DC=lab?certificateRevocationList?base'

    function Invoke-OpenSsl {
        $output = & openssl @args 2>&1
        if ($LASTEXITCODE -ne 0) { throw "openssl $args failed: $output" }
    }
    # A certificate signed by $Issuer (self-signed without one), with the
    # extensions given as openssl configuration lines.
    function New-LabCertificate([string] $Name, [string] $Issuer, [string[]] $Extensions) {
        Set-Content "$lab/$Name.ext" (@('[ext]') + $Extensions)
        Invoke-OpenSsl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$lab/$Name.key" -out "$lab/$Name.csr" -subj "/CN=$Name"
        $signer = if ($Issuer) { @('-CA', "$lab/$Issuer.pem", '-CAkey', "$lab/$Issuer.key") } else { @('-signkey', "$lab/$Name.key") }
        Invoke-OpenSsl x509 -req -in "$lab/$Name.csr" @signer -set_serial "0x$((Get-Random -Maximum 0x7fffffff).ToString('X8'))" -days 30 -extfile "$lab/$Name.ext" -extensions ext -out "$lab/$Name.pem"
    }
    # The CA's CRL in DER, revoking the given certificates (keyCompromise, 2026-11-29 12:00 UTC).
    function Publish-Crl([string] $Ca, [string[]] $Revoked) {
        $index = foreach ($name in $Revoked) {
            $serial = ((& openssl x509 -in "$lab/$name.pem" -noout -serial) -split '=')[1]
            "R`t351231235959Z`t261129120000Z,keyCompromise`t$serial`tunknown`t/CN=$name"
        }
        Set-Content "$lab/$Ca.index" @($index) -NoNewline:($null -eq $index)
        if ($index) { Add-Content "$lab/$Ca.index" '' -NoNewline }
        Set-Content "$lab/$Ca.crlnumber" '01'
        Set-Content "$lab/$Ca.cnf" "[ca]`ndefault_ca = lab`n[lab]`ndatabase = $lab/$Ca.index`ncrlnumber = $lab/$Ca.crlnumber`ndefault_md = sha256`ndefault_crl_days = 7"
        Invoke-OpenSsl ca -batch -config "$lab/$Ca.cnf" -gencrl -keyfile "$lab/$Ca.key" -cert "$lab/$Ca.pem" -out "$lab/$Ca.crl.pem"
        New-Item -ItemType Directory -Force "$lab/www" | Out-Null
        Invoke-OpenSsl crl -in "$lab/$Ca.crl.pem" -outform DER -out "$lab/www/$Ca.crl"
    }

    $ca = 'basicConstraints=critical,CA:true', 'keyUsage=critical,keyCertSign,cRLSign'
    New-LabCertificate LabRootCA '' $ca
    New-LabCertificate LabIssuingCA LabRootCA ($ca + "crlDistributionPoints=URI:$base/LabRootCA.crl")
    $leaf = 'basicConstraints=CA:false', 'extendedKeyUsage=serverAuth', 'subjectAltName=DNS:pool1.schertz.lab'
    New-LabCertificate pool1 LabIssuingCA ($leaf + "crlDistributionPoints=URI:$base/LabIssuingCA.crl")
    New-LabCertificate pool2 LabIssuingCA ($leaf + "crlDistributionPoints=URI:$base/LabIssuingCA.crl")
    Set-Content "$lab/ldap.cnf" "[ext]`nbasicConstraints=CA:false`ncrlDistributionPoints=@cdp`n[cdp]`nURI.0=`"$ldap`""
    Invoke-OpenSsl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$lab/pool3.key" -out "$lab/pool3.csr" -subj '/CN=pool3'
    Invoke-OpenSsl x509 -req -in "$lab/pool3.csr" -CA "$lab/LabIssuingCA.pem" -CAkey "$lab/LabIssuingCA.key" -set_serial 0x3 -days 30 -extfile "$lab/ldap.cnf" -extensions ext -out "$lab/pool3.pem"
    Publish-Crl LabRootCA @()
    Publish-Crl LabIssuingCA @('pool2')

    # The root is all this machine trusts; the servers' files bring the issuing CA.
    $store = New-Item -ItemType Directory "$TestDrive/store"
    New-Item -ItemType Directory "$store/Root", "$store/CA" | Out-Null
    $hash = & openssl x509 -in "$lab/LabRootCA.pem" -noout -subject_hash
    Copy-Item "$lab/LabRootCA.pem" "$store/Root/$hash.0"
    $web = Start-HttpServer -Folder "$lab/www" -Port $port
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
