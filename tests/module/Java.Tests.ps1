# -StoreLocation Java: Java keystores, JKS and PKCS#12. Judged by a real Java
# client: a tiny HTTPS client compiled here with the JDK's javac, run with
# the keystore as its trust store (javax.net.ssl.trustStore) against
# openssl s_server -www on 127.0.0.1 as pool1.schertz.lab.
BeforeDiscovery { $skip = -not $IsLinux }
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $cas = "$pki/root.cer", "$pki/policy.cer", "$pki/issuing.cer"
    $server = Start-TlsServer -Pki $pki -WithIntermediates -Www
    $rootThumbprint = ([System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/root.cer")).Thumbprint
    $ourAlias = "cachain-$($rootThumbprint.ToLowerInvariant())"

    $client = New-JavaFetchClient "$TestDrive/client"

    # keytool's own listing: the keystore's type, then "<alias> <entry type>" per entry, sorted.
    function Get-KeystoreListing([string] $Keystore, [string] $Password = 'changeit') {
        $lines = & keytool -list -keystore $Keystore -storepass $Password
        $LASTEXITCODE | Should -Be 0 -Because ($lines -join "`n")
        @($lines | Where-Object { $_ -match '^Keystore type: ' } | ForEach-Object { $_ -replace '^Keystore type: ', 'type ' }) +
            @($lines | Where-Object { $_ -match '^([^,]+), .*, (\w+), *$' } | ForEach-Object { "$($Matches[1]) $($Matches[2])" } | Sort-Object)
    }
    function New-Keystore([string] $Keystore, [string] $Type, [string] $Password = 'changeit') {
        & keytool -importcert -noprompt -alias someone -file "$pki/onetier-root.cer" -keystore $Keystore -storetype $Type -storepass $Password *> $null
        if ($LASTEXITCODE -ne 0) { throw "keytool failed with $LASTEXITCODE" }
    }
}
AfterAll { $server | Stop-TestServer }

Describe 'Import-CaChain -StoreLocation Java -KeystorePath, into an application''s PKCS#12 truststore' -Skip:$skip {
    BeforeAll {
        $keystore = "$TestDrive/app/truststore.p12"
        New-Item -ItemType Directory (Split-Path $keystore) | Out-Null
        New-Keystore $keystore PKCS12
        $before = Get-KeystoreListing $keystore
    }

    It 'leaves the Java client refusing the server before the import' {
        Invoke-JavaFetch $client $server.Port $keystore | Should -BeExactly 'SSLHandshakeException'
    }

    It 'changes nothing with -WhatIf' {
        $hash = Get-Sha256 $keystore
        Import-CaChain -Path $cas -StoreLocation Java -KeystorePath $keystore -WhatIf | Out-Null
        Get-Sha256 $keystore | Should -Be $hash
    }

    It 'trusts the root alone, leaves the intermediates out with a note, and the Java client then reaches the server' {
        $script:placed = Import-CaChain -Path $cas -StoreLocation Java -KeystorePath $keystore
        $placed | ForEach-Object { "$($_.Role) $($_.Action) $($_.StoreLocation) $($_.StorePath)" } | Should -Be @(
            "Root Added Java $keystore", "Intermediate Skipped Java $keystore", "Intermediate Skipped Java $keystore")
        $placed[1].Message | Should -BeExactly ("Leaving out 'SchertzLabPolicyCA': Java trusts every certificate of a keystore as a root " +
            "of its own, so CaChain puts only roots in one; the server must send its intermediates")
        Get-KeystoreListing $keystore | Should -Be @('type PKCS12', "$ourAlias trustedCertEntry", 'someone trustedCertEntry')
        Invoke-JavaFetch $client $server.Port $keystore | Should -BeExactly '200'
    }

    It 'reports the root AlreadyPresent on a second run' {
        (Import-CaChain -Path $cas -StoreLocation Java -KeystorePath $keystore)[0].Action | Should -Be 'AlreadyPresent'
    }

    It 'judges the server against the keystore with Test-CaChain' {
        $result = Test-CaChain -Path "$pki/pool1.cer" -IssuerPath "$pki/intermediates.pem" -StoreLocation Java -KeystorePath $keystore -DnsName pool1.schertz.lab
        "$($result.Trusted) $($result.Cause)" | Should -BeExactly 'True None'
    }

    It 'tells that only the server can supply a missing intermediate, since the keystore takes none' {
        $result = Test-CaChain -Path "$pki/pool1.cer" -StoreLocation Java -KeystorePath $keystore -DnsName pool1.schertz.lab
        $result.Reason | Should -BeExactly ("the chain is incomplete: the issuer 'CN=SchertzLabIssuingCA, DC=schertz, DC=lab' of " +
            "'pool1.schertz.lab' is not in $keystore, and was not supplied")
        $result.Fix | Should -BeExactly ("have the server send its intermediate CA certificates with its own (Java trusts every " +
            "certificate of a keystore as a root of its own, so CaChain puts only roots in one; the server must send its " +
            "intermediates); only a missing root can be imported here, with Import-CaChain")
    }

    It 'takes back exactly its own alias with Remove-CaChain, and the Java client refuses the server again' {
        $hash = Get-Sha256 $keystore
        $placed | Remove-CaChain -WhatIf | Out-Null
        Get-Sha256 $keystore | Should -Be $hash -Because '-WhatIf removes nothing'
        @(($placed | Remove-CaChain -Confirm:$false).Action) | Should -Be @('Removed')
        Get-KeystoreListing $keystore | Should -Be $before
        Invoke-JavaFetch $client $server.Port $keystore | Should -BeExactly 'SSLHandshakeException'
    }
}

Describe 'A JKS keystore with its own password' -Skip:$skip {
    BeforeAll {
        $keystore = "$TestDrive/jenkins/cacerts"
        New-Item -ItemType Directory (Split-Path $keystore) | Out-Null
        New-Keystore $keystore JKS 'jenkins-secret'
        $password = ConvertTo-SecureString 'jenkins-secret' -AsPlainText -Force
    }

    It 'refuses a wrong password with WrongPassword, naming the keystore, and changes nothing' {
        $hash = Get-Sha256 $keystore
        Import-CaChain -Path $cas -StoreLocation Java -KeystorePath $keystore -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].Exception.Message | Should -BeExactly ("${keystore}: the keystore refused the password: give its password with -KeystorePassword " +
            "(a JDK's cacerts uses changeit unless someone changed it); nothing was changed")
        $problems[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        Get-Sha256 $keystore | Should -Be $hash
    }

    It 'places with -KeystorePassword, keeps the keystore JKS, and the Java client reaches the server; Remove-CaChain takes it back' {
        $placed = Import-CaChain -Path $cas -StoreLocation Java -KeystorePath $keystore -KeystorePassword $password
        Get-KeystoreListing $keystore 'jenkins-secret' | Should -Be @('type JKS', "$ourAlias trustedCertEntry", 'someone trustedCertEntry')
        Invoke-JavaFetch $client $server.Port $keystore 'jenkins-secret' | Should -BeExactly '200'
        $placed | Remove-CaChain -KeystorePassword $password -Confirm:$false | Out-Null
        Get-KeystoreListing $keystore 'jenkins-secret' | Should -Be @('type JKS', 'someone trustedCertEntry')
        Invoke-JavaFetch $client $server.Port $keystore 'jenkins-secret' | Should -BeExactly 'SSLHandshakeException'
    }

    It 'refuses -KeystorePassword with another kind of store' {
        { Import-CaChain -Path $cas -StorePath "$TestDrive/dir" -KeystorePassword $password } | Should -Throw -ExpectedMessage '-KeystorePassword is the password of a Java keystore: it goes with -StoreLocation Java only.'
        Test-Path "$TestDrive/dir" | Should -BeFalse
    }
}

Describe 'The JDK''s own cacerts' -Skip:$skip {
    It 'is what -StoreLocation Java means without a keystore (read here, never written)' {
        $javaHome = ((& java -XshowSettings:properties -version 2>&1) -match '^\s*java\.home = ' -replace '^\s*java\.home = ', '').Trim()
        $result = Test-CaChain -Path "$pki/pool1.cer" -IssuerPath "$pki/intermediates.pem" -StoreLocation Java
        "$($result.Trusted) $($result.Cause) $($result.Location)" | Should -BeExactly "False IssuerMissing $javaHome/lib/security/cacerts"
    }
}
