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
        $result.Trusted | Should -BeFalse
        $result.TlsError | Should -Be '0x80090325'
        $result.TlsErrorName | Should -Be 'SEC_E_UNTRUSTED_ROOT'
        $result.ChainError | Should -BeIn '0x800B0109', '0x800B010A'
        $result.OpenSslCode | Should -BeGreaterThan 0
        $result.Reason | Should -Match 'SchertzLabRootCA'
        $result.Fix | Should -Match 'Import-CaChain'
    }

    It 'says the chain is trusted once the CAs are imported' {
        $store = "$TestDrive/store"
        Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/certs" | Import-CaChain -StorePath $store | Out-Null
        $result = Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -StorePath $store -Offline
        $result.Trusted | Should -BeTrue
        $result.TlsError | Should -BeNullOrEmpty
        $result.OpenSslCode | Should -Be 0
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
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Test-CaChain.PathNotFound,*'
        $problems[0].TargetObject | Should -Be $missing
        Test-Path $missing | Should -BeFalse
    }

    It 'says that a system root that does not exist does not exist' -Skip:(-not $IsLinux) {
        $missing = Join-Path $TestDrive 'no-such-image'
        Test-CaChain -Path "$pki/chain.p7b" -SystemRoot $missing -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].Exception.Message | Should -Be "${missing}: the store does not exist (no such folder)"
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'names the missing issuing CA when only the root was imported' {
        $store = "$TestDrive/root-only"
        Import-CaChain -Path "$pki/root.cer" -StorePath $store | Out-Null
        $result = Test-CaChain -Path "$pki/pool1.cer" -StorePath $store -Offline
        $result.Trusted | Should -BeFalse
        $result.Reason | Should -Match 'SchertzLabIssuingCA'
        $result.ChainError | Should -Be '0x800B010A'
    }
}
