# The seed's story on one machine: a workstation outside the domain fails to
# connect to pool1.schertz.lab, Test-CaChain explains why, the CA chain is
# exported on the server side and imported on the workstation, and the same
# connection then succeeds. Real openssl s_server and s_client, the real
# update-ca-certificates in a temporary system root.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"

    # s_client's verdict on the handshake: its unindented "Verify return code"
    # line (the session tickets after a handshake repeat it, indented).
    function Get-VerifyReturnCode($Client) { $Client.Output -split '\n' | Where-Object { $_ -like 'Verify return code:*' } }
}

Describe 'A workstation outside the domain learns to trust pool1.schertz.lab' -Skip:(-not $IsLinux) {
    BeforeAll {
        $server = Start-TlsServer -Pki $pki -WithIntermediates
        $workstation = New-TestSystemRoot "$TestDrive/workstation"
        $bundle = "$workstation/etc/ssl/certs/ca-certificates.crt"
    }
    AfterAll { $server | Stop-TestServer }

    It '1. fails to connect, with the untrusted-root error' {
        $client = Test-OpenSslClient -Port $server.Port -CAFile $bundle
        $client.Connected | Should -BeFalse
        # The server sends no root and the bundle holds only the public root:
        # the chain stops at SchertzLabPolicyCA, whose issuer is not local.
        Get-VerifyReturnCode $client | Should -BeExactly 'Verify return code: 20 (unable to get local issuer certificate)'
    }

    It '2. is told why by Test-CaChain, with the fix' {
        $result = Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -DnsName pool1.schertz.lab -SystemRoot $workstation -Offline
        $result.Trusted | Should -Be $false
        $result.TlsError | Should -Be '0x80090325'
        $result.Reason | Should -BeExactly ("the chain is incomplete: the issuer 'CN=SchertzLabRootCA, DC=schertz, DC=lab' of 'SchertzLabPolicyCA' " +
            "is in neither $workstation/usr/local/share/ca-certificates/cachain nor $workstation/usr/local/share/cachain/intermediates, and was not supplied")
        $result.Fix | Should -BeExactly 'export the whole CA chain on a machine that has it (Get-CaChain | Export-CaChain) and run Import-CaChain here'
    }

    It '3. exports the CA chain on the server side' {
        $files = Get-CaChain -ComputerName 127.0.0.1 -Port $server.Port -IssuerPath "$pki/root.cer" -Offline |
            Export-CaChain -Destination "$TestDrive/carried-over"
        $files.Role | Sort-Object | Should -Be @('Intermediate', 'Intermediate', 'Root')
    }

    It '4. imports it on the workstation, the root into Root and CA, the others into CA' {
        $placed = Get-ChildItem "$TestDrive/carried-over" | Import-CaChain -SystemRoot $workstation
        ($placed | Where-Object Store -eq Root).Count | Should -Be 1
        ($placed | Where-Object Store -eq CA).Count | Should -Be 3
        $placed.Action | Select-Object -Unique | Should -Be 'Added'
    }

    It '5. now connects, and Test-CaChain says the chain is trusted' {
        $client = Test-OpenSslClient -Port $server.Port -CAFile $bundle
        $client.Connected | Should -BeTrue
        Get-VerifyReturnCode $client | Should -BeExactly 'Verify return code: 0 (ok)'
        (Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -DnsName pool1.schertz.lab -SystemRoot $workstation -Offline).Trusted | Should -BeTrue
    }
}

Describe 'The one-tier variant' -Skip:(-not $IsLinux) {
    BeforeAll {
        $server = Start-TlsServer -Pki $pki -Name web1
        $workstation = New-TestSystemRoot "$TestDrive/one-tier"
    }
    AfterAll { $server | Stop-TestServer }

    It 'goes from untrusted to trusted with the single root' {
        (Test-OpenSslClient -Port $server.Port -CAFile "$workstation/etc/ssl/certs/ca-certificates.crt").Connected | Should -BeFalse
        Import-CaChain -Path "$pki/onetier-root.cer" -SystemRoot $workstation | Out-Null
        (Test-OpenSslClient -Port $server.Port -CAFile "$workstation/etc/ssl/certs/ca-certificates.crt").Connected | Should -BeTrue
        (Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -DnsName web1.schertz.lab -SystemRoot $workstation -Offline).Trusted | Should -BeTrue
    }
}

Describe 'The mistake the seed warns about: only the root imported' {
    BeforeAll { $server = Start-TlsServer -Pki $pki }  # sends no intermediates
    AfterAll { $server | Stop-TestServer }

    It 'is detected and explained: the issuing CA is still missing' {
        $store = "$TestDrive/root-only"
        Import-CaChain -Path "$pki/root.cer" -StorePath $store | Out-Null
        $result = Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -DnsName pool1.schertz.lab -StorePath $store -Offline
        $result.Trusted | Should -Be $false
        $result.ChainError | Should -Be '0x800B010A'
        $result.Reason | Should -BeExactly ("the chain is incomplete: the issuer 'CN=SchertzLabIssuingCA, DC=schertz, DC=lab' of 'pool1.schertz.lab' " +
            "is in neither $store/Root nor $store/CA, and was not supplied")
        (Test-OpenSslClient -Port $server.Port -CAFile "$store/Root/$((Get-ChildItem "$store/Root")[0].Name)").Connected | Should -BeFalse
    }

    It 'is fixed by importing the subordinate CAs too' {
        $store = "$TestDrive/root-only"
        Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/all-cas" | Import-CaChain -StorePath $store | Out-Null
        (Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -DnsName pool1.schertz.lab -StorePath $store -Offline).Trusted | Should -BeTrue
    }
}
