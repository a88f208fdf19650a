# -StoreLocation All: every store a user's software reads, in one call. A
# user with a home (Chromium's NSS database), a JDK (JAVA_HOME's cacerts), a
# bundle of their own and a system root, all in the test's folder; judged by
# the real clients of each: headless Chromium, a Java client, curl with the
# system's bundle and with the user's, against openssl s_server -www on
# 127.0.0.1 as pool1.schertz.lab.
BeforeDiscovery { $skip = -not $IsLinux }
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $server = Start-TlsServer -Pki $pki -WithIntermediates -Www
    $client = New-JavaFetchClient "$TestDrive/client"
    # What a user exported with Export-CaChain: the root and both subordinates.
    $certs = New-Item -ItemType Directory "$TestDrive/certs"
    Copy-Item "$pki/root.cer", "$pki/policy.cer", "$pki/issuing.cer" $certs
    $rootThumbprint = ([System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/root.cer")).Thumbprint

    # curl's exit code with only this bundle as its trust: 0 when it fetched the page, 60 when it refused the server.
    function Invoke-Curl([string] $Bundle) {
        & curl --silent --show-error --max-time 10 --cacert $Bundle --resolve "pool1.schertz.lab:$($server.Port):127.0.0.1" `
            "https://pool1.schertz.lab:$($server.Port)/" *> $null
        $LASTEXITCODE
    }
    function Get-KeystoreAliases([string] $Keystore) {
        $lines = & keytool -list -keystore $Keystore -storepass changeit
        $LASTEXITCODE | Should -Be 0 -Because ($lines -join "`n")
        @($lines | Where-Object { $_ -match '^([^,]+), .*, trustedCertEntry' } | ForEach-Object { $Matches[1] } | Sort-Object)
    }
    function Get-NssNicknames([string] $Database) {
        $lines = & certutil -d "sql:$Database" -L
        $LASTEXITCODE | Should -Be 0 -Because ($lines -join "`n")
        @($lines | Select-Object -Skip 3 | Where-Object { $_.Trim() } | ForEach-Object { ($_.TrimEnd() -replace '^(.*?)\s+(\S+)$', '$1') })
    }
    # A user of this machine: a home without an NSS database yet, a JDK
    # whose cacerts trusts one unrelated root, a bundle of their own for
    # curl that trusts another, and the machine's system root.
    function New-TestUser([string] $Name) {
        $user = @{ Home = "$TestDrive/$Name/home"; JavaHome = "$TestDrive/$Name/jdk"; Data = "$TestDrive/$Name/data"; SystemRoot = "$TestDrive/$Name/image" }
        New-Item -ItemType Directory -Force $user.Home, "$($user.JavaHome)/lib/security", "$($user.Data)/cachain" | Out-Null
        $user.Keystore = "$($user.JavaHome)/lib/security/cacerts"
        & keytool -importcert -noprompt -alias someone -file "$pki/onetier-root.cer" -keystore $user.Keystore -storetype PKCS12 -storepass changeit *> $null
        if ($LASTEXITCODE -ne 0) { throw "keytool failed with $LASTEXITCODE" }
        $user.Bundle = "$($user.Data)/cachain/ca-bundle.pem"
        [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/onetier-root.cer").ExportCertificatePem() | Set-Content $user.Bundle
        New-TestSystemRoot $user.SystemRoot | Out-Null
        $user.SystemBundle = "$($user.SystemRoot)/etc/ssl/certs/ca-certificates.crt"
        $user.Nss = "$($user.Home)/.pki/nssdb"
        $user
    }
    # Runs the module as that user: the library reads HOME, JAVA_HOME and
    # XDG_DATA_HOME from its own process.
    function Invoke-AsTestUser([hashtable] $User, [string] $Script) {
        Invoke-CaChainWithEnvironment @{ HOME = $User.Home; JAVA_HOME = $User.JavaHome; XDG_DATA_HOME = $User.Data } $Script
    }
    # The state of every store of the user, to show that a call left them as they were.
    function Get-StoreState([hashtable] $User) {
        @((Get-Sha256 $User.SystemBundle), (Get-Sha256 $User.Keystore), (Get-Sha256 $User.Bundle), (Test-Path $User.Nss))
    }
}
AfterAll { $server | Stop-TestServer }

Describe 'Get-ChildItem ./certs | Import-CaChain -StoreLocation All' -Skip:$skip {
    BeforeAll {
        $user = New-TestUser 'new'
        $before = Get-StoreState $user
        $import = "Get-ChildItem '$certs' | Import-CaChain -StoreLocation All -SystemRoot '$($user.SystemRoot)' -WarningAction SilentlyContinue"
    }

    It 'leaves Chromium, Java and curl refusing the server before the import' {
        Invoke-HeadlessChromium $user.Home $server.Port | Should -BeExactly 'net::ERR_CERT_AUTHORITY_INVALID'
        Invoke-JavaFetch $client $server.Port $user.Keystore | Should -BeExactly 'SSLHandshakeException'
        Invoke-Curl $user.SystemBundle | Should -Be 60
        Invoke-Curl $user.Bundle | Should -Be 60
    }

    It 'changes no store with -WhatIf' {
        Invoke-AsTestUser $user "$import -WhatIf" | Should -BeNullOrEmpty
        Get-StoreState $user | Should -Be $before
    }

    It 'places into every store in one call, each result naming its store, and Chromium, Java and curl then reach the server' {
        $script:placed = Invoke-AsTestUser $user $import
        # In the order of the stores; within one, the order the rule gives.
        $placed | ForEach-Object { "$($_.StoreLocation) $($_.Store) $($_.Role) $($_.Action) $($_.StorePath)$($_.SystemRoot)" } | Should -Be @(
            "LocalMachine CA Intermediate Added $($user.SystemRoot)"
            "LocalMachine CA Intermediate Added $($user.SystemRoot)"
            "LocalMachine Root Root Added $($user.SystemRoot)"
            "LocalMachine CA Root Added $($user.SystemRoot)"
            "Nss CA Intermediate Added $($user.Nss)"
            "Nss CA Intermediate Added $($user.Nss)"
            "Nss Root Root Added $($user.Nss)"
            "Java  Intermediate Skipped $($user.Keystore)"
            "Java  Intermediate Skipped $($user.Keystore)"
            "Java Root Root Added $($user.Keystore)"
            "Bundle CA Intermediate Added $($user.Bundle)"
            "Bundle CA Intermediate Added $($user.Bundle)"
            "Bundle Root Root Added $($user.Bundle)")
        Invoke-HeadlessChromium $user.Home $server.Port | Should -BeExactly 'page'
        Invoke-JavaFetch $client $server.Port $user.Keystore | Should -BeExactly '200'
        Invoke-Curl $user.SystemBundle | Should -Be 0
        Invoke-Curl $user.Bundle | Should -Be 0
    }

    It 'reports everything AlreadyPresent on a second run' {
        @(Invoke-AsTestUser $user $import | Where-Object Action -ne 'Skipped' | ForEach-Object Action | Sort-Object -Unique) | Should -Be @('AlreadyPresent')
    }

    It 'refuses a server certificate once, not once per store' {
        $script = "Import-CaChain -Path '$pki/pool1.cer' -StoreLocation All -SystemRoot '$($user.SystemRoot)' -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null; " +
            "`$problems | ForEach-Object { `$_.Exception.Message }"
        $messages = @(Invoke-AsTestUser $user $script)
        $messages.Count | Should -Be 1
        $messages[0] | Should -BeLike "*'pool1.schertz.lab'*"
    }

    It 'refuses a trust verdict on all the stores at once, naming them' {
        $answer = Invoke-AsTestUser $user "try { Test-CaChain -Path '$pki/pool1.cer' -StoreLocation All -SystemRoot '$($user.SystemRoot)' -ErrorAction Stop } catch { `$_.Exception.Message }"
        $answer | Should -BeExactly ("$($user.SystemRoot)/usr/local/share/ca-certificates/cachain, $($user.Nss), $($user.Keystore) and $($user.Bundle): " +
            "-StoreLocation All stands for every store of the user's software (4 here), and a trust verdict is about one: test each with its own -StoreLocation")
    }

    It 'is taken back by piping its results into Remove-CaChain, here, and Chromium, Java and curl refuse the server again' {
        $removed = $placed | Remove-CaChain -Confirm:$false
        @($removed | Group-Object StoreLocation | ForEach-Object { "$($_.Name) $(@($_.Group.Action | Sort-Object -Unique) -join ',') $($_.Count)" }) |
            Should -Be @('Bundle Removed 3', 'Java Removed 1', 'LocalMachine Removed 4', 'Nss Removed 3')
        Get-KeystoreAliases $user.Keystore | Should -Be @('someone')
        Get-NssNicknames $user.Nss | Should -BeNullOrEmpty
        Get-Sha256 $user.Bundle | Should -Be $before[2]
        Get-Sha256 $user.SystemBundle | Should -Be $before[0]
        Invoke-HeadlessChromium $user.Home $server.Port | Should -BeExactly 'net::ERR_CERT_AUTHORITY_INVALID'
        Invoke-JavaFetch $client $server.Port $user.Keystore | Should -BeExactly 'SSLHandshakeException'
        Invoke-Curl $user.SystemBundle | Should -Be 60
        Invoke-Curl $user.Bundle | Should -Be 60
    }
}

Describe 'Remove-CaChain -Thumbprint -StoreLocation All -Confirm' -Skip:$skip {
    It 'removes from every store in one call, leaving a removal declined for one store in that store only, and shows only what it removed' {
        $user = New-TestUser 'confirm'
        Invoke-AsTestUser $user "Get-ChildItem '$certs' | Import-CaChain -StoreLocation All -SystemRoot '$($user.SystemRoot)' -WarningAction SilentlyContinue" | Out-Null
        $thumbprints = (Get-ChildItem $certs | ForEach-Object { [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($_.FullName).Thumbprint }) -join ','
        $output = "$TestDrive/confirm/removed.txt"
        $script = "Import-Module '$env:CACHAIN_MODULE'; Remove-CaChain -Thumbprint $thumbprints -StoreLocation All -SystemRoot '$($user.SystemRoot)' -Confirm | " +
            "ForEach-Object { `"`$(`$_.StoreLocation) `$(`$_.Store) `$(`$_.Action)`" } | Set-Content '$output'"
        # The console asks the eleven removals in turn, in the order of the files (issuing, policy, root) per store:
        # the system trust's four, then NSS's three, whose root (the seventh) is declined.
        $saved = @{ HOME = $env:HOME; JAVA_HOME = $env:JAVA_HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME }
        $env:HOME, $env:JAVA_HOME, $env:XDG_DATA_HOME = $user.Home, $user.JavaHome, $user.Data
        try { 'y', 'y', 'y', 'y', 'y', 'y', 'n', 'y', 'y', 'y', 'y' | & $env:PWSH -NoProfile -Command $script | Out-Null }
        finally { $env:HOME, $env:JAVA_HOME, $env:XDG_DATA_HOME = $saved.HOME, $saved.JAVA_HOME, $saved.XDG_DATA_HOME }
        Get-Content $output | Should -Be @(
            'LocalMachine CA Removed', 'LocalMachine CA Removed', 'LocalMachine Root Removed', 'LocalMachine CA Removed',
            'Nss CA Removed', 'Nss CA Removed', 'Java Root Removed', 'Bundle CA Removed', 'Bundle CA Removed', 'Bundle Root Removed')
        Get-NssNicknames $user.Nss | Should -Be @("CaChain Root $rootThumbprint")
        Get-KeystoreAliases $user.Keystore | Should -Be @('someone')
        Invoke-Curl $user.SystemBundle | Should -Be 60
        Invoke-Curl $user.Bundle | Should -Be 60
    }
}

Describe 'A store that fails in an All call' -Skip:$skip {
    BeforeAll {
        $user = New-TestUser 'broken'
        # The user's bundle on a read-only file system: read, but never written, as root too.
        $bundleFolder = Split-Path $user.Bundle
        $content = Get-Content -Raw $user.Bundle
        mount -t tmpfs -o size=1m tmpfs $bundleFolder
        if ($LASTEXITCODE -ne 0) { throw "mount -t tmpfs on $bundleFolder failed with $LASTEXITCODE (the tests run as root)" }
        Set-Content -NoNewline -Path $user.Bundle -Value $content -ErrorAction Stop
        mount -o remount,ro $bundleFolder
        if ($LASTEXITCODE -ne 0) { throw "mount -o remount,ro $bundleFolder failed with $LASTEXITCODE" }
    }
    AfterAll { umount -l $bundleFolder }

    It 'undoes what the call changed in the stores before it (the last here), and names the store and the reason' {
        $before = Get-StoreState $user
        $answer = Invoke-AsTestUser $user "try { Get-ChildItem '$certs' | Import-CaChain -StoreLocation All -SystemRoot '$($user.SystemRoot)' -ErrorAction Stop } catch { `$_.Exception.Message }"
        $answer | Should -BeLike "*$($user.Bundle)*Read-only file system*what this call had changed in 3 other store(s) was undone"
        # The system's bundle and the user's as they were, and no NSS database made; keytool rewrites a
        # PKCS#12 keystore with new salts, so its entries are what must be as before.
        (Get-StoreState $user)[0, 2, 3] | Should -Be $before[0, 2, 3]
        Get-KeystoreAliases $user.Keystore | Should -Be @('someone')
        Get-ChildItem "$($user.SystemRoot)/usr/local/share/ca-certificates" -Recurse -File | Should -BeNullOrEmpty
    }
}
