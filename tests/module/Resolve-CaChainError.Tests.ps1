BeforeAll { Import-Module $env:CACHAIN_MODULE -Force }

Describe 'Resolve-CaChainError' {
    It 'explains 0x80090325 with its name, causes and fix' {
        $info = Resolve-CaChainError 0x80090325
        $info.Name | Should -Be 'SEC_E_UNTRUSTED_ROOT'
        $info.Code | Should -Be '0x80090325'
        $info.Description | Should -Not -BeNullOrEmpty
        $info.LikelyCauses.Count | Should -BeGreaterThan 0
        $info.Fix | Should -Match 'Import-CaChain'
    }

    It 'reads hex, decimal, negative and symbolic forms alike' {
        $forms = '0x80090325', '2148074277', '-2146893019', 'SEC_E_UNTRUSTED_ROOT'
        ($forms | Resolve-CaChainError).Name | Select-Object -Unique | Should -Be 'SEC_E_UNTRUSTED_ROOT'
    }

    It 'takes numbers from the pipeline' {
        (-2146762487 | Resolve-CaChainError).Name | Should -Be 'CERT_E_UNTRUSTEDROOT'
        (0x800B010A | Resolve-CaChainError).Name | Should -Be 'CERT_E_CHAINING'
    }

    It 'explains OpenSSL verify codes' {
        $info = Resolve-CaChainError 20
        $info.Kind | Should -Be 'OpenSSL'
        $info.Name | Should -Be 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
    }

    It 'writes an error naming an unknown code and goes on' {
        $infos = 'nonsense', '0x800B0109' | Resolve-CaChainError -ErrorVariable problems -ErrorAction SilentlyContinue
        $infos.Name | Should -Be 'CERT_E_UNTRUSTEDROOT'
        $problems[0].Exception.Message | Should -Match 'nonsense'
    }
}
