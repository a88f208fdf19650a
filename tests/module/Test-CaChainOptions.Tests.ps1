# Test-CaChain's -At, -DnsName, -Purpose and -WarnWithinDays on cases of
# the trust corpus (cachain-test-pki --corpus), each against a directory
# store holding the case's Root and CA certificates; -Offline against an AIA
# web server on 127.0.0.1; -Quiet against a port where nothing listens.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $corpus = "$TestDrive/corpus"
    & $env:CACHAIN_TEST_PKI --corpus $corpus
    $LASTEXITCODE | Should -Be 0 -Because 'cachain-test-pki --corpus writes the corpus'

    # case.tsv: key<TAB>value lines.
    function Read-Case([string] $Name) {
        $case = @{ Folder = "$corpus/$Name" }
        foreach ($line in Get-Content "$corpus/$Name/case.tsv") { $key, $value = $line -split "`t", 2; $case[$key] = $value }
        $case
    }

    # A directory store with the case's roots in Root/ and its CAs in CA/.
    function New-CaseStore([hashtable] $Case) {
        $store = "$TestDrive/stores/$($Case.category)-$($Case.name)"
        foreach ($pair in @(@('roots', 'Root'), @('cas', 'CA'))) {
            New-Item -ItemType Directory "$store/$($pair[1])" -Force | Out-Null
            Get-ChildItem "$($Case.Folder)/$($pair[0])" -Filter *.pem -ErrorAction SilentlyContinue | Copy-Item -Destination "$store/$($pair[1])"
        }
        # A directory store reads the hashed names `openssl rehash` links to the files.
        & openssl rehash "$store/Root" "$store/CA"
        $LASTEXITCODE | Should -Be 0 -Because 'openssl rehash names the store''s files'
        $store
    }

    # The case's target, with what its server sends as issuers, at the case's
    # time (or at, in Unix seconds), against its store, as a local DateTime.
    function Test-Case {
        [CmdletBinding()]
        param([hashtable] $Case, [long] $At = [long]$Case.at, [hashtable] $Extra = @{}, [switch] $Now)
        $arguments = @{ Path = "$($Case.Folder)/target.pem"; StorePath = (New-CaseStore $Case); SkipLocalStores = $true; Offline = $true }
        if (-not $Now) { $arguments.At = [DateTimeOffset]::FromUnixTimeSeconds($At).LocalDateTime }
        if ((Get-Item "$($Case.Folder)/sent.pem").Length -gt 0) { $arguments.IssuerPath = "$($Case.Folder)/sent.pem" }
        Test-CaChain @arguments @Extra
    }

    function Format-Verdict($Result) { "$($Result.Trusted) $($Result.Cause) '$($Result.OpenSslError)'" }
}

Describe 'Test-CaChain -At' {
    It 'trusts a leaf one second before its notAfter, and refuses it at its notAfter' {
        $case = Read-Case 'validity/at-not-after'
        $before = Test-Case $case -At ([long]$case.at - 1)
        Format-Verdict $before | Should -BeExactly "True None ''"
        $at = Test-Case $case
        Format-Verdict $at | Should -BeExactly "False Expired '10'"
        $at.OpenSslErrorName | Should -BeExactly 'X509_V_ERR_CERT_HAS_EXPIRED'
        $at.ChainError | Should -BeExactly '0x800B0101'
        # The case's time is the leaf's notAfter.
        $when = [DateTimeOffset]::FromUnixTimeSeconds([long]$case.at).UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss')
        $at.Reason | Should -BeExactly "'timed.schertz.lab' expired on $when UTC"
        $at.Fix | Should -BeExactly "renew the certificate 'timed.schertz.lab' (importing CA certificates cannot fix this)"
    }

    It 'evaluates now without -At' {
        # The corpus's times are now, give or take minutes; this leaf expires in days.
        $case = Read-Case 'validity/at-not-after'
        [long]$case.at | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + 86400) -Because 'the leaf expires a day or more from now'
        Format-Verdict (Test-Case $case -Now) | Should -BeExactly "True None ''"
    }
}

Describe 'Test-CaChain -DnsName' {
    It 'checks <Name> with -DnsName <Checked>' -ForEach @(
        @{ Name = 'host-names/dns-name-matches'; Checked = 'pool1.schertz.lab'; Expected = "True None ''" }
        @{ Name = 'host-names/dns-name-differs'; Checked = 'pool2.schertz.lab'; Expected = "False HostNameMismatch '62'" }
        @{ Name = 'host-names/wildcard-matches-one-label'; Checked = 'pool7.schertz.lab'; Expected = "True None ''" }
        @{ Name = 'host-names/wildcard-does-not-match-two-labels'; Checked = 'a.pool7.schertz.lab'; Expected = "False HostNameMismatch '62'" }
        @{ Name = 'host-names/ip-address-matches'; Checked = '127.0.0.1'; Expected = "True None ''" }
        @{ Name = 'host-names/ip-address-differs'; Checked = '127.0.0.2'; Expected = "False HostNameMismatch '64'" }
    ) {
        $case = Read-Case $Name
        $case.host | Should -BeExactly $Checked -Because 'the corpus checks this name'
        $result = Test-Case $case -Extra @{ DnsName = $Checked }
        Format-Verdict $result | Should -BeExactly $Expected
    }

    It 'gives the reason, the fix and the Windows codes of a name mismatch' {
        $result = Test-Case (Read-Case 'host-names/dns-name-differs') -Extra @{ DnsName = 'pool2.schertz.lab' }
        $result.Reason | Should -BeExactly "the name 'pool2.schertz.lab' is not one that 'pool1.schertz.lab' is issued for (its Subject Alternative Names)"
        $result.Fix | Should -BeExactly ("connect with a name that 'pool1.schertz.lab' lists in its Subject Alternative Names, or have it " +
            "reissued for 'pool2.schertz.lab' (importing CA certificates cannot fix this)")
        "$($result.ChainError) $($result.ChainErrorName) $($result.TlsError) $($result.TlsErrorName)" |
            Should -BeExactly '0x800B010F CERT_E_CN_NO_MATCH 0x80090322 SEC_E_WRONG_PRINCIPAL'
    }

    It 'checks an endpoint''s own name by default, and the -DnsName given instead' {
        $pki = New-TestPki "$TestDrive/pki"
        $server = Start-TlsServer -Pki $pki -WithIntermediates
        try {
            $store = "$TestDrive/endpoint-store"
            Import-CaChain -Path "$pki/chain.p7b" -StorePath $store -WarningAction SilentlyContinue | Out-Null
            $byAddress = Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -StorePath $store -SkipLocalStores -Offline
            Format-Verdict $byAddress | Should -BeExactly "False HostNameMismatch '64'"
            $byAddress.Reason | Should -BeExactly "the name '127.0.0.1' is not one that 'pool1.schertz.lab' is issued for (its Subject Alternative Names)"
            $byName = Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -DnsName pool1.schertz.lab -StorePath $store -SkipLocalStores -Offline
            Format-Verdict $byName | Should -BeExactly "True None ''"
        } finally {
            $server | Stop-TestServer
        }
    }

    It 'checks no name for a file without -DnsName' {
        Format-Verdict (Test-Case (Read-Case 'host-names/dns-name-differs')) | Should -BeExactly "True None ''"
    }
}

Describe 'Test-CaChain -Purpose' {
    It 'refuses a server-only leaf for ClientAuth, and accepts it for Any and by default' {
        $case = Read-Case 'extended-key-usage/server-auth-only-for-a-client'
        $case.purpose | Should -BeExactly 'sslclient'
        $refused = Test-Case $case -Extra @{ Purpose = 'ClientAuth' }
        Format-Verdict $refused | Should -BeExactly "False WrongPurpose '26'"
        $refused.Reason | Should -BeExactly ("'server-auth-only-for-a-client.schertz.lab' is not valid for TLS client authentication: " +
            'its extended key usage does not allow it')
        $refused.ChainError | Should -BeExactly '0x800B0110'
        Format-Verdict (Test-Case $case -Extra @{ Purpose = 'Any' }) | Should -BeExactly "True None ''"
        Format-Verdict (Test-Case $case) | Should -BeExactly "True None ''"
    }

    It 'completes its values with Tab' {
        $line = 'Test-CaChain -Purpose '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Any', 'ClientAuth', 'ServerAuth')
    }
}

Describe 'Test-CaChain -WarnWithinDays' {
    It 'warns about each CA certificate that expires within the window, and about none in a smaller one' {
        # The case's three CAs expire at one moment, days (and some seconds) after the case's time.
        $case = Read-Case 'path-building/complete-chain-sent'
        $root = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new((Get-ChildItem "$($case.Folder)/roots" -Filter *.pem)[0].FullName)
        $notAfter = [DateTimeOffset]$root.NotAfter
        $days = [long][Math]::Floor(($notAfter.ToUnixTimeSeconds() - [long]$case.at) / 86400)
        $on = $notAfter.UtcDateTime.ToString('yyyy-MM-dd')
        $result = Test-Case $case -Extra @{ WarnWithinDays = $days + 1 } -WarningVariable warned -WarningAction SilentlyContinue
        $expected = @('PathLabIssuingCA', 'PathLabPolicyCA', 'PathLabRootCA') | ForEach-Object { "'$_' expires on $on (in $days days)" }
        $result.Trusted | Should -BeTrue
        $result.Warnings | Should -BeExactly $expected
        @($warned.Message) | Should -BeExactly $expected
        $none = Test-Case $case -Extra @{ WarnWithinDays = $days - 1 } -WarningVariable quiet -WarningAction SilentlyContinue
        @($none.Warnings).Count | Should -Be 0
        @($quiet).Count | Should -Be 0
    }

    It 'refuses a window beyond 36500 days' {
        { Test-CaChain -Path "$corpus/path-building/complete-chain-sent/target.pem" -WarnWithinDays 36501 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,CaChain.Commands.TestCaChainCommand'
    }
}

Describe 'Test-CaChain -Offline' {
    BeforeAll {
        # The AIA lab PKI: each certificate names where its issuer is published.
        $http = Start-HttpServer -Folder "$TestDrive/aia"
        $aiaPki = New-TestPki "$TestDrive/aia" -AiaBase "http://127.0.0.1:$($http.Port)"
        $aia = "http://127.0.0.1:$($http.Port)"
        $store = "$TestDrive/aia-root-only"
        Import-CaChain -Path "$aiaPki/root.cer" -StorePath $store | Out-Null
    }
    AfterAll { $http | Stop-TestServer }

    It 'names the issuers it downloaded, and their URLs, and stays untrusted as OpenSSL clients do' {
        $result = Test-CaChain -Path "$aiaPki/pool1.cer" -StorePath $store -SkipLocalStores
        Format-Verdict $result | Should -BeExactly "False ServerOmitsIntermediates '20'"
        $result.Reason | Should -BeExactly ("the chain is incomplete: 'SchertzLabIssuingCA' (published at $aia/issuing.cer), " +
            "'SchertzLabPolicyCA' (published at $aia/policy.cer) were not sent and are not in $store/CA; CaChain downloaded them, " +
            "but clients here (OpenSSL, as curl and openssl s_client use it) never download issuers, so they cannot build the chain " +
            "to the root 'SchertzLabRootCA'")
        $result.Fix | Should -BeExactly ("configure the server to send its full chain: its certificate followed by 'SchertzLabIssuingCA' " +
            "and 'SchertzLabPolicyCA', or run Import-CaChain with the chain (Get-CaChain | Import-CaChain)")
        # As in Get-CaChain's chains, what CaChain downloaded says where from (the chain runs root first).
        $result.Chain | ForEach-Object { "$($_.Name): $($_.Source)" } | Should -BeExactly @(
            "SchertzLabRootCA: ", "SchertzLabPolicyCA: downloaded from $aia/policy.cer",
            "SchertzLabIssuingCA: downloaded from $aia/issuing.cer", "pool1.schertz.lab: ")
    }

    It 'downloads nothing with -Offline, and names the first missing issuer''s URL' {
        $result = Test-CaChain -Path "$aiaPki/pool1.cer" -StorePath $store -SkipLocalStores -Offline
        Format-Verdict $result | Should -BeExactly "False IssuerMissing '20'"
        $result.Reason | Should -BeExactly ("the chain is incomplete: the issuer 'CN=SchertzLabIssuingCA, DC=schertz, DC=lab' of " +
            "'pool1.schertz.lab' is in neither $store/Root nor $store/CA, and was not supplied (it is published at $aia/issuing.cer)")
    }
}

Describe 'Test-CaChain -Quiet' {
    It 'answers only $false for a port where nothing listens, with no error record' {
        New-Item -ItemType Directory "$TestDrive/quiet-store" -Force | Out-Null
        $Error.Clear()
        $answer = @(Test-CaChain -ComputerName 127.0.0.1 -Port (Get-FreePort) -StorePath "$TestDrive/quiet-store" -Quiet -TimeoutSec 2)
        $answer.Count | Should -Be 1
        $answer[0] | Should -BeExactly $false
        $Error.Count | Should -Be 0
    }

    It 'answers $false for a path that names no file, and still names it in an error' {
        $answer = @(Test-CaChain -LiteralPath "$TestDrive/no-such.cer" -StorePath "$TestDrive/quiet-store" -Quiet -ErrorVariable problems -ErrorAction SilentlyContinue)
        $answer.Count | Should -Be 1
        $answer[0] | Should -BeExactly $false
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeExactly "$TestDrive/no-such.cer: no such file or folder"
    }
}
