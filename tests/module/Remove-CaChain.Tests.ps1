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
        Import-CaChain -Path "$certs/SchertzLabRootCA.cer" -StorePath $store | Out-Null
        $placed = Get-ChildItem $certs | Import-CaChain -StorePath $store
        ($placed | Where-Object Action -eq AlreadyPresent).Count | Should -Be 2
        $removed = $placed | Remove-CaChain
        $removed.Action | Select-Object -Unique | Should -Be 'Removed'
        $removed.Count | Should -Be 2
        (Get-ChildItem "$store/Root").Count | Should -Be 1
        (Get-ChildItem "$store/CA").Count | Should -Be 1
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

    It 'refuses a thumbprint that is not 40 hex digits' {
        { Remove-CaChain -Thumbprint 'CN=SchertzLabRootCA' -StorePath "$TestDrive/x" } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CaChain.Commands.RemoveCaChainCommand'
    }
}
