# -StoreLocation Nss: the NSS databases that browsers on Linux read. Judged
# by NSS itself (vfychain, with only the database) and by a real browser:
# headless Chromium, with its HOME in the test's folder, loading the page of
# openssl s_server -www on 127.0.0.1 as pool1.schertz.lab.
BeforeDiscovery { $skip = -not $IsLinux }
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $cas = "$pki/root.cer", "$pki/policy.cer", "$pki/issuing.cer"
    $server = Start-TlsServer -Pki $pki -WithIntermediates -Www
    $thumbprint = @{}
    foreach ($name in 'root', 'policy', 'issuing') { $thumbprint[$name] = ([System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/$name.cer")).Thumbprint }
    $ourListing = @("CaChain Root $($thumbprint.root)|C,,", "CaChain CA $($thumbprint.policy)|,,", "CaChain CA $($thumbprint.issuing)|,,")

    # certutil's own listing: "<nickname>|<trust flags>" per entry.
    function Get-NssListing([string] $Database) {
        $lines = & certutil -d "sql:$Database" -L
        $LASTEXITCODE | Should -Be 0 -Because ($lines -join "`n")
        @($lines | Select-Object -Skip 3 | Where-Object { $_.Trim() } | ForEach-Object { $_.TrimEnd() -replace '^(.*?)\s+(\S+)$', '$1|$2' })
    }
    # NSS's own verdict on the lab's issuing CA as a CA of TLS servers
    # (usage 3, "SSL CA"), from the database alone: 0 is trusted. Not the server itself: vfychain's TLS
    # server usage wants keyEncipherment on an RSA key, which the lab's
    # pool1 (digitalSignature only, as TLS 1.3 needs) lacks; Chromium judges the server.
    function Invoke-Vfychain([string] $Database) {
        & vfychain -d "sql:$Database" -u 3 "$pki/issuing.cer" *> $null
        $LASTEXITCODE
    }
}
AfterAll { $server | Stop-TestServer }

Describe 'Import-CaChain -StoreLocation Nss -StorePath <database>' -Skip:$skip {
    BeforeAll {
        $userHome = "$TestDrive/one"
        $database = "$userHome/.pki/nssdb"
        New-Item -ItemType Directory $database -Force | Out-Null
        & certutil -N -d "sql:$database" --empty-password
    }

    It 'leaves NSS and Chromium refusing the server before the import' {
        Invoke-Vfychain $database | Should -Not -Be 0
        Invoke-HeadlessChromium $userHome $server.Port | Should -BeExactly 'net::ERR_CERT_AUTHORITY_INVALID'
    }

    It 'changes nothing with -WhatIf' {
        @(Import-CaChain -Path $cas -StoreLocation Nss -StorePath $database -WhatIf).Count | Should -Be 0
        Get-NssListing $database | Should -BeNullOrEmpty
    }

    It 'trusts the root as C,, and keeps the intermediates untrusted, and NSS and Chromium then reach the server' {
        $script:placed = Import-CaChain -Path $cas -StoreLocation Nss -StorePath $database
        $placed | ForEach-Object { "$($_.Store) $($_.Action) $($_.StoreLocation) $($_.StorePath)" } | Should -Be @(
            "Root Added Nss $database", "CA Added Nss $database", "CA Added Nss $database")
        Get-NssListing $database | Should -Be $ourListing
        Invoke-Vfychain $database | Should -Be 0
        Invoke-HeadlessChromium $userHome $server.Port | Should -BeExactly 'page'
    }

    It 'reports everything AlreadyPresent on a second run' {
        @(Import-CaChain -Path $cas -StoreLocation Nss -StorePath $database).Action | Sort-Object -Unique | Should -Be 'AlreadyPresent'
        Get-NssListing $database | Should -Be $ourListing
    }

    It 'judges the server against the database with Test-CaChain' {
        $result = Test-CaChain -Path "$pki/pool1.cer" -IssuerPath "$pki/intermediates.pem" -StoreLocation Nss -StorePath $database -DnsName pool1.schertz.lab
        "$($result.Trusted) $($result.Cause)" | Should -BeExactly 'True None'
    }

    It 'takes back exactly its own entries with Remove-CaChain, and Chromium refuses the server again' {
        $placed | Remove-CaChain -WhatIf | Out-Null
        Get-NssListing $database | Should -Be $ourListing -Because '-WhatIf removes nothing'
        @(($placed | Remove-CaChain -Confirm:$false).Action) | Should -Be @('Removed', 'Removed', 'Removed')
        Get-NssListing $database | Should -BeNullOrEmpty
        Invoke-Vfychain $database | Should -Not -Be 0
        Invoke-HeadlessChromium $userHome $server.Port | Should -BeExactly 'net::ERR_CERT_AUTHORITY_INVALID'
    }

    It 'names the database and the reason when it is damaged, and changes nothing' {
        $damaged = "$TestDrive/damaged"
        New-Item -ItemType Directory $damaged | Out-Null
        [IO.File]::WriteAllBytes("$damaged/cert9.db", [byte[]]::new(4096))
        Import-CaChain -Path $cas -StoreLocation Nss -StorePath $damaged -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].Exception.Message | Should -BeLike "${damaged}: certutil cannot read the NSS database (*SEC_ERROR_BAD_DATABASE*): another program holds it locked (close the browser that uses it and run again), or cert9.db is damaged; nothing was changed"
        (Get-FileHash "$damaged/cert9.db").Hash | Should -Be (Get-FileHash -InputStream ([IO.MemoryStream]::new([byte[]]::new(4096)))).Hash
    }
}

Describe 'Every NSS database of the user (-StoreLocation Nss without -StorePath)' -Skip:$skip {
    BeforeEach {
        # A user who has run Firefox (a profile with its database) but not yet Chromium.
        $userHome = "$TestDrive/home-$([guid]::NewGuid())"
        $firefox = "$userHome/.mozilla/firefox/x1y2.default-release"
        New-Item -ItemType Directory $firefox -Force | Out-Null
        & certutil -N -d "sql:$firefox" --empty-password
    }

    It 'places into Chromium''s database, creating it, and into each Firefox profile; Remove-CaChain takes it all back' {
        $placed = Invoke-CaChainWithEnvironment @{ HOME = $userHome } "Import-CaChain -Path '$($cas -join "','")' -StoreLocation Nss -WarningAction SilentlyContinue"
        $placed | ForEach-Object { "$($_.Store) $($_.Action) $($_.StorePath)" } | Should -Be @(
            "Root Added $userHome/.pki/nssdb", "CA Added $userHome/.pki/nssdb", "CA Added $userHome/.pki/nssdb",
            "Root Added $firefox", "CA Added $firefox", "CA Added $firefox")
        Get-NssListing "$userHome/.pki/nssdb" | Should -Be $ourListing
        Get-NssListing $firefox | Should -Be $ourListing
        Invoke-HeadlessChromium $userHome $server.Port | Should -BeExactly 'page'

        $placedJson = ($placed | ConvertTo-Json -Depth 2) -replace "'", "''"
        $removed = Invoke-CaChainWithEnvironment @{ HOME = $userHome } "'$placedJson' | ConvertFrom-Json | Remove-CaChain -Confirm:`$false"
        @($removed.Action | Sort-Object -Unique) | Should -Be 'Removed'
        @($removed).Count | Should -Be 6
        Get-NssListing "$userHome/.pki/nssdb" | Should -BeNullOrEmpty
        Get-NssListing $firefox | Should -BeNullOrEmpty
        Invoke-HeadlessChromium $userHome $server.Port | Should -BeExactly 'net::ERR_CERT_AUTHORITY_INVALID'
    }

    It 'leaves out a write declined at -Confirm in the database it was declined for only' {
        # The console asks the six writes in turn: Chromium's three, then Firefox's; the Firefox root is declined.
        $script = "Import-Module '$env:CACHAIN_MODULE'; Import-CaChain -Path '$($cas -join "','")' -StoreLocation Nss -Confirm -WarningAction SilentlyContinue | Out-Null"
        $env:HOME, $saved = $userHome, $env:HOME
        try { 'y', 'y', 'y', 'n', 'y', 'y' | & $env:PWSH -NoProfile -Command $script | Out-Null } finally { $env:HOME = $saved }
        Get-NssListing "$userHome/.pki/nssdb" | Should -Be $ourListing
        Get-NssListing $firefox | Should -Be $ourListing[1..2]
    }

    It 'changes no database when one of them fails, and names the one that did' {
        [IO.File]::WriteAllBytes("$firefox/cert9.db", [byte[]]::new(4096))
        $script = "Import-CaChain -Path '$($cas -join "','")' -StoreLocation Nss -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null; `$problems | ForEach-Object { `$_.Exception.Message }"
        $messages = Invoke-CaChainWithEnvironment @{ HOME = $userHome } $script
        $messages | Should -BeLike "${firefox}: certutil cannot read the NSS database (*): another program holds it locked (close the browser that uses it and run again), or cert9.db is damaged; nothing was changed"
        Test-Path "$userHome/.pki" | Should -BeFalse -Because 'the dry run before the writes reads every database, and fails first'
    }

    It 'asks for one database when Test-CaChain is given several' {
        $script = "Test-CaChain -Path '$pki/pool1.cer' -StoreLocation Nss -ErrorVariable problems -ErrorAction SilentlyContinue | Out-Null; `$problems | ForEach-Object { `$_.Exception.Message }"
        Invoke-CaChainWithEnvironment @{ HOME = $userHome } $script | Should -BeExactly "$userHome/.pki/nssdb and ${firefox}: these are 2 stores, and a trust verdict is about one: name one of them with -StorePath"
    }
}
