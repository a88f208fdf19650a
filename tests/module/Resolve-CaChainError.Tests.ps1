BeforeAll { Import-Module $env:CACHAIN_MODULE -Force }

Describe 'Resolve-CaChainError' {
    It 'explains 0x80090325 with its name, causes and fix' {
        $info = Resolve-CaChainError 0x80090325
        $info.Name | Should -Be 'SEC_E_UNTRUSTED_ROOT'
        $info.Code | Should -Be '0x80090325'
        $info.Description | Should -BeExactly 'The server''s certificate chain ends in a root this machine does not trust.'
        $info.LikelyCauses | Should -BeExactly @(
            'this machine is outside the domain, so it never received the internal root CA certificate'
            'only the root was imported, without the issuing (subordinate) CA certificates'
            'the root was imported into the user''s store or the wrong folder instead of the computer''s Root store'
        )
        $info.Fix | Should -BeExactly 'Import-CaChain -Path <the exported .cer files> (export them first with Get-CaChain -ComputerName <server> | Export-CaChain -Destination <folder>)'
    }

    It 'reads hex, decimal, negative and symbolic forms alike' {
        $forms = '0x80090325', '2148074277', '-2146893019', 'SEC_E_UNTRUSTED_ROOT'
        ($forms | Resolve-CaChainError).Name | Select-Object -Unique | Should -Be 'SEC_E_UNTRUSTED_ROOT'
    }

    It 'reads a code as the event log shows it, without 0x' {
        (Resolve-CaChainError 80090325).Code | Should -Be '0x80090325'
        ('800B010A', '80070005' | Resolve-CaChainError).Name | Should -Be 'CERT_E_CHAINING', 'E_ACCESSDENIED'
    }

    It 'reads OpenSSL''s own words for a code, in any case' {
        $info = Resolve-CaChainError 'unable to get local issuer certificate'
        $info.Name | Should -Be 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
        $info.Code | Should -Be '20'
        (Resolve-CaChainError 'Certificate has expired').Name | Should -Be 'X509_V_ERR_CERT_HAS_EXPIRED'
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

    It 'tells a cipher mismatch apart from a missing chain' {
        $info = Resolve-CaChainError 0x80090302
        $info.Name | Should -Be 'SEC_E_UNSUPPORTED_FUNCTION'
        $info.Fix | Should -BeExactly ('Enable a TLS version and cipher suite both sides support (TLS 1.2 or later; on Windows the SCHANNEL\Protocols registry keys ' +
            'and the SSL Cipher Suite Order policy); importing CA certificates does not help')
    }

    It 'writes an error naming an unknown code and goes on' {
        $infos = 'nonsense', '0x800B0109' | Resolve-CaChainError -ErrorVariable problems -ErrorAction SilentlyContinue
        $infos.Name | Should -Be 'CERT_E_UNTRUSTEDROOT'
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeExactly "'nonsense': not a number, a known name or OpenSSL's text for a known code"
        $problems[0].FullyQualifiedErrorId | Should -Be 'Resolve-CaChainError.Argument,CaChain.Commands.ResolveCaChainErrorCommand'
    }

    It 'refuses an empty code given as an argument' {
        Resolve-CaChainError '' -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Resolve-CaChainError.Argument,CaChain.Commands.ResolveCaChainErrorCommand'
        $problems[0].Exception.Message | Should -BeExactly "'': not a number, a known name or OpenSSL's text for a known code"
    }
}

Describe 'Resolve-CaChainError with Test-CaChain' {
    BeforeAll {
        Import-Module $env:CACHAIN_TEST_SUPPORT -Force
        $pki = New-TestPki "$TestDrive/pki"
        Import-CaChain -Path "$pki/root.cer", "$pki/policy.cer", "$pki/issuing.cer" -StorePath "$TestDrive/store" | Out-Null
        New-Item -ItemType Directory "$TestDrive/empty" | Out-Null  # a store that exists and holds nothing
        $untrusted = Test-CaChain -Path "$pki/pool1.cer" -IssuerPath "$pki/chain.p7b" -StorePath "$TestDrive/empty" -Offline
        $trusted = Test-CaChain -Path "$pki/pool1.cer" -IssuerPath "$pki/chain.p7b" -StorePath "$TestDrive/store" -Offline
    }

    It 'explains the TLS error of a piped result' {
        $untrusted.Trusted | Should -Be $false
        $info = $untrusted | Resolve-CaChainError
        $info.Code | Should -Be '0x80090325'
        $info.Name | Should -Be 'SEC_E_UNTRUSTED_ROOT'
    }

    It 'passes over a trusted result, which has no code, without an error' {
        $trusted.Trusted | Should -BeTrue
        $infos = @($trusted, $untrusted | Resolve-CaChainError -ErrorVariable problems)
        $infos.Name | Should -Be 'SEC_E_UNTRUSTED_ROOT'
        $problems.Count | Should -Be 0
    }
}

Describe 'Tab completion of Resolve-CaChainError' {
    BeforeAll {
        function Get-Completion([string] $Line) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
        }
    }

    It 'completes the catalogue''s names from a prefix' {
        (Get-Completion 'Resolve-CaChainError SEC_E_CERT').CompletionText |
            Should -Be 'SEC_E_CERT_EXPIRED', 'SEC_E_CERT_UNKNOWN', 'SEC_E_CERT_WRONG_USAGE'
    }

    It 'completes OpenSSL names in any case, after -Code too' {
        (Get-Completion 'Resolve-CaChainError -Code x509_v_err_cert_').CompletionText |
            Should -Be 'X509_V_ERR_CERT_CHAIN_TOO_LONG', 'X509_V_ERR_CERT_HAS_EXPIRED', 'X509_V_ERR_CERT_NOT_YET_VALID',
                'X509_V_ERR_CERT_REJECTED', 'X509_V_ERR_CERT_REVOKED', 'X509_V_ERR_CERT_SIGNATURE_FAILURE',
                'X509_V_ERR_CERT_UNTRUSTED'
    }

    It 'shows the code and its meaning as the tooltip' {
        $match = Get-Completion 'Resolve-CaChainError SEC_E_UNTRUSTED_R'
        $match.CompletionText | Should -Be 'SEC_E_UNTRUSTED_ROOT'
        $match.ToolTip | Should -BeExactly '0x80090325 The server''s certificate chain ends in a root this machine does not trust.'
    }

    It 'offers every name of the catalogue for an empty word' {
        $names = (Get-Completion 'Resolve-CaChainError ').CompletionText
        $names | Should -Contain 'SEC_E_NO_AUTHENTICATING_AUTHORITY'
        $names | Should -Contain 'X509_V_OK'
        $names | Should -Contain 'X509_V_ERR_CRL_HAS_EXPIRED'  # what -CheckRevocation reports for an expired CRL
        # The catalogue's rows (native/src/error_catalog.cpp), each once.
        $names.Count | Should -Be 107
        ($names | Select-Object -Unique).Count | Should -Be 107
    }
}
