BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $certs = "$TestDrive/certs"
    Export-CaChain -Path "$pki/chain.p7b" -Destination $certs | Out-Null
}

Describe 'Remove-CaChain' {
    It 'removes exactly what an import added, and leaves what was already there' {
        $store = "$TestDrive/store"
        Import-CaChain -Path "$certs/SchertzLabRootCA.cer" -StorePath $store | Out-Null  # alone: Root only
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath $store
        ($placed | Where-Object Action -eq AlreadyPresent).Store | Should -Be 'Root'
        $removed = $placed | Remove-CaChain
        $removed.Action | Select-Object -Unique | Should -Be 'Removed'
        # The root's CA entry came with its subordinates, so it goes with them.
        ($removed | ForEach-Object { "$($_.Subject -replace '^CN=([^,]+).*', '$1') $($_.Store)" }) | Sort-Object |
            Should -Be 'SchertzLabIssuingCA CA', 'SchertzLabPolicyCA CA', 'SchertzLabRootCA CA'
        (Get-ChildItem "$store/Root").Count | Should -Be 1
        (Get-ChildItem "$store/CA").Count | Should -Be 0
    }

    It 'removes by thumbprint from Root and CA' {
        $store = "$TestDrive/by-thumbprint"
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath $store
        $root = ($placed | Where-Object Role -eq Root)[0].Thumbprint
        $removed = Remove-CaChain -Thumbprint $root -StorePath $store
        ($removed | Where-Object Action -eq Removed).Store | Sort-Object | Should -Be @('CA', 'Root')
    }

    It 'leaves out the stores a certificate was never in, and outputs them only with -Verbose' {
        $store = "$TestDrive/never-in-root"
        Import-CaChain -Path "$certs/SchertzLabIssuingCA.cer" -StorePath $store | Out-Null  # a subordinate CA: CA only
        $issuing = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$certs/SchertzLabIssuingCA.cer").Thumbprint
        # Verbose messages shown, but -Verbose not given: the message, no object.
        $removed = & { $VerbosePreference = 'Continue'; Remove-CaChain -Thumbprint $issuing -StorePath $store } 4>&1
        $removed | ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { "verbose: $($_.Message)" } else { "$($_.Action) $($_.Store)" } } |
            Should -Be @("verbose: $issuing is not in $store/Root: nothing to remove there.", 'Removed CA')
        Import-CaChain -Path "$certs/SchertzLabIssuingCA.cer" -StorePath $store | Out-Null
        $verbose = Remove-CaChain -Thumbprint $issuing -StorePath $store -Verbose 4>$null
        ($verbose | ForEach-Object { "$($_.Action) $($_.Store)" }) | Should -Be @('NotPresent Root', 'Removed CA')
    }

    It 'takes a thumbprint copied from the MMC, with spaces and the invisible left-to-right mark' {
        $store = "$TestDrive/mmc-thumbprint"
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath $store
        $root = ($placed | Where-Object Role -eq Root)[0].Thumbprint
        $copied = [char]0x200E + (($root.ToLowerInvariant() -split '(..)' -ne '') -join ' ')
        $removed = Remove-CaChain -Thumbprint $copied -StorePath $store
        ($removed | Where-Object Action -eq Removed).Store | Sort-Object | Should -Be @('CA', 'Root')
        ($removed | Where-Object Action -eq Removed).Thumbprint | Select-Object -Unique | Should -Be $root
    }

    It 'changes nothing with -WhatIf' {
        $store = "$TestDrive/whatif"
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath $store
        $placed | Remove-CaChain -WhatIf | Should -BeNullOrEmpty
        (Get-ChildItem "$store/CA").Count | Should -Be 3
    }

    It 'takes Get-CaChain output' {
        $store = "$TestDrive/from-chain"
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath $store
        $placed.Action | Should -Be @('Added', 'Added', 'Added', 'Added')
        $root, $policy, $issuing = 'SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA' | ForEach-Object { Get-StoreEntryName "$certs/$_.cer" }
        Get-StoreFolderContent "$store/Root" | Should -Be $root
        Get-StoreFolderContent "$store/CA" | Should -Be ($root, $policy, $issuing | Sort-Object)
        $removed = Get-CaChain -Path "$pki/chain.p7b" | Remove-CaChain -StorePath $store
        ($removed | Where-Object Action -eq Removed).Count | Should -Be 4
        @(Get-ChildItem "$store" -Recurse -File).Count | Should -Be 0
    }

    It 'refuses to undo here what an import placed on another computer' {
        $store = "$TestDrive/elsewhere"
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath $store
        $placed | ForEach-Object { $_.PlacedOn = 'server1' }
        $removed = $placed | Remove-CaChain -ErrorVariable problems -ErrorAction SilentlyContinue
        $removed | Should -BeNullOrEmpty
        $problems.Count | Should -Be 4
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Remove-CaChain.OtherComputer,CaChain.Commands.RemoveCaChainCommand'
        $problems[0].Exception.Message | Should -BeExactly ("$($placed[0].Thumbprint) was placed on server1, not on this machine: undo it there, " +
            'for example with Invoke-Command -Session <its session> { $using:results | Remove-CaChain }.')
        $problems[0].TargetObject | Should -Be 'server1'
        (Get-ChildItem "$store/CA").Count | Should -Be 3
    }

    It 'takes the intermediates out of intermediates.pem too when it removes the last of them' -Skip:(-not $IsLinux) {
        $system = New-TestSystemRoot "$TestDrive/undo-intermediates"
        openssl x509 -inform DER -in "$pki/root.cer" -out "$TestDrive/root.pem"
        $chainFile = "$system/usr/local/share/cachain/intermediates.pem"
        $placed = Get-ChildItem $certs | Import-CaChain -SystemRoot $system
        openssl verify -CAfile "$TestDrive/root.pem" -untrusted $chainFile "$pki/pool1.pem" | Should -Be "$pki/pool1.pem: OK"
        ($placed | Remove-CaChain).Count | Should -Be 4
        @(Get-ChildItem "$system/usr/local/share/cachain/intermediates").Count | Should -Be 0
        (Get-Item $chainFile).Length | Should -Be 0  # kept, empty: tools may be pointed at it
        openssl verify -CAfile "$TestDrive/root.pem" -untrusted $chainFile "$pki/pool1.pem" 2>&1 | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
    }

    It 'removes the root from an image where it is the only trusted certificate' -Skip:(-not $IsLinux) {
        New-Item -ItemType Directory "$TestDrive/empty-image" | Out-Null
        Push-Location $TestDrive
        try {
            $placed = Get-ChildItem $certs | Import-CaChain -SystemRoot ./empty-image
            $removed = $placed | Remove-CaChain -ErrorVariable problems
        } finally { Pop-Location }
        $problems | Should -BeNullOrEmpty
        $removed.Action | Select-Object -Unique | Should -Be 'Removed'
        $removed.Count | Should -Be 4
        (Get-Item "$TestDrive/empty-image/etc/ssl/certs/ca-certificates.crt").Length | Should -Be 0
        (Get-ChildItem "$TestDrive/empty-image/etc/ssl/certs").Name | Should -Be 'ca-certificates.crt'
    }

    It 'undoes exactly the files an import added to a RHEL image, and says what to run inside it' -Skip:(-not $IsLinux) {
        $image = "$TestDrive/rhel-image"
        New-Item -ItemType Directory "$image/etc/pki/ca-trust/source/anchors" -Force | Out-Null
        Set-Content "$image/etc/os-release" 'ID="rocky"', 'ID_LIKE="rhel centos fedora"'
        $placed = Get-ChildItem $certs | Import-CaChain -SystemRoot $image -WarningAction SilentlyContinue
        $removed = $placed | Remove-CaChain -WarningVariable warnings -WarningAction SilentlyContinue
        $removed.Action | Select-Object -Unique | Should -Be 'Removed'
        Get-ChildItem $image -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($image, $_.FullName) } | Sort-Object |
            Should -Be @('etc/os-release', 'usr/local/share/cachain/intermediates.pem')
        (Get-Item "$image/usr/local/share/cachain/intermediates.pem").Length | Should -Be 0
        $warnings.Message | Should -Be ("$image is a RHEL image whose own tool cannot run from this machine: run 'update-ca-trust extract' inside the image " +
            "(for example: chroot $image update-ca-trust extract) so that its trust bundle reflects the change in $image/etc/pki/ca-trust/source/anchors")
    }

    It 'refuses a thumbprint that is not 40 hex digits' {
        { Remove-CaChain -Thumbprint 'CN=SchertzLabRootCA' -StorePath "$TestDrive/x" } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CaChain.Commands.RemoveCaChainCommand'
    }
}
