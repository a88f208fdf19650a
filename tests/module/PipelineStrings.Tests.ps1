# A piped string is a path when it names an existing file, a certificate when
# it is PEM or base64 text, and an error naming it otherwise: for every cmdlet.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $lab = 'SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA', 'pool1.schertz.lab'
    $issuers = @{ IssuerPath = "$pki/intermediates.pem", "$pki/root.cer"; Offline = $true; SkipLocalStores = $true }
    $rootBase64 = [Convert]::ToBase64String([IO.File]::ReadAllBytes("$pki/root.cer"))
    $store = "$TestDrive/store"
    Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/certs" -SkipLocalStores | Import-CaChain -StorePath $store | Out-Null
    $missing = "$TestDrive/no-such-file.cer"
    $neither = "$missing`: neither an existing file nor certificate text (PEM or base64)"
}

Describe 'Get-CaChain with piped strings' {
    It 'reads a string that names a file as a path' {
        ("$pki/chain.p7b" | Get-CaChain -SkipLocalStores).Name | Should -Be $lab
    }

    It 'reads the lines of a PEM file from Get-Content block by block' {
        (Get-Content "$pki/pool1.pem" | Get-CaChain @issuers).Name | Should -Be $lab
    }

    It 'reads a whole PEM text' {
        (Get-Content "$pki/pool1.pem" -Raw | Get-CaChain @issuers).Name | Should -Be $lab
    }

    It 'reads base64 text' {
        ($rootBase64 | Get-CaChain -SkipLocalStores).Name | Should -Be 'SchertzLabRootCA'
    }

    It 'names a string that is neither a file nor certificate text, and goes on' {
        $chain = $missing, "$pki/chain.p7b" | Get-CaChain -SkipLocalStores -ErrorVariable problems -ErrorAction SilentlyContinue
        $chain.Name | Should -Be $lab
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeExactly $neither
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Get-CaChain.NotFileOrCertificate,CaChain.Commands.GetCaChainCommand'
        $problems[0].TargetObject | Should -BeExactly $missing
    }
}

Describe 'Export-CaChain with piped strings' {
    It 'reads a string that names a file as a path' {
        ("$pki/chain.p7b" | Export-CaChain -Destination "$TestDrive/e-path" -SkipLocalStores).Action | Should -Be 'Written', 'Written', 'Written'
    }

    It 'reads the lines of a PEM file from Get-Content' {
        $files = Get-Content "$pki/pool1.pem" | Export-CaChain -Destination "$TestDrive/e-lines" @issuers
        ($files | ForEach-Object { Split-Path $_.Path -Leaf }) | Should -Be 'SchertzLabRootCA.cer', 'SchertzLabPolicyCA.cer', 'SchertzLabIssuingCA.cer'
    }

    It 'reads base64 text' {
        ($rootBase64 | Export-CaChain -Destination "$TestDrive/e-base64" -SkipLocalStores | ForEach-Object { Split-Path $_.Path -Leaf }) |
            Should -Be 'SchertzLabRootCA.cer'
    }

    It 'names a string that is neither' {
        $missing | Export-CaChain -Destination "$TestDrive/e-neither" -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeExactly $neither
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Export-CaChain.NotFileOrCertificate,CaChain.Commands.ExportCaChainCommand'
    }
}

Describe 'Test-CaChain with piped strings' {
    It 'reads a string that names a file as a path' {
        "$pki/chain.p7b" | Test-CaChain -StorePath $store -Quiet | Should -BeExactly $true
    }

    It 'reads the lines of a PEM file from Get-Content' {
        Get-Content "$pki/pool1.pem" | Test-CaChain -StorePath $store -Offline -Quiet | Should -BeExactly $true
    }

    It 'reads base64 text' {
        $result = $rootBase64 | Test-CaChain -StorePath $store
        "$($result.Target) $($result.Trusted)" | Should -BeExactly 'SchertzLabRootCA True'
    }

    It 'names a string that is neither and answers $false for it' {
        $missing | Test-CaChain -StorePath $store -Quiet -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeExactly $false
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeExactly $neither
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Test-CaChain.NotFileOrCertificate,CaChain.Commands.TestCaChainCommand'
    }
}

Describe 'Import-CaChain with piped strings' {
    It 'reads a string that names a file as a path' {
        $placed = "$pki/root.cer" | Import-CaChain -StorePath "$TestDrive/i-path"
        ($placed | ForEach-Object { "$($_.Subject -replace '^CN=([^,]+).*', '$1') $($_.Store) $($_.Action)" }) | Should -Be 'SchertzLabRootCA Root Added'
    }

    It 'reads a wildcard that matches files as paths' {
        $placed = "$TestDrive/certs/*.cer" | Import-CaChain -StorePath "$TestDrive/i-wildcard"
        $placed.Count | Should -Be 4
    }

    It 'reads base64 text' {
        ($rootBase64 | Import-CaChain -StorePath "$TestDrive/i-base64").Action | Should -Be 'Added'
    }

    It 'names a string that is neither, and places the good ones' {
        $placed = $missing, "$pki/root.cer" | Import-CaChain -StorePath "$TestDrive/i-neither" -ErrorVariable problems -ErrorAction SilentlyContinue
        $placed.Action | Should -Be 'Added'
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeExactly $neither
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Import-CaChain.NotFileOrCertificate,CaChain.Commands.ImportCaChainCommand'
        $problems[0].TargetObject | Should -BeExactly $missing
    }
}
