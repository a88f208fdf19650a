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

    It 'changes nothing with -WhatIf' {
        $store = "$TestDrive/whatif"
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath $store
        $placed | Remove-CaChain -WhatIf | Should -BeNullOrEmpty
        (Get-ChildItem "$store/CA").Count | Should -Be 3
    }

    It 'takes Get-CaChain output' {
        $store = "$TestDrive/from-chain"
        Get-ChildItem $certs | Import-CaChain -StorePath $store | Out-Null
        Get-CaChain -Path "$pki/chain.p7b" | Remove-CaChain -StorePath $store | Out-Null
        @(Get-ChildItem "$store" -Recurse -File).Count | Should -Be 0
    }

    It 'refuses to undo here what an import placed on another computer' {
        $store = "$TestDrive/elsewhere"
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath $store
        $placed | ForEach-Object { $_.ComputerName = 'server1' }
        $removed = $placed | Remove-CaChain -ErrorVariable problems -ErrorAction SilentlyContinue
        $removed | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Remove-CaChain.OtherComputer,*'
        (Get-ChildItem "$store/CA").Count | Should -Be 3
    }

    It 'refuses a thumbprint that is not 40 hex digits' {
        { Remove-CaChain -Thumbprint 'CN=SchertzLabRootCA' -StorePath "$TestDrive/x" } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CaChain.Commands.RemoveCaChainCommand'
    }
}
