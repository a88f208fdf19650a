# Import-CaChain and Remove-CaChain on Windows, into CryptoAPI's LocalMachine
# and CurrentUser stores; the stores are read back through X509Store, and
# Windows' own chain engine judges the trust.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    Import-Module $env:CACHAIN_WINDOWS_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $certs = "$TestDrive/certs"
    Export-CaChain -Path "$pki/chain.p7b" -Destination $certs | Out-Null
    $thumbprints = @{}
    Get-CaChain -Path "$pki/chain.p7b" | ForEach-Object { $thumbprints[$_.Name] = $_.Thumbprint }
    $root = $thumbprints.SchertzLabRootCA
    $subordinates = $thumbprints.SchertzLabPolicyCA, $thumbprints.SchertzLabIssuingCA
    $allLab = @($thumbprints.Values)
}

Describe 'Import-CaChain into <Location>' -ForEach @{ Location = 'LocalMachine' }, @{ Location = 'CurrentUser' } {
    BeforeEach { Clear-LabFromStore -Thumbprint $allLab -Location $Location }
    AfterAll { Clear-LabFromStore -Thumbprint $allLab -Location $Location }

    It 'places the root in Root and CA, and the subordinate CAs in CA only' {
        $placed = Get-ChildItem $certs | Import-CaChain -StoreLocation $Location
        $placed.Count | Should -Be 4
        $placed.Action | Select-Object -Unique | Should -Be 'Added'
        ($placed | Where-Object Store -eq Root).Location | Should -Be "$Location\Root"
        $rootStore = Get-StoreThumbprint -Location $Location -Name Root
        $caStore = Get-StoreThumbprint -Location $Location -Name CA
        $rootStore | Should -Contain $root
        $caStore | Should -Contain $root
        foreach ($thumbprint in $subordinates) {
            $caStore | Should -Contain $thumbprint
            $rootStore | Should -Not -Contain $thumbprint
        }
    }

    It 'says AlreadyPresent on a second run' {
        Get-ChildItem $certs | Import-CaChain -StoreLocation $Location | Out-Null
        $again = Get-ChildItem $certs | Import-CaChain -StoreLocation $Location
        $again.Count | Should -Be 4
        $again.Action | Select-Object -Unique | Should -Be 'AlreadyPresent'
    }

    It 'changes nothing with -WhatIf' {
        Get-ChildItem $certs | Import-CaChain -StoreLocation $Location -WhatIf | Should -BeNullOrEmpty
        foreach ($thumbprint in $allLab) {
            Get-StoreThumbprint -Location $Location -Name Root | Should -Not -Contain $thumbprint
            Get-StoreThumbprint -Location $Location -Name CA | Should -Not -Contain $thumbprint
        }
    }

    It 'refuses the leaf and still places the CAs' {
        $placed = Import-CaChain -Path "$pki/pool1.cer", "$certs/SchertzLabRootCA.cer" -StoreLocation $Location `
            -ErrorVariable refused -ErrorAction SilentlyContinue
        ($placed | Where-Object Action -eq Skipped).Subject | Should -BeLike '*pool1.schertz.lab*'
        ($placed | Where-Object Action -eq Added).Store | Should -Be 'Root'  # the root alone: Root only
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'Import-CaChain.Refused*'
        $leaf = $thumbprints.'pool1.schertz.lab'
        Get-StoreThumbprint -Location $Location -Name Root | Should -Not -Contain $leaf
        Get-StoreThumbprint -Location $Location -Name CA | Should -Not -Contain $leaf
        Get-StoreThumbprint -Location $Location -Name Root | Should -Contain $root
    }

    It 'undoes exactly what it added with Remove-CaChain' {
        Import-CaChain -Path "$certs/SchertzLabPolicyCA.cer" -StoreLocation $Location | Out-Null  # there before
        $placed = Get-ChildItem $certs | Import-CaChain -StoreLocation $Location
        ($placed | Where-Object Action -eq Added).Count | Should -Be 3
        $placed | Remove-CaChain -Confirm:$false | Out-Null
        Get-StoreThumbprint -Location $Location -Name Root | Should -Not -Contain $root
        Get-StoreThumbprint -Location $Location -Name CA | Should -Not -Contain $root
        Get-StoreThumbprint -Location $Location -Name CA | Should -Not -Contain $thumbprints.SchertzLabIssuingCA
        Get-StoreThumbprint -Location $Location -Name CA | Should -Contain $thumbprints.SchertzLabPolicyCA -Because 'it was there before'
    }

    It 'leaves out exactly the writes declined at -Confirm' {
        # One prompt per store write, four in all; the third is declined.
        $env:CACHAIN_PWSH_ANSWERS = 'Y,Y,N,Y'
        try { $placed = Get-ChildItem $certs | Import-CaChain -StoreLocation $Location -Confirm }
        finally { $env:CACHAIN_PWSH_ANSWERS = $null }
        $declined = @($placed | Where-Object Action -eq Skipped)
        $declined.Count | Should -Be 1
        @($placed | Where-Object Action -eq Added).Count | Should -Be 3
        Get-StoreThumbprint -Location $Location -Name $declined[0].Store | Should -Not -Contain $declined[0].Thumbprint
        foreach ($added in $placed | Where-Object Action -eq Added) {
            Get-StoreThumbprint -Location $Location -Name $added.Store | Should -Contain $added.Thumbprint
        }
    }
}

Describe 'Windows itself, before and after' {
    BeforeEach { Clear-LabFromStore -Thumbprint $allLab -Location LocalMachine }
    AfterAll { Clear-LabFromStore -Thumbprint $allLab -Location LocalMachine }

    It 'trusts the server only after the import, stops after the undo, and Test-CaChain agrees each time' {
        $server = Start-TlsServer -Pki $pki -WithIntermediates
        try {
            $before = Test-WindowsTrust -Pki $pki
            $before.Trusted | Should -BeFalse -Because $before.Output
            Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -DnsName pool1.schertz.lab -Quiet | Should -BeFalse

            $placed = Get-ChildItem $certs | Import-CaChain
            $after = Test-WindowsTrust -Pki $pki
            $after.Trusted | Should -BeTrue -Because $after.Output
            Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -DnsName pool1.schertz.lab -Quiet | Should -BeTrue

            $placed | Remove-CaChain -Confirm:$false | Out-Null
            $undone = Test-WindowsTrust -Pki $pki
            $undone.Trusted | Should -BeFalse -Because $undone.Output
            Test-CaChain -ComputerName 127.0.0.1 -Port $server.Port -DnsName pool1.schertz.lab -Quiet | Should -BeFalse
        } finally { $server | Stop-TestServer }
    }
}

# -SystemRoot names a Linux image's root folder. On Windows, LocalMachine is
# the machine's own stores: the folder is refused, never taken for them.
Describe '-SystemRoot on Windows' {
    BeforeEach { Clear-LabFromStore -Thumbprint $allLab -Location LocalMachine }
    AfterAll { Clear-LabFromStore -Thumbprint $allLab -Location LocalMachine }

    It 'is refused by Import-CaChain, which then places nothing in this machine''s stores' {
        $image = New-Item -ItemType Directory "$TestDrive/image"
        $refused = { Get-ChildItem $certs | Import-CaChain -SystemRoot $image.FullName } | Should -Throw -PassThru
        $refused.Exception.Message | Should -Be "$($image.FullName): a system root is the root folder of a Linux image or container; on Windows, LocalMachine is this machine's own stores, which a folder cannot stand for: leave the system root out to use them"
        $refused.CategoryInfo.Category | Should -Be 'NotImplemented'
        foreach ($thumbprint in $allLab) {
            Get-StoreThumbprint -Location LocalMachine -Name Root | Should -Not -Contain $thumbprint
            Get-StoreThumbprint -Location LocalMachine -Name CA | Should -Not -Contain $thumbprint
        }
    }

    It 'is refused by Test-CaChain, which does not answer for this machine instead' {
        $image = New-Item -ItemType Directory "$TestDrive/image2"
        $refused = { Test-CaChain -Path "$pki/pool1.cer" -IssuerPath $certs -SystemRoot $image.FullName } | Should -Throw -PassThru
        $refused.Exception.Message | Should -BeLike "$($image.FullName): a system root is the root folder of a Linux image*"
    }
}

Describe 'Import-CaChain -StoreLocation Bundle on Windows' {
    It 'keeps the user''s own bundle in %LOCALAPPDATA%\CaChain, which openssl.exe then verifies the server with, and Remove-CaChain deletes it' {
        $own = Join-Path $env:LOCALAPPDATA 'CaChain\ca-bundle.pem'
        Test-Path $own | Should -BeFalse -Because 'a fresh Wine prefix has no bundle yet'
        $placed = Import-CaChain -Path "$certs/*.cer" -StoreLocation Bundle -WarningAction SilentlyContinue
        @($placed | Where-Object Action -eq Added | ForEach-Object { "$($_.Store) $($_.StorePath)" } | Sort-Object) |
            Should -Be @("CA $own", "CA $own", "Root $own")
        @(Get-StoreThumbprint -Location CurrentUser -Name Root) | Should -Not -Contain $root -Because 'a bundle is not the system store'
        # The intermediates too come from the bundle alone.
        $verified = & (Get-OpenSslProgram) verify -CAfile $own "$pki/pool1.pem" 2>&1
        $verified | Should -Be "$pki/pool1.pem: OK"
        $placed | Remove-CaChain -Confirm:$false | Out-Null
        Test-Path $own | Should -BeFalse
    }
}

Describe 'Import-CaChain -StoreLocation Nss on Windows' {
    It 'is refused with the reason and the Windows stores to use instead, and places nothing' {
        $refused = { Import-CaChain -Path "$certs/*.cer" -StoreLocation Nss } | Should -Throw -PassThru
        $refused.Exception.Message | Should -BeExactly ("NSS: NSS databases are changed through certutil, which Windows lacks; Chrome and Edge on Windows " +
            "trust the Windows stores (-StoreLocation LocalMachine or CurrentUser)")
        $refused.CategoryInfo.Category | Should -Be 'NotImplemented'
        @(Get-StoreThumbprint -Location CurrentUser -Name Root) | Should -Not -Contain $root
    }
}

Describe 'Import-CaChain -StoreLocation Java on Windows' {
    It 'is refused with the reason and what Java on Windows reads instead' {
        $refused = { Import-CaChain -Path "$certs/*.cer" -StoreLocation Java } | Should -Throw -PassThru
        $refused.Exception.Message | Should -BeExactly ("Java: Java keystores are changed through keytool, which CaChain runs on Linux only; " +
            "on Windows, Java reads the Windows stores with -Djavax.net.ssl.trustStoreType=Windows-ROOT")
        $refused.CategoryInfo.Category | Should -Be 'NotImplemented'
    }
}

Describe 'Import-CaChain -StoreLocation All on Windows' {
    BeforeEach { Clear-LabFromStore -Thumbprint $allLab -Location LocalMachine }
    AfterAll { Clear-LabFromStore -Thumbprint $allLab -Location LocalMachine }

    It 'is LocalMachine, whose stores Chrome, Edge and Java read there, and its results undo it' {
        $placed = Get-ChildItem $certs | Import-CaChain -StoreLocation All
        $placed | ForEach-Object { "$($_.StoreLocation) $($_.Location) $($_.Action)" } | Should -Be @(
            'LocalMachine LocalMachine\CA Added', 'LocalMachine LocalMachine\CA Added', 'LocalMachine LocalMachine\Root Added', 'LocalMachine LocalMachine\CA Added')
        $placed | ForEach-Object { "[$($_.StorePath)][$($_.SystemRoot)]" } | Select-Object -Unique | Should -Be '[][]'
        Get-StoreThumbprint -Location LocalMachine -Name Root | Should -Contain $root
        $placed | Remove-CaChain -Confirm:$false | Out-Null
        foreach ($thumbprint in $allLab) {
            Get-StoreThumbprint -Location LocalMachine -Name Root | Should -Not -Contain $thumbprint
            Get-StoreThumbprint -Location LocalMachine -Name CA | Should -Not -Contain $thumbprint
        }
    }
}

Describe 'Test-CaChain -StoreLocation All on Windows' {
    It 'is refused: a verdict is about one store, even where All is LocalMachine alone' {
        $refused = { Test-CaChain -Path "$pki/pool1.cer" -StoreLocation All -ErrorAction Stop } | Should -Throw -PassThru
        $refused.Exception.Message | Should -BeExactly ("LocalMachine\Root: -StoreLocation All stands for every store of the user's software (1 here), " +
            "and a trust verdict is about one: test each with its own -StoreLocation")
    }
}
