BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
}

Describe 'Export-CaChain' {
    It 'writes the root and every subordinate CA as DER .cer files, not the leaf' {
        $files = Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/certs"
        $files.Action | Should -Be @('Written', 'Written', 'Written')
        (Get-ChildItem "$TestDrive/certs").Name | Sort-Object | Should -Be @('SchertzLabIssuingCA.cer', 'SchertzLabPolicyCA.cer', 'SchertzLabRootCA.cer')
        Get-Content "$TestDrive/certs/SchertzLabRootCA.cer" -AsByteStream | Should -Be (Get-Content "$pki/root.cer" -AsByteStream)
    }

    It 'takes Get-CaChain output and writes the leaf with -IncludeLeaf' {
        $files = Get-CaChain -Path "$pki/chain.p7b" | Export-CaChain -Destination "$TestDrive/with-leaf" -IncludeLeaf -Format Pem
        $files.Count | Should -Be 4
        $files.Role | Should -BeExactly @('Root', 'Intermediate', 'Intermediate', 'Leaf')
        Get-Content ($files | Where-Object Role -eq Leaf).Path -Raw | Should -BeExactly (Get-Content "$pki/pool1.pem" -Raw)
    }

    It 'writes one .p7b bundle with -Format P7b' {
        $files = Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/bundle" -Format P7b
        $files.Count | Should -Be 1
        # The bundle is named after the chain's target, the leaf it was built for.
        $files.Path | Should -BeExactly "$TestDrive/bundle/pool1.schertz.lab-chain.p7b"
        (Get-CaChain -Path $files.Path).Count | Should -Be 3
    }

    It 'writes nothing with -WhatIf' {
        Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/whatif" -WhatIf | Should -BeNullOrEmpty
        Test-Path "$TestDrive/whatif/*" | Should -BeFalse
    }

    It 'reports each file once when several chains share their CAs' {
        $password = ConvertTo-SecureString 'pfx-password' -AsPlainText -Force
        # Two inputs, one chain of three CAs: three files, not one row per chain per file.
        $files = Export-CaChain -Path "$pki/chain.p7b", "$pki/pool1.pfx" -Password $password -Destination "$TestDrive/shared"
        ($files | ForEach-Object { "$($_.Action) $(Split-Path $_.Path -Leaf)" }) |
            Should -Be @('Written SchertzLabRootCA.cer', 'Written SchertzLabPolicyCA.cer', 'Written SchertzLabIssuingCA.cer')
    }

    It 'never writes the private key of a .pfx' {
        $password = ConvertTo-SecureString 'pfx-password' -AsPlainText -Force
        $files = Export-CaChain -Path "$pki/pool1.pfx" -Password $password -Destination "$TestDrive/from-pfx" -IncludeLeaf -Format Pem
        $files.Count | Should -Be 4
        (Get-ChildItem "$TestDrive/from-pfx").Name | Sort-Object | Should -Be @('pool1.schertz.lab.pem', 'SchertzLabIssuingCA.pem', 'SchertzLabPolicyCA.pem', 'SchertzLabRootCA.pem')
        foreach ($file in Get-ChildItem "$TestDrive/from-pfx") { Get-Content $file -Raw | Should -Not -Match 'PRIVATE KEY' }
    }

    It 'leaves an existing different file alone without -Force, and replaces it with -Force' {
        New-Item -ItemType Directory "$TestDrive/taken" | Out-Null
        Set-Content "$TestDrive/taken/SchertzLabRootCA.cer" 'someone else''s file'
        $files = Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/taken" -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Export-CaChain.Exists,CaChain.Commands.ExportCaChainCommand'
        $problems[0].Exception.Message | Should -BeExactly "$TestDrive/taken/SchertzLabRootCA.cer: a different file with this name already exists; it was left as it is (use -Force to replace it)"
        $files.Count | Should -Be 2
        Get-Content "$TestDrive/taken/SchertzLabRootCA.cer" | Should -Be 'someone else''s file'

        $forced = Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/taken" -Force
        ($forced | Where-Object Role -eq Root).Action | Should -Be 'Replaced'
    }

    It 'reports Unchanged when the same file is already there' {
        Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/again" | Out-Null
        (Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/again").Action | Select-Object -Unique | Should -Be 'Unchanged'
    }

    It 'pipes into Import-CaChain from a folder whose name has brackets' {
        $placed = Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/certs[1]" | Import-CaChain -StorePath "$TestDrive/bracket-store"
        $placed.Count | Should -Be 4
    }

    It 'pipes its output straight into Import-CaChain' {
        $placed = Export-CaChain -Path "$pki/chain.p7b" -Destination "$TestDrive/piped" | Import-CaChain -StorePath "$TestDrive/store"
        $placed.Count | Should -Be 4
    }
}
