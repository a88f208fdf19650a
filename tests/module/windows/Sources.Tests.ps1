# Get-CaChain, Export-CaChain and Resolve-CaChainError on Windows: the
# server's certificate from the computer's Personal store (the seed's
# starting point), Windows paths, a live endpoint read over Winsock.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
}

Describe 'Get-CaChain on Windows' {
    It 'walks the certification path of a certificate read out of LocalMachine\My' {
        $server = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/pool1.cer")
        $my = [System.Security.Cryptography.X509Certificates.X509Store]::new('My', 'LocalMachine')
        $my.Open('ReadWrite')
        try {
            $my.Add($server)
            $fromStore = @($my.Certificates | Where-Object Thumbprint -eq $server.Thumbprint)[0]
            $chain = $fromStore | Get-CaChain -IssuerPath "$pki/root.cer", "$pki/policy.cer", "$pki/issuing.cer"
            $chain.Name | Should -Be 'SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA', 'pool1.schertz.lab'
            $chain[3].Thumbprint | Should -Be $server.Thumbprint
        } finally {
            $my.Close()  # (X509Store.Remove would not reach Wine's registry; the prefix is thrown away)
        }
    }

    It 'reads the chain a live server presents' {
        $tls = Start-TlsServer -Pki $pki -WithIntermediates
        try {
            $chain = Get-CaChain -ComputerName 127.0.0.1 -Port $tls.Port -IssuerPath "$pki/root.cer"
            $chain.Name | Should -Be 'SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA', 'pool1.schertz.lab'
            $chain[3].Source | Should -Be "presented by 127.0.0.1:$($tls.Port)"
        } finally { $tls | Stop-TestServer }
    }
}

Describe 'Export-CaChain on Windows' {
    It 'writes DER files into a folder whose name has spaces and non-ASCII letters' {
        $destination = Join-Path $TestDrive "Zertifikate für Jürgen\Lab CA"
        $written = Get-CaChain -Path "$pki/chain.p7b" | Export-CaChain -Destination $destination
        $written.Count | Should -Be 3
        (Get-ChildItem -LiteralPath $destination).Name | Sort-Object |
            Should -Be 'SchertzLabIssuingCA.cer', 'SchertzLabPolicyCA.cer', 'SchertzLabRootCA.cer'
        $root = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new((Join-Path $destination 'SchertzLabRootCA.cer'))
        $root.Subject | Should -BeLike 'CN=SchertzLabRootCA*'
    }
}

Describe 'Resolve-CaChainError on Windows' {
    It 'explains Schannel''s 0x80090325' {
        $explained = Resolve-CaChainError 0x80090325
        $explained.Name | Should -Be 'SEC_E_UNTRUSTED_ROOT'
        $explained.Fix | Should -BeLike '*Import-CaChain*'
    }
}

Describe 'Get-CaChain and this machine''s own stores' {
    BeforeAll {
        Import-Module $env:CACHAIN_WINDOWS_TEST_SUPPORT -Force
        $lab = @(Get-CaChain -Path "$pki/chain.p7b" -SkipLocalStores).Thumbprint
    }
    AfterAll { Clear-LabFromStore -Thumbprint $lab }

    It 'completes the chain from LocalMachine''s stores, names each store, and leaves them out with -SkipLocalStores' {
        Import-CaChain -Path "$pki/root.cer", "$pki/policy.cer" | Out-Null
        $found = Get-CaChain -Path "$pki/pool1.cer" -IssuerPath "$pki/issuing.cer" -Offline
        $found.Name | Should -Be 'SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA', 'pool1.schertz.lab'
        $found[0].Source | Should -Be 'LocalMachine\Root'
        $found[1].Source | Should -Be 'LocalMachine\CA'
        $skipped = Get-CaChain -Path "$pki/pool1.cer" -IssuerPath "$pki/issuing.cer" -Offline -SkipLocalStores -WarningAction SilentlyContinue
        $skipped.Name | Should -Be 'SchertzLabIssuingCA', 'pool1.schertz.lab'
    }
}
