BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
}

Describe 'Get-CaChain' {
    It 'shows a .p7b chain root first, as the Certification Path tab does' {
        $chain = Get-CaChain -Path "$pki/chain.p7b"
        $chain.Name | Should -Be @('SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA', 'pool1.schertz.lab')
        $chain.Role | Should -Be @('Root', 'Intermediate', 'Intermediate', 'Leaf')
        $chain.Depth | Should -Be @(3, 2, 1, 0)
        # The SHA-1 of the root's DER, as .NET computes it.
        $root = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/root.cer")
        $chain[0].Thumbprint | Should -BeExactly $root.Thumbprint
        $chain[0].Sha256 | Should -BeExactly $root.GetCertHashString([System.Security.Cryptography.HashAlgorithmName]::SHA256)
        # Subject and issuer as Windows shows them, most specific first.
        $chain[1].Subject | Should -BeExactly 'CN=SchertzLabPolicyCA, DC=schertz, DC=lab'
        $chain[1].Issuer | Should -BeExactly 'CN=SchertzLabRootCA, DC=schertz, DC=lab'
        $chain[0].Certificate | Should -BeOfType System.Security.Cryptography.X509Certificates.X509Certificate2
        $chain.ChainStatus | Select-Object -Unique | Should -Be 'Complete'
    }

    It 'takes files from Get-ChildItem by their path' {
        $chain = Get-ChildItem "$pki/pool1.cer" | Get-CaChain -IssuerPath "$pki/intermediates.pem", "$pki/root.cer" -Offline
        $chain.Count | Should -Be 4
    }

    It 'takes X509Certificate2 objects from the pipeline' {
        $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/pool1.cer")
        $chain = $certificate | Get-CaChain -IssuerPath "$pki/intermediates.pem", "$pki/root.cer" -Offline
        $chain[-1].Thumbprint | Should -Be $certificate.Thumbprint
        $chain[0].Role | Should -Be 'Root'
    }

    # Windows PowerShell 5.1's Out-File and `>` write UTF-16 LE with a BOM.
    It 'reads PEM saved as UTF-16, as Windows PowerShell 5.1 writes it' -ForEach @(
        @{ Encoding = 'unicode' }, @{ Encoding = 'bigendianunicode' }, @{ Encoding = 'utf8BOM' }
    ) {
        Get-Content "$pki/intermediates.pem" | Out-File "$TestDrive/intermediates-$Encoding.pem" -Encoding $Encoding
        $chain = Get-CaChain -Path "$pki/pool1.cer" -IssuerPath "$TestDrive/intermediates-$Encoding.pem", "$pki/root.cer" -Offline -SkipLocalStores
        $chain.Name | Should -Be 'SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA', 'pool1.schertz.lab'
    }

    It 'reads a password-protected .pfx and keeps no private key' {
        $password = ConvertTo-SecureString 'pfx-password' -AsPlainText -Force
        $chain = Get-CaChain -Path "$pki/pool1.pfx" -Password $password
        $chain.Count | Should -Be 4
        $chain.Certificate.HasPrivateKey | Should -Be @($false, $false, $false, $false)
    }

    It 'names the missing issuer when it is offline' {
        $chain = Get-CaChain -Path "$pki/pool1.cer" -Offline -WarningVariable warnings -WarningAction SilentlyContinue
        $chain.ChainStatus | Select-Object -Unique | Should -Be 'MissingIssuer'
        $chain[0].MissingIssuer | Should -BeExactly 'CN=SchertzLabIssuingCA, DC=schertz, DC=lab'
        # The key identifier the warning names is the issuing CA's own, read here by .NET.
        $issuing = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/issuing.cer")
        $keyId = $issuing.Extensions.Where({ $_ -is [System.Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension] })[0].SubjectKeyIdentifier
        @($warnings).Count | Should -Be 1
        $warnings[0].Message | Should -BeExactly ("pool1.schertz.lab: Incomplete: the issuer 'CN=SchertzLabIssuingCA, DC=schertz, DC=lab' of 'pool1.schertz.lab' " +
            "was not found (key identifier $keyId). Export it from a machine that trusts it, and add it as an issuer source.")
    }

    It 'writes an error naming a bad file and goes on with the good ones' {
        Set-Content "$TestDrive/junk.cer" 'this is not a certificate'
        $chain = Get-CaChain -LiteralPath "$TestDrive/junk.cer", "$pki/chain.p7b" -ErrorVariable problems -ErrorAction SilentlyContinue
        $chain.Count | Should -Be 4
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Get-CaChain.UnsupportedFormat,CaChain.Commands.GetCaChainCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].TargetObject | Should -Be "$TestDrive/junk.cer"
        $problems[0].Exception.Message | Should -BeExactly "$TestDrive/junk.cer: the text is not valid base64"
    }

    It 'keeps the good files of a folder that also holds a key file' {
        # The lab folder holds pool1.key next to the certificates.
        $chain = Get-CaChain -Path "$pki/pool1.cer" -IssuerPath $pki -Offline -ErrorVariable problems -ErrorAction SilentlyContinue
        $chain.Count | Should -Be 4
        # Each error names the bad file of the -IssuerPath folder, not the leaf it came with.
        $problems.TargetObject | Sort-Object | Should -Be "$pki/pool1.key", "$pki/pool1.pfx", "$pki/web1.key"
        $problems | Sort-Object TargetObject | ForEach-Object { "$($_.FullyQualifiedErrorId) $($_.Exception.Message)" } | Should -BeExactly @(
            "Get-CaChain.NotCertificate,CaChain.Commands.GetCaChainCommand $pki/pool1.key: the PEM text holds PRIVATE KEY but no certificate"
            "Get-CaChain.PasswordNeeded,CaChain.Commands.GetCaChainCommand $pki/pool1.pfx: the PKCS#12 file is protected by a password, and none was given (use -Password)"
            "Get-CaChain.NotCertificate,CaChain.Commands.GetCaChainCommand $pki/web1.key: the PEM text holds PRIVATE KEY but no certificate")
    }

    It 'says a path that does not exist is not found' {
        { Get-CaChain -Path "$TestDrive/nothing-here.cer" -ErrorAction Stop } | Should -Throw -ErrorId 'Get-CaChain.PathNotFound,CaChain.Commands.GetCaChainCommand'
    }

    It 'goes on after a path on a drive that does not exist, and an empty certificate object' {
        $chain = 'nodrive:/x.cer', "$pki/chain.p7b" | Get-CaChain -ErrorVariable problems -ErrorAction SilentlyContinue
        $chain.Count | Should -Be 4
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Get-CaChain.NotFileOrCertificate,CaChain.Commands.GetCaChainCommand'
        $problems[0].Exception.Message | Should -BeExactly 'nodrive:/x.cer: neither an existing file nor certificate text (PEM or base64)'
        $empty = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new()
        $good = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/root.cer")
        ($empty, $good | Get-CaChain -ErrorVariable problems -ErrorAction SilentlyContinue).Count | Should -Be 1
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Get-CaChain.NotCertificate,CaChain.Commands.GetCaChainCommand'
        # After the colon, .NET's own words for the empty object, which its versions phrase differently.
        $problems[0].Exception.Message | Should -BeLike 'the object holds no readable certificate: *'
    }

    It 'refuses paths that are not files' {
        Get-CaChain -Path env:HOME -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Get-CaChain.NotFileSystem,CaChain.Commands.GetCaChainCommand'
        $problems[0].Exception.Message | Should -BeExactly 'env:HOME: not a file-system path (Environment)'
    }

    It 'survives Export-Clixml and Import-Clixml' {
        Get-CaChain -Path "$pki/chain.p7b" | Export-Clixml "$TestDrive/chain.xml"
        $copies = Import-Clixml "$TestDrive/chain.xml"
        $copies[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.CaChain.CaChainElement'
        $copies[0].RawData | Should -Be (Get-Content "$pki/root.cer" -AsByteStream)
        $copies[0].Role | Should -Be 'Root'
    }
}

Describe 'Get-CaChain output' {
    BeforeAll {
        function Get-Thumbprint([string] $File) { [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($File).Thumbprint }
        function Get-TextLines([string] $Text) { @($Text -split '\r?\n' | Where-Object { $_.Trim() }) }
    }

    It 'fits its default table in 80 columns, with whole thumbprints and each certificate''s Validity' {
        $chain = Get-CaChain -Path "$pki/chain.p7b"
        $chain[0].Validity | Should -Be 'Valid'
        $chain[0].PSObject.Properties.Name | Should -Not -Contain 'Status'
        # The group line holds the whole path of $TestDrive, and wraps; the table does not.
        (Get-TextLines ($chain | Format-Table | Out-String -Width 300))[0] | Should -Be "   Certification path of: pool1.schertz.lab, $pki/chain.p7b"
        $lines = Get-TextLines ($chain | Format-Table | Out-String -Width 80)
        $lines | Select-Object -Skip ([array]::IndexOf($lines, 'Certification Path        Validity    Thumbprint')) | Should -Be @(
            'Certification Path        Validity    Thumbprint'
            '------------------        --------    ----------'
            "SchertzLabRootCA          Valid       $(Get-Thumbprint "$pki/root.cer")"
            "  SchertzLabPolicyCA      Valid       $(Get-Thumbprint "$pki/policy.cer")"
            "    SchertzLabIssuingCA   Valid       $(Get-Thumbprint "$pki/issuing.cer")"
            "      pool1.schertz.lab   Valid       $(Get-Thumbprint "$pki/pool1.cer")"
        )
    }

    It 'groups its table by source, so endpoints presenting one certificate can be told apart' {
        $first = Start-TlsServer -Pki $pki -WithIntermediates
        $second = Start-TlsServer -Pki $pki -WithIntermediates
        try {
            $text = Get-CaChain -ComputerName "127.0.0.1:$($first.Port)", "127.0.0.1:$($second.Port)" -Offline -WarningAction SilentlyContinue |
                Format-Table | Out-String -Width 80
        }
        finally { $first, $second | Stop-TestServer }
        (Get-TextLines $text) -match 'Certification path of' | Should -Be @(
            "   Certification path of: pool1.schertz.lab, presented by 127.0.0.1:$($first.Port)"
            "   Certification path of: pool1.schertz.lab, presented by 127.0.0.1:$($second.Port)"
        )
    }

    It 'round-trips through Export-Csv and Import-Csv into Import-CaChain' {
        Get-CaChain -Path "$pki/chain.p7b" | Export-Csv "$TestDrive/chain.csv"
        (Get-Content "$TestDrive/chain.csv" -Raw) | Should -Not -Match 'System\.Byte\[\]'
        $placed = Import-Csv "$TestDrive/chain.csv" | Import-CaChain -StorePath "$TestDrive/from-csv"
        ($placed | ForEach-Object { "$($_.Action) $($_.Store) $($_.Thumbprint)" }) | Should -Be @(
            "Added Root $(Get-Thumbprint "$pki/root.cer")"
            "Added CA $(Get-Thumbprint "$pki/root.cer")"
            "Added CA $(Get-Thumbprint "$pki/policy.cer")"
            "Added CA $(Get-Thumbprint "$pki/issuing.cer")"
        )
    }

    It 'keeps ConvertTo-Json of an element small: its text fields and the certificate once, in base64' {
        # It was 20 KB: the bytes as a number each and a whole X509Certificate2.
        $root = (Get-CaChain -Path "$pki/chain.p7b")[0]
        $base64 = [Convert]::ToBase64String((Get-Content "$pki/root.cer" -AsByteStream))
        $json = $root | ConvertTo-Json
        ($json | ConvertFrom-Json).Base64 | Should -Be $base64
        ($json | ConvertFrom-Json).PSObject.Properties.Name | Should -Not -Contain 'Certificate'
        $json.Length | Should -BeLessThan ($base64.Length + 1KB)  # the base64, plus under 1 KB of names and dates
        $root.Certificate.Thumbprint | Should -Be (Get-Thumbprint "$pki/root.cer")  # still there, hidden
        $root.RawData | Should -Be (Get-Content "$pki/root.cer" -AsByteStream)
    }
}

Describe 'Get-CaChain -ComputerName' {
    BeforeAll {
        # The AIA variant: the server sends only its leaf, and each certificate
        # names where its issuer is published.
        $http = Start-HttpServer -Folder "$TestDrive/aia"
        $aiaPki = New-TestPki "$TestDrive/aia" -AiaBase "http://127.0.0.1:$($http.Port)"
        $leafOnly = Start-TlsServer -Pki $aiaPki
        $withIntermediates = Start-TlsServer -Pki $aiaPki -WithIntermediates
    }
    AfterAll { $http, $leafOnly, $withIntermediates | Stop-TestServer }

    It 'fetches the intermediates by AIA when the server sends only its leaf' {
        $chain = Get-CaChain -ComputerName 127.0.0.1 -Port $leafOnly.Port
        $chain.Name | Should -Be @('SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA', 'pool1.schertz.lab')
        $aia = "http://127.0.0.1:$($http.Port)"
        $chain.Source | Should -BeExactly @("downloaded from $aia/root.cer", "downloaded from $aia/policy.cer", "downloaded from $aia/issuing.cer",
            "presented by 127.0.0.1:$($leafOnly.Port)")
    }

    It 'names the missing issuer with -Offline' {
        $chain = Get-CaChain -ComputerName "127.0.0.1:$($leafOnly.Port)" -Offline -WarningAction SilentlyContinue
        $chain.Count | Should -Be 1
        $chain[0].MissingIssuer | Should -BeExactly 'CN=SchertzLabIssuingCA, DC=schertz, DC=lab'
        $chain[0].MissingIssuerUrl | Should -Be "http://127.0.0.1:$($http.Port)/issuing.cer"
    }

    It 'takes the intermediates the server presents' {
        $chain = Get-CaChain -ComputerName 127.0.0.1 -Port $withIntermediates.Port -Offline -WarningAction SilentlyContinue
        $chain.Name | Should -Be @('SchertzLabPolicyCA', 'SchertzLabIssuingCA', 'pool1.schertz.lab')
    }

    It 'uses each pipeline object''s own port' {
        $targets = [pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $withIntermediates.Port },
                   [pscustomobject]@{ ComputerName = "127.0.0.1:$($withIntermediates.Port)" }
        $chains = $targets | Get-CaChain -Offline -WarningAction SilentlyContinue
        $chains.Count | Should -Be 6
    }

    It 'says clearly when nothing listens' {
        $closed = Get-FreePort
        $errors = $null
        Get-CaChain -ComputerName 127.0.0.1 -Port $closed -TimeoutSec 3 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'Get-CaChain.ConnectionFailed,CaChain.Commands.GetCaChainCommand'
        $errors[0].Exception.Message | Should -BeExactly "127.0.0.1:${closed}: the connection was refused: nothing listens on port $closed"
    }
}

Describe 'Get-CaChain on many files' {
    It 'shows progress on a long run' {
        1..8 | ForEach-Object { Copy-Item "$pki/chain.p7b" "$TestDrive/many-$_.p7b" }
        # A runspace of its own, whose progress stream the test can read.
        $ps = [PowerShell]::Create()
        try {
            $ps.AddScript("Import-Module '$env:CACHAIN_MODULE'; Get-ChildItem '$TestDrive/many-*.p7b' | Get-CaChain") | Out-Null
            # The eight copies of one chain are one chain: its four elements.
            $ps.Invoke().Name | Should -Be 'SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA', 'pool1.schertz.lab'
            $ps.Streams.Progress.Count | Should -BeGreaterThan 0
            $ps.Streams.Progress[0].Activity | Should -Be 'Get-CaChain'
        } finally { $ps.Dispose() }
    }
}

Describe 'Get-CaChain and this machine''s own stores' {
    # On Linux, .NET's CurrentUser stores are this machine's stores the test
    # may write: a child pwsh with its own HOME places the root and the
    # policy CA there, and the issuing CA comes from -IssuerPath.
    It 'completes the chain from them, names each store, and leaves them out with -SkipLocalStores' -Skip:(-not $IsLinux) {
        $userHome = "$TestDrive/home-with-lab"
        New-Item -ItemType Directory $userHome | Out-Null
        $script = @"
Import-Module '$env:CACHAIN_MODULE'
Import-CaChain -Path '$pki/root.cer', '$pki/policy.cer' -StoreLocation CurrentUser | Out-Null
`$found = Get-CaChain -Path '$pki/pool1.cer' -IssuerPath '$pki/issuing.cer' -Offline
`$skipped = Get-CaChain -Path '$pki/pool1.cer' -IssuerPath '$pki/issuing.cer' -Offline -SkipLocalStores -WarningAction SilentlyContinue
[pscustomobject]@{ Found = @(`$found | Select-Object Name, Source); Skipped = @(`$skipped.Name) } | ConvertTo-Json -Depth 3
"@
        $env:HOME, $saved = $userHome, $env:HOME
        try { $json = & $env:PWSH -NoProfile -NonInteractive -Command $script } finally { $env:HOME = $saved }
        $result = $json | ConvertFrom-Json
        $result.Found.Name | Should -Be @('SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA', 'pool1.schertz.lab')
        $result.Found[0].Source | Should -Be 'CurrentUser\Root (.NET)'
        $result.Found[1].Source | Should -Be 'CurrentUser\CA (.NET)'
        $result.Skipped | Should -Be @('SchertzLabIssuingCA', 'pool1.schertz.lab')
    }
}

Describe 'Get-CaChain -All' {
    BeforeAll {
        # The trust corpus's cross-sign: CrossNewRootCA, self-signed and also
        # certified by CrossOldRootCA, issued CrossIssuingCA, which issued the leaf.
        & $env:CACHAIN_TEST_PKI --corpus "$TestDrive/corpus"
        $LASTEXITCODE | Should -Be 0 -Because 'cachain-test-pki --corpus writes the corpus'
        $cases = "$TestDrive/corpus/path-building"
        $issuers = @("$cases/cross-signed-old-root-anchored/sent.pem") +
            @(Get-ChildItem "$cases/cross-signed-old-root-anchored/roots", "$cases/cross-signed-new-root-anchored/roots" -Filter *.pem).FullName
        $found = @{ Path = "$cases/cross-signed-old-root-anchored/target.pem"; IssuerPath = $issuers; Offline = $true; SkipLocalStores = $true }
    }

    It 'shows the best path alone by default, and with -All the path through the cross-sign as Rank 1' {
        $best = Get-CaChain @found
        $best.Name -join ' < ' | Should -BeExactly 'CrossNewRootCA < CrossIssuingCA < cross.schertz.lab'
        # ForEach, not $best.Rank: an array has a Rank of its own (1).
        $best.ForEach('Rank') | Select-Object -Unique | Should -Be 0

        $all = Get-CaChain @found -All
        ($all | Where-Object Rank -EQ 0).Name -join ' < ' | Should -BeExactly 'CrossNewRootCA < CrossIssuingCA < cross.schertz.lab'
        ($all | Where-Object Rank -EQ 1).Name -join ' < ' | Should -BeExactly 'CrossOldRootCA < CrossNewRootCA < CrossIssuingCA < cross.schertz.lab'
        ($all | Where-Object Rank -EQ 0).Thumbprint | Should -Be $best.Thumbprint
    }
}
