BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $server = Start-TlsServer -Pki $pki -WithIntermediates
    New-Item -ItemType Directory "$TestDrive/empty" | Out-Null  # a store that exists and holds nothing
}
AfterAll { $server | Stop-TestServer }

Describe 'Test-CaChain' {
    It 'explains an untrusted root with the codes users see and the fix' {
        $result = Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -StorePath "$TestDrive/empty" -Offline
        $result.Trusted | Should -Be $false
        $result.TlsError | Should -Be '0x80090325'
        $result.TlsErrorName | Should -Be 'SEC_E_UNTRUSTED_ROOT'
        # The server presents its leaf and both intermediates but, as servers do,
        # not the root; -Offline fetches nothing and the empty store supplies
        # nothing, so the chain stops at SchertzLabPolicyCA: CERT_E_CHAINING and
        # OpenSSL's 20, not CERT_E_UNTRUSTEDROOT (0x800B0109, which needs the root in hand).
        "$($result.ChainError) $($result.OpenSslError) $($result.OpenSslErrorName)" |
            Should -BeExactly '0x800B010A 20 X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
        $result.Location | Should -Be "$TestDrive/empty/Root"
        $result.Reason | Should -BeExactly ("the chain is incomplete: the issuer 'CN=SchertzLabRootCA, DC=schertz, DC=lab' of 'SchertzLabPolicyCA' " +
            "is in neither $TestDrive/empty/Root nor $TestDrive/empty/CA, and was not supplied")
        $result.Fix | Should -BeExactly 'export the whole CA chain on a machine that has it (Get-CaChain | Export-CaChain) and run Import-CaChain here'
    }

    It 'says the chain is trusted once the CAs are imported' {
        $store = "$TestDrive/store"
        Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/certs" | Import-CaChain -StorePath $store | Out-Null
        $result = Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -StorePath $store -DnsName pool1.schertz.lab -Offline
        $result.Trusted | Should -BeTrue
        $result.TlsError | Should -BeNullOrEmpty
        $result.OpenSslError | Should -BeExactly ''
        $result.OpenSslErrorText | Should -BeExactly ''
    }

    It 'on Linux, refuses a server that sends only its leaf although the chain was imported, as curl would' {
        # The seed's own mistake: the intermediates are in CaChain's intermediates
        # file, which no Linux TLS client reads, and this machine's stores must not
        # stand in for what the server did not send.
        $system = New-TestSystemRoot "$TestDrive/leaf-only-system"
        Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/leaf-only-certs" -SkipLocalStores | Out-Null
        Get-ChildItem "$TestDrive/leaf-only-certs" | Import-CaChain -SystemRoot $system | Out-Null
        $leafOnly = Start-TlsServer -Pki $pki
        try {
            $result = Test-CaChain -ComputerName 127.0.0.1 -Port $leafOnly.Port -SystemRoot $system -DnsName pool1.schertz.lab -Offline
        } finally { $leafOnly | Stop-TestServer }
        "$($result.Trusted) $($result.Cause) $($result.OpenSslError)" | Should -BeExactly 'False ServerOmitsIntermediates 20'
        $result.Fix | Should -Match '^configure the server to send its full chain'
    }

    It 'on Linux, names a file of CaChain''s root folder that cannot be read, in the reason, Unreadable and a warning' {
        $system = New-TestSystemRoot "$TestDrive/unreadable-system"
        $folder = New-Item -ItemType Directory -Force "$system/usr/local/share/ca-certificates/cachain"
        Set-Content "$folder/SchertzLabRootCA.crt" 'this is not a certificate'
        $entry = "$folder/SchertzLabRootCA.crt: the text is not valid base64"
        $result = Test-CaChain -Path "$pki/chain.p7b" -SystemRoot $system -WarningVariable warnings -WarningAction SilentlyContinue
        "$($result.Trusted) $($result.Cause) $($result.OpenSslError)" | Should -BeExactly 'False RootNotTrusted 19'
        $result.Reason | Should -BeExactly ("the root 'SchertzLabRootCA' is not among the certificates of $folder that could be read; " +
            "$folder/SchertzLabRootCA.crt could not be read (the text is not valid base64)")
        $result.Fix | Should -BeExactly "replace what could not be read: run Import-CaChain with the chain's CA certificates"
        $result.Unreadable | Should -BeExactly @($entry)
        @($warnings | ForEach-Object Message) | Should -BeExactly @("The store holds an entry that cannot be read: $entry")
    }

    It 'returns only a bool with -Quiet' {
        Test-CaChain -Path "$pki/chain.p7b" -StorePath "$TestDrive/empty" -Quiet | Should -BeExactly $false
        Test-CaChain -Path "$pki/chain.p7b" -StorePath "$TestDrive/store" -Quiet | Should -BeExactly $true
    }

    It 'answers $false with -Quiet for what it cannot read or reach' {
        Set-Content "$TestDrive/junk.cer" 'junk'
        Test-CaChain -LiteralPath "$TestDrive/junk.cer" -StorePath "$TestDrive/store" -Quiet -ErrorAction SilentlyContinue | Should -BeExactly $false
        Test-CaChain -ComputerName 127.0.0.1 -Port (Get-FreePort) -StorePath "$TestDrive/store" -Quiet -ErrorAction SilentlyContinue | Should -BeExactly $false
    }

    It 'takes Get-CaChain output' {
        $result = Get-CaChain -Path "$pki/chain.p7b" | Test-CaChain -StorePath "$TestDrive/store"
        $result.Trusted | Should -BeTrue
    }

    It 'says that a store folder that does not exist does not exist, instead of "not trusted"' {
        $missing = Join-Path $TestDrive 'no-such-store'
        $result = Test-CaChain -Path "$pki/chain.p7b" -StorePath $missing -ErrorVariable problems -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -Be "${missing}: the store does not exist (no such folder)"
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Test-CaChain.PathNotFound,CaChain.Commands.TestCaChainCommand'
        $problems[0].TargetObject | Should -Be $missing
        Test-Path $missing | Should -BeFalse
    }

    It 'says that a system root that does not exist does not exist' -Skip:(-not $IsLinux) {
        $missing = Join-Path $TestDrive 'no-such-image'
        Test-CaChain -Path "$pki/chain.p7b" -SystemRoot $missing -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Test-CaChain.PathNotFound,CaChain.Commands.TestCaChainCommand'
        $problems[0].Exception.Message | Should -Be "${missing}: the store does not exist (no such folder)"
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'names the missing issuing CA when only the root was imported' {
        $store = "$TestDrive/root-only"
        Import-CaChain -Path "$pki/root.cer" -StorePath $store | Out-Null
        $result = Test-CaChain -Path "$pki/pool1.cer" -StorePath $store -Offline
        $result.Trusted | Should -Be $false
        $result.Reason | Should -BeExactly ("the chain is incomplete: the issuer 'CN=SchertzLabIssuingCA, DC=schertz, DC=lab' of 'pool1.schertz.lab' " +
            "is in neither $store/Root nor $store/CA, and was not supplied")
        $result.ChainError | Should -Be '0x800B010A'
    }

    It 'shows one line per target in its table, and every code with Format-List' {
        $empty = "$TestDrive/empty"
        $results = @(Test-CaChain -ComputerName "127.0.0.1:$($server.Port)" -StorePath $empty -Offline) + @(Test-CaChain -Path "$pki/chain.p7b" -StorePath $empty)
        function Fit([string] $Line) { if ($Line.Length -le 80) { $Line } else { $Line.Substring(0, 79) + [char]0x2026 } }
        $table = @(($results | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
        $table | Should -Be @(
            'Target                   Trusted Reason'
            '------                   ------- ------'
            (Fit ("127.0.0.1:$($server.Port)".PadRight(25) + "False   the chain is incomplete: the issuer 'CN=SchertzLabRootCA, DC=schertz, DC=lab' of 'SchertzLabPolicyCA'"))
            (Fit ('pool1.schertz.lab'.PadRight(25) + "False   the root 'SchertzLabRootCA' is not in $empty/Root"))
        )
        $list = @(($results[1] | Format-List | Out-String -Width 300) -split '\r?\n' | ForEach-Object TrimEnd | Where-Object { $_ })
        $list | Should -Be @(
            'Target       : pool1.schertz.lab'
            'Endpoint     :'
            'Trusted      : False'
            'Cause        : RootNotTrusted'
            "Reason       : the root 'SchertzLabRootCA' is not in $empty/Root"
            'Fix          : run Import-CaChain with the chain''s CA certificates'
            'TlsError     : 0x80090325 SEC_E_UNTRUSTED_ROOT'
            'ChainError   : 0x800B0109 CERT_E_UNTRUSTEDROOT'
            'OpenSslError : 19 X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN (self-signed certificate in certificate chain)'
            "Location     : $empty/Root"
        )
    }

    It 'lists what the store lacks of the chain under the seed''s rule, and an intermediate held among the roots' {
        $store = New-Item -ItemType Directory "$TestDrive/gaps"
        $certificates = 'root', 'policy', 'issuing' | ForEach-Object { [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/$_.cer") }
        $root, $policy, $issuing = $certificates | ForEach-Object { "$($_.Subject) ($($_.Thumbprint))" }
        $before = Test-CaChain -Path "$pki/chain.p7b" -StorePath $store
        $before.Missing | Should -Be @("Root: $root", "CA: $root", "CA: $policy", "CA: $issuing")
        $before.WrongStore | Should -BeNullOrEmpty

        Get-ChildItem "$pki/root.cer", "$pki/policy.cer", "$pki/issuing.cer" | Import-CaChain -StorePath $store | Out-Null
        $placed = Test-CaChain -Path "$pki/chain.p7b" -StorePath $store
        "$($placed.Trusted) $(@($placed.Missing).Count) $(@($placed.WrongStore).Count)" | Should -Be 'True 0 0'

        # The issuing CA copied into Root as openssl names an anchor: trusted as a root, which it is not.
        Copy-Item "$pki/issuing.cer" "$store/Root/$(openssl x509 -in "$pki/issuing.cer" -noout -subject_hash).0"
        (Test-CaChain -Path "$pki/chain.p7b" -StorePath $store).WrongStore | Should -Be "Root holds the intermediate CA $issuing`: it belongs in CA"
    }
}
